"""``make demo-wall``: the demo with a wall that spans PCs (issue 21): a Mosquitto broker (password file and
ACL), two wall agents each on an extra virtual monitor (its own Xvfb), and the demo console whose wall map
follows and drives them (in the demo it puts the first cameras on every remote monitor once it is online;
then drag cameras, tiles or layouts onto the monitor rows). ``--quit-after S --shots DIR`` writes the
console's and both agents' screens as PNGs just before quitting.

    python -m videowall.demo_wall [--port 8554] [--quit-after 60 --shots DIR]
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from videowall.broker.mqtt import MOSQUITTO_ACL
from videowall.config import app_paths
from videowall.display.xserver import DisplayError, VirtualDisplay, grab_screen
from videowall.tools import stopped_with_parent

AGENTS = ("wall-left", "wall-right")
SITE = "demo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _credentials(root: Path, name: str, password: str) -> Path:
    path = root / f"{name}.cred"
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(f"{name}:{password}\n")
    return path


def start_broker(stack: ExitStack, root: Path) -> tuple[str, dict[str, Path], subprocess.Popen[bytes]]:
    """Mosquitto on a free loopback port with a fresh password per account; (URL, credential files, process)."""
    mosquitto = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    if not Path(mosquitto).exists():
        raise SystemExit("mosquitto is not installed (make setup installs it)")
    root.mkdir(parents=True, exist_ok=True)
    passwd = root / "passwd"
    passwd.unlink(missing_ok=True)
    passwd.touch(mode=0o600)
    files = {}
    for name in ("console", *AGENTS):
        password = secrets.token_urlsafe(18)
        subprocess.run(["mosquitto_passwd", "-b", str(passwd), name, password], check=True, capture_output=True)
        files[name] = _credentials(root, name, password)
    (root / "acl").write_text(MOSQUITTO_ACL)
    (root / "store").mkdir(exist_ok=True)
    port = _free_port()
    (root / "mosquitto.conf").write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous false\npassword_file {passwd}\nacl_file {root / 'acl'}\n"
        f"persistence true\npersistence_location {root / 'store'}/\nuser {getpass.getuser()}\n")
    log = stack.enter_context(open(root / "broker.log", "ab"))  # noqa: SIM115
    proc = subprocess.Popen(stopped_with_parent([mosquitto, "-c", str(root / "mosquitto.conf")]),
                            stdout=subprocess.DEVNULL, stderr=log)
    stack.callback(_stop, proc)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return f"mqtt://127.0.0.1:{port}", files, proc
        except OSError:
            time.sleep(0.05)
    raise SystemExit("mosquitto did not start: see " + str(root / "broker.log"))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="videowall.demo_wall", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8554, help="RTSP port of the simulated fleet")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS")
    parser.add_argument("--shots", type=Path, metavar="DIR", help="with --quit-after: PNGs of the three screens")
    args = parser.parse_args(argv)
    root = app_paths().data_dir / "demo-wall"
    with ExitStack() as stack:
        url, creds, _broker = start_broker(stack, root / "broker")
        screens = []
        for name in AGENTS:
            display = stack.enter_context(VirtualDisplay(screens=((1280, 720),)))
            screens.append((name, display.name))
            agent_log = stack.enter_context(open(root / f"{name}.log", "ab"))
            proc = subprocess.Popen(stopped_with_parent(
                [sys.executable, "-m", "videowall", "agent", "--broker", url, "--name", name, "--site", SITE,
                 "--credentials", str(creds[name]), "--cache", str(root / f"cache-{name}")]),
                env={**os.environ, "DISPLAY": display.name, "QT_QPA_PLATFORM": "xcb"},
                stdout=subprocess.DEVNULL, stderr=agent_log)
            stack.callback(_stop, proc)
            print(f"wall agent {name} on virtual monitor {display.name}", file=sys.stderr)
        console = [sys.executable, "-m", "videowall", "demo", "--port", str(args.port), "--wall-broker", url,
                   "--wall-credentials", str(creds["console"]), "--wall-site", SITE]
        if args.quit_after:
            console += ["--quit-after", str(args.quit_after)]
            if args.shots:
                console += ["--screenshot", str(args.shots / "console.png")]
                timer = threading.Timer(max(1.0, args.quit_after - 4), _shoot, (args.shots, screens))
                timer.start()
                stack.callback(timer.cancel)
        return subprocess.run(stopped_with_parent(console), check=False).returncode
    return 0


def _shoot(shots: Path, screens: list[tuple[str, str]]) -> None:
    for name, display in screens:
        try:
            grab_screen(shots / f"{name}.png", display=display)
        except DisplayError as exc:
            print(f"no screenshot of {name}: {exc}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())

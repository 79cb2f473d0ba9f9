"""Run the app as a user would (a subprocess on the test's X server) and read its wall state."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.accounts import ensure_admin

BIN = Path(sys.executable).parent
Status = dict[str, Any]


def busiest(lines: int = 12) -> str:
    """What else ran when a wait timed out (a CI run saw 16 tiles take 10x longer beside the other lane)."""
    try:
        out = subprocess.run(["ps", "-eo", "pcpu,rss,etime,args", "--sort=-pcpu", "--cols", "160"],
                             capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return f"(ps failed: {exc})"
    return "\n".join(out.splitlines()[: lines + 1])


def videowall(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def trust_first_pictures(db: Path, trusted: bool = True) -> None:
    """The migration setting: first pictures become scene references without a supervisor's review.

    Tests about the wall, not about scene review, stand for a control room migrating a known-good
    fleet; the review tests leave it off and approve through the real window.
    """
    from videowall.services.scene_references import TRUST_FIRST_KEY
    from videowall.storage.settings import SettingsRepository
    from videowall.storage.writer import DatabaseWriter

    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: SettingsRepository(d).set(TRUST_FIRST_KEY, trusted)).result(10)


def import_fleet(fleet: Any, tmp_path: Path, env: dict[str, str], *, trusted: bool = True) -> Path:
    """The fleet's register in a new database; ``trusted``: with ``trust_first_pictures`` on.

    The first call for a register (and account) really runs ``videowall users add`` and ``videowall
    import`` into a template; later calls get a copy of it (SQLite's backup API) and of its home's
    config folder (the credentials and signing keys the import used), which saves two command runs
    (~3 s) per test. A test whose home already exists gets the real commands.
    """
    register = tmp_path / "fleet.csv"
    fleet.write_csv(register)
    db = tmp_path / "wall.db"
    home = Path(env["VIDEOWALL_HOME"])
    if db.exists() or home.exists():
        _import_fleet(register, db, env, trusted)
        return db
    key = (hashlib.sha256(register.read_bytes()).hexdigest(), trusted, env["VIDEOWALL_USER"],
           env["VIDEOWALL_PASSWORD"])
    template = _TEMPLATES.get(key)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="videowall-fleet-db-"))
        _import_fleet(register, template / "wall.db", {**env, "VIDEOWALL_HOME": str(template / "home")}, trusted)
        atexit.register(shutil.rmtree, template, True)
        _TEMPLATES[key] = template
    if (template / "home" / "config").is_dir():
        shutil.copytree(template / "home" / "config", home / "config")
    with closing(sqlite3.connect(template / "wall.db")) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)
    return db


_TEMPLATES: dict[tuple[str, bool, str, str], Path] = {}  # this test process's imported registers


def _import_fleet(register: Path, db: Path, env: dict[str, str], trusted: bool) -> None:
    ensure_admin(db, env)
    done = videowall("import", str(register), "--db", str(db), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    trust_first_pictures(db, trusted)


class WallRun:
    """``videowall run`` with ``--status-json`` (rewritten every second) and ``--commands``."""

    def __init__(self, env: dict[str, str], tmp_path: Path, *args: str) -> None:
        self.status_file = tmp_path / f"status-{time.monotonic_ns()}.json"
        self.commands = tmp_path / f"commands-{time.monotonic_ns()}.jsonl"
        self.log = tmp_path / f"app-{time.monotonic_ns()}.log"
        self.started = time.monotonic()
        with self.log.open("w") as err:  # a file, not a pipe: an unread pipe would block the app
            self.proc = subprocess.Popen(
                [str(BIN / "videowall"), "run", *args, "--status-json", str(self.status_file),
                 "--commands", str(self.commands)],
                env=env, stdout=subprocess.DEVNULL, stderr=err, text=True,
            )

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def status(self) -> Status | None:
        try:
            return json.loads(self.status_file.read_text())  # type: ignore[no-any-return]
        except (OSError, json.JSONDecodeError):
            return None

    def wait_for(self, check: Callable[[Status], bool], timeout: float, what: str) -> Status:
        deadline = time.monotonic() + timeout
        last: Status | None = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited ({self.proc.returncode}) waiting for {what}:\n"
                                     f"{self.log_tail()}")
            last = self.status() or last
            if last is not None and check(last):
                return last
            time.sleep(0.25)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; last status: "
                             f"{json.dumps(summary(last), indent=1)}\nloop lag: {(last or {}).get('loop_lag')}"
                             f"\nthe machine's busiest processes:\n{busiest()}")

    def send(self, **command: object) -> None:
        with self.commands.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(command) + "\n")

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGUSR1)  # the app prints every thread's stack (app/shutdown.py)
                time.sleep(2)
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"the app did not quit on SIGINT (its threads' stacks are in the log):\n"
                                     f"{self.log_tail(12000)}") from None
        return self.proc.returncode

    def children(self, name: str = "ffmpeg") -> list[int]:
        return process_children(self.proc.pid, name)

    def ffmpeg_argvs(self) -> dict[int, list[bytes]]:
        """The app's running ffmpeg processes and their command lines."""
        out = {}
        for pid in self.children():
            try:
                out[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue  # ended meanwhile
        return out

    def tile_ingests(self, stream: str = "sub") -> list[int]:
        """The app's ffmpeg feeds of the fleet's ``stream`` streams (the main ones include the evidence
        recorders: a recorder is the camera's main-stream feed held open)."""
        suffix = f"/{stream}".encode()
        return [pid for pid, argv in self.ffmpeg_argvs().items() if any(a.endswith(suffix) for a in argv)]


def summary(status: Status | None) -> list[str]:
    if not status:
        return []
    return [f"{t['wall']}#{t['index']} {t['camera_id']} {t['state']} {t['reason']} {t['fps']}" for t in status["tiles"]]


def console(status: Status) -> list[dict[str, Any]]:
    return [t for t in status["tiles"] if t["wall"] == "console"]


def process_children(pid: int, name: str) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if int(stat[1]) == pid and comm == name and stat[0] != "Z":
            out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def with_env(env: dict[str, str], **extra: str) -> dict[str, str]:
    out = dict(env)
    out.update(extra)
    out.pop("WAYLAND_DISPLAY", None)
    return out


__all__ = ["BIN", "WallRun", "alive", "console", "import_fleet", "os", "summary", "trust_first_pictures", "videowall",
           "with_env"]

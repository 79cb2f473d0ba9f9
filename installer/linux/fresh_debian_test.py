"""Install the .deb on a fresh Debian 12 and prove it works there (``make installer-debian-test``).

The build machine has every library a developer ever installed, so a missing ``Depends:`` would not
show on it. This test makes a minimal Debian 12 root with ``debootstrap --variant=minbase`` (cached
pristine in ``~/.cache/videowall``, copied afresh for every run), then inside it, with ``chroot``:

1. ``apt-get install ./videowall_*.deb``: apt must resolve every declared dependency from Debian;
2. ``videowall --version`` through the ``/usr/bin`` link, and the menu entry and icon are in place;
3. ``videowall selftest`` opens a camera of the simulated fleet (served on loopback from the host's
   development venv: the chroot shares the host's network) through the bundled ffmpeg and libVLC;
4. with the host's Xvfb socket bound into the root: the installed app imports the fleet's register and
   shows a 2x2 wall; its four tiles must go live (a screenshot of the X server is kept);
5. ``apt-get purge videowall`` leaves nothing under /opt/videowall.

Needs root (chroot, mount) and network access to a Debian mirror. Results go to stdout and to
``installer/dist/fresh-debian-results.json``; exit 0 only if every step passed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke_test import fleet, free_display, free_port  # noqa: E402  (a script beside this one)

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "installer" / "dist"
RESULTS = DIST / "fresh-debian-results.json"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "videowall" / "debian12-minbase"
MIRROR = "http://deb.debian.org/debian"
CHROOT_ENV = {"HOME": "/root", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
              "DEBIAN_FRONTEND": "noninteractive"}  # fmt: skip


def run(cmd: list[str], timeout: float = 900, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)  # type: ignore[call-overload,no-any-return]


def base_root() -> Path:
    """A pristine minimal Debian 12, made once (a few minutes) and reused as the template."""
    if (CACHE / "etc" / "debian_version").exists():
        return CACHE
    if shutil.which("debootstrap") is None:
        raise RuntimeError("debootstrap is not installed (apt-get install debootstrap)")
    partial = CACHE.with_name(CACHE.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    print(f"debootstrap bookworm (minbase) into {partial} ...", flush=True)
    done = run(["debootstrap", "--variant=minbase", "bookworm", str(partial), MIRROR], timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"debootstrap failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    partial.rename(CACHE)
    return CACHE


@contextlib.contextmanager
def fresh_root(work: Path) -> Iterator[Path]:
    """A copy of the template with /proc, /dev and the X socket directory mounted; unmounted after."""
    root = work / "debian12"
    subprocess.run(["cp", "-a", str(base_root()), str(root)], check=True)
    shutil.copy("/etc/resolv.conf", root / "etc" / "resolv.conf")
    (root / "tmp" / ".X11-unix").mkdir(parents=True, exist_ok=True)
    mounts = [(["-t", "proc", "proc"], root / "proc"), (["--bind", "/dev"], root / "dev"),
              (["--bind", "/dev/pts"], root / "dev" / "pts"), (["--bind", "/dev/shm"], root / "dev" / "shm"),
              (["--bind", "/tmp/.X11-unix"], root / "tmp" / ".X11-unix")]  # fmt: skip
    done: list[Path] = []
    try:
        for args, target in mounts:
            subprocess.run(["mount", *args, str(target)], check=True)
            done.append(target)
        yield root
    finally:
        for target in reversed(done):
            subprocess.run(["umount", "-l", str(target)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def in_root(root: Path, *cmd: str, timeout: float = 900, **env: str) -> subprocess.CompletedProcess[str]:
    return run(["chroot", str(root), *cmd], timeout=timeout, env={**CHROOT_ENV, **env})


def step_install(root: Path, deb: Path) -> dict[str, object]:
    shutil.copy(deb, root / "tmp" / deb.name)
    update = in_root(root, "apt-get", "update", "-q")
    if update.returncode != 0:
        return {"ok": False, "step": "apt-get update", "output": (update.stdout + update.stderr)[-3000:]}
    t0 = time.monotonic()
    inst = in_root(root, "apt-get", "install", "-y", "-q", "--no-install-recommends", f"/tmp/{deb.name}")
    added = [ln.split()[1] for ln in inst.stdout.splitlines() if ln.startswith("Setting up ")]
    return {"ok": inst.returncode == 0, "seconds": round(time.monotonic() - t0, 1),
            "packages_set_up": len(added), "output": (inst.stdout + inst.stderr)[-2500:]}  # fmt: skip


def step_files_and_version(root: Path) -> dict[str, object]:
    expected = ["usr/bin/videowall", "opt/videowall/videowall", "usr/share/applications/videowall.desktop",
                "usr/share/icons/hicolor/256x256/apps/videowall.png"]  # fmt: skip
    missing = [p for p in expected if not os.path.lexists(root / p)]  # /usr/bin's link is absolute
    t0 = time.monotonic()
    ver = in_root(root, "videowall", "--version", timeout=60)
    out = (ver.stdout + ver.stderr).strip()
    return {"ok": not missing and ver.returncode == 0 and out.startswith("videowall "), "missing": missing,
            "version": out, "seconds": round(time.monotonic() - t0, 2)}  # fmt: skip


def step_selftest(root: Path, url: str) -> dict[str, object]:
    done = in_root(root, "videowall", "selftest", "--url", url, "--json", "/tmp/selftest.json", timeout=120)
    print(done.stdout + done.stderr, end="")
    report = root / "tmp" / "selftest.json"
    result: dict[str, object] = {"ok": done.returncode == 0}
    if report.exists():
        result["report"] = json.loads(report.read_text(encoding="utf-8"))
    return result


def step_wall(root: Path, fleet_csv: Path) -> dict[str, object]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return {"ok": False, "step": "wall", "output": "the host has no Xvfb to lend the chroot"}
    display = f":{free_display()}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    shot = DIST / "fresh-debian-wall.png"
    try:
        time.sleep(1.5)
        shutil.copy(fleet_csv, root / "tmp" / "fleet.csv")
        admin = {"VIDEOWALL_USER": "fresh-admin", "VIDEOWALL_PASSWORD": "fresh-admin-password",
                 "VIDEOWALL_KEYRING": "off"}  # import signs in; the first administrator is added without
        in_root(root, "videowall", "users", "add", "fresh-admin", "--role", "admin", "--db", "/tmp/wall.db",
                timeout=120, **admin)  # fmt: skip
        imported = in_root(root, "videowall", "import", "/tmp/fleet.csv", "--db", "/tmp/wall.db", "--valid-only",
                           timeout=120, **admin)  # fmt: skip
        if imported.returncode != 0:
            return {"ok": False, "step": "import", "output": imported.stdout + imported.stderr}
        done = in_root(root, "videowall", "run", "--db", "/tmp/wall.db", "--layout", "2x2", "--cameras",
                       "SIM-CAM-01,SIM-CAM-02,SIM-CAM-03,SIM-CAM-04", "--quit-after", "15",
                       "--status-json", "/tmp/status.json", "--screenshot", "/tmp/wall.png", timeout=120,
                       DISPLAY=display, QT_QPA_PLATFORM="xcb", VIDEOWALL_USER="fresh-admin",
                       VIDEOWALL_PASSWORD="fresh-admin-password", VIDEOWALL_KEYRING="off")  # fmt: skip
        status = root / "tmp" / "status.json"
        tiles = json.loads(status.read_text(encoding="utf-8"))["tiles"] if status.exists() else []
        live = [t for t in tiles if t.get("state") == "live"]
        if (root / "tmp" / "wall.png").exists():
            shutil.copy(root / "tmp" / "wall.png", shot)
        return {"ok": done.returncode == 0 and len(live) == 4, "returncode": done.returncode,
                "live_tiles": len(live), "first_live_s": [t.get("first_live_s") for t in live],
                "screenshot": str(shot) if shot.exists() else None, "stderr": done.stderr[-2000:]}  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)


def step_purge(root: Path) -> dict[str, object]:
    done = in_root(root, "apt-get", "purge", "-y", "-q", "videowall")
    left = (root / "opt" / "videowall").exists() or (root / "usr" / "bin" / "videowall").is_symlink()
    return {"ok": done.returncode == 0 and not left, "left_behind": left, "output": done.stdout[-800:]}


def main() -> int:
    parser = argparse.ArgumentParser(description="Install the videowall .deb on a fresh Debian 12 (chroot).")
    parser.add_argument("--deb", type=Path, help="the package (default: the newest in installer/dist)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("needs root: chroot and mount (run it with sudo)", file=sys.stderr)
        return 1
    debs = sorted(DIST.glob("videowall_*_amd64.deb"), key=lambda p: p.stat().st_mtime)
    deb = args.deb or (debs[-1] if debs else None)
    if deb is None or not deb.exists():
        print("no .deb: run `make installer` first", file=sys.stderr)
        return 1
    results: dict[str, object] = {"deb": deb.name, "deb_mib": round(deb.stat().st_size / 2**20, 1)}
    with tempfile.TemporaryDirectory(prefix="videowall-debian12-", dir="/var/tmp") as tmp:
        work = Path(tmp)
        with fresh_root(work) as root:
            results["debian"] = (root / "etc" / "debian_version").read_text().strip()
            steps = [("install", lambda: step_install(root, deb)), ("files_and_version", lambda: step_files_and_version(root))]
            for name, step in steps:
                results[name] = step()
                print(f"{name}: {'ok' if results[name]['ok'] else 'FAILED'}", flush=True)  # type: ignore[index]
                if not results[name]["ok"]:  # type: ignore[index]
                    break
            else:
                port, csv = free_port(), work / "fleet.csv"
                with fleet(port, csv):
                    results["selftest"] = step_selftest(root, f"rtsp://127.0.0.1:{port}/fleet/cam01/sub")
                    results["wall"] = step_wall(root, csv)
                results["purge"] = step_purge(root)
                for name in ("selftest", "wall", "purge"):
                    print(f"{name}: {'ok' if results[name]['ok'] else 'FAILED'}", flush=True)  # type: ignore[index]
    ok = all(isinstance(v, dict) and v.get("ok") for v in results.values() if isinstance(v, dict))
    ok = ok and "purge" in results
    results["ok"] = ok
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"{'PASS' if ok else 'FAIL'}: results in {RESULTS}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Sign-in lockout through the real window (issue 14 part 3): typed passwords, the dialog read off the screen.

The console starts without ``VIDEOWALL_PASSWORD``, so it asks in its sign-in dialog. The administrator
set ``login_max_failures`` to 3 and ``login_lockout_s`` to a few seconds with ``videowall settings set``.
Three wrong passwords typed with xdotool lock the name: the dialog (X-server screenshot, read with
tesseract) says it is locked and for how long; the right password typed during the lock is refused and
the dialog says so; when the lock ends the dialog says the name may sign in again, and the right
password opens the console. The audit trail holds every attempt; the app's log has no traceback.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.accounts import add_account
from tests.integration.wallrun import WallRun, videowall
from tests.ocr import read_text
from videowall.display.xserver import grab_screen

NAME, PASSWORD = "ratna", "operator-pw-1"  # letters only: OCR reads a 1 as l or ]
FAILURES, LOCK_S = 3, 8.0  # the lock must outlast typing the refused attempt on a busy machine


def xdo(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env={"DISPLAY": display}, capture_output=True, text=True,
                          timeout=30, check=False).stdout.strip()


def trail(db: Path, actor: str = NAME) -> list[tuple[float, str, str]]:
    """(at, action, detail) of ``actor``'s audit rows, read through SQLite read-only while the app runs."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return [(float(r[0]), str(r[1]), str(r[2])) for r in conn.execute(
            "SELECT at, action, detail FROM audit_log WHERE actor = ? ORDER BY id", [actor])]
    finally:
        conn.close()


def wait_until(check: Callable[[], bool], timeout: float, what: str, run: WallRun) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        assert run.proc.poll() is None, f"the app exited waiting for {what}:\n{run.log_tail()}"
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}:\n{run.log_tail()}")


def dialog_box(display: str, window: str) -> tuple[int, int, int, int]:
    shell = dict(line.split("=", 1) for line in xdo(display, "getwindowgeometry", "--shell", window).splitlines())
    return int(shell["X"]), int(shell["Y"]), int(shell["WIDTH"]), int(shell["HEIGHT"])


def attempt(display: str, window: str, password: str, *, name: bool = False) -> None:
    """Type into the dialog as a person does: the name (first time), Tab, the password, Return."""
    xdo(display, "windowfocus", "--sync", window)
    if name:
        xdo(display, "type", "--delay", "20", NAME)
        xdo(display, "key", "Tab")
    xdo(display, "type", "--delay", "20", password)
    xdo(display, "key", "Return")


def test_wrong_passwords_lock_the_name_in_the_dialog_until_the_lock_ends(app_env: dict[str, str], tmp_path: Path,
                                                                        xdisplay: str) -> None:
    db = tmp_path / "wall.db"
    add_account(db, app_env, NAME, "operator", PASSWORD)
    for key, value in (("login_max_failures", str(FAILURES)), ("login_lockout_s", str(LOCK_S))):
        done = videowall("settings", "set", key, value, "--db", str(db), env=app_env)
        assert done.returncode == 0, done.stdout + done.stderr
    env = {k: v for k, v in app_env.items() if k not in ("VIDEOWALL_USER", "VIDEOWALL_PASSWORD")}
    run = WallRun(env, tmp_path, "--db", str(db), "--cameras", "NONE")
    try:
        wait_until(lambda: bool(xdo(xdisplay, "search", "--onlyvisible", "--name", "sign in")), 60,
                   "the sign-in dialog", run)
        window = xdo(xdisplay, "search", "--onlyvisible", "--name", "sign in").split()[-1]
        for n in range(1, FAILURES + 1):
            attempt(xdisplay, window, f"wrong-password-{n}", name=n == 1)
            wait_until(lambda n=n: [a for _, a, _ in trail(db)].count("login_failed") == n, 30,
                       f"wrong password {n} checked", run)
        wait_until(lambda: "login_lockout" in [a for _, a, _ in trail(db)], 10, "the lockout row", run)
        time.sleep(0.3)  # the label repaints after the check returns
        locked_text = read_text(grab_screen(tmp_path / "locked.png", xdisplay), dialog_box(xdisplay, window), tmp_path)

        attempt(xdisplay, window, PASSWORD)  # the right one, during the lock
        wait_until(lambda: "login_locked" in [a for _, a, _ in trail(db)], 30, "the refusal of the right one", run)
        time.sleep(0.3)
        refused_text = read_text(grab_screen(tmp_path / "refused.png", xdisplay), dialog_box(xdisplay, window),
                                 tmp_path)

        rows = trail(db)
        locked_at = next(at for at, a, _ in rows if a == "login_lockout")
        assert [a for _, a, _ in rows] == ["login_failed"] * FAILURES + ["login_lockout", "login_locked"], rows
        assert all(at < locked_at + LOCK_S for at, _, _ in rows), "the right password was tried during the lock"
        assert f"{FAILURES} wrong passwords in a row: locked for {LOCK_S:.0f} s" in rows[FAILURES][2]
        assert "login" not in [a for _, a, _ in rows]

        # what the person read: locked, who, for how long (the 3rd wrong password) / how long still (the refusal)
        said = re.search(rf"{NAME} is now locked for (\d+) s after {FAILURES} wrong passwords", locked_text)
        assert said is not None and int(said.group(1)) == int(LOCK_S), locked_text
        still = re.search(rf"{NAME} is locked after too many wrong passwords: try again in (\d+) s", refused_text)
        assert still is not None and 0 < int(still.group(1)) <= LOCK_S, refused_text
        assert "right password is refused" in refused_text, refused_text

        wait_until(lambda: time.time() > locked_at + LOCK_S + 0.6, LOCK_S + 5, "the end of the lock", run)
        over_text = read_text(grab_screen(tmp_path / "over.png", xdisplay), dialog_box(xdisplay, window), tmp_path)
        assert f"{NAME} may sign in again" in over_text, over_text
        attempt(xdisplay, window, PASSWORD)
        run.wait_for(lambda s: "actions" in s, 60, "the console open after the sign-in")  # its status file
        wait_until(lambda: "login" in [a for _, a, _ in trail(db)], 10, "the sign-in row", run)
        assert [a for _, a, _ in trail(db)][-1] == "login"
        assert trail(db)[-1][2] == "login, role operator"
    except BaseException:
        run.proc.kill()  # still in the dialog, which SIGINT does not close: keep the first failure in view
        run.proc.wait(30)
        raise
    assert run.stop() == 0, run.log_tail()
    assert "Traceback" not in run.log.read_text(errors="replace"), run.log_tail()

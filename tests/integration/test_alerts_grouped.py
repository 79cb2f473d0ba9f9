"""The RTSP server stalls under twelve cameras on the wall: the console shows one alert naming the server
and the count (one toast, not twelve), an operator acknowledges it with real clicks (xdotool), the audit
trail has the row with the operator's name, and when the server is back the alert says so."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from tests.accounts import add_account
from tests.integration.wallrun import WallRun, console, import_fleet, with_env
from tests.screens import grab
from videowall.domain.alerts import DEBOUNCE_KEY
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

CAMERAS = 12


def _click(display: str, rect: list[int]) -> None:
    x, y, w, h = rect
    subprocess.run(["xdotool", "mousemove", str(x + min(w // 2, 80)), str(y + h // 2), "click", "1"],
                   env={"DISPLAY": display}, check=True, timeout=30)


def _alerts(status: dict[str, Any]) -> list[dict[str, Any]]:
    return status.get("alerts", {}).get("alerts", [])  # type: ignore[no-any-return]


def test_a_stalled_server_is_one_alert_acknowledged_by_click(fleet, app_env, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           xdisplay: str) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    add_account(db, app_env, "op-1", "operator", "op-1-password")
    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: SettingsRepository(d).set(DEBOUNCE_KEY, 2.0)).result(10)
    env = with_env(app_env, VIDEOWALL_USER="op-1", VIDEOWALL_PASSWORD="op-1-password")
    cams = [c.id for c in fleet.cameras if not c.fault][:CAMERAS]
    server = f"{fleet.host}:{fleet.port}"
    run = WallRun(env, tmp_path, "--db", str(db), "--layout", "4x4", "--cameras", ",".join(cams))
    try:
        run.wait_for(lambda s: [t["state"] for t in console(s)][:CAMERAS] == ["live"] * CAMERAS, 90,
                     f"{CAMERAS} live tiles")
        fleet.stop_server()  # every stream of the fleet's one server stops at once
        status = run.wait_for(lambda s: any(a["count"] == CAMERAS for a in _alerts(s)), 60,
                              f"one alert for the {CAMERAS} cameras")
        [alert] = _alerts(status)  # one line, not twelve
        assert alert["type"] == "dark" and alert["server"] == server and alert["active"], alert
        assert sorted(alert["cameras"]) == sorted(cams)
        assert f"server {server} unreachable: {CAMERAS} cameras" in alert["text"], alert["text"]
        assert status["alerts"]["toasts_shown"] == 1, status["alerts"]  # one toast, reworded as it grew
        grab(xdisplay, tmp_path / "grouped-alert.png")

        _click(xdisplay, alert["rect"])  # select the line, then press Acknowledge
        status = run.wait_for(lambda s: s["alerts"]["ack_button"]["enabled"], 10, "Acknowledge enabled")
        _click(xdisplay, status["alerts"]["ack_button"]["rect"])
        status = run.wait_for(lambda s: _alerts(s)[0]["acknowledged_by"] == "op-1", 15, "the alert acknowledged")
        assert "acknowledged by op-1" in _alerts(status)[0]["text"]
        with sqlite3.connect(db) as con:
            rows = con.execute("SELECT actor, target, detail FROM audit_log WHERE action = 'alert_acknowledged'"
                               ).fetchall()
        [(actor, target, detail)] = rows
        assert (actor, target) == ("op-1", server) and f"{CAMERAS} cameras" in detail, rows

        fleet.start_server()
        status = run.wait_for(lambda s: not _alerts(s)[0]["active"], 90, "the alert ended: every camera back")
        assert len(_alerts(status)) == 1 and "all back" in _alerts(status)[0]["text"]
        assert status["alerts"]["toasts_shown"] == 2  # the green "all back" one
    finally:
        if not fleet.server_running:
            fleet.start_server()
        assert run.stop() == 0
    assert "Traceback" not in run.log.read_text(errors="replace"), run.log_tail()

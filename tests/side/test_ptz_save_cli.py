"""``videowall ptz CAMERA save NAME`` goes the dock's way: on the camera where it keeps presets (ONVIF
SetPreset), audited as ``preset_set``, taking the camera's PTZ lock; a role without PTZ is refused with
nothing saved. Against the ONVIF emulator (ipycam with the spec's presets, sim/onvif_presets.py): the
side lane (an emulator, no fleet)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.accounts import BIN, add_account, ensure_admin

pytest.importorskip("ipycam")
from videowall.sim.onvif_emulator import EmulatorConfig, OnvifEmulator
from videowall.storage.database import open_read_only

CAMERA = "PTZ-CLI-01"


def videowall(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)


def test_ptz_save_on_the_command_line_puts_the_preset_on_the_camera_and_audits_it(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(VIDEOWALL_HOME=str(tmp_path / "home"), VIDEOWALL_USER="test-admin",
               VIDEOWALL_PASSWORD="test-admin-password", VIDEOWALL_KEYRING="off")
    db = tmp_path / "videowall.db"
    ensure_admin(db, env)
    add_account(db, env, "operator1", "operator", "operator-password-1")
    add_account(db, env, "liaison1", "liaison", "liaison-password-1")
    operator = {**env, "VIDEOWALL_USER": "operator1", "VIDEOWALL_PASSWORD": "operator-password-1"}
    liaison = {**env, "VIDEOWALL_USER": "liaison1", "VIDEOWALL_PASSWORD": "liaison-password-1"}
    with OnvifEmulator(EmulatorConfig(), run_dir=tmp_path / "ipycam") as emu:
        register = tmp_path / "ptz.json"
        register.write_text(json.dumps([{
            "id": CAMERA, "name": "PTZ CLI camera", "kecamatan": "Semarang Tengah",
            "main_url": f"rtsp://127.0.0.1:{emu.config.rtsp_port}/video_main", "onvif_host": "127.0.0.1",
            "onvif_port": emu.onvif_port, "ptz": "ya", "status": "aktif"}]))
        done = videowall("import", str(register), "--db", str(db), env=env)
        assert done.returncode == 0, done.stdout + done.stderr

        moved = videowall("ptz", CAMERA, "--db", str(db), "absolute", "0.3", "-0.2", "0.1", env=operator)
        assert moved.returncode == 0, moved.stderr
        saved = videowall("ptz", CAMERA, "--db", str(db), "save", "Tugu", env=operator)
        assert saved.returncode == 0, saved.stdout + saved.stderr
        assert "saved preset 'Tugu' on the camera (token preset_" in saved.stdout, saved.stdout
        kept = json.loads((emu.presets_path or Path()).read_text())
        [(token, tugu)] = kept.items()
        assert f"note: {token}\n" not in saved.stdout, saved.stdout  # the token is data, not a note
        assert tugu["name"] == "Tugu" and abs(tugu["pan"] - 0.3) < 0.01 and abs(tugu["tilt"] + 0.2) < 0.01, kept

        refused = videowall("ptz", CAMERA, "--db", str(db), "save", "Liar", env=liaison)
        assert refused.returncode == 3 and "Liar" not in json.dumps(json.loads(emu.presets_path.read_text()))  # type: ignore[union-attr]
        listed = videowall("ptz", CAMERA, "--db", str(db), "presets", env=operator)
        assert listed.returncode == 0 and f"camera Tugu [{token}]" in listed.stdout, listed.stdout
    read = open_read_only(db)
    try:
        rows = read.execute("SELECT actor, action, detail FROM audit_log WHERE target = ? AND action IN "
                            "('preset_set', 'ptz_command') ORDER BY id", [CAMERA]).fetchall()
        local = read.execute("SELECT COUNT(*) FROM ptz_presets").fetchone()[0]
    finally:
        read.close()
    assert local == 0  # not kept locally: the camera keeps it
    actions = [(a, act) for a, act, _ in rows]
    assert actions == [("operator1", "ptz_command"), ("operator1", "preset_set"), ("operator1", "ptz_command"),
                       ("operator1", "ptz_command")], rows
    assert rows[1][2] == f"'Tugu' on the camera, token {token}" and "save Tugu" in rows[2][2], rows

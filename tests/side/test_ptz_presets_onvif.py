"""Camera presets over ONVIF against the emulator's spec presets (sim/onvif_presets.py): set, list,
go to, remove, the spec's faults, persistence across an emulator restart, and the audit rows."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from videowall.domain.access import Role, User
from videowall.domain.ptz import Position, PresetSource
from videowall.domain.urls import Credentials
from videowall.ptz.client import OnvifClient
from videowall.ptz.errors import OnvifFault
from videowall.services.ptz_service import PtzTarget, open_controller
from videowall.storage.database import open_read_only
from videowall.storage.writer import DatabaseWriter

pytest.importorskip("ipycam")
from videowall.sim.onvif_emulator import EmulatorConfig, OnvifEmulator

USER, PASSWORD = "operator", "pw-ptz-presets"


async def truth(emu: OnvifEmulator) -> Position:
    state = await asyncio.to_thread(emu.ptz_position)
    return Position(state["pan"], state["tilt"], state["zoom"])


def test_camera_presets_set_list_goto_remove_and_survive_a_restart(tmp_path: Path) -> None:
    config = EmulatorConfig(username=USER, password=PASSWORD)
    emulator = OnvifEmulator(config, run_dir=tmp_path / "run")
    writer = DatabaseWriter(tmp_path / "videowall.db")
    writer.start()
    operator = User("pak-budi", Role.OPERATOR)

    def target() -> PtzTarget:
        port = emulator.onvif_port
        return PtzTarget("PTZ-1", "127.0.0.1", port, Credentials(USER, PASSWORD))

    async def first() -> tuple[str, Position]:
        ctl = await open_controller(target(), user=operator, writer=writer, audit_sessions=True)
        try:
            assert ctl.camera_presets, ctl.presets_error
            await ctl.absolute_move(Position(0.4, -0.3, 0.2))
            await asyncio.sleep(0.3)
            gate = await ctl.save_preset("Gerbang")
            assert gate.source is PresetSource.CAMERA and gate.token
            await ctl.absolute_move(Position(-0.5, 0.1, 0.0))
            await asyncio.sleep(0.3)
            doomed = await ctl.save_preset("Sementara")
            listed = await ctl.presets()
            assert [(p.name, p.source) for p in listed] == [("Gerbang", PresetSource.CAMERA),
                                                            ("Sementara", PresetSource.CAMERA)], listed
            assert listed[0].position is not None and abs(listed[0].position.pan - 0.4) < 0.01
            with pytest.raises(OnvifFault, match=r"PresetExist|exists"):
                await ctl.save_preset("Gerbang")
            await ctl.remove_preset(doomed)
            assert [p.name for p in await ctl.presets()] == ["Gerbang"]
            return gate.token or "", await truth(emulator)
        finally:
            await ctl.close()

    async def second(token: str) -> Position:
        client = OnvifClient("127.0.0.1", emulator.onvif_port, Credentials(USER, PASSWORD))
        await client.connect()
        try:
            [gate] = await client.get_presets()
            assert (gate.name, gate.token) == ("Gerbang", token)
            with pytest.raises(OnvifFault, match=r"NoToken|no preset"):
                await client.goto_preset("preset_missing")
            await client.goto_preset(token)
            await asyncio.sleep(0.3)
            return await truth(emulator)
        finally:
            await client.close()

    try:
        with emulator:
            token, here = asyncio.run(asyncio.wait_for(first(), 60))
        assert abs(here.pan + 0.5) < 0.01, here
        with emulator:  # a new emulator process on the same run directory: the preset is still there
            there = asyncio.run(asyncio.wait_for(second(token), 60))
        assert abs(there.pan - 0.4) < 0.01 and abs(there.tilt + 0.3) < 0.01 and abs(there.zoom - 0.2) < 0.01, there
    finally:
        writer.stop()
    db = open_read_only(tmp_path / "videowall.db")
    rows = db.execute("SELECT action, target, detail FROM audit_log WHERE action LIKE 'preset%' ORDER BY id").fetchall()
    db.close()
    assert [r[0] for r in rows] == ["preset_set", "preset_set", "preset_removed"], rows
    assert all(r[1] == "PTZ-1" for r in rows) and "on the camera" in rows[0][2], rows

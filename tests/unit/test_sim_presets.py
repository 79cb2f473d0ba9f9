"""The emulator's spec presets (sim/onvif_presets.py) on a stand-in for ipycam's service class: replies
parse with declared namespaces, faults carry the spec's subcodes, presets persist in presets.json."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from videowall.sim.onvif_presets import MAX_PRESETS, install

NS = {"s": "http://www.w3.org/2003/05/soap-envelope", "tt": "http://www.onvif.org/ver10/schema",
      "tptz": "http://www.onvif.org/ver20/ptz/wsdl"}


class FakePtz:
    def __init__(self) -> None:
        self.pan, self.tilt, self.zoom = 0.25, -0.5, 0.1

    def get_status(self) -> dict[str, float]:
        return {"pan": self.pan, "tilt": self.tilt, "zoom": self.zoom}

    def absolute_move(self, pan: float, tilt: float, zoom: float) -> None:
        self.pan, self.tilt, self.zoom = pan, tilt, zoom


def service_class() -> Any:
    class Service:
        def __init__(self) -> None:
            self.ptz = FakePtz()

        def handle_action(self, action: str, body: str) -> str:
            return f"ipycam:{action}"

    return Service


def request(op: str, inner: str = "") -> str:
    return (f'<s:Envelope xmlns:s="{NS["s"]}"><s:Header><Security>Stop</Security></s:Header>'
            f'<s:Body><tptz:{op} xmlns:tptz="{NS["tptz"]}"><tptz:ProfileToken>p</tptz:ProfileToken>{inner}'
            f"</tptz:{op}></s:Body></s:Envelope>")


def test_set_list_goto_remove_and_faults(tmp_path: Path) -> None:
    cls = service_class()
    install(cls, tmp_path)
    svc = cls()
    reply = ET.fromstring(svc.handle_action("", request("SetPreset", "<tptz:PresetName>Bus Stop</tptz:PresetName>")))
    token = reply.findtext(".//tptz:SetPresetResponse/tptz:PresetToken", namespaces=NS)
    assert token and token.startswith("preset_")
    listing = ET.fromstring(svc.handle_action("", request("GetPresets")))
    [preset] = listing.findall(".//tptz:GetPresetsResponse/tptz:Preset", NS)
    assert preset.get("token") == token and preset.findtext("tt:Name", namespaces=NS) == "Bus Stop"
    assert preset.find("tt:PTZPosition/tt:PanTilt", NS).get("x") == "0.25"  # type: ignore[union-attr]

    svc.ptz.absolute_move(0.0, 0.0, 0.0)
    svc.handle_action("", request("GotoPreset", f"<tptz:PresetToken>{token}</tptz:PresetToken>"))
    assert svc.ptz.get_status() == {"pan": 0.25, "tilt": -0.5, "zoom": 0.1}

    same = ET.fromstring(svc.handle_action("", request("SetPreset", "<tptz:PresetName>Bus Stop</tptz:PresetName>")))
    codes = [v.text for v in same.iter(f"{{{NS['s']}}}Value")]
    assert codes == ["s:Sender", "ter:InvalidArgVal", "ter:PresetExist"], codes
    missing = svc.handle_action("", request("GotoPreset", "<tptz:PresetToken>nope</tptz:PresetToken>"))
    assert "ter:NoToken" in missing

    restarted = service_class()  # a restarted emulator reads the same file
    install(restarted, tmp_path)
    assert token in restarted().handle_action("", request("GetPresets"))
    svc.handle_action("", request("RemovePreset", f"<tptz:PresetToken>{token}</tptz:PresetToken>"))
    assert "tptz:Preset " not in svc.handle_action("", request("GetPresets"))
    again = request("RemovePreset", f"<tptz:PresetToken>{token}</tptz:PresetToken>")
    assert "ter:NoToken" in svc.handle_action("", again)
    assert svc.handle_action("Stop", request("Stop")) == "ipycam:Stop"  # everything else stays ipycam's

    for n in range(MAX_PRESETS):
        svc.handle_action("", request("SetPreset", f"<tptz:PresetName>P{n}</tptz:PresetName>"))
    assert "ter:TooManyPresets" in svc.handle_action("", request("SetPreset", "<tptz:PresetName>X</tptz:PresetName>"))

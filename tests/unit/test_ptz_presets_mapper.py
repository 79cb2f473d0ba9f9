"""Local preset storage, the gesture mapper, and WS-Discovery reply parsing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from videowall.domain.ptz import Position, PositionSource, Velocity
from videowall.ptz.discovery import parse_probe_match
from videowall.services.ptz_service import PtzInputMapper, parse_address
from videowall.storage.database import open_database
from videowall.storage.ptz_presets import PtzPresetRepository


def test_preset_repository_roundtrip(tmp_path: Path) -> None:
    db = open_database(tmp_path / "v.db")
    repo = PtzPresetRepository(db)
    repo.save("cam-1", "Gate", Position(0.5, -0.2, 0.3), PositionSource.COMMANDED)
    repo.save("cam-1", "Gate", Position(0.6, -0.2, 0.3), PositionSource.STATUS)  # replace
    repo.save("cam-2", "Gate", Position(0, 0, 0), PositionSource.COMMANDED)
    assert [(p.name, p.position) for p in repo.list("cam-1")] == [("Gate", Position(0.6, -0.2, 0.3))]
    assert repo.sources("cam-1") == {"Gate": PositionSource.STATUS}
    with pytest.raises(ValueError, match="unknown"):
        repo.save("cam-1", "X", Position(), PositionSource.UNKNOWN)
    assert repo.remove("cam-1", "Gate") and not repo.remove("cam-1", "Gate")
    assert len(repo.list("cam-2")) == 1
    db.close()


class Recorder:
    def __init__(self) -> None:
        self.events: list[object] = []

    def move(self, velocity: Velocity) -> None:
        self.events.append(velocity)

    def release(self) -> None:
        self.events.append("release")


def test_mapper_drag_keys_and_wheel() -> None:
    recorder = Recorder()
    timers: list[Callable[[], None]] = []
    mapper = PtzInputMapper(recorder, radius=100, speed=1.0, call_later=lambda _d, fn: timers.append(fn))
    mapper.drag_start(50, 50)
    v = mapper.drag_to(150, 50)
    assert v.pan == 1.0 and recorder.events[-1] == v
    mapper.drag_to(52, 51)  # back into the dead zone
    mapper.drag_end()
    assert recorder.events[-2:] == ["release", "release"]

    recorder.events.clear()
    assert mapper.key_press("left") and mapper.key_press("up")
    assert recorder.events[-1] == Velocity(-0.5, 0.5, 0)
    assert not mapper.key_press("x")
    mapper.key_release("left")
    mapper.key_release("up")
    assert recorder.events[-1] == "release"

    recorder.events.clear()
    mapper.wheel(1)
    mapper.wheel(1)  # a second notch: only the last burst's timer stops
    assert recorder.events == [Velocity(0, 0, 0.5), Velocity(0, 0, 0.5)]
    timers[0]()
    assert recorder.events[-1] != "release"
    timers[1]()
    assert recorder.events[-1] == "release"


def test_a_click_centres_and_a_drag_does_not() -> None:
    recorder = Recorder()
    centred: list[tuple[float, float]] = []
    mapper = PtzInputMapper(recorder, radius=100, centre=lambda fx, fy: centred.append((fx, fy)))
    mapper.drag_start(50, 50)
    mapper.drag_to(53, 51)  # a shaky hand: inside the dead zone
    assert mapper.drag_release() and not mapper.dragging
    mapper.click(0.5, -0.25)
    assert centred == [(0.5, -0.25)]
    assert all(e == "release" for e in recorder.events)  # no move went out (the jitter asked for none)
    mapper.drag_start(50, 50)
    mapper.drag_to(150, 50)  # a real drag
    assert not mapper.drag_release() and recorder.events[-1] == "release"
    mapper.click_s = 0.0  # a long press that never moved is no click either
    mapper.drag_start(50, 50)
    assert not mapper.drag_release()


def test_parse_address() -> None:
    assert parse_address("127.0.0.1:8080") == ("127.0.0.1", 8080)
    assert parse_address("[::1]:80") == ("::1", 80)
    assert parse_address("CAM-001") is None


PROBE_MATCH = b"""<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"
 xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">
 <soap:Header><wsa:RelatesTo>uuid:1</wsa:RelatesTo></soap:Header><soap:Body><d:ProbeMatches><d:ProbeMatch>
 <wsa:EndpointReference><wsa:Address>urn:uuid:abc</wsa:Address></wsa:EndpointReference>
 <d:Scopes>onvif://www.onvif.org/name/Gate%20Cam onvif://www.onvif.org/Profile/Streaming</d:Scopes>
 <d:XAddrs>http://127.0.0.1:8080/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></soap:Body>
</soap:Envelope>"""


def test_parse_probe_match() -> None:
    [device] = parse_probe_match(PROBE_MATCH, "127.0.0.1", "uuid:1")
    assert (device.host, device.port, device.name, device.endpoint) == ("127.0.0.1", 8080, "Gate Cam", "urn:uuid:abc")
    assert parse_probe_match(PROBE_MATCH, "127.0.0.1", "uuid:other") == []
    assert parse_probe_match(b"not xml", "127.0.0.1") == []

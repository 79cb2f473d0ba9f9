"""Walls come back on the same physical monitor whatever order the screens are listed in."""

from videowall.domain.monitors import MonitorId, match


def test_match_by_serial_ignores_order_and_names() -> None:
    a = MonitorId("DP-1", "Dell", "U2720Q", "SN1", 3840, 2160)
    b = MonitorId("DP-2", "Dell", "U2720Q", "SN2", 3840, 2160)
    now = [MonitorId("DP-2", "Dell", "U2720Q", "SN1", 3840, 2160),
           MonitorId("DP-1", "Dell", "U2720Q", "SN2", 3840, 2160)]
    assert match([a, b], now) == {0: 0, 1: 1}


def test_match_without_serial_uses_size_and_survives_rotation() -> None:
    saved = [MonitorId(":0.0", "", "", "", 1600, 900), MonitorId(":0.1", "", "", "", 1280, 1024)]
    now = [MonitorId(":0.0", "", "", "", 1024, 1280), MonitorId(":0.1", "", "", "", 1600, 900)]  # swapped, rotated
    assert match(saved, now) == {0: 1, 1: 0}


def test_unknown_monitor_is_not_matched() -> None:
    saved = [MonitorId("HDMI-1", "LG", "27UK", "X1", 3840, 2160)]
    assert match(saved, [MonitorId("HDMI-1", "Samsung", "S24", "Y9", 1920, 1080)]) == {}


def test_json_round_trip() -> None:
    m = MonitorId("DP-1", "Dell", "U2720Q", "SN1", 3840, 2160)
    assert MonitorId.from_json(m.to_json()) == m
    assert m.key() != MonitorId("DP-1", "Dell", "U2720Q", "SN2", 3840, 2160).key()

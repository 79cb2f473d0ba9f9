"""Walls come back on the same physical monitor whatever order the screens are listed in."""

from videowall.domain.monitors import MonitorId, distinguish, match


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


def test_twins_are_told_apart_by_position_and_matched_back_by_it() -> None:
    left = MonitorId("screen", width=1920, height=1080, x=0, y=0, number=1)
    right = MonitorId("screen", width=1920, height=1080, x=1920, y=0, number=2)
    other = MonitorId("HDMI-1", "DEL", "U2720Q", "S1", 3840, 2160, x=3840, number=3)
    a, b, c = distinguish([left, right, other])
    assert (a.place, b.place, c.place) == ("left", "right", "")
    assert a.key() != b.key() and c.key() == other.key(), "a monitor without a twin keeps its old key"
    assert a.label().endswith("monitor 1 (left, 0,0)") and b.label().endswith("monitor 2 (right, 1920,0)")
    # Separate X screens (Xvfb -screen 0 -screen 1) all start at 0,0: the X screen tells them apart.
    s0, s1 = distinguish([MonitorId("screen", width=1024, height=768, desktop=0, number=1),
                          MonitorId("screen", width=1024, height=768, desktop=1, number=2)])
    assert (s0.place, s1.place) == ("screen 1", "screen 2") and s0.key() != s1.key()
    # Listed the other way round next time: each wall still goes to the twin at its position.
    assert match([a, b], distinguish([right, left])) == {0: 1, 1: 0}
    assert MonitorId.from_json(b.to_json()) == b

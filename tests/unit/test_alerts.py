"""The alert rules with a fake clock: debounce, grouping by cause, flapping, acknowledge."""

from __future__ import annotations

from videowall.domain.alerts import AlertBook, AlertRules, AlertType, Cause, Change, Edge, describe, server_of

SERVER = Cause("127.0.0.1:8554", "refused")


def dark(cid: str, at: float, cause: Cause = SERVER) -> Edge:
    return Edge(cid, f"Camera {cid}", True, cause, "offline", "wall", at)


def back(cid: str, at: float, cause: Cause = SERVER) -> Edge:
    return Edge(cid, f"Camera {cid}", False, cause, "live", "wall", at)


def test_server_of_a_stream_url() -> None:
    assert server_of("rtsp://127.0.0.1:8554/cam/01/main") == "127.0.0.1:8554"
    assert server_of("rtsp://user:pw@10.0.0.5/stream") == "10.0.0.5:554"
    assert server_of("") == "" and server_of("file:///tmp/x.ts") == ""


def test_a_camera_must_stay_dark_for_the_debounce() -> None:
    book = AlertBook(AlertRules(debounce_s=5))
    assert book.edge(dark("A", 100)) == []
    assert book.tick(104) == []
    assert book.edge(back("A", 104.5)) == []  # back before the debounce ran out: nothing to say
    assert book.tick(120) == [] and book.alerts == []
    book.edge(dark("A", 300))  # (at 200 it would be a third change within 2 min: flapping)
    [opened] = book.tick(305)
    assert opened.change is Change.OPENED and opened.alert.cameras == {"A": "Camera A"}
    assert not opened.alert.grouped and opened.alert.subject == "A"
    [ended] = book.edge(back("A", 330))
    assert ended.change is Change.ENDED and ended.alert.ended_at == 330 and not ended.alert.active


def test_eleven_cameras_dark_at_once_are_one_alert_naming_the_server() -> None:
    book = AlertBook(AlertRules(debounce_s=5, group_window_s=15))
    ids = [f"CAM-{i:02d}" for i in range(11)]
    for i, cid in enumerate(ids):
        book.edge(dark(cid, 100 + i * 0.3))  # reconnect back-off spreads them over a few seconds
    book.edge(dark("OTHER", 101, Cause("10.0.0.9:554", "refused")))  # another server: its own alert
    book.edge(dark("BLACK", 101, Cause("127.0.0.1:8554", "no_video")))  # same server, other reason
    changes = book.tick(110)
    assert [c.change for c in changes].count(Change.OPENED) == 3
    group = next(a for a in book.alerts if a.grouped)
    assert len(book.alerts) == 3 and list(group.cameras) == ids and group.dark == set(ids)
    assert group.subject == "127.0.0.1:8554" and group.cause.unreachable
    assert group.as_json()["count"] == 11
    for cid in ids[:10]:
        assert book.edge(back(cid, 130))[0].change is Change.CAMERA_BACK
    [ended] = book.edge(back(ids[10], 131))
    assert ended.change is Change.ENDED and ended.alert is group
    book.edge(dark("CAM-00", 300))  # a new spell later: a new alert, not the ended group
    book.tick(306)
    assert len(book.alerts) == 4 and not book.alerts[-1].grouped


def test_late_cameras_outside_the_window_start_a_new_alert() -> None:
    book = AlertBook(AlertRules(debounce_s=2, group_window_s=10))
    book.edge(dark("A", 100))
    book.edge(dark("B", 105))
    book.edge(dark("C", 130))
    book.tick(140)
    assert [list(a.cameras) for a in book.alerts] == [["A", "B"], ["C"]]
    book.edge(dark("D", 100, Cause("", "refused")))  # no known server: never grouped
    book.edge(dark("E", 100, Cause("", "refused")))
    book.tick(141)
    assert [list(a.cameras) for a in book.alerts][2:] == [["D"], ["E"]]


def test_a_flapping_camera_is_shown_once_and_not_alerted_each_cycle() -> None:
    book = AlertBook(AlertRules(debounce_s=1, flap_changes=3, flap_window_s=120))
    book.edge(dark("F", 0))
    book.tick(2)
    book.edge(back("F", 10))
    [flap] = book.edge(dark("F", 20))
    assert flap.change is Change.OPENED and flap.alert.type is AlertType.FLAPPING and book.flapping("F")
    for cycle in range(5):  # dark/live every 20 s for minutes: no new alert, no toast
        t = 30 + cycle * 20
        assert book.edge(back("F", t)) == [] and book.edge(dark("F", t + 10)) == []
        assert book.tick(t + 15) == []
    assert len(book.alerts) == 2 and book.alerts[0].type is AlertType.DARK
    book.edge(back("F", 200))
    assert book.tick(319) == []
    [steady] = book.tick(320)  # a whole window without a change: steady again
    assert steady.change is Change.ENDED and steady.alert is flap.alert and not book.flapping("F")


def test_a_camera_that_stops_flapping_while_dark_alerts_at_once() -> None:
    book = AlertBook(AlertRules(debounce_s=5, flap_changes=3, flap_window_s=60))
    for i, is_dark in enumerate((True, False, True)):
        book.edge((dark if is_dark else back)("F", i * 3.0))
    assert book.flapping("F")
    changes = book.tick(70)
    assert [c.change for c in changes] == [Change.ENDED, Change.OPENED]
    assert changes[1].alert.type is AlertType.DARK and changes[1].alert.dark == {"F"}


def test_cameras_of_one_server_flapping_together_are_one_flapping_line() -> None:
    book = AlertBook(AlertRules(debounce_s=30, flap_changes=3, flap_window_s=60))
    for t, is_dark in ((0, True), (5, False), (10, True)):
        for i, cid in enumerate(("A", "B", "C")):
            book.edge((dark if is_dark else back)(cid, t + i * 0.5, Cause("127.0.0.1:8554", f"r{t}")))
    [flap] = book.alerts
    assert flap.type is AlertType.FLAPPING and list(flap.cameras) == ["A", "B", "C"]
    assert flap.subject == "127.0.0.1:8554"
    assert "3 cameras flapping" in describe(flap)
    book.edge(back("A", 15))
    book.edge(back("B", 15))
    book.edge(back("C", 40))
    assert [c.change for c in book.tick(76)] == [Change.CAMERA_BACK, Change.CAMERA_BACK]  # A, B steady
    assert flap.active and flap.dark == {"C"}
    [ended] = book.tick(100)
    assert ended.change is Change.ENDED and not flap.active and len(book.alerts) == 1


def test_acknowledge_records_who_and_when_once() -> None:
    book = AlertBook(AlertRules(debounce_s=0))
    book.edge(dark("A", 1))
    [opened] = book.tick(1)
    alert = book.acknowledge(opened.alert.id, "operator", 50)
    assert alert is not None and (alert.acknowledged_by, alert.acknowledged_at) == ("operator", 50)
    book.acknowledge(opened.alert.id, "supervisor", 60)
    assert (alert.acknowledged_by, alert.acknowledged_at) == ("operator", 50)
    assert book.acknowledge(999, "operator", 1) is None
    assert alert.as_json()["acknowledged_by"] == "operator"

"""The tour runner (services/tour.py) over a real WallController with stand-in tiles and a fake clock:
where a tour lives across layout changes, takeovers, dark cameras, layout tours, and the saved tours' checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.camera import Camera, ServiceStatus, StreamKind
from videowall.domain.grid import uniform
from videowall.domain.health import HealthRecord, HealthState
from videowall.domain.layout import Layout, TileAssignment
from videowall.domain.stream_state import StreamState, TileStatus
from videowall.domain.tour import DARK_FOR_S, TourDefinition, TourKind
from videowall.services.live import StreamMode, TileReport
from videowall.services.tour import (
    RunningTour,
    TourEnd,
    TourRunner,
    delete_tour,
    list_tours,
    save_tour,
    swept_dark,
)
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.writer import DatabaseWriter


class FakeTile:
    def __init__(self, index: int) -> None:
        self.index, self.camera, self.mode, self.session = index, None, StreamMode.AUTO, object()
        self.shows = 0
        self.prewarmed: list[str] = []  # cameras whose feed the tour connected ahead of their step

    def show(self, camera: Camera | None, mode: StreamMode = StreamMode.AUTO) -> None:
        self.camera, self.mode = camera, mode
        self.shows += 1

    def prewarm(self, camera: Camera, hold_s: float) -> None:
        assert hold_s > 3.0
        self.prewarmed.append(camera.id)

    def set_target_size(self, width: int, height: int) -> None:  # the wall view sizes its tiles
        pass


class FakeLive:
    def __init__(self) -> None:
        self.tiles: list[FakeTile] = []

    def resize(self, count: int) -> None:
        self.tiles = [self.tiles[i] if i < len(self.tiles) else FakeTile(i) for i in range(count)]


CAMS = [Camera(f"C{i}", f"Cam {i}") for i in range(6)] + [Camera("OFF", "Out", status=ServiceStatus.INACTIVE)]


def _wall() -> tuple[WallController, CameraDirectory, StateBook, list[tuple[str, TourEnd]], Callable[..., TourRunner]]:
    directory = CameraDirectory()
    directory.replace(CAMS)
    wall = WallController(FakeLive(), directory)  # type: ignore[arg-type]
    wall.apply_shape(uniform(2, 2), [directory.get("C0"), directory.get("C1"), None, None], keep=False)
    book = StateBook()
    ended: list[tuple[str, TourEnd]] = []
    layouts = {"L9": Layout.from_shape("L9", uniform(3, 3), (TileAssignment(0, "C5"),)),
               "L4": Layout.from_shape("L4", uniform(2, 2), (TileAssignment(1, "C4"),))}

    def make(**walls: WallController) -> TourRunner:
        def on_end(run: RunningTour, why: TourEnd) -> None:
            ended.append((run.name, why))

        return TourRunner(lambda key: {"console": wall, **walls}.get(key), directory, book,
                          lambda name, done: done(layouts.get(name)), on_end=on_end)

    return wall, directory, book, ended, make


def _cams(tour: str = "t", *ids: str, dwell: float = 2.0) -> TourDefinition:
    return TourDefinition.of(tour, TourKind.CAMERAS, list(ids), dwell)


def test_a_tile_tour_cycles_skips_dark_cameras_and_moves_on_when_its_camera_goes_offline() -> None:
    wall, _directory, book, _ended, make = _wall()
    runner = make()
    runner.start(_cams("t", "C2", "OFF", "C3", "C4"), "console", 3, 0.0, User("p", Role.PRESENTER))
    tile = wall.live.tiles[3]
    seen = []
    for k in range(13):
        runner.tick(k * 0.5)
        seen.append(tile.camera.id if tile.camera else None)  # type: ignore[attr-defined]
    assert seen[::4] == ["C2", "C3", "C4", "C2"]  # 2 s each; OFF (in maintenance) never shown
    # each next camera connected ahead (once per step, never the dark one): its step starts warm
    assert tile.prewarmed == ["C3", "C4", "C2"]  # type: ignore[attr-defined]
    assert [t.camera.id for t in wall.live.tiles[:2]] == ["C0", "C1"]  # type: ignore[attr-defined]
    book.states["C2"] = StreamState.OFFLINE  # the camera shown went dark: on to the next one at once
    runner.tick(6.1)
    assert tile.camera.id == "C3"  # type: ignore[attr-defined]
    assert runner.status(6.1)[0] | {"item": None} == {"wall": "console", "tile": 3, "name": "t", "kind": "cameras",
                                                      "step": 3, "steps": 4, "item": None, "paused": False,
                                                      "held": False}


def test_a_tour_keeps_its_position_across_layout_changes_and_ends_when_the_position_goes() -> None:
    wall, directory, _book, ended, make = _wall()
    runner = make()
    runner.start(_cams("t", "C2", "C3"), "console", 3, 0.0)
    wall.assign(0, ["C5"])  # another tile: the tour does not care
    wall.apply_layout(Layout.from_shape("L", uniform(3, 3), (TileAssignment(3, "C1"),)))  # a saved layout
    assert wall.live.tiles[3].camera.id == "C2"  # type: ignore[attr-defined]  # the tour's camera, at once
    runner.tick(2.0)
    assert wall.live.tiles[3].camera.id == "C3" and not ended  # type: ignore[attr-defined]
    wall.apply_shape(uniform(1, 1))
    assert ended == [("t", TourEnd.POSITION_GONE)] and not runner.runs
    runner.start(_cams("u", "C2", "C3"), "console", 0, 3.0)
    wall.live.tiles[0].show(directory.get("C5"))  # the operator drops another camera on the touring tile
    runner.tick(3.5)
    assert ended[-1] == ("u", TourEnd.TAKEN_OVER) and not runner.runs


def test_a_touch_holds_the_tour_and_pause_holds_until_resume() -> None:
    wall, _directory, _book, _ended, make = _wall()
    runner = make()
    runner.start(_cams("t", "C2", "C3"), "console", 2, 0.0)
    runner.touch("console", 2, 1.0)
    runner.tick(5.0)
    assert wall.live.tiles[2].camera.id == "C2" and runner.status(5.0)[0]["paused"]  # type: ignore[attr-defined]
    runner.tick(21.0)
    assert wall.live.tiles[2].camera.id == "C3"  # type: ignore[attr-defined]  # 20 s after the touch
    runner.hold("console", 2)
    runner.tick(500.0)
    assert wall.live.tiles[2].camera.id == "C3"  # type: ignore[attr-defined]
    runner.resume("console", 2, 500.0)
    runner.tick(502.0)
    assert wall.live.tiles[2].camera.id == "C2"  # type: ignore[attr-defined]
    runner.step("console", 2, -1, 502.5)
    assert wall.live.tiles[2].camera.id == "C3"  # type: ignore[attr-defined]
    assert runner.stop("console", 2) and not runner.runs


def test_a_layout_tour_changes_a_monitor_wall_and_tile_tours_there_keep_their_place() -> None:
    _wall_c, directory, _book, ended, make = _wall()
    monitor = WallController(FakeLive(), directory)  # type: ignore[arg-type]
    monitor.apply_shape(uniform(2, 2), [], keep=False)
    runner = make(m1=monitor)
    runner.start(TourDefinition.of("walls", TourKind.LAYOUTS, ["L9", "gone", "L4"], 3.0), "m1", 2, 0.0)
    runner.start(_cams("t", "C2", "C3", dwell=60.0), "m1", 1, 0.0)
    assert monitor.shape.tile_count == 9 and monitor.layout_name == "L9"
    assert monitor.live.tiles[1].camera.id == "C2"  # type: ignore[attr-defined]
    runner.tick(3.0)  # "gone" is not a saved layout: skipped at the next tick
    runner.tick(3.25)
    assert monitor.layout_name == "L4" and monitor.live.tiles[1].camera.id == "C2"  # type: ignore[attr-defined]
    assert runner.at("m1", 3) is runner.runs[("m1", None)]  # a tile without its own tour: the wall's tour
    with pytest.raises(LookupError):
        runner.start(_cams("t", "C2"), "m2", 0, 4.0)
    make_closed = make()  # the monitor wall was closed: its tours end
    make_closed.runs.update(runner.runs)
    make_closed.tick(4.0)
    assert not make_closed.runs and ("walls", TourEnd.WALL_CLOSED) in ended


def test_saved_tours_need_the_edit_right_and_are_audited(tmp_path: Path) -> None:
    with DatabaseWriter(tmp_path / "v.db") as writer:
        tour = _cams("Gates", "C1", "C2", dwell=5.0)
        op = User("ana", Role.OPERATOR)
        writer.submit(lambda db: save_tour(db, op, tour)).result(10)
        renamed = _cams("Gerbang", "C2", dwell=7.0)
        writer.submit(lambda db: save_tour(db, op, renamed, "Gates")).result(10)
        assert writer.submit(list_tours).result(10) == [renamed]
        for role in (Role.PRESENTER, Role.LIAISON):
            with pytest.raises(AccessDenied):
                writer.submit(lambda db, r=role: save_tour(db, User("x", r), tour)).result(10)
            with pytest.raises(AccessDenied):
                writer.submit(lambda db, r=role: delete_tour(db, User("x", r), "Gerbang")).result(10)
        assert writer.submit(lambda db: delete_tour(db, User("s", Role.SUPERVISOR), "Gerbang")).result(10)
        rows = writer.submit(lambda db: db.execute(
            "SELECT actor, action, target, detail FROM audit_log WHERE action LIKE 'tour%' ORDER BY id").fetchall(),
            transaction=False).result(10)
    assert [tuple(r) for r in rows] == [("ana", "tour_saved", "Gates", "cameras, 2 steps"),
                                        ("ana", "tour_saved", "Gerbang", "cameras, 1 steps, was 'Gates'"),
                                        ("s", "tour_deleted", "Gerbang", "")]


def test_dark_means_seen_dark_on_a_wall_lately_else_the_last_sweep(tmp_path: Path) -> None:
    book = StateBook()
    cam, other = CAMS[1], CAMS[2]
    book.record(TileReport(0, cam, StreamKind.SUB, TileStatus(StreamState.QUARANTINED), 0.0), now=100.0)
    assert book.dark(cam, now=101.0) and book.dark(CAMS[6], now=0.0)  # quarantined; out of service
    book.swept_dark = {cam.id, other.id}
    book.record(TileReport(0, other, StreamKind.SUB, TileStatus(StreamState.CONNECTING), 0.0), now=100.0)
    assert not book.dark(other, now=101.0)  # a wall is trying it now: the sweep's verdict waits
    assert book.dark(other, now=100.0 + DARK_FOR_S)  # long ago: the sweep decides again
    book.record(TileReport(0, cam, StreamKind.SUB, TileStatus(StreamState.LIVE), 0.0), now=200.0)
    assert not book.dark(cam, now=201.0)
    with DatabaseWriter(tmp_path / "v.db") as writer:
        records = [HealthRecord("C1", HealthState.UNREACHABLE, at=1.0), HealthRecord("C2", HealthState.LIVE, at=1.0),
                   HealthRecord("C3", HealthState.BLACK, at=1.0), HealthRecord("C4", HealthState.FROZEN, at=1.0)]
        writer.submit(lambda db: HealthHistoryRepository(db).apply(records)).result(10)
        assert writer.submit(lambda db: swept_dark(db, ["C1", "C2", "C3", "C4", "C5"])).result(10) == {"C1", "C3"}

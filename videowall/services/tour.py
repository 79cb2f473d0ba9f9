"""Tours as use cases: saved tours in and out (checked, audited) and the runner that steps them on walls.

Running a tour is viewing (every role that sees live video may run a saved tour, presenters too, as
Milestone lets a viewer run a carousel); making, editing and deleting one is configuration
(``Permission.EDIT_TOURS``: operators, supervisors, administrators), checked here, not only in menus.

Where a tour lives: a camera tour belongs to a *wall position* (wall key + tile index), not to a tile
widget. A layout change on that wall (a grid key, a saved layout, a layout tour's next step) keeps it:
the tile at the same position shows the tour's current camera again at once and the tour goes on.
If the new layout has no such position the tour ends and says why. Putting another camera on the
touring tile (drop, swap, Delete) is the operator taking it over: that tour ends too, and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.layout import Layout
from videowall.domain.tour import SWEPT_DARK, TourCursor, TourDefinition, TourKind
from videowall.security import audit
from videowall.services.live import StreamMode
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.tours import TourRepository

log = logging.getLogger(__name__)
CONSOLE = "console"
PREWARM_S = 3.0  # the next camera of a tile tour is connected this long before its step


# --- saved tours (run on the database writer) --------------------------------------------------------
def list_tours(db: Database) -> list[TourDefinition]:
    return TourRepository(db).all()


def save_tour(db: Database, user: User, tour: TourDefinition, old_name: str = "") -> TourDefinition:
    """Create or replace ``tour`` (renamed from ``old_name`` when given); EDIT_TOURS, audited."""
    require(user, Permission.EDIT_TOURS)
    TourRepository(db).rename(old_name, tour, user.name)
    detail = f"{tour.kind.value}, {len(tour.steps)} steps" + (f", was {old_name!r}" if old_name not in ("", tour.name)
                                                                else "")
    audit.append(db, user.name, audit.Action.TOUR_SAVED, tour.name, detail)
    return tour


def delete_tour(db: Database, user: User, name: str) -> bool:
    require(user, Permission.EDIT_TOURS)
    gone = TourRepository(db).delete(name)
    if gone:
        audit.append(db, user.name, audit.Action.TOUR_DELETED, name, "")
    return gone


def swept_dark(db: Database, camera_ids: list[str]) -> set[str]:
    """The cameras among ``camera_ids`` that the last health sweep found dark (a tour skips them)."""
    current = HealthHistoryRepository(db).current(camera_ids)
    return {cid for cid, health in current.items() if health.record.state in SWEPT_DARK}


# --- running tours -----------------------------------------------------------------------------------
@dataclass
class RunningTour:
    wall: str  # "console" or a monitor wall's key
    tile: int | None  # camera tours: the wall position; layout tours: None (the whole wall)
    cursor: TourCursor
    shown: str | None = None  # the camera this tour put on its tile (to see a takeover)
    warmed_for: float = -1.0  # the step change (cursor.next_at) whose camera was connected ahead

    @property
    def name(self) -> str:
        return self.cursor.definition.name

    def status(self, now: float) -> dict[str, object]:
        step = self.cursor.current
        return {"wall": self.wall, "tile": self.tile, "name": self.name,
                "kind": self.cursor.definition.kind.value, "step": self.cursor.position + 1,
                "steps": len(self.cursor.definition.steps), "item": step.item if step else None,
                "paused": self.cursor.paused(now), "held": self.cursor.held}


class TourEnd(StrEnum):
    """Why a tour ended by itself (the console words it in the operator's language)."""

    WALL_CLOSED = "its wall was closed"
    POSITION_GONE = "its tile is not in the new layout"
    TAKEN_OVER = "another camera was put on its tile"


LoadLayout = Callable[[str, Callable[[Layout | None], None]], None]


class TourRunner:
    """Every running tour of the console and the monitor walls, stepped by the console's wall tick."""

    def __init__(self, walls: Callable[[str], WallController | None], directory: CameraDirectory, book: StateBook,
                 load_layout: LoadLayout, on_change: Callable[[], None] | None = None,
                 on_end: Callable[[RunningTour, TourEnd], None] | None = None) -> None:
        self._walls = walls
        self._directory = directory
        self._book = book
        self.book = book
        self._load_layout = load_layout
        self._on_change = on_change
        self._on_end = on_end
        self.runs: dict[tuple[str, int | None], RunningTour] = {}
        self._watched: dict[str, WallController] = {}
        self._missing_layouts: set[str] = set()

    # --- control ---------------------------------------------------------------------------------------
    def start(self, definition: TourDefinition, wall: str, tile: int | None, now: float,
              user: User | None = None) -> RunningTour:
        """Run ``definition`` on a tile (camera tour) or a whole wall (layout tour); replaces what ran there.

        Running is viewing: ``user`` needs VIEW_LIVE (what each tile may show is still the privacy guard's).
        """
        if user is not None:
            require(user, Permission.VIEW_LIVE)
        controller = self._walls(wall)
        if controller is None:
            raise LookupError(f"no wall {wall!r}")
        if definition.kind is TourKind.LAYOUTS:
            tile = None
        elif tile is None or not 0 <= tile < len(controller.live.tiles):
            raise LookupError(f"wall {wall!r} has no tile {tile}")
        self._watch(wall, controller)
        run = RunningTour(wall, tile, TourCursor(definition))
        self.runs[(wall, tile)] = run
        self._advance(run, controller, now, +1)
        self._changed()
        return run

    def stop(self, wall: str, tile: int | None) -> bool:
        run = self.runs.pop((wall, tile), None)
        self._changed()
        return run is not None

    def at(self, wall: str, tile: int | None) -> RunningTour | None:
        """The tour running on this tile, else the layout tour of its wall."""
        return self.runs.get((wall, tile)) or self.runs.get((wall, None))

    def touch(self, wall: str, tile: int, now: float) -> None:
        """The operator works on the tile: its tour (and the wall's layout tour) holds for a while."""
        for run in (self.runs.get((wall, tile)), self.runs.get((wall, None))):
            if run is not None:
                run.cursor.touch(now)
        self._changed()

    def hold(self, wall: str, tile: int | None) -> None:
        run = self.at(wall, tile)
        if run is not None:
            run.cursor.hold()
            self._changed()

    def resume(self, wall: str, tile: int | None, now: float) -> None:
        run = self.at(wall, tile)
        if run is not None:
            run.cursor.resume(now)
            self._changed()

    def step(self, wall: str, tile: int | None, direction: int, now: float) -> None:
        run = self.at(wall, tile)
        controller = self._walls(wall)
        if run is not None and controller is not None:
            self._advance(run, controller, now, direction)
            self._changed()

    def status(self, now: float) -> list[dict[str, object]]:
        return [r.status(now) for r in self.runs.values()]

    # --- the clock ---------------------------------------------------------------------------------------
    def tick(self, now: float) -> None:
        changed = False
        for run in list(self.runs.values()):
            controller = self._walls(run.wall)
            if controller is None:
                self._end(run, TourEnd.WALL_CLOSED)
                continue
            self._watch(run.wall, controller)
            if run.tile is not None:
                tiles = controller.live.tiles
                if run.tile >= len(tiles):
                    self._end(run, TourEnd.POSITION_GONE)
                    continue
                camera = tiles[run.tile].camera
                if run.shown is not None and (camera is None or camera.id != run.shown):
                    self._end(run, TourEnd.TAKEN_OVER)
                    continue
                went_dark = run.shown is not None and not self._usable_camera(run.shown)
                if went_dark and not run.cursor.paused(now):
                    run.cursor.next_at = now  # the camera shown went offline: on to the next one now
                self._prewarm(run, controller, now)
            if run.cursor.due(now):
                self._advance(run, controller, now, +1)
                changed = True
        if changed:
            self._changed()

    def layout_changed(self, wall: str) -> None:
        """A wall took a new shape or layout: tile tours show their camera again at their position."""
        controller = self._walls(wall)
        if controller is None:
            return
        tiles = controller.live.tiles
        for run in [r for r in self.runs.values() if r.wall == wall and r.tile is not None]:
            assert run.tile is not None
            if run.tile >= len(tiles):
                self._end(run, TourEnd.POSITION_GONE)
                continue
            cam = controller.directory.get(run.shown) if run.shown else None
            tile = tiles[run.tile]
            if cam is not None and (tile.camera is None or tile.camera.id != cam.id):
                tile.show(cam, StreamMode.AUTO)
        self._changed()

    # --- inside ----------------------------------------------------------------------------------------
    def _watch(self, wall: str, controller: WallController) -> None:
        if self._watched.get(wall) is not controller:
            self._watched[wall] = controller
            controller.shape_listeners.append(lambda: self.layout_changed(wall))

    def _usable_camera(self, camera_id: str) -> bool:
        cam = self._directory.get(camera_id)
        return cam is not None and not self._book.dark(cam)

    def _prewarm(self, run: RunningTour, controller: WallController, now: float) -> None:
        """A few seconds before a step, connect its camera's feed: the step then shows its picture at
        once, from the feed's keyframe cache, instead of after a cold connection (issue 16)."""
        cursor = run.cursor
        due_soon = cursor.next_at - now <= PREWARM_S
        if run.tile is None or cursor.paused(now) or not due_soon or run.warmed_for == cursor.next_at:
            return
        run.warmed_for = cursor.next_at
        step = cursor.peek(self._usable_camera)
        cam = controller.directory.get(step.item) if step is not None else None
        if cam is not None and cam.id != run.shown:
            controller.live.tiles[run.tile].prewarm(cam, PREWARM_S + 10.0)

    def _advance(self, run: RunningTour, controller: WallController, now: float, direction: int) -> None:
        if run.tile is None:
            step = run.cursor.advance(now, lambda n: n not in self._missing_layouts, direction)
            if step is not None:
                self._load_layout(step.item, partial(self._layout_loaded, run, step.item))
            return
        step = run.cursor.advance(now, self._usable_camera, direction)
        if step is None:
            return  # every camera of the tour is dark: the tile keeps what it shows, the tour tries again
        cam = controller.directory.get(step.item)
        tiles = controller.live.tiles
        if cam is None or run.tile >= len(tiles):
            return
        run.shown = cam.id
        if tiles[run.tile].camera is None or tiles[run.tile].camera.id != cam.id:  # type: ignore[union-attr]
            tiles[run.tile].show(cam, tiles[run.tile].mode)

    def _layout_loaded(self, run: RunningTour, name: str, layout: Layout | None) -> None:
        if self.runs.get((run.wall, None)) is not run:
            return  # stopped meanwhile
        controller = self._walls(run.wall)
        if layout is None:
            self._missing_layouts.add(name)
            run.cursor.next_at = 0.0  # try the next layout at the next tick
            log.warning("tour %r: no saved layout %r", run.name, name)
            return
        if controller is not None:
            controller.apply_layout(layout)

    def _end(self, run: RunningTour, why: TourEnd) -> None:
        self.runs.pop((run.wall, run.tile), None)
        log.info("tour %r on %s tile %s ended: %s", run.name, run.wall, run.tile, why.value)
        if self._on_end is not None:
            self._on_end(run, why)
        self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

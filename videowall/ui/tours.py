"""Tours on the console: the tile menu's Run tour, Ctrl+T, the toolbar's Tours menu, labels on touring tiles.

The runner (services/tour.py) does the stepping; this part turns gestures into its calls, keeps the
saved tours at hand for the menus (read once, again after every save) and opens the Tours dialog.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu, QWidget

from videowall.domain.access import AccessDenied, Permission, User
from videowall.domain.tour import TourDefinition, TourKind
from videowall.services.layout_service import LayoutService
from videowall.services.operations import Operations
from videowall.services.tour import (
    CONSOLE,
    RunningTour,
    TourEnd,
    TourRunner,
    delete_tour,
    list_tours,
    save_tour,
    swept_dark,
)
from videowall.ui.refusal_words import refusal_text
from videowall.ui.tours_dialog import ToursDialog
from videowall.ui.wall_view import WallView


class TourConsole(QObject):
    def __init__(self, window: QWidget, view: WallView, runner_factory: Callable[[TourConsole], TourRunner],
                 ops: Operations, layouts: LayoutService, user: Callable[[], User],
                 views: Callable[[], dict[str, WallView]], message: Callable[[str], None],
                 wall_names: Callable[[], dict[str, str]] = dict) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._ops = ops
        self._layouts = layouts
        self._user = user
        self._views = views  # every wall's view by wall key ("console" and the monitor walls)
        self._message = message
        self._wall_names = wall_names  # the open monitor walls: key -> the monitor's label
        self.tours: list[TourDefinition] = []
        self.runner = runner_factory(self)
        self._dialog: ToursDialog | None = None
        view.tile_menu.connect(self._tile_menu)
        self._hooked: dict[str, WallView] = {}
        self._paused: frozenset[tuple[str, int | None]] = frozenset()
        self._hook(CONSOLE, view)
        self.reload()

    # --- saved tours -----------------------------------------------------------------------------------
    def reload(self, then: Callable[[], None] | None = None) -> None:
        def got(tours: list[TourDefinition]) -> None:
            self.tours = tours
            if then is not None:
                then()

        self._ops.run(list_tours, got, transaction=False)

    def named(self, name: str) -> TourDefinition | None:
        return next((t for t in self.tours if t.name == name), None)

    # --- running ---------------------------------------------------------------------------------------
    def run(self, tour: TourDefinition, wall: str = CONSOLE, tile: int | None = None) -> None:
        """Start ``tour`` once the last sweep's verdicts on its cameras are in (the dark ones are skipped)."""
        if tour.kind is TourKind.LAYOUTS:
            self._start(tour, wall, tile, set())
            return
        ids = [s.item for s in tour.steps]
        self._ops.run(lambda db: swept_dark(db, ids), lambda dark: self._start(tour, wall, tile, dark),
                      lambda _exc: self._start(tour, wall, tile, set()), transaction=False)

    def _hook(self, key: str, view: WallView | None) -> None:
        """A touch on a wall's tile holds the tours there (monitor walls: once a tour starts on them)."""
        if view is not None and self._hooked.get(key) is not view:
            self._hooked[key] = view
            view.interacted.connect(partial(self._touched, key))

    def _touched(self, key: str, index: int) -> None:
        self.runner.touch(key, index, time.monotonic())

    def _start(self, tour: TourDefinition, wall: str, tile: int | None, dark: set[str]) -> None:
        self._hook(wall, self._views().get(wall))
        book = self.runner.book
        book.swept_dark = (book.swept_dark - {s.item for s in tour.steps}) | dark
        try:
            self.runner.start(tour, wall, tile, time.monotonic(), self._user())
        except (LookupError, AccessDenied) as exc:
            self._message(self.tr("Cannot run the tour %1: %2").replace("%1", tour.name)
                          .replace("%2", refusal_text(exc)))
            return
        where = self.tr("the wall") if tour.kind is TourKind.LAYOUTS else self.tr("tile %1").replace(
            "%1", str((tile or 0) + 1))
        self._message(self.tr("Tour %1 runs on %2").replace("%1", tour.name).replace("%2", where))

    def run_named(self, name: str, wall: str, tile: int | None) -> None:
        tour = self.named(name)
        if tour is None:
            self._message(self.tr("No saved tour %1").replace("%1", name))
            return
        self.run(tour, wall, tile)

    def ended(self, run: RunningTour, why: TourEnd) -> None:
        tile = str((run.tile or 0) + 1)
        text = {TourEnd.WALL_CLOSED: self.tr("its wall was closed"),
                TourEnd.POSITION_GONE: self.tr("tile %1 is not in the new layout").replace("%1", tile),
                TourEnd.TAKEN_OVER: self.tr("another camera was put on tile %1").replace("%1", tile)}[why]
        self._message(self.tr("Tour %1 ended: %2").replace("%1", run.name).replace("%2", text))

    def tick(self, now: float) -> None:
        """The console wall's tick: step the tours; repaint the labels when a hold begins or ends by itself."""
        self.runner.tick(now)
        paused = frozenset(key for key, run in self.runner.runs.items() if run.cursor.paused(now))
        if paused != self._paused:
            self.refresh(now)

    def refresh(self, at: float | None = None) -> None:
        """Put each touring tile's label (tour, step i/n, paused) on every wall."""
        now = time.monotonic() if at is None else at
        self._paused = frozenset(key for key, run in self.runner.runs.items() if run.cursor.paused(now))
        for key, view in self._views().items():
            labels: dict[int, tuple[str, bool]] = {}
            for run in self.runner.runs.values():
                if run.wall != key:
                    continue
                text = f"{run.name} {run.cursor.label()}"
                if run.tile is not None:
                    labels[run.tile] = (text, run.cursor.paused(now))
                else:  # a layout tour: said once, on the wall's first tile (unless that tile tours itself)
                    labels.setdefault(0, (text, run.cursor.paused(now)))
            view.set_tour_labels(labels)

    # --- gestures ----------------------------------------------------------------------------------------
    def _tile_menu(self, index: int, menu: QMenu) -> None:
        """The tile's context menu: Run tour > name, and Pause / Resume / Next / Stop for a touring tile."""
        menu.addSeparator()
        self.fill_menu(menu.addMenu(self.tr("Run &tour")), index)
        run = self.runner.at(CONSOLE, index)
        if run is not None:
            if run.cursor.held:
                menu.addAction(self.tr("Resume tour"), lambda: self.runner.resume(CONSOLE, index, time.monotonic()))
            else:
                menu.addAction(self.tr("Pause tour"), lambda: self.runner.hold(CONSOLE, index))
            menu.addAction(self.tr("Next tour step (PgDown)"), lambda: self.step(+1, index))
            menu.addAction(self.tr("Stop tour %1").replace("%1", run.name),
                           lambda: self.runner.stop(run.wall, run.tile))

    def fill_menu(self, menu: QMenu, index: int) -> None:
        if not self.tours:
            menu.addAction(self.tr("No saved tours")).setEnabled(False)
        for tour in self.tours:
            label = tour.name if tour.kind is TourKind.CAMERAS else self.tr("%1 (whole wall)").replace("%1", tour.name)
            menu.addAction(label, partial(self._run_from_menu, tour, index))
        menu.addSeparator()
        menu.addAction(self.tr("Edit tours..."), self.open_dialog)

    def _run_from_menu(self, tour: TourDefinition, index: int, _checked: bool = False) -> None:
        self.run(tour, CONSOLE, index)

    def toolbar_menu(self, menu: QMenu) -> None:
        """The toolbar's Tours menu: run on the focused tile (else the last), stop all, edit."""
        menu.clear()
        self.fill_menu(menu, self._target())
        for key, label in self._wall_names().items():
            self._monitor_menu(menu.addMenu(self.tr("On the wall on %1").replace("%1", label)), key)
        if self.runner.runs:
            menu.addAction(self.tr("Stop all tours"), self.stop_all)

    def _monitor_menu(self, menu: QMenu, key: str) -> None:
        """A monitor wall: a layout tour runs on the whole wall, a camera tour on its first tile."""
        if not self.tours:
            menu.addAction(self.tr("No saved tours")).setEnabled(False)
        for tour in self.tours:
            label = (self.tr("%1 (whole wall)") if tour.kind is TourKind.LAYOUTS else self.tr("%1 (tile 1)")).replace(
                "%1", tour.name)
            menu.addAction(label, partial(self._run_on, tour, key))
        if any(r.wall == key for r in self.runner.runs.values()):
            menu.addAction(self.tr("Stop the tours on this wall"), partial(self._stop_wall, key))

    def _run_on(self, tour: TourDefinition, key: str, _checked: bool = False) -> None:
        self.run(tour, key, 0)

    def _stop_wall(self, key: str, _checked: bool = False) -> None:
        for run in [r for r in self.runner.runs.values() if r.wall == key]:
            self.runner.stop(run.wall, run.tile)

    def key(self) -> None:
        """Ctrl+T: stop the focused tile's tour, else choose a saved tour to run on it."""
        index = self._target()
        run = self.runner.at(CONSOLE, index)
        if run is not None:
            self.runner.stop(run.wall, run.tile)
            self._message(self.tr("Tour %1 stopped").replace("%1", run.name))
            return
        if not self.tours:
            self.open_dialog()
            return
        menu = QMenu(self._window)
        self.fill_menu(menu, index)
        tiles = self._view.tiles
        anchor = tiles[index].mapToGlobal(tiles[index].rect().center()) if index < len(tiles) else QPoint(0, 0)
        menu.exec(anchor)

    def step(self, direction: int, index: int | None = None) -> None:
        self.runner.step(CONSOLE, self._target() if index is None else index, direction, time.monotonic())

    def stop_all(self) -> None:
        for run in list(self.runner.runs.values()):
            self.runner.stop(run.wall, run.tile)

    def _target(self) -> int:
        focused = self._view.focused_index()
        return focused if focused is not None else max(0, len(self._view.tiles) - 1)

    # --- the dialog ------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        from videowall.ui.main_window import MainWindow

        window = self._window
        assert isinstance(window, MainWindow)
        self._layouts.names(lambda names: self._show_dialog(window, names))

    def _show_dialog(self, window: QWidget, layouts: list[str]) -> None:
        from videowall.ui.main_window import MainWindow

        assert isinstance(window, MainWindow)
        if self._dialog is not None:
            self._dialog.close()
        panel = window.camera_panel
        cameras = panel.model.cameras()
        user = self._user()
        dialog = ToursDialog(self.tours, cameras, layouts, panel.selected_ids, panel.model.favourites,
                             user.can(Permission.EDIT_TOURS), self._save, self._delete, window)
        self._dialog = dialog
        dialog.open()

    def _save(self, tour: TourDefinition, old_name: str) -> None:
        user = self._user()
        self._ops.run(lambda db: save_tour(db, user, tour, old_name), lambda _t: self.reload(), self._failed)

    def _delete(self, name: str) -> None:
        user = self._user()
        self._ops.run(lambda db: delete_tour(db, user, name), lambda _g: self.reload(), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._message(refusal_text(exc))
        if self._dialog is not None:
            self._dialog.message.setText(refusal_text(exc))
        self.reload()

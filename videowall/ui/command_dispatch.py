"""Applies wall commands (data) to the console and the monitor walls."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from videowall.domain.commands import (
    AssignCameras,
    ClearTile,
    CloseWall,
    Maximise,
    OpenWall,
    PtzMode,
    Quit,
    ShowLayout,
    StartTour,
    StopTour,
    VirtualJoystick,
    WallCommand,
)
from videowall.domain.grid import preset
from videowall.domain.layout import Layout
from videowall.domain.tour import TourDefinition, TourKind
from videowall.services.layout_service import LayoutService
from videowall.services.tour import CONSOLE
from videowall.ui.main_window import MainWindow
from videowall.ui.wall_view import WallView
from videowall.ui.walls import WallManager

log = logging.getLogger(__name__)


class CommandDispatcher:
    def __init__(self, window: MainWindow, walls: WallManager, layouts: LayoutService) -> None:
        self._window = window
        self._walls = walls
        self._layouts = layouts

    def _view(self, wall: str) -> WallView | None:
        if wall == "console":
            return self._window.wall_view
        screens = self._walls.screens()
        if wall.isdigit() and int(wall) < len(screens):
            from videowall.ui.wall_window import monitor_id

            window = self._walls.windows.get(monitor_id(screens[int(wall)]).key())
            return window.view if window else None
        return None

    def __call__(self, command: WallCommand) -> None:
        log.info("command: %s", command)
        if isinstance(command, Quit):
            QApplication.instance().quit()  # type: ignore[union-attr]
            return
        if isinstance(command, OpenWall | CloseWall):
            screens = self._walls.screens()
            if command.monitor >= len(screens):
                log.warning("no monitor %d (have %d)", command.monitor, len(screens))
                return
            screen = screens[command.monitor]
            if isinstance(command, CloseWall):
                self._walls.close(screen)
            elif command.layout and preset(command.layout) is None:
                self._layouts.load(command.layout, partial(self._open_wall, screen))
            else:
                window = self._walls.open(screen)
                shape = preset(command.layout or "")
                if shape is not None:
                    window.view.controller.apply_shape(shape, [], keep=False)
            return
        if isinstance(command, PtzMode):
            self._window.open_ptz(command.tile)
            return
        if isinstance(command, VirtualJoystick):
            stick = self._window.joystick
            if stick is None or not stick.drive_virtual(dict(command.axes), dict(command.buttons),
                                                        detach=command.detach):
                log.warning("no joystick (switched off, or not started yet) for %s", command)
            return
        if isinstance(command, StartTour | StopTour):
            self._tour(command)
            return
        view = self._view(command.wall)
        if view is None:
            log.warning("no wall %r for %s", command.wall, command)
            return
        controller = view.controller
        if isinstance(command, ShowLayout):
            shape = preset(command.layout)
            if shape is not None:
                controller.layout_name = None
                controller.apply_shape(shape)
            else:
                self._layouts.load(command.layout, lambda lay: self._apply(view, lay, command.layout))
        elif isinstance(command, AssignCameras):
            controller.assign(command.tile, list(command.cameras))
        elif isinstance(command, ClearTile):
            controller.remove(command.tile)
        elif isinstance(command, Maximise):
            view.toggle_maximise(command.tile)

    def _wall_key(self, wall: str) -> str | None:
        """The tour runner's name for a wall: "console", or an open monitor wall's key."""
        if wall == "console":
            return CONSOLE
        screens = self._walls.screens()
        if wall.isdigit() and int(wall) < len(screens):
            from videowall.ui.wall_window import monitor_id

            key = monitor_id(screens[int(wall)]).key()
            return key if key in self._walls.windows else None
        return wall if wall in self._walls.windows else None

    def _tour(self, command: StartTour | StopTour) -> None:
        tours = self._window.tours
        key = self._wall_key(command.wall)
        if tours is None or key is None:
            log.warning("no wall %r for %s", command.wall, command)
            return
        if isinstance(command, StopTour):
            for run in list(tours.runner.runs.values()):
                if run.wall == key and (command.tile is None or run.tile == command.tile):
                    tours.runner.stop(run.wall, run.tile)
        elif command.name:
            tours.run_named(command.name, key, command.tile)
        else:
            tours.run(TourDefinition.of("command", TourKind.CAMERAS, list(command.cameras), command.dwell_s), key,
                      command.tile)

    def _open_wall(self, screen: QScreen, layout: Layout | None) -> None:
        self._walls.open(screen, layout)

    @staticmethod
    def _apply(view: WallView, layout: Layout | None, name: str) -> None:
        if layout is None:
            log.warning("no saved layout %r", name)
            return
        view.controller.apply_layout(layout)

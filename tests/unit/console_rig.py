"""The operator console as app.py assembles it, without cameras or a fleet: for tests of its widgets.

MainWindow with the import dialog behind on_import, and every toolbar entry the composition root adds
(incidents, city tools, briefings). Services the widgets only call when used are left out (None).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from videowall.domain.access import SYSTEM_USER
from videowall.storage.writer import DatabaseWriter


def console(tmp_path: Path, writer: DatabaseWriter, language: Any, make_wall: Any = None,
            camera: Any = None, user: Any = None) -> Any:
    """The console; ``make_wall``, ``camera`` and ``user`` reach its briefings (presentation and editor)."""
    from videowall.domain.grid import preset
    from videowall.services.layout_service import LayoutService
    from videowall.services.live_wall import LiveWall
    from videowall.services.operations import Operations
    from videowall.services.wall_control import CameraDirectory, StateBook, WallController
    from videowall.ui.briefings import Briefings
    from videowall.ui.city_tools import CityTools
    from videowall.ui.import_dialog import ImportDialog
    from videowall.ui.incidents import IncidentActions
    from videowall.ui.main_window import MainWindow
    from videowall.ui.ui_thread import UiRelay
    from videowall.ui.wall_view import WallView
    from videowall.ui.walls import WallManager

    opened: list[ImportDialog] = []

    def open_import() -> None:
        dialog = ImportDialog(writer, tmp_path / "key", lambda: SYSTEM_USER, window)
        opened.append(dialog)
        dialog.open()

    views: list[WallView] = []
    live = LiveWall(None, None, asyncio.new_event_loop(), lambda r: None)  # type: ignore[arg-type]
    controller = WallController(live, CameraDirectory(), on_shape=lambda s: views[0].set_shape(s))
    views.append(WallView(controller))
    layouts = LayoutService(Operations(writer, UiRelay().post))  # the Layout menu reads the saved names
    window = MainWindow(views[0], layouts, WallManager(lambda a: None, layouts),  # type: ignore[arg-type,return-value]
                        StateBook(), tmp_path, on_import=open_import)
    controller.apply_shape(preset("2x2"))  # type: ignore[arg-type]
    IncidentActions(window, window.console, window.wall_view, None, lambda: None).install()  # type: ignore[arg-type]
    CityTools(window, window.camera_panel, None, None, None, lambda f: f(), lambda _c: None)  # type: ignore[arg-type]
    window.briefings = Briefings(window, writer, None, camera or (lambda _c: None), make_wall, None, language,
                                 "Asia/Jakarta", user)
    window.briefings.install()
    window.opened_imports = opened
    return window

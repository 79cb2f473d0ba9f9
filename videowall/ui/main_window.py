"""The operator console: camera tree with search on the left, the console wall in the middle.

Menus and shortcuts turn into calls on the console's WallController, the LayoutService and the
WallManager; this window holds no wall logic of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QToolButton,
)

from videowall.domain.access import Permission
from videowall.domain.camera import Camera
from videowall.domain.grid import GRID_PRESETS, SPAN_PRESETS, GridShape
from videowall.domain.layout import Layout
from videowall.domain.stream_state import StreamState
from videowall.services.layout_service import LayoutService
from videowall.services.live import TileReport
from videowall.services.wall_control import StateBook, WallController
from videowall.ui.camera_panel import CameraPanel
from videowall.ui.policy_view import gate
from videowall.ui.ptz_dock import PtzDock
from videowall.ui.refusal_words import refusal_text
from videowall.ui.shortcuts import GRID_KEYS, SPAN_KEYS, ShortcutSheet, bind
from videowall.ui.tile import TileAction, VideoTile
from videowall.ui.wall_view import WallView
from videowall.ui.walls import WallManager

if TYPE_CHECKING:
    from videowall.ui.briefings import Briefings
    from videowall.ui.incidents import IncidentActions
    from videowall.ui.ptz_joystick import JoystickConsole
    from videowall.ui.replay_actions import ReplayActions
    from videowall.ui.tours import TourConsole


class MainWindow(QMainWindow):
    """The console window. The features of ``videowall/app/`` fill its typed hooks (below) when they install;
    nothing else is set on it from outside."""

    # The privacy feature: why the signed-in user may not take PTZ control, or None (and records the
    # takeover in the audit trail); which cameras the tree lists; the audit of each snapshot.
    ptz_gate: Callable[[Camera], str | None] | None = None
    tree_filter: Callable[[Camera], bool] | None = None
    on_snapshot: Callable[[Camera, Path], None] | None = None
    on_bookmark: Callable[[int], object] | None = None  # IncidentActions.install: B on a tile
    incidents: IncidentActions | None = None  # the incidents feature: bookmarks, Review (tests, commands)
    replays: ReplayActions | None = None  # the replay feature: Play from recorder, R on a tile, from Review
    briefings: Briefings | None = None  # the briefings feature: Presentation..., the editor, the language menu
    tours: TourConsole | None = None  # the tours feature: Ctrl+T, PgUp/PgDown, the Tour menu
    joystick: JoystickConsole | None = None  # the joystick feature, once its settings are read

    def __init__(self, view: WallView, layouts: LayoutService, walls: WallManager, book: StateBook,
                 snapshot_dir: Path, on_import: Callable[[], None] | None = None,
                 ptz_dock: PtzDock | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("videowall - operator console"))
        self.wall_view = view
        self.console: WallController = view.controller
        self._layouts = layouts
        self._walls = walls
        self._book = book
        self._snapshot_dir = snapshot_dir
        self._states: dict[int, StreamState] = {}
        self._all_cameras: list[Camera] = []  # the whole register, before the tree's filter
        self.setCentralWidget(view)
        view.tile_action.connect(self._tile_action)
        self._build_tree()
        self._build_toolbar(on_import)
        self._bind_keys()
        self._ptz_dock: PtzDock | None = None
        if ptz_dock is not None:
            self.set_ptz_dock(ptz_dock)
        self._summary = QLabel()
        self.statusBar().addPermanentWidget(self._summary)
        self.resize(1600, 900)

    def set_ptz_dock(self, dock: PtzDock) -> None:
        """The PTZ feature's dock: the panel of the tile in PTZ mode, presets, patrols."""
        self._ptz_dock = dock
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self._patrol_labels = QTimer(self)  # tiles say their camera's patrol or park
        self._patrol_labels.timeout.connect(self._label_patrols)
        self._patrol_labels.start(500)

    # --- construction ---------------------------------------------------------------------------
    def _build_tree(self) -> None:
        # The camera list (search index, debounce, favourites, bulk edit) lives in CameraPanel.
        self.camera_panel = CameraPanel()
        self.tree_model = self.camera_panel.model
        self.tree = self.camera_panel.tree
        self.search = self.camera_panel.search
        self.camera_panel.open_requested.connect(self.console.open_camera)
        side = self.camera_panel
        dock = QDockWidget(self.tr("Cameras"), self)
        dock.setObjectName("cameras")
        dock.setWidget(side)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _build_toolbar(self, on_import: Callable[[], None] | None) -> None:
        bar = QToolBar(self.tr("Wall"), self)
        bar.setObjectName("wall")
        self.addToolBar(bar)
        # One "Grid" menu for the uniform grids and the span layouts (Ctrl+1.. / Ctrl+Shift+1..): seven
        # separate buttons pushed Presentation and Language off the toolbar at 1600x900 (issue 23).
        grids = QMenu(self)
        for key, name in GRID_KEYS:
            act = grids.addAction(self.tr("Grid of %1 tiles").replace("%1", name))
            act.setShortcut(QKeySequence(key))
            act.setShortcutVisibleInContextMenu(True)
            act.triggered.connect(lambda _=False, n=name: self.show_shape(GRID_PRESETS[n]))
            self.addAction(act)  # the key works with the menu closed
        grids.addSeparator()
        for key, name in SPAN_KEYS:
            act = grids.addAction(self.tr("Span layout %1").replace("%1", name))
            act.setShortcut(QKeySequence(key))
            act.setShortcutVisibleInContextMenu(True)
            act.triggered.connect(lambda _=False, n=name: self.show_shape(SPAN_PRESETS[n]))
            self.addAction(act)
        self._menu_button(bar, self.tr("Grid"), grids)
        bar.addSeparator()
        self._layout_menu = QMenu(self)
        self._layout_menu.aboutToShow.connect(self._fill_layout_menu)
        self._menu_button(bar, self.tr("Layouts"), self._layout_menu)
        bar.addAction(self.tr("Save layout..."), self.save_layout_as)
        self._walls_menu = QMenu(self)
        self._walls_menu.aboutToShow.connect(self._fill_walls_menu)
        self._menu_button(bar, self.tr("Monitors"), self._walls_menu)
        bar.addSeparator()
        self._tour_menu = QMenu(self)
        self._tour_menu.aboutToShow.connect(lambda: self.tours.toolbar_menu(self._tour_menu) if self.tours else None)
        self._menu_button(bar, self.tr("Tour"), self._tour_menu)
        if on_import is not None:
            bar.addSeparator()
            act = gate(bar.addAction(self.tr("Import register..."), on_import), Permission.IMPORT_REGISTER)
            act.setShortcut(QKeySequence("Ctrl+I"))  # listed in F1 and the README; hidden for roles without it
            act.setToolTip(self.tr("Import a camera register from CSV or JSON (Ctrl+I)"))
            self.import_action = act
        bar.addAction(self.tr("Shortcuts"), self.show_shortcuts)

    def _menu_button(self, bar: QToolBar, text: str, menu: QMenu) -> None:
        button = QToolButton()
        button.setText(text)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(button)

    def _bind_keys(self) -> None:
        bind(self, "PgDown", lambda: self.tours.step(+1) if self.tours else None)
        bind(self, "PgUp", lambda: self.tours.step(-1) if self.tours else None)
        bind(self, "Ctrl+T", lambda: self.tours.key() if self.tours else None)
        bind(self, "Ctrl+S", self.save_layout_as)
        bind(self, "Ctrl+F", self.search.setFocus)
        bind(self, "F11", self.toggle_full_screen)
        bind(self, "F1", self.show_shortcuts)

    # --- cameras ----------------------------------------------------------------------------------
    def set_cameras(self, cameras: list[Camera]) -> None:
        self.console.directory.replace(cameras)
        self._all_cameras = cameras
        # the tree lists only what the signed-in role may open (the privacy feature's filter)
        tree_filter = self.tree_filter
        self.tree_model.set_cameras([c for c in cameras if tree_filter(c)] if tree_filter else cameras)
        self.tree.expandToDepth(0)
        self.statusBar().showMessage(self.tr("%Ln cameras in the register", "", len(cameras)))

    def all_cameras(self) -> list[Camera]:
        """The whole register as last set, private cameras included (the tree may list fewer)."""
        return list(self._all_cameras)

    # --- wall ---------------------------------------------------------------------------------------
    def show_shape(self, shape: GridShape) -> None:
        self._states = {}
        self.console.layout_name = None
        self.console.apply_shape(shape)

    def show_layout(self, layout: Layout) -> None:
        self._states = {}
        missing = self.console.apply_layout(layout)
        if missing:
            self.statusBar().showMessage(self.tr("Not in the register any more: %1").replace("%1", ", ".join(missing)))

    def save_layout_as(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save layout"), self.tr("Layout name:"),
                                        text=self.console.layout_name or "")
        name = name.strip()
        if ok and name and not name.startswith("@"):
            self.console.layout_name = name
            self._layouts.save(self.console.to_layout(name),
                               lambda _r: self.statusBar().showMessage(self.tr("Layout saved: %1").replace("%1", name)),
                               lambda exc: self.statusBar().showMessage(refusal_text(exc)))

    def _fill_layout_menu(self) -> None:
        menu = self._layout_menu
        menu.clear()
        menu.addAction(self.tr("(loading...)")).setEnabled(False)

        def fill(names: list[str]) -> None:
            menu.clear()
            if not names:
                menu.addAction(self.tr("No saved layouts")).setEnabled(False)
            for n in names:
                menu.addAction(n).triggered.connect(lambda _=False, x=n: self._layouts.load(x, self._loaded))

        self._layouts.names(fill)

    def _loaded(self, layout: Layout | None) -> None:
        if layout is not None:
            self.show_layout(layout)

    def _fill_walls_menu(self) -> None:
        menu = self._walls_menu
        menu.clear()
        for screen in self._walls.screens():
            from videowall.ui.wall_window import monitor_id

            act = menu.addAction(self.tr("Wall on %1").replace("%1", monitor_id(screen).label()))
            act.setCheckable(True)
            act.setChecked(self._walls.is_open(screen))
            act.toggled.connect(lambda on, s=screen: self._walls.open(s) if on else self._walls.close(s))

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def show_shortcuts(self) -> None:
        ShortcutSheet(self).exec()

    # --- tile actions -------------------------------------------------------------------------------
    def _tile_action(self, index: int, action: TileAction) -> None:
        if action is TileAction.SNAPSHOT:
            self.snapshot(index)
        elif action is TileAction.BOOKMARK and self.on_bookmark is not None:
            self.on_bookmark(index)  # ui/incidents.py: row at once, non-modal note dialog
        elif action is TileAction.PTZ:
            self.open_ptz(index)
        elif action is TileAction.PTZ_HOME and self._ptz_dock is not None:
            self._ptz_dock.go_home()

    async def close_ptz(self) -> None:
        if self._ptz_dock is not None:
            await self._ptz_dock.aclose()

    def ptz_status(self) -> dict[str, object] | None:
        dock = self._ptz_dock
        if dock is None or dock.camera_id is None:
            return None
        return {"camera_id": dock.camera_id, "connected": dock.connected, "holder": dock.holder,
                "message": dock.message, "panel": dock.panel_message, "buttons": dock.buttons_json(),
                "presets": dock.presets_json(), "patrol": dock.patrol_message,
                "tile_patrol": [list(t.patrol_label) if t.patrol_label else None for t in self.wall_view.tiles]}

    def _label_patrols(self) -> None:
        if self._ptz_dock is None:
            return
        live = self.console.tiles()
        pairs: list[tuple[VideoTile, str | None]] = []
        for tile in self.wall_view.tiles:
            camera = live[tile.index].camera if tile.index < len(live) else None
            pairs.append((tile, camera.id if camera is not None else None))
        self._ptz_dock.label_patrols(pairs)

    def open_ptz(self, index: int) -> None:
        """Put the tile in PTZ mode (its camera must have PTZ); the dock shows the panel."""
        camera = self.console.tiles()[index].camera
        if self._ptz_dock is None or camera is None or not camera.ptz or not camera.onvif_host:
            self.statusBar().showMessage(self.tr("This camera has no PTZ"), 4000)
            return
        refusal = self.ptz_gate(camera) if self.ptz_gate is not None else None
        if refusal:
            self.statusBar().showMessage(refusal, 6000)
            return
        self._ptz_dock.attach(self.wall_view.tiles[index], camera)

    def snapshot(self, index: int) -> None:
        """Save the tile's current picture as PNG, off the UI thread."""
        tile = self.console.tiles()[index]
        shot = tile.snapshot()
        if shot is None or tile.camera is None:
            return
        data, w, h = shot
        image = QImage(data, w, h, w * 4, QImage.Format.Format_RGB32).copy()
        path = self._snapshot_dir / f"{tile.camera.id}-{time.strftime('%Y%m%d-%H%M%S')}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        QThreadPool.globalInstance().start(lambda: image.save(str(path)))
        if self.on_snapshot is not None:
            self.on_snapshot(tile.camera, path)
        self.statusBar().showMessage(self.tr("Snapshot saved: %1").replace("%1", str(path)), 5000)

    # --- tile reports -------------------------------------------------------------------------------
    def on_tile_report(self, report: TileReport) -> None:
        self._book.record(report)
        self.wall_view.on_report(report)
        if report.camera is None:
            self._states.pop(report.index, None)
        else:
            self._states[report.index] = report.status.state
        live = sum(1 for s in self._states.values() if s is StreamState.LIVE)
        self._summary.setText(self.tr("Live %1 of %2 cameras").replace("%1", str(live))
                              .replace("%2", str(len(self._states))))

    def tile_geometry(self, index: int) -> list[int]:
        """The tile's rectangle in screen coordinates, for screenshots in tests."""
        tile = self.wall_view.tiles[index]
        top_left = tile.mapToGlobal(tile.rect().topLeft())
        return [top_left.x(), top_left.y(), tile.width(), tile.height()]

"""The operator console: camera tree with search on the left, the wall in the middle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.stream_state import StreamState
from videowall.services.live import LiveWall, TileReport
from videowall.ui.camera_tree import CameraTreeModel
from videowall.ui.wall_view import WallView

GRID_PRESETS: tuple[tuple[str, int, int], ...] = (("1", 1, 1), ("2x2", 2, 2), ("3x3", 3, 3), ("4x4", 4, 4))


class MainWindow(QMainWindow):
    def __init__(self, wall: LiveWall, on_import: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("videowall - operator console"))
        self._wall = wall
        self._cameras: dict[str, Camera] = {}
        self._states: dict[int, StreamState] = {}
        self.wall_view = WallView(wall, self)
        self.wall_view.cameras_dropped.connect(self._drop)
        self.setCentralWidget(self.wall_view)

        self.tree_model = CameraTreeModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.tree_model)
        self._proxy.setFilterRole(CameraTreeModel.SearchRole)
        self._proxy.setRecursiveFilteringEnabled(True)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView()
        self.tree.setModel(self._proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.doubleClicked.connect(self._open_from_tree)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, id, area or tag"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        side = QWidget()
        lay = QVBoxLayout(side)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search)
        lay.addWidget(self.tree)
        dock = QDockWidget(self.tr("Cameras"), self)
        dock.setObjectName("cameras")
        dock.setWidget(side)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        bar = QToolBar(self.tr("Layout"), self)
        bar.setObjectName("layout")
        self.addToolBar(bar)
        for label, rows, cols in GRID_PRESETS:
            act = QAction(label, self)
            act.setToolTip(self.tr("Grid %1").replace("%1", label))
            act.triggered.connect(lambda _=False, r=rows, c=cols: self.show_grid(r, c, keep=True))
            bar.addAction(act)
        if on_import is not None:
            bar.addSeparator()
            imp = QAction(self.tr("Import register..."), self)
            imp.setShortcut(QKeySequence("Ctrl+I"))
            imp.triggered.connect(on_import)
            bar.addAction(imp)
        self._summary = QLabel()
        self.statusBar().addPermanentWidget(self._summary)
        self.resize(1600, 900)

    # --- cameras ---------------------------------------------------------------------------------
    def set_cameras(self, cameras: list[Camera]) -> None:
        self._cameras = {c.id: c for c in cameras}
        self.tree_model.set_cameras(cameras)
        self.tree.expandToDepth(0)
        self.statusBar().showMessage(self.tr("%n cameras in the register").replace("%n", str(len(cameras))))

    def show_grid(self, rows: int, cols: int, cameras: list[Camera] | None = None, keep: bool = False) -> None:
        """Switch the wall to rows x cols; keep the cameras already shown where they still fit."""
        shown = [t.camera for t in self._wall.tiles] if keep else []
        self._states = {}
        self.wall_view.set_grid(rows, cols)
        wanted: list[Camera | None] = list(cameras) if cameras is not None else list(shown)
        for i, tile in enumerate(self._wall.tiles):
            cam = wanted[i] if i < len(wanted) else None
            tile.show(cam, StreamKind.SUB)

    def _drop(self, index: int, ids: list[str]) -> None:
        cams = [self._cameras[i] for i in ids if i in self._cameras]
        tiles = self._wall.tiles
        for offset, cam in enumerate(cams[: len(tiles) - index]):
            tiles[index + offset].show(cam, StreamKind.SUB)

    def _open_from_tree(self, index: object) -> None:
        cam = self._proxy.data(index, CameraTreeModel.CameraRole)  # type: ignore[arg-type]
        if isinstance(cam, Camera):
            free = next((t for t in self._wall.tiles if t.camera is None), None)
            (free or self._wall.tiles[0]).show(cam, StreamKind.SUB)

    def _filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip().casefold())
        if text.strip():
            self.tree.expandAll()

    # --- tile reports ------------------------------------------------------------------------------
    def on_tile_report(self, report: TileReport) -> None:
        self.wall_view.on_report(report)
        self._states[report.index] = report.status.state
        live = sum(1 for s in self._states.values() if s is StreamState.LIVE)
        self._summary.setText(self.tr("Live %1 / %2").replace("%1", str(live)).replace("%2", str(len(self._states))))

    def tile_geometry(self, index: int) -> list[int]:
        """The tile's rectangle in screen coordinates, for screenshots in tests."""
        tile = self.wall_view.tiles[index]
        top_left = tile.mapToGlobal(tile.rect().topLeft())
        return [top_left.x(), top_left.y(), tile.width(), tile.height()]

"""Qt item model over the pure area tree, with search and favourites; drag a camera or a whole area onto the wall.

The model never filters row by row in Qt: a search is a ``SearchIndex`` scan plus a lazy ``TreeFilter``,
and Qt asks only for the rows it shows, so 10,000 cameras cost little. Column 0 is the name with a state
icon (last seen on a tile, or the last sweep's verdict), column 1 the camera id (the panel shows it on
demand); the tooltip holds the full name, which a narrow list cuts.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,  # fmt: skip
)
from PySide6.QtGui import QIcon, QPainter, QPixmap

from videowall.domain.area_tree import AreaNode, CameraLeaf, NodeKind, TreeFilter, build_area_tree, ordered_cameras
from videowall.domain.camera import Camera
from videowall.domain.health import HealthState
from videowall.domain.search import SearchIndex
from videowall.domain.stream_state import StreamState
from videowall.services.live import TileReport
from videowall.ui.state_style import STATE_STYLE, StateStyle, _tr

CAMERA_MIME = "application/x-videowall-camera-ids"
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # immutable invalid index: the default "parent" of Qt's model API
BACKGROUND_FROM = 2000  # registers this big are built on a worker thread: the console paints meanwhile
STAR = "\u2605"
NAME_COLUMN, ID_COLUMN = 0, 1
#: a sweep's verdict as the tile state it looks like in the tree (unknown: no verdict, the grey ring)
HEALTH_AS_STATE: dict[HealthState, StreamState] = {
    HealthState.LIVE: StreamState.LIVE, HealthState.BLACK: StreamState.NO_VIDEO, HealthState.FROZEN: StreamState.FROZEN,
    HealthState.DISABLED: StreamState.DISABLED, HealthState.NOT_FOUND: StreamState.OFFLINE,
    HealthState.AUTH_FAILURE: StreamState.OFFLINE, HealthState.UNREACHABLE: StreamState.OFFLINE,
    HealthState.BAD_URL: StreamState.OFFLINE, HealthState.UNSUPPORTED: StreamState.OFFLINE,
}
UNKNOWN_STYLE = StateStyle("#5a6570", "Not checked yet", "ring")
_ICONS: dict[str, QIcon] = {}


def state_icon(style: StateStyle) -> QIcon:
    """A small painted icon of the state's shape and colour (shape too, so colour is never the only cue)."""
    icon = _ICONS.get(style.label)
    if icon is None:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style.paint_icon(painter, QRect(0, 0, 14, 14))
        painter.end()
        icon = _ICONS[style.label] = QIcon(pixmap)
    return icon


class BrowseTree:
    """Tree and search index built together, off the UI thread if wanted (pure Python, no Qt objects)."""

    def __init__(self, cameras: Iterable[Camera], favourites: Collection[str] = (), *,
                 favourites_label: str = "Favourites", tags_label: str = "Tags") -> None:  # fmt: skip
        self.favourites = frozenset(favourites)
        self.root = build_area_tree(cameras, self.favourites, favourites_label=favourites_label,
                                    tags_label=tags_label)  # fmt: skip
        self.index = SearchIndex(ordered_cameras(self.root))
        self.leaves: dict[str, list[CameraLeaf]] = {}  # a camera's rows (area, favourites, tags): to repaint
        stack: list[AreaNode] = [self.root]
        while stack:
            for item in stack.pop().items:
                if isinstance(item, CameraLeaf):
                    self.leaves.setdefault(item.camera.id, []).append(item)
                else:
                    stack.append(item)


class CameraTreeModel(QAbstractItemModel):
    """Favourites, Tags and the areas; each camera row shows its name (starred when a favourite)."""

    CameraRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2
    built = Signal(object, int)  # BrowseTree, generation: from the worker thread, queued to the UI thread
    ready = Signal()  # the tree for the latest register is shown

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree = BrowseTree(())
        self._filter = TreeFilter()
        self._query = ""
        self._pending: list[Camera] | None = None
        self._generation = 0
        self._states: dict[str, StreamState] = {}  # camera id -> last seen state
        self.built.connect(self._built, Qt.ConnectionType.QueuedConnection)

    def build(self, cameras: Iterable[Camera], favourites: Collection[str] = ()) -> BrowseTree:
        """A tree for ``set_tree``; pure, so callers may run it on a worker thread."""
        return BrowseTree(cameras, favourites, favourites_label=self.tr("Favourites"), tags_label=self.tr("Tags"))

    def set_cameras(self, cameras: list[Camera], favourites: Collection[str] | None = None) -> None:
        """Show a register; a big one is built on a worker thread and appears when ready (``ready``)."""
        fav = frozenset(self._tree.favourites if favourites is None else favourites)
        self._generation += 1
        if len(cameras) < BACKGROUND_FROM:
            self._pending = None
            self.set_tree(self.build(cameras, fav))
            self.ready.emit()
            return
        self._pending = list(cameras)
        generation, labels = self._generation, (self.tr("Favourites"), self.tr("Tags"))
        threading.Thread(target=lambda: self.built.emit(BrowseTree(cameras, fav, favourites_label=labels[0],
                         tags_label=labels[1]), generation), name="camera-tree", daemon=True).start()  # fmt: skip

    def _built(self, tree: BrowseTree, generation: int) -> None:
        if generation == self._generation:  # a newer register replaced this one meanwhile: drop it
            self._pending = None
            self.set_tree(tree)
            self.ready.emit()

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def set_favourites(self, favourites: Collection[str]) -> None:
        """Star these cameras; rebuilds the tree (cheap before the register is loaded)."""
        self.set_cameras(self.cameras(), favourites)

    def camera_count(self) -> int:
        return len(self._pending) if self._pending is not None else self._tree.root.camera_count

    def set_tree(self, tree: BrowseTree) -> None:
        self.beginResetModel()
        self._tree = tree
        self._filter = TreeFilter(tree.index.search(self._query))
        self.endResetModel()

    @property
    def favourites(self) -> frozenset[str]:
        return self._tree.favourites

    def cameras(self) -> list[Camera]:
        return self._pending if self._pending is not None else self._tree.index.cameras

    def state(self, camera_id: str) -> StreamState | None:
        return self._states.get(camera_id)

    def set_state(self, camera_id: str, state: StreamState) -> None:
        """A camera's latest state (from its tile, or a sweep): its icon in every row that shows it."""
        if self._states.get(camera_id) is state:
            return
        self._states[camera_id] = state
        for leaf in self._tree.leaves.get(camera_id, ()):
            index = self.createIndex(self._filter.row(leaf), NAME_COLUMN, leaf)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def set_health(self, camera_id: str, health: HealthState) -> None:
        state = HEALTH_AS_STATE.get(health)
        if state is not None:
            self.set_state(camera_id, state)

    def set_stored_health(self, verdicts: dict[str, HealthState]) -> None:
        """The last sweep's verdicts at start-up, for cameras no tile has reported yet; one repaint."""
        for camera_id, health in verdicts.items():
            state = HEALTH_AS_STATE.get(health)
            if state is not None and camera_id not in self._states:
                self._states[camera_id] = state
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, NAME_COLUMN), self.index(rows - 1, NAME_COLUMN),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def on_tile_report(self, report: TileReport) -> None:
        if report.camera is not None and report.status.state not in (StreamState.CONNECTING, StreamState.LOCKED,
                                                                     StreamState.NOT_PERMITTED):
            self.set_state(report.camera.id, report.status.state)

    def _style(self, cam: Camera) -> StateStyle:
        state = self._states.get(cam.id)
        if state is None and not cam.enabled:
            state = StreamState.DISABLED
        return STATE_STYLE[state] if state is not None else UNKNOWN_STYLE

    def set_query(self, text: str) -> int | None:
        """Filter to the cameras matching ``text``; returns how many match (None: no filter)."""
        self._query = text
        hits = self._tree.index.search(text)
        self.beginResetModel()
        self._filter = TreeFilter(hits)
        self.endResetModel()
        return None if hits is None else len(hits)

    def camera_ids(self, indexes: Iterable[QModelIndex]) -> list[str]:
        """The cameras under the given rows (an area gives all of its cameras), each once, in order."""
        ids: dict[str, None] = {}
        for index in indexes:
            node = self._node(index)
            if isinstance(node, CameraLeaf):
                ids.setdefault(node.camera.id, None)
            elif index.isValid():
                for leaf in self._matching_leaves(node):
                    ids.setdefault(leaf.camera.id, None)
        return list(ids)

    def _matching_leaves(self, node: AreaNode) -> Iterable[CameraLeaf]:
        for item in self._filter.children(node):
            if isinstance(item, CameraLeaf):
                yield item
            else:
                yield from self._matching_leaves(item)

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def _node(self, index: _Index) -> AreaNode | CameraLeaf:
        return index.internalPointer() if index.isValid() else self._tree.root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        node = self._node(parent)
        if isinstance(node, CameraLeaf) or column not in (NAME_COLUMN, ID_COLUMN):
            return QModelIndex()
        kids = self._filter.children(node)
        if not 0 <= row < len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self._tree.root:
            return QModelIndex()
        return self.createIndex(self._filter.row(up), 0, up)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        node = self._node(parent)
        return 0 if isinstance(node, CameraLeaf) or parent.column() > 0 else len(self._filter.children(node))

    def hasChildren(self, parent: _Index = _ROOT) -> bool:
        node = self._node(parent)
        return not isinstance(node, CameraLeaf) and bool(node.items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Camera") if section == NAME_COLUMN else self.tr("Id")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if isinstance(node, CameraLeaf):
            cam = node.camera
            if role == Qt.ItemDataRole.DisplayRole and index.column() == ID_COLUMN:
                return cam.id
            if role == Qt.ItemDataRole.DisplayRole:
                name = f"{STAR} {cam.name}" if cam.id in self._tree.favourites else cam.name
                return name if cam.enabled else f"{name}  ({self.tr('disabled')})"
            if role == Qt.ItemDataRole.DecorationRole and index.column() == NAME_COLUMN:
                return state_icon(self._style(cam))
            if role == Qt.ItemDataRole.ToolTipRole:
                tags = ", ".join(cam.tags)
                return (f"{cam.name}\n{cam.id}\n{cam.area.label()}\n{cam.kind.value}" + (f"\n{tags}" if tags else "")
                        + "\n" + self.tr("State: %1").replace("%1", _tr(self._style(cam).label)))
            if role == self.CameraRole:
                return cam
            if role == self.SearchRole:
                return f"{cam.id} {cam.name} {cam.area.label()} {' '.join(cam.tags)}".casefold()
            return None
        if index.column() != NAME_COLUMN:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            label = f"{STAR} {node.label}" if node.kind is NodeKind.FAVOURITES else node.label
            return f"{label}  ({self._filter.count(node)})"
        if role == self.SearchRole:
            return node.label.casefold()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        mime.setData(CAMERA_MIME, "\n".join(self.camera_ids(indexes)).encode())
        return mime

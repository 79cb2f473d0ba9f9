"""Qt item model over the pure area tree; drag a camera or a whole area onto the wall."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt

from videowall.domain.area_tree import AreaNode, CameraLeaf, build_area_tree
from videowall.domain.camera import Camera

CAMERA_MIME = "application/x-videowall-camera-ids"
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # immutable invalid index: the default "parent" of Qt's model API


class CameraTreeModel(QAbstractItemModel):
    """Areas and cameras; Qt asks only for the rows it shows, so 10,000 cameras cost little."""

    CameraRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = AreaNode("", 0)

    def set_cameras(self, cameras: list[Camera]) -> None:
        self.beginResetModel()
        self._root = build_area_tree(cameras)
        self.endResetModel()

    def camera_count(self) -> int:
        return self._root.camera_count

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def _node(self, index: _Index) -> AreaNode | CameraLeaf:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        node = self._node(parent)
        if isinstance(node, CameraLeaf) or not 0 <= row < len(node.items) or column != 0:
            return QModelIndex()
        return self.createIndex(row, column, node.items[row])

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        up = node.parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        node = self._node(parent)
        return 0 if isinstance(node, CameraLeaf) else len(node.items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if isinstance(node, CameraLeaf):
            cam = node.camera
            if role == Qt.ItemDataRole.DisplayRole:
                return cam.name if cam.enabled else f"{cam.name}  ({self.tr('disabled')})"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{cam.id}\n{cam.area.label()}\n{cam.kind.value}"
            if role == self.CameraRole:
                return cam
            if role == self.SearchRole:
                return f"{cam.id} {cam.name} {cam.area.label()} {' '.join(cam.tags)}".casefold()
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label}  ({node.camera_count})"
        if role == self.SearchRole:
            return node.label.casefold()
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids: list[str] = []
        for index in indexes:
            node = self._node(index)
            cams = [node.camera] if isinstance(node, CameraLeaf) else list(node.cameras())
            ids.extend(c.id for c in cams if c.id not in ids)
        mime = QMimeData()
        mime.setData(CAMERA_MIME, "\n".join(ids).encode())
        return mime

"""The wall map's drag and drop (issue 21 item 3): monitor rows that take cameras (from the camera list),
tiles (from a local wall) and saved layouts (from the map's own list), and that list of saved layouts."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QTreeWidget, QTreeWidgetItem, QWidget

from videowall.services.wall_agents import WallDrop
from videowall.ui.camera_tree import CAMERA_MIME
from videowall.ui.tile import TILE_MIME

ROLE_TARGET = Qt.ItemDataRole.UserRole + 1  # (agent, monitor key) of a monitor row
LAYOUT_MIME = "application/x-videowall-layout-name"


def read_drop(mime: QMimeData) -> WallDrop | None:
    """What a drag carries, as the wall map takes it (None: nothing it takes)."""
    if mime.hasFormat(LAYOUT_MIME):
        name = bytes(mime.data(LAYOUT_MIME).data()).decode()
        return WallDrop(WallDrop.LAYOUT, layout=name) if name else None
    if not mime.hasFormat(CAMERA_MIME):
        return None
    ids = tuple(i for i in bytes(mime.data(CAMERA_MIME).data()).decode().split("\n") if i)
    if not ids:
        return None
    if mime.hasFormat(TILE_MIME):
        return WallDrop(WallDrop.TILE, ids, tile=int(bytes(mime.data(TILE_MIME).data()).decode() or -1))
    return WallDrop(WallDrop.CAMERAS, ids)


class MonitorTree(QTreeWidget):
    """Agents and their monitors; a monitor row takes a drop (``dropped(agent, monitor key, drop)``)."""

    dropped = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def target_at(self, item: QTreeWidgetItem | None) -> tuple[str, str] | None:
        target = item.data(0, ROLE_TARGET) if item is not None else None
        return (str(target[0]), str(target[1])) if isinstance(target, tuple | list) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_drop(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.target_at(self.itemAt(event.position().toPoint())) is not None:
            _copy(event)
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        target = self.target_at(item)
        drop = read_drop(event.mimeData())
        if item is None or target is None or drop is None:
            event.ignore()
            return
        _copy(event)
        self.setCurrentItem(item)
        self.dropped.emit(target[0], target[1], drop)


def _copy(event: QDragMoveEvent | QDropEvent) -> None:
    """A copy where the drag allows one (the camera list and the local wall keep what was dragged)."""
    if event.possibleActions() & Qt.DropAction.CopyAction:
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
    else:
        event.acceptProposedAction()


class LayoutList(QListWidget):
    """The operator's saved layouts, to drag onto a remote monitor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def set_names(self, names: list[str]) -> None:
        self.clear()
        for name in names:
            QListWidgetItem(name, self)

    def mimeTypes(self) -> list[str]:
        return [LAYOUT_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        mime.setData(LAYOUT_MIME, QByteArray(items[0].text().encode() if items else b""))
        return mime

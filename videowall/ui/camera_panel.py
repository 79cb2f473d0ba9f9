"""The console's camera list: a debounced search box over the camera tree, with favourites and bulk edits.

Typing restarts a 150 ms timer; only when it fires does the model search (a substring scan over a
prepared index), so fast typing never queues work and the UI never freezes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.camera import Camera
from videowall.ui.camera_tree import ID_COLUMN, NAME_COLUMN, CameraTreeModel

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150
EXPAND_ALL_BELOW = 300  # a search with fewer matches opens every branch; more, only the top level


class CameraPanel(QWidget):
    open_requested = Signal(str)
    favourites_requested = Signal(list, bool)  # camera ids, starred
    bulk_edit_requested = Signal(list)  # camera ids
    private_requested = Signal(list, bool)  # camera ids, private
    add_requested = Signal()  # Add camera... (a new one, by hand)
    edit_requested = Signal(str)  # Edit camera... (camera id)
    remove_requested = Signal(str)  # Remove camera... (camera id)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CameraTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ID_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # ids are short: a few hundred rows tell the width
        self.tree.setColumnHidden(ID_COLUMN, True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the tooltip has the whole name
        self.tree.setIndentation(14)  # five levels of areas: leave the names some room in a narrow dock
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.doubleClicked.connect(self._activated)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, id, area or tag"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.matches = QLabel()
        self.show_ids = QCheckBox(self.tr("Show ids"))
        self.show_ids.setObjectName("show-camera-ids")
        self.show_ids.setToolTip(self.tr("Show each camera's id beside its name"))
        self.show_ids.toggled.connect(lambda on: self.tree.setColumnHidden(ID_COLUMN, not on))
        self.last_search_ms = 0.0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search)
        row = QHBoxLayout()
        row.addWidget(self.matches, 1)
        row.addWidget(self.show_ids, 0, Qt.AlignmentFlag.AlignRight)
        lay.addLayout(row)
        lay.addWidget(self.tree)
        self.matches.hide()
        self.model.ready.connect(self._tree_ready)
        # Set by the privacy glue: whether a camera is private and whether this user may change that.
        self.is_private: Callable[[str], bool] = lambda _cid: False
        self.may_mark_private: Callable[[], bool] = lambda: False
        self.may_edit_cameras: Callable[[], bool] = lambda: True  # the menu reflects the policy; the service checks

    def _tree_ready(self) -> None:
        if self.search.text().strip():
            self.apply_search()
        else:
            self.tree.expandToDepth(0)

    def apply_search(self) -> None:
        """Run the search now (the debounce timer calls this; tests may too)."""
        self._timer.stop()
        started = time.perf_counter()
        found = self.model.set_query(self.search.text())
        if found is None:
            self.matches.hide()
            self.tree.expandToDepth(0)
        else:
            self.matches.setText(self.tr("%Ln cameras match", "", found))
            self.matches.show()
            if found <= EXPAND_ALL_BELOW:
                self.tree.expandAll()
            else:
                self.tree.expandToDepth(0)
        self.last_search_ms = (time.perf_counter() - started) * 1000
        log.debug("search %r: %s matches in %.1f ms", self.search.text(), found, self.last_search_ms)

    def selected_ids(self) -> list[str]:
        return self.model.camera_ids(self.tree.selectionModel().selectedIndexes())

    def _activated(self, index: QModelIndex) -> None:
        cam = self.model.data(index, CameraTreeModel.CameraRole)
        if isinstance(cam, Camera):
            self.open_requested.emit(cam.id)

    def _menu(self, pos: QPoint) -> None:
        menu = self.menu_for(self.selected_ids())
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def menu_for(self, ids: list[str]) -> QMenu | None:
        """The context menu for these cameras (built apart from showing it, so tests can use it)."""
        if not ids:
            if not self.may_edit_cameras():
                return None
            menu = QMenu(self)
            menu.addAction(self.tr("Add camera..."), self.add_requested.emit)
            return menu
        menu = QMenu(self)
        if len(ids) == 1:
            menu.addAction(self.tr("Open on the wall"), lambda: self.open_requested.emit(ids[0]))
        starred = all(i in self.model.favourites for i in ids)
        if starred:
            menu.addAction(self.tr("Remove from favourites"), lambda: self.favourites_requested.emit(ids, False))
        else:
            menu.addAction(self.tr("Add to favourites"), lambda: self.favourites_requested.emit(ids, True))
        if self.may_edit_cameras():
            menu.addAction(self.tr("Edit tags and status of %Ln cameras...", "", len(ids)),
                           lambda: self.bulk_edit_requested.emit(ids))  # fmt: skip
            menu.addSeparator()
            menu.addAction(self.tr("Add camera..."), self.add_requested.emit)
            if len(ids) == 1:
                menu.addAction(self.tr("Edit camera..."), lambda: self.edit_requested.emit(ids[0]))
                menu.addAction(self.tr("Remove camera..."), lambda: self.remove_requested.emit(ids[0]))
        if self.may_mark_private():
            menu.addSeparator()
            if all(self.is_private(i) for i in ids):
                menu.addAction(self.tr("Mark as not private (all roles may view)"),
                               lambda: self.private_requested.emit(ids, False))
            else:
                menu.addAction(self.tr("Mark as private (hidden from roles without private access)"),
                               lambda: self.private_requested.emit(ids, True))
        return menu

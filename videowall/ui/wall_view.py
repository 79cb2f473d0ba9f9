"""A wall: tiles laid out by a GridShape (spans included), one paint clock for all of them.

The view only lays out and forwards the operator's gestures as commands to its WallController
(assign, swap, remove, merge, split, stream mode); it never decides what plays.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QInputDialog, QWidget

from videowall.domain.access import Visibility
from videowall.domain.grid import GridShape, preset
from videowall.services.live import StreamMode, TileReport
from videowall.services.wall_control import WallController
from videowall.ui.refusal_words import refusal_text
from videowall.ui.tile import TileAction, VideoTile


class WallView(QWidget):
    tile_action = Signal(int, object)  # index, TileAction: for actions the window handles (snapshot, PTZ)
    interacted = Signal(int)  # the operator touched a tile: tours pause
    tile_menu = Signal(int, object)  # index, QMenu about to show: tours add their entries

    PAINT_INTERVAL_MS = 20  # polls for new pictures: up to 50 repaints/s, only tiles with a new picture
    SPACING = 2

    def __init__(self, controller: WallController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(self.SPACING)
        self.tiles: list[VideoTile] = []
        self.maximised: int | None = None
        self.selected: set[int] = set()
        self.setStyleSheet("background: #05070a;")
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._paint_tick)
        self._clock.start(self.PAINT_INTERVAL_MS)
        self._slow_ticks = 0

    # --- layout ------------------------------------------------------------------------------------
    def set_shape(self, shape: GridShape) -> None:
        """Rebuild the tiles for ``shape``; called by the controller before it picks streams."""
        self.maximised = None
        self.selected.clear()
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for r in range(16):
            self._grid.setRowStretch(r, 1 if r < shape.rows else 0)
            self._grid.setColumnStretch(r, 1 if r < shape.cols else 0)
        for i, cell in enumerate(shape.cells):
            tile = VideoTile(i, self)
            tile.action.connect(self._on_action)
            tile.dropped_cameras.connect(self._on_drop)
            tile.dropped_tile.connect(self.controller.swap)
            tile.layout_chosen.connect(self._choose_layout)
            tile.touched.connect(self.interacted)
            tile.menu_opening.connect(self.tile_menu)
            self._grid.addWidget(tile, cell.row, cell.col, cell.row_span, cell.col_span)
            self.tiles.append(tile)
        self._size_tiles(shape)

    def _size_tiles(self, shape: GridShape) -> None:
        """Tell each controller its tile's size now, so the first stream choice is already right."""
        w, h = max(1, self.width()), max(1, self.height())
        ratio = self.devicePixelRatioF()
        cw, ch = w / shape.cols, h / shape.rows
        controllers = self.controller.tiles()
        for i, cell in enumerate(shape.cells):
            if i < len(controllers):
                controllers[i].set_target_size(int(cw * cell.col_span * ratio), int(ch * cell.row_span * ratio))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.maximised is None:
            self._size_tiles(self.controller.shape)
        elif self.maximised < len(self.controller.tiles()):
            ratio = self.devicePixelRatioF()
            self.controller.tiles()[self.maximised].set_target_size(int(self.width() * ratio),
                                                                       int(self.height() * ratio))

    def on_report(self, report: TileReport) -> None:
        if 0 <= report.index < len(self.tiles):
            self.tiles[report.index].set_report(report, self.controller.tiles()[report.index])

    # --- gestures -----------------------------------------------------------------------------------
    def _on_drop(self, index: int, ids: list[str]) -> None:
        self.controller.assign(index, ids)

    def _on_action(self, index: int, action: TileAction) -> None:
        c = self.controller
        if action is TileAction.REMOVE:
            c.remove(index)
        elif action is TileAction.MAXIMISE:
            self.toggle_maximise(index)
        elif action in (TileAction.STREAM_AUTO, TileAction.STREAM_MAIN, TileAction.STREAM_SUB):
            c.set_mode(index, {TileAction.STREAM_AUTO: StreamMode.AUTO, TileAction.STREAM_MAIN: StreamMode.MAIN,
                               TileAction.STREAM_SUB: StreamMode.SUB}[action])
        elif action is TileAction.SELECT:
            self.selected ^= {index}
            self.tiles[index].set_selected(index in self.selected)
        elif action is TileAction.MERGE:
            chosen = self.selected | {index}
            if len(chosen) >= 2:
                try:
                    c.merge(chosen)
                except ValueError as exc:
                    self.tiles[index].flash(refusal_text(exc))
        elif action is TileAction.SPLIT:
            c.split(index)
        elif action is TileAction.PICK_CAMERA:
            self._pick_camera(index)
        else:
            self.tile_action.emit(index, action)

    def _choose_layout(self, name: str) -> None:
        shape = preset(name)
        if shape is not None:
            self.controller.layout_name = None
            self.controller.apply_shape(shape)

    def _pick_camera(self, index: int) -> None:
        """An empty tile's "Put a camera here...": a camera this role may see, typed or chosen."""
        guard = self.controller.guard
        cams = sorted((c for c in self.controller.directory.by_id.values()
                       if c.enabled and (guard is None or guard.visibility(c) is not Visibility.NOT_PERMITTED)),
                      key=lambda c: c.name)
        if not cams:
            self.tiles[index].flash(self.tr("No camera to show"))
            return
        labels = [f"{c.name} - {c.area.label()} ({c.id})" for c in cams]
        choice, ok = QInputDialog.getItem(self, self.tr("Put a camera here"), self.tr("Camera:"), labels, 0, True)
        typed = choice.strip().casefold()
        found = [c for c, label in zip(cams, labels, strict=True)
                 if typed and (label.casefold() == typed or c.id.casefold() == typed)]
        found = found or [c for c, label in zip(cams, labels, strict=True)
                          if typed and label.casefold().startswith(typed)]
        if ok and len(found) == 1:  # a whole label, a camera id, or the start of one camera's label
            self.controller.assign(index, [found[0].id])
        elif ok:
            self.tiles[index].flash(self.tr("No single camera matches %1").replace("%1", choice))

    def toggle_maximise(self, index: int) -> None:
        """Double-click: one tile fills the wall (and takes the main stream), again to restore.

        The tile is put back into the grid spanning every row and column: hidden neighbours alone would
        leave it in its own cell, since the grid's stretch factors keep the empty rows and columns.
        """
        live = self.controller.tiles()
        shape = self.controller.shape
        if self.maximised is None and 0 <= index < len(self.tiles):
            self.maximised = index
            for i, tile in enumerate(self.tiles):
                tile.setVisible(i == index)
            tile = self.tiles[index]
            self._grid.removeWidget(tile)
            self._grid.addWidget(tile, 0, 0, shape.rows, shape.cols)
            if index < len(live):
                ratio = self.devicePixelRatioF()
                live[index].set_target_size(int(self.width() * ratio), int(self.height() * ratio))
            tile.setFocus()
        elif self.maximised is not None:
            tile = self.tiles[self.maximised]
            cell = shape.cells[self.maximised] if self.maximised < len(shape.cells) else None
            self.maximised = None
            if cell is not None:
                self._grid.removeWidget(tile)
                self._grid.addWidget(tile, cell.row, cell.col, cell.row_span, cell.col_span)
            for other in self.tiles:
                other.setVisible(True)
            self._size_tiles(shape)

    def set_tour_labels(self, labels: dict[int, tuple[str, bool]]) -> None:
        """Which tiles tour (tour name and step, paused or not); the others show no label."""
        for tile in self.tiles:
            tile.set_tour(labels.get(tile.index))

    def focused_index(self) -> int | None:
        for tile in self.tiles:
            if tile.hasFocus():
                return tile.index
        return self.maximised

    def _paint_tick(self) -> None:
        self._slow_ticks = (self._slow_ticks + 1) % (1000 // self.PAINT_INTERVAL_MS)
        live = self.controller.tiles()
        for tile in self.tiles:
            if not tile.isVisible() or tile.index >= len(live):
                continue
            controller = live[tile.index]
            if controller.first_picture_pending():
                controller.tick(time.monotonic())
            if self._slow_ticks == 0:
                tile.set_report(controller.report(), controller)  # once a second: fps, countdowns, clock
            else:
                tile.refresh_if_new_frame(controller)

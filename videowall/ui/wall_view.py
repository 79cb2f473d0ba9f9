"""The grid of tiles; one paint clock for the whole wall rather than a timer per tile."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from videowall.domain.stream_state import StreamState
from videowall.services.live import LiveWall, TileReport
from videowall.ui.tile import VideoTile


class WallView(QWidget):
    cameras_dropped = Signal(int, list)

    PAINT_INTERVAL_MS = 20  # polls for new pictures: up to 50 repaints/s, only tiles with a new picture

    def __init__(self, wall: LiveWall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wall = wall
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTile] = []
        self._maximised: int | None = None
        self.rows = self.cols = 0
        self.setStyleSheet("background: #05070a;")
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._paint_tick)
        self._clock.start(self.PAINT_INTERVAL_MS)
        self._slow_ticks = 0

    def set_grid(self, rows: int, cols: int) -> None:
        """Show a rows x cols grid; tiles beyond it are closed (their streams stop at once)."""
        self._maximised = None
        self.rows, self.cols = rows, cols
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        self._wall.resize(rows * cols)
        for i, controller in enumerate(self._wall.tiles):
            tile = VideoTile(controller, self)
            tile.cameras_dropped.connect(self.cameras_dropped)
            tile.activated.connect(self._toggle_maximise)
            self._grid.addWidget(tile, i // cols, i % cols)
            self.tiles.append(tile)
        for r in range(rows):
            self._grid.setRowStretch(r, 1)
        for c in range(cols):
            self._grid.setColumnStretch(c, 1)

    def on_report(self, report: TileReport) -> None:
        if 0 <= report.index < len(self.tiles):
            self.tiles[report.index].set_report(report)

    def _toggle_maximise(self, index: int) -> None:
        if self._maximised is None:
            self._maximised = index
            for i, tile in enumerate(self.tiles):
                tile.setVisible(i == index)
        else:
            self._maximised = None
            for tile in self.tiles:
                tile.setVisible(True)

    def _paint_tick(self) -> None:
        self._slow_ticks = (self._slow_ticks + 1) % (1000 // self.PAINT_INTERVAL_MS)
        for tile in self.tiles:
            if not tile.isVisible():
                continue
            if self._slow_ticks == 0 and tile.controller.report().status.state is not StreamState.LIVE:
                tile.update()  # countdowns and clocks on tiles without pictures
            else:
                tile.refresh_if_new_frame()

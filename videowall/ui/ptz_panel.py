"""PTZ panel: joystick pad, speed, zoom, presets, home, and the last error in words.

Self-contained: give it a controller-like object (``PtzController``'s methods) and the asyncio loop
(qasync's). Nothing here waits on the camera: presses call the controller's non-blocking
``move``/``release``, and every slower action runs as a task whose outcome lands in the status line.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Coroutine
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.ptz import KnownPosition, Preset, Velocity
from videowall.services.ptz_input import PtzInputMapper
from videowall.ui.ptz_thumbnails import PresetThumbnails
from videowall.ui.ptz_words import ptz_words
from videowall.ui.refusal_words import refusal_text

log = logging.getLogger(__name__)


class PtzControllerLike(Protocol):
    last_error: Any
    successes: int  # camera calls that went through
    known: KnownPosition

    @property
    def current_error(self) -> Any: ...  # the last failure, None once a later call went through
    @property
    def camera_presets(self) -> bool: ...  # new presets are kept on the camera (else on this console)

    def move(self, velocity: Velocity) -> None: ...
    def release(self) -> None: ...
    async def goto_home(self) -> None: ...
    async def centre_on(self, fx: float, fy: float) -> Any: ...
    async def zoom_to_box(self, fx: float, fy: float, box_w: float, box_h: float) -> Any: ...
    async def presets(self) -> list[Preset]: ...
    async def goto_preset(self, preset: Preset) -> None: ...
    async def save_local_preset(self, name: str) -> Preset: ...
    async def save_preset(self, name: str) -> Preset: ...  # on the camera where it keeps them, else local
    async def remove_preset(self, preset: Preset) -> None: ...


class JoystickPad(QWidget):
    """A round pad: press and drag from the centre; distance sets speed, release stops."""

    dragged = Signal(float, float)  # offset from the centre, pixels
    released = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(140, 140)
        self.setToolTip(self.tr("Drag from the centre to pan and tilt; release to stop"))
        self._knob: QPointF | None = None

    @property
    def radius(self) -> float:
        return min(self.width(), self.height()) / 2 - 6

    def _offset(self, event: QMouseEvent) -> QPointF:
        centre = QPointF(self.width() / 2, self.height() / 2)
        return event.position() - centre

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._moved(self._offset(event))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._moved(self._offset(event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._knob = None
            self.update()
            self.released.emit()

    def _moved(self, offset: QPointF) -> None:
        length = math.hypot(offset.x(), offset.y())
        if length > self.radius > 0:
            offset = offset * (self.radius / length)
        self._knob = offset
        self.update()
        self.dragged.emit(offset.x(), offset.y())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        painter.setPen(QPen(QColor("#607080"), 2))
        painter.setBrush(QColor("#202830"))
        painter.drawEllipse(centre, self.radius, self.radius)
        painter.setBrush(QColor("#4090e0") if self._knob is not None else QColor("#506070"))
        knob = centre + (self._knob or QPointF(0, 0))
        painter.drawEllipse(knob, 14, 14)
        painter.end()


class PtzPanel(QWidget):
    """The operator's PTZ controls for one camera."""

    def __init__(self, controller: PtzControllerLike, loop: asyncio.AbstractEventLoop,
                 parent: QWidget | None = None, *, thumbnails: PresetThumbnails | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.thumbnails = thumbnails
        self._loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()
        self._presets: list[Preset] = []
        self._message = ""
        self._failed_at: int | None = None  # the controller's ``successes`` when ``_message`` told a failure
        self.mapper = PtzInputMapper(controller, call_later=lambda delay, fn: loop.call_later(delay, fn),
                                     centre=self.centre_on, preset=self.goto_number, zoom_box=self.zoom_to_box)

        self.pad = JoystickPad(self)
        self.pad.dragged.connect(self._on_drag)
        self.pad.released.connect(self.mapper.drag_end)

        self.speed = QSlider(Qt.Orientation.Horizontal, self)
        self.speed.setRange(5, 100)
        self.speed.setValue(int(self.mapper.speed * 100))
        self.speed.valueChanged.connect(lambda v: self.mapper.set_speed(v / 100))
        self.speed.setToolTip(self.tr("Maximum pan/tilt speed"))

        self.zoom_in = QPushButton(self.tr("Zoom +"), self)
        self.zoom_out = QPushButton(self.tr("Zoom −"), self)
        self.zoom_in.pressed.connect(lambda: self._zoom(+1))
        self.zoom_out.pressed.connect(lambda: self._zoom(-1))
        self.zoom_in.released.connect(controller.release)
        self.zoom_out.released.connect(controller.release)
        self.home = QPushButton(self.tr("Home"), self)
        self.home.setToolTip(self.tr("Home position (Home key on the tile); "
                                     "a masked camera is blanked until it is back"))
        self.home.clicked.connect(lambda _checked=False: self.go_home())

        self.preset_list = QListWidget(self)
        self.preset_list.setObjectName("ptz_presets")
        self.preset_list.setIconSize(QSize(80, 45))
        self.preset_where = QLabel(self)
        self.preset_where.setWordWrap(True)
        self.preset_list.itemDoubleClicked.connect(lambda _item: self._goto_selected())
        self.preset_name = QLineEdit(self)
        self.preset_name.setObjectName("ptz_preset_name")
        self.preset_name.setPlaceholderText(self.tr("Preset name"))
        self.preset_name.returnPressed.connect(self._save)
        self.goto_button = QPushButton(self.tr("Go to"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("ptz_preset_save")
        self.save_button.setToolTip(self.tr("Save the current view as a preset: on the camera where it keeps "
                                            "presets, else on this console (local)"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.goto_button.clicked.connect(self._goto_selected)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove_selected)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        speed_row = QHBoxLayout()
        speed_row.addWidget(QLabel(self.tr("Speed"), self))
        speed_row.addWidget(self.speed)
        zoom_row = QHBoxLayout()
        for button in (self.zoom_out, self.zoom_in, self.home):
            zoom_row.addWidget(button)
        preset_buttons = QHBoxLayout()
        for button in (self.goto_button, self.save_button, self.remove_button):
            preset_buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pad, 1)
        layout.addLayout(speed_row)
        layout.addLayout(zoom_row)
        layout.addWidget(QLabel(self.tr("Presets (Ctrl+1 ... Ctrl+9 on the tile)"), self))
        layout.addWidget(self.preset_where)
        layout.addWidget(self.preset_list, 1)
        layout.addWidget(self.preset_name)
        layout.addLayout(preset_buttons)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh_status)
        self._timer.start()
        self.reload_presets()

    # -- actions --------------------------------------------------------------------------------------

    def _on_drag(self, dx: float, dy: float) -> None:
        self.mapper.radius = max(1.0, self.pad.radius)
        if not self.mapper.dragging:
            self.mapper.drag_start(0.0, 0.0)  # the pad's centre is the origin
        self.mapper.drag_to(dx, dy)

    def _zoom(self, direction: int) -> None:
        self.controller.move(Velocity(0.0, 0.0, direction * max(0.1, self.mapper.zoom_speed)))

    def _selected(self) -> Preset | None:
        row = self.preset_list.currentRow()
        return self._presets[row] if 0 <= row < len(self._presets) else None

    def _goto_selected(self) -> None:
        preset = self._selected()
        if preset is None:
            self._say(self.tr("Select a preset first"))
            return
        self._run(self.controller.goto_preset(preset), self.tr("Going to preset %1").replace("%1", preset.name))

    def _save(self) -> None:
        name = self.preset_name.text().strip()
        if not name:
            self._say(self.tr("Type a name for the preset"))
            return
        self._run(self._save_preset(name), self.tr("Saved preset %1").replace("%1", name), reload=True)

    async def _save_preset(self, name: str) -> None:
        preset = await self.controller.save_preset(name)
        if self.thumbnails is not None:
            try:
                await self.thumbnails.save(preset)
            except OSError as exc:  # the preset is saved; only its picture is missing
                log.warning("PTZ preset thumbnail not saved: %s", exc)

    def goto_number(self, number: int) -> None:
        """Ctrl+number on the PTZ tile: the list's preset of that number (1-based)."""
        if not 1 <= number <= len(self._presets):
            self._say(self.tr("No preset %1").replace("%1", str(number)))
            return
        self.preset_list.setCurrentRow(number - 1)
        self._goto_selected()

    def _remove_selected(self) -> None:
        preset = self._selected()
        if preset is None:
            self._say(self.tr("Select a preset first"))
            return
        self._run(self._remove_preset(preset), self.tr("Removed preset %1").replace("%1", preset.name),
                  reload=True)

    async def _remove_preset(self, preset: Preset) -> None:
        await self.controller.remove_preset(preset)
        if self.thumbnails is not None:
            self.thumbnails.forget(preset)

    def reload_presets(self) -> None:
        self._run(self._load_presets(), "")

    async def _load_presets(self) -> None:
        self._presets = await self.controller.presets()
        self.preset_list.clear()
        for number, preset in enumerate(self._presets, 1):
            where = self.tr("on the camera") if preset.source.value == "camera" else self.tr("local")
            item = QListWidgetItem(f"{number}. {preset.name} ({where})")
            icon = self.thumbnails.icon(preset) if self.thumbnails is not None else None
            if icon is not None:
                item.setIcon(icon)
            self.preset_list.addItem(item)
        on_camera = self.controller.camera_presets
        self.preset_where.setText(self.tr("New presets are kept on the camera") if on_camera else
                                  self.tr("This camera keeps no presets: new ones are kept on this console (local)"))

    def preset_names(self) -> list[str]:
        """The camera's presets as listed (camera ones first, then local), for the patrol's choices."""
        return [preset.name for preset in self._presets]

    def presets_json(self) -> list[dict[str, object]]:
        rows = (self.preset_list.item(i) for i in range(self.preset_list.count()))
        return [{"text": item.text(), "thumbnail": not item.icon().isNull()} for item in rows]

    # -- task plumbing --------------------------------------------------------------------------------

    def go_home(self) -> None:
        self._run(self.controller.goto_home(), self.tr("Going home"))

    def centre_on(self, fx: float, fy: float) -> None:
        """A click on the tile: bring that point of the picture to the middle."""
        self._run(self.controller.centre_on(fx, fy), self.tr("Centred on the clicked point"))

    def zoom_to_box(self, fx: float, fy: float, box_w: float, box_h: float) -> None:
        """A box drawn on the tile with Shift held: centre it and zoom until it fills the picture."""
        self._run(self.controller.zoom_to_box(fx, fy, box_w, box_h), self.tr("Zoomed to the drawn box"))

    def _run(self, coro: Coroutine[Any, Any, Any], success: str, *, reload: bool = False) -> None:
        """Start ``coro`` on the loop; its result or error shows in the status line, never blocks."""
        task = self._loop.create_task(coro)
        self._tasks.add(task)

        def done(finished: asyncio.Task[Any]) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            error = finished.exception()
            if error is not None:
                self._say(self.tr("Failed: %1").replace("%1", self._words(error)))
                self._failed_at = self.controller.successes
            elif success:
                self._say(success)
            if reload and error is None:
                self.reload_presets()

        task.add_done_callback(done)

    def _words(self, error: BaseException) -> str:
        """Our errors are worded for the operator; a library's or Python's own are not (they go to the log)."""
        words = ptz_words(error)  # a camera failure, in the operator's language
        if words is not None:
            return words
        if type(error).__module__.startswith("videowall.") and str(error):
            return refusal_text(error)
        log.warning("PTZ panel: unexpected failure", exc_info=error)
        return self.tr("unexpected failure (details in the log)")

    def _say(self, message: str) -> None:
        self._message = message
        self._failed_at = None
        self.refresh_status()

    def refresh_status(self) -> None:
        """The status line; a failure leaves it once a later camera call went through (the camera recovered)."""
        if self._failed_at is not None and self.controller.successes > self._failed_at:
            self._message, self._failed_at = "", None
        parts = [self._message] if self._message else []
        error = self.controller.current_error
        said = self._words(error) if error is not None else ""
        if said and said not in self._message:
            parts.append(self.tr("Last camera error: %1").replace("%1", said))
        known = self.controller.known
        if known.position is not None:
            p = known.position
            parts.append(self.tr("Position pan %1 tilt %2 zoom %3 (%4)")
                         .replace("%1", f"{p.pan:+.2f}").replace("%2", f"{p.tilt:+.2f}")
                         .replace("%3", f"{p.zoom:.2f}").replace("%4", known.source.value))
        self.status.setText("\n".join(parts))

    def closeEvent(self, event: Any) -> None:
        self.controller.release()
        self._timer.stop()
        super().closeEvent(event)

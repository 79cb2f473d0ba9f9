"""The PTZ dock's patrol and park controls for one camera (services/ptz_patrol.py runs them).

The operator lists presets with a dwell each (one by one, or all of the camera's presets at once),
sets how long the camera must be left alone before an interrupted patrol goes on, and optionally a
park preset with its idle minutes; Start saves the definition and starts the patrol. The status line
(``status``: the dock shows it above its tabs) says "Patrol: preset 2/4", "held", "Parked" and so on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied
from videowall.domain.ptz_patrol import DEFAULT_DWELL_S, DEFAULT_RESUME_S, Mode, PatrolPlan, PatrolStep
from videowall.services.ptz_patrol import PatrolElsewhere, PatrolService, PresetMissing
from videowall.ui.ptz_words import ptz_words
from videowall.ui.refusal_words import refusal_text

log = logging.getLogger(__name__)


class PatrolBox(QWidget):
    """Define, start and stop one camera's patrol; set its park preset. ``presets()``: the panel's names."""

    def __init__(self, service: PatrolService, camera_id: str, presets: Callable[[], list[str]],
                 loop: asyncio.AbstractEventLoop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.camera_id = camera_id
        self._presets = presets
        self._loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()
        self._steps: list[PatrolStep] = []
        self._message = ""
        self._known_names: list[str] = []

        self.status = QLabel()  # the dock places it above its tabs: always in sight
        self.status.setObjectName("ptz_patrol_status")
        self.status.setWordWrap(True)
        self.steps = QListWidget(self)
        self.steps.setObjectName("ptz_patrol_steps")
        self.preset = QComboBox(self)
        self.dwell = QSpinBox(self)
        self.dwell.setObjectName("ptz_patrol_dwell")
        self.dwell.setRange(1, 3600)
        self.dwell.setValue(int(DEFAULT_DWELL_S))
        self.dwell.setSuffix(self.tr(" s"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_all_button = QPushButton(self.tr("Add all presets"), self)
        self.add_all_button.setObjectName("ptz_patrol_add_all")
        self.remove_button = QPushButton(self.tr("Remove step"), self)
        self.resume = QSpinBox(self)
        self.resume.setRange(5, 3600)
        self.resume.setValue(int(DEFAULT_RESUME_S))
        self.resume.setSuffix(self.tr(" s"))
        self.resume.setToolTip(self.tr("A manual move holds the patrol; it goes on after this long without one"))
        self.park = QComboBox(self)
        self.park_minutes = QSpinBox(self)
        self.park_minutes.setRange(1, 720)
        self.park_minutes.setValue(5)
        self.park_minutes.setSuffix(self.tr(" min"))
        self.save_button = QPushButton(self.tr("Save"), self)
        self.start_button = QPushButton(self.tr("Start patrol"), self)
        self.start_button.setObjectName("ptz_patrol_start")
        self.start_button.setToolTip(self.tr("Save the patrol and start it from its first preset"))
        self.stop_button = QPushButton(self.tr("Stop patrol"), self)
        self.stop_button.setObjectName("ptz_patrol_stop")

        self.add_button.clicked.connect(lambda _checked=False: self.add_selected())
        self.add_all_button.clicked.connect(lambda _checked=False: self.add_all())
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_step())
        self.save_button.clicked.connect(lambda _checked=False: self._run(self._save(), self.tr("Patrol saved")))
        self.start_button.clicked.connect(lambda _checked=False: self._run(self._start(), ""))
        self.stop_button.clicked.connect(
            lambda _checked=False: self._run(self.service.stop(self.camera_id), self.tr("Patrol stopped")))

        add_row = QHBoxLayout()
        add_row.addWidget(self.preset, 1)
        add_row.addWidget(self.dwell)
        add_row.addWidget(self.add_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.add_all_button)
        list_row.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow(self.tr("Resume after idle"), self.resume)
        park_row = QHBoxLayout()
        park_row.addWidget(self.park, 1)
        park_row.addWidget(QLabel(self.tr("after"), self))
        park_row.addWidget(self.park_minutes)
        form.addRow(self.tr("Park at"), park_row)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.start_button, self.stop_button):
            buttons.addWidget(button)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Patrol presets, in order, with the dwell at each"), self))
        layout.addWidget(self.steps, 1)
        layout.addLayout(add_row)
        layout.addLayout(list_row)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

        self._timer = QTimer(self)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._run(self._load(), "")

    # -- the definition -------------------------------------------------------------------------------

    def _names_changed(self) -> None:
        names = self._presets()
        if names == self._known_names:
            return
        self._known_names = names
        for combo, first in ((self.preset, None), (self.park, self.tr("(no park)"))):
            current = combo.currentData()
            combo.clear()
            if first is not None:
                combo.addItem(first, "")
            for name in names:
                combo.addItem(name, name)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))

    def add_selected(self) -> None:
        name = self.preset.currentData()
        if not name:
            self._say(self.tr("This camera has no presets yet: save some first"))
            return
        self._steps.append(PatrolStep(str(name), float(self.dwell.value())))
        self._show_steps()

    def add_all(self) -> None:
        names = self._presets()
        if not names:
            self._say(self.tr("This camera has no presets yet: save some first"))
            return
        self._steps.extend(PatrolStep(name, float(self.dwell.value())) for name in names)
        self._show_steps()

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if 0 <= row < len(self._steps):
            del self._steps[row]
        elif self._steps:
            self._steps.pop()
        self._show_steps()

    def _show_steps(self) -> None:
        self.steps.clear()
        for number, step in enumerate(self._steps, 1):
            self.steps.addItem(self.tr("%1. %2, %3 s").replace("%1", str(number)).replace("%2", step.preset)
                               .replace("%3", f"{step.dwell_s:g}"))

    def plan(self) -> PatrolPlan:
        park = str(self.park.currentData() or "")
        return PatrolPlan(self.camera_id, tuple(self._steps), float(self.resume.value()), park,
                          float(self.park_minutes.value()) * 60 if park else 0.0)

    async def _load(self) -> None:
        plan = await self.service.plan(self.camera_id)
        self._names_changed()
        self._steps = list(plan.steps)
        self._show_steps()
        self.resume.setValue(int(plan.resume_idle_s))
        if plan.parks:
            if self.park.findData(plan.park_preset) < 0:
                self.park.addItem(plan.park_preset, plan.park_preset)
            self.park.setCurrentIndex(self.park.findData(plan.park_preset))
            self.park_minutes.setValue(max(1, round(plan.park_idle_s / 60)))

    async def _save(self) -> None:
        await self.service.save(self.plan())

    async def _start(self) -> None:
        if not self._steps:
            self._say(self.tr("Add presets to the patrol first"))
            return
        await self.service.save(self.plan())
        await self.service.start(self.camera_id)

    # -- status ---------------------------------------------------------------------------------------

    def status_text(self) -> str:
        current = self.service.status(self.camera_id)
        if current is None:
            return self.tr("No patrol running")
        status, error, holder = current
        if status.mode is Mode.TOURING:
            text = (self.tr("Patrol: preset %1/%2 (%3)").replace("%1", str(status.step))
                    .replace("%2", str(status.total)).replace("%3", status.preset) if status.step else
                    self.tr("Patrol: starting"))
        elif status.mode is Mode.HELD:
            who = holder or self.tr("a manual move")
            text = (self.tr("Patrol held (%1); resumes after idle, at %2 at the earliest").replace("%1", who)
                    .replace("%2", _clock(status.at)))
        elif status.mode is Mode.PARKED:
            text = self.tr("Parked at %1").replace("%1", status.preset)
        elif status.mode is Mode.WAITING:
            text = (self.tr("No patrol running; parks at %1 at %2 if left alone").replace("%1", status.preset)
                    .replace("%2", _clock(status.at)))
        else:
            text = self.tr("No patrol running")
        if error is not None:
            text += "\n" + self.tr("Last patrol step failed: %1").replace("%1", self._words(error))
        return text

    def _words(self, error: Exception) -> str:
        if isinstance(error, PresetMissing):
            return self.tr("the camera no longer lists preset %1").replace("%1", error.name)
        words = ptz_words(error)
        if words is not None:
            return words
        if isinstance(error, AccessDenied):
            return self.tr("the signed-in role may not use PTZ")
        log.info("PTZ patrol step: %s", error)
        return self.tr("unexpected failure (details in the log)")

    def refresh(self) -> None:
        self._names_changed()
        text = self.status_text()
        if self.status.text() != text:
            self.status.setText(text)
        self.note.setText(self._message)

    def _say(self, message: str) -> None:
        self._message = message
        self.refresh()

    def _run(self, coro: Coroutine[Any, Any, Any], success: str) -> None:
        task = self._loop.create_task(coro)
        self._tasks.add(task)

        def done(finished: asyncio.Task[Any]) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            error = finished.exception()
            if isinstance(error, PatrolElsewhere):
                self._say(self.tr("Failed: %1").replace("%1", self.tr("the patrol runs on another console "
                                                                      "(started by %1)").replace("%1", error.run.by)))
            elif isinstance(error, AccessDenied):
                self._say(self.tr("Failed: %1").replace("%1", self.tr("the signed-in role may not use PTZ")))
            elif isinstance(error, ValueError | LookupError):
                self._say(self.tr("Failed: %1").replace("%1", refusal_text(error)))
            elif error is not None:
                log.warning("PTZ patrol: unexpected failure", exc_info=error)
                self._say(self.tr("Failed: %1").replace("%1", self.tr("unexpected failure (details in the log)")))
            elif success:
                self._say(success)
            else:
                self.refresh()

        task.add_done_callback(done)

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        super().closeEvent(event)


def patrol_badge(service: PatrolService, camera_id: str) -> tuple[str, bool] | None:
    """The tile's label for its camera's patrol or park (text, held); None: nothing to say."""
    current = service.status(camera_id)
    if current is None:
        return None
    status = current[0]
    if status.mode is Mode.TOURING:
        if not status.step:
            return QCoreApplication.translate("PatrolBadge", "Patrol: starting"), False
        return (QCoreApplication.translate("PatrolBadge", "Patrol: preset %1/%2").replace("%1", str(status.step))
                .replace("%2", str(status.total)), False)
    if status.mode is Mode.HELD:
        return QCoreApplication.translate("PatrolBadge", "Patrol held"), True
    if status.mode is Mode.PARKED:
        return QCoreApplication.translate("PatrolBadge", "Parked at %1").replace("%1", status.preset), False
    return None


def _clock(at: float | None) -> str:
    """A monotonic ``at`` as the wall clock's HH:MM:SS."""
    if at is None:
        return "-"
    return time.strftime("%H:%M:%S", time.localtime(time.time() + at - time.monotonic()))

"""The wall map's presets row (issue 21 item 3): save what the remote monitors show under a name, apply a
saved preset in one press, and see every monitor's answer (accepted, refused with the reason, waiting)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from videowall.domain.access import AccessDenied
from videowall.domain.wall_presets import WallPreset
from videowall.services.wall_presets import MonitorResult, WallPresets
from videowall.ui.refusal_words import refusal_text


class PresetBar(QWidget):
    def __init__(self, presets: WallPresets, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presets = presets
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Preset name"))
        self.save_button = QPushButton(self.tr("Save walls as preset"), self)
        self.save_button.clicked.connect(lambda: self._save())
        self.choice = QComboBox(self)
        self.apply_button = QPushButton(self.tr("Apply preset"), self)
        self.apply_button.clicked.connect(lambda: self._apply())
        for button in (self.save_button, self.apply_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(120)
        grid.addWidget(QLabel(self.tr("Wall presets:"), self), 0, 0, 1, 2)
        grid.addWidget(self.name, 1, 0)
        grid.addWidget(self.save_button, 1, 1)
        grid.addWidget(self.choice, 2, 0)
        grid.addWidget(self.apply_button, 2, 1)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.addWidget(self.results, 4, 0, 1, 2)
        self.refresh()

    def refresh(self, select: str = "") -> None:
        def fill(names: list[str]) -> None:
            current = select or self.choice.currentText()
            self.choice.clear()
            self.choice.addItems(names)
            if current in names:
                self.choice.setCurrentText(current)

        self._presets.names(fill)

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.status.setText(self.tr("Give the preset a name first."))
            return
        self._presets.save(name, self._saved, self._failed)

    def _saved(self, wall_preset: WallPreset) -> None:
        self.status.setText(self.tr("Preset %1 saved: %2 monitors").replace("%1", wall_preset.name).replace(
            "%2", str(len(wall_preset.monitors))))
        self.refresh(wall_preset.name)

    def _apply(self) -> None:
        name = self.choice.currentText()
        if not name:
            self.status.setText(self.tr("Save a preset first."))
            return
        self.status.setText(self.tr("Applying %1...").replace("%1", name))
        self.results.clear()
        self._presets.apply(name, lambda results: self._progress(name, results), self._failed)

    def _progress(self, name: str, results: list[MonitorResult]) -> None:
        self.results.clear()
        for r in results:
            if r.state == MonitorResult.ACCEPTED:
                text = self.tr("%1: shown").replace("%1", r.label)
            elif r.state == MonitorResult.REFUSED:
                text = self.tr("%1: refused: %2").replace("%1", r.label).replace("%2", r.reason)
            else:
                text = self.tr("%1: waiting for the agent").replace("%1", r.label)
            self.results.addItem(text)
        shown = sum(1 for r in results if r.state == MonitorResult.ACCEPTED)
        refused = sum(1 for r in results if r.state == MonitorResult.REFUSED)
        if shown + refused == len(results):
            self.status.setText(self.tr("Preset %1: %2 shown, %3 refused").replace("%1", name).replace(
                "%2", str(shown)).replace("%3", str(refused)))

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc) if isinstance(exc, AccessDenied) else str(exc)
        self.status.setText(self.tr("Refused: %1").replace("%1", text))

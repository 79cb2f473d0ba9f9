"""Keyboard shortcuts in one table, so the F1 sheet and the bindings can never disagree."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.grid import GRID_PRESETS, SPAN_PRESETS


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


GRID_KEYS = [(f"Ctrl+{i + 1}", name) for i, name in enumerate(sorted(GRID_PRESETS, key=int))]
SPAN_KEYS = [(f"Ctrl+Shift+{i + 1}", name) for i, name in enumerate(SPAN_PRESETS)]


def describe() -> list[tuple[str, str]]:
    rows = [(key, _tr("Grid of %1 tiles").replace("%1", name)) for key, name in GRID_KEYS]
    rows += [(key, _tr("Span layout %1").replace("%1", name)) for key, name in SPAN_KEYS]
    rows += [
        ("Enter / " + _tr("double-click"), _tr("Maximise the focused tile, again to restore")),
        ("Delete", _tr("Remove the camera from the focused tile")),
        ("B", _tr("Bookmark an incident on the focused tile")),
        ("R", _tr("Instant replay: the last 30 s of the focused tile from its recorder")),
        ("Ctrl+" + _tr("click"), _tr("Select tiles to merge")),
        ("PgDown / PgUp", _tr("Next / previous tour step")),
        ("Ctrl+T", _tr("Run a saved tour on the focused tile, or stop its tour")),
        ("Ctrl+S", _tr("Save the wall as a named layout")),
        ("Ctrl+I", _tr("Import a camera register")),
        ("Ctrl+F", _tr("Search cameras")),
        ("F11", _tr("Full screen")),
        ("F1", _tr("This sheet")),
    ]
    return rows


def bind(widget: QWidget, sequence: str, slot: Callable[[], None]) -> QShortcut:
    sc = QShortcut(QKeySequence(sequence), widget)
    sc.setContext(Qt.ShortcutContext.WindowShortcut)
    sc.activated.connect(slot)
    return sc


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = describe()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, text) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(buttons)
        self.resize(620, 560)

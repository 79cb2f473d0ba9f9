"""Toolbar icons from SVG (crisp at any devicePixelRatio), matched to actions by their English source text.

Actions are found by what they say (through the translation tables when the UI is not English), so
the modules that add toolbar entries need no change to get an icon.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from videowall.ui.language import Language
from videowall.ui.theme import RESOURCES

ICON_DIR = RESOURCES / "icons"
ICONS = {  # English source text -> icon file (resources/icons/<name>.svg)
    "Layouts": "layouts", "Save layout...": "save", "Monitors": "monitors", "Tour": "tour",
    "Import register...": "import", "Export register...": "export", "Shortcuts": "shortcuts",
    "Bookmark (B)": "bookmark", "Review...": "review", "Dashboard": "dashboard", "Grid": "spans",
    "Presentation...": "presentation", "Language": "language", "Alarm tile": "alarm", "PTZ": "ptz",
}


def icon(name: str) -> QIcon:
    return QIcon(str(ICON_DIR / f"{name}.svg"))


def apply_icons(window: QMainWindow, language: Language) -> int:
    """Give the toolbars' known entries their icon, text beside it; returns how many got one."""
    done = 0
    for bar in window.findChildren(QToolBar):
        size = max(18, round(window.fontMetrics().height() * 1.25))
        bar.setIconSize(QSize(size, size))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for button in bar.findChildren(QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # menu buttons too
            act = button.defaultAction()
            text = act.text() if act is not None else button.text()
            found = language.source_of(text)
            name = ICONS.get(found[1] if found else text)
            if name is not None:
                (act.setIcon if act is not None else button.setIcon)(icon(name))
                done += 1
    return done

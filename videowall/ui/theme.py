"""The dark control-room look: Fusion style, a dark palette and the QSS from resources/styles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def apply_theme(app: QApplication, resources: Path = RESOURCES) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#11161c"), (QPalette.ColorRole.WindowText, "#dfe6ee"),
        (QPalette.ColorRole.Base, "#0d1217"), (QPalette.ColorRole.AlternateBase, "#151b22"),
        (QPalette.ColorRole.Text, "#dfe6ee"), (QPalette.ColorRole.Button, "#1c242d"),
        (QPalette.ColorRole.ButtonText, "#dfe6ee"), (QPalette.ColorRole.Highlight, "#2d5f8a"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#1c242d"),
        (QPalette.ColorRole.ToolTipText, "#dfe6ee"), (QPalette.ColorRole.PlaceholderText, "#7d8a97"),
    ):
        pal.setColor(role, QColor(color))
    app.setPalette(pal)
    qss = resources / "styles" / "dark.qss"
    if qss.exists():
        # url(@ICONS@/x.svg): the check marks, found wherever the resources are (checkout or bundle)
        icons = (resources / "icons").as_posix()
        app.setStyleSheet(qss.read_text(encoding="utf-8").replace("@ICONS@", icons))

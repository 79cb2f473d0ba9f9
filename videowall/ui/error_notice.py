"""The notice an operator sees when the safety net caught an unexpected error: one line in the status
bar, no dialog (a modal box on a video wall would stop the shift until someone clicks it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

NOTICE_MS = 15000


def show_error_notice(window: QMainWindow, what: str) -> None:
    text = QCoreApplication.translate("ErrorNotice", "An unexpected error was logged; the wall keeps running (%1)")
    window.statusBar().showMessage(text.replace("%1", what[:160]), NOTICE_MS)

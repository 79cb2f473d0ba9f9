"""The safety net: an error escaping a toolbar click, a worker thread or an asyncio callback is logged
with its traceback, shown as one status-bar line (no dialog), and the console keeps working."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import Qt, qWarning
from PySide6.QtTest import QTest

from tests.unit.console_rig import console
from tests.unit.qt_wait import qt_app as _app
from tests.unit.qt_wait import until
from videowall.app.safety import SafetyNet
from videowall.storage.writer import DatabaseWriter


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    w = DatabaseWriter(tmp_path / "vw.db")
    w.start()
    yield w
    w.stop()


def _button(window: Any, text: str) -> QtWidgets.QToolButton:
    for bar in window.findChildren(QtWidgets.QToolBar):
        for act in bar.actions():
            if act.text() == text:
                button = bar.widgetForAction(act)
                assert isinstance(button, QtWidgets.QToolButton)
                return button
    raise AssertionError(text)


def test_errors_are_logged_shown_and_the_console_goes_on(writer: DatabaseWriter, tmp_path: Path,
                                                         caplog: Any) -> None:
    from videowall.ui.language import Language

    window = console(tmp_path, writer, Language(_app()))  # its incidents have no evidence service: Review fails
    window.show()
    loop = asyncio.new_event_loop()
    net = SafetyNet()
    net.attach(window, loop)
    try:
        with caplog.at_level(logging.WARNING):
            QTest.mouseClick(_button(window, "Review..."), Qt.MouseButton.LeftButton)  # the slot raises
            until(lambda: net.caught == 1, "the click's error was caught")
            assert "AttributeError" in net.last and "unexpected error" in window.statusBar().currentMessage()
            assert any("Traceback" in r.getMessage() and "open_review" in r.getMessage() for r in caplog.records)
            assert not [w for w in _app().topLevelWidgets() if isinstance(w, QtWidgets.QMessageBox)]  # no dialog

            window.activateWindow()
            assert QTest.qWaitForWindowActive(window)
            QTest.keyClick(window.wall_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # it still obeys
            until(lambda: window.console.shape.tile_count == 9, "Ctrl+3 gave a 3x3 wall")

            threading.Thread(target=lambda: 1 / 0, name="worker").start()  # an uncaught error off the UI thread
            until(lambda: net.caught == 2 and "ZeroDivisionError" in window.statusBar().currentMessage(),
                  "the thread's error reached the status bar on the UI thread")

            loop.call_exception_handler({"message": "a task failed", "exception": ValueError("bad answer")})
            assert net.caught == 3 and net.last == "ValueError: bad answer"

            qWarning("a Qt warning")  # Qt's own messages go to the log, not to stderr
            assert any(r.name == "videowall.qt" and r.getMessage() == "a Qt warning" for r in caplog.records)
    finally:
        net.close()
        loop.close()
    assert net.status() == {"errors": {"caught": 3, "last": "ValueError: bad answer"}}

"""The QApplication of a widget test, and waiting for a widget's state while Qt's events run."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6 import QtWidgets


def qt_app() -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert isinstance(app, QtWidgets.QApplication)
    return app


def until(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Run Qt's events until ``check()`` holds; fail with ``what`` after ``timeout`` seconds
    (a bound for a failing run only: a passing one waits as long as the widget takes)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        qt_app().processEvents()
        time.sleep(0.01)

"""The sign-in dialog checks passwords off the UI thread: the window answers while argon2 and the
database work, and the result comes back to it (real widgets, QTest input)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.access import Role  # noqa: E402
from videowall.storage.database import open_database  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.login_dialog import LoginDialog  # noqa: E402


def _type(widget: QtWidgets.QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def test_first_run_creates_the_administrator_then_a_wrong_password_is_refused(tmp_path: Path) -> None:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    open_database(tmp_path / "v.db").close()
    with DatabaseWriter(tmp_path / "v.db") as writer:
        first = LoginDialog(writer, first_run=True)
        first.show()
        _type(first.name, "admin1")
        _type(first.password, "a-long-enough-password-1")
        _type(first.repeat, "a-long-enough-password-1")
        QTest.keyClick(first.repeat, Qt.Key.Key_Return)
        assert first.user is None  # not yet: the check runs on another thread, the window stays live
        deadline = time.monotonic() + 20
        while first.user is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        assert first.user is not None and first.user.role is Role.ADMIN, first.error.text()

        again = LoginDialog(writer)
        again.show()
        _type(again.name, "admin1")
        _type(again.password, "wrong")
        QTest.keyClick(again.password, Qt.Key.Key_Return)
        deadline = time.monotonic() + 20
        while again.error.text() in ("", again.tr("Checking...")) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        assert again.user is None and again.error.text(), again.error.text()
        assert again.password.text() == ""

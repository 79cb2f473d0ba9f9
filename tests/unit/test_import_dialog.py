"""The import dialog: the shared register's 48 defects listed line by line, nothing imported until asked."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from videowall.domain.access import SYSTEM_USER  # noqa: E402
from videowall.storage.cameras import CameraRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.import_dialog import ImportDialog  # noqa: E402


def _wait(dialog: ImportDialog, timeout: float = 60) -> None:
    app = QtWidgets.QApplication.instance()
    deadline = time.monotonic() + timeout
    while not dialog.run_button.isEnabled() and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.01)
    assert dialog.run_button.isEnabled(), "the import did not finish"


def test_dialog_lists_every_rejected_line_and_imports_on_request(tmp_path: Path, shared_data: Path) -> None:
    QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    with DatabaseWriter(tmp_path / "r.db") as writer:
        dialog = ImportDialog(writer, tmp_path / "key", lambda: SYSTEM_USER)
        dialog.path.setText(str(shared_data / "city_cameras.csv"))
        dialog.start()
        assert not dialog.run_button.isEnabled()  # the UI stays responsive while the writer imports
        _wait(dialog)
        assert "4653" in dialog.summary.text() and "48" in dialog.summary.text()
        assert dialog.table.rowCount() == 48
        lines = {int(dialog.table.item(r, 0).text()) for r in range(48)}
        assert 112 in lines and 865 in lines  # bad_lat, empty_name from the register's own list
        assert writer.submit(lambda db: CameraRepository(db).count()).result() == 0  # all or nothing
        dialog.valid_only.setChecked(True)
        dialog.start()
        _wait(dialog)
        assert writer.submit(lambda db: CameraRepository(db).count()).result() == 4605
        assert dialog.bar.value() == dialog.bar.maximum()

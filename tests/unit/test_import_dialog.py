"""The import dialog: the shared register's 48 defects listed line by line, nothing imported until asked."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import QLocale  # noqa: E402

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
        rows_read = QLocale().toString(4653)  # counts in the UI's locale: 4653, 4,653 (en_GB) or 4.653 (id)
        assert rows_read in dialog.summary.text() and "48" in dialog.summary.text()
        assert dialog.table.rowCount() == 48
        lines = {int(dialog.table.item(r, 0).text()) for r in range(48)}
        assert 112 in lines and 865 in lines  # bad_lat, empty_name from the register's own list
        assert writer.submit(lambda db: CameraRepository(db).count()).result() == 0  # all or nothing
        dialog.valid_only.setChecked(True)
        dialog.start()
        _wait(dialog)
        assert writer.submit(lambda db: CameraRepository(db).count()).result() == 4605
        assert dialog.bar.value() == dialog.bar.maximum()


def test_dialog_sync_previews_then_retires_a_bookmarked_camera(tmp_path: Path) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from videowall.domain.evidence import Bookmark
    from videowall.storage.evidence import EvidenceRepository

    QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    header = "id_titik,nama_titik,rtsp_utama\n"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(header + "".join(f"CAM-{n},Titik {n},rtsp://10.0.0.{n}/CAM-{n}\n" for n in (1, 2, 3)))
    second.write_text(header + "CAM-1,Titik Satu,rtsp://10.0.0.1/CAM-1\nCAM-3,Titik 3,rtsp://10.0.0.3/CAM-3\n")
    with DatabaseWriter(tmp_path / "r.db") as writer:
        dialog = ImportDialog(writer, tmp_path / "key", lambda: SYSTEM_USER)
        dialog.show()
        reloads: list[bool] = []
        dialog.imported.connect(lambda: reloads.append(True))
        QTest.keyClicks(dialog.path, str(first))
        QTest.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        _wait(dialog)
        mark = Bookmark(0, "CAM-2", "Titik 2", "", 1_796_000_000.0, "operator1")
        bookmark = writer.submit(lambda db: EvidenceRepository(db).add_bookmark(mark)).result(10)

        assert not dialog.apply_button.isVisible()
        QTest.mouseClick(dialog.sync, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.sync.height() // 2))
        assert dialog.sync.isChecked() and dialog.apply_button.isVisible() and not dialog.apply_button.isEnabled()
        assert dialog.run_button.text() == "Preview sync"
        dialog.path.clear()
        QTest.keyClicks(dialog.path, str(second))
        QTest.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        _wait(dialog)
        table = dialog.plan_table
        plan = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
        assert plan == [("change", "CAM-1", "Titik Satu"), ("retire", "CAM-2", "Titik 2")]
        assert "1 to retire" in dialog.summary.text() and "Apply sync" in dialog.summary.text()
        assert writer.submit(lambda db: CameraRepository(db).retired()).result() == {}  # a preview writes nothing

        QTest.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        _wait(dialog)
        assert "1 retired" in dialog.summary.text(), dialog.summary.text()
        assert not dialog.apply_button.isEnabled() and reloads == [True, True]

        def after(db):  # type: ignore[no-untyped-def]
            audits = [r[0] for r in db.execute("SELECT detail FROM audit_log WHERE action = 'register_sync'")]
            return ([c.id for c in CameraRepository(db).all()], list(CameraRepository(db).retired()),
                    EvidenceRepository(db).get(bookmark), audits)

        listed, retired, kept, audits = writer.submit(after).result()
        assert sorted(listed) == ["CAM-1", "CAM-3"] and retired == ["CAM-2"]
        assert kept is not None and kept.camera_id == "CAM-2"
        assert len(audits) == 1 and "retired 1" in audits[0] and "sha256 " in audits[0]
        dialog.close()

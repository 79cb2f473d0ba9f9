"""The scene review's contact sheet, clicked with QTest: a supervisor approves a whole area in one action
(each camera audited), an operator gets no decision buttons, and an automatic reference is never
called "Approved" (real service, database and picture files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.unit.test_scene_references import OPERATOR, SUPERVISOR, _audit, _camera, _run, _scene  # noqa: E402
from videowall.domain.access import Visibility  # noqa: E402
from videowall.services.privacy import PrivacyService  # noqa: E402
from videowall.services.scene_references import TRUST_FIRST_KEY  # noqa: E402
from videowall.storage.settings import SettingsRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.quarantine_review import QuarantineReview  # noqa: E402

CAMERAS = [_camera("TEMBALANG-1", "Tembalang"), _camera("TEMBALANG-2", "Tembalang"),
           _camera("TEMBALANG-3", "Tembalang"), _camera("GAYAMSARI-1", "Gayamsari")]


def _app() -> object:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def _with_candidates(writer: DatabaseWriter, tmp_path: Path, user: object) -> PrivacyService:
    service = PrivacyService(writer, tmp_path, user)  # type: ignore[arg-type]
    service.load()
    for i, cam in enumerate(CAMERAS):
        _run(service, cam.id, _scene(i + 1), 0.0, 5.0)
    writer.submit(lambda db: None).result()
    return service


def test_a_supervisor_approves_an_area_in_one_action(tmp_path: Path) -> None:
    _app()
    with DatabaseWriter(tmp_path / "wall.db") as writer:
        service = _with_candidates(writer, tmp_path, SUPERVISOR)
        dialog = QuarantineReview(service, lambda: CAMERAS)
        dialog.show()
        assert dialog.sheet.count() == 4
        assert all("Needs reference" in dialog.sheet.item(i).text() for i in range(4))
        assert "never been approved" in dialog.reference_caption.text()
        index = dialog.area.findText("Tembalang", Qt.MatchFlag.MatchStartsWith)
        assert index > 0
        dialog.area.setCurrentIndex(index)
        dialog.area.activated.emit(index)  # what choosing it with the mouse or keys does
        assert sorted(dialog.selected_ids()) == ["TEMBALANG-1", "TEMBALANG-2", "TEMBALANG-3"]
        assert dialog.approve is not None and dialog.approve.text().endswith("(3)")
        QTest.mouseClick(dialog.approve, Qt.MouseButton.LeftButton)
        writer.submit(lambda db: None).result()
        approved = [r for r in _audit(writer) if r[1] == "reference_approved"]
        assert sorted(r[2] for r in approved) == ["TEMBALANG-1", "TEMBALANG-2", "TEMBALANG-3"]
        assert all(r[0] == "sari" and r[3].startswith("sha256 ") for r in approved)
        assert [service.visibility(c) for c in CAMERAS] == [Visibility.SHOWN] * 3 + [Visibility.NEEDS_REFERENCE]
        assert dialog.sheet.count() == 1  # the sheet now holds only what still waits
        # keep the last one blocked: audited as well
        dialog.sheet.item(0).setSelected(True)
        assert dialog.keep is not None
        QTest.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
        writer.submit(lambda db: None).result()
        assert _audit(writer)[-1][:3] == ("sari", "quarantine_kept", "GAYAMSARI-1")
        dialog.close()


def test_an_operator_sees_the_sheet_without_decision_buttons(tmp_path: Path) -> None:
    _app()
    with DatabaseWriter(tmp_path / "wall.db") as writer:
        service = _with_candidates(writer, tmp_path, OPERATOR)
        dialog = QuarantineReview(service, lambda: CAMERAS)
        dialog.show()
        assert dialog.sheet.count() == 4
        assert dialog.approve is None and dialog.keep is None
        assert dialog.findChild(QtWidgets.QPushButton, "approveSelected") is None
        assert dialog.findChild(QtWidgets.QPushButton, "keepBlocked") is None
        dialog.close()


def test_references_say_who_made_them(tmp_path: Path) -> None:
    """Trusted at migration, or approved by a named supervisor at a time: never an unnamed 'Approved'."""
    _app()
    with DatabaseWriter(tmp_path / "wall.db") as writer:
        writer.submit(lambda db: SettingsRepository(db).set(TRUST_FIRST_KEY, True)).result()
        service = PrivacyService(writer, tmp_path, SUPERVISOR)
        service.load()
        now = _run(service, "TEMBALANG-1", _scene(1), 0.0, 5.0)
        writer.submit(lambda db: None).result()
        dialog = QuarantineReview(service, lambda: CAMERAS)
        trusted = service.scene.reference("TEMBALANG-1")
        assert dialog._provenance(trusted).startswith("Trusted at migration")
        assert "Approved" not in dialog._provenance(trusted)
        from tests.unit.test_scene_references import _other_view

        while not service.scene.is_quarantined("TEMBALANG-1"):
            service.inspect("TEMBALANG-1", lambda: _other_view(), now)
            now += 0.5
        writer.submit(lambda db: None).result()
        dialog.fill()
        assert "QUARANTINED" in dialog.sheet.item(0).text()
        assert dialog.reference_caption.text().startswith("Reference: Trusted at migration")
        assert "Picture at quarantine" in dialog.held_caption.text()
        service.approve(["TEMBALANG-1"]).result()
        approved = service.scene.reference("TEMBALANG-1")
        assert dialog._provenance(approved).startswith("Approved by sari on ")
        dialog.close()

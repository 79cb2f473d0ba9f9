"""The camera dialog and the tree's menu entries, offscreen with QTest: each wrong field says why next to it,
a role without EDIT_CAMERAS gets no Add/Edit/Remove entries, and Save writes through the service.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.access import Role, User  # noqa: E402
from videowall.domain.camera import Area, Camera  # noqa: E402
from videowall.domain.camera_form import Field  # noqa: E402
from videowall.services.camera_edit import CameraEditor  # noqa: E402
from videowall.storage.cameras import CameraRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.camera_dialog import CameraDialog  # noqa: E402
from videowall.ui.camera_panel import CameraPanel  # noqa: E402


@pytest.fixture(scope="module")
def qapp() -> Iterator[object]:
    yield QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def wait_until(qapp: object, check: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        qapp.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)
    assert check(), "timed out"  # type: ignore[operator]


def test_menu_entries_follow_the_policy(qapp: object) -> None:
    panel = CameraPanel()
    panel.model.set_cameras([Camera("C-1", "One", area=Area("Candisari"), main_url="rtsp://h/1")])
    texts = lambda ids: [a.text() for a in m.actions()] if (m := panel.menu_for(ids)) else []  # noqa: E731
    panel.may_edit_cameras = lambda: True
    assert {"Add camera...", "Edit camera...", "Remove camera..."} <= set(texts(["C-1"]))
    assert texts([]) == ["Add camera..."]  # a right-click on empty space
    panel.may_edit_cameras = lambda: False  # a presenter, an operator
    assert not {"Add camera...", "Edit camera...", "Remove camera..."} & set(texts(["C-1"]))
    assert texts([]) == []


def test_fields_say_what_is_wrong_and_save_writes(qapp: object, tmp_path: Path) -> None:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    with DatabaseWriter(tmp_path / "v.db") as writer:
        editor = CameraEditor(writer, tmp_path / "key", lambda: User("bu-sari", Role.SUPERVISOR))
        dialog = CameraDialog(editor, lambda: frozenset({"TAKEN-1"}))
        saved: list[Camera] = []
        dialog.saved.connect(saved.append)
        dialog.show()
        QTest.keyClicks(dialog.camera_id, "TAKEN-1")
        QTest.keyClicks(dialog.main_url, "ftp://nowhere/x")
        QTest.keyClicks(dialog.onvif_port, "99999")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        errors = {f: label.text() for f, label in dialog._errors.items() if label.isVisibleTo(dialog)}
        assert set(errors) == {Field.ID, Field.NAME, Field.AREA, Field.MAIN_URL, Field.ONVIF_PORT}, errors
        assert "TAKEN-1" in errors[Field.ID] and "ftp" in errors[Field.MAIN_URL]
        assert not saved
        dialog.camera_id.clear()
        QTest.keyClicks(dialog.camera_id, "NEW-1")
        QTest.keyClicks(dialog.name, "Kamera baru")
        QTest.keyClicks(dialog.kecamatan, "Candisari")
        dialog.main_url.clear()
        QTest.keyClicks(dialog.main_url, "rtsp://127.0.0.1:8554/fleet/cam01/main")
        dialog.onvif_port.clear()
        QTest.keyClicks(dialog.password, "pw-1")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_until(qapp, lambda: bool(saved))
        assert not any(label.isVisibleTo(dialog) for label in dialog._errors.values())
        stored = writer.submit(lambda db: CameraRepository(db).get("NEW-1")).result(10)
        assert stored is not None and stored.credential_ref == "camera:NEW-1"
        editor.close()


def test_edit_shows_the_stored_user_never_the_password_and_keeps_it(qapp: object, tmp_path: Path) -> None:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    from videowall.domain.camera_form import CameraForm
    from videowall.security.secrets import CredentialStore
    from videowall.services.camera_edit import Secret

    with DatabaseWriter(tmp_path / "v.db") as writer:
        who = [User("bu-sari", Role.SUPERVISOR)]
        editor = CameraEditor(writer, tmp_path / "key", lambda: who[0])
        camera = editor.save(CameraForm("E-1", "Old name", "Candisari", main_url="rtsp://127.0.0.1:1/x"),
                             Secret("viewer", "pw-secret-9"), editing=False).result(10)
        dialog = CameraDialog(editor, frozenset, camera)
        dialog.show()
        wait_until(qapp, lambda: dialog.username.text() == "viewer")
        assert dialog.camera_id.isReadOnly() and dialog.password.text() == ""
        assert dialog.password.echoMode() is QtWidgets.QLineEdit.EchoMode.Password
        saved: list[Camera] = []
        dialog.saved.connect(saved.append)
        dialog.name.selectAll()
        QTest.keyClicks(dialog.name, "New name")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_until(qapp, lambda: bool(saved))
        creds = writer.submit(lambda db: CredentialStore(db, tmp_path / "key").get("camera:E-1")).result(10)
        assert saved[0].name == "New name" and creds.password == "pw-secret-9"
        who[0] = User("pak-tono", Role.PRESENTER)  # the session changed hands: the service refuses, the dialog says so
        again = CameraDialog(editor, frozenset, saved[0])
        QTest.mouseClick(again.test_button, Qt.MouseButton.LeftButton)
        assert "may not" in again.status.text()
        editor.close()


def test_relay_checkbox_marks_the_camera_for_the_relay_and_shows_it_again(qapp: object, tmp_path: Path) -> None:
    """A supervisor ticks 'Watch through the relay' with the mouse: the register row says so (via_relay), the
    edit dialog shows it ticked, and unticking it puts the camera back on direct viewing."""
    os.environ["VIDEOWALL_KEYRING"] = "off"
    from videowall.domain.camera_form import CameraForm
    from videowall.services.camera_edit import Secret

    def tick(box: object) -> None:  # a click on the check box itself (offscreen: at its indicator)
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())  # type: ignore[attr-defined]

    with DatabaseWriter(tmp_path / "v.db") as writer:
        editor = CameraEditor(writer, tmp_path / "key", lambda: User("bu-sari", Role.SUPERVISOR))
        camera = editor.save(CameraForm("R-1", "Relayed", "Candisari", main_url="rtsp://127.0.0.1:1/x"),
                             Secret("", ""), editing=False).result(10)
        assert not camera.via_relay
        dialog = CameraDialog(editor, frozenset, camera)
        saved: list[Camera] = []
        dialog.saved.connect(saved.append)
        dialog.show()
        assert not dialog.via_relay.isChecked()
        tick(dialog.via_relay)
        assert dialog.via_relay.isChecked()
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_until(qapp, lambda: bool(saved))
        stored = writer.submit(lambda db: CameraRepository(db).get("R-1")).result(10)
        assert stored is not None and stored.via_relay
        again = CameraDialog(editor, frozenset, stored)
        again.saved.connect(saved.append)
        again.show()
        assert again.via_relay.isChecked()
        tick(again.via_relay)
        QTest.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
        wait_until(qapp, lambda: len(saved) == 2)
        stored = writer.submit(lambda db: CameraRepository(db).get("R-1")).result(10)
        assert stored is not None and not stored.via_relay
        editor.close()

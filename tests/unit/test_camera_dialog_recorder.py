"""Issue 22 item 4 (second half): the camera dialog's Recorder group, typed into the real dialog offscreen.

A supervisor types an ONVIF recorder for a new camera and clicks Save: the recorder sources table has it,
its account is in the credential store (the password in no table); the edit dialog shows it again with an
empty password; kind None removes it. A bad address says why next to the group and saves nothing; a role
without EDIT_CAMERAS is refused by the service and the dialog says so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from tests.unit.qt_wait import qt_app, until  # noqa: E402
from videowall.domain.access import Role, User  # noqa: E402
from videowall.domain.camera import Camera  # noqa: E402
from videowall.domain.camera_form import CameraForm  # noqa: E402
from videowall.domain.recorder_source import RecorderKind, RecorderProblem, RecorderSource  # noqa: E402
from videowall.domain.urls import Credentials  # noqa: E402
from videowall.security import audit  # noqa: E402
from videowall.security.secrets import CredentialStore  # noqa: E402
from videowall.services.camera_edit import CameraEditor, RecorderEdit, RecorderRejected, Secret  # noqa: E402
from videowall.storage.cameras import CameraRepository  # noqa: E402
from videowall.storage.recorder_sources import RecorderSourceRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.camera_dialog import CameraDialog  # noqa: E402

PASSWORD = "Nvr-Rahasia-42"
SUPERVISOR = User("bu-sari", Role.SUPERVISOR)


@pytest.fixture()
def rig(tmp_path: Path) -> Iterator[tuple[DatabaseWriter, CameraEditor, list[User]]]:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    qt_app()
    who = [SUPERVISOR]
    with DatabaseWriter(tmp_path / "v.db") as writer:
        editor = CameraEditor(writer, tmp_path / "key", lambda: who[0])
        yield writer, editor, who
        editor.close()


def read(writer: DatabaseWriter, fn: object) -> object:
    return writer.submit(fn, transaction=False).result(10)  # type: ignore[arg-type]


def source_of(writer: DatabaseWriter, key: Path, camera_id: str) -> tuple[RecorderSource | None, Credentials | None]:
    def work(db: Database) -> tuple[RecorderSource | None, Credentials | None]:
        repo = RecorderSourceRepository(db, CredentialStore(db, key))
        return repo.get(camera_id), repo.credentials(camera_id)

    return writer.submit(work, transaction=False).result(10)


def dump(writer: DatabaseWriter) -> str:
    return writer.submit(lambda db: "\n".join(db.conn.iterdump()), transaction=False).result(10)


def type_camera(dialog: CameraDialog, camera_id: str) -> None:
    QTest.keyClicks(dialog.camera_id, camera_id)
    QTest.keyClicks(dialog.name, "Simpang Lima utara")
    QTest.keyClicks(dialog.kecamatan, "Semarang Tengah")
    QTest.keyClicks(dialog.main_url, "rtsp://127.0.0.1:8554/fleet/cam01/main")


def choose_kind(dialog: CameraDialog, index: int) -> None:
    """The kind by keyboard, as a person does it: Home, then Down ``index`` times."""
    box = dialog.recorder.kind
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(index):
        QTest.keyClick(box, Qt.Key.Key_Down)


def retype(edit: object, text: str) -> None:
    edit.selectAll()  # type: ignore[attr-defined]
    QTest.keyClick(edit, Qt.Key.Key_Delete)  # type: ignore[arg-type]
    QTest.keyClicks(edit, text)  # type: ignore[arg-type]


def click_save(dialog: CameraDialog) -> None:
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_an_onvif_recorder_typed_saved_shown_again_and_removed(
        rig: tuple[DatabaseWriter, CameraEditor, list[User]], tmp_path: Path) -> None:
    writer, editor, _who = rig
    key = tmp_path / "key"
    dialog = CameraDialog(editor, frozenset)
    saved: list[Camera] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    type_camera(dialog, "REC-1")
    assert not dialog.recorder.address.isEnabled()  # kind None: nothing to type
    choose_kind(dialog, 1)
    assert dialog.recorder.current_kind() is RecorderKind.ONVIF and dialog.recorder.address.isEnabled()
    box = dialog.recorder
    QTest.keyClicks(box.address, "127.0.0.1:8899")
    retype(box.timezone.lineEdit(), "Asia/Jakarta")
    QTest.keyClicks(box.offset, "-12,5")  # a decimal comma, as typed in Indonesia
    QTest.keyClicks(box.username, "nvr-viewer")
    QTest.keyClicks(box.password, PASSWORD)
    click_save(dialog)
    until(lambda: bool(saved), "the camera saved")
    source, creds = source_of(writer, key, "REC-1")
    assert source == RecorderSource("REC-1", RecorderKind.ONVIF, "127.0.0.1:8899", "", "Asia/Jakarta", -12.5)
    assert creds == Credentials("nvr-viewer", PASSWORD)
    text = dump(writer)
    assert PASSWORD not in text and "recorder:REC-1" in text  # no table holds the password in plain text
    added = read(writer, lambda db: audit.entries(db, action=audit.Action.CAMERA_ADDED))
    assert "recorder onvif 127.0.0.1:8899" in added[0].detail and "recorder credentials stored" in added[0].detail  # type: ignore[index]

    camera = saved[0]
    edit = CameraDialog(editor, frozenset, camera)
    edit.saved.connect(saved.append)
    edit.show()
    box = edit.recorder
    until(lambda: box.address.text() == "127.0.0.1:8899", "the stored recorder shown")
    assert box.current_kind() is RecorderKind.ONVIF and box.timezone.currentText() == "Asia/Jakarta"
    assert box.offset.text() == "-12.5" and box.username.text() == "nvr-viewer" and box.token.text() == ""
    assert box.password.text() == "" and "stored" in box.password.placeholderText()
    QTest.keyClicks(box.token, "REC-TOKEN-7")  # the password left empty: the stored one stays
    click_save(edit)
    until(lambda: len(saved) == 2, "the edit saved")
    source, creds = source_of(writer, key, "REC-1")
    assert source is not None and source.recording_token == "REC-TOKEN-7"
    assert creds == Credentials("nvr-viewer", PASSWORD)
    changed = read(writer, lambda db: audit.entries(db, action=audit.Action.CAMERA_CHANGED))
    assert changed[0].detail == "changed: recorder recording_token"  # type: ignore[index]

    again = CameraDialog(editor, frozenset, saved[1])
    again.saved.connect(saved.append)
    again.show()
    until(lambda: again.recorder.address.text() == "127.0.0.1:8899", "the stored recorder shown")
    choose_kind(again, 0)  # None
    assert again.recorder.current_kind() is None
    click_save(again)
    until(lambda: len(saved) == 3, "the removal saved")
    assert source_of(writer, key, "REC-1") == (None, None)
    assert read(writer, lambda db: CredentialStore(db, key).count()) == 0  # the recorder's account is gone too
    changed = read(writer, lambda db: audit.entries(db, action=audit.Action.CAMERA_CHANGED))
    assert changed[0].detail == "changed: recorder removed"  # type: ignore[index]


def test_a_bad_address_says_why_and_saves_nothing(rig: tuple[DatabaseWriter, CameraEditor, list[User]],
                                                   tmp_path: Path) -> None:
    writer, editor, _who = rig
    dialog = CameraDialog(editor, frozenset)
    saved: list[Camera] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    type_camera(dialog, "REC-2")
    choose_kind(dialog, 1)
    QTest.keyClicks(dialog.recorder.address, "rtsp://127.0.0.1:554/x")  # a stream URL, not the ONVIF host:port
    click_save(dialog)
    assert dialog.recorder.error.isVisibleTo(dialog) and "host:port" in dialog.recorder.error.text()
    assert "recorder" in dialog.status.text()
    choose_kind(dialog, 3)  # Dahua: a URL template, but without {end}
    retype(dialog.recorder.address, "rtsp://127.0.0.1:554/cam/playback?channel=1&starttime={start}")
    click_save(dialog)
    assert "{end}" in dialog.recorder.error.text() and "{start}" not in dialog.recorder.error.text()
    retype(dialog.recorder.address, "rtsp://127.0.0.1:554/cam/playback?starttime={start}&endtime={end}")
    QTest.keyClicks(dialog.recorder.offset, "sebentar")
    click_save(dialog)
    assert "number of seconds" in dialog.recorder.error.text()
    qt_app().processEvents()
    assert not saved and read(writer, lambda db: CameraRepository(db).get("REC-2")) is None
    assert read(writer, lambda db: db.execute("SELECT count(*) FROM recorder_sources").fetchone()[0]) == 0
    # the service checks again, before any write: neither the camera nor the recorder is stored
    bad = RecorderEdit(RecorderKind.ONVIF, "http://127.0.0.1:8899", timezone="Mars/Olympus")
    future = editor.save(CameraForm("REC-3", "Tiga", "Candisari", main_url="rtsp://127.0.0.1:1/x"), Secret(),
                         editing=False, recorder=bad)
    with pytest.raises(RecorderRejected) as refused:
        future.result(10)
    assert [p for p, _d in refused.value.findings] == [RecorderProblem.ONVIF_NOT_HOST_PORT,
                                                       RecorderProblem.UNKNOWN_TIMEZONE]
    assert read(writer, lambda db: CameraRepository(db).get("REC-3")) is None
    words = dialog.recorder.problem_text(RecorderProblem.UNKNOWN_TIMEZONE, "Mars/Olympus")
    assert "Mars/Olympus" in words


def test_a_role_without_edit_cameras_is_refused_by_the_service(
        rig: tuple[DatabaseWriter, CameraEditor, list[User]], tmp_path: Path) -> None:
    writer, editor, who = rig
    camera = editor.save(CameraForm("REC-4", "Empat", "Candisari", main_url="rtsp://127.0.0.1:1/x"), Secret(),
                         editing=False, recorder=RecorderEdit(RecorderKind.ONVIF, "127.0.0.1:8899")).result(10)
    who[0] = User("pak-tono", Role.PRESENTER)  # the session changed hands
    dialog = CameraDialog(editor, frozenset)
    dialog.show()
    type_camera(dialog, "REC-5")
    choose_kind(dialog, 1)
    QTest.keyClicks(dialog.recorder.address, "127.0.0.1:8899")
    click_save(dialog)
    assert dialog.status.text() == "pak-tono (role presenter) may not edit cameras"
    assert read(writer, lambda db: CameraRepository(db).get("REC-5")) is None
    edit = CameraDialog(editor, frozenset, camera)  # the stored recorder is not even read for a presenter
    edit.show()
    assert "may not edit cameras" in edit.status.text()
    choose_kind(edit, 0)
    click_save(edit)
    assert source_of(writer, tmp_path / "key", "REC-4")[0] is not None


def test_removing_the_camera_removes_its_recorder_and_account(
        rig: tuple[DatabaseWriter, CameraEditor, list[User]], tmp_path: Path) -> None:
    writer, editor, _who = rig
    recorder = RecorderEdit(RecorderKind.ONVIF, "127.0.0.1:8899", secret=Secret("nvr", PASSWORD))
    editor.save(CameraForm("REC-6", "Enam", "Candisari", main_url="rtsp://127.0.0.1:1/x"), Secret(),
                editing=False, recorder=recorder).result(10)
    assert source_of(writer, tmp_path / "key", "REC-6")[1] == Credentials("nvr", PASSWORD)
    assert not editor.remove("REC-6").result(10).retired
    assert source_of(writer, tmp_path / "key", "REC-6") == (None, None)
    assert read(writer, lambda db: CredentialStore(db, tmp_path / "key").count()) == 0

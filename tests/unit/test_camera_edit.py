"""Cameras by hand, below the window: the form's checks, the service's policy, credentials and audit, removal
that keeps evidence, and the register watch that notices another process's import.

The real window (dialog, test stream, a tile going live, a CLI import appearing) is
tests/integration/test_camera_by_hand.py.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.camera import Area, Camera
from videowall.domain.camera_form import CameraForm, Field, Problem, to_camera, validate
from videowall.security import audit
from videowall.security.secrets import CredentialStore
from videowall.services import register_watch
from videowall.services.camera_edit import CameraEditor, FormRejected, Secret, parse_targets
from videowall.services.register_watch import RegisterWatch
from videowall.storage.cameras import CameraRepository, camera_to_row
from videowall.storage.writer import DatabaseWriter

PASSWORD = "Kata-Sandi-77"
SUPERVISOR = User("bu-sari", Role.SUPERVISOR)
PRESENTER = User("pak-tono", Role.PRESENTER)


def form(**kw: object) -> CameraForm:
    base: dict[str, object] = {"id": "HAND-1", "name": "Hand camera", "kecamatan": "Semarang Tengah",
                               "main_url": "rtsp://127.0.0.1:8554/fleet/cam01/main"}
    base.update(kw)
    return CameraForm(**base)  # type: ignore[arg-type]


def test_the_form_names_each_field_that_is_wrong() -> None:
    assert validate(form()) == []
    bad = validate(form(id="has space", name=" ", kecamatan="", main_url="ftp://x/y", sub_url="rtsp:///nohost",
                        onvif_port="70000", ptz=True), frozenset())
    assert [(p.field, p.problem) for p in bad] == [
        (Field.ID, Problem.BAD_ID), (Field.NAME, Problem.REQUIRED), (Field.AREA, Problem.REQUIRED),
        (Field.MAIN_URL, Problem.BAD_SCHEME), (Field.SUB_URL, Problem.NO_HOST), (Field.ONVIF_PORT, Problem.BAD_PORT),
        (Field.PTZ, Problem.PTZ_NEEDS_ONVIF)]
    assert [p.problem for p in validate(form(), frozenset({"HAND-1"}))] == [Problem.ID_TAKEN]
    two = form(main_url="rtsp://a:1@h/m", sub_url="rtsp://b:2@h/s")
    assert [p.problem for p in validate(two)] == [Problem.TWO_PASSWORDS]
    camera, creds = to_camera(form(main_url=f"rtsp://admin:{PASSWORD}@10.0.0.5/main", tags="a, b; a"))
    assert camera.main_url == "rtsp://10.0.0.5/main" and creds is not None and creds.password == PASSWORD
    assert camera.tags == ("a", "b")


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    os.environ["VIDEOWALL_KEYRING"] = "off"  # the key file, as on a headless control-room machine
    with DatabaseWriter(tmp_path / "v.db") as w:
        yield w


def test_add_edit_remove_as_the_signed_in_user_with_the_password_kept_apart(
        writer: DatabaseWriter, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    who = [SUPERVISOR]
    editor = CameraEditor(writer, tmp_path / "key", lambda: who[0])
    try:
        saved = editor.save(form(onvif_host="127.0.0.1", onvif_port="8080", ptz=True), Secret("admin", PASSWORD),
                            editing=False).result(10)
        assert saved.credential_ref == "camera:HAND-1" and saved.ptz and saved.onvif_port == 8080
        with pytest.raises(FormRejected) as again:  # the id is taken now: checked again in the transaction
            editor.save(form(), Secret(), editing=False).result(10)
        assert [p.problem for p in again.value.problems] == [Problem.ID_TAKEN]
        # an edit with the password left empty keeps it; a new user name keeps the stored password
        editor.save(form(name="Renamed", onvif_host="127.0.0.1", onvif_port="8080", ptz=True),
                    Secret("operator2", ""), editing=True).result(10)
        creds = writer.submit(lambda db: CredentialStore(db, tmp_path / "key").get("camera:HAND-1")).result(10)
        assert (creds.username, creds.password) == ("operator2", PASSWORD)
        assert editor.stored_username(saved).result(10) == "operator2"
        # the presenter is refused in the service, before any work
        who[0] = PRESENTER
        for call in (lambda: editor.save(form(id="HAND-2"), Secret(), editing=False),
                     lambda: editor.remove("HAND-1"), lambda: editor.test_stream("rtsp://127.0.0.1:1/x", Secret()),
                     lambda: editor.discover([("127.0.0.1", 9)]), lambda: editor.stored_username(saved)):
            with pytest.raises(AccessDenied):
                call()
        who[0] = SUPERVISOR
        assert editor.remove("HAND-1").result(10).retired is False
    finally:
        editor.close()
    raw = sqlite3.connect(writer.path)
    assert raw.execute("SELECT count(*) FROM cameras").fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM credentials").fetchone()[0] == 0  # removed with the camera
    trail = raw.execute("SELECT actor, action, target, detail FROM audit_log ORDER BY id").fetchall()
    assert [(a, b, c) for a, b, c, _d in trail] == [("bu-sari", "camera_added", "HAND-1"),
                                                     ("bu-sari", "camera_changed", "HAND-1"),
                                                     ("bu-sari", "camera_removed", "HAND-1")]
    assert "name" in trail[1][3] and "credential user name changed" in trail[1][3]
    dump = "\n".join(raw.iterdump())
    raw.close()
    assert PASSWORD not in dump and PASSWORD not in caplog.text
    assert PASSWORD not in repr(Secret("admin", PASSWORD))


def test_removing_a_camera_that_bookmarks_name_retires_it(writer: DatabaseWriter, tmp_path: Path) -> None:
    editor = CameraEditor(writer, tmp_path / "key", lambda: SUPERVISOR)
    try:
        editor.save(form(), Secret(), editing=False).result(10)
        writer.submit(lambda db: db.execute("INSERT INTO bookmarks (camera_id, at, operator, pre_s, post_s) "
                                            "VALUES ('HAND-1', 1.0, 'op', 10, 10)")).result(10)
        removal = editor.remove("HAND-1").result(10)
        assert removal.retired and removal.bookmarks == 1
        kept = writer.submit(lambda db: (CameraRepository(db).get("HAND-1"), CameraRepository(db).retired(),
                                         CameraRepository(db).count())).result(10)
        assert kept[0] is not None and "HAND-1" in kept[1] and kept[2] == 0  # kept for the bookmark, out of service
        # the id given again by hand: the retired camera comes back (its bookmarks keep naming it)
        editor.save(form(name="Back again"), Secret(), editing=False).result(10)
        back = writer.submit(lambda db: (CameraRepository(db).all(), db.execute(
            "SELECT detail FROM audit_log WHERE action = 'camera_added' ORDER BY id DESC").fetchone()[0])).result(10)
        assert [c.name for c in back[0]] == ["Back again"] and "restored the retired camera" in back[1]
    finally:
        editor.close()


def test_the_register_watch_sees_another_process_write_cameras_only(writer: DatabaseWriter,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    watch = RegisterWatch(writer.readers)

    def insert(camera_id: str, *, audited: bool) -> None:  # another connection, as `videowall import` is
        with sqlite3.connect(writer.path) as raw:
            raw.execute("PRAGMA busy_timeout = 5000")
            row = camera_to_row(Camera(camera_id, "From elsewhere", area=Area("Candisari"), main_url="rtsp://h/x"))
            raw.execute(f"INSERT INTO cameras ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))
            if audited:
                audit.append(Database(raw), "cli-user", audit.Action.IMPORT, "file.csv", "added 1")

    try:
        assert watch.poll().result(10) is False  # type: ignore[union-attr]  # the first poll learns the digest
        writer.submit(lambda db: db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")).result(10)
        assert watch.poll().result(10) is False  # type: ignore[union-attr]  # committed, but not the register
        insert("CLI-1", audited=True)
        assert watch.poll().result(10) is True  # type: ignore[union-attr]
        assert watch.poll().result(10) is False  # type: ignore[union-attr]
        insert("RAW-1", audited=False)  # nobody audited it: found at the next unaudited digest
        assert watch.poll().result(10) is False  # type: ignore[union-attr]
        monkeypatch.setattr(register_watch, "UNAUDITED_EVERY", 0.0)
        assert watch.poll().result(10) is True  # type: ignore[union-attr]
    finally:
        watch.close()


def test_discovery_targets() -> None:
    assert parse_targets("") == [("239.255.255.250", 3702)]
    assert parse_targets("127.0.0.1:4000, 10.0.0.9") == [("127.0.0.1", 4000), ("10.0.0.9", 3702)]
    with pytest.raises(ValueError):
        parse_targets("host:99999")

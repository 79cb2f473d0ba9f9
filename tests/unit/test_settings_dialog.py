"""The Settings window on real widgets (QTest input): everyone sees this installation's signing-key
fingerprint; the administrator changes settings (saved with audit rows, all or nothing); others see
them read-only; a bad value is refused with its reason and nothing is written."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.access import Role, User  # noqa: E402
from videowall.security import audit  # noqa: E402
from videowall.security.signing import SigningKey, public_key_path  # noqa: E402
from videowall.storage.database import open_database  # noqa: E402
from videowall.storage.settings import SettingsRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.settings_dialog import SettingsDialog  # noqa: E402


@pytest.fixture(scope="module")
def qapp() -> Iterator[object]:
    yield QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    open_database(tmp_path / "v.db").close()
    with DatabaseWriter(tmp_path / "v.db") as w:
        w.submit(lambda d: SettingsRepository(d).set("login_max_failures", 7)).result()
        yield w


def _until(qapp: object, check: Callable[[], bool], what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        qapp.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def _type_into(widget: QtWidgets.QWidget, text: str) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Tab)


def test_the_administrator_changes_settings_through_the_window(qapp: object, writer: DatabaseWriter,
                                                               tmp_path: Path) -> None:
    key = SigningKey.load_or_create(tmp_path / "signing.key")
    dialog = SettingsDialog(writer, User("admin1", Role.ADMIN), key.fingerprint,
                            public_key_path(tmp_path / "signing.key"))
    dialog.show()
    _until(qapp, dialog.save_button.isEnabled, "the stored values shown")
    assert dialog.fingerprint.text() == key.fingerprint
    assert dialog.editors["login_max_failures"].value() == 7  # type: ignore[attr-defined]
    _type_into(dialog.editors["session_lock_minutes"], "5")
    box = dialog.editors["lock_shows_public_cameras"]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)  # (a click on the middle of a stretched, text-less box misses it)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _until(qapp, lambda: "Saved 2" in dialog.status.text(), "saved")
    stored = writer.submit(lambda d: SettingsRepository(d).all(), transaction=False).result()
    assert stored["session_lock_minutes"] == 5.0 and stored["lock_shows_public_cameras"] is True
    rows = writer.submit(lambda d: audit.entries(d, action=audit.Action.SETTING), transaction=False).result()
    assert {(r.actor, r.target) for r in rows} == {("admin1", "session_lock_minutes"),
                                                   ("admin1", "lock_shows_public_cameras")}

    _type_into(dialog.editors["city_timezone"], "Mars/Olympus")  # refused with its reason, nothing written
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _until(qapp, lambda: "not a time zone" in dialog.status.text(), dialog.status.text())
    assert "city_timezone" not in writer.submit(lambda d: SettingsRepository(d).all(), transaction=False).result()
    dialog.close()


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_other_roles_see_the_fingerprint_and_settings_read_only(qapp: object, writer: DatabaseWriter,
                                                                role: Role) -> None:
    dialog = SettingsDialog(writer, User("someone", role), "ab" * 32, None)
    dialog.show()
    _until(qapp, lambda: dialog.editors["login_max_failures"].value() == 7,  # type: ignore[attr-defined]
           "the stored values shown")
    assert dialog.fingerprint.text() == "ab" * 32
    assert not dialog.save_button.isVisible()
    assert not any(e.isEnabled() for e in dialog.editors.values())
    dialog.close()


def test_every_setting_label_is_marked_for_translation_and_values_are_checked(writer: DatabaseWriter) -> None:
    from videowall.domain.access import SYSTEM_USER
    from videowall.domain.settings_catalogue import CATALOGUE
    from videowall.services.settings_service import change_setting
    from videowall.ui import tr_catalog

    assert {f.label for f in CATALOGUE} <= set(tr_catalog.CATALOG)
    with pytest.raises(ValueError, match="outside"):
        writer.submit(lambda d: change_setting(d, SYSTEM_USER, "login_max_failures", 0)).result()
    with pytest.raises(ValueError, match="not a number"):
        writer.submit(lambda d: change_setting(d, SYSTEM_USER, "session_lock_minutes", "soon")).result()


def test_the_scheduled_report_and_the_city_plan_are_set_in_the_window(qapp: object, writer: DatabaseWriter,
                                                                      tmp_path: Path) -> None:
    dialog = SettingsDialog(writer, User("admin1", Role.ADMIN), "ab" * 32, None)
    dialog.show()
    _until(qapp, dialog.save_button.isEnabled, "the stored values shown")
    schedule, language = dialog.editors["report_schedule"], dialog.editors["report_language"]
    assert isinstance(schedule, QtWidgets.QComboBox) and schedule.currentText() == "Never"
    assert [schedule.itemText(i) for i in range(schedule.count())] == [
        "Never", "Every day (the last 24 hours)", "Every Monday (the last 7 days)"]
    schedule.setFocus()
    QTest.keyClick(schedule, Qt.Key.Key_Down)  # a closed combo box steps to the next item
    assert schedule.currentText() == "Every day (the last 24 hours)"
    assert isinstance(language, QtWidgets.QComboBox)
    language.setFocus()
    QTest.keyClick(language, Qt.Key.Key_Down)
    assert language.currentText() == "Bahasa Indonesia"
    _type_into(dialog.editors["report_hour"], "7")
    _type_into(dialog.editors["report_dir"], str(tmp_path / "laporan"))
    _type_into(dialog.editors["map_image"], "plan.png")
    _type_into(dialog.editors["map_image_corners"], "-7.0,110.5 -6.9,110.3")  # corners the wrong way round
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _until(qapp, lambda: "top-left" in dialog.status.text(), dialog.status.text())
    assert "report_schedule" not in writer.submit(lambda d: SettingsRepository(d).all(), transaction=False).result()
    _type_into(dialog.editors["map_image_corners"], "-6.9,110.3 -7.0,110.5")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _until(qapp, lambda: "Saved 6" in dialog.status.text(), dialog.status.text())
    stored = writer.submit(lambda d: SettingsRepository(d).all(), transaction=False).result()
    assert (stored["report_schedule"], stored["report_language"], stored["report_hour"]) == ("daily", "id", 7)
    assert stored["report_dir"] == str(tmp_path / "laporan") and stored["map_image"] == "plan.png"
    assert stored["map_image_corners"] == "-6.9,110.3 -7.0,110.5"
    dialog.close()


def test_stream_limits_and_language_set_in_the_window_reach_the_tiles(qapp: object, writer: DatabaseWriter,
                                                                     tmp_path: Path) -> None:
    """Typed settings end to end: typed into the window, saved, loaded as StreamSettings by the start-up
    step, and a tile's watchdog calls a still picture frozen after the new limit, not the default."""
    import asyncio

    from tests.unit.test_wall_controllers import FakeRuntime, cam, picture
    from videowall.domain.settings_model import ConsoleSettings, StreamSettings
    from videowall.domain.stream_state import StreamState
    from videowall.media.feeds import FeedHub
    from videowall.services.feed_settings import apply_feed_settings
    from videowall.services.live_wall import LiveWall

    dialog = SettingsDialog(writer, User("admin1", Role.ADMIN), "ab" * 32, None)
    dialog.show()
    _until(qapp, dialog.save_button.isEnabled, "the stored values shown")
    _type_into(dialog.editors["stall_after_s"], "2")
    _type_into(dialog.editors["warm_feed_max"], "4")
    language = dialog.editors["ui_language"]
    assert isinstance(language, QtWidgets.QComboBox) and language.currentData() == "id"  # the default shown
    language.setFocus()
    QTest.keyClick(language, Qt.Key.Key_Down)  # Bahasa Indonesia -> English
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _until(qapp, lambda: "Saved 3" in dialog.status.text(), dialog.status.text())
    dialog.close()

    hub = FeedHub(lambda _n: None)
    streams = apply_feed_settings(hub, writer.readers)  # what the start-up step does
    assert streams == StreamSettings(warm_feed_max=4, stall_after_s=2.0) and hub.max_warm == 4
    assert SettingsRepository(writer.readers.get()).load(ConsoleSettings).language == "en"
    loop = asyncio.new_event_loop()
    try:
        wall = LiveWall(FakeRuntime(), lambda c, s: c.url_for(s), loop, lambda _r: None,  # type: ignore[arg-type]
                        backoff=streams.backoff(), limits=streams.watchdog())
        wall.resize(1)
        tile = wall.tiles[0]
        tile.show(cam(1))
        t0 = time.monotonic()
        for i in range(4):
            picture(tile, (30 * i + 10, 80, 120))
            tile.tick(t0 + 0.2 * i)
        assert tile.report().status.state is StreamState.LIVE
        tile.tick(t0 + 3.0)  # 2.4 s without a new picture: frozen under the new 2-s limit (the default is 5)
        assert tile.report().status.state is StreamState.FROZEN
    finally:
        loop.close()


def test_typed_settings_round_trip_and_fall_back(writer: DatabaseWriter) -> None:
    from videowall.domain.settings_model import (
        AlertSettings,
        ConsoleSettings,
        PrivacyFlags,
        PtzSettings,
        StreamSettings,
    )

    chosen = (ConsoleSettings("en", "Asia/Makassar", 30.0), StreamSettings(warm_feed_s=5.0, black_after_s=4.0),
              PrivacyFlags(True, False), AlertSettings(12.0), PtzSettings(45.0))
    for settings in chosen:
        writer.submit(lambda d, s=settings: SettingsRepository(d).save(s)).result()
        assert SettingsRepository(writer.readers.get()).load(type(settings)) == settings
    writer.submit(lambda d: (SettingsRepository(d).set("stall_after_s", "soon"),  # not a number
                             SettingsRepository(d).set("session_lock_minutes", 5000),  # outside 1..720
                             SettingsRepository(d).set("city_timezone", "Mars/Olympus"))).result()
    repo = SettingsRepository(writer.readers.get())
    assert repo.load(StreamSettings).stall_after_s == StreamSettings().stall_after_s
    assert repo.load(ConsoleSettings) == ConsoleSettings("en", ConsoleSettings().timezone, 15.0)


def test_the_clip_window_set_in_the_window_reaches_the_evidence_service(qapp: object, writer: DatabaseWriter,
                                                                       tmp_path: Path) -> None:
    """Pre/post-event seconds typed into Settings become the evidence service's clip window at its next
    read (each buffer cleaning, every 10 s); an installation with only the older single value keeps it."""
    import asyncio

    from videowall.domain.evidence_settings import SETTINGS_KEY
    from videowall.services.evidence_service import EvidenceService

    writer.submit(lambda d: SettingsRepository(d).set(SETTINGS_KEY, {"pre_s": 12, "post_s": 8,
                                                                     "categories": ["Banjir"]})).result()
    loop = asyncio.new_event_loop()
    try:
        from videowall.domain.access import SYSTEM_USER

        service = EvidenceService(writer, loop, tmp_path, tmp_path / "buffer", user=lambda: SYSTEM_USER,
                                  masks=lambda _camera_id: ())
        before = loop.run_until_complete(service.load_settings())
        assert (before.pre_s, before.post_s, before.categories) == (12.0, 8.0, ("Banjir",))  # the older value

        dialog = SettingsDialog(writer, User("admin1", Role.ADMIN), "ab" * 32, None)
        dialog.show()
        _until(qapp, dialog.save_button.isEnabled, "the stored values shown")
        assert dialog.editors["evidence_pre_s"].value() == 12.0  # type: ignore[attr-defined]  # what applies now
        _type_into(dialog.editors["evidence_pre_s"], "45")
        _type_into(dialog.editors["evidence_post_s"], "20")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        _until(qapp, lambda: "Saved 2" in dialog.status.text(), dialog.status.text())
        dialog.close()

        after = loop.run_until_complete(service.load_settings())
        assert (after.pre_s, after.post_s, after.categories) == (45.0, 20.0, ("Banjir",))
        assert after.buffer_keep_s == 95.0  # the ring keeps the longest clip and the wait for its last segment
    finally:
        loop.close()

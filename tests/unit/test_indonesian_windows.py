"""Issue 23 item 6: in Bahasa Indonesia no window or dialog shows an English word.

Each main window and dialog is opened for real with the Indonesian translator installed, filled with
data the way it is in use (a register import with rejected lines, a dashboard with dark cameras, the
review window's table, Qt's own file dialog and message box), and every text its widgets show is read
(tests/unit/english_check.py) and checked against the app's English vocabulary. Proper names and codes
of the test data are listed per window.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QLocale

from tests.unit.english_check import english_in, english_texts, english_vocabulary
from tests.unit.qt_wait import qt_app as _app
from tests.unit.qt_wait import until
from videowall.domain.access import SYSTEM_USER, Role, User
from videowall.storage.writer import DatabaseWriter

NAMES = ("Tugu", "Genuk", "Cam A", "Cam B", "Cam C", "Cam D", "Candisari", "Simpang Lima", "Gerbang Tol", "Pasar",
         "Semarang Tengah", "Pekunden", "Jatingaleh", "Karanganyar Gunung", "Bahasa Indonesia", "English",
         "Hikvision", "Dahua")  # brand names




@pytest.fixture(scope="module")
def indonesian() -> Iterator[Any]:
    from videowall.ui.language import Language

    before = QLocale()
    language = Language(_app())
    assert language.install("id")
    yield language
    language.install("en")
    QLocale.setDefault(before)


@pytest.fixture(scope="module")
def vocabulary() -> frozenset[str]:
    return english_vocabulary()


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    with DatabaseWriter(tmp_path / "w.db") as w:
        yield w


def no_english(window: QtWidgets.QWidget, vocabulary: frozenset[str], *names: str) -> None:
    window.show()
    _app().processEvents()
    screens = tuple(screen.name() for screen in QtGui.QGuiApplication.screens())  # the OS's names: data, not text
    found = english_texts(window, NAMES + names + screens, vocabulary)
    window.close()
    assert not found, f"English in {type(window).__name__} (Indonesian):\n" + "\n".join(found)


def test_the_console_toolbar_menus_and_menubar(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                               writer: DatabaseWriter) -> None:
    from tests.unit.console_rig import console
    from videowall.domain.camera import Area, Camera
    from videowall.ui.settings_dialog import attach_settings

    window = console(tmp_path, writer, indonesian)
    attach_settings(window, writer, lambda: SYSTEM_USER, "ab" * 32, None)
    window.set_cameras([Camera(f"C-{n}", f"Titik {n}", area=Area("Tugu"), main_url="rtsp://h/x") for n in range(4627)])
    assert window.statusBar().currentMessage() == "4.627 kamera dalam daftar"  # %Ln: Indonesian digits
    no_english(window, vocabulary, "Titik")


def test_shortcut_sheet_and_briefing_picker(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                            writer: DatabaseWriter) -> None:
    from tests.unit.console_rig import console
    from videowall.ui.briefing_picker import BriefingPicker
    from videowall.ui.shortcuts import ShortcutSheet

    window = console(tmp_path, writer, indonesian)
    no_english(ShortcutSheet(window), vocabulary)
    no_english(BriefingPicker(window.briefings.service, lambda _n: None, lambda: SYSTEM_USER, window), vocabulary)


def test_briefing_editor_with_every_kind_of_slide(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                                  writer: DatabaseWriter) -> None:
    from tests.unit.test_tours_dialog import CAMS
    from videowall.domain.briefing import Briefing, Slide, SlideKind
    from videowall.domain.evidence import Bookmark
    from videowall.services.briefing_service import EditorData
    from videowall.ui.briefing_editor import BriefingEditor

    briefing = Briefing("Pagi", "Rapat pagi", tuple(Slide(k, cameras=("A1",)) for k in SlideKind))
    mark = Bookmark(4, "A1", "Gerbang Tol", "Candisari", time.time(), "bu-sari", note="macet")
    data = EditorData(("Pagi",), ("Malam",), (mark,), briefing)
    editor = BriefingEditor(data, CAMS, lambda: ["A1"], lambda _b, _o: None, lambda _n: None, lambda _n: None)
    editor.show()
    for row in range(editor.list.count()):  # every kind's form page in turn
        editor.list.setCurrentRow(row)
        found = english_texts(editor, (*NAMES, "Pagi", "Rapat pagi", "Malam", "A1", "macet"), vocabulary)
        assert not found, f"English in the briefing editor (Indonesian), slide {row + 1}:\n" + "\n".join(found)
    editor.save_finished(Briefing("Pagi", slides=(Slide(SlideKind.KPI),)))
    no_english(editor, vocabulary, "Pagi", "Rapat pagi", "Malam", "A1", "macet")
    empty = BriefingEditor(EditorData((), (), (), None), CAMS, list, lambda _b, _o: None, lambda _n: None,
                           lambda _n: None)
    no_english(empty, vocabulary)


def test_import_dialog_with_rejected_lines(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                           writer: DatabaseWriter) -> None:
    from videowall.ui.import_dialog import ImportDialog

    register = tmp_path / "daftar.csv"
    register.write_text("id_titik,nama_titik,rtsp_utama,lat,lon\n"
                        "CAM-1,Titik Satu,rtsp://10.0.0.1/a,-7.0,110.4\n"
                        "CAM-2,,rtsp://10.0.0.2/a,-7.0,110.4\n"
                        "CAM-3,Titik Tiga,ftp://x,-7.0,110.4\n"
                        "CAM-1,Titik Empat,rtsp://10.0.0.4/a,95,110.4\n", encoding="utf-8")
    dialog = ImportDialog(writer, tmp_path / "key", lambda: SYSTEM_USER)
    dialog.show()
    dialog.path.setText(str(register))
    dialog.start()
    until(dialog.run_button.isEnabled, "the import finished")
    assert dialog.table.rowCount() >= 2
    no_english(dialog, vocabulary, "Titik Satu", "Titik Tiga", "Titik Empat", "daftar.csv", "CAM")


def test_dashboard_with_dark_cameras(indonesian: Any, vocabulary: frozenset[str]) -> None:
    from tests.unit.test_dashboard_ui import data
    from videowall.ui.dashboard import DashboardActions, DashboardWindow

    window = DashboardWindow(DashboardActions(None, None, None, lambda _c: None))  # type: ignore[arg-type]
    window.show_data(data())
    window.hours.setValue(0)
    texts = " ".join(lbl.text() for lbl in window.findChildren(QtWidgets.QLabel))
    assert "50,0 % online saat ini" in texts, texts  # decimal comma, a space before the per cent sign
    assert window.areas.topLevelItem(0).text(1) == "33,3"
    no_english(window, vocabulary, "refused", "404")


def test_settings_login_and_users(indonesian: Any, vocabulary: frozenset[str], writer: DatabaseWriter) -> None:
    from videowall.ui.login_dialog import LoginDialog
    from videowall.ui.privacy_menu import UsersDialog
    from videowall.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(writer, User("admin1", Role.ADMIN), "ab" * 32, None)
    settings.show()
    until(settings.save_button.isEnabled, "the stored values shown")
    no_english(settings, vocabulary, "admin1")
    no_english(LoginDialog(writer, first_run=True), vocabulary)
    no_english(LoginDialog(writer), vocabulary)
    users = UsersDialog(writer, User("admin1", Role.ADMIN))
    users.show()
    until(users.add_button.isEnabled, "the accounts listed")
    users.add_button.click()
    assert users.status.text() == "Akun baru perlu nama."
    no_english(users, vocabulary, "admin1")


def test_camera_dialog_and_tours(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                 writer: DatabaseWriter) -> None:
    from tests.unit.test_tours_dialog import CAMS
    from videowall.domain.camera_form import CameraForm
    from videowall.domain.recorder_source import RecorderKind, RecorderProblem
    from videowall.domain.tour import TourDefinition, TourKind, TourStep
    from videowall.services.camera_edit import CameraEditor, RecorderEdit, Secret
    from videowall.ui.camera_dialog import CameraDialog
    from videowall.ui.tours_dialog import ToursDialog

    editor = CameraEditor(writer, tmp_path / "key", lambda: User("bu-sari", Role.SUPERVISOR))
    no_english(CameraDialog(editor, frozenset), vocabulary)
    # the Recorder group: an edited camera's stored ONVIF recorder (its account kept), then a problem shown
    camera = editor.save(CameraForm("K-1", "Tugu", "Candisari", main_url="rtsp://127.0.0.1:1/x"), Secret(),
                         editing=False, recorder=RecorderEdit(RecorderKind.ONVIF, "127.0.0.1:8899",
                                                              secret=Secret("nvr", "rahasia"))).result(10)
    dialog = CameraDialog(editor, frozenset, camera)
    dialog.show()
    until(lambda: dialog.recorder.address.text() == "127.0.0.1:8899", "the stored recorder shown")
    dialog.recorder.address.setText("rtsp://127.0.0.1:554/x")
    dialog.save_button.click()
    assert dialog.recorder.error.text()
    no_english(dialog, vocabulary, "K-1", "nvr")
    dialog = CameraDialog(editor, frozenset)  # a vendor template without {end}, an offset that is no number
    dialog.show()
    dialog.recorder.kind.setCurrentIndex(dialog.recorder.kind.findData(RecorderKind.DAHUA.value))
    dialog.recorder.address.setText("rtsp://127.0.0.1:554/cam/playback?starttime={start}")
    dialog.save_button.click()
    first = dialog.recorder.error.text()
    dialog.recorder.offset.setText("x")
    dialog.save_button.click()
    assert first and dialog.recorder.error.text() != first
    no_english(dialog, vocabulary, "{start}", "{end}")
    for problem in RecorderProblem:  # every problem's words
        detail = {RecorderProblem.MISSING_FIELDS: "{start} and {end}",
                  RecorderProblem.UNKNOWN_TIMEZONE: "Mars/Olympus"}.get(problem, "")
        found = english_in(dialog.recorder.problem_text(problem, detail), vocabulary, ("{start}", "{end}"))
        assert not found, f"English in the recorder's problem {problem.name} (Indonesian): {found}"
    old = TourDefinition("Malam", TourKind.CAMERAS, (TourStep("B1", 5.0),))
    tours = ToursDialog([old], CAMS, ["Malam"], lambda: ["B1", "A1"], (), True, lambda t, w: None, lambda _n: None)
    no_english(tours, vocabulary, "Malam", "A1", "A2", "B1")


class _FakeEvidence:
    """What the review window asks of EvidenceService, answered at once (no database, no clips)."""

    def __init__(self, tmp_path: Path) -> None:
        from types import SimpleNamespace

        self.settings = SimpleNamespace(categories=("lalu lintas", "lainnya"), timezone="Asia/Jakarta")
        self.evidence_dir = tmp_path

    async def query(self, _filter: Any) -> list[Any]:
        return []

    async def cases(self) -> list[Any]:
        return []

    def thumbnail(self, _b: Any) -> None:
        return None

    def may_export_original(self) -> bool:
        return True


def test_review_window_with_bookmarks(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path) -> None:
    import asyncio

    from videowall.domain.evidence import Bookmark, ClipState
    from videowall.media.clip_player import ClipPlayer
    from videowall.ui.export_dialog import ExportDialog
    from videowall.ui.review_window import ReviewWindow

    player = ClipPlayer(None, lambda _c: ())  # type: ignore[arg-type]
    player.close = lambda: None  # type: ignore[method-assign]  # nothing was opened
    loop = asyncio.new_event_loop()  # the window launches its queries as tasks (qasync's loop in the app)
    asyncio.set_event_loop(loop)
    try:
        window = ReviewWindow(_FakeEvidence(tmp_path), player, on_recorder=lambda _b: None)  # type: ignore[arg-type]
        loop.run_until_complete(asyncio.sleep(0.01))  # the (empty) answers arrive
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    rows = [Bookmark(1, "CAM-1", "Simpang Lima", "Candisari", time.time(), "bu-sari", "lalu lintas", "macet"),
            Bookmark(2, "CAM-2", "Pasar", "Genuk", time.time(), "bu-sari", clip_state=ClipState.SAVED)]
    window.show_rows(rows)
    no_english(window, vocabulary, "CAM-1", "CAM-2", "bu-sari", "lalu lintas", "macet")
    no_english(ExportDialog(None, tmp_path, may_export_original=True), vocabulary, str(tmp_path))


def test_tile_menu_and_ptz_dock(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                writer: DatabaseWriter) -> None:
    import asyncio

    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent

    from tests.unit.console_rig import console
    from videowall.ui.ptz_dock import PtzDock

    window = console(tmp_path, writer, indonesian)
    window.show()
    tile = window.wall_view.tiles[0]
    found: list[str] = []

    def opening(_index: int, menu: QtWidgets.QMenu) -> None:  # built, about to open: read it, then close it
        found.extend(english_texts(menu, NAMES, vocabulary) or ["(read)"])
        QTimer.singleShot(0, menu.close)

    tile.menu_opening.connect(opening)
    tile.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5)))
    assert found == ["(read)"], "English in the tile menu:\n" + "\n".join(found)
    dock = PtzDock(asyncio.new_event_loop(), lambda *_a: None)  # type: ignore[arg-type]
    no_english(dock, vocabulary)
    window.close()


def test_qt_own_dialogs(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path) -> None:
    """Qt ships no Indonesian qtbase: the app's own .ts translates Qt's file dialog and message boxes."""
    (tmp_path / "daftar.csv").write_text("x")
    files = QtWidgets.QFileDialog(None, "", str(tmp_path))
    files.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog)
    files.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
    files.setNameFilter(QtWidgets.QApplication.translate("ImportDialog", "Registers (*.csv *.json);;All files (*)"))
    files.show()
    until(lambda: files.findChild(QtWidgets.QTreeView) is not None, "the file list")
    QtWidgets.QApplication.processEvents()
    no_english(files, vocabulary, "daftar.csv", str(tmp_path), tmp_path.name, "/")
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "", "",
                                QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No
                                | QtWidgets.QMessageBox.StandardButton.Cancel)
    box.setDetailedText("x")
    no_english(box, vocabulary)
    ask = QtWidgets.QInputDialog()
    no_english(ask, vocabulary)


def test_privacy_audit_and_bulk_edit(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                     writer: DatabaseWriter) -> None:
    from tests.unit.test_tours_dialog import CAMS
    from videowall.services.privacy import PrivacyService
    from videowall.ui.audit_viewer import AuditViewer
    from videowall.ui.bulk_edit import BulkEditDialog
    from videowall.ui.mask_editor import MaskEditor
    from videowall.ui.quarantine_review import QuarantineReview

    admin = User("admin1", Role.ADMIN)
    privacy = PrivacyService(writer, tmp_path, admin)  # type: ignore[arg-type]
    privacy.load()
    no_english(AuditViewer(writer.readers, admin), vocabulary, "admin1")
    no_english(BulkEditDialog(["A1", "A2"], ["pasar", "tol"]), vocabulary, "pasar", "tol")
    no_english(MaskEditor(privacy, "A1", None), vocabulary, "A1")
    no_english(QuarantineReview(privacy, lambda: CAMS), vocabulary)


def test_presentation_slides(indonesian: Any, vocabulary: frozenset[str]) -> None:
    from concurrent.futures import Future
    from types import SimpleNamespace

    from videowall.domain.briefing import Briefing, Slide, SlideKind
    from videowall.services.briefing_service import BriefingGuard
    from videowall.ui.presentation import PresentationParts, PresentationWindow

    def failed(_fn: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_exception(RuntimeError("tidak ada data"))
        return f

    parts = PresentationParts(SimpleNamespace(dashboard=lambda: None), BriefingGuard(None),  # type: ignore[arg-type]
                              lambda _c: None, lambda _n: None, failed, lambda fn: fn(), lang="id")
    window = PresentationWindow(Briefing("Pagi", "", (Slide(SlideKind.KPI), Slide(SlideKind.AVAILABILITY))), parts)
    no_english(window, vocabulary, "Pagi")


def test_bookmark_dialog_wall_window_and_lock(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                              writer: DatabaseWriter) -> None:
    import asyncio
    from types import SimpleNamespace

    from videowall.domain.camera import Area, Camera
    from videowall.services.evidence_service import PendingBookmark
    from videowall.services.live_wall import LiveWall
    from videowall.services.wall_control import CameraDirectory, WallController
    from videowall.ui.bookmark_dialog import BookmarkDialog
    from videowall.ui.login_dialog import LoginDialog
    from videowall.ui.wall_view import WallView
    from videowall.ui.wall_window import WallWindow

    loop = asyncio.new_event_loop()
    camera = Camera("CAM-1", "Simpang Lima", area=Area("Candisari"), main_url="rtsp://h/1")
    service = SimpleNamespace(settings=SimpleNamespace(timezone="Asia/Jakarta", categories=("lalu lintas",),
                                                       post_s=10.0, pre_s=20.0))
    pending = PendingBookmark(time.time(), camera, loop.create_future())
    no_english(BookmarkDialog(pending, service), vocabulary, "CAM-1", "lalu lintas")  # type: ignore[arg-type]
    views: list[WallView] = []
    live = LiveWall(None, None, loop, lambda r: None)  # type: ignore[arg-type]
    controller = WallController(live, CameraDirectory(), on_shape=lambda s: views[0].set_shape(s))
    views.append(WallView(controller))
    screen = _app().primaryScreen()
    no_english(WallWindow(views[0], screen), vocabulary, screen.name())
    no_english(LoginDialog(writer, unlock=True), vocabulary)


def test_play_from_recorder_window(indonesian: Any, vocabulary: frozenset[str]) -> None:
    from videowall.media.replay import ReplayPlayer
    from videowall.media.runtime import MediaRuntime
    from videowall.ui.replay_window import ReplayWindow

    runtime = MediaRuntime()
    try:
        window = ReplayWindow(ReplayPlayer(runtime), [("NVR-GAP REC-CAM01", "rtsp://127.0.0.1:9/recording/REC-CAM01")])
        assert window.windowTitle() == "Putar dari perekam"
        assert window.speed.itemText(0) == "16x mundur"
        no_english(window, vocabulary, "NVR-GAP", "REC-CAM01")
    finally:
        runtime.shutdown()


def test_replay_entries_of_the_tile_menu(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                         writer: DatabaseWriter) -> None:
    import asyncio

    from tests.unit.console_rig import console
    from videowall.domain.camera import Camera
    from videowall.ui.replay_actions import ReplayActions

    class Tile:
        camera = Camera("CAM-1", "Simpang Lima")

    class Wall:
        def tiles(self) -> list[Tile]:
            return [Tile()]

    class MayReview:
        def require(self, camera: object = None) -> None:
            return None

    window = console(tmp_path, writer, indonesian)
    actions = ReplayActions(window, Wall(), window.wall_view, MayReview(), lambda: None,  # type: ignore[arg-type]
                            asyncio.new_event_loop(), lambda _id: None)
    actions.install()
    menu = QtWidgets.QMenu(window)
    actions._tile_menu(0, menu)
    assert actions.last_menu == ["Putar dari perekam...", "Putar ulang instan: 30 dtk terakhir (R)"]
    assert english_texts(menu, NAMES, vocabulary) == [] and actions.instant_action.text().startswith("Putar ulang")
    window.close()


def test_the_check_sees_english_when_it_is_there(indonesian: Any, vocabulary: frozenset[str], tmp_path: Path,
                                                 writer: DatabaseWriter) -> None:
    """The same walk over the English console finds English everywhere it looks: the check is not blind."""
    from tests.unit.console_rig import console

    indonesian.install("en")
    try:
        window = console(tmp_path, writer, indonesian)
        window.show()
        found = english_texts(window, NAMES, vocabulary)
        window.close()
    finally:
        indonesian.install("id")
    places = {line.split(":")[0].split(" / ")[1].split(" >")[0] for line in found}
    assert len(found) > 40, found
    assert {"QToolButton", "QToolButton tooltip", "QDockWidget"} <= places, places
    assert any("menu" in p for p in places), places


def test_file_errors_are_said_in_words_with_their_path(indonesian: Any, tmp_path: Path) -> None:
    """Real errors from the OS (a write to /dev/full, an open of a missing file) in the window's language."""
    from videowall.ui.refusal_words import refusal_text

    with pytest.raises(OSError) as full, open("/dev/full", "w") as f:  # the device that is always full
        f.write("x" * 10)
    assert refusal_text(full.value) == "disk penuh"
    with pytest.raises(OSError) as missing:
        (tmp_path / "tidak-ada" / "berkas.mp4").read_bytes()
    assert refusal_text(missing.value) == f"{tmp_path}/tidak-ada/berkas.mp4: berkas atau folder tidak ada"
    assert refusal_text(ValueError("anything else")) == "anything else"  # keeps its own text


def test_sign_in_refusals_in_words(indonesian: Any, writer: DatabaseWriter) -> None:
    """Typed into the real sign-in dialog: a wrong password, a disabled account and a short first password are
    said in Indonesian (the services' English lines are for the command line)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from videowall.security.users import UserStore
    from videowall.services.access import create_user
    from videowall.ui.login_dialog import LoginDialog

    def answer(dialog: LoginDialog, name: str, password: str, repeat: str | None = None) -> str:
        dialog.show()
        QTest.keyClicks(dialog.name, name)
        QTest.keyClicks(dialog.password, password)
        if repeat is not None:
            QTest.keyClicks(dialog.repeat, repeat)
        QTest.keyClick(dialog.repeat if repeat is not None else dialog.password, Qt.Key.Key_Return)
        until(lambda: dialog.error.text() not in ("", "Memeriksa..."), "the answer")
        return dialog.error.text()

    assert answer(LoginDialog(writer, first_run=True), "admin1", "pendek", "pendek") == \
        "Kata sandi minimal 8 karakter."
    create_user(writer, None, "admin1", Role.ADMIN, "admin-pass-1")
    create_user(writer, User("admin1", Role.ADMIN), "op-tono", Role.OPERATOR, "tono-pass-1")
    writer.submit(lambda db: UserStore(db).set_disabled("op-tono", True)).result(10)
    assert answer(LoginDialog(writer), "admin1", "salah-sandi") == "Nama tidak dikenal atau kata sandi salah."
    assert answer(LoginDialog(writer), "op-tono", "tono-pass-1") == \
        "Akun op-tono dinonaktifkan: hubungi administrator."

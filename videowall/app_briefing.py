"""Composition of presentation mode and the UI language (part of the composition root, like ``app``).

``setup_language`` runs before the first window (login included); ``attach_briefings`` adds the
console's "Presentation..." and "Language" entries and opens ``--present NAME`` full screen.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from videowall.domain.access import SYSTEM_USER, Permission, User
from videowall.domain.i18n import DEFAULT_TIMEZONE, system_language
from videowall.services.briefing_service import BriefingGuard, BriefingService, EditorData
from videowall.services.settings_service import change_setting
from videowall.storage.layouts import LayoutRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from videowall.domain.briefing import Briefing
    from videowall.media.runtime import MediaRuntime
    from videowall.services.privacy import PrivacyService
    from videowall.ui.briefing_editor import BriefingEditor
    from videowall.ui.language import Language
    from videowall.ui.presentation import MakeWall, PresentationParts, PresentationWindow

log = logging.getLogger(__name__)
LANGUAGE_KEY = "ui_language"  # settings: "id" or "en"; unset: the system locale
TIMEZONE_KEY = "city_timezone"  # settings: an IANA zone, default Asia/Jakarta (WIB)


def _setting(writer: DatabaseWriter, key: str, default: Any) -> Any:
    return writer.submit(lambda db: SettingsRepository(db).get(key, default), transaction=False).result(10)


def setup_language(app: QApplication, writer: DatabaseWriter, requested: str = "") -> Language:
    """--lang, else the saved setting, else the system locale; installs the translators."""
    from videowall.ui.language import Language

    language = Language(app)
    language.install(requested or _setting(writer, LANGUAGE_KEY, "") or system_language())
    use_city_time(str(_setting(writer, TIMEZONE_KEY, "") or DEFAULT_TIMEZONE))
    return language


def use_city_time(tz_name: str) -> None:
    """Make the city's zone (WIB by default) this process's local time: tile clocks, charts, logs.

    Every ``time.strftime`` / ``datetime.fromtimestamp`` in the UI then shows city time without
    each widget being handed a zone; an unknown zone name leaves the machine's own.
    """
    if (Path("/usr/share/zoneinfo") / tz_name).exists() and hasattr(time, "tzset"):
        os.environ["TZ"] = tz_name
        time.tzset()
    else:
        log.warning("unknown time zone %r: using the machine's", tz_name)


class Briefings:
    """The console's briefing entries and the open presentation windows."""

    def __init__(self, window: QMainWindow, writer: DatabaseWriter, privacy: PrivacyService | None,
                 camera: Callable[[str], Any], make_wall: MakeWall, runtime: MediaRuntime,
                 loop: asyncio.AbstractEventLoop, language: Language, user: Callable[[], User] | None = None) -> None:
        self.window = window
        self._user = user  # who is signed in; without it the privacy service's user
        self.writer = writer
        self.service = BriefingService(writer)
        self.privacy = privacy
        self._camera = camera
        self._make_wall = make_wall
        self._runtime = runtime
        self._loop = loop
        self.language = language
        self.tz_name = str(_setting(writer, TIMEZONE_KEY, DEFAULT_TIMEZONE))
        self.open_windows: list[PresentationWindow] = []
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="briefing")  # figures: SQLite reads off the UI
        from videowall.ui.briefing_editor import UiRelay

        self.relay = UiRelay()  # answers from the writer and the pool, run on the UI thread
        self.editor: BriefingEditor | None = None

    def user(self) -> User:
        """The signed-in user (the app itself where no one signs in: the demo's set-up, tests)."""
        if self._user is not None:
            return self._user()
        return self.privacy.user if self.privacy is not None else SYSTEM_USER

    def guard(self) -> BriefingGuard:
        p = self.privacy
        if p is None:
            return BriefingGuard(None)
        return BriefingGuard(p, p.is_private, p.picture_masks)  # lifts do not apply

    def start(self, name: str) -> None:
        self.present(name)

    def parts(self) -> PresentationParts:
        """What a presentation window (or the editor's preview) is built from: presenter rules forced on."""
        from videowall.media.clip_player import ClipPlayer
        from videowall.ui.clip_view import ClipView
        from videowall.ui.presentation import PresentationParts

        guard = self.guard()

        def clip_view(parent: Any) -> ClipView:
            view = ClipView(ClipPlayer(self._runtime, guard.masks_for, 1920, 1080), parent)  # masks always on
            for w in (view.play, view.step, view.slider, view.clock):
                w.hide()  # no operator chrome on a projector
            return view

        return PresentationParts(
            self.service, guard, self._camera,
            lambda n: self.writer.submit(lambda db: LayoutRepository(db).load(n), transaction=False),
            self._pool.submit, self.relay.post, self._make_wall, clip_view if self._runtime is not None else None,
            self.language.code, self.tz_name)  # no media runtime (a console without libVLC): a card, no clip

    def present(self, name: str, on_closed: Callable[[], object] | None = None) -> PresentationWindow | None:
        from PySide6.QtCore import Qt, QTimer

        from videowall.ui.presentation import PresentationWindow

        briefing = self.service.load(name).result(10)
        if briefing is None:
            print(f"videowall: no briefing named {name!r}", file=sys.stderr)
            return None

        shown = PresentationWindow(briefing, self.parts())
        self.open_windows.append(shown)
        shown.on_closed.append(lambda: self.open_windows.remove(shown) if shown in self.open_windows else None)
        if on_closed is not None:
            shown.on_closed.append(on_closed)
        shown.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        screen = self.window.screen()
        if screen is not None:
            shown.setGeometry(screen.geometry())  # without a window manager, full screen alone does not resize
        shown.showFullScreen()
        shown.activateWindow()
        keep_on_top = QTimer(shown)  # windows opened later (the demo's dashboard) must not cover a briefing
        keep_on_top.timeout.connect(shown.raise_)
        keep_on_top.start(2000)
        log.info("briefing %r presented (%d slides)", name, len(briefing.slides))
        return shown

    # --- the editor --------------------------------------------------------------------------------------
    def open_editor(self, name: str = "") -> None:
        """Open the briefing editor on ``name`` ("" : a new briefing); its choices are read off the UI thread."""
        future = self.service.editor_data(self.user(), name)
        future.add_done_callback(lambda f: self.relay.post(lambda: self._show_editor(f)))

    def _show_editor(self, future: Future[EditorData]) -> None:
        from videowall.domain.briefing import Briefing, Slide, SlideKind
        from videowall.ui.briefing_editor import BriefingEditor
        from videowall.ui.main_window import MainWindow
        from videowall.ui.presentation import PresentationWindow

        exc = future.exception()
        if exc is not None:
            log.warning("briefing editor not opened: %s", exc)
            return
        data = future.result()  # done: this does not wait
        window = self.window
        cameras = window.camera_panel.model.cameras() if isinstance(window, MainWindow) else []
        selection = window.camera_panel.selected_ids if isinstance(window, MainWindow) else list
        placeholder = Briefing("preview", slides=(Slide(SlideKind.KPI),))
        if self.editor is not None:
            self.editor.close()
        self.editor = BriefingEditor(
            data, cameras, selection, self._save, self._delete, self.open_editor,
            lambda parent: PresentationWindow(placeholder, self.parts(), parent, preview=True), self.tz_name,
            self.window)
        editor = self.editor
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        editor.show()  # not modal: cameras are picked in the console's camera tree meanwhile

    def _editor_closed(self, editor: BriefingEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()  # its preview's wall with it

    def _save(self, briefing: Briefing, old_name: str) -> None:
        future = self.service.save(self.user(), briefing, old_name)
        future.add_done_callback(lambda f: self.relay.post(lambda: self._answer_save(f)))

    def _answer_save(self, future: Future[Briefing]) -> None:
        if self.editor is not None:
            exc = future.exception()
            self.editor.save_finished(exc if exc is not None else future.result())

    def _delete(self, name: str) -> None:
        future = self.service.delete(self.user(), name)
        future.add_done_callback(lambda f: self.relay.post(lambda: self._answer_delete(f)))

    def _answer_delete(self, future: Future[bool]) -> None:
        if self.editor is not None:
            exc = future.exception()
            self.editor.delete_finished(exc if exc is not None else future.result())

    def install(self) -> None:
        """Toolbar: "Presentation..." and a language menu; icons on the known entries."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

        from videowall.ui.briefing_picker import BriefingPicker
        from videowall.ui.icons import apply_icons, icon
        from videowall.ui.policy_view import gate

        bar = self.window.findChild(QToolBar, "wall")
        if bar is None:
            return
        bar.addSeparator()

        def tr(text: str) -> str:
            return QCoreApplication.translate("MainWindow", text)

        bar.addAction(tr("Presentation..."),
                      lambda: BriefingPicker(self.service, self.start, self.user, self.window, self.open_editor).open())
        edit = gate(bar.addAction(tr("Briefing editor..."), lambda: self.open_editor()), Permission.EDIT_BRIEFINGS)
        edit.setObjectName("briefing-editor")
        edit.setVisible(self.user().can(Permission.EDIT_BRIEFINGS))  # the service refuses the others anyway
        menu = QMenu(self.window)
        for code, label in (("id", "Bahasa Indonesia"), ("en", "English")):
            menu.addAction(label).triggered.connect(lambda _=False, c=code: self.switch_language(c))
        button = QToolButton()
        button.setText(tr("Language"))
        button.setIcon(icon("language"))
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(button)
        apply_icons(self.window, self.language)

    def switch_language(self, code: str) -> None:
        self.language.switch(code)
        chosen = self.language.code
        user = self.user()
        self.writer.submit(lambda db: change_setting(db, user, LANGUAGE_KEY, chosen))  # checked and audited


def attach_briefings(app: QApplication, window: QMainWindow, writer: DatabaseWriter, privacy: PrivacyService | None,
                     camera: Callable[[str], Any], make_wall: MakeWall, runtime: MediaRuntime,
                     loop: asyncio.AbstractEventLoop, language: Language, present: str = "",
                     only: bool = False, edit: str | None = None) -> Briefings:
    """Wire briefings to the console; with ``present``, open it now (``only``: the console stays hidden).

    ``edit``: open the briefing editor at start on that briefing ("" : a new one), as ``--open briefing-editor``.
    """
    briefings = Briefings(window, writer, privacy, camera, make_wall, runtime, loop, language)
    briefings.install()
    if edit is not None:
        briefings.open_editor(edit)
    if present:
        if only:
            window.hide()
        shown = briefings.present(present, window.close if only else None)
        if shown is None and only:
            window.show()
    window.briefings = briefings  # type: ignore[attr-defined]  # tests and the command dispatcher reach it
    return briefings

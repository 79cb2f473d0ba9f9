"""The console's briefings: "Presentation...", the briefing editor, the language menu, presentation windows.

Built by the briefings feature of the composition root (``videowall/app/briefings.py``). Every read and
write goes through the background-work API (``services/operations.py``): nothing here waits on the disk.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from videowall.domain.access import SYSTEM_USER, Permission, User
from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.settings_model import LANGUAGE_KEY
from videowall.services.briefing_service import BriefingGuard, BriefingService, EditorData
from videowall.services.settings_service import change_setting
from videowall.storage.layouts import LayoutRepository
from videowall.storage.writer import DatabaseWriter
from videowall.ui.refusal_words import refusal_text
from videowall.ui.ui_thread import UiRelay, ui_operations

if TYPE_CHECKING:
    from videowall.media.runtime import MediaRuntime
    from videowall.services.privacy import PrivacyService
    from videowall.ui.briefing_editor import BriefingEditor
    from videowall.ui.clip_view import ClipView
    from videowall.ui.language import Language
    from videowall.ui.main_window import MainWindow
    from videowall.ui.presentation import MakeWall, PresentationParts, PresentationWindow

log = logging.getLogger(__name__)


class Briefings:
    """The console's briefing entries and the open presentation windows."""

    def __init__(self, window: MainWindow, writer: DatabaseWriter, privacy: PrivacyService | None,
                 camera: Callable[[str], Any], make_wall: MakeWall | None, runtime: MediaRuntime | None,
                 language: Language, tz_name: str, user: Callable[[], User] | None = None) -> None:
        self.window = window
        self._user = user  # who is signed in; without it the privacy service's user
        self.writer = writer
        self.service = BriefingService(writer)
        self.privacy = privacy
        self._camera = camera
        self._make_wall = make_wall
        self._runtime = runtime
        self.language = language
        self.tz_name = tz_name
        self.open_windows: list[PresentationWindow] = []
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="briefing")  # figures: SQLite reads off the UI
        self.relay = UiRelay()  # answers from the writer and the pool, run on the UI thread
        self._ops = ui_operations(self.relay, writer)
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
        runtime = self._runtime

        def clip_view(parent: QWidget) -> ClipView:
            assert runtime is not None
            view = ClipView(ClipPlayer(runtime, guard.masks_for, 1920, 1080), parent)  # masks always on
            for w in (view.play, view.step, view.slider, view.clock):
                w.hide()  # no operator chrome on a projector
            return view

        return PresentationParts(
            self.service, guard, self._camera,
            lambda n: self.writer.submit(lambda db: LayoutRepository(db).load(n), transaction=False),
            self._pool.submit, self.relay.post, self._make_wall, clip_view if runtime is not None else None,
            self.language.code, self.tz_name)  # no media runtime (a console without libVLC): a card, no clip

    def present(self, name: str, on_closed: Callable[[], object] | None = None,
                on_missing: Callable[[], object] | None = None) -> None:
        """Show the saved briefing ``name`` full screen once it is read; ``on_missing`` if there is none."""
        self._ops.follow(self.service.load(name), lambda b: self._show(name, b, on_closed, on_missing),
                         lambda exc: self._missing(name, refusal_text(exc), on_missing))

    def _missing(self, name: str, why: str, on_missing: Callable[[], object] | None) -> None:
        print(f"videowall: briefing {name!r} not shown: {why}", file=sys.stderr)
        if on_missing is not None:
            on_missing()

    def _show(self, name: str, briefing: Briefing | None, on_closed: Callable[[], object] | None,
              on_missing: Callable[[], object] | None) -> None:
        from videowall.ui.presentation import PresentationWindow

        if briefing is None:
            self._missing(name, "no briefing of that name", on_missing)
            return
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

    # --- the editor --------------------------------------------------------------------------------------
    def open_editor(self, name: str = "") -> None:
        """Open the briefing editor on ``name`` ("" : a new briefing); its choices are read off the UI thread."""
        self._ops.follow(self.service.editor_data(self.user(), name), self._show_editor,
                         lambda exc: log.warning("briefing editor not opened: %s", exc))

    def _show_editor(self, data: EditorData) -> None:
        from videowall.ui.briefing_editor import BriefingEditor
        from videowall.ui.presentation import PresentationWindow

        window = self.window
        cameras = window.camera_panel.model.cameras()
        placeholder = Briefing("preview", slides=(Slide(SlideKind.KPI),))
        if self.editor is not None:
            self.editor.close()
        self.editor = BriefingEditor(
            data, cameras, window.camera_panel.selected_ids, self._save, self._delete, self.open_editor,
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
        self._ops.follow(self.service.save(self.user(), briefing, old_name), self._answer_save, self._answer_save)

    def _answer_save(self, answer: Briefing | BaseException) -> None:
        if self.editor is not None:
            self.editor.save_finished(answer)

    def _delete(self, name: str) -> None:
        self._ops.follow(self.service.delete(self.user(), name), self._answer_delete, self._answer_delete)

    def _answer_delete(self, answer: bool | BaseException) -> None:
        if self.editor is not None:
            self.editor.delete_finished(answer)

    def install(self) -> None:
        """Toolbar: "Presentation..." and a language menu; icons on the known entries."""
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
        self._ops.write(lambda db: change_setting(db, user, LANGUAGE_KEY, chosen))  # checked and audited

    def close(self) -> None:
        self._ops.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

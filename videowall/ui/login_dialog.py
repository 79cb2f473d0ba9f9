"""Signing in at start, the first-run administrator, and the lock after inactivity.

The dialogs only collect a name and password; checking them (argon2, audit rows) is
``services.access``. The lock keeps the walls running (a control room never goes dark) but covers
the console until someone signs in again, possibly the next shift's user with another role.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import User
from videowall.security.users import AccountDisabled, PasswordTooShort, UserError, WrongPassword
from videowall.services.access import SignInLocked, first_admin, sign_in, user_count
from videowall.storage.writer import DatabaseWriter
from videowall.ui.refusal_words import refusal_text


class _Answer(QObject):
    answered = Signal(object)  # User | SignInLocked | UserError | OSError, from the checking thread


class LoginDialog(QDialog):
    """Name + password; ``first_run`` asks for the password twice and creates the administrator."""

    def __init__(self, writer: DatabaseWriter, *, first_run: bool = False, unlock: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writer = writer
        self._first_run = first_run
        self._unlock = unlock
        self.user: User | None = None
        self.setWindowTitle(self.tr("videowall - sign in") if not first_run else self.tr("videowall - first run"))
        lay = QVBoxLayout(self)
        if first_run:
            lay.addWidget(QLabel(self.tr("No users yet. Create the administrator account.")))
        elif unlock:
            lay.addWidget(QLabel(self.tr("Session locked: no camera is shown until someone signs in.")))
        form = QFormLayout()
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("User"), self.name)
        form.addRow(self.tr("Password"), self.password)
        if first_run:
            form.addRow(self.tr("Repeat password"), self.repeat)
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #ff7b7b")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)  # a lockout message in 2-3 lines
        self._lock_over = QTimer(self)  # when a lockout ends, the message says the name may try again
        self._lock_over.setSingleShot(True)
        self._lock_over.timeout.connect(self._may_try_again)
        self._locked_name = ""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._checking = False
        self._relay = _Answer(self)
        self._relay.answered.connect(self._answered)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        if unlock:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        lay.addWidget(buttons)

    def _try(self) -> None:
        """Check off the UI thread (argon2 and the database take their time); the answer comes back queued."""
        if self._checking:
            return
        name, password, repeat = self.name.text().strip(), self.password.text(), self.repeat.text()
        if self._first_run and password != repeat:
            self._say(self.tr("the passwords differ"))
            self.password.clear()
            return
        how = "unlock" if self._unlock else "login"
        first_run, writer, relay = self._first_run, self._writer, self._relay

        def check() -> None:  # a worker thread
            result: object
            try:
                if first_run:
                    first_admin(writer, name, password)
                result = sign_in(writer, name, password, how=how)
            except (UserError, OSError) as exc:  # SignInLocked is a UserError; storage faults are OSErrors
                result = exc
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile: nobody to tell
                relay.answered.emit(result)

        self._checking = True
        self._ok.setEnabled(False)
        self._say(self.tr("Checking..."))
        threading.Thread(target=check, name="sign-in", daemon=True).start()

    def _answered(self, result: object) -> None:
        self._checking = False
        self._ok.setEnabled(True)
        if isinstance(result, SignInLocked):
            self._show_locked(result)
            self.password.clear()
            return
        if isinstance(result, BaseException):
            self._say(self._words(result))
            self.password.clear()
            return
        assert isinstance(result, User)
        self.user = result
        self._lock_over.stop()
        self.accept()

    def _words(self, exc: BaseException) -> str:
        """A refused sign-in in the dialog's language (a storage fault by its errno, see refusal_words)."""
        if isinstance(exc, WrongPassword):
            return self.tr("Unknown name or wrong password.")
        if isinstance(exc, PasswordTooShort):
            return self.tr("The password must have at least %1 characters.").replace("%1", str(exc.minimum))
        if isinstance(exc, AccountDisabled):
            return self.tr("The account %1 is disabled: ask an administrator.").replace("%1", exc.name)
        return refusal_text(exc)

    def _show_locked(self, exc: SignInLocked) -> None:
        """Who is locked, for how long and until when; the service refuses every try until then."""
        seconds, clock = f"{exc.seconds:.0f}", time.strftime("%H:%M:%S", time.localtime(exc.until))
        if exc.just_locked:
            text = self.tr("Wrong password. %1 is now locked for %2 s after %3 wrong passwords in a row, until %4.")
            text = text.replace("%3", str(exc.failures))
        else:
            text = self.tr("%1 is locked after too many wrong passwords: try again in %2 s, at %4. Until then even "
                           "the right password is refused.")
        self._say(text.replace("%1", exc.name).replace("%2", seconds).replace("%4", clock))
        self._locked_name = exc.name
        self._lock_over.start(int(exc.seconds * 1000) + 200)

    def _may_try_again(self) -> None:
        self._say(self.tr("The lock has ended: %1 may sign in again.").replace("%1", self._locked_name))

    def _say(self, text: str) -> None:
        """Show ``text`` under the fields, the dialog grown to hold every wrapped line (never cut off)."""
        self.error.setText(text)
        if not self.isFullScreen():
            self.adjustSize()

    def reject(self) -> None:
        if not self._unlock:  # a locked session can only be left by signing in
            super().reject()

    @staticmethod
    def ask(writer: DatabaseWriter, parent: QWidget | None = None) -> User | None:
        """At start: first-run administrator if there are no users, else the sign-in dialog."""
        dialog = LoginDialog(writer, first_run=user_count(writer) == 0, parent=parent)
        return dialog.user if dialog.exec() == QDialog.DialogCode.Accepted else None


class SessionLock(QObject):
    """Watches input application-wide; after ``minutes`` idle, locks and asks for a sign-in."""

    def __init__(self, app: QApplication, writer: DatabaseWriter, window: QWidget, minutes: float,
                 on_user: Callable[[User], None], on_lock: Callable[[], None]) -> None:
        super().__init__(window)
        self._writer = writer
        self._window = window
        self.minutes = minutes
        self._on_user = on_user
        self._on_lock = on_lock
        self._last = time.monotonic()
        self.locked = False
        app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._timer.start(5000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel):
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self.locked and self.minutes > 0 and time.monotonic() - self._last > self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Cover the console now (also the Lock menu entry): every wall goes blank until a sign-in.

        The cover can only be left by signing in: its ``reject`` (Esc, close) does nothing.
        """
        if self.locked:
            return
        self.locked = True
        self._on_lock()
        cover = LoginDialog(self._writer, unlock=True, parent=self._window)
        screen = self._window.screen()
        if screen is not None:  # without a window manager full-screen is not applied: size it ourselves
            cover.setGeometry(screen.geometry())
        cover.setWindowState(Qt.WindowState.WindowFullScreen)
        cover.finished.connect(lambda _r: self._unlocked(cover))
        cover.open()

    def _unlocked(self, dialog: LoginDialog) -> None:
        self.locked = False
        self._last = time.monotonic()
        if dialog.user is not None:
            self._on_user(dialog.user)

"""Sign-in, and the privacy feature: tree filter, masks, quarantine notices, the session lock, audits."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.app.options import AppOptions
from videowall.services.privacy import PrivacyService
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from videowall.ui.login_dialog import SessionLock
    from videowall.ui.main_window import MainWindow


def sign_in(opts: AppOptions, writer: DatabaseWriter) -> PrivacyService | None:
    """Login before the console opens: ``--user`` + VIDEOWALL_PASSWORD, else the dialog (first run: admin).

    The returned service is the session every feature acts as (``AppContext.user``)."""
    from videowall.security.users import UserError
    from videowall.services.access import DEMO_USERS, ensure_demo_users, sign_in, sign_in_from_environment

    if opts.demo and ensure_demo_users(writer):
        print("demo users created (see README: Privacy and access)", file=sys.stderr)
    if opts.demo and not opts.user:
        # The demo signs in as its supervisor (operator rights plus quarantine review and masks), so
        # `make demo` runs unattended; `--user presenter` etc. with VIDEOWALL_PASSWORD tries the others.
        name, _role, password = next(u for u in DEMO_USERS if u[0] == "supervisor")
        user = sign_in(writer, name, password, how="demo")
        print(f"demo: signed in as {name} (try --user operator|liaison|presenter)", file=sys.stderr)
    elif opts.user:
        try:
            user = sign_in_from_environment(writer, opts.user)
        except UserError as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return None
    else:
        from videowall.ui.login_dialog import LoginDialog

        signed_in = LoginDialog.ask(writer)
        if signed_in is None:
            return None
        user = signed_in
    privacy = PrivacyService(writer, opts.db.parent, user)
    privacy.load()
    return privacy


class PrivacyFeature(Feature):
    """The Privacy menu, the tile's mask entry, the tree's filter, quarantine notices and the inactivity lock."""

    name = "privacy"

    def __init__(self) -> None:
        self.lock: SessionLock | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from videowall.ui.privacy_menu import PrivacyMenu

        self.lock = PrivacyMenu(ctx.qt, window, ctx.privacy, ctx.writer, ctx.settings.session_lock_minutes).lock

"""The safety net: an unexpected error anywhere is logged with its traceback, the operator sees a short
notice in the status bar, and the wall keeps running.

It catches what escapes a Qt slot or an asyncio callback on the UI thread (``sys.excepthook``, the loop's
exception handler), an uncaught error on any other thread (``threading.excepthook``, handed to the UI
thread), and routes Qt's own warnings into the log (``qInstallMessageHandler``) instead of stderr.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from videowall.app.context import AppContext
from videowall.app.feature import Feature

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QMainWindow

    from videowall.ui.main_window import MainWindow

log = logging.getLogger("videowall.errors")


class SafetyNet(Feature):
    name = "safety net"

    def __init__(self) -> None:
        self.caught = 0  # errors caught since start (status JSON, tests)
        self.last = ""
        self._window: QMainWindow | None = None
        self._post: Callable[..., object] | None = None
        self._saved: tuple[Any, Any, Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self.attach(window, ctx.loop)

    def attach(self, window: QMainWindow, loop: asyncio.AbstractEventLoop) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        from videowall.ui.ui_thread import UiRelay

        self._window, self._loop, self._post = window, loop, UiRelay(window).post
        self._saved = (sys.excepthook, threading.excepthook, loop.get_exception_handler())
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        loop.set_exception_handler(self._on_loop_exception)
        qInstallMessageHandler(self._on_qt_message)

    def close(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        if self._saved is not None:
            sys.excepthook, threading.excepthook, handler = self._saved
            if self._loop is not None:
                self._loop.set_exception_handler(handler)
            qInstallMessageHandler(None)
            self._saved = None
        self._window = None

    def status(self) -> dict[str, object]:
        return {"errors": {"caught": self.caught, "last": self.last}}

    # --- the hooks --------------------------------------------------------------------------------------
    def _on_exception(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self._caught(exc, "".join(traceback.format_exception(kind, exc, tb)), "the console")

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        where = args.thread.name if args.thread is not None else "a thread"
        if self._post is not None:
            self._post(self._caught, args.exc_value, text, where)  # widgets only on the UI thread

    def _on_loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if not isinstance(exc, BaseException):  # a message only (a task destroyed while pending, ...)
            log.warning("asyncio: %s", context.get("message", context))
            return
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self._caught(exc, text, str(context.get("message") or "a background task"))

    def _on_qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
                 QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
        logging.getLogger("videowall.qt").log(level, "%s", message)

    def _caught(self, exc: BaseException, text: str, where: str) -> None:
        self.caught += 1
        self.last = f"{type(exc).__name__}: {exc}"
        log.error("unexpected error in %s (the wall keeps running):\n%s", where, text.rstrip())
        window = self._window
        if window is not None:
            from videowall.ui.error_notice import show_error_notice

            show_error_notice(window, self.last)

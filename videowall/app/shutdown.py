"""Shutdown that says where it is slow: each step timed, and every thread's stack on stderr when the whole
shutdown runs past its bound (a quit that hangs in a CI run or at the end of a shift is then diagnosable
from the log, not guessed at). SIGUSR1 prints the stacks at any time, even while the main thread is stuck
in C code and no Python signal handler can run, and a crash prints them before the process dies."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import NoReturn

log = logging.getLogger(__name__)

SLOW_STEP_S = 1.0  # a step slower than this is named in the log
STACKS_AFTER_S = 15.0  # the whole shutdown slower than this: every thread's stack on stderr


def stacks_on_signal_and_crash() -> None:
    """``kill -USR1 <pid>``: every thread's stack on stderr (faulthandler's C handler, no Python needed);
    a crash (SIGSEGV, SIGABRT) prints them too, so a segfault at exit says where it happened."""
    with contextlib.suppress(ValueError, OSError, AttributeError, RuntimeError):  # no usable stderr
        faulthandler.enable(file=sys.stderr, all_threads=True)
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)


def leave_process(code: int) -> NoReturn:
    """End a window process (console, wall agent) once everything it started has stopped and closed:
    logs and standard streams are flushed, and Python's own teardown is skipped. That teardown only
    destroys Qt and libVLC objects in whatever order the garbage collector finds them, which can crash
    after the work is done (a CI run saw a console end with SIGSEGV after a clean SIGINT shutdown)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken pipe: nothing more to say
            stream.flush()
    os._exit(code)


class ShutdownClock:
    """Arms the stack dump when a stop is asked and times the steps of the shutdown that follows."""

    def __init__(self, stacks_after_s: float = STACKS_AFTER_S) -> None:
        self._stacks_after_s = stacks_after_s
        self._started: float | None = None

    def begin(self) -> None:
        if self._started is not None:
            return
        self._started = time.monotonic()
        with contextlib.suppress(ValueError, OSError, AttributeError):  # no usable stderr: time the steps only
            faulthandler.dump_traceback_later(self._stacks_after_s, exit=False, file=sys.stderr)

    def step(self, name: str, close: Callable[[], object]) -> Callable[[], None]:
        """``close`` wrapped so that a slow one is logged with its name."""

        def timed() -> None:
            started = time.monotonic()
            try:
                close()
            finally:
                took = time.monotonic() - started
                if took > SLOW_STEP_S:
                    log.warning("shutdown: %s took %.1f s", name, took)

        return timed

    def end(self) -> None:
        faulthandler.cancel_dump_traceback_later()
        if self._started is not None:
            log.info("shutdown took %.1f s", time.monotonic() - self._started)

"""Stopping a child process of the simulators: close its stdin lifeline, SIGTERM, SIGKILL if it
lingers, and always reap it, so no simulator leaves a zombie or an orphan behind."""

from __future__ import annotations

import contextlib
import logging
import subprocess

log = logging.getLogger(__name__)


def end_process(proc: subprocess.Popen[bytes] | None, timeout: float = 5.0) -> None:
    if proc is None:
        return
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log.warning("pid %s ignored SIGTERM; killing it", proc.pid)
            proc.kill()
            proc.wait()

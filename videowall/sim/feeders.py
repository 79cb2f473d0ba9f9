#!/usr/bin/python3
"""Keep the fleet's ffmpeg feeders running, and take them down with us.

Standalone (stdlib only) so it runs under any python: ``python3 feeders.py --config feeders.json``
with ``{"feeders": [{"name": "SIM-CAM-01", "argv": ["ffmpeg", ...]}, ...]}``.

Why a separate supervisor instead of the app spawning ffmpeg itself: the feeders must outlive an
RTSP-server restart, must be restarted if one crashes, and must never be orphaned. This process is
single-threaded, so ``PR_SET_PDEATHSIG`` on its children is reliable (it would not be in a
multi-threaded app, where it fires when the *spawning thread* exits). It exits on SIGTERM/SIGINT,
on stdin EOF and when its parent dies, stopping every feeder first.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from typing import Any

LOG = logging.getLogger("feeders")
PR_SET_PDEATHSIG = 1
RESTART_DELAY = 1.0


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: SIGKILL it if this supervisor dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class Supervisor:
    def __init__(self, feeders: list[dict[str, Any]]) -> None:
        self.feeders = {str(f["name"]): [str(a) for a in f["argv"]] for f in feeders}
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.retry_at: dict[str, float] = {}
        self.stopping = False
        self.parent_pid = os.getppid()

    def _start(self, name: str) -> None:
        self.procs[name] = subprocess.Popen(
            self.feeders[name],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )

    def _stop(self, *_: Any) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        selector = selectors.DefaultSelector()
        selector.register(sys.stdin.fileno(), selectors.EVENT_READ)
        for name in self.feeders:
            self._start(name)
        print(json.dumps({"ready": True, "pids": {n: p.pid for n, p in self.procs.items()}}), flush=True)
        try:
            while not self.stopping:
                for key, _ in selector.select(timeout=0.5):
                    if not os.read(key.fd, 4096):
                        LOG.info("stdin closed; stopping feeders")
                        self.stopping = True
                if os.getppid() != self.parent_pid:
                    LOG.warning("parent died; stopping feeders")
                    self.stopping = True
                self._restart_dead()
        finally:
            self._stop_all()
        return 0

    def _restart_dead(self) -> None:
        now = time.monotonic()
        for name, proc in list(self.procs.items()):
            if self.stopping or proc.poll() is None:
                continue
            due = self.retry_at.get(name)
            if due is None:
                LOG.warning("feeder %s exited with %s; restarting", name, proc.returncode)
                self.retry_at[name] = now + RESTART_DELAY
            elif now >= due:  # (popping the time before it was due re-armed it for ever: never restarted)
                del self.retry_at[name]
                self._start(name)

    def _stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 3.0
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run and supervise the fleet's ffmpeg feeders.")
    parser.add_argument("--config", required=True)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="feeders %(levelname)s: %(message)s")
    with open(args.config, encoding="utf-8") as handle:
        config = json.load(handle)
    return Supervisor(config["feeders"]).run()


if __name__ == "__main__":
    sys.exit(main())

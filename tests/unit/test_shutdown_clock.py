"""The shutdown's diagnostics: slow steps named in the log, stacks on SIGUSR1 even from a stuck main thread."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time

import pytest

from videowall.app.shutdown import ShutdownClock


def test_a_slow_step_is_named_and_a_fast_one_is_not(caplog: pytest.LogCaptureFixture) -> None:
    clock = ShutdownClock(stacks_after_s=60)
    clock.begin()
    with caplog.at_level(logging.INFO, logger="videowall.app.shutdown"):
        clock.step("FastFeature", lambda: None)()
        clock.step("SlowFeature", lambda: time.sleep(1.1))()
        clock.end()
    text = caplog.text
    assert "shutdown: SlowFeature took 1.1 s" in text and "FastFeature" not in text, text
    assert "shutdown took" in text


def test_sigusr1_prints_every_stack_while_the_main_thread_is_stuck_in_c() -> None:
    code = ("import threading, time\n"
            "from videowall.app.shutdown import stacks_on_signal_and_crash\n"
            "stacks_on_signal_and_crash()\n"
            "threading.Thread(target=time.sleep, args=(30,), name='worker', daemon=True).start()\n"
            "print('ready', flush=True)\n"
            "threading.Event().wait(30)\n")  # the main thread blocked in a lock: no Python handler could run
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # into the wait (a loaded machine may still be between the print and the wait)
        proc.send_signal(signal.SIGUSR1)
        time.sleep(1.0)
        assert proc.poll() is None, "the dump must not end the app"
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=10)
    assert "Current thread" in err or "Thread 0x" in err, err
    assert err.count("Thread 0x") + err.count("Current thread") >= 2, err  # the stuck main thread and the worker


def test_a_crash_prints_the_stacks_too() -> None:
    code = ("import ctypes\n"
            "from videowall.app.shutdown import stacks_on_signal_and_crash\n"
            "stacks_on_signal_and_crash()\n"
            "ctypes.string_at(0)\n")  # a segfault, as a crash in a C library at exit would be
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == -signal.SIGSEGV, done
    assert "Segmentation fault" in done.stderr and "line 4" in done.stderr, done.stderr


def test_leaving_the_process_flushes_logs_and_streams_and_keeps_the_exit_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log_file = tmp_path / "app.log"
    code = ("import logging, sys\n"
            "from videowall.app.shutdown import leave_process\n"
            f"logging.basicConfig(filename={str(log_file)!r}, level=logging.INFO)\n"
            "logging.getLogger('x').info('the last line')\n"
            "sys.stdout.write('unflushed output')\n"
            "leave_process(3)\n"
            "print('never')\n")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False)
    assert child.returncode == 3
    assert child.stdout == "unflushed output"  # a pipe is block-buffered: only the flush wrote it
    assert "the last line" in log_file.read_text()

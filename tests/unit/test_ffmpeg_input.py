"""A URL with credentials reaches ffmpeg on a pipe, never on its command line (real ffmpeg reads it back)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from videowall.ffmpeg_input import FfmpegInput
from videowall.health.picture import grab_command, grab_input

URL = "rtsp://admin:Rahasia%2123@127.0.0.1:1/it's/cam"  # port 1: refused at once, no server needed


def test_without_credentials_the_url_stays_on_the_command_line() -> None:
    source = FfmpegInput("rtsp://127.0.0.1:8554/x", (("rtsp_transport", "tcp"),), (("probesize", "500000"),))
    assert not source.hidden
    assert source.args() == ["-probesize", "500000", "-rtsp_transport", "tcp", "-i", "rtsp://127.0.0.1:8554/x"]
    with source.handed_over() as fd:
        assert fd is None and source.fds(fd) == ()


def test_with_credentials_only_a_pipe_is_named_and_the_pipe_holds_the_url() -> None:
    source = FfmpegInput(URL, (("rtsp_transport", "tcp"),), (("probesize", "500000"),))
    assert source.hidden
    with pytest.raises(ValueError):
        source.args()
    with source.handed_over() as fd:
        assert fd is not None and source.fds(fd) == (fd,)
        args = source.args(fd)
        assert args[-2:] == ["-i", f"pipe:{fd}"] and args[:2] == ["-probesize", "500000"]
        assert not [a for a in args if "Rahasia" in a or "admin" in a]
        script = os.read(fd, 65536).decode()
    with pytest.raises(OSError):
        os.fstat(fd)  # the parent's end is closed once the child has it
    assert script.splitlines() == ["ffconcat version 1.0", "file 'rtsp://admin:Rahasia%2123@127.0.0.1:1/it'\\''s/cam'",
                                   "option probesize '500000'", "option rtsp_transport 'tcp'"]


def test_a_line_break_in_a_url_cannot_add_a_playlist_line() -> None:
    script = FfmpegInput("rtsp://u:p@h/x\noption protocol_whitelist 'file'").script().decode()
    assert len(script.splitlines()) == 2 and "%0A" in script


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_ffmpeg_reads_the_url_from_the_pipe_and_its_messages_are_scrubbed() -> None:
    source = grab_input(URL)
    with source.handed_over() as fd:
        argv = grab_command("ffmpeg", source, fd)
        done = subprocess.run(argv, pass_fds=source.fds(fd), capture_output=True, text=True, timeout=30, check=False)
    assert "Rahasia" not in " ".join(argv)
    assert done.returncode != 0 and "Connection refused" in done.stderr
    assert "Impossible to open 'rtsp://admin:Rahasia%2123@127.0.0.1:1/it's/cam'" in done.stderr  # read it whole
    shown = source.scrub(done.stderr)
    assert "Rahasia" not in shown and "rtsp://admin:***@127.0.0.1:1/it's/cam" in shown
    assert f"pipe:{fd}" not in shown  # ffmpeg's name for the input becomes the (redacted) camera URL


def test_a_url_too_long_for_the_pipe_is_an_os_error_the_tile_can_show() -> None:
    source = FfmpegInput("rtsp://u:p@h/" + "x" * 70_000)
    with pytest.raises(OSError, match="too long"), source.handed_over():
        pass

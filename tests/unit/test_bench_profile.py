"""The bench's CPU split (bench/profile.py): perf and py-spy lines charged to the right kind of work."""

from __future__ import annotations

from bench.profile import GENERIC, library_category, python_category, split_native, split_python

AVCODEC = "/usr/lib/x86_64-linux-gnu/libavcodec.so.59.37.100"
SWSCALE = "/usr/lib/x86_64-linux-gnu/libswscale.so.6.7.100"
PYTHON = "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0"


def _line(tid: int, dso: str, sym: str = "[unknown]") -> str:
    return f"  {tid}      7f74fa57a463 {sym} ({dso})"


def test_libraries_name_the_work() -> None:
    assert library_category(AVCODEC) == "decode"
    assert library_category(SWSCALE) == "scaling and chroma conversion"
    assert library_category("/usr/lib/x86_64-linux-gnu/vlc/plugins/video_chroma/libi420_rgb_plugin.so") == (
        "scaling and chroma conversion")
    assert library_category("/usr/lib/x86_64-linux-gnu/vlc/plugins/demux/libts_plugin.so") == "libVLC demux and core"
    assert library_category(PYTHON) == "Python"
    assert library_category("/work/main/.venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Gui.so.6") == (
        "Qt painting")
    assert library_category("[kernel.kallsyms]") == GENERIC
    assert library_category("/usr/lib/x86_64-linux-gnu/libc.so.6") == GENERIC


def test_kernel_and_libc_samples_go_to_the_threads_role() -> None:
    main = 100
    lines = [
        _line(101, AVCODEC), _line(101, AVCODEC), _line(101, "[kernel.kallsyms]"),  # a decoder thread
        _line(102, SWSCALE), _line(102, "/usr/lib/x86_64-linux-gnu/libc.so.6"), _line(102, PYTHON),  # a vout thread
        _line(main, PYTHON), _line(main, "[kernel.kallsyms]"),
        "not a sample line",
    ]
    split = split_native(lines, main)
    assert split.samples == 8
    assert split.by_category == {"decode": 3, "scaling and chroma conversion": 2, "Python": 2,
                                 "UI thread: kernel and libc": 1}
    assert split.by_role == {"decode threads": 3, "picture threads (scaling, callbacks)": 3, "UI thread": 2}


def test_python_stacks_split_by_our_code() -> None:
    callback = ("CallbackVideoOutput._on_display (videowall/media/frames.py:204);"
                "FrameBuffer.display (videowall/media/frames.py:120)")
    masked = callback + ";burn (videowall/domain/privacy.py:88)"
    paint = ("exec (qasync/__init__.py:400);paintEvent (videowall/ui/tile.py:150);"
             "reading (videowall/media/frames.py:132)")
    watchdog = ("run_forever (asyncio/base_events.py:607);tick (videowall/services/live.py:210);"
                "sample (videowall/media/frames.py:150)")
    loop = "run_forever (asyncio/base_events.py:607);_run_once (asyncio/base_events.py:1900)"
    assert python_category(callback) == "video callbacks (ctypes, GIL)"
    assert python_category(masked) == "masks"
    assert python_category(paint) == "tile painting (Python side)"  # reads a buffer, but it is painting
    assert python_category(watchdog) == "watchdog pixel sampling"
    assert python_category(loop) == "event loop and tasks"
    feed = ("Thread._bootstrap (threading.py:1002);Thread.run (threading.py:982);"
            "CameraFeed._read (videowall/media/feeds.py:233)")
    assert python_category(feed) == "ingest reading and fan-out (media/feeds.py)"
    assert split_python([f"{callback} 7", f"{paint} 3", "garbage", f"{loop} 2", " 825"]) == {
        "video callbacks (ctypes, GIL)": 7, "tile painting (Python side)": 3, "event loop and tasks": 2}

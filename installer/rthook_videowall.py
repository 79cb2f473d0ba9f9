"""PyInstaller runtime hook: point python-vlc, libVLC and videowall at the bundle's own libVLC, plugins
and ffmpeg before anything imports ``vlc``.

Runs first thing in the frozen app. Without it python-vlc would load the system's libVLC (or fail
where none is installed), libVLC would scan the system's plugins, and the app would run the system's
ffmpeg or find none. An operator may still point ``VIDEOWALL_FFMPEG`` at another ffmpeg.
"""

import ctypes
import os
import sys


def _configure() -> None:
    base = getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(sys.executable)))
    if sys.platform == "win32":
        lib = os.path.join(base, "libvlc.dll")
        core = os.path.join(base, "libvlccore.dll")
        plugins = os.path.join(base, "plugins")
        ffmpeg = os.path.join(base, "bin", "ffmpeg.exe")
    else:
        lib = os.path.join(base, "libvlc.so.5")
        core = os.path.join(base, "libvlccore.so.9")
        plugins = os.path.join(base, "vlc", "plugins")
        ffmpeg = os.path.join(base, "bin", "ffmpeg")
    if os.path.exists(lib):
        os.environ["PYTHON_VLC_LIB_PATH"] = lib
        os.environ["PYTHON_VLC_MODULE_PATH"] = plugins
        os.environ["VLC_PLUGIN_PATH"] = plugins
        if sys.platform != "win32" and os.path.exists(core):
            # Load libvlccore by its full path first, so libvlc.so.5's dependency on it resolves to
            # the bundle's copy even where LD_LIBRARY_PATH was not applied.
            ctypes.CDLL(core, mode=ctypes.RTLD_GLOBAL)
    if os.path.exists(ffmpeg):
        if not os.environ.get("VIDEOWALL_FFMPEG"):
            os.environ["VIDEOWALL_FFMPEG"] = ffmpeg
        # Code that runs a bare "ffmpeg" (clips, watermarks) finds the bundle's first, as ffmpeg_path() does.
        bin_dir = os.path.dirname(ffmpeg)
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


_configure()

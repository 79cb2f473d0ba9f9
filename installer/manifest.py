"""What goes into the bundle besides Python: one list read by the PyInstaller spec, the build script and
the unit test, so the three never disagree.

Plain Python with no imports from videowall: the spec runs it inside PyInstaller, the test imports it.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "videowall"
ROOT = Path(__file__).resolve().parents[1]

# libVLC plugins the app needs, as "family/module" (file: lib<module>_plugin.so|.dll). Measured on
# Debian 12's VLC 3.0: ts + avcodec + vmem + swscale + filesystem alone show the wall's streams; the rest
# are cheap insurance for real cameras (H.265, clips saved as MP4/MKV, raw elementary streams).
VLC_PLUGINS: tuple[str, ...] = (
    "access/filesystem",  # fd:// (the ingest pipe) and file:// (saved clips)
    "demux/ts",  # the ingest's MPEG-TS
    "demux/mp4",  # clips (bookmarks) when remuxed to MP4
    "demux/mkv",  # clips when remuxed to Matroska
    "demux/es",  # raw H.264/H.265 elementary streams
    "demux/h26x",
    "codec/avcodec",  # the decoder (H.264, H.265, MJPEG, MPEG-4)
    "packetizer/packetizer_h264",
    "packetizer/packetizer_hevc",
    "packetizer/packetizer_copy",
    "video_output/vmem",  # pictures into our own buffers (libvlc_video_set_callbacks)
    "video_chroma/swscale",  # scale to the tile and convert to RV32 in one step
    "video_chroma/chain",  # two-step conversions when one plugin cannot do it
)
# Windows only: the official VideoLAN build has live555 (RTSP) and its avcodec plugin is self-contained.
VLC_PLUGINS_WINDOWS_EXTRA: tuple[str, ...] = ("access/live555",)

# Qt: only these PySide6 modules are imported (QtSvg for the SVG icons); everything else is excluded.
QT_MODULES: tuple[str, ...] = ("QtCore", "QtGui", "QtWidgets", "QtSvg")
QT_EXCLUDES: tuple[str, ...] = tuple(
    f"PySide6.{m}"
    for m in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtBluetooth",
        "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer",
        "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL",
        "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick", "QtQuick3D",
        "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtNetwork",
    "QtDBus", "QtScxml", "QtSensors",
        "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest",
        "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
        "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
    )
)  # fmt: skip
# Qt plugins kept (directory/file stem); any other file under PySide6/Qt/plugins is dropped.
QT_PLUGINS_KEEP: tuple[str, ...] = (
    "platforms/libqxcb", "platforms/libqoffscreen", "platforms/libqminimal",
    "platforms/qwindows", "platforms/qoffscreen", "platforms/qminimal",
    "xcbglintegrations/libqxcb-glx-integration", "xcbglintegrations/libqxcb-egl-integration",
    "imageformats/libqsvg", "imageformats/libqjpeg", "imageformats/libqico",
    "imageformats/qsvg", "imageformats/qjpeg", "imageformats/qico",
    "iconengines/libqsvgicon", "iconengines/qsvgicon",
    "platforminputcontexts/libcomposeplatforminputcontextplugin",
    "platforminputcontexts/libibusplatforminputcontextplugin",
    "platformthemes/libqxdgdesktopportal",
    "styles/qmodernwindowsstyle", "styles/qwindowsvistastyle",
)  # fmt: skip
QT_TRANSLATIONS_KEEP: tuple[str, ...] = ("_id", "_en")  # Bahasa Indonesia and English

# Python packages that are installed for development only and must never be frozen in.
PY_EXCLUDES: tuple[str, ...] = (
    "tkinter", "_tkinter", "cv2", "ipycam", "gi", "pytest", "_pytest", "mypy", "ruff", "importlinter",
    "grimp", "IPython", "matplotlib", "setuptools", "pip", "pydoc_data", "lib2to3",
    "PyQt5", "PyQt6", "PySide2",  # qasync can drive any of them; only PySide6 is ours
    "pydantic", "pydantic_core",  # yarl mentions it for type checking only
)  # fmt: skip

# Data the app reads at run time, copied to <bundle>/_internal/<dest> (where ui/theme.py looks:
# Path(__file__).parents[2] / "resources" is _internal/resources in a frozen build).
# The evidence export's offline checking page is read with importlib.resources from its package.
DATAS: tuple[tuple[str, str], ...] = (("resources", "resources"),
                                      ("videowall/evidence/verify_page.html", "videowall/evidence"),
                                      # `videowall relay serve` runs it with the system's python3-gi
                                      ("videowall/media/gst_relay_server.py", "videowall/media"))

# Linux sources (Debian 12 packages libvlc5, libvlccore9, vlc-plugin-base, vlc-plugin-video-output, ffmpeg).
LINUX_LIBDIR = Path("/usr/lib/x86_64-linux-gnu")
LINUX_VLC_LIBS: tuple[str, ...] = ("libvlc.so.5", "libvlccore.so.9")
LINUX_VLC_PLUGIN_DIR = LINUX_LIBDIR / "vlc" / "plugins"
LINUX_FFMPEG = Path("/usr/bin/ffmpeg")

# Inside the bundle (relative to _internal): where libVLC looks for plugins next to libvlccore
# (<dir>/vlc/plugins on Linux, <dir>/plugins on Windows) and where ffmpeg lives.
BUNDLE_VLC_PLUGINS_LINUX = "vlc/plugins"
BUNDLE_VLC_PLUGINS_WINDOWS = "plugins"
BUNDLE_BIN = "bin"


def vlc_plugin_files(windows: bool = False) -> list[tuple[str, str]]:
    """(path relative to the VLC plugin dir, family) for every plugin, on the given platform."""
    names = VLC_PLUGINS + (VLC_PLUGINS_WINDOWS_EXTRA if windows else ())
    ext = ".dll" if windows else ".so"
    out = []
    for item in names:
        family, module = item.split("/")
        out.append((f"{family}/lib{module}_plugin{ext}", family))
    return out


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller's Qt hooks collected under PySide6/Qt/{plugins,translations} stays."""
    parts = dest.replace("\\", "/").split("/")
    if "plugins" in parts and parts[:1] == ["PySide6"]:
        rel = "/".join(parts[parts.index("plugins") + 1 :])
        stem = rel.rsplit(".", 1)[0]
        return stem in QT_PLUGINS_KEEP
    if "translations" in parts and parts[:1] == ["PySide6"]:
        return any(tag in parts[-1] for tag in QT_TRANSLATIONS_KEEP)
    return True


def prune_orphans(binaries: list[tuple[str, str, str]], needed_by: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """Drop top-level shared libraries nothing kept still needs.

    PyInstaller collects the dependencies of every Qt plugin before ``keep_qt_file`` drops the plugin,
    so GTK (for the gtk3 theme), Wayland and EGL-FS libraries would stay behind. ``needed_by`` maps
    a destination to the sonames it links (transitively). Roots are what is loaded by path or by
    Python, never as a dependency: Python extensions, Qt and VLC plugins, ffmpeg, libVLC, libpython.
    """
    by_name = {dest.rsplit("/", 1)[-1]: dest for dest, _src, _kind in binaries}

    def is_root(dest: str, kind: str) -> bool:
        name = dest.rsplit("/", 1)[-1]
        return (kind == "EXTENSION" or "/plugins/" in f"/{dest}" or dest.startswith(f"{BUNDLE_BIN}/")
                or name.startswith(("libvlc.", "libvlccore.", "libpython", "libpyside6", "libshiboken6"))
                or ".cpython-" in name or name.endswith(".abi3.so"))  # fmt: skip

    roots = [dest for dest, _src, kind in binaries if is_root(dest, kind)]
    keep: set[str] = set()
    todo = list(roots)
    while todo:
        dest = todo.pop()
        if dest in keep:
            continue
        keep.add(dest)
        todo += [by_name[n] for n in needed_by.get(dest, []) if n in by_name]
    return [entry for entry in binaries if entry[0] in keep]

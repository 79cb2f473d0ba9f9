"""The installer's specs stay consistent without building anything: the PyInstaller spec parses, what it
and the Inno Setup script reference exists, the runtime hook and the manifest agree on the bundle's
layout, and the Qt/plugin filters keep what the app needs. (`make installer-test` runs the real bundle.)
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from videowall.services.selftest import SelftestReport, _verdict
from videowall.tools import ffmpeg_path

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _manifest() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installer_manifest", INSTALLER / "manifest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


manifest = _manifest()


def test_spec_and_scripts_parse() -> None:
    for path in ("videowall.spec", "manifest.py", "entry.py", "rthook_videowall.py", "linux/build.py",
                 "linux/smoke_test.py"):  # fmt: skip
        ast.parse((INSTALLER / path).read_text(encoding="utf-8"), filename=path)


def test_spec_references_existing_files() -> None:
    spec = (INSTALLER / "videowall.spec").read_text(encoding="utf-8")
    for name in ("entry.py", "rthook_videowall.py"):
        assert f'"installer" / "{name}"' in spec
        assert (INSTALLER / name).is_file()
    for src, _dest in manifest.DATAS:
        assert (ROOT / src).exists(), src  # a folder, or one file (the evidence verify page)
    for icon in ("videowall.svg", "videowall.png", "videowall.ico"):
        assert (ROOT / "resources" / "icons" / icon).is_file(), icon


@pytest.mark.skipif(not Path("/usr/lib/x86_64-linux-gnu/libvlc.so.5").exists(), reason="no Debian libVLC here")
def test_linux_media_sources_exist() -> None:
    for name in manifest.LINUX_VLC_LIBS:
        assert (manifest.LINUX_LIBDIR / name).exists(), name
    for rel, _family in manifest.vlc_plugin_files(windows=False):
        assert (manifest.LINUX_VLC_PLUGIN_DIR / rel).is_file(), rel
    assert manifest.LINUX_FFMPEG.is_file()


def test_runtime_hook_matches_the_bundle_layout() -> None:
    hook = (INSTALLER / "rthook_videowall.py").read_text(encoding="utf-8")
    linux_plugins = '", "'.join(manifest.BUNDLE_VLC_PLUGINS_LINUX.split("/"))
    assert f'os.path.join(base, "{linux_plugins}")' in hook
    assert f'os.path.join(base, "{manifest.BUNDLE_VLC_PLUGINS_WINDOWS}")' in hook
    assert f'os.path.join(base, "{manifest.BUNDLE_BIN}", "ffmpeg")' in hook
    assert 'os.environ["PATH"] = bin_dir' in hook  # a bare "ffmpeg" (clips, watermarks) is the bundle's
    for name in manifest.LINUX_VLC_LIBS:
        assert name in hook
    for var in ("PYTHON_VLC_LIB_PATH", "PYTHON_VLC_MODULE_PATH", "VLC_PLUGIN_PATH", "VIDEOWALL_FFMPEG"):
        assert f'"{var}"' in hook


def test_inno_setup_script_references_what_the_spec_produces() -> None:
    iss = (INSTALLER / "windows" / "videowall.iss").read_text(encoding="utf-8")
    here = INSTALLER / "windows"
    bundle = re.search(r'#define Bundle "([^"]+)"', iss)
    assert bundle is not None
    # PyInstaller's --distpath in build.ps1 is installer\dist; COLLECT's name is the app name.
    assert (here / bundle.group(1).replace("\\", "/")).resolve() == INSTALLER / "dist" / manifest.APP_NAME
    sources = re.findall(r'^Source: "\{#Bundle\}\\([^"]+)"', iss, flags=re.M)
    assert f"{manifest.APP_NAME}.exe" in sources and f"{manifest.APP_NAME}-cli.exe" in sources
    assert "_internal\\*" in sources
    spec = (INSTALLER / "videowall.spec").read_text(encoding="utf-8")
    assert 'executable(manifest.APP_NAME + "-cli", console=True)' in spec
    icon = re.search(r"^SetupIconFile=(.+)$", iss, flags=re.M)
    assert icon is not None and (here / icon.group(1).strip().replace("\\", "/")).is_file()
    assert f'Name: "{{app}}\\_internal\\{manifest.BUNDLE_VLC_PLUGINS_WINDOWS}"' in iss
    ps1 = (here / "build.ps1").read_text(encoding="utf-8")
    assert "--distpath installer\\dist" in ps1 and "installer\\videowall.spec" in ps1
    assert "installer\\windows\\videowall.iss" in ps1


def test_windows_plugins_include_rtsp() -> None:
    files = dict(manifest.vlc_plugin_files(windows=True))
    assert "access/liblive555_plugin.dll" in files
    assert "codec/libavcodec_plugin.dll" in files


def test_desktop_file_and_control_template() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(INSTALLER / "linux" / "videowall.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == "videowall"
    assert entry["Exec"].split()[0] == "videowall"
    control = (INSTALLER / "linux" / "control.in").read_text(encoding="utf-8")
    for field in ("{version}", "{depends}", "{installed_size}", "{maintainer}"):
        assert field in control
    assert "python" not in control.split("Depends:", 1)[1].splitlines()[0]


def test_qt_filter_keeps_what_the_app_needs() -> None:
    keep = manifest.keep_qt_file
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
    assert not keep("PySide6/Qt/plugins/platforms/libqwayland.so")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert keep("PySide6/Qt/translations/qtbase_id.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert keep("vlc/plugins/codec/libavcodec_plugin.so")
    assert keep("resources/styles/dark.qss")


def test_prune_orphans_drops_what_only_dropped_plugins_needed() -> None:
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/x/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/x/libgtk-3.so.0", "BINARY"),  # its plugin (gtk3 theme) was filtered out
        ("libvlc.so.5", "/x/libvlc.so.5", "BINARY"),
        ("libvlccore.so.9", "/x/libvlccore.so.9", "BINARY"),
        ("bin/ffmpeg", "/usr/bin/ffmpeg", "BINARY"),
        ("libavformat.so.59", "/x/libavformat.so.59", "BINARY"),
    ]
    needs = {
        "PySide6/Qt/plugins/platforms/libqxcb.so": ["libxcb-cursor.so.0"],
        "libvlc.so.5": ["libvlccore.so.9"],
        "bin/ffmpeg": ["libavformat.so.59"],
    }
    kept = {dest for dest, _src, _kind in manifest.prune_orphans(binaries, needs)}
    assert "libgtk-3.so.0" not in kept
    assert {"libxcb-cursor.so.0", "libvlccore.so.9", "libavformat.so.59", "bin/ffmpeg"} <= kept


def test_ffmpeg_path_prefers_the_bundle() -> None:
    assert ffmpeg_path({"VIDEOWALL_FFMPEG": "/opt/videowall/_internal/bin/ffmpeg"}).endswith("bin/ffmpeg")
    assert ffmpeg_path({"PATH": "/nonexistent"}) == "ffmpeg"


def test_selftest_verdict_rejects_system_libraries_in_a_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/videowall/_internal", raising=False)
    report = SelftestReport(url="rtsp://x", frozen=True, displayed_fps=25.0,
                            ffmpeg="/opt/videowall/_internal/bin/ffmpeg",
                            libraries={"libvlc.so": "/usr/lib/x86_64-linux-gnu/libvlc.so.5"})  # fmt: skip
    ok, message = _verdict(report, [])
    assert not ok and "libvlc.so" in message
    report.libraries = {"libvlc.so": "/opt/videowall/_internal/libvlc.so.5"}
    assert _verdict(report, []) == (True, "ok")
    assert not _verdict(report, ["ended: eof"])[0]

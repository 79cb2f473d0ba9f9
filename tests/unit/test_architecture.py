"""The architecture rules are checked, not hoped for: layers, lint, file sizes."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / tool
    cmd = [str(exe) if exe.exists() else (shutil.which(tool) or tool), *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_import_layers() -> None:
    result = run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_clean() -> None:
    result = run("ruff", "check", "videowall", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_god_modules() -> None:
    big = [f"{p.relative_to(ROOT)} ({n} lines)" for p in (ROOT / "videowall").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert not big, big


def test_cli_logging_owns_the_root_handlers(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A library's import-time basicConfig must not put INFO logs on stderr."""
    import logging

    from videowall import cli

    monkeypatch.setenv("VIDEOWALL_HOME", str(tmp_path))
    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        cli.build_parser()  # imports every subcommand, onvif included
        cli._setup_logging(0)
        streams = [h for h in root.handlers if type(h) is logging.StreamHandler]
        assert len(streams) == 1 and streams[0].level == logging.WARNING
    finally:
        for h in list(root.handlers):
            root.removeHandler(h)
        for h in saved:
            root.addHandler(h)


def test_console_and_cli_start_without_the_onvif_stack() -> None:
    """onvif-zeep-async, zeep and aiohttp cost about a second of imports: only PTZ use loads them."""
    code = ("import sys, videowall.cli as c, videowall.app, videowall.ui.main_window; c.build_parser(); "
            "print(sorted(m for m in ('onvif', 'zeep', 'aiohttp') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout

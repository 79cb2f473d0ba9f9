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


def _calls_in(package: str, needle: str) -> list[str]:
    return [f"{p.relative_to(ROOT)}:{i}: {line.strip()}" for p in sorted((ROOT / "videowall" / package).rglob("*.py"))
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if needle in line]


def test_ui_and_app_never_wait_on_a_future() -> None:
    """Work the UI waits for goes through the background-work API (services/operations.py): its outcome comes
    back on the UI loop. A ``.result(`` in ``ui/`` or the composition root would block the UI thread (or, in a
    done-callback, read a future the API already reads)."""
    found = _calls_in("ui", ".result(") + _calls_in("app", ".result(")
    assert not found, found


def test_the_composition_root_is_typed() -> None:
    """No attribute patched onto a window, no ``type: ignore``, no ``object``-typed window in videowall/app/."""
    found = (_calls_in("app", "type: ignore") + _calls_in("app", "window: object") + _calls_in("app", "getattr(window")
             + _calls_in("ui", "getattr(window") + _calls_in("ui", "getattr(self,"))
    assert not found, found


LEAF_HELPERS = {"allocator", "config", "ffmpeg_input", "i18n_tools", "private_files", "tools"}


def test_every_module_is_inside_a_layer() -> None:
    """Every part of videowall is inside an import-linter layer, but for a few leaf helpers that import no
    other part (paths, port allocation, the ffmpeg command line): a new feature cannot slip outside."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    covered = {name.strip().removeprefix("videowall.") for layer in layers
               for name in layer.replace(":", "|").split("|")}
    outside = sorted(p.stem if p.is_file() else p.name for p in (ROOT / "videowall").iterdir()
                     if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
                     and p.stem not in covered and p.stem not in ("__init__", "__main__"))
    assert set(outside) <= LEAF_HELPERS, outside

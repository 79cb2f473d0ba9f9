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

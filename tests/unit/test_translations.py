"""Bahasa Indonesia: every text of the main windows is translated, in the .ts file and on screen.

1. The committed videowall_id.ts is current (lupdate over videowall/ finds no text that it lacks) and
   has no unfinished or empty translation in any context; placeholders (%1, %n ...) survive translation.
   Per window, tests/unit/test_indonesian_windows.py reads what each window shows for English words.
2. At run time, with the Indonesian translator installed, the console, the shortcut sheet, the
   presentation picker and a briefing slide are walked: no visible text may still be its English source
   (unless the translation is identical by design: PTZ, Online, ...).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction

from videowall.domain.access import SYSTEM_USER

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "videowall_id.ts"
QM = ROOT / "resources" / "translations" / "videowall_id.qm"
SAME_BY_DESIGN = {"PTZ", "RTSP", "ONVIF", "OK", "Online", "Offline", "Operator", "Monitor", "Stream", "Zoom +",
                  "Zoom −", "CSV (*.csv);;JSON (*.json)", "Preset", "Filter", "Tag", "Slide"}
PLACEHOLDER = re.compile(r"%L?(?:\d|n)|%v|%m")  # %Ln: the count in the locale's digits (4.627)


def messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            yield name, msg.findtext("source") or "", msg


def test_indonesian_ts_is_complete_for_the_main_windows() -> None:
    """Every message of every context (windows, dialogs, Qt's own dialogs), not only the main windows'."""
    problems = []
    for ctx, src, msg in messages(TS):
        tr = msg.find("translation")
        text = tr.text if tr is not None else None
        if tr is not None and msg.get("numerus") == "yes":  # tr(..., n): one form per plural (Indonesian: one)
            forms = [f.text or "" for f in tr.findall("numerusform")]
            text = forms[0] if forms and all(f.strip() for f in forms) else ""
        if tr is None or tr.get("type") in ("unfinished",) or not (text or "").strip():
            problems.append(f"{ctx}: {src!r} has no Indonesian translation")
        elif sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text or "")):
            problems.append(f"{ctx}: {src!r} -> {text!r} loses a placeholder")
    assert not problems, "run `make translations` and translate:\n" + "\n".join(problems)
    assert QM.exists() and QM.stat().st_size > 1000, "compiled .qm missing: run `make translations`"


def test_ts_knows_every_text_in_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "videowall").rglob("*.py"))
    subprocess.run([str(lupdate), "-locations", "none", *sources, "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=60)
    committed = {(c, s) for c, s, _m in messages(TS)}
    missing = [f"{c}: {s!r}" for c, s, _m in messages(fresh) if (c, s) not in committed]
    assert not missing, "texts not in videowall_id.ts yet (run `make translations`):\n" + "\n".join(missing)


@pytest.fixture()
def indonesian() -> Iterator[Any]:
    from videowall.ui.language import Language

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    before = QLocale()
    language = Language(app)
    assert language.install("id")
    yield language
    language.install("en")
    QLocale.setDefault(before)  # other tests read English


def untranslated(root: QtWidgets.QWidget) -> list[str]:
    """Visible texts that are still the English source of a message translated differently."""
    english = {s for _c, s, m in messages(TS)
               if (m.findtext("translation") or "") not in ("", s)} - SAME_BY_DESIGN
    found: list[str] = []

    def check(text: str, where: str) -> None:
        plain = text.replace("&", "")
        if plain in english:
            found.append(f"{where}: {plain!r}")

    for w in [root, *root.findChildren(QtWidgets.QWidget)]:
        if not w.isVisibleTo(root) and w is not root and not isinstance(w, QtWidgets.QMenu):
            continue
        check(w.windowTitle(), type(w).__name__)
        check(w.toolTip(), type(w).__name__ + " tooltip")
        for attr in ("text", "title", "placeholderText"):
            get = getattr(w, attr, None)
            if callable(get):
                try:
                    value = get()
                except TypeError:
                    continue
                if isinstance(value, str):
                    check(value, f"{type(w).__name__}.{attr}")
        for act in w.actions():
            check(act.text(), "action")
            check(act.toolTip(), "action tooltip")
    for act in root.findChildren(QAction):
        check(act.text(), "action")
    return sorted(set(found))


def test_console_and_dialogs_show_no_english_in_indonesian(indonesian: Any, tmp_path: Path) -> None:
    from tests.unit.console_rig import console
    from videowall.storage.writer import DatabaseWriter
    from videowall.ui.briefing_picker import BriefingPicker
    from videowall.ui.shortcuts import ShortcutSheet

    writer = DatabaseWriter(tmp_path / "t.db")
    writer.start()
    try:
        window = console(tmp_path, writer, indonesian)
        briefings = window.briefings
        window.show()
        problems = untranslated(window)
        sheet = ShortcutSheet(window)
        problems += untranslated(sheet)
        picker = BriefingPicker(briefings.service, lambda _n: None, lambda: SYSTEM_USER, window)
        problems += untranslated(picker)
        assert not problems, "English on the Indonesian console:\n" + "\n".join(problems)
        assert "Tata letak" in [b.text() for b in window.findChildren(QtWidgets.QToolButton)]
        # switching language without a restart: the toolbar and menus follow
        indonesian.switch("en")
        texts = {b.text() for b in window.findChildren(QtWidgets.QToolButton)}
        assert {"Layouts", "Monitors", "Language"} <= texts, texts
        indonesian.switch("id")
        texts = {b.text() for b in window.findChildren(QtWidgets.QToolButton)}
        assert {"Tata letak", "Monitor", "Bahasa"} <= texts, texts
        window.close()
    finally:
        writer.stop()


def test_briefing_slide_in_indonesian(indonesian: Any) -> None:
    from videowall.domain.briefing import Briefing, Slide, SlideKind
    from videowall.services.briefing_service import BriefingGuard
    from videowall.ui.presentation import PresentationParts, PresentationWindow

    def failed(_fn: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_exception(RuntimeError("no data"))
        return f

    parts = PresentationParts(SimpleNamespace(dashboard=lambda: None), BriefingGuard(None),  # type: ignore[arg-type]
                              lambda _c: None, lambda _n: None, failed, lambda fn: fn(), lang="id")
    window = PresentationWindow(Briefing("b", "", (Slide(SlideKind.KPI), Slide(SlideKind.AVAILABILITY))), parts)
    window.show()
    assert window.bar.title.endswith("Angka utama") and window.bar.position == "Tayangan 1 dari 2"
    assert not untranslated(window)
    window.go(+1)
    window.go(+1)
    assert "Paparan selesai." in window._pages["end"].text  # type: ignore[attr-defined]
    window.close()

"""The UI language: install Qt translators (.qm from resources/translations) and retranslate live.

Widgets translate with ``self.tr()`` when they are built or painted. Switching without a restart
works by walking every window's actions, buttons, labels and titles: the text shown now is looked up
in the .ts tables (Indonesian -> English source), then translated into the new language. Painted
texts (tile overlays, slides) follow at their next repaint. Texts composed at run time ("Live 3 of 4",
dynamic menus) refresh when next updated; dialogs already open keep their language until reopened.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from videowall.domain.i18n import normalise
from videowall.ui.theme import RESOURCES

log = logging.getLogger(__name__)
TRANSLATIONS = RESOURCES / "translations"


def load_table(ts: Path) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """(translation -> (context, source), source -> contexts) for the finished messages of a .ts file."""
    table: dict[str, tuple[str, str]] = {}
    sources: dict[str, list[str]] = {}
    if not ts.exists():
        return table, sources
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            src = msg.findtext("source") or ""
            if tr is not None and tr.text and tr.get("type") not in ("unfinished", "vanished", "obsolete"):
                table.setdefault(tr.text, (name, src))
                sources.setdefault(src, []).append(name)
    return table, sources


def ui_lang() -> str:
    """'id' or 'en': the language the UI shows now (Language.install sets QLocale's default)."""
    return normalise(QLocale().name())


def number(value: float, decimals: int = 0) -> str:
    """A count or measure in the UI's locale: 4.627 and 67,7 in Indonesian, 4,627 and 67.7 in English."""
    return QLocale().toString(float(value), "f", decimals) if decimals else QLocale().toString(int(value))


def percent(ratio: float | None, decimals: int = 1) -> str:
    """67,7 % in Indonesian (a space before the sign, as Indonesian writes it), 67.7% in English."""
    if ratio is None:
        return "-"
    sign = " %" if ui_lang() == "id" else "%"
    return number(ratio * 100, decimals) + sign


class Language:
    """Owns the installed translators; ``switch`` changes language and retranslates open windows."""

    def __init__(self, app: QCoreApplication, translations: Path = TRANSLATIONS) -> None:
        self._app = app
        self._dir = translations
        self._translators: list[QTranslator] = []
        self.code = "en"
        self._reverse: dict[str, tuple[str, str]] = {}
        self._sources: dict[str, list[str]] = {}  # English source -> the contexts that use it

    def install(self, code: str) -> bool:
        """Load videowall_<code>.qm (and Qt's own qtbase_<code>.qm for standard buttons)."""
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        self.code = normalise(code)
        QLocale.setDefault(QLocale("id_ID" if self.code == "id" else "en_GB"))  # numbers and dates in Qt widgets
        ok = True
        for name, folder in ((f"videowall_{self.code}", str(self._dir)),
                             (f"qtbase_{self.code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
            translator = QTranslator(self._app)
            if translator.load(name, folder):
                self._app.installTranslator(translator)
                self._translators.append(translator)
            elif name.startswith("videowall") and self.code != "en":
                log.warning("no translation %s in %s", name, folder)
                ok = False
        self._reverse, self._sources = load_table(self._dir / "videowall_id.ts")
        return ok

    def source_of(self, text: str) -> tuple[str, str] | None:
        """(context, English source) of a text shown now, when it came from a translation."""
        return self._reverse.get(text)

    def contexts_of(self, source: str) -> list[str]:
        return self._sources.get(source, [])

    def switch(self, code: str) -> None:
        self.install(code)
        for top in QApplication.topLevelWidgets():
            retranslate(top, self)


def _again(text: str, language: Language) -> str | None:
    """``text`` in the current language, if it is a known translation or an English source."""
    if not text:
        return None
    found = language.source_of(text)
    if found is not None:
        return QCoreApplication.translate(found[0], found[1])
    for context in language.contexts_of(text):
        new = QCoreApplication.translate(context, text)
        if new != text:
            return new
    return None


def retranslate(root: QWidget, language: Language) -> None:
    """Re-set the texts of ``root``'s widgets and actions in the current language (see module doc)."""
    def fix(get: str, set_: str, obj: object) -> None:
        new = _again(getattr(obj, get)(), language)
        if new is not None:
            getattr(obj, set_)(new)

    widgets: list[QWidget] = [root, *root.findChildren(QWidget)]
    for w in widgets:
        fix("windowTitle", "setWindowTitle", w)
        if isinstance(w, QAbstractButton | QLabel):
            fix("text", "setText", w)
        if isinstance(w, QGroupBox):
            fix("title", "setTitle", w)
        if isinstance(w, QMenu):
            fix("title", "setTitle", w)
        if isinstance(w, QLineEdit):
            fix("placeholderText", "setPlaceholderText", w)
        if isinstance(w, QDockWidget):
            fix("windowTitle", "setWindowTitle", w)
        fix("toolTip", "setToolTip", w)
        for act in w.actions():
            fix("text", "setText", act)
            fix("toolTip", "setToolTip", act)
        w.update()

"""Find English in an Indonesian window: every text its widgets show, read from the widgets (not OCR).

The English vocabulary is the app's own: every word of every source text in videowall_id.ts (what the
code says in English), plus common English words a text written without tr() would use. A word passes
when the glossary (docs/glossary-id.md) adopts it into Bahasa Indonesia (PTZ, RTSP, online, video ...)
or it is a key name in a shortcut. Texts read: window titles, labels, buttons, group boxes, line edit
placeholders, tool tips, actions and menus (opened or not), tab bars, combo box items, item views'
headers and cells, and tree items.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "videowall_id.ts"

# Words Bahasa Indonesia uses as they are (the glossary's "kept" column), codes and names.
_ADOPTED = """
administrator admin aktif alarm audit codec csv json pdf png jpeg jpg zip sha srt rtsp http https onvif ptz lan
wan multicast unicast log manifest motor offline online ok operator preset port server status supervisor url
valid video videowall zoom pan tilt data id folder host tag firewall ip tcp udp dvr nvr cctv hd fps kbps mbps ms
utc wib wita wit qr tls cpu gpu sqlite vlc ffmpeg h hevc mjpeg mp ts mpeg rt rw lp ab e g n s m v k x kecamatan
kelurahan kiri nonaktif lajur alias xml monitor total normal format media menu area sinyal unit demo tab web api pc
joystick usb sdl pysdl
"""
ADOPTED = frozenset(_ADOPTED.split())
_KEY_WORDS = """
ctrl shift alt enter esc delete home end pgup pgdown page up down left right tab f space
"""
KEY_WORDS = frozenset(_KEY_WORDS.split())
KEY_TEXT = re.compile(r"^(?:(?:Ctrl|Shift|Alt)\+)*[A-Z0-9]\b|^(?:Ctrl|Shift|Alt)\+|^(?:Page ?(?:Up|Down)|PgUp|PgDown|"
                      r"Enter|Esc|Delete|Home|F\d+)\b")
# Common English a hard-coded text would contain even if the app's sources never say it.
_COMMON = """
the of and or to in on at by for from with without is are was were be been not no yes this that these those it
its row rows read line lines file files camera cameras error failed found unknown none all any some more less
than new open close save cancel delete remove add edit name type size date time main sub stream streams live
dark reason reasons code codes report reports page pages slide slides sheet unreachable unsupported login
password user users role roles review reviews case cases note notes export import settings help about loading
please wait
"""
COMMON = frozenset(_COMMON.split())
URLISH = re.compile(r"\b(?:Ctrl|Shift|Alt)\+[\w+,.]+|\b[a-z][a-z0-9+.-]*://\S*|\S+@\S+|\(\*\.[^)]*\)|\*\.\w+|"
                    r"%\w|<[^>]+>|&\w+;|\b[\w-]+\.(?:csv|json|pdf|png|db|ts|mp4|jpg|html)\b|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b|"
                    r"\b[0-9a-f]{12,}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){2,}\b|"  # hashes, key fingerprints
                    r"(?:\b|/)[\w.-]+(?:/[\w.-]*)+")  # ... and paths
WORD = re.compile(r"[A-Za-z]+")
# Keys named in running text as their keycaps say (Indonesian keyboards are labelled in English).
KEY_NAMES = re.compile(r"\b(?:Page ?(?:Up|Down)|PgUp|PgDown|Enter|Esc|Home|F\d+)\b")


def english_vocabulary(ts: Path = TS) -> frozenset[str]:
    words: set[str] = set(COMMON)
    for msg in ET.parse(ts).getroot().iter("message"):
        words |= {w.lower() for w in WORD.findall(URLISH.sub(" ", msg.findtext("source") or ""))}
    return frozenset(w for w in words if len(w) > 1) - ADOPTED


def english_in(text: str, vocabulary: frozenset[str], allowed: Iterable[str] = ()) -> list[str]:
    """The English words of ``text`` (a proper name in ``allowed`` is removed first)."""
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    for name in sorted(allowed, key=len, reverse=True):
        plain = plain.replace(name, " ")
    plain = KEY_NAMES.sub(" ", URLISH.sub(" ", plain))
    keyish = KEY_TEXT.match(plain.strip()) is not None
    found = []
    for word in WORD.findall(plain):
        low = word.lower()
        if low in vocabulary and not (keyish and low in KEY_WORDS):
            found.append(word)
    return found


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None, depth: int = 0) -> Iterator[str]:
    parent = parent if parent is not None else QModelIndex()
    rows, cols = model.rowCount(parent), model.columnCount(parent)
    if depth == 0:
        for c in range(cols):
            yield str(model.headerData(c, Qt.Orientation.Horizontal) or "")
    for r in range(min(rows, 200)):
        for c in range(cols):
            index = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            if c == 0 and depth < 3 and model.rowCount(index) > 0:
                yield from _model_texts(model, index, depth + 1)


def _view_texts(view: QtWidgets.QAbstractItemView) -> Iterator[str]:
    if isinstance(view, QtWidgets.QTreeWidget):
        header = view.headerItem()
        yield from (header.text(c) for c in range(header.columnCount()))
        stack = [view.topLevelItem(i) for i in range(view.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield from (t for c in range(item.columnCount()) for t in (item.text(c), item.toolTip(c)))
            stack += [item.child(i) for i in range(item.childCount())]
    elif isinstance(view, QtWidgets.QTableWidget):
        for c in range(view.columnCount()):
            head = view.horizontalHeaderItem(c)
            yield head.text() if head is not None else ""
        for r in range(min(view.rowCount(), 200)):
            for c in range(view.columnCount()):
                item = view.item(r, c)
                if item is not None:
                    yield item.text()
                    yield item.toolTip()
    elif isinstance(view, QtWidgets.QListWidget):
        for i in range(view.count()):
            yield view.item(i).text()
            yield view.item(i).toolTip()
    elif isinstance(view, QtWidgets.QHeaderView):
        return
    elif view.model() is not None:
        yield from _model_texts(view.model(), view.rootIndex())


def texts(root: QtWidgets.QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything ``root`` and its children show, hidden menus included."""
    seen_menus: set[int] = set()

    def menu_texts(menu: QtWidgets.QMenu, where: str) -> Iterator[tuple[str, str]]:
        if id(menu) in seen_menus:
            return
        seen_menus.add(id(menu))
        menu.aboutToShow.emit()  # menus filled when opened (layouts, tours) fill now
        yield where, menu.title()
        for act in menu.actions():
            yield f"{where} > action", act.text()
            yield f"{where} > tooltip", act.toolTip() if act.toolTip() != act.text().replace("&", "") else ""
            if act.menu() is not None:
                yield from menu_texts(act.menu(), f"{where} > {act.text()}")

    for w in [root, *root.findChildren(QtWidgets.QWidget)]:
        kind = type(w).__name__
        if w is not root and not w.isVisibleTo(root) and not isinstance(w, QtWidgets.QMenu):
            continue
        yield kind, w.windowTitle() if w.isWindow() or isinstance(w, QtWidgets.QDockWidget) else ""
        yield f"{kind} tooltip", w.toolTip()
        if isinstance(w, QtWidgets.QLabel | QtWidgets.QAbstractButton):
            yield kind, w.text()
        if isinstance(w, QtWidgets.QGroupBox):
            yield kind, w.title()
        if isinstance(w, QtWidgets.QLineEdit):
            yield f"{kind} placeholder", w.placeholderText()
        if isinstance(w, QtWidgets.QPlainTextEdit | QtWidgets.QTextEdit):
            yield f"{kind} placeholder", w.placeholderText()
        if isinstance(w, QtWidgets.QComboBox):
            yield from ((f"{kind} item", w.itemText(i)) for i in range(w.count()))
        if isinstance(w, QtWidgets.QTabBar):
            yield from ((f"{kind} tab", w.tabText(i)) for i in range(w.count()))
        if isinstance(w, QtWidgets.QStatusBar):
            yield kind, w.currentMessage()
        if isinstance(w, QtWidgets.QProgressBar):
            yield kind, w.text()
        if isinstance(w, QtWidgets.QAbstractItemView):
            yield from ((f"{kind} item", t) for t in _view_texts(w))
        if isinstance(w, QtWidgets.QMenu):
            yield from menu_texts(w, "menu")
        if isinstance(w, QtWidgets.QToolButton) and w.menu() is not None:
            yield from menu_texts(w.menu(), f"menu {w.text()}")
        for act in w.actions():
            yield f"{kind} action", act.text()
            yield f"{kind} action tooltip", act.toolTip()
            if act.menu() is not None:
                yield from menu_texts(act.menu(), f"menu {act.text()}")
    if isinstance(root, QtWidgets.QMainWindow):
        for act in root.menuBar().actions():
            if act.menu() is not None:
                yield from menu_texts(act.menu(), f"menubar {act.text()}")


def english_texts(root: QtWidgets.QWidget, allowed: Iterable[str] = (),
                  vocabulary: frozenset[str] | None = None) -> list[str]:
    words = vocabulary if vocabulary is not None else english_vocabulary()
    names = tuple(allowed)
    problems = []
    for where, text in texts(root):
        for line in (text or "").splitlines():
            bad = english_in(line, words, names)
            if bad:
                problems.append(f"{type(root).__name__} / {where}: {line.strip()[:120]!r} ({', '.join(bad)})")
    return sorted(set(problems))

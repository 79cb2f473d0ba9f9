"""What each stream state means is said once, on StreamState, and every state has a style with words
in both languages: a new state that is forgotten somewhere fails here."""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import QLocale, QRect
from PySide6.QtGui import QColor, QImage, QPainter

from videowall.domain.alerts import TileAlerts
from videowall.domain.health import AlertKind
from videowall.domain.stream_state import StreamState as S

DARK = {S.OFFLINE, S.NO_VIDEO, S.FROZEN, S.QUARANTINED}
BLOCKED = {S.DISABLED, S.QUARANTINED, S.NOT_PERMITTED, S.LOCKED, S.NEEDS_REFERENCE}


def test_each_state_says_what_it_means() -> None:
    assert {s for s in S if s.dark} == DARK
    assert {s for s in S if s.blocked} == BLOCKED
    assert {s for s in S if s.shows_nothing} == DARK | BLOCKED  # what a tour skips
    assert not any(s.paints_picture for s in BLOCKED)  # a withheld camera never paints
    assert not any(s.shows_last_picture for s in BLOCKED)
    assert {s for s in S if s.connecting} == {S.CONNECTING, S.RECONNECTING}
    assert S.LIVE.paints_picture and not S.LIVE.dark and not S.LIVE.has_headline


def test_alerts_and_tours_agree_on_dark() -> None:
    """The alert a tile raises and the camera a tour skips follow the same definition."""
    from videowall.domain.camera import Camera
    from videowall.services.wall_control import StateBook

    for state in S:
        book = StateBook()
        book.states["C1"], book.seen_at["C1"] = state, 0.0
        skipped = book.dark(Camera("C1", "One", main_url="rtsp://127.0.0.1/x"), now=1.0)
        assert skipped == state.shows_nothing, state
        tile = TileAlerts()
        tile.update(0, "C1", S.LIVE)
        assert (tile.update(0, "C1", state) is AlertKind.WENT_DARK) == state.dark, state


@pytest.fixture()
def qapp() -> Any:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def test_every_state_has_a_style_and_words_in_both_languages(qapp: Any) -> None:
    from videowall.ui.language import Language
    from videowall.ui.state_style import STATE_STYLE

    assert set(STATE_STYLE) == set(S)
    image = QImage(24, 24, QImage.Format.Format_ARGB32)
    for state, style in STATE_STYLE.items():
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        style.paint_icon(painter, QRect(0, 0, 24, 24))
        painter.end()
        assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24)), state  # an icon is drawn
    faults = [style for state, style in STATE_STYLE.items() if not state.blocked]
    assert len({style.shape for style in faults}) == len(faults)  # never colour alone: each its own shape
    before = QLocale()
    language = Language(qapp)
    try:
        assert language.install("id")
        words = {state: style.headline(qapp) for state, style in STATE_STYLE.items()}
        same = [s for s, w in words.items() if w == STATE_STYLE[s].label.upper() and s is not S.OFFLINE]
        assert not same, words  # "Offline" is an Indonesian word too
    finally:
        language.install("en")
        QLocale.setDefault(before)

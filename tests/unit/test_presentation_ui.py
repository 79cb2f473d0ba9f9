"""Presentation mode offscreen: a briefing stepped from start to end with the clicker's keys."""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.figures import Figures
from videowall.services.briefing_service import BriefingGuard
from videowall.ui.briefing_slides import KpiCard
from videowall.ui.presentation import PresentationParts, PresentationWindow


@pytest.fixture(scope="module")
def qapp() -> Any:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def done(value: Any) -> Future[Any]:
    f: Future[Any] = Future()
    f.set_result(value)
    return f


class FakeService:
    def dashboard(self) -> Any:
        raise RuntimeError("no database in this test")  # slides must still show

    def clip_path(self, _bookmark: int) -> Future[Path | None]:
        return done(None)


def parts() -> PresentationParts:
    return PresentationParts(
        service=FakeService(), guard=BriefingGuard(None), camera=lambda _cid: None,  # type: ignore[arg-type]
        load_layout=lambda _n: done(None), run_blocking=lambda fn: _run(fn), post=lambda fn: fn(),
    )


def _run(fn: Any) -> Future[Any]:
    f: Future[Any] = Future()
    try:
        f.set_result(fn())
    except Exception as exc:
        f.set_exception(exc)
    return f


BRIEFING = Briefing("t", "Test briefing", (
    Slide(SlideKind.KPI), Slide(SlideKind.HEALTH_MAP), Slide(SlideKind.AVAILABILITY),
    Slide(SlideKind.CAMERAS, layout="2x2", cameras=("A",)), Slide(SlideKind.CLIP, bookmark_id=3),
))


def test_keys_step_through_to_the_end_card_and_start_again(qapp: Any) -> None:
    window = PresentationWindow(BRIEFING, parts())
    seen: list[int] = []
    window.slide_changed.connect(seen.append)
    window.resize(1280, 720)
    window.show()
    assert window.index == 0
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_PageDown):
        QTest.keyClick(window, key)
    assert seen == [1, 2, 3, 4, -1] and window.index is None  # past the last slide: the end card
    QTest.keyClick(window, Qt.Key.Key_PageUp)
    assert window.index == 4  # back from the end card: the last slide
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    assert window.index == 0  # from the end card: start again
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert window.index == 0  # a stray PageUp on the first slide does not end the briefing
    closed: list[bool] = []
    window.on_closed.append(lambda: closed.append(True))
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert closed == [True] and not window.isVisible()


def test_slides_without_their_feature_show_a_card_not_an_error(qapp: Any) -> None:
    window = PresentationWindow(BRIEFING, parts())
    window.show_slide(3)  # cameras, but no wall factory given
    assert "nowall" in window._pages
    window.show_slide(4)  # a clip, but no libVLC view given
    assert "noclip" in window._pages
    window.close()


def test_kpi_card_uses_the_language_for_numbers(qapp: Any) -> None:
    card = KpiCard("id")
    card.set_figures(Figures(at=1_800_000_000.0, cameras=4627, live=4000, dark=280, unchecked=347,
                             online_ratio=0.9345, dark_long=12, availability=0.7423,
                             period_start=1_800_000_000.0 - 86400, last_check=None))  # fmt: skip
    values = [c[0] for c in card.cells()]
    assert values == ["4.627", "93,5 %", "280", "12"]
    assert card.note().endswith("74,2 %") and "WIB" in card.note()
    card.resize(800, 450)
    assert not card.grab().isNull()

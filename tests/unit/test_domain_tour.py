"""Tour stepping rules (domain/tour.py) with a fake clock: dwell per step, dark steps skipped, pause and resume."""

from __future__ import annotations

import pytest

from videowall.domain.tour import (
    MIN_DWELL_S,
    RESUME_AFTER_S,
    TourCursor,
    TourDefinition,
    TourError,
    TourKind,
    TourStep,
    add_items,
)


def _tour(*steps: tuple[str, float]) -> TourDefinition:
    return TourDefinition("t", TourKind.CAMERAS, tuple(TourStep(i, d) for i, d in steps))


def _run(cursor: TourCursor, until: float, usable=lambda _i: True, tick: float = 0.25) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """Tick a fake clock from 0 to ``until``; (time, item) each time the tour moved."""
    shown = []
    now = 0.0
    while now <= until:
        if cursor.due(now):
            step = cursor.advance(now, usable)
            if step is not None:
                shown.append((now, step.item))
        now = round(now + tick, 6)
    return shown


def test_each_step_is_shown_for_its_own_dwell_and_the_tour_cycles() -> None:
    cursor = TourCursor(_tour(("a", 2.0), ("b", 5.0), ("c", 3.0)))
    assert _run(cursor, 20.0) == [(0.0, "a"), (2.0, "b"), (7.0, "c"), (10.0, "a"), (12.0, "b"), (17.0, "c"),
                                  (20.0, "a")]
    assert cursor.label() == "1/3"


def test_dark_cameras_are_skipped_and_an_all_dark_tour_waits() -> None:
    cursor = TourCursor(_tour(("a", 2.0), ("dark", 2.0), ("c", 2.0)))
    assert [i for _t, i in _run(cursor, 10.0, usable=lambda i: i != "dark")] == ["a", "c", "a", "c", "a", "c"]
    assert cursor.skipped == ["dark"]  # the last step, to c, went past it
    everything_dark = TourCursor(_tour(("x", 4.0), ("y", 2.0)))
    assert everything_dark.advance(0.0, lambda _i: False) is None
    assert everything_dark.position == -1 and everything_dark.skipped == ["x", "y"]
    assert everything_dark.next_at == 2.0  # tries again after the shortest dwell
    assert everything_dark.advance(2.0, lambda i: i == "y") == TourStep("y", 2.0)


def test_backwards_from_the_first_step_wraps_to_the_last() -> None:
    cursor = TourCursor(_tour(("a", 2.0), ("b", 2.0), ("c", 2.0)))
    assert cursor.advance(0.0, lambda _i: True).item == "a"  # type: ignore[union-attr]
    assert cursor.advance(0.5, lambda _i: True, -1).item == "c"  # type: ignore[union-attr]
    assert cursor.advance(0.6, lambda _i: True, -1).item == "b"  # type: ignore[union-attr]


def test_a_touch_holds_the_step_until_resume_after_the_last_touch() -> None:
    cursor = TourCursor(_tour(("a", 2.0), ("b", 2.0)))
    cursor.advance(0.0, lambda _i: True)
    cursor.touch(1.0)
    assert cursor.paused(1.5) and not cursor.due(5.0)
    cursor.touch(10.0)  # the operator is still at it: the hold is counted from the last touch
    assert not cursor.due(10.0 + RESUME_AFTER_S - 0.1)
    assert cursor.due(10.0 + RESUME_AFTER_S) and not cursor.paused(10.0 + RESUME_AFTER_S)
    assert cursor.advance(10.0 + RESUME_AFTER_S, lambda _i: True).item == "b"  # type: ignore[union-attr]


def test_a_pause_on_purpose_holds_until_resumed_then_the_step_gets_a_fresh_dwell() -> None:
    cursor = TourCursor(_tour(("a", 3.0), ("b", 3.0)))
    cursor.advance(0.0, lambda _i: True)
    cursor.hold()
    assert not cursor.due(1000.0) and cursor.paused(1000.0)
    cursor.resume(1000.0)
    assert not cursor.paused(1000.0) and not cursor.due(1002.9) and cursor.due(1003.0)


def test_definitions_are_checked() -> None:
    with pytest.raises(TourError, match="name"):
        TourDefinition(" ", TourKind.CAMERAS, (TourStep("a"),))
    with pytest.raises(TourError, match="no steps"):
        TourDefinition("t", TourKind.LAYOUTS, ())
    with pytest.raises(TourError, match="dwell"):
        TourDefinition("t", TourKind.CAMERAS, (TourStep("a", MIN_DWELL_S - 0.5),))
    with pytest.raises(TourError, match="dwell"):
        TourDefinition("t", TourKind.CAMERAS, (TourStep("a", float("nan")),))
    tour = TourDefinition.of(" Gates ", TourKind.CAMERAS, ["a", "b", "a", ""], 4.0)
    assert tour.name == "Gates" and [s.item for s in tour.steps] == ["a", "b"]
    assert [s.item for s in add_items(tour.steps, ["b", "c", "c"], 6.0)] == ["a", "b", "c"]
    assert add_items(tour.steps, ["c"], 6.0)[-1] == TourStep("c", 6.0)

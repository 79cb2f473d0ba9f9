"""Briefings: curated slide shows for officials, prepared in advance and stepped through with a clicker.

A briefing is data only (ordered slides), so it can be saved in SQLite, exported to a versioned JSON
file and checked before anything is shown. ``decode`` turns a bad file into one readable error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

FORMAT = "videowall-briefing"
VERSION = 1
MAX_SLIDES = 100


class SlideKind(StrEnum):
    CAMERAS = "cameras"  # a layout of live cameras
    HEALTH_MAP = "health_map"
    AVAILABILITY = "availability"  # fleet availability chart
    KPI = "kpi"  # big numbers
    CLIP = "clip"  # a bookmarked clip


class BriefingError(ValueError):
    """A briefing file or record that cannot be used; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Slide:
    kind: SlideKind
    title: str = ""
    layout: str = ""  # CAMERAS: a saved layout name or a preset ("2x2", "1+5")
    cameras: tuple[str, ...] = ()  # CAMERAS: camera ids in tile order (with a preset)
    bookmark_id: int | None = None  # CLIP
    hours: float = 24.0  # AVAILABILITY: the window shown
    seconds: float = 0.0  # auto-advance after this long (0: only by key)
    area: str = ""  # HEALTH_MAP: one kecamatan only ("" for the whole city)
    notes: str = ""  # the presenter's notes: kept with the slide, never shown on the projector


@dataclass(frozen=True, slots=True)
class Briefing:
    name: str
    title: str = ""
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def step(self, index: int, direction: int) -> int | None:
        """The slide after ``index`` going ``direction``; None past the last (the briefing ends).

        Going back from the first slide stays on it: a stray PageUp must not end a briefing.
        """
        nxt = index + direction
        if nxt < 0:
            return 0
        return nxt if nxt < len(self.slides) else None


def moved(slides: tuple[Slide, ...], index: int, direction: int) -> tuple[tuple[Slide, ...], int]:
    """``slides`` with slide ``index`` moved one place up (-1) or down (+1), and where it is now."""
    other = index + direction
    if not (0 <= index < len(slides) and 0 <= other < len(slides)):
        return slides, index
    order = list(slides)
    order[index], order[other] = order[other], order[index]
    return tuple(order), other


def validate(b: Briefing) -> Briefing:
    if not b.name.strip():
        raise BriefingError("the briefing has no name")
    if not b.slides:
        raise BriefingError(f"briefing {b.name!r} has no slides")
    if len(b.slides) > MAX_SLIDES:
        raise BriefingError(f"briefing {b.name!r} has {len(b.slides)} slides (at most {MAX_SLIDES})")
    for n, s in enumerate(b.slides, 1):
        if s.kind is SlideKind.CAMERAS and not (s.layout or s.cameras):
            raise BriefingError(f"slide {n}: a camera slide needs a layout or camera ids")
        if s.kind is SlideKind.CLIP and s.bookmark_id is None:
            raise BriefingError(f"slide {n}: a clip slide needs a bookmark id")
        if s.seconds < 0 or s.hours <= 0:
            raise BriefingError(f"slide {n}: seconds must be >= 0 and hours > 0")
    return b


def to_dict(b: Briefing) -> dict[str, object]:
    slides: list[dict[str, object]] = []
    for s in b.slides:
        row: dict[str, object] = {"kind": s.kind.value}
        if s.title:
            row["title"] = s.title
        if s.layout:
            row["layout"] = s.layout
        if s.cameras:
            row["cameras"] = list(s.cameras)
        if s.bookmark_id is not None:
            row["bookmark_id"] = s.bookmark_id
        if s.kind is SlideKind.AVAILABILITY:
            row["hours"] = s.hours
        if s.seconds:
            row["seconds"] = s.seconds
        if s.area:
            row["area"] = s.area
        if s.notes:
            row["notes"] = s.notes
        slides.append(row)
    return {"format": FORMAT, "version": VERSION, "name": b.name, "title": b.title, "slides": slides}


def encode(b: Briefing) -> str:
    return json.dumps(to_dict(validate(b)), indent=2, ensure_ascii=False) + "\n"


def decode(text: str) -> Briefing:
    """Parse and validate a briefing file; every problem becomes a BriefingError naming the place."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BriefingError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    return from_dict(data)


def from_dict(data: object) -> Briefing:
    if not isinstance(data, dict):
        raise BriefingError("a briefing file holds one JSON object")
    if data.get("format") != FORMAT:
        raise BriefingError(f"not a briefing file (format must be {FORMAT!r})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BriefingError("the briefing file has no version number")
    if version > VERSION:
        raise BriefingError(f"briefing file version {version} is newer than this program reads ({VERSION})")
    name, title = _text(data, "name", "briefing"), _text(data, "title", "briefing")
    raw = data.get("slides")
    if not isinstance(raw, list):
        raise BriefingError("'slides' must be a list")
    return validate(Briefing(name.strip(), title, tuple(_slide(n, row) for n, row in enumerate(raw, 1))))


def _slide(n: int, row: object) -> Slide:
    where = f"slide {n}"
    if not isinstance(row, dict):
        raise BriefingError(f"{where}: must be an object")
    kinds = ", ".join(k.value for k in SlideKind)
    try:
        kind = SlideKind(str(row.get("kind")))
    except ValueError:
        raise BriefingError(f"{where}: kind {row.get('kind')!r} is not one of {kinds}") from None
    cameras = row.get("cameras", [])
    if not isinstance(cameras, list) or not all(isinstance(c, str) and c for c in cameras):
        raise BriefingError(f"{where}: 'cameras' must be a list of camera ids")
    bookmark = row.get("bookmark_id")
    if bookmark is not None and (not isinstance(bookmark, int) or isinstance(bookmark, bool)):
        raise BriefingError(f"{where}: 'bookmark_id' must be a whole number")
    return Slide(kind, _text(row, "title", where), _text(row, "layout", where), tuple(cameras), bookmark,
                 _number(row, "hours", where, 24.0), _number(row, "seconds", where, 0.0),
                 _text(row, "area", where).strip(), _text(row, "notes", where))


def _text(row: dict[str, object], key: str, where: str) -> str:
    value = row.get(key, "")
    if not isinstance(value, str):
        raise BriefingError(f"{where}: {key!r} must be text")
    return value


def _number(row: dict[str, object], key: str, where: str, default: float) -> float:
    value = row.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise BriefingError(f"{where}: {key!r} must be a number")
    return float(value)

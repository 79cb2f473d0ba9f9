"""Incident bookmarks, cases and custody, and the pure maths of cutting a clip out of a segment ring.

The ring holds one-GOP segments per stream run (one ffmpeg process = one run, with its own
continuous timestamps). A clip is a run of consecutive segments of ONE run that covers the asked
window; a stream copy cannot cut inside a GOP, so the clip may start/end up to one segment early or
late, and the bookmark records what it really covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

DEFAULT_CATEGORIES: tuple[str, ...] = ("kecelakaan", "banjir", "kriminal", "kerumunan", "lainnya")
DEFAULT_TIMEZONE = "Asia/Jakarta"
DEFAULT_PRE_S = 30.0
DEFAULT_POST_S = 30.0
DEFAULT_BUFFER_QUOTA_MB = 2048


class ClipState(StrEnum):
    PENDING = "pending"  # waiting for the post-event seconds to arrive
    SAVED = "saved"  # the whole window is covered
    PARTIAL = "partial"  # some of the window is missing (stream lost, started late): see clip_note
    NONE = "none"  # no buffered video at all (camera not on a wall)
    FAILED = "failed"  # ffmpeg could not write the clip


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class ClipPart:
    """One more clip file of a bookmark: continuous video between two gaps (relative path, wall clock)."""

    path: str
    start: float
    end: float
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: int
    camera_id: str
    camera_name: str
    area: str
    at: float  # Unix seconds (UTC): the key press
    operator: str
    category: str = "lainnya"
    note: str = ""
    tags: tuple[str, ...] = ()
    priority: int = 2  # 1 high, 2 normal, 3 low
    snapshot_path: str = ""  # relative to the evidence directory
    clip_state: ClipState = ClipState.PENDING
    clip_path: str = ""  # relative to the evidence directory
    clip_start: float | None = None  # what the clip really covers (wall clock)
    clip_end: float | None = None
    pre_s: float = DEFAULT_PRE_S
    post_s: float = DEFAULT_POST_S
    clip_note: str = ""
    clip_sha256: str = ""  # hashed when the clip was cut: an export proves the file is unchanged since
    case_id: int | None = None
    exported_at: float | None = None
    extra_clips: tuple[ClipPart, ...] = ()  # the other side(s) of an outage inside the window, in time order


@dataclass(frozen=True, slots=True)
class BookmarkEdit:
    """What the operator may change after the key press (the time and camera are fixed)."""

    category: str
    note: str
    tags: tuple[str, ...]
    priority: int


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    number: str
    title: str = ""
    notes: str = ""
    status: CaseStatus = CaseStatus.OPEN
    created_at: float = 0.0
    created_by: str = ""
    closed_at: float | None = None
    closed_by: str = ""
    exported_at: float | None = None


@dataclass(frozen=True, slots=True)
class CustodyEvent:
    """One line of the chain of custody: who did what with which evidence, when."""

    at: float
    actor: str
    action: str  # "export", "verify", "close_case", ...
    case_id: int | None = None
    bookmark_ids: tuple[int, ...] = ()
    target: str = ""  # where the export went
    detail: str = ""
    manifest_sha256: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class BookmarkFilter:
    """The review window's filter; empty fields match everything."""

    since: float | None = None
    until: float | None = None
    area: str = ""  # prefix of the area label
    camera_id: str = ""
    category: str = ""
    operator: str = ""
    text: str = ""  # in note, tags, camera name
    case_id: int | None = None

    def matches(self, b: Bookmark) -> bool:
        if self.since is not None and b.at < self.since:
            return False
        if self.until is not None and b.at > self.until:
            return False
        if self.area and not b.area.casefold().startswith(self.area.casefold()):
            return False
        if self.camera_id and b.camera_id != self.camera_id:
            return False
        if self.category and b.category != self.category:
            return False
        if self.operator and self.operator.casefold() not in b.operator.casefold():
            return False
        if self.case_id is not None and b.case_id != self.case_id:
            return False
        if self.text:
            hay = " ".join((b.note, " ".join(b.tags), b.camera_name, b.camera_id, b.clip_note)).casefold()
            return self.text.casefold() in hay
        return True


# --- the ring and the clip window ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Segment:
    """One buffered segment file, with its wall-clock span."""

    path: str
    run: str  # one ffmpeg process: segments of one run have continuous timestamps
    index: int
    start: float
    end: float
    complete: bool = True  # False for the segment still being written


@dataclass(frozen=True, slots=True)
class ClipWindow:
    event_at: float
    pre_s: float
    post_s: float

    @property
    def start(self) -> float:
        return self.event_at - self.pre_s

    @property
    def end(self) -> float:
        return self.event_at + self.post_s


@dataclass(frozen=True, slots=True)
class ClipPlan:
    """Which segments make the clip and what they cover."""

    segments: tuple[Segment, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def start(self) -> float | None:
        return self.segments[0].start if self.segments else None

    @property
    def end(self) -> float | None:
        return self.segments[-1].end if self.segments else None


def select_segments(segments: list[Segment], window: ClipWindow, slack_s: float = 0.25) -> ClipPlan:
    """The consecutive segments of one run that best cover ``window``.

    Prefers the run that holds the event instant (else the one covering most of the window); within
    it, every segment overlapping the window, stopping at a gap (a lost segment breaks timestamps).
    """
    if not segments:
        return ClipPlan()
    runs: dict[str, list[Segment]] = {}
    for seg in sorted(segments, key=lambda s: (s.run, s.index)):
        if seg.end > window.start + slack_s and seg.start < window.end - slack_s:
            runs.setdefault(seg.run, []).append(seg)
    if not runs:
        return ClipPlan()

    def score(run: list[Segment]) -> tuple[bool, float, float]:
        """The run holding the event; else the one showing most of what followed the key press (a camera
        put on the wall after an earlier showing, a stream back after a drop), then the most overlap."""
        holds = any(s.start <= window.event_at <= s.end for s in run)
        after = max(0.0, min(run[-1].end, window.end) - max(run[0].start, window.event_at))
        return holds, round(after, 1), _overlap(run[0].start, run[-1].end, window)

    best = _contiguous(max(runs.values(), key=score), window.event_at)
    return ClipPlan(tuple(best))


def other_pieces(segments: list[Segment], window: ClipWindow, main: ClipPlan,
                 slack_s: float = 0.25) -> tuple[ClipPlan, ...]:
    """The rest of what the ring holds inside ``window``: continuous pieces (any run) that do not overlap
    ``main`` in time, in time order. A stream lost and back inside the window gives one piece per side."""
    if main.start is None or main.end is None:
        return ()
    taken: list[tuple[float, float]] = [(main.start, main.end)]
    pieces: list[ClipPlan] = []
    runs: dict[str, list[Segment]] = {}
    for seg in sorted(segments, key=lambda s: (s.run, s.index)):
        if seg.end > window.start + slack_s and seg.start < window.end - slack_s:
            runs.setdefault(seg.run, []).append(seg)
    for run in runs.values():
        for piece in _pieces(run):
            start, end = piece[0].start, piece[-1].end
            if end - start < 1.0 or any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            taken.append((start, end))
            pieces.append(ClipPlan(tuple(piece)))
    return tuple(sorted(pieces, key=lambda p: p.start or 0.0))


def _pieces(run: list[Segment]) -> list[list[Segment]]:
    pieces: list[list[Segment]] = [[run[0]]]
    for seg in run[1:]:
        if seg.index == pieces[-1][-1].index + 1:
            pieces[-1].append(seg)
        else:
            pieces.append([seg])
    return pieces


def _overlap(start: float, end: float, window: ClipWindow) -> float:
    return max(0.0, min(end, window.end) - max(start, window.start))


def _contiguous(run: list[Segment], around: float) -> list[Segment]:
    """Split ``run`` at index gaps and keep the piece nearest the event."""
    return min(_pieces(run), key=lambda p: 0.0 if p[0].start <= around <= p[-1].end
               else min(abs(p[0].start - around), abs(p[-1].end - around)))


def best_plan(streams: dict[str, list[Segment]], window: ClipWindow) -> tuple[ClipPlan, float | None, str]:
    """The stream whose ring covers the window best (main wins ties); its run's newest segment end; its kind."""
    best: tuple[tuple[int, float, int], ClipPlan, float | None, str] | None = None
    for kind, segments in streams.items():
        plan = select_segments(segments, window)
        if plan.start is None or plan.end is None:
            continue
        run_ends = [s.end for s in segments if s.run == plan.segments[0].run]
        covered = min(plan.end, window.end) - max(plan.start, window.start)
        key = (int(coverage_state(plan, window) is ClipState.SAVED), round(covered, 1), int(kind == "main"))
        if best is None or key > best[0]:
            best = (key, plan, max(run_ends), kind)
    return (best[1], best[2], best[3]) if best else (ClipPlan(), None, "")


def main_on_its_way(streams: dict[str, list[Segment]], window: ClipWindow, now: float, stall_s: float,
                    slack_s: float = 1.5) -> bool:
    """The main stream's recorder holds the window's start and is still writing: a clip settled from the sub
    stream now would give the court the smaller picture a few seconds before the main one is there."""
    segments = streams.get("main", [])
    plan = select_segments(segments, window)
    if plan.start is None or plan.start > window.start + slack_s:
        return False
    newest = max(s.end for s in segments if s.run == plan.segments[0].run)
    return now - newest <= stall_s


def coverage_state(plan: ClipPlan, window: ClipWindow, slack_s: float = 1.5) -> ClipState:
    """SAVED when the plan covers the window to within a GOP or so, else PARTIAL (or NONE)."""
    if plan.start is None or plan.end is None:
        return ClipState.NONE
    if plan.start <= window.start + slack_s and plan.end >= window.end - slack_s:
        return ClipState.SAVED
    return ClipState.PARTIAL


def describe_coverage(plan: ClipPlan, window: ClipWindow, tz: str = DEFAULT_TIMEZONE,
                      lost_at: float | None = None, slack_s: float = 1.5) -> str:
    """The human note stored with the bookmark: what is missing and why, in local time."""
    if plan.start is None or plan.end is None:
        return "no pre-event video: the camera was not buffered (not on a wall) at the time"
    parts: list[str] = []
    if plan.end < window.event_at:
        parts.append(f"THE EVENT IS NOT IN THE CLIP: video ends {window.event_at - plan.end:.0f} s before it "
                     "(the stream was lost before the key press and did not return within the window)")
    elif plan.start > window.event_at:
        parts.append(f"THE EVENT IS NOT IN THE CLIP: video starts {plan.start - window.event_at:.0f} s after it "
                     "(no video of this camera was received at the time of the key press)")
    if plan.start > window.start + slack_s:
        parts.append(f"missing {_span(window.start, plan.start, tz)} before: buffer starts "
                     f"{plan.start - window.start:.0f} s late (no earlier video)")
    if plan.end < window.end - slack_s:
        why = (f"stream lost {lost_at - window.event_at:.0f} s after the event"
               if lost_at is not None and window.event_at <= lost_at < window.end else "video ends early")
        parts.append(f"missing {_span(plan.end, window.end, tz)} after: {why}")
    span = f"clip covers {local_time(plan.start, tz, seconds=True)} - {local_time(plan.end, tz, seconds=True)}"
    return "; ".join([*parts, span])


def _span(start: float, end: float, tz: str) -> str:
    """``13:04:05 - 13:04:17 WIB (12 s)``: a stretch of time a person can find in the footage."""
    first = datetime.fromtimestamp(start, ZoneInfo(tz)).strftime("%H:%M:%S")
    return f"{first} - {local_time(end, tz, seconds=True)[11:]} ({end - start:.0f} s)"


# --- time ------------------------------------------------------------------------------------------
def tz_abbrev(tz: str) -> str:
    return {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(tz, tz)


def local_time(at: float, tz: str = DEFAULT_TIMEZONE, seconds: bool = True) -> str:
    """``2024-05-01 14:03:07 WIB``: what the control room reads."""
    fmt = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{datetime.fromtimestamp(at, ZoneInfo(tz)).strftime(fmt)} {tz_abbrev(tz)}"


def iso_utc(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_local(at: float, tz: str = DEFAULT_TIMEZONE) -> str:
    return datetime.fromtimestamp(at, ZoneInfo(tz)).isoformat(timespec="milliseconds")


def parse_tags(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for raw in text.replace(";", ",").split(","):
        tag = raw.strip()
        if tag and tag not in seen:
            seen.append(tag)
    return tuple(seen)


def safe_name(text: str) -> str:
    """A file-name-safe form of a camera id or case number."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text).strip(".") or "_"

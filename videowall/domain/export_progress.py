"""How far an evidence export has got: steps done out of the steps planned, and what runs now.

An export is planned before its first file is written: one step per snapshot, per clip (and clip
part), per watermarked copy, then the records (custody log and manifest), the reports, the signature
and, for a zip, the zip file. A step that re-encodes (masking, watermarking) or zips also knows how
far it has got inside itself (``part``, 0..1); the whole export's fraction counts that part of the
running step. Clips are numbered across the export ("clip 2 of 5"), copies and masked re-encodes
alike, so the number a person reads matches the files in ``clips/``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum


class Step(Enum):
    COPY_SNAPSHOT = "copy_snapshot"
    MASK_SNAPSHOT = "mask_snapshot"
    COPY_CLIP = "copy_clip"
    MASK_CLIP = "mask_clip"
    WATERMARK_CLIP = "watermark_clip"
    RECORDS = "records"  # custody log and manifest
    REPORTS = "reports"  # the case reports (PDF)
    SIGN = "sign"  # the signature and the offline checking page
    ZIP = "zip"

    @property
    def kind(self) -> str:
        """What the step's number counts: "snapshot", "clip", "watermark", or "" for the one-off steps."""
        return {Step.COPY_SNAPSHOT: "snapshot", Step.MASK_SNAPSHOT: "snapshot", Step.COPY_CLIP: "clip",
                Step.MASK_CLIP: "clip", Step.WATERMARK_CLIP: "watermark"}.get(self, "")


_VERBS = {Step.COPY_SNAPSHOT: "copying snapshot", Step.MASK_SNAPSHOT: "masking snapshot",
          Step.COPY_CLIP: "copying clip", Step.MASK_CLIP: "masking clip", Step.WATERMARK_CLIP: "watermarking clip",
          Step.RECORDS: "writing the custody log and manifest", Step.REPORTS: "writing the case reports",
          Step.SIGN: "signing the export", Step.ZIP: "writing the zip file"}


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """What an export will do, counted before it starts."""

    snapshots: int = 0
    clips: int = 0  # clips and clip parts
    watermarks: int = 0  # watermarked second copies
    as_zip: bool = False

    @property
    def total(self) -> int:
        return self.snapshots + self.clips + self.watermarks + 3 + (1 if self.as_zip else 0)

    def count(self, kind: str) -> int:
        return {"snapshot": self.snapshots, "clip": self.clips, "watermark": self.watermarks}.get(kind, 1)


@dataclass(frozen=True, slots=True)
class ExportProgress:
    done: int  # steps finished
    total: int  # steps planned
    step: Step  # the step running now
    index: int = 1  # its number among its kind (clip 2 of 5), 1 for one-off steps
    count: int = 1  # how many of its kind
    part: float | None = None  # how far the running step is (0..1), when it can tell

    @property
    def fraction(self) -> float:
        """The whole export, 0..1: the finished steps plus the running step's part."""
        if self.total <= 0:
            return 0.0
        return min(1.0, max(0.0, (self.done + (self.part or 0.0)) / self.total))

    @property
    def percent(self) -> int:
        return int(self.fraction * 100)

    @property
    def part_percent(self) -> int | None:
        return None if self.part is None else int(min(1.0, max(0.0, self.part)) * 100)

    def describe(self) -> str:
        """In English, for the command line: "masking clip 3 of 5 (41 %)"."""
        text = _VERBS[self.step]
        if self.step.kind:
            text += f" {self.index} of {self.count}"
        if self.part_percent is not None:
            text += f" ({self.part_percent} %)"
        return text


class ProgressTracker:
    """Turns "this step begins / is this far / is done" into ``ExportProgress`` values (not thread-safe)."""

    def __init__(self, plan: ExportPlan) -> None:
        self.plan = plan
        self._done = 0
        self._seen: dict[str, int] = {}
        self._current: ExportProgress | None = None

    @property
    def current(self) -> ExportProgress | None:
        return self._current

    def begin(self, step: Step, measured: bool = False) -> ExportProgress:
        """Step ``step`` starts (ending the one before, if still open); ``measured``: it will report its part."""
        if self._current is not None:
            self.end()
        kind = step.kind
        index = self._seen.get(kind, 0) + 1
        self._seen[kind] = index
        self._current = ExportProgress(self._done, self.plan.total, step, index,
                                       max(index, self.plan.count(kind)), 0.0 if measured else None)
        return self._current

    def part(self, fraction: float) -> ExportProgress | None:
        """The running step is ``fraction`` done; None when that shows nothing new (no step, same percent)."""
        if self._current is None:
            return None
        fraction = min(1.0, max(0.0, fraction))
        previous = self._current.part
        if previous is not None and int(previous * 100) == int(fraction * 100):
            return None
        self._current = replace(self._current, part=fraction)
        return self._current

    def end(self) -> None:
        if self._current is not None:
            self._done = min(self.plan.total, self._done + 1)
            self._current = None

    @property
    def done(self) -> int:
        return self._done

"""The case report PDF: what happened, where, seen by whom, with pictures, a timeline and the hashes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from videowall.domain.evidence import Bookmark, Case, CustodyEvent, iso_utc, local_time
from videowall.evidence import pdf


@dataclass(frozen=True, slots=True)
class ReportItem:
    bookmark: Bookmark
    snapshot: Path | None  # inside the export
    clip_name: str  # the clip's path inside the export ("" when none)
    clip_sha256: str


@dataclass(frozen=True, slots=True)
class CaseReport:
    title: str
    case: Case | None
    items: tuple[ReportItem, ...]
    custody: tuple[CustodyEvent, ...]
    exported_by: str
    exported_at: float
    tz: str
    key_fingerprint: str = ""  # of the installation's signing key ("" for an unsigned export)


def build_case_report(path: Path, report: CaseReport) -> Path:
    sheet = pdf.styles()
    tz = report.tz
    story: list[Flowable] = [pdf.para(report.title, sheet["Title"])]
    case = report.case
    rows = [("Exported by", report.exported_by),
            ("Exported at", f"{local_time(report.exported_at, tz)} ({iso_utc(report.exported_at)})"),
            ("Bookmarks", str(len(report.items))),
            ("Signing key fingerprint", report.key_fingerprint or "(not signed)")]
    if case is not None:
        rows = [("Case number", case.number), ("Title", case.title), ("Status", case.status.value),
                ("Opened", f"{local_time(case.created_at, tz)} by {case.created_by}"), ("Notes", case.notes),
                *rows]
    story += [pdf.key_values(rows, sheet), pdf.gap(), pdf.para("Timeline", sheet["Heading2"])]
    items = sorted(report.items, key=lambda i: i.bookmark.at)
    timeline = []
    for item in items:
        b = item.bookmark
        thumb: Flowable | str = pdf.image(item.snapshot, 36 * mm, 22 * mm) if item.snapshot else "(no snapshot)"
        timeline.append([thumb, local_time(b.at, tz), f"{b.camera_id}\n{b.camera_name}\n{b.area}",
                         f"{b.category} (P{b.priority})\n{b.operator}", b.note or "-"])
    story.append(pdf.data_table(["Snapshot", "Time", "Camera", "Category / operator", "Note"], timeline, sheet,
                                [38 * mm, 30 * mm, 40 * mm, 30 * mm, pdf.CONTENT_WIDTH - 138 * mm]))
    story += [PageBreak(), pdf.para("Bookmarks in detail", sheet["Heading2"])]
    for item in items:
        story += _detail(item, sheet, tz)
    story += [pdf.para("Chain of custody", sheet["Heading2"])]
    custody = [[local_time(e.at, tz), e.actor, e.action, e.target or "-", e.detail or "-"] for e in report.custody]
    story.append(pdf.data_table(["Time", "Who", "Action", "Target", "Detail"], custody, sheet,
                                [32 * mm, 25 * mm, 20 * mm, 50 * mm, pdf.CONTENT_WIDTH - 127 * mm]))
    story.append(pdf.para("The SHA-256 of every exported file is listed in manifest.json, signed (Ed25519) in "
                          "manifest.sig.json. Run 'videowall verify <export>', or open verify.html in a browser, to "
                          "check that nothing was changed, added or removed and who signed it.", sheet["Small"]))
    if report.key_fingerprint:
        story.append(pdf.para(f"Signing key fingerprint: {report.key_fingerprint}", sheet["Mono"]))
    number = case.number if case is not None else "selection"
    decor = pdf.PageDecor(f"videowall evidence - {number}",
                          f"exported by {report.exported_by}, {local_time(report.exported_at, tz)}")
    return pdf.build(path, story, decor, title=report.title, author=report.exported_by)


def _detail(item: ReportItem, sheet: pdf.StyleSheet1, tz: str) -> list[Flowable]:
    b = item.bookmark
    covered = "-"
    if b.clip_start is not None and b.clip_end is not None:
        covered = f"{local_time(b.clip_start, tz)} - {local_time(b.clip_end, tz)} ({b.clip_end - b.clip_start:.1f} s)"
    rows = [("Bookmark", f"#{b.id}, {b.category}, priority {b.priority}"),
            ("Camera", f"{b.camera_id} - {b.camera_name} ({b.area})"),
            ("Time", f"{local_time(b.at, tz)} / {iso_utc(b.at)}"), ("Operator", b.operator),
            ("Tags", ", ".join(b.tags) or "-"), ("Note", b.note or "-"),
            ("Asked window", f"{b.pre_s:.0f} s before to {b.post_s:.0f} s after"), ("Clip covers", covered),
            ("Clip", f"{item.clip_name or '(none)'} [{b.clip_state.value}]"),
            ("Clip SHA-256", item.clip_sha256 or "-"), ("Clip note", b.clip_note or "-"),
            *((f"Clip part {n}", f"{local_time(p.start, tz)} - {local_time(p.end, tz)}, SHA-256 {p.sha256}")
              for n, p in enumerate(b.extra_clips, start=2))]
    out: list[Flowable] = [pdf.key_values(rows, sheet)]
    if item.snapshot is not None:
        out += [pdf.gap(2), pdf.image(item.snapshot, pdf.CONTENT_WIDTH * 0.6, 70 * mm)]
    return [*out, pdf.gap(6)]

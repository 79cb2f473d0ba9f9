"""The case report a court files: ``laporan-id.pdf`` (authoritative) and ``report-en.pdf`` (its translation).

Each is one language throughout, so a clerk files the Indonesian record as it is and a foreign party
reads the English one; both carry the same facts: case, the cameras (id, name, kecamatan, kelurahan,
RW/RT, coordinates), a timeline with snapshots, every bookmark in detail, the SHA-256 of every file
of the copy and of ``manifest.json``, the signing key's fingerprint, the chain of custody and an
attestation with signature lines for the person who copied and the officer who receives it. Every
time is in the installation's zone and in UTC.

The reports are written after ``manifest.json`` (they print its hash, so it cannot list them) and are
signed beside it in ``manifest.sig.json`` (see ``videowall.evidence.package.sign_export``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from videowall.domain.camera import Camera
from videowall.domain.evidence import Bookmark, Case, CaseStatus, CustodyEvent
from videowall.evidence import pdf
from videowall.evidence.manifest import MANIFEST, FileEntry
from videowall.evidence.report_sections import Signatory, attestation, custody_table, hash_section, styles
from videowall.evidence.report_text import LANGUAGES, Labels, both_times, coordinates, zone_text


@dataclass(frozen=True, slots=True)
class ReportItem:
    bookmark: Bookmark
    snapshot: Path | None  # inside the export
    clip_name: str  # the clip's path inside the export ("" when none)
    clip_sha256: str


@dataclass(frozen=True, slots=True)
class ManifestFacts:
    """What the report says about the manifest it is written after: its hash, size and file list."""

    sha256: str
    bytes: int
    files: tuple[FileEntry, ...]

    @classmethod
    def read(cls, root: Path) -> ManifestFacts:
        data = (root / MANIFEST).read_bytes()
        listed = json.loads(data.decode("utf-8"))["files"]
        return cls(hashlib.sha256(data).hexdigest(), len(data),
                   tuple(FileEntry(f["path"], f["sha256"], int(f["bytes"])) for f in listed))

    def sha_of(self, path: str) -> str:
        return next((f.sha256 for f in self.files if f.path == path), "")


@dataclass(frozen=True, slots=True)
class CaseReport:
    case: Case | None
    items: tuple[ReportItem, ...]
    custody: tuple[CustodyEvent, ...]
    exported_by: str
    exported_at: float
    tz: str
    key_fingerprint: str = ""  # of the installation's signing key ("" for an unsigned export)
    cameras: tuple[Camera, ...] = ()  # the register's rows of the bookmarks' cameras, at export time


def build_case_reports(root: Path, report: CaseReport) -> tuple[Path, ...]:
    """Write the report in each language into ``root`` (which already holds ``manifest.json``)."""
    facts = ManifestFacts.read(root)
    return tuple(build_case_report(root / labels.file_name, report, facts, labels) for labels in LANGUAGES)


def build_case_report(path: Path, report: CaseReport, facts: ManifestFacts, t: Labels) -> Path:
    sheet = styles()
    tz = report.tz
    number = report.case.number if report.case is not None else t.no_case
    story: list[Flowable] = [pdf.para(t.title, sheet["Title"]),
                             pdf.para(f"{t.case_number}: {number}", sheet["CaseNumber"]),
                             pdf.para(t.version_note, sheet["Note"]), pdf.gap(2),
                             pdf.para(t.summary, sheet["Heading2"]), _summary(report, facts, t, sheet)]
    story += [pdf.para(t.cameras, sheet["Heading2"]), *_cameras(report, t, sheet)]
    items = sorted(report.items, key=lambda i: i.bookmark.at)
    story += [pdf.para(t.timeline, sheet["Heading2"]), _timeline(items, tz, t, sheet)]
    story += [PageBreak(), pdf.para(t.details, sheet["Heading2"]), pdf.para(t.clip_note_hint, sheet["Note"])]
    for item in items:
        story += _detail(item, facts, tz, t, sheet)
    story += hash_section(facts, report.key_fingerprint, t, sheet)
    story += [pdf.para(t.custody, sheet["Heading2"]), pdf.para(t.custody_intro, sheet["Note"]),
              custody_table(report.custody, tz, t, sheet)]
    story += attestation(Signatory(report.exported_by, report.exported_at, tz, report.key_fingerprint), number,
                         len(facts.files), t, sheet)
    decor = pdf.PageDecor(t.header.format(number=number),
                          t.footer.format(file=t.file_name, who=report.exported_by,
                                          when=both_times(report.exported_at, tz)), t.page_of)
    return pdf.build(path, story, decor, title=f"{t.title} - {number}", author=report.exported_by)


def _summary(report: CaseReport, facts: ManifestFacts, t: Labels, sheet: pdf.StyleSheet1) -> Flowable:
    tz, case = report.tz, report.case
    rows: list[tuple[str, str]] = []
    if case is not None:
        rows += [(t.case_number, case.number), (t.case_title, case.title or t.none),
                 (t.case_status, t.status(case.status is CaseStatus.CLOSED)),
                 (t.opened, t.opened_by.format(when=both_times(case.created_at, tz), who=case.created_by)),
                 (t.notes, case.notes or t.none)]
    rows += [(t.exported_by, report.exported_by), (t.exported_at, both_times(report.exported_at, tz)),
             (t.timezone, zone_text(tz, report.exported_at)), (t.bookmark_count, str(len(report.items))),
             (t.file_count, str(len(facts.files)))]
    return pdf.key_values(rows, sheet, key_width=50 * mm)


def _cameras(report: CaseReport, t: Labels, sheet: pdf.StyleSheet1) -> list[Flowable]:
    register = {c.id: c for c in report.cameras}
    seen: list[str] = []
    for item in sorted(report.items, key=lambda i: i.bookmark.at):
        if item.bookmark.camera_id not in seen:
            seen.append(item.bookmark.camera_id)
    out: list[Flowable] = []
    for cid in seen:
        camera = register.get(cid)
        first = next(i.bookmark for i in report.items if i.bookmark.camera_id == cid)
        rows: list[tuple[str, str | Flowable]] = [(t.camera_id, pdf.para(cid, sheet["MonoCell"]))]
        if camera is None:
            rows += [(t.camera_name, first.camera_name), (t.kecamatan, first.area or t.none),
                     (t.coordinates, t.coordinates_unknown), (t.register_note, t.not_in_register)]
        else:
            area = camera.area
            rw_rt = " / ".join(x for x in (f"RW {area.rw}" if area.rw else "", f"RT {area.rt}" if area.rt else "")
                               if x) or t.none
            rows += [(t.camera_name, camera.name), (t.camera_kind, camera.kind.value),
                     (t.kecamatan, area.kecamatan or t.none), (t.kelurahan, area.kelurahan or t.none),
                     (t.rw_rt, rw_rt), (t.coordinates, coordinates(camera.latitude, camera.longitude, t))]
            if camera.notes:
                rows.append((t.register_note, camera.notes))
        out += [pdf.key_values(rows, sheet, key_width=50 * mm), pdf.gap(3)]
    return out


def _timeline(items: list[ReportItem], tz: str, t: Labels, sheet: pdf.StyleSheet1) -> Flowable:
    rows = []
    for item in items:
        b = item.bookmark
        thumb: Flowable | str = pdf.image(item.snapshot, 34 * mm, 20 * mm) if item.snapshot else t.no_snapshot
        rows.append([thumb, _two_lines(b.at, tz), f"{b.camera_id}\n{b.camera_name}\n{b.area}",
                     f"{b.category} (P{b.priority})\n{b.operator}", b.note or t.none])
    return pdf.data_table([t.snapshot, t.time, t.camera, t.category_operator, t.note], rows, sheet,
                          [37 * mm, 39 * mm, 40 * mm, 27 * mm, pdf.CONTENT_WIDTH - 143 * mm])


def _two_lines(at: float, tz: str) -> str:
    """A time for a narrow cell: the local time, then the UTC one in brackets on its own line."""
    local, _, utc = both_times(at, tz).partition(" (")
    return f"{local}\n({utc}"


def _detail(item: ReportItem, facts: ManifestFacts, tz: str, t: Labels, sheet: pdf.StyleSheet1) -> list[Flowable]:
    b = item.bookmark
    mono = sheet["MonoCell"]
    covered = t.none
    if b.clip_start is not None and b.clip_end is not None:
        covered = (f"{both_times(b.clip_start, tz)} - {both_times(b.clip_end, tz)} "
                   f"({t.seconds.format(s=f'{b.clip_end - b.clip_start:.1f}')})")
    asked = f"{both_times(b.at - b.pre_s, tz)} - {both_times(b.at + b.post_s, tz)}"
    rows: list[tuple[str, str | Flowable]] = [
        (t.bookmark, t.bookmark_line.format(id=b.id, category=b.category, priority=t.priority(b.priority))),
        (t.camera, f"{b.camera_id} - {b.camera_name} ({b.area})"),
        (t.event_time, both_times(b.at, tz)), (t.operator, b.operator),
        (t.tags, ", ".join(b.tags) or t.none), (t.note, b.note or t.none),
        (t.asked_window, asked), (t.clip_covers, covered), (t.clip_state, t.state(b.clip_state)),
        (t.clip, pdf.para(item.clip_name or t.none, mono)),
        ("SHA-256", pdf.para(item.clip_sha256 or t.none, mono)),
        (t.clip_note, b.clip_note or t.none)]
    stem, dot, _suffix = item.clip_name.rpartition(".")
    for n, part in enumerate(b.extra_clips, start=2):
        name = f"{stem}-part{n}{dot}{part.path.rpartition('.')[2]}" if item.clip_name else part.path
        sha = facts.sha_of(name) or part.sha256
        rows += [(t.clip_part.format(n=n), f"{both_times(part.start, tz)} - {both_times(part.end, tz)}"),
                 (f"{t.clip_part.format(n=n)}: {t.file}", pdf.para(name, mono)),
                 (f"{t.clip_part.format(n=n)}: SHA-256", pdf.para(sha or t.none, mono))]
    if item.snapshot is not None:
        rows.append((f"{t.snapshot}: SHA-256", pdf.para(facts.sha_of(f"snapshots/{item.snapshot.name}") or t.none,
                                                         mono)))
    out: list[Flowable] = [pdf.key_values(rows, sheet, key_width=45 * mm)]
    if item.snapshot is not None:
        out += [pdf.gap(2), pdf.image(item.snapshot, pdf.CONTENT_WIDTH * 0.6, 70 * mm)]
    return [*out, pdf.gap(6)]

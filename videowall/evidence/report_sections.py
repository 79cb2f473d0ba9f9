"""Sections of the case report: file hashes, the chain of custody and the attestation with signature lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from videowall.domain.evidence import CustodyEvent
from videowall.domain.i18n import format_date
from videowall.evidence import pdf
from videowall.evidence.manifest import MANIFEST
from videowall.evidence.report_text import Labels, both_times

if TYPE_CHECKING:
    from videowall.evidence.report import ManifestFacts

HASH_WIDTHS = (6 * mm, 20 * mm, 50 * mm, 12 * mm)  # no, type, file, size; the hash takes the rest (92 mm)


@dataclass(frozen=True, slots=True)
class Signatory:
    """The person who made the copy, as the attestation names them."""

    name: str
    at: float
    tz: str
    key_fingerprint: str


def styles() -> StyleSheet1:
    sheet = pdf.styles()
    for heading in ("Heading2", "Heading3"):
        sheet[heading].keepWithNext = 1  # never a section title alone at the foot of a page
    sheet.add(ParagraphStyle("CaseNumber", parent=sheet["Heading2"], alignment=TA_CENTER, spaceBefore=0))
    sheet.add(ParagraphStyle("Note", parent=sheet["Small"], textColor=colors.HexColor("#444444")))
    sheet.add(ParagraphStyle("Hash", parent=sheet["MonoCell"], fontSize=6.6, leading=8.5))  # 64 digits: 90 mm
    sheet.add(ParagraphStyle("Attest", parent=sheet["BodyText"], fontSize=9.5, leading=13))
    return sheet


def kind_of(path: str, t: Labels) -> str:
    if path == "custody.json":
        return t.kind_custody
    if path.startswith("clips_watermarked/"):
        return t.kind_watermarked
    if path.startswith("clips/"):
        return t.kind_part if "-part" in path.rsplit("/", 1)[-1] else t.kind_clip
    if path.startswith("snapshots/"):
        return t.kind_snapshot
    return t.kind_other


def hash_section(facts: ManifestFacts, fingerprint: str, t: Labels, sheet: StyleSheet1) -> list[Flowable]:
    """Every listed file with its size and full SHA-256, then the manifest's own hash and the key fingerprint."""
    rows = [[str(n), pdf.para(kind_of(f.path, t), sheet["Cell"]), pdf.para(f.path, sheet["MonoCell"]), str(f.bytes),
             pdf.para(f.sha256, sheet["Hash"])] for n, f in enumerate(facts.files, start=1)]
    table = pdf.data_table(["No", t.kind, t.file, t.size, "SHA-256"], rows, sheet,
                           [*HASH_WIDTHS, pdf.CONTENT_WIDTH - sum(HASH_WIDTHS)])
    _tight(table)
    mono = sheet["MonoCell"]
    anchor = pdf.key_values([
        (t.manifest, pdf.para(f"{MANIFEST} ({facts.bytes} {t.bytes_unit})", mono)),
        (f"{MANIFEST}: SHA-256", pdf.para(facts.sha256, mono)),
        (t.key_fingerprint, pdf.para(fingerprint or t.not_signed, mono)),
    ], sheet, key_width=50 * mm)
    return [pdf.para(t.hashes, sheet["Heading2"]), pdf.para(t.hashes_intro, sheet["Note"]), pdf.gap(1), table,
            pdf.gap(3), pdf.para(t.manifest_note, sheet["Note"]), pdf.gap(1), anchor,
            pdf.para(t.signature_note, sheet["Note"]), pdf.gap(2), pdf.para(t.how_to_check, sheet["Heading3"]),
            pdf.para(t.how_to_check_text, sheet["Small"])]


def _tight(table: Table) -> None:
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))


def custody_table(events: Sequence[CustodyEvent], tz: str, t: Labels, sheet: StyleSheet1) -> Flowable:
    rows = []
    for e in events:
        local, _, utc = both_times(e.at, tz).partition(" (")
        detail = " - ".join(x for x in (e.target, e.detail) if x) or t.none
        if e.manifest_sha256:
            detail += f"; manifest sha256 {e.manifest_sha256}"
        rows.append([f"{local}\n({utc}", e.actor, t.action_name(e.action), detail])
    widths = [38 * mm, 26 * mm, 26 * mm, pdf.CONTENT_WIDTH - 90 * mm]
    return pdf.data_table([t.time, t.who, t.action, t.detail], rows, sheet, widths)


def attestation(who: Signatory, number: str, files: int, t: Labels, sheet: StyleSheet1) -> list[Flowable]:
    """The declaration in the first person and two signature blocks, kept together on one page."""
    date = t.on_date.format(date=format_date(who.at, t.lang, who.tz), time=both_times(who.at, who.tz)[11:])
    template = t.attestation_text if who.key_fingerprint else t.attestation_unsigned
    text = template.format(exporter=who.name, date=date, case=number, files=files, fingerprint=who.key_fingerprint)
    half = pdf.CONTENT_WIDTH / 2 - 3 * mm
    blocks = Table([[_signature_block(t.handed_over_by, who.name, t, sheet, half),
                     _signature_block(t.received_by, "", t, sheet, half)]],
                   colWidths=[pdf.CONTENT_WIDTH / 2, pdf.CONTENT_WIDTH / 2])
    blocks.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [pdf.gap(4), KeepTogether([pdf.para(t.attestation, sheet["Heading2"]), pdf.para(text, sheet["Attest"]),
                                      pdf.gap(2), pdf.para(t.attestation_close, sheet["Attest"]), pdf.gap(5),
                                      blocks])]


def _signature_block(role: str, name: str, t: Labels, sheet: StyleSheet1, width: float) -> Table:
    cell = sheet["Cell"]
    rows = [[pdf.para(role, sheet["Heading4"]), ""], [pdf.para(t.name, cell), pdf.para(name, cell)],
            [pdf.para(t.rank_nrp, cell), ""], [pdf.para(t.date, cell), ""], [pdf.para(t.signature, cell), ""]]
    table = Table(rows, colWidths=[28 * mm, width - 28 * mm], rowHeights=[None, 9 * mm, 9 * mm, 9 * mm, 24 * mm])
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 1), (1, -1), 0.6, colors.black), ("BOX", (0, 0), (-1, -1), 0.4, pdf.GRID),
    ]))
    return table


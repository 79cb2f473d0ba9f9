"""Shared PDF building blocks (reportlab): one look for every report the control room hands out.

Used by the evidence case report and meant for other reports (availability, ...): A4 pages with a
header line and "page N of M" footer, escaped paragraphs, key/value and data tables, images scaled
to fit. Fonts are reportlab's built-in Helvetica (Latin-1 is enough for Indonesian text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PAGE = A4
MARGIN = 15 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN
GRID = colors.HexColor("#9aa5b1")
HEAD_BG = colors.HexColor("#e4e8ec")


@dataclass(frozen=True, slots=True)
class PageDecor:
    """Text printed on every page: what the document is and who produced it."""

    header: str
    footer: str = ""
    page_of: str = "page {n} of {total}"  # "Halaman {n} dari {total}" in an Indonesian report


def styles() -> StyleSheet1:
    sheet = getSampleStyleSheet()
    sheet.add(ParagraphStyle("Small", parent=sheet["BodyText"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Cell", parent=sheet["BodyText"], fontSize=8, leading=10, spaceBefore=0, spaceAfter=0))
    sheet.add(ParagraphStyle("Mono", parent=sheet["BodyText"], fontName="Courier", fontSize=7, leading=9))
    # hashes, fingerprints and paths: broken anywhere rather than run past the cell's edge
    sheet.add(ParagraphStyle("MonoCell", parent=sheet["Mono"], spaceBefore=0, spaceAfter=0, wordWrap="CJK"))
    return sheet


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def key_values(rows: Sequence[tuple[str, str | Flowable]], sheet: StyleSheet1, key_width: float = 40 * mm) -> Table:
    """Two columns: a shaded key, its value (a string becomes a wrapped paragraph; a flowable is kept)."""
    data = [[para(k, sheet["Cell"]), para(v, sheet["Cell"]) if isinstance(v, str) else v] for k, v in rows]
    table = Table(data, colWidths=[key_width, CONTENT_WIDTH - key_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ]))
    return table


def data_table(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]], sheet: StyleSheet1,
               widths: Sequence[float] | None = None, style: str = "Cell") -> Table:
    """A table with a repeated, shaded header row; strings become wrapped paragraphs."""
    def cell(v: str | Flowable) -> Flowable:
        return para(v, sheet[style]) if isinstance(v, str) else v

    data = [[para(h, sheet["Cell"]) for h in header], *[[cell(v) for v in r] for r in rows]]
    table = Table(data, colWidths=list(widths) if widths else None, repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ]))
    return table


def image(path: Path, max_width: float, max_height: float) -> Flowable:
    """An image scaled to fit the box, aspect kept; a placeholder line if the file is unreadable."""
    try:
        img = Image(str(path))
    except OSError:
        return para(f"(image unavailable: {path.name})", styles()["Small"])
    scale = min(max_width / img.imageWidth, max_height / img.imageHeight, 1.0)
    img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
    return img


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


class _NumberedCanvas(Canvas):
    """Defers page output to write "page N of M" once M is known."""

    decor = PageDecor("")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, height = PAGE
        self.saveState()
        self.setFont("Helvetica", 7.5)
        self.setFillColor(colors.HexColor("#444444"))
        self.drawString(MARGIN, height - 10 * mm, self.decor.header)
        self.drawString(MARGIN, 9 * mm, self.decor.footer)
        self.drawRightString(width - MARGIN, 9 * mm, self.decor.page_of.format(n=self._pageNumber, total=total))
        self.restoreState()


def build(path: Path, story: list[Flowable], decor: PageDecor, title: str = "", author: str = "") -> Path:
    """Write ``story`` as an A4 PDF at ``path`` with ``decor`` on every page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas_cls = type("DecoratedCanvas", (_NumberedCanvas,), {"decor": decor})
    doc = SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN, title=title, author=author,
                            creator="videowall")
    doc.build(story, canvasmaker=canvas_cls)
    return path

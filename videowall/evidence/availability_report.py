"""The availability report for officials: a PDF (and its PNG charts) for one period and area.

Takes ``ReportData`` (plain numbers, worked out in services from health history) and only draws:
matplotlib's Agg backend for the charts, the shared reportlab helpers in ``evidence.pdf`` for pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from videowall.domain.dashboard import DarkCamera, ReportData, maintenance_csv
from videowall.domain.health_words import format_duration, format_span, health_text
from videowall.domain.i18n import (
    format_datetime,
    format_number,
    format_percent,
    normalise,
    report_tr,
    zone,
    zone_label,
)
from videowall.evidence import pdf

DARK_ROWS = 60  # longest-dark cameras in the body; the appendix and the CSV beside the PDF have them all
APPENDIX_ROWS = 5000  # beyond this the appendix stops and points to the CSV (a PDF of hundreds of pages helps nobody)
AREA_ROWS = 25
_MONTHS_SHORT = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
                 "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")}


@dataclass(frozen=True, slots=True)
class ReportFiles:
    pdf: Path
    charts: tuple[Path, ...]
    dark_csv: Path  # every camera dark now (the maintenance list's columns), beside the PDF


def _when(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _axis_label(at: dt.datetime, lang: str, with_time: bool) -> str:
    day = f"{at.day} {_MONTHS_SHORT[normalise(lang)][at.month - 1]}"
    return f"{day}\n{at:%H:%M}" if with_time else day


def trend_chart(data: ReportData, path: Path, lang: str = "en", tz_name: str = "UTC") -> Path:
    """Availability per bucket over exactly the period asked, 0-100 %, with the period's average dashed.

    The axis runs from the period's start to its end in the city's zone whatever history there is; the part
    before the first stored verdict is shaded "no history", so a short history cannot pass for a long one.
    """
    def t(text: str) -> str:
        return report_tr(text, lang)

    tz = zone(tz_name) if tz_name and tz_name != "UTC" else dt.UTC
    fig = Figure(figsize=(8, 3), dpi=150)  # Agg without pyplot: no global state, safe on a worker thread
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    start, end = (dt.datetime.fromtimestamp(x, tz) for x in (data.start, data.period_end))

    def x(ts: float) -> float:  # matplotlib's date numbers: one kind of x everywhere, history or none
        return float(mdates.date2num(dt.datetime.fromtimestamp(ts, tz)))

    points = [(x(at), r * 100) for at, r in data.series if r is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color="#0072b2", linewidth=1.8, marker="o" if len(xs) < 40 else None, markersize=3)
        ax.fill_between(xs, ys, 0, color="#0072b2", alpha=0.12)
    gap_end = data.end if data.history_from is None else max(data.start, min(data.history_from, data.end))
    if gap_end > data.start:
        ax.axvspan(x(data.start), x(gap_end), color="#9aa5b1", alpha=0.25, label=t("no history"))
    if data.overall is not None:
        ax.axhline(data.overall * 100, color="#d55e00", linestyle="--", linewidth=1,
                   label=t("period average {}").format(format_percent(data.overall, lang)))  # fmt: skip
    if gap_end > data.start or data.overall is not None:
        ax.legend(loc="lower left", fontsize=8, frameon=True)
    ax.set_xlim(x(data.start), x(data.period_end))
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("availability %"))
    locator = mdates.AutoDateLocator(tz=tz, minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    with_time = data.period_end - data.start <= 3 * 86400
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda x, _pos: _axis_label(mdates.num2date(x, tz), lang, with_time)))  # fmt: skip
    first = _axis_label(start, lang, True).replace("\n", " ")
    last = _axis_label(end, lang, True).replace("\n", " ")
    ax.set_xlabel(t("{} to {} ({})").format(first, last, zone_label(tz_name or "UTC", start)), fontsize=8)
    ax.grid(True, alpha=0.3)
    ax.set_title(t("Availability over the period"), fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    return path


def areas_chart(data: ReportData, path: Path, lang: str = "en") -> Path:
    """The worst areas as horizontal bars, worst on top."""
    rows = [a for a in data.areas if a.ratio is not None][:15]
    fig = Figure(figsize=(8, max(2.0, 0.28 * len(rows) + 1)), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    labels = [a.area for a in rows][::-1]
    values = [(a.ratio or 0.0) * 100 for a in rows][::-1]
    colours = ["#d55e00" if v < 80 else "#e69f00" if v < 95 else "#009e73" for v in values]
    ax.barh(labels, values, color=colours)
    for y, v in enumerate(values):
        ax.text(min(v + 1, 92), y, f"{format_number(v, lang, 1)} %", va="center", fontsize=7)
    ax.set_xlim(0, 100)
    ax.set_xlabel(report_tr("availability %", lang))
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(report_tr("Worst areas", lang), fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    return path


def render_report(data: ReportData, out: Path, *, charts_dir: Path | None = None, lang: str = "en",
                  tz_name: str = "") -> ReportFiles:
    """Write the PDF at ``out``, the charts as PNG beside it (or in ``charts_dir``) and the dark list as CSV.

    ``lang`` "id" writes it in Bahasa Indonesia (domain/i18n.py); ``tz_name`` (e.g. Asia/Jakarta) shows
    times in the city's zone instead of UTC.
    """
    lang = normalise(lang)

    def t(text: str) -> str:
        return report_tr(text, lang)

    def when(ts: float) -> str:
        return format_datetime(ts, lang, tz_name) if tz_name or lang == "id" else _when(ts)

    def num(n: float) -> str:
        return format_number(n, lang)

    charts_dir = charts_dir or out.parent
    charts_dir.mkdir(parents=True, exist_ok=True)
    trend = trend_chart(data, charts_dir / f"{out.stem}-trend.png", lang, tz_name or "UTC")
    worst = areas_chart(data, charts_dir / f"{out.stem}-areas.png", lang)
    dark_csv = out.with_name(f"{out.stem}-dark.csv")
    dark_csv.write_text(maintenance_csv(data.dark, lang, tz_name), encoding="utf-8")
    sheet = pdf.styles()
    where = data.area or t("whole city")
    title = t("Camera availability report - {}").format(where)
    counts = data.counts
    story = [
        pdf.para(title, sheet["Title"]),
        pdf.key_values([
            (t("Period"), t("{} to {}").format(when(data.start), when(data.period_end))),
            (t("Data coverage"), coverage_text(data, lang, when)),
            (t("Area"), where),
            (t("Availability"), t("{} of camera-time (live over live + dark; disabled and never-checked cameras "
                                  "are left out)").format(format_percent(data.overall, lang))),
            (t("Cameras"), t("{} in the register: {} live, {} dark, {} disabled or not checked").format(
                num(counts.total), num(counts.live), num(counts.dark), num(counts.total - counts.live - counts.dark))),
            (t("Online now"), t("{} of the cameras with a verdict, at {}").format(
                format_percent(counts.live_ratio, lang), when(data.generated))),
            (t("Dark now"), t("{} cameras; longest {}").format(num(len(data.dark)),
                                                                format_duration(data.dark[0].hours, lang))
             if data.dark else t("none")),
            (t("Full dark list"), t("appendix of this report and {} beside it").format(dark_csv.name)),
            (t("Generated"), when(data.generated)),
        ], sheet),
        pdf.gap(),
        pdf.para(t("Trend"), sheet["Heading2"]),
        pdf.image(trend, pdf.CONTENT_WIDTH, 70 * mm),
        pdf.para(t("Worst areas"), sheet["Heading2"]),
        pdf.image(worst, pdf.CONTENT_WIDTH, 110 * mm),
        pdf.data_table([t("Area"), t("Cameras"), t("Availability"), t("Camera-hours dark")],
                       [[a.area, num(a.cameras), format_percent(a.ratio, lang), format_number(a.down_hours, lang, 1)]
                        for a in data.areas[:AREA_ROWS]],
                       sheet, widths=[80 * mm, 25 * mm, 35 * mm, 40 * mm]),
        pdf.gap(),
        pdf.para(t("Cameras dark now, longest first"), sheet["Heading2"]),
    ]
    if data.dark:
        story.append(dark_table(data.dark[:DARK_ROWS], lang, sheet))
        if len(data.dark) > DARK_ROWS:
            story.append(pdf.para(t("... and {} more: all of them are in the appendix.").format(
                num(len(data.dark) - DARK_ROWS)), sheet["Small"]))
            story += [PageBreak(), pdf.para(t("Appendix: every camera dark now"), sheet["Heading2"]),
                      dark_table(data.dark[:APPENDIX_ROWS], lang, sheet)]
            if len(data.dark) > APPENDIX_ROWS:
                story.append(pdf.para(t("... and {} more in {}.").format(
                    num(len(data.dark) - APPENDIX_ROWS), dark_csv.name), sheet["Small"]))
    else:
        story.append(pdf.para(t("No camera is dark."), sheet["BodyText"]))
    decor = pdf.PageDecor(f"videowall - {title}", t("Availability = live time / (live + dark time)."),
                          page_of=t("page {n} of {total}"))
    pdf.build(out, story, decor, title=title, author="videowall")
    return ReportFiles(out, (trend, worst), dark_csv)


def dark_table(rows: Sequence[DarkCamera], lang: str, sheet: StyleSheet1) -> Flowable:
    """Camera, name, area, what is wrong in words, how long: the columns a technician works from."""
    def t(text: str) -> str:
        return report_tr(text, lang)

    return pdf.data_table(
        [t("Camera"), t("Name"), t("Area"), t("What is wrong"), t("Dark for")],
        [[d.camera.id, d.camera.name, d.camera.area.label(), health_text(d.state, d.reason, lang),
          format_duration(d.hours, lang)] for d in rows],
        sheet, widths=[38 * mm, 36 * mm, 40 * mm, 40 * mm, 26 * mm],
    )  # fmt: skip


def coverage_text(data: ReportData, lang: str, when: Callable[[float], str]) -> str:
    """'History covers 1 min of the 7 days asked (first verdict ..., last check ...)': how far to trust the figure."""
    def t(text: str) -> str:
        return report_tr(text, lang)

    asked = format_span(data.period_end - data.start, lang)
    if data.history_from is None or data.covered <= 0:
        return t("No health history in the {} asked: the figures are not known. Run a sweep first.").format(asked)
    checks = t("first verdict {}, last check {}").format(when(max(data.history_from, data.start)),
                                                        when(data.last_check or data.end))  # fmt: skip
    if data.fully_covered:
        return t("History covers the whole {} asked ({}).").format(asked, checks)
    return t("History covers {} of the {} asked ({}); the figures are for that time only.").format(
        format_duration(data.covered / 3600, lang), asked, checks)

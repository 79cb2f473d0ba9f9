"""The availability report for officials: a PDF (and its PNG charts) for one period and area.

Takes ``ReportData`` (plain numbers, worked out in services from health history) and only draws:
matplotlib's Agg backend for the charts, the shared reportlab helpers in ``evidence.pdf`` for pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.lib.units import mm

from videowall.domain.dashboard import ReportData, format_duration
from videowall.domain.i18n import format_datetime, format_number, report_tr
from videowall.evidence import pdf

DARK_ROWS = 60  # longest-dark cameras listed; the maintenance CSV from the dashboard has them all
AREA_ROWS = 25


@dataclass(frozen=True, slots=True)
class ReportFiles:
    pdf: Path
    charts: tuple[Path, ...]


def _when(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _pct(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio * 100:.1f} %"


def trend_chart(data: ReportData, path: Path) -> Path:
    """Availability per bucket over the period, 0-100 %, with the period's average as a dashed line."""
    fig = Figure(figsize=(8, 3), dpi=150)  # Agg without pyplot: no global state, safe on a worker thread
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    points = [(dt.datetime.fromtimestamp(t, dt.UTC), r * 100) for t, r in data.series if r is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color="#0072b2", linewidth=1.8, marker="o" if len(xs) < 40 else None, markersize=3)
        ax.fill_between(xs, ys, 0, color="#0072b2", alpha=0.12)
    if data.overall is not None:
        ax.axhline(data.overall * 100, color="#d55e00", linestyle="--", linewidth=1,
                   label=f"period average {data.overall * 100:.1f} %")  # fmt: skip
        ax.legend(loc="lower left", fontsize=8, frameon=False)
    ax.set_ylim(0, 100)
    ax.set_ylabel("availability %")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%H:%M"))
    ax.grid(True, alpha=0.3)
    ax.set_title("Availability over the period", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    return path


def areas_chart(data: ReportData, path: Path) -> Path:
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
        ax.text(min(v + 1, 92), y, f"{v:.1f} %", va="center", fontsize=7)
    ax.set_xlim(0, 100)
    ax.set_xlabel("availability %")
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title("Worst areas", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    return path


def render_report(data: ReportData, out: Path, *, charts_dir: Path | None = None, lang: str = "en",
                  tz_name: str = "") -> ReportFiles:
    """Write the PDF at ``out`` and the charts as PNG beside it (or in ``charts_dir``).

    ``lang`` "id" writes it in Bahasa Indonesia (domain/i18n.py); ``tz_name`` (e.g. Asia/Jakarta) shows
    times in the city's zone instead of UTC.
    """
    def t(text: str) -> str:
        return report_tr(text, lang)

    def when(ts: float) -> str:
        return format_datetime(ts, lang, tz_name) if tz_name or lang == "id" else _when(ts)

    def pct(ratio: float | None) -> str:
        return t("n/a") if ratio is None else f"{format_number(ratio * 100, lang, 1)} %"

    charts_dir = charts_dir or out.parent
    charts_dir.mkdir(parents=True, exist_ok=True)
    trend = trend_chart(data, charts_dir / f"{out.stem}-trend.png")
    worst = areas_chart(data, charts_dir / f"{out.stem}-areas.png")
    sheet = pdf.styles()
    where = data.area or t("whole city")
    title = t("Camera availability report - {}").format(where)
    counts = data.counts
    story = [
        pdf.para(title, sheet["Title"]),
        pdf.key_values([
            (t("Period"), t("{} to {}").format(when(data.start), when(data.end))),
            (t("Area"), where),
            (t("Availability"), t("{} of camera-time (live over live + dark; disabled and never-checked cameras "
                                  "are left out)").format(pct(data.overall))),
            (t("Cameras"), t("{} in the register: {} live, {} dark, {} disabled or not checked").format(
                counts.total, counts.live, counts.dark, counts.total - counts.live - counts.dark)),
            (t("Dark now"), t("{} cameras; longest {}").format(len(data.dark), format_duration(data.dark[0].hours))
             if data.dark else t("none")),
            (t("Generated"), when(data.generated)),
        ], sheet),
        pdf.gap(),
        pdf.para(t("Trend"), sheet["Heading2"]),
        pdf.image(trend, pdf.CONTENT_WIDTH, 70 * mm),
        pdf.para(t("Worst areas"), sheet["Heading2"]),
        pdf.image(worst, pdf.CONTENT_WIDTH, 110 * mm),
        pdf.data_table([t("Area"), t("Cameras"), t("Availability"), t("Camera-hours dark")],
                       [[a.area, str(a.cameras), pct(a.ratio), format_number(a.down_hours, lang, 1)]
                        for a in data.areas[:AREA_ROWS]],
                       sheet, widths=[80 * mm, 25 * mm, 35 * mm, 40 * mm]),
        pdf.gap(),
        pdf.para(t("Cameras dark now, longest first"), sheet["Heading2"]),
    ]
    if data.dark:
        story.append(pdf.data_table(
            [t("Camera"), t("Name"), t("Area"), t("State"), t("Dark for")],
            [[d.camera.id, d.camera.name, d.camera.area.label(), f"{d.state.value} {d.reason}".strip(),
              format_duration(d.hours)] for d in data.dark[:DARK_ROWS]],
            sheet, widths=[38 * mm, 42 * mm, 50 * mm, 30 * mm, 20 * mm],
        ))  # fmt: skip
        if len(data.dark) > DARK_ROWS:
            story.append(pdf.para(t("... and {} more (export the maintenance list from the dashboard for all of "
                                    "them).").format(len(data.dark) - DARK_ROWS), sheet["Small"]))  # fmt: skip
    else:
        story.append(pdf.para(t("No camera is dark."), sheet["BodyText"]))
    decor = pdf.PageDecor(f"videowall - {title}", t("Availability = live time / (live + dark time)."))
    pdf.build(out, story, decor, title=title, author="videowall")
    return ReportFiles(out, (trend, worst))

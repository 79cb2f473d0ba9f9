"""The non-video slides of a briefing: big-number KPI card, neutral cards, and the clock/title bar.

Sizes follow the widget's height, so the same slide reads from the back of a room on a 4K wall and on a
laptop projector. Numbers and dates use the chosen language (domain/i18n.py) and the city's time zone.
"""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from videowall.domain.figures import Figures
from videowall.domain.i18n import format_date, format_number, format_percent, format_time, zone_label
from videowall.ui.availability_chart import AvailabilityChart

BACKGROUND = QColor("#05070a")
TEXT = QColor("#f2f5f8")
MUTED = QColor("#9aa7b4")
ACCENT = QColor("#56b4e9")


def scaled_font(base: QFont, px: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(9, int(px)))
    font.setBold(bold)
    return font


class KpiCard(QWidget):
    """Four big numbers (cameras, online now, offline now, offline for more than a day) and when they hold.

    The numbers are ``domain.figures.Figures``: the same function and the same read as the dashboard, the
    map and chart slides and the report, so they agree; the line under them says the moment they are from.
    """

    def __init__(self, lang: str, tz_name: str = "Asia/Jakarta", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang, self._tz = lang, tz_name
        self.figures: Figures | None = None

    def set_figures(self, figures: Figures | None) -> None:
        self.figures = figures
        self.update()

    def cells(self) -> list[tuple[str, str, QColor]]:
        f = self.figures
        if f is None:
            return []
        lang = self._lang
        return [
            (format_number(f.cameras, lang), self.tr("cameras in the register"), TEXT),
            (format_percent(f.online_ratio, lang), self.tr("online now"), QColor("#2ecc71")),
            (format_number(f.dark, lang), self.tr("offline now"), QColor("#ff5b5b")),
            (format_number(f.dark_long, lang), self.tr("offline for more than 24 hours"), QColor("#e69f00")),
        ]

    def note(self) -> str:
        """'Figures at 10:21 WIB · availability over the last 24 hours 74,2 %': the moment and the period."""
        f = self.figures
        if f is None:
            return ""
        return figures_note(self, f, self._lang, self._tz)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), BACKGROUND)
        cells = self.cells()
        if not cells:
            p.setPen(MUTED)
            p.setFont(scaled_font(self.font(), self.height() / 20))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Loading figures..."))
            return
        foot = self.height() * 0.08
        w, h = self.width() / 2, (self.height() - foot) / 2
        for i, (value, label, color) in enumerate(cells):
            box = QRectF((i % 2) * w, (i // 2) * h, w, h).adjusted(24, 24, -24, -24)
            p.fillRect(box, QColor("#10161d"))
            p.setPen(color)
            p.setFont(scaled_font(self.font(), box.height() * 0.42, bold=True))
            p.drawText(box.adjusted(0, 0, 0, -box.height() * 0.3), Qt.AlignmentFlag.AlignCenter, value)
            p.setPen(MUTED)
            p.setFont(scaled_font(self.font(), box.height() * 0.1))
            p.drawText(box.adjusted(16, box.height() * 0.66, -16, 0),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, label)
        p.setPen(MUTED)
        p.setFont(scaled_font(self.font(), foot * 0.45))
        p.drawText(QRectF(24, self.height() - foot, self.width() - 48, foot), Qt.AlignmentFlag.AlignCenter,
                   self.note())


def _tr(text: str) -> str:
    return QCoreApplication.translate("BriefingFigures", text)


def figures_stamp(f: Figures, tz_name: str) -> str:
    """'Figures at 10:21 WIB': the moment every figure on the slide holds for."""
    at = dt.datetime.fromtimestamp(f.at, dt.UTC)
    return _tr("Figures at %1 %2").replace("%1", format_time(f.at, tz_name, seconds=False)) \
        .replace("%2", zone_label(tz_name, at))


def availability_text(f: Figures, lang: str) -> str:
    """'availability over the last 24 hours: 74,2 %' (camera-time, the same figure as the dashboard and report)."""
    hours = max(1, round((f.at - f.period_start) / 3600))
    return _tr("availability over the last %1 hours: %2").replace("%1", format_number(hours, lang)) \
        .replace("%2", format_percent(f.availability, lang))


def figures_note(_ctx: QWidget, f: Figures, lang: str, tz_name: str) -> str:
    """The moment of the figures and the period of the availability, in the slide's language and zone."""
    return f"{figures_stamp(f, tz_name)} · {availability_text(f, lang)}"


class ScaledChart(QWidget):
    """The console's availability chart drawn larger (painter scale, so text stays vector-sharp)."""

    BASE_HEIGHT = 330.0  # the chart's own fonts suit about this height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = AvailabilityChart()  # never shown itself: rendered into this widget

    def paintEvent(self, _event: QPaintEvent) -> None:
        scale = max(1.0, self.height() / self.BASE_HEIGHT)
        self.chart.resize(int(self.width() / scale), int(self.height() / scale))
        p = QPainter(self)
        p.scale(scale, scale)
        self.chart.render(p, QPoint(0, 0))


class MessageCard(QWidget):
    """A neutral card: a slide that cannot show (no clip, no map) or a camera not shown in briefings."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text

    def set_text(self, text: str) -> None:
        self.text = text
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0e1318"))
        p.setPen(QColor("#2a333d"))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.setPen(MUTED)
        p.setFont(scaled_font(self.font(), max(12.0, min(self.height() / 9, self.width() / 16))))
        p.drawText(QRectF(self.rect()).adjusted(12, 12, -12, -12),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)


def paint_unavailable(p: QPainter, area: QRect, base: QFont, text: str, detail: str = "") -> None:
    """A briefing tile that is not live: one plain sentence, centred, and the reason only when asked for."""
    big = scaled_font(base, max(14.0, min(40.0, area.height() / 9)), bold=True)
    p.setFont(big)
    p.setPen(MUTED)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    if not detail:
        p.drawText(area, int(flags), text)
        return
    half = area.height() // 2
    p.drawText(QRect(area.x(), area.y(), area.width(), half), int(Qt.AlignmentFlag.AlignHCenter
               | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap), text)  # fmt: skip
    p.setFont(scaled_font(base, big.pixelSize() * 0.55))
    p.drawText(QRect(area.x(), area.y() + half + 6, area.width(), half - 6), int(Qt.AlignmentFlag.AlignHCenter
               | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), detail)  # fmt: skip


class TitleBar(QWidget):
    """Briefing and slide title on the left, slide number, date and clock (city time zone) on the right."""

    def __init__(self, lang: str, tz_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang, self._tz = lang, tz_name
        self.title = ""
        self.position = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.update)
        self._timer.start(1000)

    def set_text(self, title: str, position: str) -> None:
        self.title, self.position = title, position
        self.update()

    def clock_text(self, now: float | None = None) -> str:
        now = time.time() if now is None else now
        label = zone_label(self._tz, dt.datetime.now(dt.UTC))
        return f"{format_date(now, self._lang, self._tz)}   {format_time(now, self._tz)} {label}"

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b1016"))
        p.fillRect(0, self.height() - 3, self.width(), 3, ACCENT)
        pad = self.height() * 0.3
        p.setPen(TEXT)
        p.setFont(scaled_font(self.font(), self.height() * 0.42, bold=True))
        clock = self.clock_text()
        right = p.fontMetrics().horizontalAdvance(clock) + 2 * pad
        small = scaled_font(self.font(), self.height() * 0.32)
        p.setFont(small)
        middle = p.fontMetrics().horizontalAdvance(self.position) + 2 * pad
        big = scaled_font(self.font(), self.height() * 0.42, bold=True)
        p.setFont(big)
        if p.fontMetrics().horizontalAdvance(self.title) + middle > self.width() - right - pad:
            middle = 0.0  # a narrow bar (the editor's preview): the title before the slide number
        room = int(self.width() - right - middle - pad)  # the title takes what the slide number and clock leave
        p.setPen(TEXT)
        p.drawText(QRectF(pad, 0, room, self.height()), Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, room))
        p.drawText(QRectF(self.width() - right, 0, right - pad, self.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, clock)
        p.setPen(MUTED)
        p.setFont(small)
        p.drawText(QRectF(self.width() - right - middle, 0, middle, self.height()),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self.position)

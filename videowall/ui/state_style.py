"""How each stream state looks: colour, shape and words. Shapes differ so colour is never the only cue."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from videowall.domain.stream_state import StreamState, TileStatus


def _tr(text: str) -> str:
    return QCoreApplication.translate("TileState", text)


@dataclass(frozen=True)
class StateStyle:
    color: str
    label: str
    shape: str  # dot, ring, arrows, cross, square, bars, slash

    def headline(self, _ctx: QObject) -> str:
        return _tr(self.label).upper()

    def paint_icon(self, p: QPainter, r: QRect) -> None:
        color = QColor(self.color)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        rf = QRectF(r)
        _SHAPES[self.shape](p, rf, color)
        p.restore()


def _dot(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawEllipse(r.adjusted(2, 2, -2, -2))


def _ring(p: QPainter, r: QRectF, c: QColor) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(c, max(1.5, r.width() / 7)))
    p.drawEllipse(r.adjusted(3, 3, -3, -3))


def _triangle(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawPolygon(QPolygonF([QPointF(r.center().x(), r.top() + 1), r.bottomRight() + QPointF(-1, -1),
                             r.bottomLeft() + QPointF(1, -1)]))


def _cross(p: QPainter, r: QRectF, c: QColor) -> None:
    p.setPen(QPen(c, max(2.0, r.width() / 5)))
    a = r.adjusted(3, 3, -3, -3)
    p.drawLine(a.topLeft(), a.bottomRight())
    p.drawLine(a.topRight(), a.bottomLeft())


def _square(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawRect(r.adjusted(3, 3, -3, -3))


def _bars(p: QPainter, r: QRectF, c: QColor) -> None:
    w = r.width() / 5
    p.drawRect(QRectF(r.left() + w, r.top() + 2, w, r.height() - 4))
    p.drawRect(QRectF(r.left() + 3 * w, r.top() + 2, w, r.height() - 4))


def _slash(p: QPainter, r: QRectF, c: QColor) -> None:
    _ring(p, r, c)
    p.drawLine(r.adjusted(4, 4, -4, -4).topRight(), r.adjusted(4, 4, -4, -4).bottomLeft())


_SHAPES: dict[str, Callable[[QPainter, QRectF, QColor], None]] = {
    "dot": _dot, "ring": _ring, "triangle": _triangle, "cross": _cross, "square": _square, "bars": _bars,
    "slash": _slash,
}

# Okabe-Ito inspired palette: distinguishable with the common colour-vision deficiencies.
STATE_STYLE: dict[StreamState, StateStyle] = {
    StreamState.LIVE: StateStyle("#2ecc71", "Live", "dot"),
    StreamState.CONNECTING: StateStyle("#56b4e9", "Connecting", "ring"),
    StreamState.RECONNECTING: StateStyle("#e69f00", "Reconnecting", "triangle"),
    StreamState.OFFLINE: StateStyle("#ff5b5b", "Offline", "cross"),
    StreamState.NO_VIDEO: StateStyle("#cc79a7", "No video", "square"),
    StreamState.FROZEN: StateStyle("#f0e442", "Frozen", "bars"),
    StreamState.DISABLED: StateStyle("#8a96a3", "Disabled", "slash"),
    StreamState.QUARANTINED: StateStyle("#d55e00", "Quarantined", "slash"),
    StreamState.NEEDS_REFERENCE: StateStyle("#9db4ff", "Needs reference", "slash"),
    StreamState.NOT_PERMITTED: StateStyle("#8a96a3", "Not permitted", "slash"),
    StreamState.LOCKED: StateStyle("#8a96a3", "Locked", "slash"),
}

_REASONS = {
    "refused": "connection refused",
    "not_found": "not found",
    "timeout": "timeout",
    "authentication": "authentication failed",
    "unsupported_codec": "unsupported codec",
    "stream_ended": "stream ended",
    "no_data": "no data",
    "error": "error",
}


def state_text(_ctx: QObject, status: TileStatus, stream: str, fps: float, reduced: int | None = None) -> str:
    """One line for the badge: state, reason, countdown, stream and measured rate; ``reduced``: the tile
    is too small to show every picture and shows at most that many a second (it says so)."""
    label = _tr(STATE_STYLE[status.state].label)
    parts = [label]
    if status.reason is not None:
        parts.append(_tr(_REASONS.get(status.reason.value, status.reason.value)))
    elif status.detail and status.state not in (StreamState.LIVE,):
        parts.append(_tr(status.detail))
    if status.retry_at is not None:
        left = max(0, round(status.retry_at - time.monotonic()))
        parts.append(_tr("retry in %n s").replace("%n", str(left)))
    if status.state is StreamState.LIVE and reduced is not None:
        parts.append(f"{stream} " + _tr("%n fps, reduced: small tile").replace("%n", f"{fps:.0f}"))
    elif status.state is StreamState.LIVE:
        parts.append(f"{stream} {fps:.0f} fps" if fps else stream)
    return " · ".join(parts)


def countdown_text(_ctx: QObject, status: TileStatus) -> str | None:
    """The real time to the next reconnect attempt, or that one is under way; None when none is planned."""
    if status.retry_at is not None:
        left = max(0, round(status.retry_at - time.monotonic()))
        return _tr("next try in %n s").replace("%n", str(left))
    if status.state is StreamState.RECONNECTING:
        # attempt counts the failures; the first was the loss itself, so this is reconnect try number attempt
        return _tr("trying again now (attempt %n)").replace("%n", str(max(1, status.attempt)))
    return None


def center_lines(ctx: QObject, status: TileStatus, last_picture_at: float | None) -> list[str]:
    """The lines under a not-live tile's headline: countdown, then when the kept picture was taken."""
    lines = [t for t in (countdown_text(ctx, status),) if t]
    if last_picture_at is not None:
        stamp = time.strftime("%H:%M:%S", time.localtime(last_picture_at))
        lines.append(_tr("last picture %1").replace("%1", stamp))
    return lines

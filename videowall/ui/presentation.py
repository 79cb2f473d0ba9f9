"""Presentation mode: a briefing shown full screen on a projector or the wall, stepped with a clicker.

No operator chrome: a title bar with the clock, then the slide. PageDown / Right / Space go forward,
PageUp / Left back, Esc closes. Past the last slide an end card shows; going on from it starts again.
Privacy is forced on by the BriefingGuard the app passes in: a camera that may not be shown in a
briefing (private, quarantined) never reaches a tile; its place shows a neutral card instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.camera import Camera
from videowall.domain.grid import GridShape, preset, uniform
from videowall.domain.i18n import format_percent
from videowall.domain.layout import Layout
from videowall.domain.stream_state import StreamState
from videowall.services.briefing_service import BriefingGuard, BriefingService, RecordedClip
from videowall.services.city import DashboardData
from videowall.services.live import TileReport
from videowall.services.operations import deliver
from videowall.services.wall_control import WallController
from videowall.ui.briefing_slides import KpiCard, MessageCard, ScaledChart, TitleBar, availability_text, figures_stamp
from videowall.ui.wall_view import WallView

log = logging.getLogger(__name__)
HOLD_S = 4.0  # a camera slide waits at most this long for its cameras' first pictures
HOLD_POLL_MS = 100
FIGURE_SLIDES = frozenset({SlideKind.KPI, SlideKind.AVAILABILITY, SlideKind.HEALTH_MAP})  # show Figures
MakeWall = Callable[[Callable[[WallView], None], Callable[[TileReport], None]], WallController]


@dataclass
class PresentationParts:
    """What the app hands the presentation (the window constructs nothing concrete itself)."""

    service: BriefingService
    guard: BriefingGuard
    camera: Callable[[str], Camera | None]
    load_layout: Callable[[str], Any]  # name -> Future[Layout | None]
    run_blocking: Callable[[Callable[[], Any]], Any]  # fn -> a future (add_done_callback)
    post: Callable[[Callable[[], None]], object]  # run on the UI thread
    make_wall: MakeWall | None = None
    clip_view: Callable[[QWidget], Any] | None = None  # parent -> ClipView (libVLC), when evidence exists
    lang: str = "en"
    tz_name: str = "Asia/Jakarta"


class PresentationWindow(QWidget):
    slide_changed = Signal(int)  # the slide index; -1 is the end card

    def __init__(self, briefing: Briefing, parts: PresentationParts, parent: QWidget | None = None,
                 preview: bool = False) -> None:
        super().__init__(parent)
        self.briefing = briefing
        self.parts = parts
        self.preview = preview  # the editor's preview: no keys, no focus taken, no auto-advance
        self.index: int | None = None  # None: the end card
        self.setWindowTitle(self.tr("Briefing: %1").replace("%1", briefing.title or briefing.name))
        self.setStyleSheet("background: #05070a;")
        if not preview:
            self.setCursor(Qt.CursorShape.BlankCursor)
        self.bar = TitleBar(parts.lang, parts.tz_name)
        self.stack = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.bar)
        lay.addWidget(self.stack, 1)
        self._pages: dict[str, QWidget] = {}
        self.controller: WallController | None = None
        self.wall: WallView | None = None
        self._cards: dict[int, MessageCard] = {}
        self._data: DashboardData | None = None
        self._periods: dict[float, DashboardData] = {}  # availability slides of other periods than 24 hours
        self._asked: set[float] = set()
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.timeout.connect(lambda: self.go(+1))
        self._hold = QTimer(self)  # a camera slide is revealed when its tiles are live, or after HOLD_S
        self._hold.timeout.connect(self._hold_tick)
        self._hold_until = 0.0
        self._waiting: list[int] | None = None  # tiles of the slide being prepared to wait for (None: not set yet)
        self.details = False  # key I: briefing tiles say why a camera is unavailable
        self._refresh = QTimer(self)
        self._refresh.timeout.connect(self._load_data)
        self._refresh.start(30_000)  # figures follow the sweeps while a briefing runs
        self.on_closed: list[Callable[[], object]] = []
        self._load_data()
        self.show_slide(0)

    # --- navigation -------------------------------------------------------------------------------
    def go(self, direction: int) -> None:
        """Next/previous slide; past the last, the end card; from the end card, start again."""
        if self.index is None:
            self.show_slide(0 if direction > 0 else len(self.briefing.slides) - 1)
            return
        nxt = self.briefing.step(self.index, direction)
        self.show_end() if nxt is None else self.show_slide(nxt)

    def show_draft(self, briefing: Briefing, index: int) -> None:
        """The editor's preview: slide ``index`` of the briefing being edited, exactly as it will show.

        A change of words only (titles, notes, timing) redraws the title bar: the cameras keep playing.
        """
        before = self.briefing.slides[self.index] if self.index is not None else None
        self.briefing = briefing
        slide = briefing.slides[index]
        if before is not None and index == self.index and \
                replace(before, title=slide.title, notes=slide.notes, seconds=slide.seconds) == slide:
            self._set_bar(slide, index)
            return
        self.show_slide(index)

    def _set_bar(self, slide: Slide, index: int) -> None:
        name = self.briefing.title or self.briefing.name
        self.bar.set_text(f"{name}  ·  {slide.title or self._kind_title(slide.kind)}", self._position(slide, index))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.preview:
            event.ignore()  # the editor's keys (Esc closes the editor, not its preview)
            return
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.go(+1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.go(-1)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Q):
            self.close()
        elif key == Qt.Key.Key_I:  # the reason a camera is unavailable, on request only
            self.details = not self.details
            for tile in self.wall.tiles if self.wall is not None else []:
                tile.details = self.details
                tile.update()
        else:
            super().keyPressEvent(event)

    def show_slide(self, index: int) -> None:
        self.index = index
        slide = self.briefing.slides[index]
        self._set_bar(slide, index)
        self._auto.stop()
        self._hold.stop()
        self._render(slide)
        if not self._hold.isActive():
            self._revealed(slide)
        self.slide_changed.emit(index)

    def _revealed(self, slide: Slide) -> None:
        """The slide is on screen: its own time starts now (never while its cameras are still connecting)."""
        if slide.seconds > 0 and not self.preview:
            self._auto.start(int(slide.seconds * 1000))

    def _position(self, slide: Slide, index: int) -> str:
        """'Slide 2 of 5', and on a slide of figures the moment they hold for ('Figures at 10:21 WIB')."""
        text = self.tr("Slide %1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(self.briefing.slides)))
        if slide.kind in FIGURE_SLIDES and self._data is not None:
            text = f"{figures_stamp(self._data.figures, self.parts.tz_name)}   {text}"
        return text

    def _render(self, slide: Slide) -> None:
        {SlideKind.CAMERAS: self._show_cameras, SlideKind.HEALTH_MAP: self._show_map,
         SlideKind.AVAILABILITY: self._show_chart, SlideKind.KPI: self._show_kpi,
         SlideKind.CLIP: self._show_clip}[slide.kind](slide)

    def show_end(self) -> None:
        self.index = None
        self._auto.stop()
        self._hold.stop()
        self.bar.set_text(self.briefing.title or self.briefing.name, "")
        page = self._page("end", lambda: MessageCard())
        assert isinstance(page, MessageCard)
        page.set_text(self.tr("End of the briefing.\nPage Down starts again, Esc closes."))
        self.slide_changed.emit(-1)

    def _kind_title(self, kind: SlideKind) -> str:
        return {SlideKind.CAMERAS: self.tr("Live cameras"), SlideKind.HEALTH_MAP: self.tr("Camera health map"),
                SlideKind.AVAILABILITY: self.tr("Availability"), SlideKind.KPI: self.tr("Key figures"),
                SlideKind.CLIP: self.tr("Recorded incident")}[kind]

    def _page(self, key: str, build: Callable[[], QWidget], current: bool = True) -> QWidget:
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = build()
            self.stack.addWidget(page)
        if current:
            self.stack.setCurrentWidget(page)
        return page

    # --- slides ------------------------------------------------------------------------------------
    def _show_cameras(self, slide: Slide) -> None:
        if self.parts.make_wall is None:
            self._page("nowall", lambda: MessageCard(self.tr("Live video is not available here")))
            return
        self._page("wall", self._build_wall, current=False)  # revealed once its tiles are live (_hold_tick)
        hold = self._page("hold", lambda: MessageCard())
        assert isinstance(hold, MessageCard)
        hold.set_text(slide.title or self._kind_title(slide.kind))
        self._hold_until = time.monotonic() + HOLD_S
        self._waiting = None
        self._hold.start(HOLD_POLL_MS)
        layout = slide.layout.strip()
        if layout and preset(layout) is None:  # a saved layout: read it on the writer
            deliver(self.parts.load_layout(layout), self._post, lambda saved: self._apply_saved(slide, saved),
                    lambda exc: log.warning("layout %r of a briefing slide not read: %s", layout, exc))
            return
        count = len(slide.cameras)
        shape = preset(layout) if layout else uniform(*_fit(count))
        assert shape is not None
        self._apply(shape, list(slide.cameras))

    def _apply_saved(self, slide: Slide, layout: Layout | None) -> None:
        current = self.briefing.slides[self.index] if self.index is not None else None
        if current is None or current.kind is not SlideKind.CAMERAS or current.layout != slide.layout:
            return  # the presenter moved on meanwhile (or the editor chose another layout)
        if layout is None:
            self._hold.stop()
            card = self._page("nolayout", lambda: MessageCard())
            assert isinstance(card, MessageCard)
            card.set_text(self.tr("Saved layout not found: %1").replace("%1", slide.layout))
            return
        ids: list[str] = [""] * layout.shape.tile_count
        for t in layout.tiles:
            ids[t.index] = t.camera_id
        self._apply(layout.shape, ids)

    def _apply(self, shape: GridShape, ids: list[str]) -> None:
        assert self.controller is not None and self.wall is not None
        cams: list[Camera | None] = []
        blocked: set[int] = set()
        for i, cid in enumerate(ids[: shape.tile_count]):
            cam = self.parts.camera(cid) if cid else None
            if cam is not None and not self.parts.guard.can_show(cam):
                blocked.add(i)  # never handed to a tile: no stream, no name on screen
                cam = None
            cams.append(cam)
        self.controller.apply_shape(shape, cams, keep=False)
        for card in self._cards.values():
            card.deleteLater()
        self._cards = {}
        self._waiting = [i for i, cam in enumerate(cams) if cam is not None]
        for tile in self.wall.tiles:
            tile.audience, tile.details = True, self.details  # officials' words: no fps, badges or countdowns
            tile.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            tile.setAcceptDrops(False)
            tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame: the keys belong to the presentation
        if not self.preview:
            self.setFocus()
        for i in blocked:
            self._cover(i)

    def _hold_tick(self) -> None:
        """Reveal the prepared camera slide once every camera on it is live, or when the hold is over."""
        if self.controller is None or self.index is None:
            self._hold.stop()
            return
        tiles = self.controller.tiles()
        live = self._waiting is not None and all(
            i < len(tiles) and tiles[i].report().status.state is StreamState.LIVE for i in self._waiting)
        if live or time.monotonic() >= self._hold_until:
            self._hold.stop()
            self._page("wall", self._build_wall)
            self._revealed(self.briefing.slides[self.index])

    def _cover(self, index: int) -> None:
        if self.wall is None or index in self._cards or index >= len(self.wall.tiles):
            return
        tile = self.wall.tiles[index]
        card = MessageCard(self.tr("Not shown in briefings"), tile)
        card.setGeometry(tile.rect())
        card.show()
        tile.installEventFilter(self)
        self._cards[index] = card

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.wall is not None:
            for i, card in self._cards.items():
                if i < len(self.wall.tiles) and self.wall.tiles[i] is watched:
                    card.setGeometry(self.wall.tiles[i].rect())
        return False

    def _on_report(self, report: TileReport) -> None:
        # Quarantined or made private mid-briefing: the guard already stopped the stream; hide the tile.
        if report.status.state.withheld_from_audience:
            self._cover(report.index)

    def _build_wall(self) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)

        def attach(view: WallView) -> None:
            self.wall = view
            box.addWidget(view)

        assert self.parts.make_wall is not None
        self.controller = self.parts.make_wall(attach, self._on_report)
        return holder

    def _show_map(self, slide: Slide) -> None:
        page = self._page("map", self._build_map)
        self._fill_map(page, slide.area)

    def _build_map(self) -> QWidget:
        try:
            from videowall.ui.health_map import HealthMap
        except ImportError:  # the city dashboard is not part of this build
            return MessageCard(self.tr("The health map is not available in this version"))
        return HealthMap()

    def _fill_map(self, page: QWidget, area: str = "") -> None:
        """The map's cameras: every listed one, or those of one kecamatan (a slide's ``area``), over the
        dashboard's city plan (outlines, labels and plan image)."""
        if self._data is not None and hasattr(page, "set_data"):
            page.set_data([i for i in self._data.items if self.parts.guard.listed(i.camera)
                           and (not area or i.camera.area.kecamatan == area)])
            if hasattr(page, "set_city_plan"):
                page.set_city_plan(self._data.city_plan)

    def _show_chart(self, slide: Slide) -> None:
        page = self._page("chart", ScaledChart)
        assert isinstance(page, ScaledChart)
        page.chart.title = self.tr("Availability of all cameras, last %1 hours").replace("%1", f"{slide.hours:g}")
        data = self._chart_data(slide.hours)
        if data is not None:
            page.chart.set_series(data.series)
            f = data.figures
            page.chart.headline = self.tr("online now %1 · %2").replace(
                "%1", format_percent(f.online_ratio, self.parts.lang)).replace(
                "%2", availability_text(f, self.parts.lang))
        page.update()

    def _chart_data(self, hours: float) -> DashboardData | None:
        """The figures of an availability slide's own period (the briefing's read covers 24 hours)."""
        if self._data is not None and self._data.hours == hours:
            return self._data
        if hours not in self._asked:
            self._asked.add(hours)
            deliver(self.parts.run_blocking(lambda: self.parts.service.dashboard(hours)), self._post,
                    lambda data: self._period_loaded(hours, data),
                    lambda exc: log.warning("briefing figures for %g hours unavailable: %s", hours, exc))
        return self._periods.get(hours)

    def _post(self, fn: Callable[..., object], *args: object) -> None:
        """The background-work API's delivery (services/operations.py) through the app's UI-thread post."""
        def call() -> None:
            fn(*args)

        self.parts.post(call)

    def _period_loaded(self, hours: float, data: DashboardData) -> None:
        self._periods[hours] = data
        slides = self.briefing.slides
        if self.index is not None and self.index < len(slides) and slides[self.index].kind is SlideKind.AVAILABILITY:
            self._render(slides[self.index])

    def _show_kpi(self, _slide: Slide) -> None:
        page = self._page("kpi", lambda: KpiCard(self.parts.lang, self.parts.tz_name))
        assert isinstance(page, KpiCard)
        page.set_figures(self._data.figures if self._data is not None else None)

    def _show_clip(self, slide: Slide) -> None:
        if self.parts.clip_view is None or slide.bookmark_id is None:
            self._page("noclip", lambda: MessageCard(self.tr("Recorded clips are not available")))
            return
        view = self._page("clip", lambda: self.parts.clip_view(self))  # type: ignore[misc]
        view.show_message(self.tr("Loading the clip..."))  # type: ignore[attr-defined]
        deliver(self.parts.service.clip_path(slide.bookmark_id), self._post, lambda clip: self._open_clip(view, clip),
                lambda _exc: self._open_clip(view, None))

    def _open_clip(self, view: Any, clip: RecordedClip | None) -> None:
        view.open(clip.path if clip else None, clip.camera_id if clip else "", self.tr("No clip for this bookmark"))

    # --- data ----------------------------------------------------------------------------------------
    def _load_data(self) -> None:
        self._asked.clear()  # the other periods are read again at their slide's next showing
        deliver(self.parts.run_blocking(self.parts.service.dashboard), self._post, self._data_loaded,
                lambda exc: log.warning("briefing figures unavailable: %s", exc))  # the briefing goes on

    def _data_loaded(self, data: DashboardData) -> None:
        self._data = data
        if self.index is not None:
            slide = self.briefing.slides[self.index]
            if slide.kind in FIGURE_SLIDES:
                self.bar.set_text(self.bar.title, self._position(slide, self.index))
                self._render(slide)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.bar.setFixedHeight(max(28, min(96, self.height() // 18)))
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._auto.stop()
        self._hold.stop()
        self._refresh.stop()
        clip = self._pages.get("clip")
        if clip is not None and hasattr(clip, "close_player"):
            clip.close_player()
        if self.controller is not None:
            self.controller.close()
        for hook in self.on_closed:
            hook()
        super().closeEvent(event)


def _fit(count: int) -> tuple[int, int]:
    """The smallest grid that holds ``count`` cameras: 1, 1x2, 2x2, 2x3, 3x3, 3x4, 4x4."""
    for rows, cols in ((1, 1), (1, 2), (2, 2), (2, 3), (3, 3), (3, 4), (4, 4)):
        if rows * cols >= count:
            return rows, cols
    return 4, 4

"""The city dashboard: cameras per state at a glance, per kecamatan/kelurahan, the availability trend,
the cameras dark for longer than N hours (a maintenance list) and the health map; "Sweep now" probes
the register in the background (cancellable) and the window refreshes when it ends.

It holds no database or network code: everything arrives through ``DashboardActions`` (async callables
the composition root builds), so the window can be tested with small fakes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import Permission
from videowall.domain.dashboard import DarkCamera, StateCounts, dark_for, maintenance_csv
from videowall.domain.figures import Figures
from videowall.domain.health import HealthState
from videowall.domain.health_words import format_duration, health_text
from videowall.domain.i18n import DEFAULT_TIMEZONE, format_number, format_percent, normalise
from videowall.services.city import DashboardData
from videowall.services.operations import deliver, on_the_loop
from videowall.services.sweep import SweepProgress, SweepResult
from videowall.ui.availability_chart import AvailabilityChart
from videowall.ui.briefing_slides import availability_text, figures_stamp
from videowall.ui.health_map import HEALTH_STYLE, Backdrop, HealthMap
from videowall.ui.refusal_words import refusal_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DashboardActions:
    load: Callable[[], Awaitable[DashboardData]]
    sweep: Callable[[Callable[[SweepProgress], None]], Awaitable[SweepResult]]
    report: Callable[[Path, str], Awaitable[Path]]  # out file, kecamatan ("" = city): last 7 days
    open_camera: Callable[[str], None]
    may: Callable[[Permission], bool] = lambda _permission: True  # the signed-in user's role (buttons shown)
    export_register: Callable[[Path], Awaitable[object]] | None = None  # as the signed-in user, off the UI thread
    tz_name: str = DEFAULT_TIMEZONE  # the city's zone: the maintenance list's times


class _NumberItem(QTableWidgetItem):
    """Sorts by the number it holds, not by its text."""

    def __init__(self, text: str, value: float) -> None:
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        return float(mine or 0) < float(theirs or 0)


class _TreeNumberItem(QTreeWidgetItem):
    def __lt__(self, other: QTreeWidgetItem) -> bool:
        col = self.treeWidget().sortColumn() if self.treeWidget() else 0
        a, b = self.data(col, Qt.ItemDataRole.UserRole), other.data(col, Qt.ItemDataRole.UserRole)
        if a is None or b is None:
            return self.text(col) < other.text(col)
        return float(a) < float(b)


def _lang() -> str:
    """The UI's language as the domain's formatters take it (Language.install sets Qt's default locale)."""
    return normalise(QLocale().name())


def _icon(state: HealthState) -> QPixmap:
    pix = QPixmap(14, 14)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    HEALTH_STYLE[state].paint_icon(p, QRect(0, 0, 14, 14))
    p.end()
    return pix


class DashboardWindow(QWidget):
    def __init__(self, actions: DashboardActions, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("videowall - city dashboard"))
        self.setObjectName("dashboard")
        self._actions = actions
        self._data: DashboardData | None = None
        self._plan_from_settings = False
        self._dark: list[DarkCamera] = []
        self._sweep_task: asyncio.Future[SweepResult] | None = None
        self._tasks: set[asyncio.Future[None]] = set()
        self.closing = False  # the app is stopping: start no new work
        self._cards = QHBoxLayout()
        self._build()
        self.resize(1500, 860)

    # --- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        cards = QHBoxLayout()
        cards.addLayout(self._cards)
        cards.addStretch(1)
        top = QHBoxLayout()  # a second row: the cards can take the whole width
        self.status = QLabel()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.sweep_button = QPushButton(self.tr("Sweep now"))
        self.sweep_button.clicked.connect(self.start_sweep)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_sweep)
        self.cancel_button.hide()
        self.report_button = QPushButton(self.tr("Report PDF..."))
        self.report_button.clicked.connect(self._ask_report)
        backdrop = QPushButton(self.tr("Map background..."))
        backdrop.setToolTip(self.tr("A city plan image, placed by the latitude/longitude of two corners"))
        backdrop.clicked.connect(self._ask_backdrop)
        for w in (self.refresh_button, self.sweep_button, self.progress, self.cancel_button, self.report_button,
                  backdrop):  # fmt: skip
            top.addWidget(w)
        top.addWidget(self.status, 1)
        self.areas = QTreeWidget()
        self.areas.setHeaderLabels([self.tr("Area"), self.tr("Live %"), self.tr("Cameras"), self.tr("Live"),
                                    self.tr("Dark"), self.tr("Disabled"), self.tr("Not checked")])  # fmt: skip
        self.areas.setSortingEnabled(True)
        self.areas.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.dark_table = QTableWidget(0, 5)
        self.dark_table.setHorizontalHeaderLabels([self.tr("Camera"), self.tr("Name"), self.tr("Area"),
                                                   self.tr("State"), self.tr("Dark for")])  # fmt: skip
        self.dark_table.setSortingEnabled(True)
        self.dark_table.horizontalHeader().setStretchLastSection(True)
        self.dark_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.dark_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.dark_table.cellDoubleClicked.connect(self._open_dark)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 24 * 90)
        self.hours.setValue(1.0)
        self.hours.setSuffix(self.tr(" h"))
        self.hours.valueChanged.connect(lambda _v: self._fill_dark())
        export = QPushButton(self.tr("Export maintenance list (CSV)..."))
        export.clicked.connect(self._export_dark)
        dark_page = QWidget()
        dark_lay = QVBoxLayout(dark_page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Dark for longer than")))
        row.addWidget(self.hours)
        row.addStretch(1)
        row.addWidget(export)
        dark_lay.addLayout(row)
        dark_lay.addWidget(self.dark_table)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.areas, self.tr("Areas"))
        self.tabs.addTab(dark_page, self.tr("Dark cameras"))
        self.map = HealthMap(self._actions.open_camera)
        self.chart = AvailabilityChart()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.map)
        right.addWidget(self.chart)
        right.setSizes([600, 220])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(right)
        split.setSizes([620, 880])
        lay = QVBoxLayout(self)
        lay.addLayout(cards)
        lay.addLayout(top)
        lay.addWidget(split, 1)

    def _keep(self, task: asyncio.Future[None]) -> None:
        """Hold a reference until the task ends, or asyncio may drop it half-way."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.sweep_button.setVisible(self._actions.may(Permission.RUN_SWEEP))  # the services refuse regardless
        self.report_button.setVisible(self._actions.may(Permission.VIEW_REPORTS))
        self.status.setText(self.tr("Loading..."))
        self._keep(asyncio.ensure_future(self._refresh()))

    async def _refresh(self) -> None:
        try:
            data = await self._actions.load()
        except Exception as exc:
            log.exception("dashboard load failed")
            self.status.setText(self.tr("Could not load: %1").replace("%1", refusal_text(exc)))
            return
        self.show_data(data)

    def show_data(self, data: DashboardData) -> None:
        self._data = data
        figures = data.figures  # the same numbers as the briefing's slides and the report (domain.figures)
        self._fill_cards(data.summary.city, figures)
        self._fill_areas(data)
        self._fill_dark()
        self.map.set_data(data.items)
        if data.city_plan is not None or self.map.backdrop is None or self._plan_from_settings:
            self.map.set_city_plan(data.city_plan)  # a picture placed by hand stays until the settings name one
            self._plan_from_settings = True
        self.chart.set_series(data.series)
        lang, tz = _lang(), self._actions.tz_name
        self.chart.headline = self.tr("online now %1 · %2").replace(
            "%1", format_percent(figures.online_ratio, lang)).replace("%2", availability_text(figures, lang))
        self.status.setText(self.tr("%1 · %2 cameras, read in %3 ms").replace("%1", figures_stamp(figures, tz))
                            .replace("%2", format_number(figures.cameras, lang))
                            .replace("%3", format_number(data.load_ms, lang)))  # fmt: skip

    def _fill_cards(self, counts: StateCounts, figures: Figures) -> None:
        while self._cards.count():
            item = self._cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        lang = _lang()
        total = QLabel(self.tr("<b>%1</b> cameras<br/>%2 online now")
                       .replace("%1", format_number(figures.cameras, lang))
                       .replace("%2", format_percent(figures.online_ratio, lang)))  # fmt: skip
        total.setObjectName("figures")
        self._cards.addWidget(total)
        for state, style in HEALTH_STYLE.items():
            n = counts.by_state.get(state, 0)
            if not n:
                continue
            card = QLabel()
            number = format_number(n, lang)
            card.setText(f"<span style='color:{style.color}; font-size:16pt'><b>{number}</b></span><br/>"
                         f"{QCoreApplication.translate('HealthMap', style.label)}")  # fmt: skip
            icon = QLabel()
            icon.setPixmap(_icon(state))
            self._cards.addWidget(icon)
            self._cards.addWidget(card)

    def _fill_areas(self, data: DashboardData) -> None:
        self.areas.setSortingEnabled(False)
        self.areas.clear()
        kel_by_kec: dict[str, list[tuple[str, StateCounts]]] = {}
        for (kec, kel), counts in data.summary.kelurahan.items():
            kel_by_kec.setdefault(kec, []).append((kel, counts))
        for kec, counts in data.summary.kecamatan.items():
            item = self._area_item(kec or self.tr("(no area)"), counts)
            for kel, kc in kel_by_kec.get(kec, []):
                item.addChild(self._area_item(kel or "-", kc))
            self.areas.addTopLevelItem(item)
        self.areas.setSortingEnabled(True)
        self.areas.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # worst first

    def _area_item(self, name: str, c: StateCounts) -> QTreeWidgetItem:
        disabled = c.by_state.get(HealthState.DISABLED, 0)
        unknown = c.by_state.get(HealthState.UNKNOWN, 0)
        ratio = c.live_ratio
        values: list[tuple[str, float | None]] = [
            (name, None), ("-" if ratio is None else format_number(ratio * 100, _lang(), 1),
                           -1.0 if ratio is None else ratio),
            *((format_number(n, _lang()), n) for n in (c.total, c.live, c.dark, disabled, unknown)),
        ]  # fmt: skip
        item = _TreeNumberItem([v[0] for v in values])
        for col, (_text, value) in enumerate(values):
            if value is not None:
                item.setData(col, Qt.ItemDataRole.UserRole, value)
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if ratio is not None and ratio < 0.8:
            item.setForeground(1, QColor("#ff5b5b"))
        return item

    def _fill_dark(self) -> None:
        if self._data is None:
            return
        self._dark = dark_for(self._data.items, self._data.now, self.hours.value())
        table = self.dark_table
        table.setSortingEnabled(False)
        table.setRowCount(len(self._dark))
        for r, d in enumerate(self._dark):
            state = QTableWidgetItem(health_text(d.state, d.reason, _lang()))  # words, not stored codes
            state.setIcon(_icon(d.state))
            cells = [QTableWidgetItem(d.camera.id), QTableWidgetItem(d.camera.name),
                     QTableWidgetItem(d.camera.area.label()), state,
                     _NumberItem(format_duration(d.hours, _lang()), d.hours)]
            for c, cell in enumerate(cells):
                table.setItem(r, c, cell)
        table.setSortingEnabled(True)
        table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.tabs.setTabText(1, self.tr("Dark cameras (%1)").replace("%1", format_number(len(self._dark), _lang())))

    def _open_dark(self, row: int, _column: int) -> None:
        item = self.dark_table.item(row, 0)
        if item is not None:
            self._actions.open_camera(item.text())

    def _export_dark(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export maintenance list"), "maintenance.csv",
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        if path:
            self.export_dark(Path(path))

    def export_dark(self, path: Path) -> Path:
        path.write_text(maintenance_csv(self._dark, _lang(), self._actions.tz_name), encoding="utf-8")
        self.status.setText(self.tr("Maintenance list saved: %1").replace("%1", str(path)))
        return path

    # --- sweep -------------------------------------------------------------------------------------------
    def start_sweep(self) -> None:
        if self._sweep_task is not None and not self._sweep_task.done():
            return
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.sweep_button.setEnabled(False)
        self._sweep_task = asyncio.ensure_future(self._actions.sweep(self._on_progress))
        deliver(self._sweep_task, on_the_loop, self._swept, self._sweep_failed, self._sweep_cancelled)

    def _on_progress(self, p: SweepProgress) -> None:
        if p.done % 50 == 0 or p.done == p.total:
            self.progress.setMaximum(max(1, p.total))
            self.progress.setValue(p.done)
            self.progress.setFormat(self.tr("%v of %m cameras"))

    def cancel_sweep(self) -> asyncio.Future[SweepResult] | None:
        """Cancel a running sweep; returns its task (to await the end) or None when none runs."""
        task = self._sweep_task
        if task is None or task.done():
            return None
        task.cancel()
        return task

    def _swept(self, r: SweepResult) -> None:
        self._sweep_ended(self.tr("Swept %1 cameras in %2 s").replace("%1", str(len(r.records)))
                          .replace("%2", f"{r.duration:.1f}"))  # fmt: skip

    def _sweep_failed(self, exc: BaseException) -> None:
        self._sweep_ended(self.tr("Sweep failed: %1").replace("%1", refusal_text(exc)))

    def _sweep_cancelled(self) -> None:
        self._sweep_ended(self.tr("Sweep cancelled; what finished is stored"))

    def _sweep_ended(self, text: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.sweep_button.setEnabled(True)
        self.status.setText(text)
        if not self.closing:
            self.refresh()

    @property
    def sweeping(self) -> bool:
        return self._sweep_task is not None and not self._sweep_task.done()

    def _ask_backdrop(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Map background"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))  # fmt: skip
        if not path:
            self.map.set_backdrop(None)
            return
        corners, ok = QInputDialog.getText(
            self, self.tr("Map background"),
            self.tr("Latitude,longitude of the top-left and bottom-right corners\n(e.g. -6.93,110.30 -7.12,110.50):"))
        if ok:
            self.set_backdrop(Path(path), corners)

    def set_backdrop(self, path: Path, corners: str) -> bool:
        """Georeference ``path`` by "lat,lon lat,lon" (top-left, bottom-right); False when unreadable."""
        try:
            (lat0, lon0), (lat1, lon1) = ([float(v) for v in pair.split(",")] for pair in corners.split())
        except ValueError:
            self.status.setText(self.tr("Corners must be written as: lat,lon lat,lon"))
            return False
        image = QImage(str(path))
        if image.isNull():
            self.status.setText(self.tr("Cannot read the image %1").replace("%1", str(path)))
            return False
        self.map.set_backdrop(Backdrop(image, (lat0, lon0), (lat1, lon1)))
        self._plan_from_settings = False
        return True

    # --- report ------------------------------------------------------------------------------------------
    def _ask_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Availability report"), "availability.pdf",
                                              self.tr("PDF files (*.pdf)"))  # fmt: skip
        if path:
            area = ""
            current = self.areas.currentItem()
            if current is not None and current.parent() is None:
                area = current.text(0)
            self._keep(asyncio.ensure_future(self._report(Path(path), area)))

    async def _report(self, path: Path, area: str) -> None:
        self.status.setText(self.tr("Writing the report..."))
        try:
            out = await self._actions.report(path, area)
        except Exception as exc:
            log.exception("report failed")
            self.status.setText(self.tr("Report failed: %1").replace("%1", refusal_text(exc)))
            return
        self.status.setText(self.tr("Report saved: %1").replace("%1", str(out)))

"""The briefing editor's form for one slide: title, notes, timing and what the slide shows.

Qt only: it turns widgets into a ``domain.briefing.Slide`` and back. What each kind needs:
cameras (a saved layout, or cameras picked from the register or the tree's selection, on a grid),
a health map (the whole city or one kecamatan), an availability chart (a period), the key figures
(nothing to choose) and a recorded incident (a bookmark).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.briefing import Slide, SlideKind
from videowall.domain.camera import Camera
from videowall.domain.evidence import Bookmark
from videowall.domain.grid import SPAN_PRESETS, preset

GRIDS = ("2x2", "3x3", "4x4", *SPAN_PRESETS)  # a grid for cameras picked one by one
PERIODS = (24.0, 168.0, 720.0)  # the availability periods offered: a day, a week, 30 days
MAX_CAMERAS = 64


def kind_label(kind: SlideKind) -> str:
    """The kind of slide in the editor's words (the slide list, the Add choice)."""
    return {SlideKind.CAMERAS: QCoreApplication.translate("SlideForm", "Live cameras"),
            SlideKind.HEALTH_MAP: QCoreApplication.translate("SlideForm", "Camera health map"),
            SlideKind.AVAILABILITY: QCoreApplication.translate("SlideForm", "Availability chart"),
            SlideKind.KPI: QCoreApplication.translate("SlideForm", "Key figures"),
            SlideKind.CLIP: QCoreApplication.translate("SlideForm", "Recorded incident (bookmark)")}[kind]


class SlideForm(QWidget):
    """Edits one slide; ``changed`` fires on every edit made by the person (not while a slide is loaded)."""

    changed = Signal()

    def __init__(self, cameras: Sequence[Camera], layouts: Sequence[str], bookmarks: Sequence[Bookmark],
                 selection: Callable[[], list[str]], tz_name: str = "Asia/Jakarta",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cameras = {c.id: c for c in cameras}
        self._by_name = {c.name.casefold(): c.id for c in cameras}
        self._selection = selection
        self._tz = tz_name
        self._slide = Slide(SlideKind.KPI)
        self._ids: list[str] = []
        self._loading = False
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("empty: the kind of slide"))
        self.title.setMaxLength(120)
        self.title.textEdited.connect(lambda _t: self._edited())
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("for whoever presents it; not shown on the screen"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.notes.textChanged.connect(self._edited)
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 3600)
        self.seconds.setSuffix(self.tr(" s"))
        self.seconds.setSpecialValueText(self.tr("by key only"))
        self.seconds.valueChanged.connect(lambda _v: self._edited())
        self.pages = QStackedWidget()
        self._pages = {SlideKind.CAMERAS: self._cameras_page(layouts), SlideKind.HEALTH_MAP: self._map_page(cameras),
                       SlideKind.AVAILABILITY: self._chart_page(), SlideKind.KPI: self._kpi_page(),
                       SlideKind.CLIP: self._clip_page(bookmarks)}
        for page in self._pages.values():
            self.pages.addWidget(page)
        self.kind = QLabel()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Slide:"), self.kind)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("N&otes:"), self.notes)
        form.addRow(self.tr("Ne&xt slide after:"), self.seconds)
        form.addRow(self.pages)

    # --- pages ------------------------------------------------------------------------------------------
    def _cameras_page(self, layouts: Sequence[str]) -> QWidget:
        self.layout_box = QComboBox()
        self.layout_box.addItem(self.tr("Fit the cameras below"), "")
        for grid in GRIDS:
            self.layout_box.addItem(self.tr("Grid %1").replace("%1", grid), grid)
        for name in layouts:
            self.layout_box.addItem(self.tr("Saved layout: %1").replace("%1", name), name)
        self.layout_box.currentIndexChanged.connect(lambda _i: self._layout_changed())
        self.camera_list = QListWidget()
        self.camera_list.setMinimumHeight(110)
        self.camera_input = QLineEdit()
        self.camera_input.setPlaceholderText(self.tr("camera name or id, Enter adds it"))
        completer = QCompleter([c.name for c in self._cameras.values()] + list(self._cameras), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.camera_input.setCompleter(completer)
        self.camera_input.returnPressed.connect(self._add_typed)
        self.from_selection = QPushButton(self.tr("Add the tree's selection"))
        self.from_selection.clicked.connect(lambda: self.add_cameras(self._selection()))
        self.remove_camera = QPushButton(self.tr("Remove camera"))
        self.remove_camera.clicked.connect(lambda: self._remove_camera())
        for button in (self.from_selection, self.remove_camera):
            button.setAutoDefault(False)  # Enter in the camera field adds a camera, it presses no button
        self.layout_note = QLabel(self.tr("The saved layout's cameras are shown, in its tiles."))
        self.layout_note.setWordWrap(True)
        page = QWidget()
        box = QFormLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addRow(self.tr("&Layout:"), self.layout_box)
        box.addRow(self.layout_note)
        box.addRow(self.tr("&Camera:"), self.camera_input)
        row = QHBoxLayout()
        row.addWidget(self.from_selection)
        row.addWidget(self.remove_camera)
        box.addRow(row)
        box.addRow(self.camera_list)
        return page

    def _map_page(self, cameras: Sequence[Camera]) -> QWidget:
        self.area = QComboBox()
        self.area.addItem(self.tr("The whole city"), "")
        for name in sorted({c.area.kecamatan for c in cameras if c.area.kecamatan}, key=str.casefold):
            self.area.addItem(name, name)
        self.area.currentIndexChanged.connect(lambda _i: self._edited())
        return _one_row(self.tr("Ar&ea:"), self.area)

    def _chart_page(self) -> QWidget:
        self.period = QComboBox()
        for hours, text in zip(PERIODS, (self.tr("The last 24 hours"), self.tr("The last 7 days"),
                                         self.tr("The last 30 days")), strict=True):
            self.period.addItem(text, hours)
        self.period.currentIndexChanged.connect(lambda _i: self._edited())
        return _one_row(self.tr("&Period:"), self.period)

    def _kpi_page(self) -> QWidget:
        text = QLabel(self.tr("Cameras in the register, online now, offline now and offline for more than 24 "
                              "hours, with the time they hold for."))
        text.setWordWrap(True)
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(text)
        box.addStretch(1)
        return page

    def _clip_page(self, bookmarks: Sequence[Bookmark]) -> QWidget:
        self.bookmark = QComboBox()
        for b in bookmarks:
            when = dt.datetime.fromtimestamp(b.at).strftime("%d.%m.%Y %H:%M")  # city time (app_briefing sets TZ)
            self.bookmark.addItem(f"#{b.id}  {when}  {b.camera_name}  {b.note}".strip(), b.id)
        self.bookmark.currentIndexChanged.connect(lambda _i: self._edited())
        self.no_bookmarks = QLabel(self.tr("No bookmarks to choose from: press B on a tile to bookmark an incident."))
        self.no_bookmarks.setWordWrap(True)
        self.no_bookmarks.setVisible(not bookmarks)
        page = _one_row(self.tr("&Bookmark:"), self.bookmark)
        page.layout().addWidget(self.no_bookmarks)  # type: ignore[union-attr]
        return page

    # --- slide in and out ---------------------------------------------------------------------------------
    def set_slide(self, slide: Slide) -> None:
        self._loading = True
        try:
            self._slide = slide
            self.kind.setText(kind_label(slide.kind))
            self.title.setText(slide.title)
            self.notes.setPlainText(slide.notes)
            self.seconds.setValue(round(slide.seconds))
            self.pages.setCurrentWidget(self._pages[slide.kind])
            _choose(self.layout_box, slide.layout, self.tr("Layout %1").replace("%1", slide.layout))
            self._ids = list(slide.cameras)
            self._fill_cameras()
            _choose(self.area, slide.area, slide.area)
            _choose(self.period, slide.hours, self.tr("The last %1 hours").replace("%1", f"{slide.hours:g}"))
            if slide.bookmark_id is not None:
                _choose(self.bookmark, slide.bookmark_id, f"#{slide.bookmark_id}")
            self._layout_changed()
        finally:
            self._loading = False

    def slide(self) -> Slide:
        """The slide as the form shows it now."""
        s = replace(self._slide, title=self.title.text().strip(), notes=self.notes.toPlainText().strip(),
                    seconds=float(self.seconds.value()))
        if s.kind is SlideKind.CAMERAS:
            return replace(s, layout=str(self.layout_box.currentData() or ""), cameras=tuple(self._ids))
        if s.kind is SlideKind.HEALTH_MAP:
            return replace(s, area=str(self.area.currentData() or ""))
        if s.kind is SlideKind.AVAILABILITY:
            return replace(s, hours=float(self.period.currentData() or 24.0))
        if s.kind is SlideKind.CLIP:
            data = self.bookmark.currentData()
            return replace(s, bookmark_id=int(data) if data is not None else None)
        return s

    # --- cameras ---------------------------------------------------------------------------------------
    def add_cameras(self, ids: Sequence[str]) -> None:
        added = [i for i in ids if i in self._cameras and i not in self._ids]
        self._ids += added[: max(0, MAX_CAMERAS - len(self._ids))]
        self._fill_cameras()
        if added:
            self._edited()

    def _add_typed(self) -> None:
        text = self.camera_input.text().strip()
        cid = text if text in self._cameras else self._by_name.get(text.casefold())
        if cid is None:
            self.camera_input.selectAll()
            return
        self.camera_input.clear()
        self.add_cameras([cid])

    def _remove_camera(self) -> None:
        row = self.camera_list.currentRow()
        if 0 <= row < len(self._ids):
            del self._ids[row]
            self._fill_cameras()
            self.camera_list.setCurrentRow(min(row, len(self._ids) - 1))
            self._edited()

    def _fill_cameras(self) -> None:
        self.camera_list.clear()
        for n, cid in enumerate(self._ids, 1):
            cam = self._cameras.get(cid)
            self.camera_list.addItem(f"{n}. {cam.name if cam else cid}  ({cid})")

    def _layout_changed(self) -> None:
        chosen = str(self.layout_box.currentData() or "")
        saved = bool(chosen) and preset(chosen) is None  # as the presentation tells a saved layout from a grid
        for w in (self.camera_input, self.from_selection, self.remove_camera, self.camera_list):
            w.setEnabled(not saved)
        self.layout_note.setVisible(saved)
        self._edited()

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()


def _one_row(label: str, field: QWidget) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.setContentsMargins(0, 0, 0, 0)
    form = QFormLayout()
    form.addRow(label, field)
    box.addLayout(form)
    box.addStretch(1)
    return page


def _choose(box: QComboBox, value: object, missing: str) -> None:
    """Select the item holding ``value``; a value the box does not offer (an imported file's) is added."""
    index = box.findData(value)
    if index < 0 and value not in ("", None):
        box.addItem(missing, value)
        index = box.count() - 1
    box.setCurrentIndex(max(0, index))

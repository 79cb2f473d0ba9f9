"""Review for the police liaison: find bookmarks, watch their clips, group them into cases, export.

Everything slow (queries, exports) runs through the EvidenceService on the app's loop; this window
only shows results. Deleting exported evidence is refused by the service and the reason shown.
A clip plays once its viewing is recorded (custody event and audit row), with the recording camera's
privacy masks burned in by the player; exports are masked unless a role allowed to asks otherwise.
While an export runs the window shows its progress with a Cancel button (Esc, Alt+C) and offers no
other export action; a cancelled export leaves nothing in the folder, and the window says so.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.evidence import Bookmark, BookmarkFilter, Case, CaseStatus, local_time
from videowall.domain.export_progress import ExportProgress
from videowall.evidence.package import ExportResult
from videowall.evidence.progress import CancelToken, ExportCancelled
from videowall.media.clip_player import ClipPlayer
from videowall.services.evidence_service import EvidenceService
from videowall.ui.bookmark_dialog import launch
from videowall.ui.clip_view import ClipView
from videowall.ui.export_dialog import ExportChoice, ExportDialog
from videowall.ui.export_progress import ExportProgressPanel, ExportProgressStatus
from videowall.ui.refusal_words import refusal_text

COLUMNS = ("Time", "Camera", "Area", "Category", "P", "Operator", "Clip", "Case", "Note")
_MARKED = (  # for lupdate: the column headers and the clip states, translated where they are shown
    QT_TRANSLATE_NOOP("ReviewWindow", "Time"), QT_TRANSLATE_NOOP("ReviewWindow", "Camera"),
    QT_TRANSLATE_NOOP("ReviewWindow", "Area"), QT_TRANSLATE_NOOP("ReviewWindow", "Category"),
    QT_TRANSLATE_NOOP("ReviewWindow", "P"), QT_TRANSLATE_NOOP("ReviewWindow", "Operator"),
    QT_TRANSLATE_NOOP("ReviewWindow", "Clip"), QT_TRANSLATE_NOOP("ReviewWindow", "Case"),
    QT_TRANSLATE_NOOP("ReviewWindow", "Note"),
    QT_TRANSLATE_NOOP("ReviewWindow", "pending"), QT_TRANSLATE_NOOP("ReviewWindow", "saved"),
    QT_TRANSLATE_NOOP("ReviewWindow", "partial"), QT_TRANSLATE_NOOP("ReviewWindow", "none"),
    QT_TRANSLATE_NOOP("ReviewWindow", "failed"),
)


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """What the Review window shows, for the status file (tests, the soak)."""

    camera_id: str  # of the clip playing ("" when none)
    frames: int  # pictures the player has shown
    masks: int  # privacy masks burned into them
    picture: tuple[int, int, int, int] | None  # the clip's picture on screen (x, y, w, h)
    export_options: tuple[str, ...] | None  # the export dialog's options while it is open
    export: ExportProgressStatus | None  # the running export's progress (None when none runs)
    message: str  # the outcome of the last action, as the window shows it


class ReviewWindow(QWidget):
    def __init__(self, service: EvidenceService, player: ClipPlayer, parent: QWidget | None = None,
                 on_recorder: Callable[[Bookmark], None] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._on_recorder = on_recorder  # the replay feature: the chosen bookmark's camera from its recorder
        self.setWindowTitle(self.tr("videowall - incident review"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._service = service  # acts as the signed-in user and checks their rights itself
        self.export_dialog: ExportDialog | None = None
        self._export_folder = Path.home()
        self._export_cancel: CancelToken | None = None  # of the running export
        self._closing = False  # closed: late results of the service are not shown
        self._playing: int | None = None  # the bookmark whose clip was asked for last
        self._shown_once = False
        self._rows: list[Bookmark] = []
        self._cases: list[Case] = []
        self.clip = ClipView(player)
        self._build_filters()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.strip = QListWidget()
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(160, 90))
        self.strip.setFixedHeight(130)
        self.strip.currentRowChanged.connect(lambda r: self.table.selectRow(r) if r >= 0 else None)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.strip)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.clip, 1)
        rv.addWidget(self.detail)
        rv.addWidget(self._build_case_panel())
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([800, 700])
        lay = QVBoxLayout(self)
        lay.addLayout(self._filters)
        lay.addWidget(split, 1)
        self.progress = ExportProgressPanel()
        self.progress.cancel_requested.connect(self._cancel_export)
        lay.addWidget(self.progress)
        self.count = QLabel()  # how many bookmarks the filter shows
        self.message = QLabel()  # the outcome of the last action (export, case, delete), kept until the next
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QHBoxLayout()
        status.addWidget(self.count)
        status.addWidget(self.message, 1)
        lay.addLayout(status)
        self.resize(1500, 850)
        self.refresh()

    # --- construction -------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        now = QDateTime.currentDateTime()
        self.since = QDateTimeEdit(now.addDays(-7))
        self.until = QDateTimeEdit(now.addDays(1))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.area, self.camera, self.operator, self.text = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.area.setPlaceholderText(self.tr("Area (kecamatan...)"))
        self.camera.setPlaceholderText(self.tr("Camera id"))
        self.operator.setPlaceholderText(self.tr("Operator"))
        self.text.setPlaceholderText(self.tr("Search notes and tags"))
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), "")
        for c in self._service.settings.categories:
            self.category.addItem(c, c)
        self.case_filter = QComboBox()
        self.case_filter.addItem(self.tr("All bookmarks"), None)
        self._filters = QHBoxLayout()
        for label, stamp in ((self.tr("From"), self.since), (self.tr("to"), self.until)):
            self._filters.addWidget(QLabel(label))
            self._filters.addWidget(stamp)
        for w in (self.area, self.camera, self.category, self.operator, self.text, self.case_filter):
            self._filters.addWidget(w)
        search = QPushButton(self.tr("Search"))
        search.clicked.connect(self.refresh)
        self._filters.addWidget(search)
        for line in (self.area, self.camera, self.operator, self.text):
            line.returnPressed.connect(self.refresh)
        self.category.activated.connect(lambda _i: self.refresh())
        self.case_filter.activated.connect(lambda _i: self._case_chosen())

    def _build_case_panel(self) -> QWidget:
        panel = QWidget()
        v = QVBoxLayout(panel)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        buttons: tuple[tuple[str, Callable[[], None]], ...] = (
            (self.tr("New case from selection..."), self.new_case),
            (self.tr("Add selection to case"), self.add_to_case),
            (self.tr("Close case"), self.close_case),
            (self.tr("Export..."), self.export),
            (self.tr("Hand over..."), self.handover),
            (self.tr("Delete bookmark"), self.delete),
        ) + (((self.tr("Play from &recorder"), self.play_from_recorder),) if self._on_recorder is not None else ())
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in buttons:
            b = QPushButton(text)
            b.clicked.connect(lambda _checked=False, act=slot: act())  # clicked(bool) must not reach the slot
            row.addWidget(b)
            self.buttons[slot.__name__] = b
        self.buttons["export"].setShortcut(QKeySequence("Ctrl+E"))
        self.buttons["export"].setToolTip(self.tr("Export the chosen case, or the selected bookmarks (Ctrl+E)"))
        v.addLayout(row)
        self.case_notes = QPlainTextEdit()
        self.case_notes.setPlaceholderText(self.tr("Case notes"))
        self.case_notes.setMaximumHeight(70)
        save = QPushButton(self.tr("Save case notes"))
        save.clicked.connect(self.save_notes)
        notes = QHBoxLayout()
        notes.addWidget(self.case_notes, 1)
        notes.addWidget(save)
        v.addLayout(notes)
        return panel

    # --- data -----------------------------------------------------------------------------------------
    def current_filter(self) -> BookmarkFilter:
        return BookmarkFilter(
            since=self.since.dateTime().toSecsSinceEpoch(), until=self.until.dateTime().toSecsSinceEpoch(),
            area=self.area.text().strip(), camera_id=self.camera.text().strip(),
            category=str(self.category.currentData() or ""), operator=self.operator.text().strip(),
            text=self.text.text().strip(), case_id=self.case_filter.currentData())

    def refresh(self) -> None:
        launch(self._service.query(self.current_filter()), self.show_rows, self._error)
        launch(self._service.cases(), self._show_cases, self._error)

    def show_rows(self, rows: list[Bookmark]) -> None:
        self._rows = rows
        tz = self._service.settings.timezone
        cases = {c.id: c.number for c in self._cases}
        self.table.setRowCount(len(rows))
        self.strip.clear()
        for r, b in enumerate(rows):
            values = (local_time(b.at, tz), b.camera_id, b.area, b.category, str(b.priority),
                      b.operator, self.tr(b.clip_state.value), cases.get(b.case_id or -1, ""), b.note)
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(f"{b.camera_name}\n{b.note}")
                self.table.setItem(r, c, cell)
            thumb = self._service.thumbnail(b)
            item = QListWidgetItem(QIcon(QPixmap(str(thumb))) if thumb else QIcon(),
                                   f"{local_time(b.at, tz)[11:19]} {b.camera_id}")
            self.strip.addItem(item)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("%Ln bookmarks", "", len(rows)))
        if rows and not self._shown_once:  # opening Review shows the newest bookmark, ready to play or export
            self._shown_once = True
            self.table.selectRow(0)
            self.table.setFocus()

    def _show_cases(self, cases: list[Case]) -> None:
        self._cases = cases
        chosen = self.case_filter.currentData()
        self.case_filter.clear()
        self.case_filter.addItem(self.tr("All bookmarks"), None)
        for c in cases:
            state = "" if c.status is CaseStatus.OPEN else self.tr(" (closed)")
            self.case_filter.addItem(f"{c.number} {c.title}{state}", c.id)
        index = self.case_filter.findData(chosen)
        self.case_filter.setCurrentIndex(max(0, index))

    def _case_chosen(self) -> None:
        case = self._current_case()
        self.case_notes.setPlainText(case.notes if case else "")
        self.refresh()

    def _current_case(self) -> Case | None:
        cid = self.case_filter.currentData()
        return next((c for c in self._cases if c.id == cid), None)

    def selected(self) -> list[Bookmark]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._rows[r] for r in rows if r < len(self._rows)]

    def _selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        b = chosen[0]
        tz = self._service.settings.timezone
        covered = (f"{local_time(b.clip_start, tz)} - {local_time(b.clip_end, tz)}"
                   if b.clip_start is not None and b.clip_end is not None else self.tr("no clip"))
        clip, tags, state = self.tr("Clip"), self.tr("Tags"), self.tr(b.clip_state.value)
        self.detail.setText(f"<b>{b.camera_id}</b> {b.camera_name} - {local_time(b.at, tz)} - {b.operator}<br>"
                            f"{clip}: {covered} [{state}] {b.clip_note}<br>{tags}: {', '.join(b.tags)}")
        self._playing = b.id
        if not b.clip_path:
            self.clip.open(None, b.camera_id, b.clip_note)
            return
        self.clip.show_message(self.tr("Opening the clip..."))
        # custody: who watched what, when; the clip plays once that is recorded
        launch(self._service.viewed(b), lambda _r: self._play(b), self._error)

    def _play(self, b: Bookmark) -> None:
        if self._playing == b.id:  # still the chosen bookmark (another may have been chosen meanwhile)
            self.clip.open(self._service.evidence_dir / b.clip_path, b.camera_id, b.clip_note)

    def play_from_recorder(self) -> None:
        """The chosen bookmark's camera from its recorder, from the start of the bookmark's clip window."""
        chosen = self.selected()
        if not chosen:
            self._done(self.tr("Choose a bookmark first"))
        elif self._on_recorder is not None:
            self._on_recorder(chosen[0])

    def status(self) -> ReviewStatus:
        player = self.clip.player
        dialog = self.export_dialog
        return ReviewStatus(player.camera_id, player.buffer.frames, len(player.buffer.masks),
                            self.clip.picture_on_screen(),
                            dialog.options() if dialog is not None else None, self.progress.status(),
                            self.message.text())

    # --- actions ----------------------------------------------------------------------------------------
    def new_case(self) -> None:
        ids = [b.id for b in self.selected()]
        number, ok = QInputDialog.getText(self, self.tr("New case"), self.tr("Case number (e.g. LP/123/V/2025):"))
        if not ok or not number.strip():
            return
        title, _ok = QInputDialog.getText(self, self.tr("New case"), self.tr("Title:"))
        launch(self._service.create_case(number.strip(), title.strip(), ids),
               lambda _id: self._done(self.tr("Case %1 created").replace("%1", number.strip())), self._error)

    def add_to_case(self) -> None:
        case = self._current_case()
        if case is None:
            self._error(ValueError(self.tr("Choose a case in the case list first")))
            return
        launch(self._service.add_to_case(case.id, [b.id for b in self.selected()]),
               lambda _r: self._done(self.tr("Added to %1").replace("%1", case.number)), self._error)

    def save_notes(self) -> None:
        case = self._current_case()
        if case is not None:
            launch(self._service.set_case_notes(case.id, self.case_notes.toPlainText()),
                   lambda _r: self._done(self.tr("Notes saved")), self._error)

    def close_case(self) -> None:
        case = self._current_case()
        if case is not None:
            launch(self._service.close_case(case.id),
                   lambda _r: self._done(self.tr("Case %1 closed").replace("%1", case.number)), self._error)

    def export(self) -> None:
        """Ask where and how (masked copies unless a role allowed to asks for the originals), then export."""
        if self._export_cancel is not None:
            return  # one export at a time: Cancel the running one first
        if not self.selected() and self._current_case() is None:
            self._error(ValueError(self.tr("Choose a case, or select bookmarks, to export")))
            return
        dialog = ExportDialog(self, self._export_folder, may_export_original=self._service.may_export_original())
        dialog.chosen.connect(self.export_to)
        dialog.finished.connect(self._export_dialog_closed)
        self.export_dialog = dialog
        dialog.open()

    def _export_dialog_closed(self, _result: int = 0) -> None:
        dialog, self.export_dialog = self.export_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def export_to(self, choice: ExportChoice) -> None:
        if self._export_cancel is not None:
            return
        case = self._current_case()
        ids = [b.id for b in self.selected()]
        self._export_folder = choice.dest
        token = self._export_cancel = CancelToken()
        self._export_actions(False)
        self.progress.start()
        self.message.setText(self.tr("Exporting to %1...").replace("%1", str(choice.dest)))
        launch(self._service.export(choice.dest, case_id=case.id if case else None, bookmark_ids=[] if case else ids,
                                    as_zip=choice.as_zip, watermark=choice.watermark, original=choice.original,
                                    reason=choice.reason, on_progress=self._export_progress, cancel=token),
               self._exported, lambda exc: self._export_failed(exc, choice.dest))

    def _export_actions(self, enabled: bool) -> None:
        for name in ("export", "handover"):  # the export actions; Cancel is the one offered meanwhile
            self.buttons[name].setEnabled(enabled)

    def _export_progress(self, p: ExportProgress) -> None:
        if not self._closing:
            self.progress.show_progress(p)

    def _cancel_export(self) -> None:
        if self._export_cancel is not None:
            self._export_cancel.cancel()  # only a flag: the export stops at its next check, ffmpeg at once
            self.message.setText(self.tr("Cancelling the export..."))

    def _export_ended(self) -> bool:
        """The running export is over; whether the window is still there to say how it went."""
        self._export_cancel = None
        if self._closing:
            return False
        self.progress.finish()
        self._export_actions(True)
        return True

    def _exported(self, r: ExportResult) -> None:
        if self._export_ended():
            self._done(self.tr("Exported %1 files to %2").replace("%1", str(r.files)).replace("%2", str(r.path)))

    def _export_failed(self, exc: BaseException, dest: Path) -> None:
        if not self._export_ended():
            return
        if isinstance(exc, ExportCancelled):
            self._done(self.tr("Export cancelled; nothing was written to %1").replace("%1", str(dest)))
        else:
            self._error(exc)

    def handover(self) -> None:
        """The chosen case's newest export given to a receiving officer (the custody log's last step)."""
        case = self._current_case()
        if case is None:
            self._error(ValueError(self.tr("Choose a case in the case list first")))
            return
        receiver, ok = QInputDialog.getText(self, self.tr("Hand over"),
                                            self.tr("Receiving officer (name, rank, unit):"))
        if not ok or not receiver.strip():
            return
        launch(self._service.handover(case.id, receiver.strip()),
               lambda e: self._done(self.tr("Case %1 handed over to %2").replace("%1", case.number)
                                    .replace("%2", e.target)), self._error)

    def delete(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete bookmark"),
            self.tr("Delete %Ln bookmarks with their clips and snapshots? This is recorded in the audit trail.", "",
                    len(chosen)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        for b in chosen:
            launch(self._service.delete(b.id), lambda _r: self._done(self.tr("Bookmark deleted")), self._error)

    def _done(self, text: str) -> None:
        self.message.setText(f"{time.strftime('%H:%M:%S')} {text}")
        self.refresh()

    def _error(self, exc: BaseException) -> None:
        self.message.setText(f"<span style='color:#e07070'>{html.escape(refusal_text(exc))}</span>")

    def closeEvent(self, event: object) -> None:  # Qt's name
        if self._export_cancel is not None:  # nobody is left to see it finish
            self._export_cancel.cancel()
        self._closing = True
        self.clip.close_player()
        super().closeEvent(event)  # type: ignore[arg-type]

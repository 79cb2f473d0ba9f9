"""The briefing editor: make or change a briefing slide by slide, see each slide as it will show, save it.

Qt only. Slides are added (by kind), ordered (up, down) and removed in the list on the left; the form
(ui/briefing_slide_form.py) edits the chosen one; the preview below it is the presentation window
itself (``PresentationWindow`` in preview mode), so a slide looks exactly as it will on the projector:
live tiles, private cameras covered, the figures of the moment. Saving goes through the briefing
service (``save`` callback), which checks the role (EDIT_BRIEFINGS) and writes in one transaction;
its answer comes back through :meth:`save_finished`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied
from videowall.domain.briefing import MAX_SLIDES, Briefing, Slide, SlideKind, moved
from videowall.domain.camera import Camera
from videowall.services.briefing_service import EditorData
from videowall.ui.briefing_slide_form import SlideForm, kind_label
from videowall.ui.presentation import PresentationWindow

Save = Callable[[Briefing, str], None]  # the briefing and the name it was saved under ("" for a new one)
MakePreview = Callable[[QWidget], PresentationWindow]  # parent -> a presentation window in preview mode


class ScreenShape(QWidget):
    """Holds the preview at a projector's 16:9, as large as fits, at the top: tiles look as they will."""

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self.setMinimumSize(560, 315)

    def resizeEvent(self, event: QResizeEvent) -> None:
        w = min(self.width(), self.height() * 16 // 9)
        self.child.setGeometry((self.width() - w) // 2, 0, w, w * 9 // 16)
        super().resizeEvent(event)


class BriefingEditor(QDialog):
    saved = Signal(str)  # the name, once the service has written it

    def __init__(self, data: EditorData, cameras: Sequence[Camera], selection: Callable[[], list[str]],
                 save: Save, delete: Callable[[str], None], open_other: Callable[[str], None],
                 preview: MakePreview | None = None, tz_name: str = "Asia/Jakarta",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("briefing-editor")
        self.setWindowTitle(self.tr("Briefing editor"))
        self._data = data
        self._save, self._delete, self._open_other = save, delete, open_other
        self._saved_name = data.briefing.name if data.briefing is not None else ""
        self._slides: list[Slide] = list(data.briefing.slides) if data.briefing is not None else []
        self._loading = False
        self.form = SlideForm(cameras, data.layouts, data.bookmarks, selection, tz_name)
        self.form.changed.connect(self._slide_edited)
        self.preview = preview(self) if preview is not None else None
        self._build()
        self._load_header(data.briefing)
        self._fill_list(0)
        self.resize(1500, 700)

    # --- construction -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_box = QComboBox()
        self.open_box.addItem(self.tr("New briefing"), "")
        for name in self._data.names:
            self.open_box.addItem(name, name)
        self.open_box.setCurrentIndex(max(0, self.open_box.findData(self._saved_name)))
        self.open_box.activated.connect(lambda _i: self._open_chosen())
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("the name it is saved and listed under"))
        self.title = QLineEdit()
        self.title.setMaxLength(120)
        self.title.setPlaceholderText(self.tr("shown in the title bar of every slide"))
        self.title.textEdited.connect(lambda _t: self._refresh_preview())
        head = QFormLayout()
        head.addRow(self.tr("Open:"), self.open_box)
        head.addRow(self.tr("&Name:"), self.name)
        head.addRow(self.tr("Briefing t&itle:"), self.title)

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._row_chosen)
        self.add_kind = QComboBox()
        for kind in SlideKind:
            self.add_kind.addItem(kind_label(kind), kind.value)
        self.add_button = self._button(self.tr("&Add slide"), self._add)
        self.up_button = self._button(self.tr("&Up"), lambda: self._move(-1))
        self.down_button = self._button(self.tr("Do&wn"), lambda: self._move(+1))
        self.remove_button = self._button(self.tr("&Remove slide"), self._remove)
        adding = QHBoxLayout()
        adding.addWidget(self.add_kind, 1)
        adding.addWidget(self.add_button)
        order = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(b)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(QLabel(self.tr("Slides, in the order they are shown")))
        lbox.addWidget(self.list, 1)
        lbox.addLayout(adding)
        lbox.addLayout(order)

        self.right = QStackedWidget()
        self.empty = QLabel(self.tr("No slides yet: choose a kind of slide and press Add slide."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        editing = QWidget()
        rbox = QHBoxLayout(editing)  # the form beside the preview: a 16:9 preview large enough to read
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.form, 2)
        shown = QVBoxLayout()
        shown.addWidget(QLabel(self.tr("Preview: the slide as it will show")))
        if self.preview is not None:
            shown.addWidget(ScreenShape(self.preview), 1)
        else:
            shown.addStretch(1)
        rbox.addLayout(shown, 3)
        self.right.addWidget(self.empty)
        self.right.addWidget(editing)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.right)
        split.setStretchFactor(1, 3)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = self._button(self.tr("&Save"), self._save_clicked)
        self.delete_button = self._button(self.tr("&Delete briefing"), self._delete_clicked)
        self.close_button = self._button(self.tr("Close"), self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for b in (self.delete_button, self.save_button, self.close_button):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)  # Enter in a text field must not add, remove or save anything
        button.clicked.connect(lambda: slot())
        return button

    def _load_header(self, briefing: Briefing | None) -> None:
        self.name.setText(briefing.name if briefing is not None else "")
        self.title.setText(briefing.title if briefing is not None else "")
        self.delete_button.setEnabled(bool(self._saved_name))

    # --- the slide list ------------------------------------------------------------------------------
    def draft(self) -> Briefing:
        """The briefing as edited so far (not checked: Save checks it)."""
        return Briefing(self.name.text().strip(), self.title.text().strip(), tuple(self._slides))

    def _fill_list(self, current: int) -> None:
        self._loading = True
        self.list.clear()
        for n, slide in enumerate(self._slides, 1):
            self.list.addItem(self._row_text(n, slide))
        self._loading = False
        if self._slides:
            self.list.setCurrentRow(max(0, min(current, len(self._slides) - 1)))
            self._row_chosen(self.list.currentRow())
        else:
            self.right.setCurrentWidget(self.empty)
        self._enable()

    def _row_text(self, n: int, slide: Slide) -> str:
        text = f"{n}. {kind_label(slide.kind)}"
        return f"{text}: {slide.title}" if slide.title else text

    def _row_chosen(self, row: int) -> None:
        if self._loading or not 0 <= row < len(self._slides):
            return
        self.right.setCurrentIndex(1)
        self.form.set_slide(self._slides[row])
        self._enable()
        self._refresh_preview()

    def _enable(self) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._slides) - 1)
        self.remove_button.setEnabled(0 <= row < len(self._slides))
        self.add_button.setEnabled(len(self._slides) < MAX_SLIDES)

    def _add(self) -> None:
        kind = SlideKind(self.add_kind.currentData())
        row = self.list.currentRow()
        at = row + 1 if 0 <= row < len(self._slides) else len(self._slides)
        self._slides.insert(at, Slide(kind))
        self._fill_list(at)
        self._slides[at] = self.form.slide()  # what the form offers first (a bookmark, a period) is the slide's
        self._refresh_preview()
        self.form.title.setFocus()

    def _move(self, direction: int) -> None:
        slides, at = moved(tuple(self._slides), self.list.currentRow(), direction)
        self._slides = list(slides)
        self._fill_list(at)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._slides):
            del self._slides[row]
            self._fill_list(row)

    def _slide_edited(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._slides):
            return
        self._slides[row] = self.form.slide()
        item = self.list.item(row)
        if item is not None:
            item.setText(self._row_text(row + 1, self._slides[row]))
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        row = self.list.currentRow()
        if self.preview is not None and 0 <= row < len(self._slides):
            draft = self.draft()
            self.preview.show_draft(replace(draft, name=draft.name or self.tr("New briefing")), row)

    # --- open, save, delete -----------------------------------------------------------------------------
    def problem(self) -> str:
        """Why the draft cannot be saved yet, in the editor's words ("" when it can)."""
        draft = self.draft()
        if not draft.name:
            return self.tr("Give the briefing a name.")
        if draft.name != self._saved_name and draft.name in self._data.names:
            return self.tr("A briefing named %1 exists already: choose another name.").replace("%1", draft.name)
        if not draft.slides:
            return self.tr("Add at least one slide.")
        for n, s in enumerate(draft.slides, 1):
            if s.kind is SlideKind.CAMERAS and not (s.layout or s.cameras):
                return self.tr("Slide %1: choose a saved layout or add cameras.").replace("%1", str(n))
            if s.kind is SlideKind.CLIP and s.bookmark_id is None:
                return self.tr("Slide %1: choose a bookmark.").replace("%1", str(n))
        return ""

    def _save_clicked(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving..."))
        self._save(self.draft(), self._saved_name)

    def save_finished(self, outcome: Briefing | BaseException) -> None:
        """The service's answer to Save: the briefing written, or why not."""
        self.save_button.setEnabled(True)
        if isinstance(outcome, AccessDenied):
            self.message.setText(self.tr("Not saved: your role may not edit briefings."))
            return
        if isinstance(outcome, BaseException):
            self.message.setText(self.tr("Not saved: %1").replace("%1", str(outcome)))
            return
        self._set_saved_name(outcome.name)
        self.message.setText(self.tr("Saved: %1 (%2 slides)").replace("%1", outcome.name)
                             .replace("%2", str(len(outcome.slides))))
        self.saved.emit(outcome.name)

    def _set_saved_name(self, name: str) -> None:
        """The briefing is now saved as ``name`` ("" : deleted, editing goes on as a new one)."""
        if self._saved_name and self._saved_name != name:
            self.open_box.removeItem(self.open_box.findData(self._saved_name))
        names = set(self._data.names) - {self._saved_name} | ({name} if name else set())
        self._data = replace(self._data, names=tuple(sorted(names, key=str.casefold)))
        self._saved_name = name
        if name and self.open_box.findData(name) < 0:
            self.open_box.addItem(name, name)
        self.open_box.setCurrentIndex(max(0, self.open_box.findData(name)))
        self.delete_button.setEnabled(bool(name))

    def delete_finished(self, outcome: bool | BaseException) -> None:
        if isinstance(outcome, AccessDenied):
            self.message.setText(self.tr("Not deleted: your role may not edit briefings."))
        elif isinstance(outcome, BaseException):
            self.message.setText(self.tr("Not deleted: %1").replace("%1", str(outcome)))
        else:
            gone = self._saved_name
            self._set_saved_name("")
            self.message.setText(self.tr("Deleted: %1").replace("%1", gone))

    def _delete_clicked(self) -> None:
        name = self._saved_name
        ask = QMessageBox.question(self, self.tr("Delete briefing"),
                                   self.tr("Delete the briefing %1? This cannot be undone.").replace("%1", name))
        if name and ask == QMessageBox.StandardButton.Yes:
            self._delete(name)

    def _open_chosen(self) -> None:
        name = str(self.open_box.currentData() or "")
        if name != self._saved_name:
            self._open_other(name)

    def done(self, result: int) -> None:
        if self.preview is not None:
            self.preview.close()  # its live tiles stop their streams
        super().done(result)

"""The note an operator types after pressing B: non-modal, so the wall keeps playing meanwhile.

The bookmark row already exists (its time is the key press); this dialog only edits category, note,
tags and priority, and can be closed without saving anything more.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from videowall.domain.evidence import BookmarkEdit, local_time, parse_tags
from videowall.services.evidence_service import EvidenceService, PendingBookmark
from videowall.services.operations import deliver, on_the_loop
from videowall.ui.refusal_words import refusal_text

log = logging.getLogger(__name__)
T = TypeVar("T")


def launch(coro: Coroutine[Any, Any, T], on_ok: Callable[[T], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None) -> None:
    """Run a service coroutine on the app's loop (qasync) and call back on the UI thread."""
    task = asyncio.ensure_future(coro)
    deliver(task, on_the_loop, on_ok, on_error or (lambda exc: log.error("evidence operation failed: %s", exc)))


PRIORITIES = ((1, "1 - high"), (2, "2 - normal"), (3, "3 - low"))


class BookmarkDialog(QDialog):
    def __init__(self, pending: PendingBookmark, service: EvidenceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._pending = pending
        self._service = service
        cam = pending.camera
        self.setWindowTitle(self.tr("Bookmark: %1").replace("%1", cam.name))
        form = QFormLayout(self)
        form.addRow(self.tr("Camera"), QLabel(f"{cam.id} - {cam.name} ({cam.area.label()})"))
        form.addRow(self.tr("Time"), QLabel(local_time(pending.at, service.settings.timezone)))
        self.category = QComboBox()
        self.category.addItems(list(service.settings.categories))
        self.category.setCurrentIndex(self.category.count() - 1)
        form.addRow(self.tr("Category"), self.category)
        self.priority = QComboBox()
        for value, text in PRIORITIES:
            self.priority.addItem(self.tr(text), value)
        self.priority.setCurrentIndex(1)
        form.addRow(self.tr("Priority"), self.priority)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. motor, lajur kiri"))
        form.addRow(self.tr("Tags"), self.tags)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What happened? The video keeps playing while you type."))
        form.addRow(self.tr("Note"), self.note)
        self.status = QLabel(self.tr("Saved at the key press; the clip follows in %1 s.")
                             .replace("%1", f"{service.settings.post_s:.0f}"))
        form.addRow(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.close)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+Enter; Enter in the note starts a new line)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        form.addRow(buttons)
        self.note.setFocus()

    def hide_and_close(self) -> None:
        self.close()

    def save(self) -> None:
        edit = BookmarkEdit(self.category.currentText(), self.note.toPlainText().strip(),
                            parse_tags(self.tags.text()), int(self.priority.currentData()))

        async def work() -> None:
            bid = await self._pending.row
            await self._service.edit(bid, edit)

        launch(work(), lambda _r: self.hide_and_close(), lambda exc: self.status.setText(refusal_text(exc)))

"""The console's "Presentation..." dialog: pick a saved briefing to present, import, export or edit one.

Import and Edit are offered only to a role that may edit briefings; the service checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import Permission, User
from videowall.domain.briefing import Briefing
from videowall.services.briefing_service import BriefingService
from videowall.ui.refusal_words import refusal_text
from videowall.ui.ui_thread import ui_operations


class BriefingPicker(QDialog):
    def __init__(self, service: BriefingService, present: Callable[[str], None], user: Callable[[], User],
                 parent: QWidget | None = None, edit: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Presentation"))
        self._service = service
        self._present = present
        self._user = user
        self._edit = edit
        self._ops = ui_operations(self)  # the list, imports and exports: off the UI thread
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self._start())
        self.message = QLabel(self.tr("Choose a briefing. Page Down / Page Up step through it, Esc ends it."))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.present_button = QPushButton(self.tr("Present"))
        self.present_button.clicked.connect(self._start)
        buttons.addButton(self.present_button, QDialogButtonBox.ButtonRole.AcceptRole)
        may_edit = user().can(Permission.EDIT_BRIEFINGS)
        actions = [(self.tr("Import..."), self._import)] if may_edit else []
        actions.append((self.tr("Export..."), self._export))
        if may_edit and edit is not None:
            actions.append((self.tr("Edit..."), self._open_editor))
        for text, slot in actions:
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(480, 360)
        self.refresh()

    def refresh(self) -> None:
        self._ops.follow(self._service.names(), self._fill,
                         lambda exc: self._say(self.tr("Briefings not read: %1"), exc))

    def _say(self, template: str, exc: BaseException) -> None:
        self.message.setText(template.replace("%1", refusal_text(exc)))

    def _fill(self, names: list[str]) -> None:
        chosen = self._chosen()
        self.list.clear()
        self.list.addItems(names)
        if self.list.count():
            self.list.setCurrentRow(names.index(chosen) if chosen in names else 0)

    def _chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item is not None else None

    def _start(self) -> None:
        name = self._chosen()
        if name:
            self.accept()
            self._present(name)

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import briefing"), "",
                                              self.tr("Briefing files (*.json)"))
        if path:
            user = self._user()
            self._ops.background(lambda: self._service.import_file(Path(path), user), self._imported,
                                 lambda exc: self.message.setText(self.tr("Not imported: %1")
                                                                  .replace("%1", refusal_text(exc))))

    def _imported(self, briefing: Briefing) -> None:
        self.refresh()
        self.message.setText(self.tr("Imported: %1").replace("%1", briefing.name))

    def _open_editor(self) -> None:
        assert self._edit is not None
        name = self._chosen() or ""
        self.accept()
        self._edit(name)

    def _export(self) -> None:
        name = self._chosen()
        if not name:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export briefing"), f"{name}.json",
                                              self.tr("Briefing files (*.json)"))
        if path:
            self._ops.background(lambda: self._service.export(name, Path(path)),
                                 lambda _r: self.message.setText(self.tr("Exported to %1").replace("%1", path)),
                                 lambda exc: self.message.setText(self.tr("Not exported: %1")
                                                                  .replace("%1", refusal_text(exc))))

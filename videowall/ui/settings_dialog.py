"""The Settings window: this installation's signing-key fingerprint for everyone, the shared settings
for the administrator (domain/settings_catalogue.py), saved through services/settings_service.py.

Reads and writes run on the database writer's thread; their outcome comes back through a queued
signal, so the window never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Permission, User
from videowall.domain.settings_catalogue import CATALOGUE, CHOICE_LABELS, Group, Kind, SettingField, current
from videowall.services.settings_service import change_setting
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter
from videowall.ui.refusal_words import refusal_text
from videowall.ui.ui_thread import ui_operations

Value = int | float | bool | str
_GROUPS: dict[Group, str] = {Group.GENERAL: str(QT_TRANSLATE_NOOP("SettingsDialog", "General")),
           Group.STREAMS: str(QT_TRANSLATE_NOOP("SettingsDialog", "Streams")),
           Group.SIGN_IN: str(QT_TRANSLATE_NOOP("SettingsDialog", "Sign-in and lock")),
           Group.PRIVACY: str(QT_TRANSLATE_NOOP("SettingsDialog", "Privacy")),
           Group.BACKUP: str(QT_TRANSLATE_NOOP("SettingsDialog", "Backups")),
           Group.MAP: str(QT_TRANSLATE_NOOP("SettingsDialog", "Health map")),
           Group.REPORTS: str(QT_TRANSLATE_NOOP("SettingsDialog", "Scheduled report")),
           Group.EVIDENCE: str(QT_TRANSLATE_NOOP("SettingsDialog", "Evidence")),
           Group.JOYSTICK: str(QT_TRANSLATE_NOOP("SettingsDialog", "PTZ joystick"))}
_RIGHT_COLUMN = (Group.STREAMS, Group.BACKUP, Group.MAP, Group.REPORTS)  # two columns: it fits 1600x900


class SettingsDialog(QDialog):
    def __init__(self, writer: DatabaseWriter, user: User, fingerprint: str, public_key: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Settings"))
        self._writer, self._user = writer, user
        self._ops = ui_operations(self, writer)  # reads and saves on the writer, answers on the UI thread
        self._values: dict[str, Value] = {}
        self.editors: dict[str, QWidget] = {}
        may_edit = user.can(Permission.CHANGE_SETTINGS)
        lay = QVBoxLayout(self)
        lay.addWidget(self._installation_box(fingerprint, public_key))
        groups = QWidget()
        columns = QHBoxLayout(groups)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        for group, title in _GROUPS.items():
            box = QGroupBox(QCoreApplication.translate("SettingsDialog", title))
            form = QFormLayout(box)
            for field in (f for f in CATALOGUE if f.group is group):
                editor = _editor(field)
                editor.setEnabled(False)  # until the stored values are in
                self.editors[field.key] = editor
                label = QLabel(QCoreApplication.translate("SettingsCatalogue", field.label))
                label.setWordWrap(True)  # two columns of long labels: wrapped, at a readable width
                label.setMinimumWidth(230)
                editor.setMaximumWidth(260)
                form.addRow(label, editor)
            (right if group in _RIGHT_COLUMN else left).addWidget(box)
        for column in (left, right):
            column.addStretch(1)
            columns.addLayout(column, 1)
        lay.addWidget(_scrolling(groups, self))  # still taller than a short screen: the groups scroll
        self.status = QLabel(self.tr("Reading the settings...") if may_edit else
                             self.tr("Only an administrator changes these settings; they are shown read-only."))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setVisible(may_edit)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(lambda _checked=False: self.reject())
        row.addWidget(self.save_button)
        row.addWidget(close)
        lay.addLayout(row)
        self._may_edit = may_edit
        self._load()

    def _installation_box(self, fingerprint: str, public_key: Path | None) -> QGroupBox:
        box = QGroupBox(self.tr("This installation"))
        form = QFormLayout(box)
        self.fingerprint = QLabel(fingerprint or self.tr("no signing key: exports are not signed"))
        self.fingerprint.setObjectName("fingerprint")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.fingerprint.setFont(mono)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton(self.tr("Copy"))
        copy.setEnabled(bool(fingerprint))
        copy.clicked.connect(lambda _checked=False: QGuiApplication.clipboard().setText(fingerprint))
        line = QHBoxLayout()
        line.addWidget(self.fingerprint, 1)
        line.addWidget(copy)
        form.addRow(self.tr("Evidence signing key (SHA-256 fingerprint)"), line)
        if public_key is not None:
            where = QLabel(str(public_key))
            where.setWordWrap(True)
            form.addRow(self.tr("Public key for recipients"), where)
        return box

    # --- reading and saving (on the writer's thread) -------------------------------------------------------
    def _load(self) -> None:
        self._ops.read(lambda db: SettingsRepository(db).all(), lambda values: self._show_values(current(values)),
                       self._show_values)

    def _show_values(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.status.setText(self.tr("Cannot read the settings: %1").replace("%1", str(result)))
            return
        assert isinstance(result, dict)
        self._values = result
        for key, editor in self.editors.items():
            _set_value(editor, result[key])
            editor.setEnabled(self._may_edit)
        self.save_button.setEnabled(self._may_edit)
        if self._may_edit and self.status.text() == self.tr("Reading the settings..."):
            self.status.setText("")

    def changes(self) -> dict[str, Value | None]:
        """What differs from the stored values (``None``: back to the default, the key removed)."""
        out: dict[str, Value | None] = {}
        for field in CATALOGUE:
            value = field.parse(_value(self.editors[field.key], field))
            if value != self._values.get(field.key):
                out[field.key] = None if value == field.default else value
        return out

    def save(self) -> None:
        try:
            changes = self.changes()
        except ValueError as exc:
            self.status.setText(refusal_text(exc))
            return
        if not changes:
            self.status.setText(self.tr("Nothing changed."))
            return
        user = self._user
        self.save_button.setEnabled(False)

        def work(db: Database) -> int:
            with db.atomic():  # all or nothing, each change with its audit row
                for key, value in changes.items():
                    change_setting(db, user, key, value)
            return len(changes)

        self._ops.write(work, self._saved, self._saved)

    def _saved(self, result: object) -> None:
        self.save_button.setEnabled(self._may_edit)
        if isinstance(result, AccessDenied):
            self.status.setText(refusal_text(result))
        elif isinstance(result, BaseException):
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(result)))
        else:
            self.status.setText(self.tr("Saved %1 settings; they are in the audit trail. Consoles use them from "
                                        "their next start or sign-in.").replace("%1", str(result)))
            self._load()


def _scrolling(content: QWidget, dialog: QWidget) -> QScrollArea:
    """The groups scroll when the screen is shorter than they are: the window, its Save button too, stays on it."""
    area = QScrollArea(dialog)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    wanted = content.sizeHint()
    room = int(screen.availableGeometry().height() * 0.55) if screen is not None else wanted.height()
    area.setMinimumWidth(wanted.width() + area.verticalScrollBar().sizeHint().width())
    area.setMinimumHeight(min(wanted.height(), max(200, room)))
    return area


def _editor(field: SettingField) -> QWidget:
    if field.kind is Kind.BOOL:
        return QCheckBox()
    if field.kind is Kind.INT:
        spin = QSpinBox()
        spin.setRange(int(field.minimum or 0), int(field.maximum or 1_000_000))
        return spin
    if field.kind is Kind.CHOICE:
        combo = QComboBox()
        for choice in field.choices:
            combo.addItem(QCoreApplication.translate("SettingsCatalogue", CHOICE_LABELS.get(choice, choice)), choice)
        return combo
    if field.kind is Kind.FLOAT:
        dspin = QDoubleSpinBox()
        dspin.setDecimals(1)
        dspin.setRange(field.minimum or 0.0, field.maximum or 1e9)
        return dspin
    return QLineEdit()


def _set_value(editor: QWidget, value: Value) -> None:
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QDoubleSpinBox):
        editor.setValue(float(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(str(value))))


def _value(editor: QWidget, field: SettingField) -> Value:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QDoubleSpinBox):
        return round(editor.value(), 1)
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    assert isinstance(editor, QLineEdit)
    return editor.text().strip() or str(field.default)


def attach_settings(window: QMainWindow, writer: DatabaseWriter, user: Callable[[], User], fingerprint: str,
                    public_key: Path | None) -> QAction:
    """The Settings... entry (Ctrl+,) in a Settings menu; everyone sees the key, the admin edits."""
    menu = window.menuBar().addMenu(window.tr("Settings"))
    action = menu.addAction(window.tr("Settings..."),
                            lambda: SettingsDialog(writer, user(), fingerprint, public_key, window).open())
    action.setShortcut(QKeySequence("Ctrl+,"))
    return action

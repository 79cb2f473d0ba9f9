"""The administrator's Users window: the accounts with their roles, add one, give one another role.

Every read and write runs through the background-work API (the password hash and the writer's wait stay off
the UI thread); the services check MANAGE_USERS themselves, so the window only words their answers. The
usual mistakes (no name, a short password, a name taken) are said here in the window's language before
anything is sent; the service still checks them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import Role, User
from videowall.security.users import MIN_PASSWORD, UserRow
from videowall.services.access import change_role, create_user, list_users
from videowall.storage.writer import DatabaseWriter
from videowall.ui.refusal_words import refusal_text, role_name
from videowall.ui.ui_thread import ui_operations


class UsersDialog(QDialog):
    """Admin: list the accounts, add one (name, role, password), change the selected one's role."""

    def __init__(self, writer: DatabaseWriter, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writer, self._user = writer, user
        self._ops = ui_operations(self)
        self._rows: list[UserRow] = []
        self.setWindowTitle(self.tr("Users"))
        self.list = QListWidget()
        self.name, self.password = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = self._roles()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password"), self.password)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(lambda: self._add())
        self.new_role = self._roles()
        self.role_button = QPushButton(self.tr("Give the selected account this role"))
        self.role_button.clicked.connect(lambda: self._change_role())
        self.list.currentRowChanged.connect(lambda _row: self._selected())
        self.status = QLabel()
        self.status.setWordWrap(True)
        change = QHBoxLayout()
        change.addWidget(self.new_role)
        change.addWidget(self.role_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list)
        lay.addLayout(change)
        lay.addLayout(form)
        lay.addWidget(self.add_button)
        lay.addWidget(self.status)
        self.finished.connect(lambda _result: self._ops.close())
        self._busy(True)
        self._fill()

    def _roles(self) -> QComboBox:
        box = QComboBox()
        for role in Role:
            box.addItem(role_name(role), role.value)
        return box

    def _busy(self, busy: bool) -> None:
        self.add_button.setEnabled(not busy)
        self.role_button.setEnabled(not busy and self.list.currentRow() >= 0)

    def _fill(self, then: str = "") -> None:
        writer, user = self._writer, self._user
        self._ops.background(lambda: list_users(writer, user), lambda rows: self._show(rows, then), self._failed)

    def _show(self, rows: list[UserRow], then: str) -> None:
        self._rows = rows
        self.list.clear()
        for row in rows:
            off = "  " + self.tr("disabled") if row.disabled else ""
            self.list.addItem(QListWidgetItem(f"{row.name}  ({role_name(row.role)}){off}"))
        self.status.setText(then)
        self._busy(False)

    def _selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._rows):
            self.new_role.setCurrentIndex(self.new_role.findData(self._rows[row].role.value))
        self._busy(False)

    def _problem(self, name: str, password: str) -> str:
        if not name:
            return self.tr("A new account needs a name.")
        if any(row.name == name for row in self._rows):
            return self.tr("An account named %1 exists already.").replace("%1", name)
        if len(password) < MIN_PASSWORD:
            return self.tr("The password must have at least %1 characters.").replace("%1", str(MIN_PASSWORD))
        return ""

    def _add(self) -> None:
        name, password, role = self.name.text().strip(), self.password.text(), Role(self.role.currentData())
        problem = self._problem(name, password)
        if problem:
            self.status.setText(problem)
            return
        writer, user = self._writer, self._user
        self._busy(True)
        self.status.setText(self.tr("Adding %1...").replace("%1", name))
        self._ops.background(lambda: create_user(writer, user, name, role, password),
                             lambda added: self._added(added), self._failed)

    def _added(self, added: User) -> None:
        self.password.clear()
        self.name.clear()
        self._fill(self.tr("%1 added as %2.").replace("%1", added.name).replace("%2", role_name(added.role)))

    def _change_role(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._rows):
            return
        name, role = self._rows[row].name, Role(self.new_role.currentData())
        admins = [r.name for r in self._rows if r.role is Role.ADMIN and not r.disabled]
        if admins == [name] and role is not Role.ADMIN:
            self.status.setText(self.tr("%1 is the last administrator: make another one first.").replace("%1", name))
            return
        writer, user = self._writer, self._user
        self._busy(True)
        self._ops.background(lambda: change_role(writer, user, name, role),
                             lambda _old: self._fill(self.tr("%1 is now %2.").replace("%1", name)
                                                     .replace("%2", role_name(role))), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(refusal_text(error))
        self._busy(False)

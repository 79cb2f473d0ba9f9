"""The Users window driven by keys and clicks: an administrator adds an account and changes a role (the database
and the audit trail have them), mistakes are said before anything is sent, the last administrator stays one,
and an operator who reaches the window gets the service's refusal, not the list."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.unit.qt_wait import qt_app as _app
from tests.unit.qt_wait import until
from videowall.domain.access import Role, User
from videowall.security.users import UserStore
from videowall.services.access import create_user
from videowall.storage.writer import DatabaseWriter
from videowall.ui.users_dialog import UsersDialog

ADMIN = User("admin1", Role.ADMIN)




@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    with DatabaseWriter(tmp_path / "w.db") as w:
        create_user(w, None, "admin1", Role.ADMIN, "admin-pass-1")
        yield w


def _rows(writer: DatabaseWriter) -> dict[str, Role]:
    return {r.name: r.role for r in writer.submit(lambda db: UserStore(db).all(), transaction=False).result(10)}


def _audit(writer: DatabaseWriter) -> list[tuple[str, str, str, str]]:
    rows = writer.submit(lambda db: db.execute("SELECT actor, action, target, detail FROM audit_log ORDER BY id")
                         .fetchall(), transaction=False).result(10)
    return [tuple(r) for r in rows]


def _open(writer: DatabaseWriter, user: User) -> UsersDialog:
    _app()
    dialog = UsersDialog(writer, user)
    dialog.show()
    return dialog


def _pick(box: QtWidgets.QComboBox, role: Role) -> None:
    """Choose ``role`` with the keyboard: Home, then Down until it is current."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentData() == role.value:
            return
        QTest.keyClick(box, Qt.Key.Key_Down)
    raise AssertionError(f"{role} not offered")


def test_an_administrator_adds_an_account_and_gives_it_another_role(writer: DatabaseWriter) -> None:
    dialog = _open(writer, ADMIN)
    until(lambda: dialog.list.count() == 1 and dialog.add_button.isEnabled(), "the accounts listed")
    assert dialog.list.item(0).text() == "admin1  (administrator)"

    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # nothing typed: said at once, nothing sent
    assert dialog.status.text() == "A new account needs a name."
    QTest.keyClicks(dialog.name, "op-rina")
    _pick(dialog.role, Role.OPERATOR)
    QTest.keyClicks(dialog.password, "short")
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "The password must have at least 8 characters."
    QTest.keyClicks(dialog.password, "-enough")
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    until(lambda: dialog.list.count() == 2, "the new account listed")
    assert dialog.status.text() == "op-rina added as operator."
    assert dialog.password.text() == "" and _rows(writer)["op-rina"] is Role.OPERATOR
    assert ("admin1", "user_added", "op-rina", "role operator") in _audit(writer)

    QTest.keyClicks(dialog.name, "op-rina")
    QTest.keyClicks(dialog.password, "another-one")
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "An account named op-rina exists already."

    item = dialog.list.item(1)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(item).center())
    assert dialog.new_role.currentData() == Role.OPERATOR.value  # the selected account's role is shown
    _pick(dialog.new_role, Role.SUPERVISOR)
    QTest.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    until(lambda: dialog.status.text() == "op-rina is now supervisor.", "the role changed")
    assert _rows(writer)["op-rina"] is Role.SUPERVISOR
    assert ("admin1", "user_role_changed", "op-rina", "operator -> supervisor") in _audit(writer)

    first = dialog.list.item(0)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=dialog.list.visualItemRect(first).center())
    _pick(dialog.new_role, Role.OPERATOR)
    QTest.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "admin1 is the last administrator: make another one first."
    assert _rows(writer)["admin1"] is Role.ADMIN
    dialog.close()


def test_an_operator_gets_the_services_refusal_not_the_list(writer: DatabaseWriter) -> None:
    dialog = _open(writer, User("op-budi", Role.OPERATOR))
    until(lambda: dialog.status.text() != "", "the answer")
    assert dialog.status.text() == "op-budi (role operator) may not manage users"
    assert dialog.list.count() == 0
    QTest.keyClicks(dialog.name, "intruder")
    QTest.keyClicks(dialog.password, "long-enough-1")
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    until(lambda: "intruder" not in dialog.status.text() and dialog.add_button.isEnabled(), "the refusal")
    assert dialog.status.text() == "op-budi (role operator) may not manage users"
    assert "intruder" not in _rows(writer)
    dialog.close()

"""The audit viewer asks the service (VIEW_AUDIT) itself: a role without it sees no row even if it opens it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from videowall.domain.access import Role, User  # noqa: E402
from videowall.security import audit  # noqa: E402
from videowall.storage.database import open_database  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.audit_viewer import AuditViewer  # noqa: E402


@pytest.mark.parametrize("role", list(Role))
def test_only_auditors_see_the_trail(tmp_path: Path, role: Role) -> None:
    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    open_database(tmp_path / "v.db").close()
    with DatabaseWriter(tmp_path / "v.db") as writer:
        writer.submit(lambda d: audit.append(d, "someone", audit.Action.LOGIN, "", "role operator")).result()
        viewer = AuditViewer(writer.readers, User("viewer", role))
        may = role in (Role.SUPERVISOR, Role.ADMIN)
        assert (viewer.table.rowCount() == 1) is may, (role, viewer.status.text())
        if not may:
            assert "may not read the audit trail" in viewer.status.text()
        viewer.close()

"""Register sync as a service: who may, what a plan leaves alone, and a plan that no longer holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Role, User
from videowall.security.secrets import CredentialStore
from videowall.services.register_import import import_register
from videowall.services.register_sync import SyncError, apply_sync, plan_sync
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.health_history import HealthHistoryRepository

ADMIN = User("admin1", Role.ADMIN)
HEADER = "id_titik,nama_titik,rtsp_utama\n"


def rows(*ids: str, broken: str = "") -> str:
    return HEADER + "".join(f"{cid},Titik {cid},rtsp://10.0.0.1/{cid}\n" for cid in ids) + (
        f"{broken},,rtsp://10.0.0.1/{broken}\n" if broken else "")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "v.db")
    yield database
    database.close()


def test_only_importers_may_plan_or_apply(tmp_path: Path, db: Database) -> None:
    store = CredentialStore(db, tmp_path / "k.key")
    path = tmp_path / "r.csv"
    path.write_text(rows("A-1"))
    plan = plan_sync(path, db, user=ADMIN)
    for role in Role:
        if role is not Role.ADMIN:
            with pytest.raises(AccessDenied):
                plan_sync(path, db, user=User("x", role))
            with pytest.raises(AccessDenied):
                apply_sync(plan, db, store, user=User("x", role))
    assert CameraRepository(db).count() == 0


def test_a_camera_on_a_rejected_line_is_not_retired_and_a_stale_plan_is_refused(tmp_path: Path,
                                                                               db: Database) -> None:
    store = CredentialStore(db, tmp_path / "k.key")
    path = tmp_path / "r.csv"
    path.write_text(rows("A-1", "A-2", "A-3"))
    import_register(path, db, store, user=ADMIN)
    path.write_text(rows("A-1", broken="A-2"))  # A-2's line is broken, A-3 is gone
    strict = plan_sync(path, db, user=ADMIN)
    assert not strict.applicable
    with pytest.raises(SyncError, match="rejected"):
        apply_sync(strict, db, store, user=ADMIN)
    plan = plan_sync(path, db, user=ADMIN, valid_only=True)
    assert [e.camera_id for e in plan.retired] == ["A-3"] and plan.spared == ("A-2",)
    path.write_text(rows("A-1"))  # the file changes after the preview
    with pytest.raises(SyncError, match="changed since the preview"):
        apply_sync(plan, db, store, user=ADMIN)
    assert CameraRepository(db).retired() == {}
    path.write_text(rows("A-1", broken="A-2"))
    apply_sync(plan, db, store, user=ADMIN)
    assert list(CameraRepository(db).retired()) == ["A-3"]
    assert HealthHistoryRepository(db).counts() == {"": {"unknown": 2}}  # the dashboard counts cameras in service
    path.write_text(rows("A-3"))  # an ordinary import that lists a retired camera brings it back
    report = import_register(path, db, store, user=ADMIN)
    assert (report.updated, report.restored) == (1, 1) and CameraRepository(db).retired() == {}

"""Repository round trips: cameras, layouts (atomic replace) and settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus, StreamKind
from videowall.domain.layout import Layout, TileAssignment
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.layouts import LayoutRepository
from videowall.storage.settings import SettingsRepository


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "videowall.db")
    yield database
    database.close()


FULL = Camera(
    id="SMG-1",
    name="Simpang Lima \u2013 utara",
    kind=CameraKind.TRAFFIC,
    area=Area("Semarang Tengah", "Pekunden", "02", "08"),
    latitude=-6.99,
    longitude=110.42,
    main_url="rtsp://10.0.0.1/main",
    sub_url="rtsp://10.0.0.1/sub",
    onvif_host="10.0.0.1",
    onvif_port=8080,
    ptz=True,
    status=ServiceStatus.INACTIVE,
    tags=("banjir", "pasar"),
    notes="tiang miring",
    credential_ref=None,
)


def test_camera_round_trip_all_fields(db: Database) -> None:
    bare = Camera(id="SMG-2", name="Tanpa koordinat", main_url="rtsp://h/x")
    repo = CameraRepository(db)
    assert repo.upsert_many([FULL, bare]) == 2
    assert repo.get("SMG-1") == FULL
    got = repo.get("SMG-2")
    assert got == bare
    assert got is not None and got.latitude is None and got.longitude is None and got.onvif_port is None
    assert repo.get("nope") is None
    assert repo.count() == 2


def test_camera_credential_ref_round_trip(db: Database) -> None:
    db.execute("INSERT INTO credentials (ref, username, secret, updated_at) VALUES ('c1', 'u', x'00', 'now')")
    cam = Camera(id="A", name="a", main_url="rtsp://h/a", credential_ref="c1")
    repo = CameraRepository(db)
    repo.upsert_many([cam])
    assert repo.get("A") == cam
    assert repo.credential_refs() == {"A": "c1"}


def test_upsert_replaces_and_all_orders_by_area_then_name(db: Database) -> None:
    repo = CameraRepository(db)
    repo.upsert_many(
        [
            Camera(id="3", name="zeta", area=Area("Banyumanik", "Pudakpayung"), main_url="rtsp://h/3"),
            Camera(id="1", name="beta", area=Area("Tugu", "Mangkang"), main_url="rtsp://h/1"),
            Camera(id="2", name="Alpha", area=Area("Banyumanik", "Pudakpayung"), main_url="rtsp://h/2"),
            Camera(id="4", name="x", area=Area("Banyumanik", "Gedawang"), main_url="rtsp://h/4"),
        ]
    )
    assert [c.id for c in repo.all()] == ["4", "2", "3", "1"]
    repo.upsert_many([Camera(id="1", name="renamed", main_url="rtsp://h/1b")])
    assert repo.count() == 4
    one = repo.get("1")
    assert one is not None and (one.name, one.main_url) == ("renamed", "rtsp://h/1b")


def test_layout_save_load_replace_delete(db: Database) -> None:
    repo = LayoutRepository(db)
    first = Layout("Banjir", 2, 2, (TileAssignment(0, "A"), TileAssignment(3, "B", StreamKind.MAIN)))
    repo.save(first)
    assert repo.load("Banjir") == first
    second = Layout("Banjir", 3, 3, (TileAssignment(8, "C"),))
    repo.save(second)
    assert repo.load("Banjir") == second
    assert db.execute("SELECT count(*) FROM layout_tiles").fetchone()[0] == 1
    repo.save(Layout("arsip", 1, 1))
    assert repo.names() == ["arsip", "Banjir"]
    assert repo.delete("Banjir") is True
    assert repo.delete("Banjir") is False
    assert repo.load("Banjir") is None
    assert db.execute("SELECT count(*) FROM layout_tiles").fetchone()[0] == 0


def test_failure_mid_save_keeps_the_old_layout(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = LayoutRepository(db)
    old = Layout("wall", 2, 2, (TileAssignment(0, "A"), TileAssignment(1, "B")))
    repo.save(old)

    def broken(layout: Layout) -> Iterator[dict[str, Any]]:
        yield {"layout": layout.name, "idx": 0, "camera_id": "NEW", "stream": "sub"}
        raise OSError("disk went away")

    monkeypatch.setattr(LayoutRepository, "_tile_rows", staticmethod(broken))
    with pytest.raises(OSError, match="disk went away"):
        repo.save(Layout("wall", 4, 4, (TileAssignment(0, "NEW"), TileAssignment(1, "NEW2"))))
    monkeypatch.undo()
    assert repo.load("wall") == old
    assert not db.conn.in_transaction


def test_settings_round_trip(db: Database) -> None:
    repo = SettingsRepository(db)
    assert repo.get("wall.last_layout") is None
    assert repo.get("wall.last_layout", "2x2") == "2x2"
    repo.set("wall.last_layout", "Banjir")
    repo.set("wall.geometry", {"screens": [0, 1], "fullscreen": True, "scale": 1.5})
    repo.set("wall.last_layout", "Pasar")
    assert repo.get("wall.last_layout") == "Pasar"
    assert repo.get("wall.geometry") == {"screens": [0, 1], "fullscreen": True, "scale": 1.5}
    assert set(repo.all()) == {"wall.last_layout", "wall.geometry"}
    with pytest.raises(TypeError):
        repo.set("bad", object())
    repo.delete("wall.geometry")
    assert repo.get("wall.geometry") is None


def test_span_layout_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from videowall.domain.camera import StreamKind
    from videowall.domain.grid import SPAN_PRESETS
    from videowall.domain.layout import Layout, TileAssignment
    from videowall.storage.database import open_database
    from videowall.storage.layouts import LayoutRepository

    repo = LayoutRepository(open_database(tmp_path / "l.db"))
    layout = Layout.from_shape("incident", SPAN_PRESETS["1+7"], (TileAssignment(0, "cam-a", StreamKind.MAIN),))
    repo.save(layout)
    back = repo.load("incident")
    assert back == layout
    assert back is not None and back.shape.tile_count == 8 and back.shape.cells[0].row_span == 3
    grid = Layout("plain", 2, 2)
    repo.save(grid)
    assert repo.load("plain") == grid and grid.cells == ()

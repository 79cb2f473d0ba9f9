"""Masks on PTZ cameras and on ids sharing a picture: the rule, and PrivacyService applying it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.unit.test_ptz_controller import FakeCamera
from videowall.domain.access import Role, User
from videowall.domain.privacy import MaskPolygon, MaskSet
from videowall.domain.ptz import Position, Velocity
from videowall.domain.ptz_masks import FULL_FRAME, REST, PtzPose, masks_in_view, same_picture_groups, stream_key
from videowall.ptz.controller import PtzController
from videowall.services.privacy import PrivacyService
from videowall.services.ptz_views import PtzViews
from videowall.storage.database import open_database
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.writer import DatabaseWriter

HOUSE = MaskPolygon(((0.6, 0.2), (0.9, 0.2), (0.9, 0.6), (0.6, 0.6)))


def test_masks_fit_only_at_home() -> None:
    assert masks_in_view((HOUSE,), REST) == (HOUSE,)
    assert masks_in_view((), PtzPose(True, True)) == ()  # no masks: never blanked
    assert masks_in_view((HOUSE,), PtzPose(True, True)) == (FULL_FRAME,)


def test_stream_keys_ignore_credentials_and_spelling() -> None:
    assert stream_key("rtsp://u:p@Cam.Local/live/") == stream_key("rtsp://cam.local:554/live")
    assert stream_key("rtsp://cam.local:8554/live") != stream_key("rtsp://cam.local/live")
    groups = same_picture_groups([("A", ["rtsp://h/main", "rtsp://h/sub"]), ("B", ["rtsp://x:y@h/main/"]),
                                  ("C", ["rtsp://h/other", "rtsp://h/sub"]), ("D", ["rtsp://h/d", ""])])
    assert groups["A"] == groups["B"] == groups["C"] == frozenset("ABC")
    assert groups["D"] == frozenset("D")


def _privacy(tmp_path: Path, writer: DatabaseWriter) -> PrivacyService:
    service = PrivacyService(writer, tmp_path, User("sup", Role.SUPERVISOR))
    service.load()
    return service


@pytest.fixture
def writer(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "v.db"
    open_database(db).close()
    with DatabaseWriter(db) as w:
        w.submit(lambda d: PrivacyRepository(d).save_masks(MaskSet("PTZ-1", (HOUSE,)))).result()
        yield w


def test_a_turned_ptz_camera_is_blanked_until_home(tmp_path: Path, writer: DatabaseWriter) -> None:
    privacy = _privacy(tmp_path, writer)
    views = PtzViews()
    privacy.ptz = views
    privacy.same_picture = same_picture_groups([("PTZ-1", ["rtsp://h/ptz"]), ("COPY", ["rtsp://h/ptz"]),
                                                ("OTHER", ["rtsp://h/other"])])

    async def steer() -> list[tuple[tuple[MaskPolygon, ...], ...]]:
        controller = PtzController(FakeCamera(), min_interval=0.0)
        views.follow("PTZ-1", controller)
        seen = [(privacy.masks_for("PTZ-1"), privacy.masks_for("COPY"))]  # opened, not moved: as drawn
        controller.move(Velocity(0.5, 0.0, 0.0))  # asked for: blanked before anything is sent
        seen.append((privacy.masks_for("PTZ-1"), privacy.masks_for("COPY")))
        await controller.stop()
        seen.append((privacy.masks_for("PTZ-1"), privacy.masks_for("COPY")))  # stopped somewhere unknown
        await controller.absolute_move(Position(0.3, 0.1, 0.0))
        seen.append((privacy.masks_for("PTZ-1"), privacy.masks_for("COPY")))
        await controller.goto_home()
        seen.append((privacy.masks_for("PTZ-1"), privacy.masks_for("COPY")))
        views.follow("PTZ-1", PtzController(FakeCamera()))  # a new session that has not moved it
        seen.append((privacy.masks_for("PTZ-1"), privacy.masks_for("COPY")))
        return seen

    seen = asyncio.run(steer())
    home, away = (HOUSE,), (FULL_FRAME,)
    assert seen == [(home, home), (away, away), (away, away), (away, away), (home, home), (home, home)]
    assert privacy.masks_for("OTHER") == ()
    assert privacy.picture_masks("COPY") == (HOUSE,)  # recordings and exports of the copy are masked too


def test_masks_are_drawn_at_home_only(tmp_path: Path, writer: DatabaseWriter) -> None:
    privacy = _privacy(tmp_path, writer)
    views = PtzViews()
    privacy.ptz = views

    async def turn() -> None:
        controller = PtzController(FakeCamera(), min_interval=0.0)
        views.follow("PTZ-1", controller)
        await controller.absolute_move(Position(0.5, 0.0, 0.0))

    asyncio.run(turn())
    with pytest.raises(ValueError, match="home"):
        privacy.save_masks("PTZ-1", (HOUSE,))
    assert privacy.ptz_away("PTZ-1")

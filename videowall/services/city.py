"""City-scale use cases for the console: favourites, bulk edits, the dashboard's numbers, export, report.

Writes go through the one ``DatabaseWriter``; dashboard reads open their own connection and run on a
worker thread (``load_dashboard`` is blocking and pure of Qt), so the UI thread only gets the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.bulk_edit import BulkEdit
from videowall.domain.camera import Camera
from videowall.domain.city_plan import CORNERS_KEY, IMAGE_KEY, CityPlan, city_plan
from videowall.domain.dashboard import HOUR, CameraHealth, Summary, fleet_series, summarise
from videowall.domain.figures import Figures, city_figures, period_availability
from videowall.domain.health import HealthAlert
from videowall.health.prober import ProbeSettings, RtspProber
from videowall.security import audit
from videowall.services.sweep import HealthSweeper, WriterHealthStore
from videowall.services.sweep_command import _CredentialLookup
from videowall.storage.cameras import CameraRepository
from videowall.storage.city import CameraEdits, FavouriteRepository
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.readers import ReadConnections
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


@dataclass(frozen=True, slots=True)
class DashboardData:
    now: float
    items: list[CameraHealth]
    summary: Summary
    series: list[tuple[float, float | None]]  # hourly availability, oldest first
    load_ms: float
    availability: float | None = None  # camera-time availability over the whole window (``figures``)
    hours: float = 24.0  # the window
    city_plan: CityPlan | None = None  # the health map's background (settings map_image, map_image_corners)

    @property
    def figures(self) -> Figures:
        """The figures every slide, the dashboard and the report show, from this one read."""
        return city_figures(self.items, self.now, availability=self.availability,
                            period_start=self.now - self.hours * HOUR)  # fmt: skip


def camera_health(db: Database, cameras: Sequence[Camera] | None = None) -> list[CameraHealth]:
    cams = list(cameras) if cameras is not None else CameraRepository(db).all()
    current = HealthHistoryRepository(db).current()
    out = []
    for c in cams:
        h = current.get(c.id)
        if h is None:
            out.append(CameraHealth(c))
        else:
            out.append(CameraHealth(c, h.record.state, h.record.reason, h.since, h.record.at))
    return out


def load_dashboard(readers: ReadConnections, *, hours: float = 24.0, now: float | None = None) -> DashboardData:
    """Blocking: read the register and health, count, and make the last ``hours`` of availability."""
    started = time.perf_counter()
    now = time.time() if now is None else now
    db = readers.get()  # this worker thread's own read connection, kept for the next refresh
    items = camera_health(db)
    start = now - hours * HOUR
    changes = HealthHistoryRepository(db).changes(start, now, [i.camera.id for i in items])
    series = fleet_series(changes, start, now, HOUR)
    settings = SettingsRepository(db)
    plan = city_plan(settings.get(IMAGE_KEY), settings.get(CORNERS_KEY), readers.path.parent)
    return DashboardData(now, items, summarise(items), series, (time.perf_counter() - started) * 1000,
                         period_availability(changes, start, now), hours, plan)  # fmt: skip


class CityService:
    """The console's register edits, on the writer thread; each returns a concurrent Future."""

    def __init__(self, writer: DatabaseWriter, user: Callable[[], User]) -> None:
        self._writer = writer
        self._user = user  # the signed-in person, asked at each edit (the session may change hands)
        self.db_path = writer.path

    def favourites(self) -> set[str]:
        """Blocking read (start-up, small table)."""
        return self._writer.submit(lambda db: FavouriteRepository(db).all()).result()

    def set_favourites(self, camera_ids: Sequence[str], starred: bool) -> Future[set[str]]:
        ids = list(camera_ids)

        def work(db: Database) -> set[str]:
            repo = FavouriteRepository(db)
            repo.set(ids, starred)
            return repo.all()

        return self._writer.submit(work)

    def apply_edit(self, edit: BulkEdit) -> Future[list[Camera]]:
        """Apply tags and status in one transaction, audited; the Future gives the whole register back, re-read.

        Raises ``AccessDenied`` at once unless the signed-in user may EDIT_CAMERAS.
        """
        user = require(self._user(), Permission.EDIT_CAMERAS)

        def work(db: Database) -> list[Camera]:
            edits = CameraEdits(db)
            if edit.add_tags or edit.remove_tags:
                edits.edit_tags(edit.camera_ids, edit.add_tags, edit.remove_tags)
            if edit.status is not None:
                edits.set_status(edit.camera_ids, edit.status)
            audit.append(db, user.name, audit.Action.CAMERAS_EDITED, _ids_label(edit.camera_ids), _edit_label(edit))
            return CameraRepository(db).all()

        return self._writer.submit(work)


def _ids_label(ids: Sequence[str], shown: int = 20) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return f"{len(ids)} cameras: {', '.join(ids[:shown])}{more}"


def _edit_label(edit: BulkEdit) -> str:
    parts = [f"tags +{','.join(edit.add_tags)}" if edit.add_tags else "",
             f"tags -{','.join(edit.remove_tags)}" if edit.remove_tags else "",
             f"status {edit.status.value}" if edit.status is not None else ""]
    return "; ".join(p for p in parts if p)


# Fewer probes at once than the CLI (300): in the app they share the UI's event loop, and a busy loop
# would turn slow answers into false "unreachable" verdicts.
IN_APP_PROBES = ProbeSettings(concurrency=100)


def make_sweeper(writer: DatabaseWriter, key_path: Path, *,
                 on_alert: Callable[[HealthAlert], None] | None = None,
                 settings: ProbeSettings | None = None) -> tuple[HealthSweeper, Callable[[], None]]:  # fmt: skip
    """The console's health sweeper (same parts as ``videowall sweep``) and how to close its credential reader."""
    credentials = _CredentialLookup(writer.path, key_path)
    sweeper = HealthSweeper(WriterHealthStore(writer), RtspProber(settings or IN_APP_PROBES, credentials.for_target),
                            credentials=credentials.for_camera, on_alert=on_alert)  # fmt: skip
    return sweeper, credentials.close

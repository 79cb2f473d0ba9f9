"""The ``ptz_patrols`` tables: one camera's patrol and park plan, saved whole in one transaction."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlite_utils import Database

from videowall.domain.ptz_patrol import PatrolPlan, PatrolStep


@dataclass(frozen=True, slots=True)
class PatrolRun:
    """Which console runs a camera's patrol (empty: none), who started it, its last heartbeat (epoch s)."""

    console: str = ""
    by: str = ""
    seen: float = 0.0

    def live(self, now: float, stale_s: float) -> bool:
        return bool(self.console) and now - self.seen < stale_s


class PatrolRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, plan: PatrolPlan, by: str = "") -> None:
        """Replace the camera's plan and all its steps (never half a patrol)."""
        problems = plan.problems()
        if problems:
            raise ValueError("; ".join(problems))
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO ptz_patrols (camera_id, resume_idle_s, park_preset, park_idle_s, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(camera_id) DO UPDATE SET "
                "resume_idle_s = excluded.resume_idle_s, park_preset = excluded.park_preset, "
                "park_idle_s = excluded.park_idle_s, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                [plan.camera_id, plan.resume_idle_s, plan.park_preset.strip(), plan.park_idle_s, time.time(), by],
            )
            self._db.execute("DELETE FROM ptz_patrol_steps WHERE camera_id = ?", [plan.camera_id])
            for idx, step in enumerate(plan.steps):
                self._db.execute("INSERT INTO ptz_patrol_steps (camera_id, idx, preset, dwell_s) VALUES (?, ?, ?, ?)",
                                 [plan.camera_id, idx, step.preset.strip(), step.dwell_s])

    def get(self, camera_id: str) -> PatrolPlan | None:
        row = self._db.execute("SELECT resume_idle_s, park_preset, park_idle_s FROM ptz_patrols WHERE camera_id = ?",
                               [camera_id]).fetchone()
        if row is None:
            return None
        steps = tuple(PatrolStep(preset, float(dwell)) for preset, dwell in self._db.execute(
            "SELECT preset, dwell_s FROM ptz_patrol_steps WHERE camera_id = ? ORDER BY idx", [camera_id]))
        return PatrolPlan(camera_id, steps, float(row[0]), str(row[1]), float(row[2]))

    def parking(self) -> list[PatrolPlan]:
        """Every camera that parks after idle (the console watches them from its start)."""
        ids = [r[0] for r in self._db.execute(
            "SELECT camera_id FROM ptz_patrols WHERE park_idle_s > 0 AND park_preset != '' ORDER BY camera_id")]
        return [plan for plan in (self.get(cid) for cid in ids) if plan is not None]

    def run(self, camera_id: str) -> PatrolRun:
        row = self._db.execute("SELECT running_console, running_by, running_seen FROM ptz_patrols WHERE camera_id = ?",
                               [camera_id]).fetchone()
        return PatrolRun(str(row[0]), str(row[1]), float(row[2])) if row is not None else PatrolRun()

    def claim_run(self, camera_id: str, console: str, by: str, now: float, stale_s: float) -> PatrolRun:
        """Mark the patrol as run by ``console`` unless another console's heartbeat is fresh; returns the run
        as it is afterwards (someone else's when refused). Call inside one transaction."""
        current = self.run(camera_id)
        if current.console != console and current.live(now, stale_s):
            return current
        self._db.execute("UPDATE ptz_patrols SET running_console = ?, running_by = ?, running_seen = ? "
                         "WHERE camera_id = ?", [console, by, now, camera_id])
        return PatrolRun(console, by, now)

    def beat(self, camera_id: str, console: str, now: float) -> bool:
        """The running console's heartbeat; False when the patrol is no longer this console's (stopped elsewhere)."""
        cursor = self._db.execute("UPDATE ptz_patrols SET running_seen = ? WHERE camera_id = ? AND running_console = ?",
                                  [now, camera_id, console])
        return bool(cursor.rowcount)

    def end_run(self, camera_id: str, console: str | None = None) -> PatrolRun:
        """The patrol is stopped: by its console (``console``), or from anywhere (None); returns what it was."""
        current = self.run(camera_id)
        if console is None or current.console == console:
            self._db.execute("UPDATE ptz_patrols SET running_console = '', running_by = '', running_seen = 0 "
                             "WHERE camera_id = ?", [camera_id])
        return current

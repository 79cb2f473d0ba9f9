"""Health history: state changes in ``health_events``, the latest verdict per camera in ``health_current``.

Only changes are stored, so a month of a city's probes stays small (a camera that is always up has
one event), and uptime is interval maths over those changes (``domain.health.uptime``). Every
``apply`` is one transaction: a sweep cancelled half-way leaves what it stored whole.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

from videowall.domain.health import Change, HealthRecord, HealthState, Uptime, uptime, uptime_series

GroupBy = Literal["camera", "kecamatan", "kelurahan", "city"]
_CHUNK = 500  # ids per IN (...) query, well under SQLite's parameter limit


@dataclass(frozen=True, slots=True)
class CurrentHealth:
    """A camera's latest verdict and since when it has held."""

    record: HealthRecord  # ``at`` is when it was last checked
    since: float
    picture_checked: float | None = None


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class HealthHistoryRepository:
    """Reads and writes health on the connection it is given (the writer's, or a reader's for queries)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing ------------------------------------------------------------------------------------

    def apply(self, records: Sequence[HealthRecord], *, picture: bool = False) -> list[HealthRecord]:
        """Store a batch of verdicts in one transaction; returns those that changed state or reason.

        A change adds an event and restarts ``since``; an unchanged verdict only moves ``last_checked``.
        ``picture`` marks the batch as picture checks, so the scheduler knows when each camera had one.
        """
        if not records:
            return []
        current = self._current_for([r.camera_id for r in records])
        events: list[tuple[str, float, str, str]] = []
        rows: list[tuple[object, ...]] = []
        changed: list[HealthRecord] = []
        for r in records:
            prev = current.get(r.camera_id)
            same = prev is not None and r.same_verdict(prev.record)
            since = prev.since if prev is not None and same else r.at
            if not same:
                events.append((r.camera_id, r.at, r.state.value, r.reason))
                changed.append(r)
            picture_at = r.at if picture else (prev.picture_checked if prev is not None else None)
            rows.append((r.camera_id, r.state.value, r.reason, since, r.at, r.latency_ms, r.detail, picture_at))
            current[r.camera_id] = CurrentHealth(r, since, picture_at)
        with self._db.atomic():
            conn = self._db.conn
            conn.executemany("INSERT INTO health_events (camera_id, at, state, reason) VALUES (?, ?, ?, ?)", events)
            conn.executemany(
                "INSERT INTO health_current (camera_id, state, reason, since, last_checked, latency_ms, detail,"
                " picture_checked) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(camera_id) DO UPDATE SET"
                " state = excluded.state, reason = excluded.reason, since = excluded.since,"
                " last_checked = excluded.last_checked, latency_ms = excluded.latency_ms,"
                " detail = excluded.detail, picture_checked = excluded.picture_checked",
                rows,
            )
        return changed

    def prune(self, cutoff: float) -> int:
        """Delete events before ``cutoff`` except each camera's last one before it; returns how many went.

        That kept event is the state in force at the cutoff, so uptime from the cutoff on stays right.
        """
        with self._db.atomic():
            cursor = self._db.execute(
                """
                DELETE FROM health_events WHERE at < :cutoff AND id NOT IN (
                    SELECT (SELECT e.id FROM health_events e WHERE e.camera_id = c.camera_id AND e.at < :cutoff
                            ORDER BY e.at DESC, e.id DESC LIMIT 1)
                    FROM (SELECT DISTINCT camera_id FROM health_events WHERE at < :cutoff) c
                )
                """,
                {"cutoff": cutoff},
            )
            return int(cursor.rowcount)

    # -- reading ------------------------------------------------------------------------------------

    def current(self, camera_ids: Sequence[str] | None = None) -> dict[str, CurrentHealth]:
        if camera_ids is not None:
            return self._current_for(camera_ids)
        return dict(self._current_rows("SELECT * FROM health_current", []))

    def _current_for(self, camera_ids: Sequence[str]) -> dict[str, CurrentHealth]:
        out: dict[str, CurrentHealth] = {}
        ids = list(dict.fromkeys(camera_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            out.update(self._current_rows(f"SELECT * FROM health_current WHERE camera_id IN ({marks})", chunk))
        return out

    def _current_rows(self, sql: str, params: Sequence[str]) -> Iterable[tuple[str, CurrentHealth]]:
        for row in self._db.query(sql, params):
            record = HealthRecord(row["camera_id"], HealthState(row["state"]), row["reason"], row["last_checked"],
                                  row["latency_ms"], row["detail"])  # fmt: skip
            yield row["camera_id"], CurrentHealth(record, row["since"], row["picture_checked"])

    def counts(self, group_by: GroupBy = "city") -> dict[str, dict[str, int]]:
        """Cameras in service per state (never checked: ``unknown``), per area when asked: the dashboard's tiles
        and bars. Retired cameras are not counted (their history stays for the reports)."""
        key = {"city": "''", "camera": "c.id", "kecamatan": "c.kecamatan", "kelurahan": "c.kelurahan"}[group_by]
        out: dict[str, dict[str, int]] = defaultdict(dict)
        sql = (
            f"SELECT {key} AS grp, coalesce(h.state, 'unknown') AS state, count(*) AS n FROM cameras c"
            " LEFT JOIN health_current h ON h.camera_id = c.id WHERE c.retired_at IS NULL GROUP BY grp, state"
        )
        for grp, state, n in self._db.execute(sql).fetchall():
            out[grp][state] = n
        return dict(out)

    def changes(self, start: float, end: float, camera_ids: Sequence[str] | None = None) -> dict[str, list[Change]]:
        """Per camera: the change in force at ``start`` (if any) and every change in (start, end), by time.

        Both read the covering (camera_id, at, state) index with one seek per camera, never the table.
        """
        if camera_ids is None:
            ids_sql, ids = "SELECT camera_id AS id FROM health_current", []
        else:  # cameras may have history but no current row: take the ids as given
            ids_sql, ids = "SELECT value AS id FROM json_each(?)", [json.dumps(list(dict.fromkeys(camera_ids)))]
        first = (
            f"SELECT c.id, e.at, e.state FROM ({ids_sql}) AS c JOIN health_events e ON e.id = ("
            " SELECT x.id FROM health_events x WHERE x.camera_id = c.id AND x.at <= ? ORDER BY x.at DESC LIMIT 1)"
        )
        rest = (
            f"SELECT camera_id, at, state FROM health_events WHERE camera_id IN ({ids_sql})"
            " AND at > ? AND at < ? ORDER BY camera_id, at"
        )
        out: dict[str, list[Change]] = defaultdict(list)
        states = {s.value: s for s in HealthState}
        for cid, at, state in self._db.execute(first, [*ids, start]):
            out[cid].append((at, states[state]))
        for cid, at, state in self._db.execute(rest, [*ids, start, end]):
            out[cid].append((at, states[state]))
        return dict(out)

    def span(self, camera_ids: Sequence[str] | None = None) -> tuple[float | None, float | None]:
        """The first stored verdict and the newest check of these cameras (all by default): what history covers."""
        if camera_ids is None:
            ids_sql, ids = "SELECT camera_id AS id FROM health_current", []
        else:
            ids_sql, ids = "SELECT value AS id FROM json_each(?)", [json.dumps(list(dict.fromkeys(camera_ids)))]
        first = self._db.execute(f"SELECT min(at) FROM health_events WHERE camera_id IN ({ids_sql})", ids).fetchone()
        last = self._db.execute(f"SELECT max(last_checked) FROM health_current WHERE camera_id IN ({ids_sql})",
                                ids).fetchone()  # fmt: skip
        return first[0], last[0]

    def uptime(self, start: float, end: float, *, group_by: GroupBy = "camera",
               camera_ids: Sequence[str] | None = None) -> dict[str, Uptime]:  # fmt: skip
        """Seconds per state over [start, end) per camera, or summed per kecamatan/kelurahan/city.

        Callers clip ``end`` to now. Cameras with no history at all count as unknown for the window.
        """
        changes = self.changes(start, end, camera_ids)
        per_camera = {cid: uptime(ch, start, end) for cid, ch in changes.items()}
        if group_by == "camera":
            return per_camera
        groups = self._groups(group_by)
        out: dict[str, Uptime] = {}
        for cid, u in per_camera.items():
            out.setdefault(groups.get(cid, ""), Uptime()).add(u)
        return out

    def uptime_series(self, start: float, end: float, step: float, *,
                      camera_ids: Sequence[str] | None = None) -> list[tuple[float, Uptime]]:  # fmt: skip
        """Uptime of the chosen cameras (all by default) added up per bucket: one line on a chart."""
        totals: list[tuple[float, Uptime]] = []
        for ch in self.changes(start, end, camera_ids).values():
            series = uptime_series(ch, start, end, step)
            if not totals:
                totals = [(b, Uptime()) for b, _ in series]
            for (_, acc), (_, u) in zip(totals, series, strict=True):
                acc.add(u)
        return totals

    def _groups(self, group_by: GroupBy) -> dict[str, str]:
        if group_by == "city":
            return {}
        column = {"kecamatan": "kecamatan", "kelurahan": "kecamatan || ' / ' || kelurahan"}[group_by]
        return {cid: grp for cid, grp in self._db.execute(f"SELECT id, {column} FROM cameras").fetchall()}

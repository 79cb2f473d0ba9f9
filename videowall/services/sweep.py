"""The city health sweep: probe every camera, store what changed, tell the UI who went dark or came back.

Orchestration only: the prober (``health``) finds facts, ``domain.health`` judges and merges them,
the history (``storage``) keeps changes. Verdicts are written in batches through the single database
writer while the sweep runs, so a cancelled sweep leaves every finished verdict stored.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from videowall.domain.camera import Camera
from videowall.domain.health import (
    HealthAlert,
    HealthRecord,
    HealthState,
    Reason,
    alert_for,
    merge_picture,
    merge_probe,
)
from videowall.domain.urls import Credentials, split_credentials, with_credentials
from videowall.health.picture import PictureChecker
from videowall.health.prober import ProbeTarget, RtspProber
from videowall.storage.health_history import CurrentHealth, HealthHistoryRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)

DAY = 86400.0


class HealthStore(Protocol):
    """Where verdicts go. ``apply`` must queue the write before it returns, so batches stay in order."""

    def load_current(self) -> Awaitable[dict[str, CurrentHealth]]: ...

    def apply(self, records: Sequence[HealthRecord], *, picture: bool = False) -> Awaitable[list[HealthRecord]]: ...

    def prune(self, cutoff: float) -> Awaitable[int]: ...


class WriterHealthStore:
    """``HealthStore`` on the app's ``DatabaseWriter``: every write is one transaction on its thread."""

    def __init__(self, writer: DatabaseWriter) -> None:
        self._writer = writer

    def load_current(self) -> Awaitable[dict[str, CurrentHealth]]:
        return asyncio.wrap_future(self._writer.submit(lambda db: HealthHistoryRepository(db).current()))

    def apply(self, records: Sequence[HealthRecord], *, picture: bool = False) -> Awaitable[list[HealthRecord]]:
        batch = list(records)
        return asyncio.wrap_future(
            self._writer.submit(lambda db: HealthHistoryRepository(db).apply(batch, picture=picture))
        )

    def prune(self, cutoff: float) -> Awaitable[int]:
        return asyncio.wrap_future(self._writer.submit(lambda db: HealthHistoryRepository(db).prune(cutoff)))


@dataclass(frozen=True, slots=True)
class SweepProgress:
    done: int
    total: int
    counts: dict[str, int]  # state -> cameras so far


@dataclass(slots=True)
class SweepResult:
    records: dict[str, HealthRecord] = field(default_factory=dict)
    total: int = 0
    duration: float = 0.0
    cancelled: bool = False

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.state.value for r in self.records.values()).most_common())

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "done": len(self.records),
            "duration_s": round(self.duration, 3),
            "cancelled": self.cancelled,
            "counts": self.counts,
            "cameras": [_record_json(r) for r in sorted(self.records.values(), key=lambda r: r.camera_id)],
        }


def _record_json(r: HealthRecord) -> dict[str, Any]:
    return {"camera_id": r.camera_id, "state": r.state.value, "reason": r.reason, "at": r.at,
            "latency_ms": r.latency_ms, "detail": r.detail}  # fmt: skip


CredentialsFor = Callable[[Camera], Credentials | None]


class HealthSweeper:
    """Runs sweeps over a list of cameras. One per app; it keeps each camera's latest verdict for alerts.

    ``on_progress`` is called after every verdict and ``on_alert`` on every went-dark/came-back, both
    on the event loop's thread: hand them to Qt signals, do not block in them.
    """

    def __init__(
        self,
        store: HealthStore,
        prober: RtspProber,
        *,
        pictures: PictureChecker | None = None,
        credentials: CredentialsFor | None = None,
        on_progress: Callable[[SweepProgress], None] | None = None,
        on_alert: Callable[[HealthAlert], None] | None = None,
        batch_size: int = 250,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.prober = prober
        self.pictures = pictures
        self._credentials = credentials
        self.on_progress = on_progress
        self.on_alert = on_alert
        self._batch_size = batch_size
        self._clock = clock
        self._current: dict[str, HealthRecord] | None = None
        self._last_prune = 0.0

    def latest(self) -> dict[str, HealthRecord]:
        """Each camera's latest verdict this sweeper knows (empty before the first sweep)."""
        return dict(self._current or {})

    async def _known(self) -> dict[str, HealthRecord]:
        if self._current is None:
            self._current = {cid: c.record for cid, c in (await self.store.load_current()).items()}
        return self._current

    async def sweep(self, cameras: Sequence[Camera], *, pictures: bool = False,
                    concurrency: int | None = None) -> SweepResult:  # fmt: skip
        """Probe every enabled camera (disabled ones are recorded as such, never probed); then, with
        ``pictures``, picture-check those found live. Cancelling stores what finished, then re-raises."""
        known = await self._known()
        result = SweepResult(total=len(cameras))
        batch = _Batcher(self.store, self._batch_size, picture=False)
        counts: Counter[str] = Counter()
        started = time.perf_counter()

        def take(record: HealthRecord) -> None:
            merged = merge_probe(known.get(record.camera_id), record)
            self._accept(merged, known, batch)
            result.records[merged.camera_id] = merged
            counts[merged.state.value] += 1
            if self.on_progress is not None:
                self.on_progress(SweepProgress(len(result.records), result.total, dict(counts)))

        by_id = {c.id: c for c in cameras}
        targets: list[ProbeTarget] = []
        for camera in cameras:
            if not camera.enabled:
                take(HealthRecord(camera.id, HealthState.DISABLED, Reason.SERVICE_OFF.value, self._clock()))
            else:
                targets.append(ProbeTarget(camera.id, camera.main_url or camera.sub_url, camera.credential_ref))
        try:
            await self.prober.run(targets, take, concurrency=concurrency)
            if pictures and self.pictures is not None:
                live = [by_id[r.camera_id] for r in result.records.values()
                        if r.state in (HealthState.LIVE, HealthState.BLACK, HealthState.FROZEN)]  # fmt: skip
                await batch.finish()
                await self._check_pictures(live, known, result)
        except asyncio.CancelledError:
            result.cancelled = True
            raise
        finally:
            await batch.finish()
            result.duration = time.perf_counter() - started
            log.info("sweep: %d of %d cameras in %.2f s%s: %s", len(result.records), result.total,
                     result.duration, " (cancelled)" if result.cancelled else "", result.counts)  # fmt: skip
        return result

    async def check_pictures(self, cameras: Sequence[Camera]) -> SweepResult:
        """On demand: picture-check these cameras now (black, frozen or live)."""
        known = await self._known()
        result = SweepResult(total=len(cameras))
        started = time.perf_counter()
        try:
            await self._check_pictures(list(cameras), known, result)
        finally:
            result.duration = time.perf_counter() - started
        return result

    async def _check_pictures(self, cameras: list[Camera], known: dict[str, HealthRecord],
                              result: SweepResult) -> None:  # fmt: skip
        checker = self.pictures
        if checker is None or not cameras:
            return
        batch = _Batcher(self.store, self._batch_size, picture=True)
        sem = asyncio.Semaphore(max(1, checker.settings.concurrency))

        async def one(camera: Camera) -> None:
            async with sem:
                record = await checker.check(camera.id, self._picture_url(camera))
            if record is not None:
                merged = merge_picture(known.get(camera.id), record)
                self._accept(merged, known, batch)
                result.records[camera.id] = merged

        try:
            await asyncio.gather(*(one(c) for c in cameras))
        finally:
            await batch.finish()

    def _picture_url(self, camera: Camera) -> str:
        url, inline = split_credentials(camera.main_url or camera.sub_url)
        creds = inline
        if creds is None and camera.credential_ref is not None and self._credentials is not None:
            try:
                creds = self._credentials(camera)
            except Exception as exc:  # the grab will fail with 401 and say so
                log.warning("credentials for %s unavailable: %s", camera.id, exc)
        return with_credentials(url, creds)

    def _accept(self, record: HealthRecord, known: dict[str, HealthRecord], batch: _Batcher) -> None:
        previous = known.get(record.camera_id)
        known[record.camera_id] = record
        batch.add(record)
        alert = alert_for(previous, record)
        if alert is not None:
            log.info("camera %s %s (%s -> %s %s)", alert.camera_id, alert.kind.value, alert.previous.value,
                     record.state.value, record.reason)  # fmt: skip
            if self.on_alert is not None:
                self.on_alert(alert)

    async def run_periodic(self, cameras: Callable[[], Awaitable[Sequence[Camera]]], *, every: float = 60.0,
                           pictures_every: float = 900.0, retention_days: float | None = 90.0) -> None:  # fmt: skip
        """Sweep forever: every ``every`` seconds, with pictures every ``pictures_every``; prune daily.

        Runs until cancelled; a sweep that fails is logged and the next one runs on time.
        """
        last_pictures = float("-inf")
        while True:
            started = time.monotonic()
            with_pictures = started - last_pictures >= pictures_every
            try:
                await self.sweep(await cameras(), pictures=with_pictures)
                if with_pictures:
                    last_pictures = started
                await self._maybe_prune(retention_days)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("health sweep failed")
            await asyncio.sleep(max(1.0, every - (time.monotonic() - started)))

    async def _maybe_prune(self, retention_days: float | None) -> None:
        now = self._clock()
        if retention_days is None or now - self._last_prune < DAY:
            return
        self._last_prune = now
        removed = await self.store.prune(now - retention_days * DAY)
        log.info("health history: pruned %d events older than %.0f days", removed, retention_days)


class _Batcher:
    """Collects verdicts and queues a write per ``size``; ``finish`` writes the rest and waits for all."""

    def __init__(self, store: HealthStore, size: int, *, picture: bool) -> None:
        self._store = store
        self._size = size
        self._picture = picture
        self._pending: list[HealthRecord] = []
        self._writes: list[Awaitable[list[HealthRecord]]] = []

    def add(self, record: HealthRecord) -> None:
        self._pending.append(record)
        if len(self._pending) >= self._size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writes.append(self._store.apply(self._pending, picture=self._picture))
            self._pending = []

    async def finish(self) -> None:
        """Shielded: a second cancel while finishing must not drop verdicts already taken."""
        self._flush()
        writes, self._writes = self._writes, []
        if writes:
            await asyncio.shield(asyncio.gather(*writes))

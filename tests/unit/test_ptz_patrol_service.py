"""The patrol service (services/ptz_patrol.py) on a real database with real PTZ locks: the order of the
presets sent, yielding to another console's lock, a manual move on this console, park after idle, the
roles that may and may not, and the audit rows. The camera is a small hand-written one that records
what it was sent; the machine's clock is injected (the locks keep the wall clock)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.ptz import Position, Preset, PresetSource
from videowall.domain.ptz_patrol import Mode, PatrolPlan, PatrolStep
from videowall.services.ptz_lock import PtzLocks
from videowall.services.ptz_patrol import PatrolCamera, PatrolElsewhere, PatrolService
from videowall.services.ptz_service import take_lock
from videowall.storage.database import open_read_only
from videowall.storage.ptz_locks import PtzLockRepository
from videowall.storage.writer import DatabaseWriter

CAMERA = "PTZ-7"
BUDI = User("pak-budi", Role.OPERATOR)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class RecordingCamera:
    """Lists three camera presets and records every GotoPreset by name."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed = False
        self.list = [Preset(name, PresetSource.CAMERA, f"tok-{i}", Position(i / 4, 0, 0))
                     for i, name in enumerate(("Gerbang", "Pasar", "Simpang"))]

    async def presets(self) -> list[Preset]:
        return list(self.list)

    async def goto_preset(self, preset: Preset) -> None:
        self.sent.append(preset.name)

    async def close(self) -> None:
        self.closed = True


class Rig:
    def __init__(self, writer: DatabaseWriter, user: User = BUDI, console: str = "pc1:1") -> None:
        self.user = user
        self.clock = Clock()
        self.camera = RecordingCamera()
        self.locks = PtzLocks(writer, lambda: self.user, console)

        async def open_camera(camera_id: str) -> PatrolCamera:
            assert camera_id == CAMERA
            return self.camera

        self.service = PatrolService(writer, self.locks, lambda: self.user, open_camera, clock=self.clock,
                                     tick_s=0.01)

    def mode(self) -> Mode | None:
        status = self.service.status(CAMERA)
        return status[0].mode if status is not None else None


async def until(predicate: Callable[[], bool], what: str, timeout: float = 3.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def _at_least(sent: list[str], n: int) -> bool:
    return len(sent) >= n


async def settle() -> None:
    await asyncio.sleep(0.1)  # several ticks


PLAN = PatrolPlan(CAMERA, (PatrolStep("Gerbang", 5), PatrolStep("Pasar", 5), PatrolStep("Simpang", 5)),
                  resume_idle_s=30)


@pytest.fixture
def writer(tmp_path: Path):  # type: ignore[no-untyped-def]
    w = DatabaseWriter(tmp_path / "videowall.db")
    w.start()
    yield w
    w.stop()


def audit_rows(tmp_path: Path) -> list[tuple[str, str, str]]:
    db = open_read_only(tmp_path / "videowall.db")
    try:
        return [tuple(r) for r in db.execute(
            "SELECT actor, action, detail FROM audit_log WHERE action LIKE 'ptz_p%' ORDER BY id").fetchall()]
    finally:
        db.close()


def test_a_patrol_sends_its_presets_in_order_and_leaves_no_lock(writer: DatabaseWriter, tmp_path: Path) -> None:
    async def scenario() -> None:
        rig = Rig(writer)
        await rig.service.save(PLAN)
        assert await rig.service.plan(CAMERA) == PLAN  # stored in SQLite, read back whole
        await rig.service.start(CAMERA)
        await until(lambda: rig.camera.sent == ["Gerbang"], "the first preset")
        for seconds, expected in ((4.9, 1), (0.2, 2), (5.0, 3), (5.0, 4)):
            before = len(rig.camera.sent)
            rig.clock.now += seconds
            if expected > before:  # waited for, not slept for: the step borrows the lock on the writer thread
                await until(partial(_at_least, rig.camera.sent, expected), f"preset {expected}")
            await settle()  # and nothing more comes
            assert len(rig.camera.sent) == expected, (seconds, rig.camera.sent)
        assert rig.camera.sent == ["Gerbang", "Pasar", "Simpang", "Gerbang"]
        status = rig.service.status(CAMERA)
        assert status is not None and (status[0].mode, status[0].step, status[0].total) == (Mode.TOURING, 1, 3)
        free = await asyncio.wrap_future(writer.submit(lambda db: PtzLockRepository(db).get(CAMERA)))
        assert free is None  # each step borrowed the lock and gave it back
        await rig.service.stop(CAMERA)
        assert rig.service.status(CAMERA) is None and rig.camera.closed  # no park: the runner is gone
        await rig.service.close()

    asyncio.run(scenario())
    assert [(a, act) for a, act, _ in audit_rows(tmp_path)] == [
        ("pak-budi", "ptz_patrol_saved"), ("pak-budi", "ptz_patrol_started"), ("pak-budi", "ptz_patrol_stopped")]


def test_another_consoles_lock_holds_the_patrol_and_it_resumes_after_idle(writer: DatabaseWriter,
                                                                         tmp_path: Path) -> None:
    async def scenario() -> None:
        rig = Rig(writer)
        ani = PtzLocks(writer, lambda: User("bu-ani", Role.OPERATOR), "pc2:2")
        await rig.service.save(PLAN)
        await rig.service.start(CAMERA)
        await until(lambda: rig.camera.sent == ["Gerbang"], "the first preset")
        await take_lock(ani, CAMERA)  # bu-ani steers it from her console
        await until(lambda: rig.mode() is Mode.HELD, "the patrol held")
        status = rig.service.status(CAMERA)
        assert status is not None and status[2] == "bu-ani"
        rig.clock.now += 120  # long past dwell and resume time: still held while she holds the camera
        await settle()
        assert rig.camera.sent == ["Gerbang"]
        await ani.release(CAMERA)
        await until(lambda: (rig.service.status(CAMERA) or (None, None, "?"))[2] is None, "her lock seen gone")
        rig.clock.now += 29
        await settle()
        assert rig.camera.sent == ["Gerbang"]  # idle counts from when she let go
        rig.clock.now += 1.5
        await until(lambda: rig.camera.sent == ["Gerbang", "Pasar"], "the next preset after idle")
        await rig.service.close()

    asyncio.run(scenario())
    rows = audit_rows(tmp_path)
    assert [act for _, act, _ in rows] == ["ptz_patrol_saved", "ptz_patrol_started", "ptz_patrol_stopped",
                                           "ptz_patrol_resumed"]
    assert "bu-ani steers the camera" in rows[2][2] and "step 2" in rows[3][2], rows


def test_a_manual_move_on_this_console_holds_the_patrol_and_its_own_lock_stays(writer: DatabaseWriter) -> None:
    async def scenario() -> None:
        rig = Rig(writer)
        await rig.service.save(PLAN)
        await take_lock(rig.locks, CAMERA)  # the dock of this console holds the camera: the patrol may step
        await rig.service.start(CAMERA)
        await until(lambda: rig.camera.sent == ["Gerbang"], "the first preset while this console holds it")
        rig.service.manual(CAMERA)  # the operator drags on the tile
        assert rig.mode() is Mode.HELD
        rig.clock.now += 10
        await settle()
        assert rig.camera.sent == ["Gerbang"]
        ours = await asyncio.wrap_future(writer.submit(lambda db: PtzLockRepository(db).get(CAMERA)))
        assert ours is not None and ours.console == "pc1:1"  # the dock's lock was not released by the patrol
        await rig.service.close()

    asyncio.run(scenario())


def test_park_after_idle_is_watched_from_the_start_and_audited(writer: DatabaseWriter, tmp_path: Path) -> None:
    plan = PatrolPlan(CAMERA, park_preset="Pasar", park_idle_s=300)

    async def define() -> None:
        rig = Rig(writer)
        await rig.service.save(plan)  # no patrol: parks only
        assert rig.mode() is Mode.WAITING
        await rig.service.close()

    async def next_start() -> None:
        rig = Rig(writer)  # the console starts again
        await rig.service.watch_parks()
        assert rig.mode() is Mode.WAITING
        rig.clock.now += 299
        await settle()
        assert rig.camera.sent == []
        rig.clock.now += 2
        await until(lambda: rig.camera.sent == ["Pasar"], "the park preset")
        assert rig.mode() is Mode.PARKED
        rig.clock.now += 3000
        await settle()
        assert rig.camera.sent == ["Pasar"]  # once per idle spell
        rig.service.manual(CAMERA)
        assert rig.mode() is Mode.WAITING
        await rig.service.close()

    asyncio.run(define())
    asyncio.run(next_start())
    rows = audit_rows(tmp_path)
    assert [act for _, act, _ in rows] == ["ptz_patrol_saved", "ptz_parked"], rows
    assert "'Pasar'" in rows[1][2] and "5 min" in rows[1][2], rows


@pytest.mark.parametrize("role", [Role.LIAISON, Role.PRESENTER, Role.ADMIN])
def test_roles_without_ptz_may_not_define_start_or_stop_patrols(writer: DatabaseWriter, tmp_path: Path,
                                                                role: Role) -> None:
    async def scenario() -> None:
        rig = Rig(writer, User("someone", role))
        for action in (lambda: rig.service.save(PLAN), lambda: rig.service.start(CAMERA),
                       lambda: rig.service.stop(CAMERA), lambda: rig.service.plan(CAMERA)):
            with pytest.raises(AccessDenied):
                await action()
        await rig.service.watch_parks()  # nothing to watch for a role without PTZ, and no error
        assert rig.service.status(CAMERA) is None

    asyncio.run(scenario())
    assert audit_rows(tmp_path) == []


def test_a_supervisor_may_and_a_console_signed_in_again_without_ptz_stops_stepping(writer: DatabaseWriter) -> None:
    async def scenario() -> None:
        rig = Rig(writer, User("bu-sari", Role.SUPERVISOR))
        await rig.service.save(PLAN)
        await rig.service.start(CAMERA)
        await until(lambda: rig.camera.sent == ["Gerbang"], "the first preset")
        rig.user = User("pak-lia", Role.LIAISON)  # the console was locked and a liaison signed in
        rig.clock.now += 6

        def refused() -> bool:
            status = rig.service.status(CAMERA)
            return status is not None and isinstance(status[1], AccessDenied)

        await until(refused, "the patrol refused for the liaison", timeout=10)  # ticks write through the writer
        await settle()
        assert rig.camera.sent == ["Gerbang"]
        await rig.service.close()

    asyncio.run(scenario())


def test_one_console_runs_a_cameras_patrol_and_another_may_stop_it(writer: DatabaseWriter, tmp_path: Path) -> None:
    async def scenario() -> None:
        one = Rig(writer)
        two = Rig(writer, User("bu-sari", Role.SUPERVISOR), "pc2:2")
        await one.service.save(PLAN)
        await one.service.start(CAMERA)
        await until(lambda: one.camera.sent == ["Gerbang"], "the first preset")
        with pytest.raises(PatrolElsewhere, match="started by pak-budi"):
            await two.service.start(CAMERA)  # a second console would move the same camera between steps
        assert two.service.status(CAMERA) is None
        await two.service.stop(CAMERA)  # Stop from the other console ends it where it runs
        await until(lambda: one.mode() is Mode.OFF, "the patrol stopped at its console")
        one.clock.now += 60
        await settle()
        assert one.camera.sent == ["Gerbang"]
        await two.service.start(CAMERA)  # now the other console may run it
        await until(lambda: two.camera.sent == ["Gerbang"], "the patrol on the second console")
        await two.service.close()
        await one.service.start(CAMERA)  # closed consoles let go at once (no stale heartbeat to wait for)
        await one.service.close()

    asyncio.run(scenario())
    rows = audit_rows(tmp_path)
    assert [(a, act) for a, act, _ in rows] == [
        ("pak-budi", "ptz_patrol_saved"), ("pak-budi", "ptz_patrol_started"), ("bu-sari", "ptz_patrol_stopped"),
        ("bu-sari", "ptz_patrol_started"), ("pak-budi", "ptz_patrol_started")], rows
    assert rows[2][2] == "by the operator, from another console (started by pak-budi)", rows

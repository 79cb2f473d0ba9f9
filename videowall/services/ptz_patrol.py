"""Preset patrols and park on the console's asyncio loop (the rule itself: domain/ptz_patrol.py).

Each camera with a running patrol or a park preset has a ``PatrolRunner``: every ``tick_s`` it looks
at the camera's PTZ lock and asks the machine what to send. The patrol never steals a camera: while
another console (an operator, a supervisor, a ``videowall ptz`` run) holds the lock, the patrol is held
exactly as after a manual move, and each step borrows the lock only if it is free (or this console's
own) for the one GotoPreset (services/ptz_lock.py ``borrow``). Manual moves on this console reach it
through ``manual`` (the PTZ dock's controller calls it). The runner has its own ONVIF connection,
opened at its first step. Permissions are checked here: PTZ to define, start, stop, and at every step
(a console signed in again as a role without PTZ stops its patrols). Audited: saved, started, stopped
(and why), resumed, parked. No ONVIF import here: the dock and the wall import this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Protocol

from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Permission, User, require
from videowall.domain.ptz import Preset
from videowall.domain.ptz_patrol import Goto, Mode, PatrolMachine, PatrolPlan, PatrolStatus
from videowall.security import audit
from videowall.services.ptz_lock import PtzLocks
from videowall.storage.ptz_patrols import PatrolRepository, PatrolRun
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)


#: How often a runner looks at its camera's PTZ lock (another console steering it holds the patrol); each
#: step borrows the lock anyway, so a lock taken between two looks is never overridden.
LOCK_READ_EVERY_S = 1.0


class PatrolCamera(Protocol):
    """What a patrol needs of a camera's PTZ (``PtzController`` has it)."""

    async def presets(self) -> list[Preset]: ...
    async def goto_preset(self, preset: Preset) -> None: ...
    async def close(self) -> None: ...


#: A running patrol's console writes a heartbeat as often as it reads the lock; a patrol whose console has
#: not beaten for this long (crashed, switched off) may be started on another console.
RUN_STALE_S = 10.0


class PatrolElsewhere(Exception):
    """The camera's patrol runs on another console (one console runs a camera's patrol)."""

    def __init__(self, run: PatrolRun) -> None:
        super().__init__(f"the patrol runs on another console (started by {run.by})")
        self.run = run


class PresetMissing(LookupError):
    """A patrol or park preset the camera no longer lists (renamed or removed since the plan was saved)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no preset named {name!r} on this camera")
        self.name = name


OpenCamera = Callable[[str], Awaitable[PatrolCamera]]  # camera id -> an open PTZ connection


def _end_run(db: Database, *, camera_id: str, console: str) -> PatrolRun:
    return PatrolRepository(db).end_run(camera_id, console)


def describe(plan: PatrolPlan) -> str:
    steps = ", ".join(f"{s.preset!r} {s.dwell_s:g} s" for s in plan.steps) or "no presets"
    park = f"park at {plan.park_preset!r} after {plan.park_idle_s / 60:g} min idle" if plan.parks else "no park"
    return f"{steps}; resume after {plan.resume_idle_s:g} s idle; {park}"


class PatrolRunner:
    """One camera's patrol/park, run as a task; ``error`` is the last failed step, in words (None: fine)."""

    def __init__(self, service: PatrolService, machine: PatrolMachine) -> None:
        self.service = service
        self.machine = machine
        self.camera_id = machine.plan.camera_id
        self.error: Exception | None = None
        self.holder: str | None = None  # who holds the camera while the patrol yields to them
        self._camera: PatrolCamera | None = None
        self._lock_read = -LOCK_READ_EVERY_S
        self._task = asyncio.get_running_loop().create_task(self._loop(), name=f"ptz-patrol-{self.camera_id}")

    @property
    def running(self) -> bool:
        return not self._task.done()

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.service.tick_s)
            try:
                await self._tick()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one bad step never ends the loop; the dock says what failed
                log.warning("patrol of %s: step failed: %s", self.camera_id, exc)
                self.error = exc

    async def _tick(self) -> None:
        service, machine = self.service, self.machine
        was = machine.status().mode
        if time.monotonic() - self._lock_read >= LOCK_READ_EVERY_S:  # the writer serves every runner: not too often
            self._lock_read = time.monotonic()
            if machine.touring and not await service.beat(self.camera_id):  # stopped from another console
                machine.stop(service.clock())
                return
            lock = await service.locks.read(self.camera_id)
            held = lock is not None and lock.console != service.locks.console and lock.held_at(time.time())
            self.holder = lock.holder if lock is not None and held else None
        now = service.clock()
        if self.holder is not None:
            machine.manual(now)
        if was is Mode.TOURING and machine.status().mode is Mode.HELD:
            service.record(audit.Action.PATROL_STOPPED, self.camera_id, f"held: {self.holder} steers the camera; "
                           f"resumes after {machine.plan.resume_idle_s:g} s idle")
        goto = machine.tick(now)
        if goto is None:
            return
        if was is Mode.HELD:
            service.record(audit.Action.PATROL_RESUMED, self.camera_id,
                           f"after {machine.plan.resume_idle_s:g} s idle, at step {(goto.step or 0) + 1}")
        try:
            await self._go(goto)
        finally:
            machine.arrived(service.clock())

    async def _go(self, goto: Goto) -> None:
        service = self.service
        require(service.user(), Permission.PTZ)  # signed in again as a role without PTZ: this step fails
        borrowed = await service.locks.borrow(self.camera_id)
        if not borrowed.granted:  # taken meanwhile: yield to them (the next tick holds the patrol)
            self.machine.manual(service.clock())
            return
        try:
            camera = await self._open()
            presets = await camera.presets()
            preset = next((p for p in presets if p.name == goto.preset), None)
            if preset is None:
                raise PresetMissing(goto.preset)
            await camera.goto_preset(preset)
            self.error = None
        except Exception:
            if goto.park:  # not parked after all: try again after another idle spell
                self.machine.parked = False
                self.machine.last_activity = service.clock()
            raise
        finally:
            if borrowed.lock is not None:
                await service.locks.release(self.camera_id)
        if goto.park:
            service.record(audit.Action.PTZ_PARKED, self.camera_id,
                           f"at {goto.preset!r} after {self.machine.plan.park_idle_s / 60:g} min idle")

    async def _open(self) -> PatrolCamera:
        if self._camera is None:
            self._camera = await self.service.open_camera(self.camera_id)
        return self._camera

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._task
        camera, self._camera = self._camera, None
        if camera is not None:
            with contextlib.suppress(Exception):
                await camera.close()


class PatrolService:
    """The console's patrols and parks; every public coroutine checks the signed-in user's PTZ permission."""

    def __init__(self, writer: DatabaseWriter, locks: PtzLocks, user: Callable[[], User], open_camera: OpenCamera,
                 *, clock: Callable[[], float] = time.monotonic, tick_s: float = 0.25) -> None:
        self.writer = writer
        self.locks = locks
        self.user = user
        self.open_camera = open_camera
        self.clock = clock
        self.tick_s = tick_s
        self._runners: dict[str, PatrolRunner] = {}

    def record(self, action: str, camera_id: str, detail: str) -> asyncio.Future[object]:
        """Append an audit row on the writer (awaitable; the runner does not wait for it)."""
        name = self.user().name
        return asyncio.wrap_future(self.writer.submit(lambda db: audit.append(db, name, action, camera_id, detail)))

    async def plan(self, camera_id: str) -> PatrolPlan:
        """The camera's stored plan (an empty one when none is stored)."""
        require(self.user(), Permission.PTZ)
        stored = await asyncio.wrap_future(self.writer.submit(lambda db: PatrolRepository(db).get(camera_id),
                                                              transaction=False))
        return stored if stored is not None else PatrolPlan(camera_id)

    async def save(self, plan: PatrolPlan) -> None:
        """Store the plan (``ValueError`` with the reasons when it is not valid), audited; a running runner
        takes the new plan at once."""
        user = require(self.user(), Permission.PTZ)
        problems = plan.problems()
        if problems:
            raise ValueError("; ".join(problems))

        def write(db: Database) -> None:
            PatrolRepository(db).save(plan, user.name)
            audit.append(db, user.name, audit.Action.PATROL_SAVED, plan.camera_id, describe(plan))

        await asyncio.wrap_future(self.writer.submit(write))
        runner = self._runners.get(plan.camera_id)
        if runner is not None:
            runner.machine.replace_plan(plan)
        elif plan.parks:
            self._runner(plan)

    def _runner(self, plan: PatrolPlan) -> PatrolRunner:
        runner = self._runners.get(plan.camera_id)
        if runner is None or not runner.running:
            runner = PatrolRunner(self, PatrolMachine(plan, self.clock()))
            self._runners[plan.camera_id] = runner
        return runner

    async def beat(self, camera_id: str) -> bool:
        """This console's heartbeat for the camera's running patrol; False: it was stopped elsewhere."""
        console = self.locks.console
        return bool(await asyncio.wrap_future(self.writer.submit(
            lambda db: PatrolRepository(db).beat(camera_id, console, time.time()))))

    async def start(self, camera_id: str) -> None:
        """Start the camera's stored patrol from its first preset (``ValueError`` when it has none;
        ``PatrolElsewhere`` while another console runs it)."""
        user = require(self.user(), Permission.PTZ)
        plan = await self.plan(camera_id)
        if not plan.steps:
            raise ValueError("a patrol needs at least one preset")
        console = self.locks.console
        run = await asyncio.wrap_future(self.writer.submit(
            lambda db: PatrolRepository(db).claim_run(camera_id, console, user.name, time.time(), RUN_STALE_S)))
        if run.console != console:
            raise PatrolElsewhere(run)
        runner = self._runner(plan)
        runner.machine.replace_plan(plan)
        runner.machine.start(self.clock())
        await self.record(audit.Action.PATROL_STARTED, camera_id, describe(plan))

    async def stop(self, camera_id: str) -> None:
        """The operator ends the patrol, here or from another console (that console stops at its next
        heartbeat); a camera with a park preset parks after its idle time."""
        require(self.user(), Permission.PTZ)
        runner = self._runners.get(camera_id)
        if runner is None or not runner.machine.touring:
            was = await asyncio.wrap_future(self.writer.submit(lambda db: PatrolRepository(db).end_run(camera_id)))
            if was.live(time.time(), RUN_STALE_S):
                await self.record(audit.Action.PATROL_STOPPED, camera_id,
                                  f"by the operator, from another console (started by {was.by})")
            return
        runner.machine.stop(self.clock())
        console = self.locks.console
        await asyncio.wrap_future(self.writer.submit(lambda db: PatrolRepository(db).end_run(camera_id, console)))
        await self.record(audit.Action.PATROL_STOPPED, camera_id, "by the operator")
        if not runner.machine.plan.parks:
            self._runners.pop(camera_id, None)
            await runner.close()

    def manual(self, camera_id: str) -> None:
        """A manual move on this console (the PTZ dock): hold the camera's patrol, restart its park clock."""
        runner = self._runners.get(camera_id)
        if runner is None:
            return
        before = runner.machine.status().mode
        runner.machine.manual(self.clock())
        if before is Mode.TOURING:
            self.record(audit.Action.PATROL_STOPPED, camera_id, "held by a manual move; resumes after "
                        f"{runner.machine.plan.resume_idle_s:g} s idle")

    def status(self, camera_id: str) -> tuple[PatrolStatus, Exception | None, str | None] | None:
        """(machine status, last step error, who holds the camera) for the dock; None: no patrol or park."""
        runner = self._runners.get(camera_id)
        if runner is None:
            return None
        return runner.machine.status(), runner.error, runner.holder

    async def watch_parks(self) -> None:
        """At the console's start: every camera with a park preset gets its runner (it parks after idle)."""
        if not self._may():
            return
        plans = await asyncio.wrap_future(self.writer.submit(lambda db: PatrolRepository(db).parking(),
                                                             transaction=False))
        for plan in plans:
            self._runner(plan)

    def _may(self) -> bool:
        try:
            require(self.user(), Permission.PTZ)
        except AccessDenied:
            return False
        return True

    async def close(self) -> None:
        """Stop every runner (the patrols end with the console) once their audit rows are written."""
        runners, self._runners = list(self._runners.values()), {}
        console = self.locks.console
        for runner in runners:
            await runner.close()
            if runner.machine.touring:  # another console may start it at once (no stale heartbeat to wait for)
                self.writer.submit(partial(_end_run, camera_id=runner.camera_id, console=console))
        await asyncio.wrap_future(self.writer.submit(lambda db: None, transaction=False))  # rows before us: written

"""Wall presets (issue 21 item 3): save what the remote monitors should show under a name, apply it in one go.

Saving takes every known monitor's desired state (what this console and others last put there). Applying
sends each monitor's grid and cameras through WallAgents (role, visibility, audit as every send) and follows
each one to its end: accepted when the agent reports the new revision, refused with the reason (the role, a
lost agent, a camera), or refused when no report came in time. Nothing is left pending without a word.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace

from videowall.domain.access import AccessDenied, Permission, require
from videowall.domain.camera import Camera
from videowall.domain.wall_presets import PresetMonitor, WallPreset
from videowall.services.operations import Operations
from videowall.services.wall_agents import WallAgents, WallRefused
from videowall.storage.wall_presets import WallPresetRepository

ACK_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class MonitorResult:
    """One monitor's part of an applied preset."""

    WAITING = "waiting"
    ACCEPTED = "accepted"
    REFUSED = "refused"

    agent: str
    monitor: str
    label: str  # the monitor's name as its agent gives it
    state: str
    reason: str = ""


Progress = Callable[[list[MonitorResult]], None]


class WallPresets:
    def __init__(self, agents: WallAgents, ops: Operations, camera: Callable[[str], Camera | None],
                 loop: asyncio.AbstractEventLoop, ack_timeout_s: float = ACK_TIMEOUT_S) -> None:
        self._agents = agents
        self._ops = ops
        self._camera = camera
        self._loop = loop
        self._timeout = ack_timeout_s

    def capture(self, name: str) -> WallPreset:
        """Every known monitor's desired state as a preset (nothing desired anywhere: ValueError)."""
        monitors = [PresetMonitor(agent, key, d.layout, tuple(s.id if s is not None else None for s in d.tiles))
                    for agent, view in sorted(self._agents.agents.items())
                    for key, d in sorted(view.desired.items())]
        return WallPreset(name.strip(), tuple(monitors))

    def save(self, name: str, done: Callable[[WallPreset], object],
             failed: Callable[[BaseException], object]) -> None:
        user = self._agents.user()
        try:
            require(user, Permission.DRIVE_WALLS)
            wall_preset = self.capture(name)
        except (AccessDenied, ValueError) as exc:
            self._agents.audit(user, "wall_preset_refused", name.strip(), str(exc))
            failed(exc)
            return

        def work(db):  # type: ignore[no-untyped-def]
            WallPresetRepository(db).save(wall_preset, user.name)
            return wall_preset

        self._ops.run(work, done, failed)
        self._agents.audit(user, "wall_preset_saved", wall_preset.name,
                           "; ".join(f"{m.agent}/{m.monitor} {m.layout}" for m in wall_preset.monitors))

    def names(self, done: Callable[[list[str]], object]) -> None:
        self._ops.run(lambda db: WallPresetRepository(db).names(), done, transaction=False)

    def apply(self, name: str, progress: Progress, failed: Callable[[BaseException], object]) -> None:
        """Load ``name`` and apply it; ``progress`` hears every monitor's state until none is waiting."""
        def loaded(wall_preset: WallPreset | None) -> None:
            if wall_preset is None:
                failed(LookupError(f"no wall preset {name!r}"))
            else:
                self._apply(wall_preset, progress)

        self._ops.run(lambda db: WallPresetRepository(db).load(name), loaded, failed, transaction=False)

    def _apply(self, wall_preset: WallPreset, progress: Progress) -> None:
        results: list[MonitorResult] = []
        revs: dict[int, int] = {}
        for m in wall_preset.monitors:
            label = self._label(m.agent, m.monitor)
            cameras = [self._camera(c) if c is not None else None for c in m.cameras]
            missing = [c for c, cam in zip(m.cameras, cameras, strict=True) if c is not None and cam is None]
            try:
                if missing:
                    raise WallRefused(f"camera {', '.join(missing)} is not in the register")
                revs[len(results)] = self._agents.show(m.agent, m.monitor, m.layout, cameras,
                                                       f"preset {wall_preset.name}")
                results.append(MonitorResult(m.agent, m.monitor, label, MonitorResult.WAITING))
            except (WallRefused, AccessDenied) as exc:
                results.append(MonitorResult(m.agent, m.monitor, label, MonitorResult.REFUSED, str(exc)))
        self._follow(results, revs, progress)

    def _follow(self, results: list[MonitorResult], revs: dict[int, int], progress: Progress) -> None:
        def check() -> None:
            changed = False
            for i, rev in list(revs.items()):
                r = results[i]
                if self._agents.acknowledged(r.agent, r.monitor, rev):
                    results[i] = replace(r, state=MonitorResult.ACCEPTED)
                    del revs[i]
                    changed = True
            if changed:
                progress(list(results))
            if not revs:
                stop()

        def timeout() -> None:
            for i in list(revs):
                results[i] = replace(results[i], state=MonitorResult.REFUSED,
                                     reason=f"no report from {results[i].agent} in {self._timeout:g} s")
                del revs[i]
            stop()
            progress(list(results))

        def stop() -> None:
            if check in self._agents.listeners:
                self._agents.listeners.remove(check)
            timer.cancel()

        timer = self._loop.call_later(self._timeout, timeout)
        self._agents.listeners.append(check)
        progress(list(results))
        check()

    def _label(self, agent: str, monitor: str) -> str:
        view = self._agents.agents.get(agent)
        info = next((m for m in view.state.monitors if m.key == monitor), None) if view is not None else None
        return f"{agent} / {info.label if info is not None and info.label else monitor}"

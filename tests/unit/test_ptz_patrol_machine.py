"""The patrol and park rule (domain/ptz_patrol.py) with an injected clock: order, dwell, a manual move
stops (holds) the patrol, it resumes after idle, and an idle camera parks once per idle spell."""

from __future__ import annotations

import pytest

from videowall.domain.ptz_patrol import Goto, Mode, PatrolMachine, PatrolPlan, PatrolStep


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


PLAN = PatrolPlan("PTZ-1", (PatrolStep("Gerbang", 5), PatrolStep("Pasar", 2), PatrolStep("Simpang", 3)),
                  resume_idle_s=30, park_preset="Gerbang", park_idle_s=600)


def visit(machine: PatrolMachine, clock: Clock) -> Goto | None:
    """One tick; a Goto is taken to have gone out at once (``arrived``)."""
    goto = machine.tick(clock())
    if goto is not None:
        machine.arrived(clock())
    return goto


def run_for(machine: PatrolMachine, clock: Clock, seconds: float, step: float = 0.25) -> list[Goto]:
    out = []
    end = clock.now + seconds
    while clock.now < end:
        goto = visit(machine, clock)
        if goto is not None:
            out.append(goto)
        clock.now += step
    return out


def test_a_patrol_visits_its_presets_in_order_with_each_dwell_and_loops() -> None:
    clock = Clock()
    machine = PatrolMachine(PLAN, clock())
    assert machine.tick(clock()) is None  # nothing before it is started
    machine.start(clock())
    times: list[tuple[float, Goto]] = []
    end = clock.now + 21
    while clock.now < end:
        goto = visit(machine, clock)
        if goto is not None:
            times.append((clock.now - 1000.0, goto))
        clock.now += 0.25
    assert [(t, g.preset, g.step) for t, g in times] == [
        (0.0, "Gerbang", 0), (5.0, "Pasar", 1), (7.0, "Simpang", 2), (10.0, "Gerbang", 0), (15.0, "Pasar", 1),
        (17.0, "Simpang", 2), (20.0, "Gerbang", 0)]
    status = machine.status()
    assert (status.mode, status.step, status.total, status.preset) == (Mode.TOURING, 1, 3, "Gerbang")


def test_the_dwell_counts_from_when_the_preset_was_reached() -> None:
    clock = Clock()
    machine = PatrolMachine(PLAN, clock())
    machine.start(clock())
    assert machine.tick(clock()) == Goto("Gerbang", 0)
    clock.now += 4  # GotoPreset took 4 s to go out: no next step before it did
    assert machine.tick(clock()) is None
    machine.arrived(clock())
    clock.now += 4.9
    assert machine.tick(clock()) is None
    clock.now += 0.1
    assert machine.tick(clock()) == Goto("Pasar", 1)


def test_a_manual_move_stops_the_patrol_and_it_resumes_with_the_next_preset_after_idle() -> None:
    clock = Clock()
    machine = PatrolMachine(PLAN, clock())
    machine.start(clock())
    assert [g.preset for g in run_for(machine, clock, 6)] == ["Gerbang", "Pasar"]
    machine.manual(clock())  # the operator drags on the tile
    held_at = clock.now
    status = machine.status()
    assert status.mode is Mode.HELD and status.at == held_at + 30 and status.step == 2
    assert run_for(machine, clock, 20) == []  # nothing goes out while the operator may still be steering
    machine.manual(clock())  # a second move 20 s later: the idle time counts from this one
    assert run_for(machine, clock, 29.75) == []
    resumed = run_for(machine, clock, 0.5)
    assert resumed == [Goto("Simpang", 2)], resumed  # the next preset, not the first one again
    assert machine.status().mode is Mode.TOURING


def test_stop_ends_the_patrol_and_the_camera_parks_after_its_idle_minutes_once() -> None:
    clock = Clock()
    machine = PatrolMachine(PLAN, clock())
    machine.start(clock())
    run_for(machine, clock, 3)
    machine.stop(clock())
    stopped_at = clock.now
    status = machine.status()
    assert status.mode is Mode.WAITING and status.at == stopped_at + 600 and status.preset == "Gerbang"
    assert run_for(machine, clock, 599, step=1.0) == []
    assert run_for(machine, clock, 2, step=1.0) == [Goto("Gerbang", None)]
    assert machine.status().mode is Mode.PARKED
    assert run_for(machine, clock, 1200, step=5.0) == []  # parked once, not again every tick
    machine.manual(clock())  # someone steers the parked camera: it parks again after the next idle spell
    assert machine.status().mode is Mode.WAITING
    assert run_for(machine, clock, 599, step=1.0) == []
    [again] = run_for(machine, clock, 2, step=1.0)
    assert again.park and again.preset == "Gerbang"


def test_a_camera_with_park_only_parks_after_idle_from_the_start() -> None:
    clock = Clock()
    machine = PatrolMachine(PatrolPlan("PTZ-2", park_preset="Pos", park_idle_s=120), clock())
    assert run_for(machine, clock, 119, step=1.0) == []
    assert run_for(machine, clock, 2, step=1.0) == [Goto("Pos")]
    with pytest.raises(ValueError, match="at least one preset"):
        machine.start(clock())


def test_without_park_a_stopped_patrol_leaves_the_camera_where_it_is() -> None:
    clock = Clock()
    plan = PatrolPlan("PTZ-3", (PatrolStep("A", 1), PatrolStep("B", 1)))
    machine = PatrolMachine(plan, clock())
    machine.start(clock())
    run_for(machine, clock, 1.5)
    machine.stop(clock())
    assert run_for(machine, clock, 3600, step=10.0) == []
    assert machine.status().mode is Mode.OFF


def test_a_held_patrol_does_not_park_and_a_patrol_never_parks_while_touring() -> None:
    clock = Clock()
    plan = PatrolPlan("PTZ-4", (PatrolStep("A", 1),), resume_idle_s=900, park_preset="P", park_idle_s=60)
    machine = PatrolMachine(plan, clock())
    machine.start(clock())
    assert all(not g.park for g in run_for(machine, clock, 300))
    machine.manual(clock())
    assert run_for(machine, clock, 899) == []  # held: it waits to resume, it does not park meanwhile
    assert run_for(machine, clock, 2) == [Goto("A", 0)]


def test_plan_problems_are_named() -> None:
    assert PLAN.problems() == []
    bad = PatrolPlan("X", (PatrolStep("", 5), PatrolStep("A", 0.2)), resume_idle_s=0, park_idle_s=60)
    assert bad.problems() == ["step 1 names no preset", "step 2: dwell must be at least 1 s",
                              "resume after idle must be at least 1 s", "parking needs a park preset"]

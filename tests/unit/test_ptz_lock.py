"""PTZ locks: the pure decision, and the service on a real database (two consoles, roles, audit)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.ptz_lock import Claimant, Outcome, PtzLock, decide
from videowall.services.ptz_lock import PtzLocked, PtzLocks
from videowall.services.ptz_service import take_lock
from videowall.storage.writer import DatabaseWriter

BUDI = Claimant("pak-budi", Role.OPERATOR, "pc1:1")
ANI = Claimant("bu-ani", Role.OPERATOR, "pc2:2")
SARI = Claimant("bu-sari", Role.SUPERVISOR, "pc3:3")


def test_free_held_renewed_refused_taken_over_and_expired() -> None:
    first = decide(None, "C1", BUDI, 100.0, 30.0)
    assert first.outcome is Outcome.GRANTED and first.lock.until == 130.0 and first.lock.seq == 1
    again = decide(first.lock, "C1", BUDI, 110.0, 30.0)
    assert again.outcome is Outcome.RENEWED and again.lock.until == 140.0 and again.lock.seq == 2
    assert decide(again.lock, "C1", ANI, 120.0, 30.0).outcome is Outcome.REFUSED
    # a supervisor is refused too unless they ask to take over; then it is theirs
    assert decide(again.lock, "C1", SARI, 120.0, 30.0).outcome is Outcome.REFUSED
    taken = decide(again.lock, "C1", SARI, 120.0, 30.0, take_over=True)
    assert taken.outcome is Outcome.TAKEN_OVER
    assert (taken.lock.holder, taken.lock.taken_from) == ("bu-sari", "pak-budi")
    # an operator never takes over from a supervisor, asked or not
    assert decide(taken.lock, "C1", BUDI, 121.0, 30.0, take_over=True).outcome is Outcome.REFUSED
    # 30 s after the last command it is free again
    assert decide(taken.lock, "C1", ANI, 150.5, 30.0).outcome is Outcome.GRANTED
    # the same person from another console takes their own lock (a restarted console is not stranded)
    moved = decide(first.lock, "C1", Claimant("pak-budi", Role.OPERATOR, "pc9:9"), 101.0, 30.0)
    assert moved.outcome is Outcome.TAKEN_OVER


def test_a_lock_travels_as_a_message() -> None:
    lock = PtzLock("C1", "bu-sari", Role.SUPERVISOR, "pc3:3", 1.5, 31.5, 7, "pak-budi")
    message = lock.to_message()
    assert message["role"] == "supervisor" and PtzLock.from_message(message) == lock


def test_two_consoles_on_one_database(tmp_path: Path) -> None:
    async def scenario(writer: DatabaseWriter) -> None:
        budi = PtzLocks(writer, lambda: User("pak-budi", Role.OPERATOR), "pc1:1")
        ani = PtzLocks(writer, lambda: User("bu-ani", Role.OPERATOR), "pc2:2")
        sari = PtzLocks(writer, lambda: User("bu-sari", Role.SUPERVISOR), "pc3:3")
        liaison = PtzLocks(writer, lambda: User("pak-lia", Role.LIAISON), "pc4:4")
        await take_lock(budi, "C1")
        with pytest.raises(PtzLocked) as refused:
            await take_lock(ani, "C1")
        assert "controlled by pak-budi until" in str(refused.value) and not refused.value.can_take_over
        with pytest.raises(PtzLocked) as offered:
            await take_lock(sari, "C1")
        assert offered.value.can_take_over  # offered, not done
        with pytest.raises(AccessDenied):
            await ani.acquire("C1", take_over=True)  # the service refuses, whatever a menu offers
        with pytest.raises(AccessDenied):
            await liaison.acquire("C1")
        taken = await take_lock(sari, "C1", take_over=True)
        assert taken.holder == "bu-sari" and taken.taken_from == "pak-budi"
        assert (await budi.renew("C1")).outcome is Outcome.REFUSED  # the operator's console learns it lost
        await budi.release("C1")  # not theirs any more: nothing removed
        assert (await sari.read("C1")) == taken
        await sari.release("C1")
        assert await sari.read("C1") is None

    with DatabaseWriter(tmp_path / "v.db") as writer:
        asyncio.run(scenario(writer))
        rows = writer.submit(lambda db: [tuple(r) for r in db.execute(
            "SELECT actor, action, target, detail FROM audit_log WHERE action LIKE 'ptz_lock%' ORDER BY id")],
            transaction=False).result(10)
    assert [(a, act) for a, act, _t, _d in rows] == [
        ("bu-ani", "ptz_lock_refused"), ("bu-sari", "ptz_lock_refused"), ("bu-sari", "ptz_lock_taken")], rows
    assert rows[0][3].startswith("held by pak-budi (operator) until ")
    assert rows[2][3].startswith("from pak-budi (operator), who held it until ")

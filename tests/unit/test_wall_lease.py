"""The agent's control leases (services/wall_lease.py) on a fake clock: grant, renew, refuse another console,
take-over only by a role that may, release only by the holder, expiry."""

import pytest

from videowall.domain.wall_topics import Lease
from videowall.services.wall_lease import LeaseBook, LeaseRefused


def test_one_console_at_a_time_and_takeover_by_a_supervisor() -> None:
    now = [1000.0]
    book = LeaseBook(lambda: now[0], lease_s=30)
    book.check("m", "A")  # nobody holds it: anyone may drive it
    lease = book.take("m", "A", "op-1", "operator")
    assert lease == Lease("A", "op-1", "operator", 1030.0)
    with pytest.raises(LeaseRefused, match=r"controlled by op-1 \(operator\) at A"):
        book.check("m", "B")
    with pytest.raises(LeaseRefused, match="controlled by"):
        book.take("m", "B", "op-2", "operator")
    with pytest.raises(LeaseRefused, match=r"op-2 \(role operator\) may not take control"):
        book.take("m", "B", "op-2", "operator", take_over=True)
    now[0] = 1010.0
    assert book.take("m", "A", "op-1", "operator").expires == 1040.0  # renewed
    taken = book.take("m", "B", "sup-1", "supervisor", take_over=True)
    assert taken.holder == "B" and taken.took_over_from == "op-1 (operator) at A"
    with pytest.raises(LeaseRefused):
        book.release("m", "A")
    assert book.release("m", "B") == Lease()
    book.check("m", "A")


def test_an_unrenewed_lease_runs_out() -> None:
    now = [0.0]
    book = LeaseBook(lambda: now[0], lease_s=30)
    book.take("m", "A", "op-1", "operator")
    now[0] = 29.0
    assert book.expired() == []
    now[0] = 31.0
    book.check("m", "B")  # expired: free again
    assert book.expired() == ["m"] and book.leases["m"] == Lease()
    with pytest.raises(LeaseRefused):
        book.take("m", "", "x", "operator")  # a lease names its console

"""The short torture (issue 13): the console with the fleet, commands and writers on one database,
a random process SIGKILLed each round (the console in the first), checked after every kill.

``make torture`` runs the long form (200 rounds) and writes its figures to bench/results/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.torture import run_torture  # noqa: E402

pytestmark = pytest.mark.harness  # make test-harness, not make test (see the Makefile)


def test_short_torture_loses_nothing(fleet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_torture(4, tmp_path, seed=7, fleet=fleet, progress=lambda _s: None)
    assert result["kills"] == 4 and result["kills_by_process"].get("console", 0) >= 1
    assert result["failures"] == [] and result["final_problems"] == [], result
    assert result["writes_lost"] == 0 and result["integrity_failures"] == 0 and result["audit_chain_failures"] == 0
    committed = result["committed"]
    assert committed["worker_transactions"] > 50 and committed["cameras_imported"] > 0, committed
    assert result["restore"]["ok"], result["restore"]
    assert result["restore"]["rows"]["layouts"] > 0

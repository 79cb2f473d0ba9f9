"""glibc malloc settings: applied on Linux glibc, rate-limited trims."""

from __future__ import annotations

import sys

import pytest

from videowall.allocator import Trimmer, tune_malloc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_tuning_applies_on_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert tune_malloc() is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_trims_are_rate_limited() -> None:
    trimmer = Trimmer(min_interval_s=10.0)
    assert trimmer.released(100.0) is True
    assert trimmer.released(105.0) is False  # a layout change frees a dozen players: one trim
    assert trimmer.released(111.0) is True

"""The feed settings read at start: warm feeds for the hub, the retry cap for every tile."""

from __future__ import annotations

from pathlib import Path

from videowall.domain.stream_state import RECONNECT_CAP_KEY, Backoff
from videowall.media.feeds import FeedHub
from videowall.services.feed_settings import apply_feed_settings
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def test_defaults_then_stored_values_reach_the_hub_and_the_tiles(tmp_path: Path) -> None:
    hub = FeedHub(lambda _n: None)
    with DatabaseWriter(tmp_path / "v.db") as writer:
        assert apply_feed_settings(hub, writer.readers).backoff() == Backoff()
        assert Backoff().cap == 30.0
        writer.submit(lambda d: SettingsRepository(d).set(RECONNECT_CAP_KEY, 12.5)).result(10)
        writer.submit(lambda d: SettingsRepository(d).set("warm_feed_s", 5)).result(10)
        backoff = apply_feed_settings(hub, writer.readers).backoff()
    assert backoff.cap == 12.5 and hub.grace_s == 5.0
    assert max(backoff.delay(n) for n in range(1, 12)) <= 12.5  # never waits longer than the cap


def test_a_value_out_of_range_falls_back_to_the_default(tmp_path: Path) -> None:
    with DatabaseWriter(tmp_path / "v.db") as writer:
        writer.submit(lambda d: SettingsRepository(d).set(RECONNECT_CAP_KEY, 0.1)).result(10)
        assert apply_feed_settings(FeedHub(lambda _n: None), writer.readers).backoff().cap == 30.0

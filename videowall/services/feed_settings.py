"""How long a camera feed nobody watches stays connected (settings ``warm_feed_s``, ``warm_feed_max``),
and how long a lost one waits at most between retries (``reconnect_max_s``)."""

from __future__ import annotations

from videowall.domain.settings_catalogue import current
from videowall.domain.stream_state import RECONNECT_CAP_KEY, Backoff
from videowall.media.feeds import FeedHub
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def apply_feed_settings(hub: FeedHub, writer: DatabaseWriter) -> Backoff:
    """At start, before the first tile: read the settings (their defaults if unset or invalid); the
    tiles' reconnect back-off is returned for the walls."""
    values = current(writer.submit(lambda db: SettingsRepository(db).all(), transaction=False).result(10))
    hub.grace_s = float(values["warm_feed_s"])
    hub.max_warm = int(values["warm_feed_max"])
    return Backoff(cap=float(values[RECONNECT_CAP_KEY]))

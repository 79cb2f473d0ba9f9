"""How long a camera feed nobody watches stays connected (settings ``warm_feed_s``, ``warm_feed_max``)."""

from __future__ import annotations

from videowall.domain.settings_catalogue import current
from videowall.media.feeds import FeedHub
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def apply_feed_settings(hub: FeedHub, writer: DatabaseWriter) -> None:
    """At start, before the first tile: read both settings (their defaults if unset or invalid)."""
    values = current(writer.submit(lambda db: SettingsRepository(db).all(), transaction=False).result(10))
    hub.grace_s = float(values["warm_feed_s"])
    hub.max_warm = int(values["warm_feed_max"])

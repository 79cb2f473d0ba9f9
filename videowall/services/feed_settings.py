"""How long a camera feed nobody watches stays connected, how long a lost one waits at most between
retries and when a picture counts as frozen, black or stalled: ``StreamSettings`` (domain/settings_model.py)."""

from __future__ import annotations

from videowall.domain.settings_model import StreamSettings
from videowall.media.feeds import FeedHub
from videowall.storage.readers import ReadConnections
from videowall.storage.settings import SettingsRepository


def apply_feed_settings(hub: FeedHub, readers: ReadConnections) -> StreamSettings:
    """At start, before the first tile (a reader connection; nothing waits on it yet): the settings, their
    defaults if unset or invalid; the warm feeds are set here, the walls take the back-off and limits."""
    settings = SettingsRepository(readers.get()).load(StreamSettings)
    hub.grace_s = settings.warm_feed_s
    hub.max_warm = settings.warm_feed_max
    return settings

"""The evidence settings: clip window, categories, buffer.

The clip window, the buffer quota and main-stream recording are settings of their own (``evidence_pre_s``,
``evidence_post_s``, ``evidence_buffer_quota_mb``, ``evidence_keep_main``: the Settings window edits them);
categories and the zone stay in the older single JSON value under ``evidence``, which also still supplies
the others where their own keys were never written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from videowall.domain.evidence import (
    DEFAULT_BUFFER_QUOTA_MB,
    DEFAULT_CATEGORIES,
    DEFAULT_POST_S,
    DEFAULT_PRE_S,
    DEFAULT_TIMEZONE,
)

SETTINGS_KEY = "evidence"
PRE_KEY = "evidence_pre_s"
POST_KEY = "evidence_post_s"
QUOTA_KEY = "evidence_buffer_quota_mb"
KEEP_MAIN_KEY = "evidence_keep_main"
_OWN_KEYS = {PRE_KEY: "pre_s", POST_KEY: "post_s", QUOTA_KEY: "buffer_quota_mb", KEEP_MAIN_KEY: "keep_main"}


@dataclass(frozen=True, slots=True)
class EvidenceSettings:
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    pre_s: float = DEFAULT_PRE_S
    post_s: float = DEFAULT_POST_S
    buffer_quota_mb: int = DEFAULT_BUFFER_QUOTA_MB
    timezone: str = DEFAULT_TIMEZONE
    keep_main: bool = True  # record the main stream for evidence while tiles show the sub stream

    @property
    def buffer_keep_s(self) -> float:
        """Keep enough for the longest clip plus the wait for its last segment."""
        return max(90.0, self.pre_s + self.post_s + 30.0)

    @classmethod
    def from_stored(cls, raw: Any) -> EvidenceSettings:
        """The stored JSON value; ``ValueError`` when it is not one (the caller keeps the defaults)."""
        base = cls()
        try:
            return cls(categories=tuple(raw.get("categories") or base.categories),
                       pre_s=float(raw.get("pre_s", base.pre_s)), post_s=float(raw.get("post_s", base.post_s)),
                       buffer_quota_mb=int(raw.get("buffer_quota_mb", base.buffer_quota_mb)),
                       timezone=str(raw.get("timezone", base.timezone)),
                       keep_main=bool(raw.get("keep_main", base.keep_main)))
        except (TypeError, ValueError, AttributeError):
            raise ValueError("evidence settings unreadable") from None

    @classmethod
    def from_settings(cls, stored: Mapping[str, Any]) -> EvidenceSettings:
        """From the whole settings table: the older ``evidence`` value, then the keys of its own on top
        (a value that will not do keeps what was there, as the Settings window shows it)."""
        from videowall.domain.settings_catalogue import BY_KEY

        try:
            base = cls.from_stored(stored[SETTINGS_KEY]) if SETTINGS_KEY in stored else cls()
        except ValueError:
            base = cls()
        for key, name in _OWN_KEYS.items():
            if key in stored:
                try:
                    value: Any = BY_KEY[key].parse(stored[key])
                except ValueError:
                    continue
                base = replace(base, **{name: value})
        return base

    def own_values(self) -> dict[str, Any]:
        """The keys of its own, as ``from_settings`` reads them."""
        return {key: getattr(self, name) for key, name in _OWN_KEYS.items()}

    def to_stored(self) -> dict[str, Any]:
        return {"categories": list(self.categories), "pre_s": self.pre_s, "post_s": self.post_s,
                "buffer_quota_mb": self.buffer_quota_mb, "timezone": self.timezone, "keep_main": self.keep_main}

"""The evidence settings (one JSON value under the ``evidence`` key): clip window, categories, buffer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from videowall.domain.evidence import (
    DEFAULT_BUFFER_QUOTA_MB,
    DEFAULT_CATEGORIES,
    DEFAULT_POST_S,
    DEFAULT_PRE_S,
    DEFAULT_TIMEZONE,
)

SETTINGS_KEY = "evidence"


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

    def to_stored(self) -> dict[str, Any]:
        return {"categories": list(self.categories), "pre_s": self.pre_s, "post_s": self.post_s,
                "buffer_quota_mb": self.buffer_quota_mb, "timezone": self.timezone, "keep_main": self.keep_main}

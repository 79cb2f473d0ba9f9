"""Typed settings: one frozen dataclass per concern, each field bound to its stored key.

``SettingsRepository.load(cls)`` fills such a class from the settings table (a missing or unparsable
value keeps the field's default; keys in the Settings window's catalogue are checked by its rules) and
``save(obj)`` writes it back, so a key is spelled once, beside its default, and read nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from videowall.domain.alerts import DEBOUNCE_KEY, DEFAULT_DEBOUNCE_S
from videowall.domain.i18n import DEFAULT_TIMEZONE
from videowall.domain.ptz_lock import DEFAULT_HOLD_S as PTZ_DEFAULT_HOLD_S
from videowall.domain.ptz_lock import HOLD_KEY as PTZ_HOLD_KEY
from videowall.domain.stream_state import DEFAULT_RECONNECT_CAP_S, RECONNECT_CAP_KEY, Backoff, WatchdogLimits

T = TypeVar("T")
_WATCHDOG = WatchdogLimits()


def setting(key: str, default: Any) -> Any:
    """A dataclass field stored under ``key``."""
    return field(default=default, metadata={"key": key})


def stored_keys(cls: type) -> dict[str, str]:
    """Field name -> stored key, for a settings class."""
    return {f.name: f.metadata["key"] for f in fields(cls) if "key" in f.metadata}


def settings_from(cls: type[T], stored: Mapping[str, object]) -> T:
    """An instance of the settings class ``cls`` from stored values (defaults where missing or invalid)."""
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        key = f.metadata.get("key")
        if key is None or key not in stored:
            continue
        try:
            values[f.name] = _parse(key, stored[key], f.default)
        except (ValueError, TypeError):
            continue  # a value that will not do: the default, as the Settings window shows it
    return cls(**values)


def settings_values(obj: object) -> dict[str, object]:
    """Stored key -> value of a settings instance (what ``save`` writes)."""
    return {key: getattr(obj, name) for name, key in stored_keys(type(obj)).items()}


def _parse(key: str, raw: object, default: object) -> object:
    from videowall.domain.settings_catalogue import BY_KEY  # the catalogue imports the concerns' modules

    spec = BY_KEY.get(key)
    if spec is not None:
        return spec.parse(raw)
    if isinstance(default, bool):
        if not isinstance(raw, bool):
            raise ValueError(key)
        return raw
    if isinstance(default, int):
        return int(str(raw))
    if isinstance(default, float):
        return float(str(raw))
    if isinstance(default, str):
        return str(raw)
    return raw


# --- the concerns -----------------------------------------------------------------------------------------
LANGUAGE_KEY = "ui_language"  # "id" or "en"; unset: the system locale
TIMEZONE_KEY = "city_timezone"  # an IANA zone, default Asia/Jakarta (WIB)
SESSION_LOCK_KEY = "session_lock_minutes"
WARM_FEED_KEY = "warm_feed_s"
WARM_FEED_MAX_KEY = "warm_feed_max"
FIRST_FRAME_KEY = "first_frame_timeout_s"
STALL_KEY = "stall_after_s"
STALL_RECONNECT_KEY = "stall_reconnect_after_s"
BLACK_KEY = "black_after_s"
LOCK_SHOWS_PUBLIC_KEY = "lock_shows_public_cameras"  # a locked console keeps showing non-private cameras
TRUST_FIRST_KEY = "trust_first_pictures"  # first pictures become scene references without review


@dataclass(frozen=True, slots=True)
class ConsoleSettings:
    """What the console needs before its first window."""

    language: str = setting(LANGUAGE_KEY, "")
    timezone: str = setting(TIMEZONE_KEY, DEFAULT_TIMEZONE)
    session_lock_minutes: float = setting(SESSION_LOCK_KEY, 15.0)


@dataclass(frozen=True, slots=True)
class StreamSettings:
    """How feeds are kept, retried and judged: warm feeds, the reconnect back-off, the watchdog's limits."""

    warm_feed_s: float = setting(WARM_FEED_KEY, 30.0)
    warm_feed_max: int = setting(WARM_FEED_MAX_KEY, 32)
    reconnect_max_s: float = setting(RECONNECT_CAP_KEY, DEFAULT_RECONNECT_CAP_S)
    first_frame_timeout_s: float = setting(FIRST_FRAME_KEY, _WATCHDOG.first_frame_timeout)
    stall_after_s: float = setting(STALL_KEY, _WATCHDOG.stall_after)
    stall_reconnect_after_s: float = setting(STALL_RECONNECT_KEY, _WATCHDOG.stall_reconnect_after)
    black_after_s: float = setting(BLACK_KEY, _WATCHDOG.black_after)

    def backoff(self) -> Backoff:
        return Backoff(cap=self.reconnect_max_s)

    def watchdog(self) -> WatchdogLimits:
        # a reconnect never comes before the picture is called frozen
        return WatchdogLimits(first_frame_timeout=self.first_frame_timeout_s, stall_after=self.stall_after_s,
                              stall_reconnect_after=max(self.stall_reconnect_after_s, self.stall_after_s),
                              black_after=self.black_after_s)


@dataclass(frozen=True, slots=True)
class PrivacyFlags:
    """Two switches of the privacy rules (the privacy service keeps its other settings itself)."""

    lock_shows_public_cameras: bool = setting(LOCK_SHOWS_PUBLIC_KEY, False)
    trust_first_pictures: bool = setting(TRUST_FIRST_KEY, False)


@dataclass(frozen=True, slots=True)
class AlertSettings:
    dark_debounce_s: float = setting(DEBOUNCE_KEY, DEFAULT_DEBOUNCE_S)


@dataclass(frozen=True, slots=True)
class PtzSettings:
    hold_s: float = setting(PTZ_HOLD_KEY, PTZ_DEFAULT_HOLD_S)

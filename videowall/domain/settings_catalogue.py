"""The settings a person may change in the console's Settings window: key, kind, default, range.

One table, so the window, ``videowall settings`` and the tests agree on what exists and what a valid
value is. Values are stored as JSON in the settings table (storage/settings.py); a key missing from
the table means its default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from videowall.domain import evidence_settings as ev
from videowall.domain import joystick as stick
from videowall.domain import settings_model as m
from videowall.domain.alerts import DEBOUNCE_KEY, DEFAULT_DEBOUNCE_S
from videowall.domain.backup import DEFAULT_INTERVAL_HOURS, DEFAULT_KEEP, DIR_KEY, INTERVAL_KEY, KEEP_KEY
from videowall.domain.city_plan import CORNERS_KEY as MAP_CORNERS_KEY
from videowall.domain.city_plan import IMAGE_KEY as MAP_IMAGE_KEY
from videowall.domain.city_plan import parse_corners
from videowall.domain.lockout import DEFAULT_BASE_S, DEFAULT_CAP_S, DEFAULT_MAX_FAILURES
from videowall.domain.ptz_lock import DEFAULT_HOLD_S as PTZ_DEFAULT_HOLD_S
from videowall.domain.ptz_lock import HOLD_KEY as PTZ_HOLD_KEY
from videowall.domain.report_schedule import DEFAULT_HOUR as REPORT_DEFAULT_HOUR
from videowall.domain.report_schedule import DIR_KEY as REPORT_DIR_KEY
from videowall.domain.report_schedule import HOUR_KEY as REPORT_HOUR_KEY
from videowall.domain.report_schedule import LANGUAGE_KEY as REPORT_LANGUAGE_KEY
from videowall.domain.report_schedule import SCHEDULE_KEY as REPORT_SCHEDULE_KEY
from videowall.domain.report_schedule import Frequency
from videowall.domain.stream_state import DEFAULT_RECONNECT_CAP_S, RECONNECT_CAP_KEY


class Kind(StrEnum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    TEXT = "text"
    TIMEZONE = "timezone"
    CORNERS = "corners"  # two latitude,longitude pairs (domain/city_plan.py)
    CHOICE = "choice"  # one of ``choices``


class Group(StrEnum):
    GENERAL = "general"
    STREAMS = "streams"
    SIGN_IN = "sign_in"
    PRIVACY = "privacy"
    BACKUP = "backup"
    MAP = "map"
    REPORTS = "reports"
    JOYSTICK = "joystick"
    EVIDENCE = "evidence"


@dataclass(frozen=True, slots=True)
class SettingField:
    key: str
    group: Group
    label: str  # English; the window translates it (ui/tr_catalog.py lists every label)
    kind: Kind
    default: int | float | bool | str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()  # Kind.CHOICE: the values (the window shows each one's label)
    check: Callable[[str], object] | None = None  # TEXT: raises ValueError for a text that will not do

    def parse(self, value: object) -> int | float | bool | str:
        """The value to store, or ``ValueError`` with a message fit to show."""
        if self.kind is Kind.BOOL:
            if not isinstance(value, bool):
                raise ValueError(f"{self.key}: yes or no")
            return value
        if self.kind in (Kind.INT, Kind.FLOAT):
            try:
                number: int | float = int(str(value)) if self.kind is Kind.INT else float(str(value))
            except ValueError:
                raise ValueError(f"{self.key}: {value!r} is not a number") from None
            if (self.minimum is not None and number < self.minimum) or (
                    self.maximum is not None and number > self.maximum):
                raise ValueError(f"{self.key}: {number:g} is outside {self.minimum:g}..{self.maximum:g}")
            return number
        text = str(value).strip()
        if self.kind is Kind.CHOICE and text not in self.choices:
            raise ValueError(f"{self.key}: {text!r} is not one of {', '.join(repr(c) for c in self.choices)}")
        if self.kind is Kind.TIMEZONE:
            try:
                ZoneInfo(text)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"{self.key}: {text!r} is not a time zone (e.g. Asia/Jakarta)") from None
        if self.kind is Kind.CORNERS and text:
            try:
                parse_corners(text)
            except ValueError as exc:
                raise ValueError(f"{self.key}: {exc}") from None
        if self.check is not None:
            self.check(text)
        return text


CATALOGUE: tuple[SettingField, ...] = (
    SettingField(m.TIMEZONE_KEY, Group.GENERAL, "City time zone (reports, evidence, clocks)", Kind.TIMEZONE,
                 "Asia/Jakarta"),
    SettingField(m.LANGUAGE_KEY, Group.GENERAL, "Language of the console (from its next start; the toolbar's "
                 "Language menu switches at once)", Kind.CHOICE, "id", choices=("id", "en")),
    SettingField(DEBOUNCE_KEY, Group.GENERAL, "Alert when a camera stays dark for (seconds)", Kind.FLOAT,
                 DEFAULT_DEBOUNCE_S, 0, 3600),
    SettingField(m.WARM_FEED_KEY, Group.STREAMS,
                 "Keep a camera connected after its last tile closes (seconds; switching back is instant)",
                 Kind.FLOAT, 30.0, 0, 600),
    SettingField(m.WARM_FEED_MAX_KEY, Group.STREAMS, "Cameras kept connected that way, at most", Kind.INT, 32, 0,
                 512),
    SettingField(RECONNECT_CAP_KEY, Group.STREAMS,
                 "A lost camera is retried at least every (seconds; a probe brings it back sooner)", Kind.FLOAT,
                 DEFAULT_RECONNECT_CAP_S, 2, 600),
    SettingField(m.FIRST_FRAME_KEY, Group.STREAMS, "Give up on a camera with no first picture after (seconds)",
                 Kind.FLOAT, 12.0, 2, 120),
    SettingField(m.STALL_KEY, Group.STREAMS, "A picture that does not change is frozen after (seconds)", Kind.FLOAT,
                 5.0, 1, 120),
    SettingField(m.STALL_RECONNECT_KEY, Group.STREAMS, "Reconnect a camera that sends nothing after (seconds)",
                 Kind.FLOAT, 10.0, 2, 300),
    SettingField(m.BLACK_KEY, Group.STREAMS, "An all-black picture is \"no video\" after (seconds)", Kind.FLOAT,
                 3.0, 1, 120),
    SettingField(PTZ_HOLD_KEY, Group.GENERAL,
                 "PTZ: a camera stays with its operator after their last command (seconds)", Kind.FLOAT,
                 PTZ_DEFAULT_HOLD_S, 5, 600),
    SettingField(m.SESSION_LOCK_KEY, Group.SIGN_IN, "Lock the console after minutes without input", Kind.FLOAT,
                 15.0, 1, 720),
    SettingField("login_max_failures", Group.SIGN_IN, "Wrong passwords before a name is locked", Kind.INT,
                 DEFAULT_MAX_FAILURES, 1, 100),
    SettingField("login_lockout_s", Group.SIGN_IN, "First lockout (seconds; doubles each time)", Kind.FLOAT,
                 DEFAULT_BASE_S, 0, 86400),
    SettingField("login_lockout_cap_s", Group.SIGN_IN, "Longest lockout (seconds)", Kind.FLOAT, DEFAULT_CAP_S, 0,
                 7 * 86400),
    SettingField(m.LOCK_SHOWS_PUBLIC_KEY, Group.PRIVACY, "A locked console keeps showing public cameras",
                 Kind.BOOL, False),
    SettingField(m.TRUST_FIRST_KEY, Group.PRIVACY,
                 "Trust first pictures as scene references (migration only; no review)", Kind.BOOL, False),
    SettingField(ev.PRE_KEY, Group.EVIDENCE, "A bookmark's clip starts this long before it (seconds)", Kind.FLOAT,
                 ev.DEFAULT_PRE_S, 0, 300),
    SettingField(ev.POST_KEY, Group.EVIDENCE, "and ends this long after it (seconds)", Kind.FLOAT, ev.DEFAULT_POST_S,
                 0, 300),
    SettingField(ev.QUOTA_KEY, Group.EVIDENCE, "Pre-event buffer on disk, at most (MB)", Kind.INT,
                 ev.DEFAULT_BUFFER_QUOTA_MB, 100, 1_000_000),
    SettingField(ev.KEEP_MAIN_KEY, Group.EVIDENCE,
                 "Record the main stream for evidence while tiles show the sub stream", Kind.BOOL, True),
    SettingField(INTERVAL_KEY, Group.BACKUP, "Back up every (hours; 0 = never)", Kind.FLOAT, DEFAULT_INTERVAL_HOURS,
                 0, 24 * 31),
    SettingField(KEEP_KEY, Group.BACKUP, "Backups kept", Kind.INT, DEFAULT_KEEP, 1, 1000),
    SettingField(DIR_KEY, Group.BACKUP, "Backup folder (empty: beside the database)", Kind.TEXT, ""),
    SettingField(MAP_IMAGE_KEY, Group.MAP, "City plan image under the health map (PNG or JPEG; empty: none)",
                 Kind.TEXT, ""),
    SettingField(MAP_CORNERS_KEY, Group.MAP,
                 "Its top-left and bottom-right corners as lat,lon lat,lon (e.g. -6.93,110.30 -7.12,110.50)",
                 Kind.CORNERS, ""),
    SettingField(REPORT_SCHEDULE_KEY, Group.REPORTS, "Write the availability report as a PDF", Kind.CHOICE,
                 Frequency.OFF.value, choices=tuple(f.value for f in Frequency)),
    SettingField(REPORT_HOUR_KEY, Group.REPORTS, "At this hour, city time (0-23)", Kind.INT, REPORT_DEFAULT_HOUR,
                 0, 23),
    SettingField(REPORT_DIR_KEY, Group.REPORTS, "Into this folder (empty: reports/ beside the database)", Kind.TEXT,
                 ""),
    SettingField(REPORT_LANGUAGE_KEY, Group.REPORTS, "In this language", Kind.CHOICE, "",
                 choices=("", "id", "en")),
    SettingField(stick.ENABLED_KEY, Group.JOYSTICK, "Steer PTZ with a USB joystick (picked up when plugged in)",
                 Kind.BOOL, True),
    SettingField(stick.DEAD_ZONE_KEY, Group.JOYSTICK, "Dead zone (% of the stick's travel that moves nothing)",
                 Kind.INT, stick.DEFAULT_DEAD_ZONE_PCT, 0, 60),
    SettingField(stick.CURVE_KEY, Group.JOYSTICK, "Speed curve (1 = straight; 2 or more = finer near the centre)",
                 Kind.FLOAT, stick.DEFAULT_CURVE, 1, 4),
    SettingField(stick.SPEED_KEY, Group.JOYSTICK, "Top speed (% of the camera's fastest)", Kind.INT,
                 stick.DEFAULT_SPEED_PCT, 5, 100),
    SettingField(stick.AXES_KEY, Group.JOYSTICK, "Axes (pan=N tilt=N zoom=N)", Kind.TEXT, stick.DEFAULT_AXES,
                 check=stick.parse_axes),
    SettingField(stick.BUTTONS_KEY, Group.JOYSTICK,
                 "Buttons (N=action; the user guide lists the actions)", Kind.TEXT,
                 stick.DEFAULT_BUTTONS, check=stick.parse_buttons),
    SettingField(stick.INVERT_KEY, Group.JOYSTICK, "Inverted axes (pan, tilt, zoom; empty: none)", Kind.TEXT,
                 stick.DEFAULT_INVERT, check=stick.parse_invert),
)
# What the window shows for each choice (translated there, ui/tr_catalog.py lists them; language names are
# shown as each language names itself, untranslated).
CHOICE_LABELS: dict[str, str] = {"off": "Never", "daily": "Every day (the last 24 hours)",
                                 "weekly": "Every Monday (the last 7 days)", "": "The console's language",
                                 "id": "Bahasa Indonesia", "en": "English"}  # fmt: skip
BY_KEY = {f.key: f for f in CATALOGUE}


def current(stored: dict[str, object]) -> dict[str, int | float | bool | str]:
    """Each catalogue key's value: the stored one if it parses, else the default."""
    out: dict[str, int | float | bool | str] = {}
    for f in CATALOGUE:
        try:
            out[f.key] = f.parse(stored[f.key]) if f.key in stored else f.default
        except ValueError:
            out[f.key] = f.default
    out.update(ev.EvidenceSettings.from_settings(stored).own_values())  # its older single value counts too
    return out

"""The city's time zone as the process's local time (consoles and wall agents alike)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)


def use_city_time(tz_name: str) -> None:
    """Make the city's zone (WIB by default) this process's local time: tile clocks, charts, logs.

    Every ``time.strftime`` / ``datetime.fromtimestamp`` in the UI then shows city time without
    each widget being handed a zone; an unknown zone name leaves the machine's own.
    """
    if (Path("/usr/share/zoneinfo") / tz_name).exists() and hasattr(time, "tzset"):
        os.environ["TZ"] = tz_name
        time.tzset()
    else:
        log.warning("unknown time zone %r: using the machine's", tz_name)

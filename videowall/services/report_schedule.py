"""Scheduled availability reports while the console runs: a worker thread writes the PDF and its CSV of dark
cameras into a folder, daily or weekly (rules: ``domain/report_schedule.py``).

Each round reads the settings, so a change applies within a minute. The report is written as the
installation (``SYSTEM_USER``: the administrator who set the schedule is in the audit trail of that
setting), rendered into a hidden temporary folder inside the destination and then renamed into place,
the CSV first and the PDF last, so the folder never holds half a report and a PDF there means done.
Every report written and every failure is audited; each outcome goes to ``on_outcome`` (the console's
status bar). A failure keeps nothing half-written, and the same report is tried again after
``RETRY_AFTER`` until the folder works: nothing is lost.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from videowall.domain.access import SYSTEM_USER, User
from videowall.domain.i18n import DEFAULT_TIMEZONE, normalise, system_language, zone
from videowall.domain.report_schedule import (
    DIR_KEY,
    HOUR_KEY,
    LANGUAGE_KEY,
    REPORT_DIR_NAME,
    SCHEDULE_KEY,
    START_DELAY,
    ReportPolicy,
    csv_name,
    latest_slot,
    period,
    policy_from_settings,
    report_due,
    report_name,
)
from videowall.domain.settings_model import LANGUAGE_KEY as UI_LANGUAGE_KEY
from videowall.domain.settings_model import TIMEZONE_KEY
from videowall.security import audit
from videowall.services.report_command import audit_report, availability_report
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from videowall.evidence.availability_report import ReportFiles

log = logging.getLogger(__name__)

SETTING_KEYS = (SCHEDULE_KEY, HOUR_KEY, DIR_KEY, LANGUAGE_KEY, UI_LANGUAGE_KEY, TIMEZONE_KEY)
POLL_S = 60.0
TEMP_PREFIX = ".report-"


class Problem(StrEnum):
    WRITTEN = "written"
    FOLDER_MISSING = "folder_missing"
    NOT_WRITABLE = "not_writable"
    DISK_FULL = "disk_full"
    FAILED = "failed"  # anything else (the database, the renderer): the log has the details


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    kind: Problem
    path: Path  # the PDF written, or the folder that failed
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReportPlan:
    policy: ReportPolicy
    folder: Path
    default_folder: bool  # the folder beside the database (created when missing); a chosen one must exist
    lang: str
    tz_name: str


def classify(exc: OSError) -> Problem:
    if isinstance(exc, FileNotFoundError | NotADirectoryError) or exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem.FOLDER_MISSING
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Problem.NOT_WRITABLE
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Problem.DISK_FULL
    return Problem.FAILED


Render = Callable[..., "ReportFiles"]  # availability_report's: (writer, user, out, area, *, start, end, lang, ...)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ReportSchedule:
    """``start()`` a daemon thread writing reports when due; ``run_due()`` is one round (tests drive it)."""

    def __init__(self, writer: DatabaseWriter, settings: Callable[[], Mapping[str, object]], *,
                 clock: Callable[[], datetime] = _utc_now, start_delay: timedelta = START_DELAY,
                 poll_s: float = POLL_S, on_outcome: Callable[[ReportOutcome], object] | None = None,
                 render: Render | None = None, user: User = SYSTEM_USER) -> None:  # fmt: skip
        self._writer = writer
        self._settings = settings
        self._clock = clock
        self._started = clock()
        self._start_delay = start_delay
        self._poll_s = poll_s
        self._on_outcome = on_outcome
        self._render = render
        self._user = user
        self._last_failure: datetime | None = None
        self._warned: set[str] = set()
        self.next_check: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_writer(cls, writer: DatabaseWriter, *, on_outcome: Callable[[ReportOutcome], object] | None = None,
                   clock: Callable[[], datetime] = _utc_now, start_delay: timedelta = START_DELAY,
                   render: Render | None = None) -> ReportSchedule:  # fmt: skip
        """The console's schedule: settings read on the writer's connection."""

        def read() -> dict[str, object]:
            def job(db: Database) -> dict[str, object]:
                repo = SettingsRepository(db)
                return {key: repo.get(key) for key in SETTING_KEYS}

            return writer.submit(job, transaction=False).result(60)

        return cls(writer, read, clock=clock, start_delay=start_delay, on_outcome=on_outcome, render=render)

    def plan(self) -> ReportPlan:
        values = self._settings()
        policy, problems = policy_from_settings(values.get(SCHEDULE_KEY), values.get(HOUR_KEY))
        for problem in problems:
            if problem not in self._warned:
                self._warned.add(problem)
                log.warning("report setting: %s", problem)
        chosen = values.get(DIR_KEY)
        if isinstance(chosen, str) and chosen.strip():
            folder = Path(chosen.strip()).expanduser()
            folder = folder if folder.is_absolute() else self._writer.path.parent / folder
            default = False
        else:
            folder, default = self._writer.path.parent / REPORT_DIR_NAME, True
        lang = values.get(LANGUAGE_KEY) or values.get(UI_LANGUAGE_KEY) or system_language()
        tz_name = values.get(TIMEZONE_KEY) or DEFAULT_TIMEZONE
        return ReportPlan(policy, folder, default, normalise(str(lang)), str(tz_name))

    def run_due(self) -> ReportOutcome | None:
        """Write the latest slot's report if it is due and not in the folder yet; the outcome, else None."""
        plan = self.plan()
        now = self._clock().astimezone(zone(plan.tz_name))
        slot = latest_slot(plan.policy, now)
        name = report_name(plan.policy, slot) if slot is not None else ""
        written = bool(name) and (plan.folder / name).exists()
        due = report_due(plan.policy, now, written, started=self._started, last_failure=self._last_failure,
                         start_delay=self._start_delay)  # fmt: skip
        self.next_check = due.next_check
        if due.slot is None:
            return None
        outcome = self._write(plan, due.slot, name)
        self._last_failure = None if outcome.kind is Problem.WRITTEN else now
        self._report(outcome)
        return outcome

    def _write(self, plan: ReportPlan, slot: datetime, name: str) -> ReportOutcome:
        start, end = period(plan.policy, slot)
        temp: Path | None = None
        try:
            if plan.default_folder:
                plan.folder.mkdir(parents=True, exist_ok=True)
            temp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=plan.folder))
            files = self._render_files(temp / name, start, end, plan)
            os.replace(files.dark_csv, plan.folder / csv_name(name))
            os.replace(files.pdf, plan.folder / name)
        except OSError as exc:
            kind = classify(exc)
            log.warning("scheduled report %s into %s not written: %s", name, plan.folder, exc)
            self._audit_failure(plan.folder, name, kind, exc.strerror or str(exc))
            return ReportOutcome(kind, plan.folder, exc.strerror or str(exc))
        except Exception as exc:  # the database or the renderer: reported, tried again later
            log.exception("scheduled report %s failed", name)
            self._audit_failure(plan.folder, name, Problem.FAILED, str(exc))
            return ReportOutcome(Problem.FAILED, plan.folder, str(exc))
        finally:
            if temp is not None:
                shutil.rmtree(temp, ignore_errors=True)
        audit_report(self._writer, self._user, plan.folder / name, "", start, end,
                     f"scheduled {plan.policy.frequency.value}, {plan.lang}, {plan.tz_name}")  # fmt: skip
        log.info("scheduled report written: %s", plan.folder / name)
        return ReportOutcome(Problem.WRITTEN, plan.folder / name)

    def _render_files(self, out: Path, start: float, end: float, plan: ReportPlan) -> ReportFiles:
        render = self._render or availability_report
        return render(self._writer, self._user, out, "", start=start, end=end, lang=plan.lang, tz_name=plan.tz_name,
                      audited=False)  # fmt: skip

    def _audit_failure(self, folder: Path, name: str, kind: Problem, why: str) -> None:
        try:
            self._writer.submit(lambda d: audit.append(d, self._user.name, audit.Action.REPORT_FAILED, str(folder),
                                                       f"{name}: {kind.value}: {why}")).result(30)  # fmt: skip
        except Exception:  # the writer stopped (quitting): the log still has it
            log.warning("cannot audit the failed report %s", name, exc_info=True)

    def _report(self, outcome: ReportOutcome) -> None:
        if self._on_outcome is not None:
            try:
                self._on_outcome(outcome)
            except Exception:
                log.exception("report status callback failed")

    def start(self) -> ReportSchedule:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="videowall-report", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Signal the thread and return at once (a report being drawn finishes or dies with the process)."""
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except RuntimeError as exc:  # the writer has stopped: the console is quitting
                log.debug("report schedule ends: %s", exc)
                return
            except Exception:
                log.exception("scheduled report round failed")
            self._stop.wait(self._wait_s())

    def _wait_s(self) -> float:
        if self.next_check is None:
            return self._poll_s
        until = (self.next_check - self._clock()).total_seconds()
        return min(self._poll_s, max(until, 1.0))

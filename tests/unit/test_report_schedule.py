"""The scheduled availability report (issue 23 item 5): rules, then the console's scheduler on a real database.

The scheduler's clock is injected, so "is it due?" is driven by moving that clock, never by sleeping; the
report itself is the real one (matplotlib + reportlab), read back with pdftotext. A bad folder gives its
own message and an audit row, leaves nothing behind, and the same report is written once the folder works.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from videowall.domain.access import SYSTEM_USER
from videowall.domain.health import HealthRecord, HealthState
from videowall.domain.report_schedule import (
    RETRY_AFTER,
    Frequency,
    ReportPolicy,
    latest_slot,
    period,
    policy_from_settings,
    report_due,
    report_name,
)
from videowall.domain.settings_catalogue import BY_KEY
from videowall.security import audit
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_import import import_register
from videowall.services.report_command import availability_report
from videowall.services.report_schedule import Problem, ReportOutcome, ReportSchedule
from videowall.services.settings_service import change_setting
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.writer import DatabaseWriter

WIB = ZoneInfo("Asia/Jakarta")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


# --- rules ----------------------------------------------------------------------------------------------

def test_daily_and_weekly_slots_periods_and_names() -> None:
    daily, weekly = ReportPolicy(Frequency.DAILY, 6), ReportPolicy(Frequency.WEEKLY, 6)
    wed_0559 = datetime(2026, 12, 2, 5, 59, tzinfo=WIB)  # a Wednesday
    assert latest_slot(daily, wed_0559) == datetime(2026, 12, 1, 6, tzinfo=WIB)
    assert latest_slot(daily, wed_0559 + timedelta(minutes=1)) == datetime(2026, 12, 2, 6, tzinfo=WIB)
    assert latest_slot(weekly, wed_0559) == datetime(2026, 11, 30, 6, tzinfo=WIB)  # Monday
    assert latest_slot(weekly, datetime(2026, 11, 30, 5, tzinfo=WIB)) == datetime(2026, 11, 23, 6, tzinfo=WIB)
    assert latest_slot(ReportPolicy(), wed_0559) is None
    slot = datetime(2026, 12, 2, 6, tzinfo=WIB)
    assert period(daily, slot) == (slot.timestamp() - 86400, slot.timestamp())
    assert period(weekly, slot)[0] == slot.timestamp() - 7 * 86400
    assert report_name(daily, slot) == "availability-daily-2026-12-02.pdf"
    assert policy_from_settings("weekly", 23) == (ReportPolicy(Frequency.WEEKLY, 23), [])
    policy, problems = policy_from_settings("hourly", 24)
    assert policy == ReportPolicy() and len(problems) == 2


def test_due_once_per_slot_not_while_starting_and_retried_after_a_failure() -> None:
    daily = ReportPolicy(Frequency.DAILY, 6)
    start = datetime(2026, 12, 2, 7, 0, tzinfo=WIB)
    assert report_due(daily, start, False, started=start).slot is None  # the console is still starting
    later = start + timedelta(minutes=3)
    assert report_due(daily, later, False, started=start).slot == datetime(2026, 12, 2, 6, tzinfo=WIB)
    done = report_due(daily, later, True, started=start)
    assert done.slot is None and done.next_check == datetime(2026, 12, 3, 6, tzinfo=WIB)
    failed = report_due(daily, later + timedelta(minutes=1), False, started=start, last_failure=later)
    assert failed.slot is None and failed.next_check == later + RETRY_AFTER
    assert report_due(daily, later + RETRY_AFTER, False, started=start, last_failure=later).slot is not None


def test_the_settings_catalogue_checks_the_schedule_values() -> None:
    assert BY_KEY["report_schedule"].parse("weekly") == "weekly"
    with pytest.raises(ValueError, match="not one of"):
        BY_KEY["report_schedule"].parse("hourly")
    with pytest.raises(ValueError, match="outside"):
        BY_KEY["report_hour"].parse(24)
    assert BY_KEY["report_language"].parse("") == "" and BY_KEY["report_schedule"].default == "off"


# --- the scheduler on a real database ------------------------------------------------------------------

class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


HEADER = "id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,latitude,longitude,rtsp_utama,rtsp_sub"


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    """A small register imported, 3 days of history (two cameras dark for 2 days), Indonesian + WIB saved."""
    rows = [f"SMG-{n:03d},Simpang {n},RT,{'Tugu' if n % 2 else 'Genuk'},Mangkang,01,02,-6.9{n:02d},110.3{n:02d},"
            f"rtsp://10.0.0.{n}/main,rtsp://10.0.0.{n}/sub" for n in range(1, 11)]  # fmt: skip
    src = tmp_path / "register.csv"
    src.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    now = time.time()
    with DatabaseWriter(tmp_path / "data" / "videowall.db") as w:
        def setup(db: object) -> None:
            import_register(src, db, CredentialStore(db, KeyFile(tmp_path / "key")), user=SYSTEM_USER)  # type: ignore[arg-type]
            history = HealthHistoryRepository(db)  # type: ignore[arg-type]
            history.apply([HealthRecord(f"SMG-{n:03d}", HealthState.LIVE, "", now - 3 * 86400) for n in range(1, 11)])
            history.apply([HealthRecord("SMG-003", HealthState.UNREACHABLE, "refused", now - 2 * 86400),
                           HealthRecord("SMG-004", HealthState.NOT_FOUND, "404", now - 2 * 86400)])
            for key, value in (("ui_language", "id"), ("city_timezone", "Asia/Jakarta"),
                               ("report_schedule", "daily")):
                change_setting(db, SYSTEM_USER, key, value)  # type: ignore[arg-type]

        w.submit(setup, transaction=False).result()
        yield w


def _set(writer: DatabaseWriter, key: str, value: object) -> None:
    writer.submit(lambda db: change_setting(db, SYSTEM_USER, key, value)).result()


def _schedule(writer: DatabaseWriter, clock: FakeClock, outcomes: list[ReportOutcome], **kw: object) -> ReportSchedule:
    return ReportSchedule.for_writer(writer, clock=clock, start_delay=timedelta(0), on_outcome=outcomes.append,
                                     **kw)  # type: ignore[arg-type]


def _audit(writer: DatabaseWriter, action: str) -> list[audit.AuditEntry]:
    return writer.submit(lambda db: audit.entries(db, action=action), transaction=False).result()


def _newest(writer: DatabaseWriter, action: str) -> audit.AuditEntry:
    return max(_audit(writer, action), key=lambda r: r.id)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def _hour_ago_wib() -> tuple[int, datetime]:
    """An hour setting whose slot today passed an hour or two ago (real time: the report clips to now)."""
    real = datetime.now(WIB)
    return (real.hour - 1) % 24, real.astimezone(UTC)


@needs_pdftotext
def test_daily_reports_are_written_into_the_folder_in_the_saved_language(writer: DatabaseWriter,
                                                                         tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    hour, now = _hour_ago_wib()
    _set(writer, "report_dir", str(folder))
    _set(writer, "report_hour", hour)
    clock = FakeClock(now - timedelta(days=1))  # the console ran yesterday
    outcomes: list[ReportOutcome] = []
    schedule = _schedule(writer, clock, outcomes)
    first = schedule.run_due()
    assert first is not None and first.kind is Problem.WRITTEN, first
    yesterday_slot = latest_slot(ReportPolicy(Frequency.DAILY, hour), clock.now.astimezone(WIB))
    assert yesterday_slot is not None and first.path == folder / report_name(ReportPolicy(Frequency.DAILY, hour),
                                                                             yesterday_slot)
    assert schedule.run_due() is None  # written: not again for the same slot
    assert schedule.next_check == yesterday_slot + timedelta(days=1)
    clock.now = now  # a day later
    second = schedule.run_due()
    assert second is not None and second.kind is Problem.WRITTEN and second.path != first.path
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([first.path.name, first.path.name.replace(".pdf", "-dark.csv"),
                            second.path.name, second.path.name.replace(".pdf", "-dark.csv")])  # nothing else
    text = _pdf_text(second.path)
    assert "Laporan ketersediaan kamera" in text and "WIB" in text
    assert "UTC" not in text
    dark = second.path.with_name(second.path.name.replace(".pdf", "-dark.csv")).read_text(encoding="utf-8")
    assert "SMG-003" in dark and "SMG-004" in dark and "+07:00" in dark
    rows = sorted(_audit(writer, audit.Action.REPORT), key=lambda r: r.id)
    assert [r.target for r in rows] == [str(first.path.resolve()), str(second.path.resolve())]
    assert "scheduled daily, id, Asia/Jakarta" in rows[-1].detail and rows[-1].actor == SYSTEM_USER.name
    assert outcomes == [first, second]
    _set(writer, "report_language", "en")  # the report's own language beats the console's
    _set(writer, "report_schedule", "weekly")
    third = schedule.run_due()
    assert third is not None and third.kind is Problem.WRITTEN and "weekly" in third.path.name
    assert "Camera availability report" in _pdf_text(third.path)


@needs_pdftotext
def test_a_missing_folder_says_so_keeps_nothing_and_the_report_comes_once_it_exists(writer: DatabaseWriter,
                                                                                    tmp_path: Path) -> None:
    folder = tmp_path / "share" / "laporan"  # a network share not mounted
    hour, now = _hour_ago_wib()
    _set(writer, "report_dir", str(folder))
    _set(writer, "report_hour", hour)
    clock = FakeClock(now)
    outcomes: list[ReportOutcome] = []
    schedule = _schedule(writer, clock, outcomes)
    failed = schedule.run_due()
    assert failed is not None and failed.kind is Problem.FOLDER_MISSING and failed.path == folder
    assert not folder.exists() and not folder.parent.exists()  # a chosen folder is never made up
    from videowall.ui.report_status import outcome_text

    assert outcome_text(failed).startswith(f"Scheduled report not written: the folder {folder} does not exist")
    row = _newest(writer, audit.Action.REPORT_FAILED)
    assert row.target == str(folder) and "folder_missing" in row.detail
    clock.now = now + RETRY_AFTER / 2
    assert schedule.run_due() is None  # not hammering the share
    folder.mkdir(parents=True)
    clock.now = now + RETRY_AFTER
    done = schedule.run_due()
    assert done is not None and done.kind is Problem.WRITTEN
    slot = latest_slot(ReportPolicy(Frequency.DAILY, hour), now.astimezone(WIB))
    assert slot is not None and done.path.name == report_name(ReportPolicy(Frequency.DAILY, hour), slot)
    assert "Laporan ketersediaan kamera" in _pdf_text(done.path)
    assert [o.kind for o in outcomes] == [Problem.FOLDER_MISSING, Problem.WRITTEN]


def test_a_folder_that_may_not_be_written_says_so(writer: DatabaseWriter) -> None:
    target = Path("/sys/kernel")  # exists; nobody may create files there, root included
    try:
        shutil.rmtree(tempfile.mkdtemp(dir=target))
        pytest.skip("this machine lets us write into /sys/kernel")
    except OSError:
        pass
    hour, now = _hour_ago_wib()
    _set(writer, "report_dir", str(target))
    _set(writer, "report_hour", hour)
    outcome = _schedule(writer, FakeClock(now), []).run_due()
    assert outcome is not None and outcome.kind is Problem.NOT_WRITABLE
    from videowall.ui.report_status import outcome_text

    assert "may not be written to" in outcome_text(outcome)
    assert "not_writable" in _newest(writer, audit.Action.REPORT_FAILED).detail


def test_a_full_disk_leaves_no_half_report(writer: DatabaseWriter, tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "availability-daily-2026-01-01.pdf").write_bytes(b"%PDF an older report")

    def render_until_full(*args: object, **kwargs: object) -> object:
        out = args[2]
        assert isinstance(out, Path) and out.parent.parent == folder  # drawn in a hidden folder inside it
        out.write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out))

    hour, now = _hour_ago_wib()
    _set(writer, "report_dir", str(folder))
    _set(writer, "report_hour", hour)
    outcome = _schedule(writer, FakeClock(now), [], render=render_until_full).run_due()
    assert outcome is not None and outcome.kind is Problem.DISK_FULL
    assert sorted(p.name for p in folder.iterdir()) == ["availability-daily-2026-01-01.pdf"]  # nothing lost, no part
    from videowall.ui.report_status import outcome_text

    assert "is full" in outcome_text(outcome)
    assert "disk_full" in _newest(writer, audit.Action.REPORT_FAILED).detail


def test_off_writes_nothing_and_the_default_folder_is_beside_the_database(writer: DatabaseWriter) -> None:
    _set(writer, "report_schedule", "off")
    hour, now = _hour_ago_wib()
    schedule = _schedule(writer, FakeClock(now), [], render=availability_report)
    assert schedule.run_due() is None and schedule.next_check is None
    plan = schedule.plan()
    assert plan.folder == writer.path.parent / "reports" and plan.default_folder and plan.lang == "id"
    assert hour >= 0


def test_the_outcome_shows_in_the_console_status_bar(writer: DatabaseWriter, tmp_path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    widgets = pytest.importorskip("PySide6.QtWidgets")
    from videowall.ui.report_status import show_outcome

    _app = widgets.QApplication.instance() or widgets.QApplication([])
    window = widgets.QMainWindow()
    bar = window.statusBar()
    hour, now = _hour_ago_wib()
    _set(writer, "report_dir", str(tmp_path / "nowhere"))
    _set(writer, "report_hour", hour)
    schedule = ReportSchedule.for_writer(writer, clock=FakeClock(now), start_delay=timedelta(0),
                                         on_outcome=lambda o: show_outcome(bar, o))  # as the console, minus the loop
    outcome = schedule.run_due()
    assert outcome is not None and outcome.kind is Problem.FOLDER_MISSING
    assert bar.currentMessage().startswith(f"Scheduled report not written: the folder {tmp_path / 'nowhere'}")
    assert _newest(writer, audit.Action.REPORT_FAILED).detail.endswith("folder_missing: No such file or directory")
    window.close()
    assert _app is not None

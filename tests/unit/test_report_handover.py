"""Issue 23 item 5: reports fit to hand over, driven as a supervisor does: the command line, then the files.

The shared city register (with its defects) is imported with ``videowall import``, the language and zone
are set with ``videowall settings set``, health history is stored as a sweep stores it, and
``videowall report`` / ``videowall maintenance`` run as subprocesses signed in as a supervisor. The
checks read what an official is handed: the PDF's text (pdftotext), the trend chart's pixels and its axis
caption (tesseract), the CSV beside the PDF, and the audit rows in the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.accounts import BIN, add_account
from tests.ocr import read_text
from tests.unit.english_check import english_in, english_vocabulary
from videowall.domain.health import HealthRecord, HealthState
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.health_history import HealthHistoryRepository

REGISTER = Path("/work/shared/data/city_cameras.csv")
pytestmark = [
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (make setup)"),
    pytest.mark.skipif(not REGISTER.exists(), reason="the shared city register is not on this machine"),
]
ADMIN = {"VIDEOWALL_USER": "admin", "VIDEOWALL_PASSWORD": "admin-pass-1234"}
SUPERVISOR = {"VIDEOWALL_USER": "kasi", "VIDEOWALL_PASSWORD": "kasi-pass-1234"}
# (state, reason) every 50th camera gets; the rest are live
FAULTS = [(HealthState.AUTH_FAILURE, "no_credentials"), (HealthState.UNSUPPORTED, "unsupported_codec_JPEG"),
          (HealthState.UNREACHABLE, "refused")]  # fmt: skip


def _env(tmp: Path, who: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "VIDEOWALL_HOME": str(tmp / "home"), "PYTHONPATH": os.environ.get("PYTHONPATH", ""), **who}


def videowall(tmp: Path, who: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=_env(tmp, who), capture_output=True, text=True,
                          timeout=180, stdin=subprocess.DEVNULL, check=False)  # fmt: skip


def pdf_text(path: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The shared register imported by the administrator, Indonesian and WIB saved, a supervisor account."""
    tmp = tmp_path_factory.mktemp("handover")
    db = tmp / "videowall.db"
    add_account(db, _env(tmp, ADMIN), "kasi", "supervisor", SUPERVISOR["VIDEOWALL_PASSWORD"])
    done = videowall(tmp, ADMIN, "import", str(REGISTER), "--valid-only", "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    for key, value in (("ui_language", "id"), ("city_timezone", "Asia/Jakarta")):
        done = videowall(tmp, ADMIN, "settings", "set", key, value, "--db", str(db))
        assert done.returncode == 0, done.stdout + done.stderr
    yield tmp, db


def _store_history(db_path: Path, first: float, dark_since: dict[int, float] | None = None) -> list[str]:
    """Verdicts as a sweep stores them: every camera live at ``first``; every 50th faulty (since ``first``
    or its ``dark_since`` slot). Returns the faulty cameras' ids."""
    db = open_database(db_path, migrate=False)
    db.execute("DELETE FROM health_events")
    db.execute("DELETE FROM health_current")
    cams = CameraRepository(db).all()
    history = HealthHistoryRepository(db)
    history.apply([HealthRecord(c.id, HealthState.LIVE, "", first) for c in cams])
    faulty, records = [], []
    for n, c in enumerate(cams):
        if n % 50 < len(FAULTS):
            state, reason = FAULTS[n % 50]
            records.append(HealthRecord(c.id, state, reason, (dark_since or {}).get(n % 50, first)))
            faulty.append(c.id)
    history.apply(records)
    db.close()
    return faulty


def _shaded_share(png: Path) -> float:
    """Of the plot area's width on its middle row, the share painted with the chart's 'no history' shade."""
    img = Image.open(png).convert("RGB")
    w, h = img.size
    y = h // 2
    row = [img.getpixel((x, y)) for x in range(w)]
    frame = [x for x, p in enumerate(row) if isinstance(p, tuple) and max(p) < 60]  # the black axes spines
    left, right = frame[0], frame[-1]
    inside = row[left + 2 : right - 1]
    shade = [p for p in inside if isinstance(p, tuple) and abs(p[0] - 230) <= 6 and abs(p[2] - 236) <= 6]
    return len(shade) / len(inside)


def test_report_in_the_saved_language_and_zone_says_how_little_history_it_has(city: tuple[Path, Path]) -> None:
    tmp, db = city
    faulty = _store_history(db, time.time() - 60)  # the sweep began a minute ago: a 7-day report from 1 min
    out = tmp / "laporan.pdf"
    done = videowall(tmp, SUPERVISOR, "report", "--db", str(db), "--out", str(out))  # no --lang, no --tz
    assert done.returncode == 0, done.stdout + done.stderr
    text = pdf_text(out)
    flat = squeezed(pdf_text(out, layout=False))  # reading order: a wrapped table cell stays together
    for expected in ("Laporan ketersediaan kamera - seluruh kota", "Cakupan data",
                     "Riwayat hanya mencakup 1 menit dari 7 hari yang diminta",
                     "Gagal masuk: nama pengguna dan kata sandi belum disimpan",
                     "Tidak didukung: format video JPEG tidak didukung", "Tidak terjangkau: koneksi ditolak",
                     "Lampiran: semua kamera yang mati saat ini", "halaman 1 dari"):
        assert squeezed(expected) in flat, expected
    # counts with the Indonesian thousands separator, times in WIB, durations spelt out
    assert "4.605 terdaftar" in text and f"{len(faulty)} kamera; terlama 1 menit" in text
    wib = dt.datetime.now(ZoneInfo("Asia/Jakarta"))
    assert f"{wib.day} Desember {wib.year}" in text or wib.month != 12
    assert text.count("WIB") >= 3 and "UTC" not in text
    for raw in ("auth_failure", "no_credentials", "unsupported_codec", "unreachable", "refused", " m\n", "1 m "):
        assert raw not in text, raw
    # no English word anywhere in the report (camera names and ids are the register's own)
    cams = list(csv.DictReader(io.StringIO((tmp / "laporan-dark.csv").read_text(encoding="utf-8"))))
    names = [r[k] for r in cams for k in r if k in ("id_titik", "nama_titik", "kecamatan", "kelurahan") and r[k]]
    vocabulary = english_vocabulary()
    english = [line for line in text.splitlines() if english_in(line, vocabulary, names)]
    assert not english, "English in the Indonesian report:\n" + "\n".join(english)
    # nothing broken across lines: every phrase's words and every dark camera's id stand whole
    tokens = set(pdf_text(out, layout=False).split())
    for word in ("disimpan", "didukung", "ditolak", "pengguna", *faulty):
        assert word in tokens, word
    # the whole dark list: in the appendix and in the CSV beside the PDF, local times with their offset
    rows = list(csv.DictReader(io.StringIO((tmp / "laporan-dark.csv").read_text(encoding="utf-8"))))
    assert sorted(r["id_titik"] for r in rows) == sorted(faulty)
    assert all(r["dark_since"].endswith("+07:00") and r["dark_for"] == "1 menit" for r in rows)
    assert {r["keterangan"] for r in rows} == {"Gagal masuk: nama pengguna dan kata sandi belum disimpan",
                                               "Tidak didukung: format video JPEG tidak didukung",
                                               "Tidak terjangkau: koneksi ditolak"}  # fmt: skip
    # the trend chart spans the whole week asked, shaded where there is no history (all but the last minute)
    trend = tmp / "laporan-trend.png"
    assert _shaded_share(trend) > 0.97
    caption = read_text(trend, (0, 410, 1200, 40), tmp)
    start = wib - dt.timedelta(days=7)
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert f"{start.day} {months[start.month - 1]}" in caption and "samp" in caption, caption  # OCR: i or l
    assert f"{wib.day} {months[wib.month - 1]}" in caption and "WIB" in caption, caption


def test_report_in_english_and_another_zone_for_an_exact_period_with_unambiguous_durations(
        city: tuple[Path, Path]) -> None:  # fmt: skip
    tmp, db = city
    now = time.time()
    wita = ZoneInfo("Asia/Makassar")
    today = dt.datetime.now(wita).date()
    start = today - dt.timedelta(days=7)
    faulty = _store_history(db, now - 10 * 86400, {0: now - (3 * 3600 + 20 * 60), 1: now - 26 * 3600, 2: now - 60})
    out = tmp / "report.pdf"
    done = videowall(tmp, SUPERVISOR, "report", "--db", str(db), "--out", str(out), "--lang", "en",
                     "--tz", "Asia/Makassar", "--from", start.isoformat(), "--to", today.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    text = pdf_text(out)
    flat = squeezed(pdf_text(out, layout=False))  # reading order: a wrapped table cell stays together
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]  # fmt: skip
    period = f"{start.day} {months[start.month - 1]} {start.year} 00:00:00 WITA to " \
             f"{today.day} {months[today.month - 1]} {today.year} 00:00:00 WITA"
    assert squeezed(period) in flat, text[:600]
    assert squeezed("History covers the whole 7 days asked") in flat
    for expected in ("Login failed: no user name and password stored", "Not supported: video format JPEG not "
                     "supported", "3 h 20 min", "1 day 2 h", "1 min", "4,605 in the register", "page 1 of"):
        assert squeezed(expected) in flat, expected
    assert "WIB" not in text and "UTC" not in text and text.count("WITA") >= 3
    assert len(list(csv.DictReader(io.StringIO((tmp / "report-dark.csv").read_text())))) == len(faulty)
    trend = tmp / "report-trend.png"
    assert _shaded_share(trend) < 0.01  # history covers it all: nothing shaded
    caption = read_text(trend, (0, 410, 1200, 40), tmp)
    short = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert f"{start.day} {short[start.month - 1]} 00:00" in caption, caption
    assert f"{today.day} {short[today.month - 1]} 00:00" in caption and "WITA" in caption, caption


def test_maintenance_list_for_a_scheduled_job_in_city_time(city: tuple[Path, Path]) -> None:
    tmp, db = city
    now = time.time()
    _store_history(db, now - 10 * 86400, {0: now - 5 * 3600, 1: now - 26 * 3600, 2: now - 60})
    out = tmp / "jobs" / "perbaikan.csv"
    done = videowall(tmp, SUPERVISOR, "maintenance", "--db", str(db), "--hours", "4", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {r["reason"] for r in rows} == {"no_credentials", "unsupported_codec_JPEG"}  # >= 4 h only
    five = next(r for r in rows if r["reason"] == "no_credentials")
    since = dt.datetime.fromisoformat(five["dark_since"])
    assert since.utcoffset() == dt.timedelta(hours=7) and abs(since.timestamp() - (now - 5 * 3600)) < 2
    assert five["keterangan"] == "Gagal masuk: nama pengguna dan kata sandi belum disimpan"
    assert five["dark_for"] == "5 jam"
    audit = open_database(db, migrate=False)
    logged = audit.execute("SELECT actor, target, detail FROM audit_log WHERE action = 'maintenance_list'").fetchall()
    audit.close()
    assert logged and logged[-1][0] == "kasi" and logged[-1][1] == str(out.resolve()), logged
    assert logged[-1][2].startswith(f"{len(rows)} cameras dark >= 4 h")
    # a presenter may not see which cameras are dark: one line, exit 3, no file
    presenter = {"VIDEOWALL_USER": "layar", "VIDEOWALL_PASSWORD": "layar-pass-1234"}
    add_account(db, _env(tmp, ADMIN), "layar", "presenter", presenter["VIDEOWALL_PASSWORD"])
    refused = videowall(tmp, presenter, "maintenance", "--db", str(db), "--out", str(tmp / "no.csv"))
    assert refused.returncode == 3 and not (tmp / "no.csv").exists(), refused.stderr

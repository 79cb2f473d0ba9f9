"""Language and local time for code that has no Qt: reports, PDFs, CLI output.

Qt widgets translate with ``self.tr()`` and the .qm files in resources/translations; the PDF and CSV
reports run without Qt, so their few strings live in the small table below (both languages side by
side, so a missing translation shows up in review). Times are shown in the city's zone (WIB by default).
"""

from __future__ import annotations

import datetime as dt
import locale
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("id", "en")
DEFAULT_TIMEZONE = "Asia/Jakarta"
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Report strings (evidence/availability PDFs): key -> (English, Bahasa Indonesia).
REPORT_TEXT: dict[str, tuple[str, str]] = {
    "availability_report": ("Camera availability report", "Laporan ketersediaan kamera"),
    "period": ("Period", "Periode"),
    "generated": ("Generated", "Dibuat"),
    "area": ("Area", "Wilayah"),
    "whole_city": ("Whole city", "Seluruh kota"),
    "availability": ("Availability", "Ketersediaan"),
    "cameras": ("Cameras", "Kamera"),
    "online": ("Online", "Online"),
    "offline": ("Offline", "Offline"),
    "dark_cameras": ("Cameras offline now", "Kamera yang sedang offline"),
    "dark_since": ("Offline since", "Offline sejak"),
    "reason": ("Reason", "Penyebab"),
    "evidence_package": ("Evidence package", "Paket barang bukti"),
    "case": ("Case", "Kasus"),
    "operator": ("Operator", "Operator"),
    "camera": ("Camera", "Kamera"),
    "time": ("Time", "Waktu"),
    "note": ("Note", "Catatan"),
    "page": ("Page", "Halaman"),
}


def normalise(lang: str | None) -> str:
    """'id_ID.UTF-8', 'in', 'id' -> 'id'; anything not Indonesian -> 'en'."""
    code = (lang or "").replace("-", "_").split("_")[0].split(".")[0].lower()
    return "id" if code in ("id", "in") else "en"


def system_language() -> str:
    """The language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalise(value.split(":")[0])
    return normalise(locale.getlocale()[0])


def report_text(key: str, lang: str) -> str:
    en, ind = REPORT_TEXT[key]
    return ind if normalise(lang) == "id" else en


def zone(name: str = DEFAULT_TIMEZONE) -> dt.tzinfo:
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def zone_label(name: str, at: dt.datetime) -> str:
    """'WIB' for Asia/Jakarta (what officials say); else the zone's own abbreviation."""
    return ZONE_NAMES.get(name) or at.tzname() or name


def format_time(ts: float, tz_name: str = DEFAULT_TIMEZONE, *, seconds: bool = True) -> str:
    """'14:05:09 WIB': 24-hour, the same in both languages."""
    at = dt.datetime.fromtimestamp(ts, zone(tz_name))
    return f"{at:%H:%M:%S}" if seconds else f"{at:%H:%M}"


def format_date(ts: float, lang: str, tz_name: str = DEFAULT_TIMEZONE, *, weekday: bool = True) -> str:
    """'Selasa, 24 November 2026' / 'Tuesday, 24 November 2026'."""
    at = dt.datetime.fromtimestamp(ts, zone(tz_name))
    ind = normalise(lang) == "id"
    months, days = (_MONTHS_ID, _DAYS_ID) if ind else (_MONTHS_EN, _DAYS_EN)
    text = f"{at.day} {months[at.month - 1]} {at.year}"
    return f"{days[at.weekday()]}, {text}" if weekday else text


def format_datetime(ts: float, lang: str, tz_name: str = DEFAULT_TIMEZONE) -> str:
    at = dt.datetime.fromtimestamp(ts, zone(tz_name))
    return f"{format_date(ts, lang, tz_name, weekday=False)} {format_time(ts, tz_name)} {zone_label(tz_name, at)}"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """Indonesian groups with '.' and decimals with ',' (12.345,6); English the other way round."""
    text = f"{value:,.{decimals}f}"
    if normalise(lang) == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_percent(ratio: float | None, lang: str, decimals: int = 1) -> str:
    return "-" if ratio is None else f"{format_number(ratio * 100, lang, decimals)} %"


# The availability report (evidence/availability_report.py): English text -> Bahasa Indonesia.
# Keyed by the English text so the English report reads exactly as before; "{}" fields are filled after.
REPORT_ID: dict[str, str] = {
    "whole city": "seluruh kota",
    "Camera availability report - {}": "Laporan ketersediaan kamera - {}",
    "Period": "Periode",
    "{} to {}": "{} sampai {}",
    "Area": "Wilayah",
    "Availability": "Ketersediaan",
    "{} of camera-time (live over live + dark; disabled and never-checked cameras are left out)":
        "{} dari waktu-kamera (online dibanding online + mati; kamera nonaktif dan yang belum pernah "
        "diperiksa tidak dihitung)",
    "Cameras": "Kamera",
    "{} in the register: {} live, {} dark, {} disabled or not checked":
        "{} terdaftar: {} online, {} mati, {} nonaktif atau belum diperiksa",
    "Dark now": "Mati saat ini",
    "Online now": "Online saat ini",
    "{} of the cameras with a verdict, at {}": "{} dari kamera yang sudah diperiksa, pada {}",
    "{} cameras; longest {}": "{} kamera; terlama {}",
    "none": "tidak ada",
    "Generated": "Dibuat",
    "Trend": "Tren",
    "Worst areas": "Wilayah terburuk",
    "Camera-hours dark": "Jam-kamera mati",
    "Cameras dark now, longest first": "Kamera yang mati saat ini, terlama di atas",
    "Camera": "Kamera",
    "Name": "Nama",
    "What is wrong": "Masalah",
    "Dark for": "Mati selama",
    "... and {} more: all of them are in the appendix.": "... dan {} lainnya: semuanya ada di lampiran.",
    "Appendix: every camera dark now": "Lampiran: semua kamera yang mati saat ini",
    "... and {} more in {}.": "... dan {} lainnya di {}.",
    "Data coverage": "Cakupan data",
    "Full dark list": "Daftar lengkap kamera mati",
    "appendix of this report and {} beside it": "lampiran laporan ini dan berkas {} di sampingnya",
    "No health history in the {} asked: the figures are not known. Run a sweep first.":
        "Tidak ada riwayat kesehatan dalam {} yang diminta: angkanya belum diketahui. Jalankan pemeriksaan dulu.",
    "first verdict {}, last check {}": "hasil pertama {}, pemeriksaan terakhir {}",
    "History covers the whole {} asked ({}).": "Riwayat mencakup seluruh {} yang diminta ({}).",
    "History covers {} of the {} asked ({}); the figures are for that time only.":
        "Riwayat hanya mencakup {} dari {} yang diminta ({}); angka-angka ini hanya berlaku untuk waktu itu.",
    "page {n} of {total}": "halaman {n} dari {total}",
    "no history": "tanpa riwayat",
    "period average {}": "rata-rata periode {}",
    "availability %": "ketersediaan %",
    "{} to {} ({})": "{} sampai {} ({})",
    "No camera is dark.": "Tidak ada kamera yang mati.",
    "Availability = live time / (live + dark time).": "Ketersediaan = waktu online / (waktu online + mati).",
    "Availability over the period": "Ketersediaan selama periode",
}


def report_tr(text: str, lang: str) -> str:
    """``text`` (the English report wording) in ``lang``; English, or an unknown text, comes back as is."""
    return REPORT_ID.get(text, text) if normalise(lang) == "id" else text

"""The recorder columns of the register (issue 22 item 1) through the command line, as an administrator
runs it: `videowall import` reads perekam_* (an account in the address goes to the credential store,
a bad kind rejects the row with a message), `videowall export` writes them back without the account,
and the exported file re-imports into the same database keeping the stored account."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from tests.accounts import ensure_admin
from videowall.domain.register_recorder import RECORDER_COLUMNS
from videowall.storage.database import open_read_only

BIN = Path(sys.executable).parent
HEADER = ("id_titik", "nama_titik", "rtsp_utama", *RECORDER_COLUMNS)
NVR_PASSWORD, HIK_PASSWORD = "Rahasia-NVR-77", "Hik-Pass-99"
HIK = "rtsp://admin:{pw}@10.0.0.6:554/Streaming/tracks/101?starttime={{start}}&endtime={{end}}"
ROWS = (
    ("CAM-A", "Simpang Lima", "rtsp://10.0.1.1/main", "onvif", f"nvr:{NVR_PASSWORD}@10.0.0.5:8080", "", "Asia/Jakarta",
     "90"),
    ("CAM-B", "Tugu Muda", "rtsp://10.0.1.2/main", "hikvision", HIK.format(pw=HIK_PASSWORD), "", "UTC", ""),
    ("CAM-C", "Pasar Johar", "rtsp://10.0.1.3/main", "tidak", "", "", "", ""),
)


def _videowall(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)


def _write(path: Path, rows: tuple[tuple[str, ...], ...]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        out.writerows(rows)
    return path


def _sources(db: Path) -> dict[str, tuple[object, ...]]:
    conn = open_read_only(db)
    try:
        return {str(r[0]): tuple(r[1:]) for r in conn.execute(
            "SELECT camera_id, kind, address, recording_token, timezone, clock_offset_s, credential_ref "
            "FROM recorder_sources").fetchall()}
    finally:
        conn.close()


def test_recorder_columns_import_export_and_reimport(tmp_path: Path) -> None:
    env = {**os.environ, "VIDEOWALL_HOME": str(tmp_path / "home"), "VIDEOWALL_USER": "admin-1",
           "VIDEOWALL_PASSWORD": "admin-password-1", "VIDEOWALL_KEYRING": "off"}
    db = tmp_path / "wall.db"
    ensure_admin(db, env)
    bad = _videowall(env, "import", str(_write(tmp_path / "bad.csv", (
        (*ROWS[0][:3], "sony", "10.0.0.9:80", "", "", ""),))), "--db", str(db))
    assert bad.returncode != 0 and "recorder kind 'sony' is not onvif, hikvision, dahua or tidak" in bad.stdout, bad
    done = _videowall(env, "import", str(_write(tmp_path / "register.csv", ROWS)), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    sources = _sources(db)
    assert sources["CAM-A"] == ("onvif", "10.0.0.5:8080", "", "Asia/Jakarta", 90.0, "recorder:CAM-A")
    assert sources["CAM-B"][:2] == ("hikvision",
                                    "rtsp://10.0.0.6:554/Streaming/tracks/101?starttime={start}&endtime={end}")
    assert sources["CAM-B"][5] == "recorder:CAM-B" and "CAM-C" not in sources
    out = tmp_path / "export.csv"
    exported = _videowall(env, "export", str(out), "--db", str(db))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    rows = {r["id_titik"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert [rows["CAM-A"][c] for c in RECORDER_COLUMNS] == ["onvif", "10.0.0.5:8080", "", "Asia/Jakarta", "90.0"]
    assert rows["CAM-C"]["perekam_jenis"] == "tidak"
    text = out.read_text(encoding="utf-8")
    assert NVR_PASSWORD not in text and HIK_PASSWORD not in text
    again = _videowall(env, "import", str(out), "--db", str(db))  # the export, back into the same database
    assert again.returncode == 0, again.stdout + again.stderr
    assert _sources(db) == sources  # the accounts the file never had are kept
    for path in [db, *db.parent.glob(db.name + "-*")]:  # no connection is open: the CLI runs have ended
        data = path.read_bytes()
        assert NVR_PASSWORD.encode() not in data and HIK_PASSWORD.encode() not in data

"""Camera register import: the city's real register, file variants, file errors, credentials, CLI."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.camera import CameraKind, ServiceStatus
from videowall.domain.register import ProblemCode
from videowall.security.secrets import CredentialStore
from videowall.services import import_command
from videowall.services.access import create_user
from videowall.services.register_import import ImportFileError, ImportReport, import_register
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.writer import DatabaseWriter

ADMIN = User("admin1", Role.ADMIN)
HEADER_ID = "id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,latitude,longitude,rtsp_utama,rtsp_sub"
ROW = "CAM-{n},Titik {n},RT,Tugu,Mangkang,01,02,-6.9{n},110.3{n},rtsp://10.0.0.{n}/main,rtsp://10.0.0.{n}/sub"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    if not (data / "city_cameras.csv").exists():
        pytest.skip(f"shared register not found at {data}/city_cameras.csv")
    return data


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "data" / "videowall.db")
    yield database
    database.close()


@pytest.fixture
def store(db: Database, tmp_path: Path) -> CredentialStore:
    return CredentialStore(db, tmp_path / "config" / "credentials.key")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- the city's register --------------------------------------------------------------------------


def test_shared_register_strict_reports_every_defect_and_imports_nothing(
    shared_data: Path, db: Database, store: CredentialStore
) -> None:
    expect = json.loads((shared_data / "city_cameras.csv.expect.json").read_text())
    report = import_register(shared_data / "city_cameras.csv", db, store, user=ADMIN)
    assert report.rows_read == expect["rows"] == 4653
    assert report.imported == 0
    assert CameraRepository(db).count() == 0 and store.count() == 0
    expected = {int(line): code for line, code in expect["defective_lines"].items()}
    assert len(report.rejected) == len(expected) == 48
    unmatched = dict(expected)
    for problem in report.rejected:  # a dup_id pair: the row whose URL does not name its id (the first)
        assert unmatched.pop(problem.line, None) == problem.code.value, problem
        assert problem.message and problem.camera_id
    assert unmatched == {}


def test_shared_register_valid_only_imports_4605(
    shared_data: Path, db: Database, store: CredentialStore
) -> None:
    seen: list[tuple[int, int]] = []
    report = import_register(
        shared_data / "city_cameras.csv",
        db,
        store, user=ADMIN,
        valid_only=True,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (report.imported, len(report.rejected), report.credentials_stored) == (4605, 48, 20)
    assert report.duration > 0  # the time is measured and reported; speed is judged by `make bench`
    cameras = CameraRepository(db)
    assert cameras.count() == 4605
    assert seen[-1] == (4653, 4653) and seen == sorted(seen) and len(seen) > 5
    quoted = cameras.get("SMG-BAN-BAN-00006")
    assert quoted is not None and quoted.name == 'CCTV "Gang Mawar" RT 01, Kuningan \u2013 pojok'
    noted = [c for c in cameras.all() if c.notes]
    assert [c.notes for c in noted] == ["kamera dipindah warga; lapor 26/12"]
    first = cameras.get("SMG-BAN-BAN-00001")
    assert first is not None and first.kind is CameraKind.RT and first.area.rw == "02"
    assert cameras.get("SMG-BAN-BAN-00003").status is ServiceStatus.INACTIVE  # type: ignore[union-attr]
    kept = cameras.get("SMG-BAN-SRO-00209")  # of the pair, the row whose URL names it, not 00208's stream
    assert kept is not None and "/SMG-BAN-SRO-00209/" in kept.main_url


def test_shared_register_credentials_never_reach_the_database_file(
    shared_data: Path, db: Database, store: CredentialStore, tmp_path: Path
) -> None:
    secrets: dict[str, tuple[str, str]] = {}
    with (shared_data / "city_cameras.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for url in (row["rtsp_utama"], row["rtsp_sub"]):
                parts = urlsplit(url)
                if parts.password:
                    secrets[row["id_titik"]] = (unquote(parts.username or ""), unquote(parts.password))
                    raw_password = parts.password
    assert len(secrets) == 20
    report = import_register(shared_data / "city_cameras.csv", db, store, user=ADMIN, valid_only=True)
    assert report.credentials_stored == 20
    passwords = {p for _, p in secrets.values()} | {raw_password}
    db_file = tmp_path / "data" / "videowall.db"
    files = [db_file, db_file.with_name("videowall.db-wal")]
    blob = b"".join(f.read_bytes() for f in files if f.exists())
    for password in passwords:
        assert password.encode() not in blob, f"password {password[:2]}... found in database files"
        assert password not in report.to_json().__repr__()
    cameras = CameraRepository(db)
    for stored in cameras.all():
        assert "@" not in stored.main_url and "@" not in stored.sub_url
    for camera_id, (user, password) in secrets.items():
        camera = cameras.get(camera_id)
        assert camera is not None and camera.credential_ref
        creds = store.get(camera.credential_ref)
        assert (creds.username, creds.password) == (user, password)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for password in passwords:
        assert password.encode() not in db_file.read_bytes()


def test_reimport_without_passwords_keeps_stored_credentials(
    tmp_path: Path, db: Database, store: CredentialStore
) -> None:
    with_pw = write(
        tmp_path, "a.csv", f"{HEADER_ID}\n" + ROW.format(n=1).replace("//10", "//u:p%40ss@10") + "\n"
    )
    import_register(with_pw, db, store, user=ADMIN)
    ref = CameraRepository(db).get("CAM-1").credential_ref  # type: ignore[union-attr]
    import_register(write(tmp_path, "b.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n"), db, store, user=ADMIN)
    camera = CameraRepository(db).get("CAM-1")
    assert camera is not None and camera.credential_ref == ref
    assert store.get(ref).password == "p@ss"  # type: ignore[arg-type]


# --- file variants --------------------------------------------------------------------------------


def test_semicolon_decimal_comma_and_bom(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    text = (
        "\ufeffid_titik;nama_titik;latitude;longitude;rtsp_utama;onvif_port;ptz;status_layanan\n"
        "A;Pasar Johar;-6,93;110,42;rtsp://h/a;8080;ya;nonaktif\n"
        "B;Tugu Muda;-6,98;110,41;rtsp://h/b;;tidak;aktif\n"
    )
    report = import_register(write(tmp_path, "r.csv", text), db, store, user=ADMIN)
    assert report.details["delimiter"] == ";" and report.details["decimal"] == ","
    assert (report.imported, report.rejected) == (2, [])
    a = CameraRepository(db).get("A")
    assert a is not None and (a.latitude, a.longitude, a.onvif_port, a.ptz) == (-6.93, 110.42, 8080, True)
    assert a.status is ServiceStatus.INACTIVE


def test_tab_english_headers_unknown_column_and_tags(
    tmp_path: Path, db: Database, store: CredentialStore
) -> None:
    text = (
        "ID\tName\tType\tDistrict\tVillage\tLat\tLng\tMain_URL\tSub_URL\tStatus\tTags\tInstaller\n"
        "X1\tBridge\tpublic\tTugu\tMangkang\t-6.9\t110.3\trtsp://h/x\t\tactive\tflood|river\tPT Maju\n"
    )
    report = import_register(write(tmp_path, "r.tsv", text), db, store, user=ADMIN)
    assert report.details["delimiter"] == "\t" and report.imported == 1
    cam = CameraRepository(db).get("X1")
    assert cam is not None
    assert (cam.kind, cam.area.kecamatan, cam.area.kelurahan, cam.tags) == (
        CameraKind.PUBLIC, "Tugu", "Mangkang", ("flood", "river"),
    )  # fmt: skip
    assert cam.notes == "Installer: PT Maju"


def test_json_list_and_cameras_object(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    items = [
        {"id": "J1", "name": "Satu", "lat": -6.9, "lon": 110.4, "main_url": "rtsp://u:pw@h/1", "ptz": True,
         "tags": ["a", "b"], "onvif_port": 80, "warna": "biru"},
        {"id_titik": "J2", "nama_titik": "Dua", "rtsp_utama": "rtsp://h/2", "latitude": "-97"},
    ]  # fmt: skip
    report = import_register(write(tmp_path, "r.json", json.dumps(items)), db, store, user=ADMIN)
    assert report.format == "json" and report.rows_read == 2
    assert [(p.line, p.code) for p in report.rejected] == [(2, ProblemCode.BAD_LAT)]
    assert report.imported == 0
    report = import_register(
        write(tmp_path, "r2.txt", json.dumps({"cameras": items})), db, store, user=ADMIN, valid_only=True
    )
    assert report.imported == 1 and report.credentials_stored == 1
    cam = CameraRepository(db).get("J1")
    assert cam is not None and cam.tags == ("a", "b") and cam.ptz and cam.notes == "warna: biru"
    assert cam.main_url == "rtsp://h/1" and cam.credential_ref


def test_malformed_lines_and_quoting(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    text = (
        f"{HEADER_ID}\n{ROW.format(n=1)}\n"
        "CAM-2,too,few\n"
        f"{ROW.format(n=3)},,\n"  # trailing empty cells, as spreadsheets write them: accepted
        f"{ROW.format(n=4)},extra\n"
        "\n"
        f'CAM-5,"Nama ""kutip""\nbaris dua",RT,Tugu,Mangkang,01,02,-6.9,110.3,rtsp://h/5,\n'
        f"{ROW.format(n=6)}\n"
    )
    report = import_register(write(tmp_path, "r.csv", text), db, store, user=ADMIN, valid_only=True)
    assert [(p.line, p.code.value) for p in report.rejected] == [(3, "malformed"), (5, "malformed")]
    assert "3 fields" in report.rejected[0].message
    assert report.rows_read == 6 and report.imported == 4
    assert CameraRepository(db).get("CAM-5").name == 'Nama "kutip"\nbaris dua'  # type: ignore[union-attr]
    line_after = import_register(write(tmp_path, "s.csv", text.replace("CAM-6", "")), db, store, user=ADMIN)
    assert line_after.rejected[-1].line == 9 and line_after.rejected[-1].code is ProblemCode.MISSING_ID


def test_windows_1252_and_utf16_files(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    text = f"{HEADER_ID}\n" + ROW.format(n=1).replace("Titik 1", "Caf\u00e9 Sentosa") + "\n"
    assert (
        import_register(write(tmp_path, "a.csv", text, "cp1252"), db, store, user=ADMIN).details["encoding"]
        == "cp1252"
    )
    assert CameraRepository(db).get("CAM-1").name == "Caf\u00e9 Sentosa"  # type: ignore[union-attr]
    assert (
        import_register(write(tmp_path, "b.csv", text.replace(",", "\t"), "utf-16"), db, store,
                        user=ADMIN).imported == 1
    )

    for encoding in ("utf-16-le", "utf-16-be"):  # saved without a byte order mark: still text, not "binary"
        report = import_register(write(tmp_path, f"{encoding}.csv", text, encoding), db, store, user=ADMIN)
        assert (report.imported, report.details["encoding"]) == (1, encoding)
        assert CameraRepository(db).get("CAM-1").name == "Caf\u00e9 Sentosa"  # type: ignore[union-attr]


def test_ten_thousand_duplicates_are_one_report_line(tmp_path: Path, signed_in: str) -> None:
    rows = [ROW.format(n=1)] * 10_000 + [ROW.format(n=2)]
    flood = write(tmp_path, "flood.csv", f"{HEADER_ID}\n" + "\n".join(rows) + "\n")
    code, out, err = run_cli("import", str(flood), "--db", signed_in, "--key-file", str(tmp_path / "k.key"),
                             "--valid-only")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 3, out[:2000]
    assert lines[1].startswith("  lines 2.. (10,000 rows) [dup_id] CAM-1: 10,000 rows rejected")
    assert "lines 2, 3, 4, 5, 6 and 9,995 more" in lines[1]
    assert "imported 1, rejected 10000" in lines[2]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (f"{HEADER_ID}\n".encode(), "no camera rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04\x14\x00" + b"\x00" * 100, "Excel"),
        (b"Dear operator,\nplease find the cameras attached.\n", "no column for"),
        (b'[{"id": "A",', "not valid JSON"),
        (b'{"kamera": []}', "list of cameras"),
        (b"id,name,main_url,main_url\n", "both mean"),
    ],
)
def test_files_that_are_not_registers(
    tmp_path: Path, db: Database, store: CredentialStore, content: bytes, words: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=words) as info:
        import_register(path, db, store, user=ADMIN)
    assert info.value.path == path


def test_missing_file(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    with pytest.raises(ImportFileError, match="not found"):
        import_register(tmp_path / "nope.csv", db, store, user=ADMIN)


# --- command line ---------------------------------------------------------------------------------


def run_cli(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="videowall")
    import_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = import_command.run_import(args, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def signed_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with an administrator, and that administrator's sign-in for the command."""
    db = tmp_path / "v.db"
    with DatabaseWriter(db) as writer:
        create_user(writer, None, "admin1", Role.ADMIN, "admin-password-1")
        create_user(writer, User("admin1", Role.ADMIN), "pak-budi", Role.OPERATOR, "operator-password-1")
    monkeypatch.setenv("VIDEOWALL_USER", "admin1")
    monkeypatch.setenv("VIDEOWALL_PASSWORD", "admin-password-1")
    return str(db)


def test_cli_exit_codes_and_report(tmp_path: Path, shared_data: Path, signed_in: str) -> None:
    db, key, js = signed_in, str(tmp_path / "k.key"), tmp_path / "report.json"
    source = str(shared_data / "city_cameras.csv")
    code, out, err = run_cli("import", source, "--db", db, "--key-file", key, "--json-report", str(js))
    assert code == 2 and not err
    assert "4653 rows read" in out and "imported 0, rejected 48" in out
    assert "line 865 [empty_name] SMG-GEN-BAN-00864: camera name is empty" in out
    assert json.loads(js.read_text())["rejected"][0] == {
        "line": 112,
        "camera_id": "SMG-BAN-PAD-00111",
        "code": "bad_lat",
        "message": "latitude -97.5 is outside -90..90",
    }
    code, out, _ = run_cli("import", source, "--db", db, "--key-file", key, "--valid-only")
    assert code == 0 and "imported 4605, rejected 48, credentials stored 20" in out and "4605 new, 0 updated" in out
    good = write(tmp_path, "good.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n")
    code, out, _ = run_cli("import", str(good), "--db", db, "--key-file", key)
    assert code == 0 and "1 new, 0 updated" in out
    code, out, _ = run_cli("import", str(good), "--db", db, "--key-file", key, "--user", "admin1")
    assert code == 0 and "0 new, 1 updated" in out
    reader = open_database(Path(db), migrate=False)
    rows = [(r[0], r[1], r[2]) for r in reader.execute(
        "SELECT actor, target, detail FROM audit_log WHERE action = 'register_import' ORDER BY id")]
    reader.close()
    names = [(a, Path(t).name) for a, t, _d in rows]
    assert names == [("admin1", "city_cameras.csv")] * 2 + [("admin1", "good.csv")] * 2
    assert rows[0][2] == "rows read 4653, added 0, updated 0, rejected 48; nothing imported"
    assert rows[1][2] == "rows read 4653, added 4605, updated 0, rejected 48, valid rows only"
    assert rows[3][2] == "rows read 1, added 0, updated 1, rejected 0"


def test_cli_refuses_a_role_without_import_and_a_wrong_password(tmp_path: Path, signed_in: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    good = write(tmp_path, "good.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n")
    monkeypatch.setenv("VIDEOWALL_PASSWORD", "operator-password-1")
    code, out, err = run_cli("import", str(good), "--db", signed_in, "--user", "pak-budi")
    assert (code, out) == (3, "") and err == "videowall: refused: pak-budi (role operator) may not import register\n"
    monkeypatch.setenv("VIDEOWALL_PASSWORD", "not-the-password")
    code, out, err = run_cli("import", str(good), "--db", signed_in, "--user", "admin1")
    assert (code, out) == (1, "") and err == "videowall import: unknown user or wrong password\n"
    reader = open_database(Path(signed_in), migrate=False)
    assert reader.execute("SELECT count(*) FROM cameras").fetchone()[0] == 0
    reader.close()


def test_service_refuses_every_role_but_admin(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    good = write(tmp_path, "good.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n")
    for role in Role:
        if role is Role.ADMIN:
            assert import_register(good, db, store, user=User("a", role)).imported == 1
            continue
        with pytest.raises(AccessDenied):
            import_register(good, db, store, user=User("x", role))
    assert [r[0] for r in db.execute("SELECT actor FROM audit_log WHERE action = 'register_import'")] == ["a"]


def test_cli_file_errors_are_one_clear_line(tmp_path: Path, signed_in: str) -> None:
    db, key = signed_in, str(tmp_path / "k.key")
    code, out, err = run_cli("import", str(tmp_path / "missing.csv"), "--db", db, "--key-file", key)
    assert (code, out) == (1, "") and "missing.csv: file not found" in err and "Traceback" not in err
    bad_db = tmp_path / "bad.db"
    bad_db.write_bytes(b"this is not sqlite" * 20)
    good = write(tmp_path, "good.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n")
    code, _, err = run_cli("import", str(good), "--db", str(bad_db), "--key-file", key)
    assert code == 1 and "not an SQLite database" in err
    assert bad_db.read_bytes() == b"this is not sqlite" * 20
    code, _, err = run_cli("import", str(good), "--db", str(tmp_path / "none.db"), "--key-file", key)
    assert code == 1 and "create the first administrator with `videowall users add NAME --role admin`" in err
    assert not (tmp_path / "none.db").exists()


def test_report_json_is_serialisable(tmp_path: Path, db: Database, store: CredentialStore) -> None:
    report = import_register(write(tmp_path, "r.csv", f"{HEADER_ID}\n{ROW.format(n=1)}\n"), db, store, user=ADMIN)
    assert isinstance(report, ImportReport) and report.complete
    assert json.loads(json.dumps(report.to_json()))["imported"] == 1

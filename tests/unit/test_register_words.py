"""The register validator's reasons in Bahasa Indonesia (domain/register_words.py): no English left.

Every message form is produced the way an import produces it (a file with one bad row per form, and
the shared city register's 48 defects) and must come out with no word of the app's English.
"""

from __future__ import annotations

from pathlib import Path

from tests.unit.english_check import english_in, english_vocabulary
from videowall.domain.register import ProblemCode
from videowall.domain.register_report import report_lines
from videowall.domain.register_words import CODE_LABELS, codes_text, file_problem_text, reason_text
from videowall.services.register_import import read_register

ROWS = """id_titik,nama_titik,rtsp_utama,rtsp_kedua,lat,lon,onvif_port,ptz,status
CAM-1,Satu,rtsp://10.0.0.1/CAM-1,,-7.0,110.4,,,
CAM-2,,rtsp://10.0.0.2/a,,-7.0,110.4,,,
CAM-3,Tiga,,rtsp://10.0.0.3/sub,-7.0,110.4,,,
CAM-4,Empat,ftp://x/a,,-7.0,110.4,,,
CAM-5,Lima,rtsp://u:a@10.0.0.5/a,rtsp://u:b@10.0.0.5/b,-7.0,110.4,,,
CAM-6,Enam,rtsp://10.0.0.6/a,,95,110.4,,,
CAM-7,Tujuh,rtsp://10.0.0.7/a,,-7.0,,,,
CAM-8,Delapan,rtsp://10.0.0.8/a,,abc,110.4,,,
CAM-9,Sembilan,rtsp://10.0.0.9/a,,-7.0,110.4,99999,,
CAM-10,Sepuluh,rtsp://10.0.0.10/a,,-7.0,110.4,x,,
CAM-11,Sebelas,rtsp://10.0.0.11/a,,-7.0,110.4,,mungkin,
CAM-12,Dua belas,rtsp://10.0.0.12/a,,-7.0,110.4,,,rusak
CAM-13,Tiga belas,rtsp:///a,,-7.0,110.4,,,
CAM-14,Empat belas,rtsp://10.0.0.14/a b,,-7.0,110.4,,,
CAM-1,Salah ketik,rtsp://10.0.0.15/a,,-7.0,110.4,,,
CAM-16,Enam belas,rtsp://10.0.0.16/a,,-7.0,110.4,,,,,
,Tanpa id,rtsp://10.0.0.17/a,,-7.0,110.4,,,
DUP,A,rtsp://10.0.0.18/a,,-7.0,110.4,,,
DUP,B,rtsp://10.0.0.19/b,,-7.0,110.4,,,
"""


VALUES = ("yes/no/true/false", "active/inactive")  # the words a file may write, quoted as they are


def _check(messages: list[str]) -> None:
    vocabulary = english_vocabulary()
    left = [(m, reason_text(m, "id")) for m in messages if english_in(reason_text(m, "id"), vocabulary, VALUES)]
    assert not left, "untranslated reasons:\n" + "\n".join(f"{m!r} -> {t!r}" for m, t in left)


def test_every_reason_form_reads_in_indonesian(tmp_path: Path) -> None:
    register = tmp_path / "daftar.csv"
    register.write_text(ROWS, encoding="utf-8")
    lines = report_lines(read_register(register).problems)
    codes = {c for line in lines for c in line.codes}
    assert len(codes) >= 9, codes  # the file exercises (nearly) every code
    _check([line.message for line in lines])
    assert reason_text(lines[0].message, "en") == lines[0].message  # English stays as the validator wrote it
    assert codes_text(lines[0].codes, "en") == lines[0].code_text


def test_shared_register_defects_and_grouped_lines(shared_data: Path) -> None:
    lines = report_lines(read_register(shared_data / "city_cameras.csv").problems)
    assert len(lines) >= 40
    _check([line.message for line in lines])


def test_codes_and_file_problems() -> None:
    assert set(CODE_LABELS) == set(ProblemCode)
    vocabulary = english_vocabulary()
    assert not [c for c in ProblemCode if english_in(codes_text((c,), "id"), vocabulary)]
    assert codes_text((ProblemCode.DUP_ID, ProblemCode.BAD_LAT), "id") == "id ganda, lintang salah"
    for problem in ("file not found", "is empty", "cannot be read: Permission denied", "holds no cameras",
                    "is a binary file, not a CSV or JSON camera register", "has a header but no camera rows",
                    "columns 'nama' and 'nama_titik' both mean 'name'"):
        # 'name' is the register's field key, quoted as the code names it
        assert not english_in(file_problem_text(problem, "id"), vocabulary, ("'name'",)), problem
    assert file_problem_text("cannot be read: Permission denied", "id") == "tidak dapat dibaca: tidak ada izin"
    counts = reason_text("id also on lines 2, 3, 4, 5, 6 and 1,234 more; none of their URLs names X, so all "
                         "1,240 are rejected", "id")
    assert "1.234 lainnya" in counts and "semua 1.240 baris" in counts, counts

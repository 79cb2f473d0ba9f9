"""Why a register row was rejected, in Bahasa Indonesia: reason codes and the validator's messages.

The validator (domain/register.py, services/register_import.py) writes its messages in English, and
the codes stay stable strings for JSON and scripts. The import dialog and the CLI show them through
this table in the operator's language. Each English message form is one pattern below, so a new
message without a pattern shows up in tests/unit/test_register_words.py.
"""

from __future__ import annotations

import re
from functools import partial

from videowall.domain.i18n import format_number, normalise
from videowall.domain.register import ProblemCode

CODE_LABELS: dict[ProblemCode, tuple[str, str]] = {  # code -> (English, Bahasa Indonesia)
    ProblemCode.MALFORMED: ("malformed line", "baris rusak"),
    ProblemCode.MISSING_ID: ("no id", "tanpa id"),
    ProblemCode.DUP_ID: ("repeated id", "id ganda"),
    ProblemCode.EMPTY_NAME: ("no name", "tanpa nama"),
    ProblemCode.MISSING_URL: ("no URL", "tanpa URL"),
    ProblemCode.BAD_SCHEME: ("bad URL", "URL salah"),
    ProblemCode.BAD_LAT: ("bad latitude", "lintang salah"),
    ProblemCode.BAD_LON: ("bad longitude", "bujur salah"),
    ProblemCode.BAD_PORT: ("bad port", "port salah"),
    ProblemCode.BAD_VALUE: ("bad value", "nilai salah"),
    ProblemCode.CREDENTIAL_CONFLICT: ("credentials differ", "kredensial berbeda"),
}

_WHICH = {"main": "utama", "sub": "kedua", "latitude": "lintang", "longitude": "bujur"}


def _count(text: str) -> str:
    return format_number(int(text.replace(",", "")), "id")


# (English message form, Indonesian); groups are copied over, named ones through _WHICH or _count.
_PATTERNS: list[tuple[str, str]] = [
    (r"no camera id", "tidak ada id kamera"),
    (r"camera name is empty", "nama kamera kosong"),
    (r"no main stream URL \(only a sub stream URL is given\)",
     "tidak ada URL aliran utama (hanya URL aliran kedua yang diisi)"),
    (r"no main stream URL", "tidak ada URL aliran utama"),
    (r"main and sub URLs carry different credentials", "URL utama dan kedua membawa kredensial yang berbeda"),
    (r"(?P<w>latitude|longitude) is missing while the other coordinate is given",
     r"\g<w> kosong padahal koordinat lainnya diisi"),
    (r"(?P<w>latitude|longitude) ('[^']*') uses '\.' but this file writes decimals with ','",
     r"\g<w> \2 memakai '.' padahal berkas ini menulis desimal dengan ','"),
    (r"(?P<w>latitude|longitude) ('[^']*') is not a number", r"\g<w> \2 bukan angka"),
    (r"(?P<w>latitude|longitude) (\S+) is outside (\S+)", r"\g<w> \2 di luar rentang \3"),
    (r"(?P<w>main|sub) URL cannot be parsed: (.*)", r"URL \g<w> tidak dapat dibaca: \2"),
    (r"(?P<w>main|sub) URL has scheme ('[^']*'); expected one of (?P<s>.*)",
     r"URL \g<w> memakai skema \2; yang diterima: \g<s>"),
    (r"(?P<w>main|sub) URL has no scheme; expected one of (?P<s>.*)", r"URL \g<w> tanpa skema; yang diterima: \g<s>"),
    (r"(?P<w>main|sub) URL has no host", r"URL \g<w> tanpa host"),
    (r"(?P<w>main|sub) URL contains spaces", r"URL \g<w> berisi spasi"),
    (r"ONVIF port ('[^']*') is not a number", r"port ONVIF \1 bukan angka"),
    (r"ONVIF port (\d+) is outside 1\.\.65535", r"port ONVIF \1 di luar rentang 1..65535"),
    (r"(ptz|lewat_relay) ('[^']*') is not ya/tidak/yes/no/true/false/1/0",
     r"\1 \2 bukan ya/tidak/yes/no/true/false/1/0"),
    (r"status ('[^']*') is not aktif/nonaktif/active/inactive", r"status \1 bukan aktif/nonaktif/active/inactive"),
    (r"broken quoting: (.*)", r"tanda kutip rusak: \1"),
    (r"(?P<c1>\d[\d,]*) fields, the header has (?P<c2>\d[\d,]*)", r"\g<c1> kolom, padahal judul kolom punya \g<c2>"),
    (r"item is not an object", "butir ini bukan objek"),
    (r"id also on line (?P<c1>\d[\d,]*), whose URL names (\S+) and is kept: this row's URL does not, so its id "
     r"looks mistyped",
     r"id juga ada di baris \g<c1>, yang URL-nya menyebut \2 dan disimpan: URL baris ini tidak, jadi id-nya "
     r"tampaknya salah ketik"),
    (r"id also on line (?P<c1>\d[\d,]*), whose URL names (\S+) \(rejected for its own defects\): this row's URL "
     r"does not, so its id looks mistyped",
     r"id juga ada di baris \g<c1>, yang URL-nya menyebut \2 (ditolak karena masalahnya sendiri): URL baris ini "
     r"tidak, jadi id-nya tampaknya salah ketik"),
    (r" and (?P<c1>\d[\d,]*) more", r" dan \g<c1> lainnya"),
    (r"id also on lines? ([\d, ]+(?: dan [\d.]+ lainnya)?); several of them name (\S+) in their URL, so all "
     r"(?P<c1>\d[\d,]*) are rejected",
     r"id juga ada di baris \1; beberapa di antaranya menyebut \2 dalam URL-nya, jadi semua \g<c1> baris ditolak"),
    (r"id also on lines? ([\d, ]+(?: dan [\d.]+ lainnya)?); none of their URLs names (\S+), so all "
     r"(?P<c1>\d[\d,]*) are rejected",
     r"id juga ada di baris \1; tidak satu pun URL-nya menyebut \2, jadi semua \g<c1> baris ditolak"),
    (r"(?P<c1>\d[\d,]*) rows rejected for repeating this id \(lines ([^)]*)\); line (?P<c2>\d[\d,]*): ",
     r"\g<c1> baris ditolak karena mengulang id ini (baris \2); baris \g<c2>: "),
]
# A file that cannot be imported at all (services/register_import.ImportFileError.problem).
FILE_PROBLEMS: list[tuple[str, str]] = [
    (r"^file not found$", "berkas tidak ditemukan"),
    (r"^is a directory, not a file$", "adalah folder, bukan berkas"),
    (r"^cannot be read: (.*)$", r"tidak dapat dibaca: \1"),
    (r"^is empty$", "kosong"),
    (r"^is a zip archive or Excel workbook; save it as CSV \(UTF-8\) or JSON first$",
     "adalah arsip zip atau buku kerja Excel; simpan dulu sebagai CSV (UTF-8) atau JSON"),
    (r"^is a binary file, not a CSV or JSON camera register$", "berkas biner, bukan daftar kamera CSV atau JSON"),
    (r"^cannot be decoded as UTF-8, UTF-16 or Windows-1252 text$",
     "tidak dapat dibaca sebagai teks UTF-8, UTF-16 atau Windows-1252"),
    (r"^has no readable header line \((.*)\)$", r"tidak punya baris judul kolom yang terbaca (\1)"),
    (r"^has a header but no camera rows$", "punya judul kolom tetapi tidak ada baris kamera"),
    (r"^is not valid JSON: (.*) at line (\d+)$", r"bukan JSON yang sah: \1 di baris \2"),
    (r'^JSON must be a list of cameras or \{"cameras": \[\.\.\.\]\}$',
     'JSON harus berupa daftar kamera atau {"cameras": [...]}'),
    (r"^holds no cameras$", "tidak berisi kamera"),
    (r"^columns ('[^']*') and ('[^']*') both mean ('[^']*')$", r"kolom \1 dan \2 sama-sama berarti \3"),
    (r"^no column for (.*) \(found: (.*)\)$", r"tidak ada kolom untuk \1 (yang ada: \2)"),
]
_COMPILED = [(re.compile(p), t) for p, t in _PATTERNS]
_FILE = [(re.compile(p), t) for p, t in FILE_PROBLEMS]
OS_WORDS_ID: dict[str, str] = {  # the C library's strerror texts a file problem quotes
    "Permission denied": "tidak ada izin",
    "No such file or directory": "berkas tidak ada",
    "Is a directory": "itu folder, bukan berkas",
    "Input/output error": "disk tidak dapat dibaca (mungkin rusak)",
    "No space left on device": "disk penuh",
    "Read-only file system": "disk hanya bisa dibaca",
}


def _replace(template: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    text = template
    for name in ("w",):
        if groups.get(name) is not None:
            text = text.replace(rf"\g<{name}>", _WHICH[groups[name]])
    if groups.get("s") is not None:  # the accepted schemes, written as URLs begin: rtsp://, http:// ...
        text = text.replace(r"\g<s>", ", ".join(f"{x.strip()}://" for x in groups["s"].split(",")))
    for name in ("c1", "c2"):
        if groups.get(name) is not None:
            text = text.replace(rf"\g<{name}>", _count(groups[name]))
    return match.expand(text)


def reason_text(message: str, lang: str) -> str:
    """A rejection message (one or several, joined by '; ') in ``lang``; unknown English stays as it is."""
    if normalise(lang) != "id":
        return message
    text = message
    for pattern, template in _COMPILED:
        text = pattern.sub(partial(_replace, template), text)
    return text


def file_problem_text(problem: str, lang: str) -> str:
    """Why a whole file cannot be imported, in ``lang`` (the row messages' forms apply too: JSON errors)."""
    if normalise(lang) != "id":
        return problem
    for pattern, template in _FILE:
        if pattern.match(problem):
            text = pattern.sub(template, problem)
            for english, words in OS_WORDS_ID.items():
                text = text.replace(english, words)
            return text
    return reason_text(problem, lang)


def code_label(code: ProblemCode | str, lang: str) -> str:
    en, ind = CODE_LABELS[ProblemCode(code)]
    return ind if normalise(lang) == "id" else en


def codes_text(codes: tuple[ProblemCode, ...], lang: str) -> str:
    """The reason codes of a report line: the stable code in English, a short phrase in Indonesian."""
    if normalise(lang) != "id":
        return ", ".join(c.value for c in codes)
    return ", ".join(code_label(c, lang) for c in codes)

"""Pure row rules of the camera register: codes, parsing, and credentials taken out of URLs."""

from __future__ import annotations

import pytest

from videowall.domain.camera import CameraKind, ServiceStatus
from videowall.domain.layout import Layout, TileAssignment
from videowall.domain.register import (
    ProblemCode,
    RegisterFormatError,
    RowProblem,
    RowValidator,
    ValidRow,
    detect_decimal,
    map_columns,
    parse_tags,
)
from videowall.domain.urls import Credentials

GOOD = {
    "id": "CAM-1",
    "name": "Simpang Lima",
    "kind": "ATCS",
    "kecamatan": "Semarang Tengah",
    "kelurahan": "Pekunden",
    "latitude": "-6.99",
    "longitude": "110.42",
    "main_url": "rtsp://10.0.0.1:554/main",
    "sub_url": "rtsp://10.0.0.1:554/sub",
    "ptz": "ya",
    "status": "aktif",
}


def check(**changes: object) -> ValidRow | RowProblem:
    return RowValidator().validate(7, {**GOOD, **changes})


def code_of(**changes: object) -> ProblemCode:
    result = check(**changes)
    assert isinstance(result, RowProblem), result
    assert result.line == 7
    return result.code


def test_good_row_becomes_camera() -> None:
    result = check()
    assert isinstance(result, ValidRow)
    cam = result.camera
    assert (cam.id, cam.kind, cam.ptz, cam.status) == (
        "CAM-1",
        CameraKind.TRAFFIC,
        True,
        ServiceStatus.ACTIVE,
    )
    assert (cam.latitude, cam.longitude) == (-6.99, 110.42)
    assert cam.area.path() == ("Semarang Tengah", "Pekunden")
    assert result.credentials is None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"id": "  "}, ProblemCode.MISSING_ID),
        ({"name": "   "}, ProblemCode.EMPTY_NAME),
        ({"main_url": ""}, ProblemCode.MISSING_URL),
        ({"main_url": "htp:/broken url"}, ProblemCode.BAD_SCHEME),
        ({"main_url": "rtsp://[::1/x"}, ProblemCode.BAD_SCHEME),
        ({"main_url": "rtsp://host:99999/x"}, ProblemCode.BAD_SCHEME),
        ({"sub_url": "ftp://host/x"}, ProblemCode.BAD_SCHEME),
        ({"latitude": "-97.5"}, ProblemCode.BAD_LAT),
        ({"latitude": "abc"}, ProblemCode.BAD_LAT),
        ({"latitude": "nan"}, ProblemCode.BAD_LAT),
        ({"longitude": "181"}, ProblemCode.BAD_LON),
        ({"longitude": ""}, ProblemCode.BAD_LON),
        ({"onvif_port": "99999"}, ProblemCode.BAD_PORT),
        ({"onvif_port": "0"}, ProblemCode.BAD_PORT),
        ({"onvif_port": "http"}, ProblemCode.BAD_PORT),
        ({"ptz": "mungkin"}, ProblemCode.BAD_VALUE),
        ({"status": "rusak"}, ProblemCode.BAD_VALUE),
    ],
)
def test_defects_have_specific_codes(changes: dict[str, object], code: ProblemCode) -> None:
    assert code_of(**changes) is code


def test_missing_url_message_mentions_sub_stream() -> None:
    result = check(main_url="")
    assert isinstance(result, RowProblem)
    assert "sub" in result.message


def settle(*rows: tuple[int, dict[str, object]]) -> tuple[list[ValidRow], list[RowProblem]]:
    validator = RowValidator()
    return validator.settle([validator.validate(line, row) for line, row in rows])


def test_duplicate_id_keeps_the_row_whose_url_names_it_wherever_it_is() -> None:
    mistyped = {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00208/main"}
    right = {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00209/main"}
    for order in ((209, mistyped), (210, right)), ((209, right), (210, mistyped)):
        valid, problems = settle(*order)
        assert [v.camera.main_url for v in valid] == ["rtsp://h/SRO-00209/main"]
        [problem] = problems
        assert problem.codes == (ProblemCode.DUP_ID,) and problem.camera_id == "SRO-00209"
        assert problem.line == next(line for line, row in order if row is mistyped)
        assert "mistyped" in problem.message and "is kept" in problem.message


def test_duplicate_id_rejects_every_row_when_no_single_url_names_it() -> None:
    for url in ("rtsp://10.0.0.1:554/main", "rtsp://h/CAM-1/main"):  # neither names it; both do
        valid, problems = settle((5, {**GOOD, "main_url": url}), (6, {**GOOD, "main_url": url}))
        assert valid == []
        assert [(p.line, p.code) for p in problems] == [(5, ProblemCode.DUP_ID), (6, ProblemCode.DUP_ID)]
        assert "line 6" in problems[0].message and "line 5" in problems[1].message


def test_every_defect_of_a_line_is_reported() -> None:
    valid, [problem] = settle(
        (2, {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00208/main", "onvif_port": "80a",
             "name": "", "latitude": "-99"}),
        (3, {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00209/main"}),
    )
    assert [v.line for v in valid] == [3]
    assert problem.codes == (ProblemCode.DUP_ID, ProblemCode.EMPTY_NAME, ProblemCode.BAD_LAT, ProblemCode.BAD_PORT)
    assert "mistyped" in problem.text and "80a" in problem.text and "-99" in problem.text
    _, both = settle((2, {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00208/main"}),
                     (3, {**GOOD, "id": "SRO-00209", "main_url": "rtsp://h/SRO-00209/main", "ptz": "mungkin"}))
    assert [p.codes for p in both] == [(ProblemCode.DUP_ID,), (ProblemCode.BAD_VALUE,)]  # neither kept
    assert "rejected for its own defects" in both[0].message
    alone = check(main_url="ftp://x/y", ptz="mungkin", status="rusak")
    assert isinstance(alone, RowProblem)
    assert alone.codes == (ProblemCode.BAD_SCHEME, ProblemCode.BAD_VALUE, ProblemCode.BAD_VALUE)


def test_credentials_leave_the_url() -> None:
    result = check(main_url="rtsp://admin:Rahasia%2123@10.0.0.1:554/main")
    assert isinstance(result, ValidRow)
    assert result.camera.main_url == "rtsp://10.0.0.1:554/main"
    assert result.credentials == Credentials("admin", "Rahasia!23")
    assert "Rahasia" not in repr(result)


def test_different_credentials_on_main_and_sub_are_rejected() -> None:
    code = code_of(main_url="rtsp://a:x@h/main", sub_url="rtsp://a:y@h/sub")
    assert code is ProblemCode.CREDENTIAL_CONFLICT


def test_credentials_only_on_sub_url_are_kept() -> None:
    result = check(sub_url="rtsp://u:p@10.0.0.1/sub")
    assert isinstance(result, ValidRow)
    assert result.credentials == Credentials("u", "p")
    assert "@" not in result.camera.sub_url


@pytest.mark.parametrize(("word", "flag"), [("ya", True), ("YES", True), ("1", True), ("tidak", False), ("", False)])
def test_ptz_words(word: str, flag: bool) -> None:
    result = check(ptz=word)
    assert isinstance(result, ValidRow)
    assert result.camera.ptz is flag


@pytest.mark.parametrize("word", ["nonaktif", "Inactive", "tidak aktif"])
def test_inactive_words(word: str) -> None:
    result = check(status=word)
    assert isinstance(result, ValidRow)
    assert result.camera.status is ServiceStatus.INACTIVE


def test_decimal_comma_and_json_numbers() -> None:
    result = RowValidator(",").validate(2, {**GOOD, "latitude": "-6,93", "longitude": "110,4"})
    assert isinstance(result, ValidRow)
    assert (result.camera.latitude, result.camera.longitude) == (-6.93, 110.4)
    result = RowValidator().validate(2, {**GOOD, "latitude": -6.5, "longitude": 110, "onvif_port": 8080, "ptz": True})
    assert isinstance(result, ValidRow)
    assert (result.camera.latitude, result.camera.onvif_port, result.camera.ptz) == (-6.5, 8080, True)


def test_unknown_kind_kept_in_notes_and_extras_appended() -> None:
    result = RowValidator().validate(2, {**GOOD, "kind": "sekolah", "notes": "tiang miring"}, [("pic", "Budi")])
    assert isinstance(result, ValidRow)
    assert result.camera.kind is CameraKind.OTHER
    assert result.camera.notes == "tiang miring; jenis: sekolah; pic: Budi"


def test_tags() -> None:
    assert parse_tags("banjir; pasar | banjir,  ") == ("banjir", "pasar")
    assert parse_tags(["a", " b ", ""]) == ("a", "b")
    assert parse_tags(None) == ()


def test_detect_decimal() -> None:
    assert detect_decimal(["-6,93", "110,4", "-6.1"]) == ","
    assert detect_decimal(["-6.93", "110.4"]) == "."
    assert detect_decimal([]) == "."


def test_map_columns_indonesian_english_and_unknown() -> None:
    mapping = map_columns(["ID_Titik", "Nama Titik", "rtsp_utama", "lng", "warna"])
    assert mapping == {"ID_Titik": "id", "Nama Titik": "name", "rtsp_utama": "main_url", "lng": "longitude"}
    with pytest.raises(RegisterFormatError, match="main_url"):
        map_columns(["id", "name"])
    with pytest.raises(RegisterFormatError, match="both mean"):
        map_columns(["id", "id_titik", "name", "main_url"])


def test_layout_checks_its_grid() -> None:
    Layout("2x2", 2, 2, (TileAssignment(3, "CAM-1"),))
    with pytest.raises(ValueError, match="outside"):
        Layout("2x2", 2, 2, (TileAssignment(4, "CAM-1"),))
    with pytest.raises(ValueError, match="twice"):
        Layout("2x2", 2, 2, (TileAssignment(0, "a"), TileAssignment(0, "b")))
    with pytest.raises(ValueError):
        Layout("", 1, 1)


def test_passwords_in_notes_are_hidden() -> None:
    result = RowValidator().validate(
        2,
        {**GOOD, "notes": "cadangan rtsp://admin:Rahasia%2123@10.0.0.9/x"},
        [("backup", "rtsp://u:pw1@h/y")],
    )
    assert isinstance(result, ValidRow)
    assert "Rahasia" not in result.camera.notes and "pw1" not in result.camera.notes
    assert "rtsp://admin:***@10.0.0.9/x" in result.camera.notes

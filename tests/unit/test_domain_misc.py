"""Grid parsing, the area tree and URL credential handling: pure rules."""

import pytest

from videowall.domain.area_tree import CameraLeaf, build_area_tree
from videowall.domain.camera import Area, Camera, ServiceStatus, StreamKind
from videowall.domain.grid import parse_grid
from videowall.domain.urls import Credentials, redact, split_credentials, with_credentials


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4x4", (4, 4)), ("2X3", (2, 3)), ("9", (3, 3)), ("1", (1, 1)), ("64", (8, 8)), ("7", None),
     ("0x4", None), ("abc", None), ("17x17", None)],
)
def test_parse_grid(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_grid(text) == expected


def cam(cid: str, name: str, area: Area) -> Camera:
    return Camera(id=cid, name=name, area=area, main_url=f"rtsp://127.0.0.1/{cid}")


def test_area_tree_groups_and_counts() -> None:
    cams = [
        cam("a", "Zeta", Area("Banyumanik", "Srondol", "02", "08")),
        cam("b", "Alpha", Area("Banyumanik", "Srondol", "02", "08")),
        cam("c", "Pasar", Area("Banyumanik", "Srondol")),
        cam("d", "Tugu", Area("Tugu", "Mangunharjo", "05", "01")),
        cam("e", "Nowhere", Area("")),
    ]
    root = build_area_tree(cams)
    assert [n.label for n in root.items] == ["(no area)", "Banyumanik", "Tugu"]  # type: ignore[union-attr]
    ban = root.items[1]
    assert not isinstance(ban, CameraLeaf)
    assert ban.camera_count == 3
    srondol = ban.items[0]
    assert not isinstance(srondol, CameraLeaf)
    # areas first, then cameras hung directly on the kelurahan
    assert isinstance(srondol.items[0], type(srondol)) and isinstance(srondol.items[1], CameraLeaf)
    rt = srondol.items[0].items[0]  # type: ignore[union-attr]
    assert [leaf.camera.name for leaf in rt.items] == ["Alpha", "Zeta"]  # type: ignore[union-attr]
    assert {c.id for c in ban.cameras()} == {"a", "b", "c"}
    for node in root.items:
        assert node.row == root.items.index(node)


def test_split_credentials_and_redact() -> None:
    url, creds = split_credentials("rtsp://admin:Rahasia%2123@127.0.0.1:8554/rt/x/main")
    assert url == "rtsp://127.0.0.1:8554/rt/x/main"
    assert creds == Credentials("admin", "Rahasia!23")
    assert "Rahasia" not in repr(creds)
    assert split_credentials("rtsp://127.0.0.1/x") == ("rtsp://127.0.0.1/x", None)
    assert redact("rtsp://u:p@h:1/x") == "rtsp://u:***@h:1/x"
    back = with_credentials(url, creds)
    assert back == "rtsp://admin:Rahasia%2123@127.0.0.1:8554/rt/x/main"
    assert with_credentials(url, None) == url


def test_camera_url_fallback_and_enabled() -> None:
    c = Camera(id="x", name="x", main_url="rtsp://h/main")
    assert c.url_for(StreamKind.SUB) == "rtsp://h/main"
    assert Camera(id="y", name="y", status=ServiceStatus.INACTIVE).enabled is False


def test_span_presets_cover_their_grids() -> None:
    from videowall.domain.grid import GRID_PRESETS, SPAN_PRESETS

    counts = {name: shape.tile_count for name, shape in SPAN_PRESETS.items()}
    assert counts == {"1+5": 6, "1+7": 8, "2+8": 10, "1+12": 13, "3+4": 7}
    assert sorted(s.tile_count for s in GRID_PRESETS.values()) == [1, 4, 9, 16, 25, 36, 64]
    for shape in SPAN_PRESETS.values():
        assert shape.cells[0].row_span > 1  # the big tile comes first: it gets the first camera


def test_preset_lookup() -> None:
    from videowall.domain.grid import preset

    assert preset("1+7") is not None and preset("1+7").tile_count == 8  # type: ignore[union-attr]
    assert preset("4x4").tile_count == 16  # type: ignore[union-attr]
    assert preset("16").tile_count == 16  # type: ignore[union-attr]
    assert preset("5+5") is None


def test_merge_and_split_round_trip() -> None:
    from videowall.domain.grid import merge, split, uniform

    shape = uniform(3, 3)
    merged, idx = merge(shape, {0, 1, 3, 4})
    assert merged.tile_count == 6 and merged.cells[idx].row_span == 2 and merged.cells[idx].col_span == 2
    back = split(merged, idx)
    assert back == shape
    with pytest.raises(ValueError, match="rectangle"):
        merge(shape, {0, 4})
    with pytest.raises(ValueError, match="at least two"):
        merge(shape, {0})


def test_cover_rejects_overlap_and_holes() -> None:
    from videowall.domain.grid import Cell, GridShape

    with pytest.raises(ValueError, match="overlaps"):
        GridShape(2, 2, (Cell(0, 0, 2, 2), Cell(1, 1)))
    with pytest.raises(ValueError, match="uncovered"):
        GridShape(2, 2, (Cell(0, 0), Cell(0, 1)))
    with pytest.raises(ValueError, match="outside"):
        GridShape(2, 2, (Cell(0, 0, 3, 1),))


def test_commands_parse_and_refuse_with_reasons() -> None:
    from videowall.domain.commands import (
        AssignCameras,
        CommandError,
        OpenWall,
        ShowLayout,
        StartTour,
        StopTour,
        parse_command,
    )

    assert parse_command({"cmd": "layout", "layout": "1+7"}) == ShowLayout("1+7")
    assert parse_command({"cmd": "assign", "tile": 2, "cameras": "A"}) == AssignCameras(2, ("A",))
    assert parse_command({"cmd": "open_wall", "monitor": 1, "layout": "x"}) == OpenWall(1, "x")
    tour = parse_command({"cmd": "tour", "tile": 0, "cameras": ["A", "B"], "dwell_s": 3})
    assert tour == StartTour(0, ("A", "B"), 3.0)
    assert parse_command({"cmd": "tour", "name": " Gates ", "wall": "1", "tile": 2}) == StartTour(2, name="Gates",
                                                                                                   wall="1")
    assert parse_command({"cmd": "tour", "name": "Walls", "wall": "0"}) == StartTour(0, name="Walls", wall="0")
    assert parse_command({"cmd": "stop_tour", "tile": 1}) == StopTour(1)
    assert parse_command({"cmd": "stop_tour", "wall": "0"}) == StopTour(None, "0")
    for bad, reason in (({"cmd": "assign", "tile": -1, "cameras": "A"}, "non-negative"),
                        ({"cmd": "tour", "tile": 0, "cameras": ["A"], "dwell_s": 1}, "at least 2"),
                        ({"cmd": "tour", "cameras": ["A"]}, "tile"),
                        ({"cmd": "fly"}, "unknown command"), ([], "JSON object"),
                        ({"cmd": "assign", "tile": 0, "cameras": []}, "camera id")):
        with pytest.raises(CommandError, match=reason):
            parse_command(bad)

"""City scale: the search index, the lazy filtered tree, favourites/tags groups, alert rules."""

from __future__ import annotations

from videowall.domain.alerts import TileAlerts
from videowall.domain.area_tree import AreaNode, CameraLeaf, NodeKind, TreeFilter, build_area_tree, ordered_cameras
from videowall.domain.camera import Area, Camera
from videowall.domain.health import AlertKind
from videowall.domain.search import SearchIndex
from videowall.domain.stream_state import StreamState
from videowall.services.search import keystrokes, measure_search
from videowall.sim.register_gen import generate_cameras


def cam(cid: str, name: str, area: Area, tags: tuple[str, ...] = ()) -> Camera:
    return Camera(id=cid, name=name, area=area, main_url=f"rtsp://127.0.0.1/{cid}", tags=tags)


CAMS = [
    cam("SMG-1", "Pasar Johar", Area("Semarang Tengah", "Kauman"), ("pasar",)),
    cam("SMG-2", "CCTV RT 08/RW 02 Srondol", Area("Banyumanik", "Srondol", "02", "08")),
    cam("SMG-3", "CCTV RT 01/RW 02 Srondol", Area("Banyumanik", "Srondol", "02", "01"), ("rawan-banjir", "pasar")),
    cam("SMG-4", "Simpang Lima", Area("Semarang Tengah", "Pekunden")),
]


def test_search_matches_id_name_area_and_tag_casefolded() -> None:
    index = SearchIndex(CAMS)
    assert index.search("") is None and index.search("   ") is None
    assert [c.id for c in index.matching("SROND") or []] == ["SMG-2", "SMG-3"]
    assert [c.id for c in index.matching("smg-4") or []] == ["SMG-4"]
    assert [c.id for c in index.matching("semarang tengah") or []] == ["SMG-1", "SMG-4"]  # area, two words
    assert [c.id for c in index.matching("PASAR") or []] == ["SMG-1", "SMG-3"]  # name or tag
    assert [c.id for c in index.matching("pasar banjir") or []] == ["SMG-3"]  # every word must match
    assert index.matching("zzz") == []


def test_narrowing_gives_the_same_answer_as_a_full_scan() -> None:
    cams = generate_cameras(2000)
    typed = SearchIndex(cams)
    for query in keystrokes(["banyumanik", "rt 05", "smg-tem", "pasar"]):
        assert typed.search(query) == SearchIndex(cams).search(query), query


def test_tree_has_favourites_and_tags_groups_and_counts_each_camera_once() -> None:
    root = build_area_tree(CAMS, {"SMG-4"})
    labels = [n.label for n in root.items if isinstance(n, AreaNode)]
    assert labels == ["Favourites", "Tags", "Banyumanik", "Semarang Tengah"]
    fav, tags = root.items[0], root.items[1]
    assert isinstance(fav, AreaNode) and fav.kind is NodeKind.FAVOURITES
    assert [leaf.camera.id for leaf in fav.items if isinstance(leaf, CameraLeaf)] == ["SMG-4"]
    assert isinstance(tags, AreaNode) and [t.label for t in tags.items if isinstance(t, AreaNode)] == \
        ["pasar", "rawan-banjir"]  # fmt: skip
    assert tags.camera_count == 2
    assert root.camera_count == 4
    assert {c.id for c in fav.cameras()} == {"SMG-4"}
    no_groups = build_area_tree(CAMS[1:2]).items  # no favourites, no tags: no empty groups
    assert [n.label for n in no_groups if isinstance(n, AreaNode)] == ["Banyumanik"]


def test_tree_filter_shows_only_branches_with_matches() -> None:
    root = build_area_tree(CAMS, {"SMG-4"})
    index = SearchIndex(ordered_cameras(root))
    assert [c.id for c in index.cameras] == ["SMG-3", "SMG-2", "SMG-1", "SMG-4"]  # depth-first tree order
    tree = TreeFilter(index.search("srondol"))
    top = tree.children(root)
    assert [n.label for n in top if isinstance(n, AreaNode)] == ["Tags", "Banyumanik"]
    ban = top[1]
    assert isinstance(ban, AreaNode) and tree.count(ban) == 2
    srondol = tree.children(ban)[0]
    assert isinstance(srondol, AreaNode) and tree.row(srondol) == 0
    assert tree.row(ban) == 1
    everything = TreeFilter(None)
    assert everything.children(root) is root.items and everything.count(ban) == 2


def test_tile_alerts_fire_once_per_dark_spell() -> None:
    alerts = TileAlerts()
    assert alerts.update(0, "A", StreamState.CONNECTING) is None
    assert alerts.update(0, "A", StreamState.OFFLINE) is None  # never seen live: not an alert
    assert alerts.update(0, "A", StreamState.LIVE) is AlertKind.CAME_BACK
    assert alerts.update(0, "A", StreamState.RECONNECTING) is None
    assert alerts.update(0, "A", StreamState.OFFLINE) is AlertKind.WENT_DARK
    assert alerts.update(0, "A", StreamState.OFFLINE) is None
    assert alerts.update(0, "B", StreamState.OFFLINE) is None  # another camera on the tile
    assert alerts.update(0, None, StreamState.CONNECTING) is None


def test_register_generator_is_deterministic_and_realistic() -> None:
    a, b = generate_cameras(500, seed=3), generate_cameras(500, seed=3)
    assert a == b and len({c.id for c in a}) == 500
    assert len({c.area.kecamatan for c in a}) == 16
    assert any(c.tags for c in a) and any(not c.enabled for c in a)
    assert all(c.main_url.startswith("rtsp://127.0.0.1:8554/") for c in a)


def test_measure_search_reports_latencies() -> None:
    timing = measure_search(2000, typed=("banyu", "rt 0"))
    print(timing.line())  # the benchmark numbers; no timing is asserted here
    assert timing.cameras == 2000 and timing.keystrokes == 11 and timing.p95_ms >= timing.median_ms

"""Kecamatan territories and label places (domain/area_map.py): strays left out, no overlaps, labels inside."""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

import pytest

from videowall.domain.area_map import Box, Territories, place_labels, split_strays, territories

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "city_cameras.csv"


def clusters(n_areas: int = 9, per: int = 120, seed: int = 1, spread: float = 0.008) -> dict[str, list[tuple]]:
    rnd = random.Random(seed)
    out: dict[str, list[tuple]] = {}
    side = math.ceil(math.sqrt(n_areas))
    for i in range(n_areas):
        cx, cy = 110.33 + 0.04 * (i % side), -6.94 - 0.03 * (i // side)
        out[f"K{i}"] = [(cx + rnd.gauss(0, spread), cy + rnd.gauss(0, spread * 0.7)) for _ in range(per)]
    return out


def centre(points: list[tuple]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def inside(ground: Territories, name: str, box: Box) -> bool:
    """Every cell the box touches is the area's (checked cell by cell, not with the placer's table)."""
    if box.x < 0 or box.y < 0 or box.x + box.w > ground.cols or box.y + box.h > ground.rows:
        return False
    mask = ground.mask(name)
    return all(mask[r, c] for r in range(math.floor(box.y), math.ceil(box.y + box.h))
               for c in range(math.floor(box.x), math.ceil(box.x + box.w)))


def test_a_stray_camera_is_left_out_and_does_not_stretch_its_area() -> None:
    pts = clusters()
    stray = (110.41, -7.0)  # K0's camera typed with K8's place: far across the city
    pts["K0"].append(stray)
    kept, strays = split_strays(pts["K0"])
    assert strays == [stray] and len(kept) == 120
    ground = territories(pts)
    assert ground is not None and ground.strays["K0"] == 1 and sum(ground.strays.values()) == 1
    assert ground.owner_at(*stray) == "K8"  # the stray's place stays its neighbour's
    assert set(ground.outlined) == set(pts)
    for name, p in pts.items():  # each area owns its own middle
        assert ground.owner_at(*centre(p[:120])) == name


def test_overlapping_areas_share_the_ground_without_overlap() -> None:
    rnd = random.Random(4)  # two areas whose convex hulls overlap by a third
    pts = {"A": [(110.40 + rnd.gauss(0, 0.01), -7.0 + rnd.gauss(0, 0.01)) for _ in range(200)],
           "B": [(110.425 + rnd.gauss(0, 0.01), -7.0 + rnd.gauss(0, 0.01)) for _ in range(200)]}
    ground = territories(pts)
    assert ground is not None and ground.outlined == ("A", "B")
    a, b = ground.mask("A"), ground.mask("B")
    assert a.sum() > 100 and b.sum() > 100 and not (a & b).any()
    assert ground.owner_at(110.39, -7.0) == "A" and ground.owner_at(110.435, -7.0) == "B"
    # the line between them runs near the middle, where the densities are equal
    boundary = [lon / 1000 for lon in range(110400, 110426) if ground.owner_at(lon / 1000, -7.0) == "A"]
    assert 110.408 <= max(boundary) <= 110.418


@pytest.mark.parametrize(("areas", "seed"), [(2, 1), (2, 9), (3, 4), (12, 7)])
def test_coordinates_that_do_not_separate_the_areas_give_no_outline(areas: int, seed: int) -> None:
    rnd = random.Random(seed)  # two areas mixed half and half: each wins about half its cells by chance alone
    pts = {f"K{i}": [(rnd.uniform(110.32, 110.5), rnd.uniform(-7.05, -6.93)) for _ in range(250)]
           for i in range(areas)}  # fmt: skip
    ground = territories(pts)
    assert ground is not None and ground.outlined == () and len(ground.not_outlined) == areas
    assert (ground.owner == -1).all()
    assert place_labels(ground, {n: (10, 3) for n in pts}) == []


@pytest.mark.skipif(not SHARED.exists(), reason="shared city register not found")
def test_the_shared_register_spreads_every_kecamatan_over_the_city() -> None:
    pts: dict[str, list[tuple]] = {}
    with SHARED.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except ValueError:
                continue
            if -90 <= lat <= 90:  # the importer rejects the others (bad_lat)
                pts.setdefault(row["kecamatan"], []).append((lon, lat))
    ground = territories(pts)
    assert ground is not None and len(ground.names) == 16
    assert ground.outlined == ()  # purities of 1-15 %: no outline could be true
    assert max(ground.purity.values()) < 0.3


@pytest.mark.parametrize("seed", range(6))
def test_labels_never_overlap_and_sit_inside_their_own_area(seed: int) -> None:
    rnd = random.Random(seed)
    pts = clusters(n_areas=rnd.randint(4, 16), per=rnd.randint(40, 150), seed=seed, spread=rnd.uniform(0.005, 0.012))
    ground = territories(pts, cells=rnd.randint(80, 200))
    assert ground is not None
    sizes = {n: (rnd.uniform(4, 30), rnd.uniform(1.5, 5)) for n in ground.outlined}
    labels = place_labels(ground, sizes)
    assert {lab.name for lab in labels} == set(ground.outlined)
    for i, a in enumerate(labels):
        assert (a.box.w, a.box.h) == sizes[a.name]
        for b in labels[i + 1:]:
            assert not a.box.intersects(b.box), (a, b)
        if a.inside:
            assert inside(ground, a.name, a.box)
    blocked = [Box(0, 0, ground.cols / 3, ground.rows / 4)]  # a legend over the top-left corner
    kept_clear = place_labels(ground, sizes, blocked)
    assert not any(lab.box.intersects(blocked[0]) for lab in kept_clear)
    assert not any(a.box.intersects(b.box) for i, a in enumerate(kept_clear) for b in kept_clear[i + 1:])
    roomy = place_labels(ground, {n: (w / 3, h / 2) for n, (w, h) in sizes.items()})
    assert all(lab.inside for lab in roomy), [lab for lab in roomy if not lab.inside]


def test_a_label_too_big_for_its_area_goes_to_the_nearest_free_place() -> None:
    pts = clusters(n_areas=4, per=80)
    ground = territories(pts)
    assert ground is not None
    sizes = {n: (8.0, 3.0) for n in ground.outlined}
    sizes["K0"] = (400.0, 3.0)  # wider than the whole map
    labels = {lab.name: lab for lab in place_labels(ground, sizes)}
    assert not labels["K0"].inside and all(labels[n].inside for n in ("K1", "K2", "K3"))
    rows, cols = ground.mask("K0").nonzero()
    cx, cy = labels["K0"].box.centre
    assert abs(cy - rows.mean()) < 20 and abs(cx - cols.mean()) < 200  # near its own area
    others = [labels[n].box for n in ("K1", "K2", "K3")]
    assert not any(labels["K0"].box.intersects(b) for b in others)


def test_the_generated_city_register_reads_as_a_map(tmp_path: Path) -> None:
    """videowall.sim.register_gen (the demo without the shared register) clusters each kecamatan round its
    own part of Semarang, overlapping in the middle: most areas are outlined, their names inside, apart."""
    from videowall.sim.register_gen import write_register

    pts: dict[str, list[tuple]] = {}
    with write_register(tmp_path / "city.csv", 4000).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            pts.setdefault(row["kecamatan"], []).append((float(row["longitude"]), float(row["latitude"])))
    ground = territories(pts)
    assert ground is not None and len(ground.outlined) >= 13 and sum(ground.strays.values()) <= 5
    labels = place_labels(ground, {n: (14.0, 2.5) for n in ground.outlined})
    assert all(lab.inside and inside(ground, lab.name, lab.box) for lab in labels)
    assert not any(a.box.intersects(b.box) for i, a in enumerate(labels) for b in labels[i + 1:])

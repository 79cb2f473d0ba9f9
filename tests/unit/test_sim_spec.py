"""The simulated fleet's specification: fast checks, no processes."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from videowall.sim.clips import clip_paths, filter_graph
from videowall.sim.fleet import check_loopback
from videowall.sim.spec import (
    FAULT_LABELS,
    FAULTS,
    KINDS,
    REGISTER_COLUMNS,
    default_fleet,
    write_csv,
    write_json,
)

CITY_REGISTER_HEADER = (
    "id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,latitude,longitude,rtsp_utama,rtsp_sub,"
    "onvif_host,onvif_port,ptz,status_layanan,keterangan"
)


def test_at_least_16_healthy_cameras_with_unique_ids_and_paths() -> None:
    cameras = default_fleet()
    assert sum(c.healthy for c in cameras) >= 16
    assert len({c.id for c in cameras}) == len(cameras)
    paths = [p for c in cameras for p in (c.main_path, c.sub_path)]
    assert len(set(paths)) == len(paths)
    assert all(p.startswith("/fleet/") and p.rsplit("/", 1)[1] in ("main", "sub") for p in paths)
    assert len({(c.look, c.hue) for c in cameras if c.healthy}) == sum(c.healthy for c in cameras)


def test_every_fault_has_a_camera_named_after_it() -> None:
    cameras = default_fleet()
    for fault in FAULTS:
        faulty = [c for c in cameras if c.fault == fault]
        assert len(faulty) == 1, fault
        assert FAULT_LABELS[fault] in faulty[0].name
        assert faulty[0].id.startswith("SIM-FAULT-")
    assert [c.id for c in cameras if not c.served] == ["SIM-FAULT-NOTFOUND"]


def test_cameras_fit_the_semarang_register() -> None:
    for camera in default_fleet():
        assert camera.kind in KINDS
        assert camera.kecamatan and camera.kelurahan
        assert abs(camera.lat - -6.99) < 0.1 and abs(camera.lon - 110.42) < 0.1
        if camera.kind == "RT":
            assert camera.rw.isdigit() and camera.rt.isdigit()


def test_csv_has_exactly_the_register_header_and_reads_back(tmp_path: Path) -> None:
    cameras = default_fleet()
    path = write_csv(tmp_path / "fleet.csv", cameras, port=18554)
    assert path.read_text(encoding="utf-8").splitlines()[0] == CITY_REGISTER_HEADER
    assert ",".join(REGISTER_COLUMNS) == CITY_REGISTER_HEADER
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id_titik"] for r in rows] == [c.id for c in cameras]
    assert rows[0]["rtsp_utama"] == "rtsp://127.0.0.1:18554/fleet/cam01/main"
    assert {r["ptz"] for r in rows} <= {"ya", "tidak"}
    assert {r["status_layanan"] for r in rows} == {"aktif"}
    assert {r["jenis"] for r in rows} <= set(KINDS)


def test_json_has_the_same_keys(tmp_path: Path) -> None:
    rows = json.loads(write_json(tmp_path / "fleet.json", default_fleet()).read_text(encoding="utf-8"))
    assert all(tuple(row) == REGISTER_COLUMNS for row in rows)


def test_the_app_importer_accepts_the_export(tmp_path: Path) -> None:
    from videowall.services.register_import import read_register

    cameras = default_fleet()
    for path in (write_csv(tmp_path / "f.csv", cameras), write_json(tmp_path / "f.json", cameras)):
        parsed = read_register(path)
        assert parsed.problems == []
        assert [v.camera.id for v in parsed.valid] == [c.id for c in cameras]


def test_pictures_carry_name_and_clock_except_black() -> None:
    cameras = default_fleet()
    for camera in cameras:
        graph = filter_graph(camera)
        assert ("drawtext" in graph) == (camera.fault != "black"), camera.id
        assert "[main]" in graph and "[sub]" in graph


def test_clip_cache_key_follows_the_recipe(tmp_path: Path) -> None:
    camera = default_fleet()[0]
    assert clip_paths(tmp_path, camera) == clip_paths(tmp_path, camera)
    assert clip_paths(tmp_path, camera).main != clip_paths(tmp_path, replace(camera, hue=45)).main


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    assert check_loopback(host) == host


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "localhost", "::1", "128.0.0.1"])
def test_other_hosts_are_refused(host: str) -> None:
    with pytest.raises(ValueError):
        check_loopback(host)


def test_sim_command_refuses_a_public_host() -> None:
    from videowall.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["sim", "--port", "0"]).host == "127.0.0.1"
    with pytest.raises(SystemExit):
        parser.parse_args(["sim", "--host", "0.0.0.0"])

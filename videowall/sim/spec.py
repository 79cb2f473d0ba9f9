"""What the simulated fleet contains: cameras, their paths and faults, and the register export.

Pure data (no processes), so unit tests and the importer can use it without ffmpeg or GStreamer.
The export uses the city register's own (Indonesian) CSV header so the app imports the simulated
fleet through exactly the same path as the real register.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from videowall.domain.register_rows import CITY_COLUMNS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8554

FAULT_NOT_FOUND = "not_found"
FAULT_BLACK = "black"
FAULT_FROZEN = "frozen"
FAULT_DROPS = "drops"
FAULT_SCENE_CHANGE = "scene_change"
FAULTS = (FAULT_NOT_FOUND, FAULT_BLACK, FAULT_FROZEN, FAULT_DROPS, FAULT_SCENE_CHANGE)
#: How each fault appears in the camera name, so an operator (and a screenshot) can tell.
FAULT_LABELS = {
    FAULT_NOT_FOUND: "FAULT not found",
    FAULT_BLACK: "FAULT black",
    FAULT_FROZEN: "FAULT frozen",
    FAULT_DROPS: "FAULT drops",
    FAULT_SCENE_CHANGE: "FAULT scene change",
}

REGISTER_COLUMNS = CITY_COLUMNS  # the city register's own header (domain/register_rows.py)
KINDS = ("RT", "publik", "ATCS")
STREAMS = ("main", "sub")
#: Opt-in 1920x1080 stream (benchmarks only): not in the register, served only by ``Fleet(hd=N)``.
HD_STREAM = "hd"


@dataclass(frozen=True)
class SimCamera:
    """One simulated camera: register fields, RTSP paths, picture recipe and optional fault."""

    id: str
    name: str
    kind: str
    kecamatan: str
    kelurahan: str
    rw: str
    rt: str
    lat: float
    lon: float
    main_path: str
    sub_path: str
    fault: str | None = None
    ptz: bool = False
    look: str = "testsrc2"
    hue: int = 0

    @property
    def healthy(self) -> bool:
        return self.fault is None

    @property
    def served(self) -> bool:
        """False only for the camera whose path deliberately does not exist on the server."""
        return self.fault != FAULT_NOT_FOUND

    @property
    def hd_path(self) -> str:
        """Where the opt-in 1080p stream is served (``/fleet/cam01/hd`` next to ``.../main``)."""
        return self.main_path.rsplit("/", 1)[0] + "/" + HD_STREAM

    def path(self, stream: str = "main") -> str:
        if stream == HD_STREAM:
            return self.hd_path
        if stream not in STREAMS:
            raise ValueError(f"stream must be one of {STREAMS}, not {stream!r}")
        return self.main_path if stream == "main" else self.sub_path

    def url(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, stream: str = "main") -> str:
        return f"rtsp://{host}:{port}{self.path(stream)}"

    def register_row(self, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> dict[str, str]:
        """The camera as one row of the city register (all values as strings, like the CSV)."""
        note = "simulasi videowall" + (f"; gangguan: {self.fault}" if self.fault else "")
        return {
            "id_titik": self.id,
            "nama_titik": self.name,
            "jenis": self.kind,
            "kecamatan": self.kecamatan,
            "kelurahan": self.kelurahan,
            "rw": self.rw,
            "rt": self.rt,
            "latitude": f"{self.lat:.6f}",
            "longitude": f"{self.lon:.6f}",
            "rtsp_utama": self.url(host, port, "main"),
            "rtsp_sub": self.url(host, port, "sub"),
            "onvif_host": "",
            "onvif_port": "",
            "ptz": "ya" if self.ptz else "tidak",
            "status_layanan": "aktif",
            "keterangan": note,
        }


# (number, place, kind, kecamatan, kelurahan, rw, rt, lat, lon, ptz, look, hue)
_HEALTHY: tuple[tuple[int, str, str, str, str, str, str, float, float, bool, str, int], ...] = (
    (1, "Simpang Lima", "ATCS", "Semarang Selatan", "Pleburan", "", "", -6.990300, 110.422900, True, "testsrc2", 0),
    (2, "Tugu Muda", "ATCS", "Semarang Tengah", "Sekayu", "", "", -6.984200, 110.409400, True, "smptehdbars", 0),
    (3, "Jalan Pandanaran", "publik", "Semarang Selatan", "Mugassari", "", "", -6.987900, 110.413500, False, "life", 0),
    (4, "Pasar Johar", "publik", "Semarang Tengah", "Kauman", "", "", -6.968300, 110.424900, False, "cellauto", 0),
    (
        5,
        "Kawasan Kota Lama",
        "publik",
        "Semarang Utara",
        "Bandarharjo",
        "",
        "",
        -6.968600,
        110.428200,
        False,
        "gradients",
        0,
    ),
    (
        6,
        "Bundaran Kalibanteng",
        "ATCS",
        "Semarang Barat",
        "Kalibanteng Kulon",
        "",
        "",
        -6.983400,
        110.382600,
        True,
        "rgbtestsrc",
        0,
    ),
    (
        7,
        "RT 03/RW 05 Karangtempel",
        "RT",
        "Semarang Timur",
        "Karangtempel",
        "05",
        "03",
        -6.991800,
        110.436700,
        False,
        "testsrc",
        0,
    ),
    (
        8,
        "RT 01/RW 02 Jatingaleh",
        "RT",
        "Candisari",
        "Jatingaleh",
        "02",
        "01",
        -7.022600,
        110.419900,
        False,
        "yuvtestsrc",
        0,
    ),
    (
        9,
        "Jalan Setiabudi Srondol",
        "ATCS",
        "Banyumanik",
        "Srondol Wetan",
        "",
        "",
        -7.057300,
        110.414300,
        True,
        "colorspectrum",
        0,
    ),
    (
        10,
        "RT 04/RW 07 Tembalang",
        "RT",
        "Tembalang",
        "Tembalang",
        "07",
        "04",
        -7.051900,
        110.440600,
        False,
        "pal75bars",
        0,
    ),
    (11, "Terminal Terboyo", "publik", "Genuk", "Terboyo Kulon", "", "", -6.955800, 110.463800, False, "sierpinski", 0),
    (
        12,
        "RT 02/RW 03 Pedurungan Kidul",
        "RT",
        "Pedurungan",
        "Pedurungan Kidul",
        "03",
        "02",
        -7.003100,
        110.466200,
        False,
        "testsrc2",
        180,
    ),
    (
        13,
        "Pasar Peterongan",
        "publik",
        "Semarang Selatan",
        "Peterongan",
        "",
        "",
        -7.000900,
        110.429400,
        False,
        "life2",
        0,
    ),
    (
        14,
        "RT 06/RW 01 Tambakaji",
        "RT",
        "Ngaliyan",
        "Tambakaji",
        "01",
        "06",
        -6.990500,
        110.352700,
        False,
        "cellauto2",
        0,
    ),
    (
        15,
        "Jalan Siliwangi Krapyak",
        "ATCS",
        "Semarang Barat",
        "Krapyak",
        "",
        "",
        -6.985900,
        110.372100,
        True,
        "gradients2",
        0,
    ),
    (
        16,
        "RT 05/RW 04 Gayamsari",
        "RT",
        "Gayamsari",
        "Gayamsari",
        "04",
        "05",
        -6.989400,
        110.447500,
        False,
        "smptebars",
        120,
    ),
)

# (fault, slug, place, kind, kecamatan, kelurahan, rw, rt, lat, lon, look)
_FAULTS: tuple[tuple[str, str, str, str, str, str, str, str, float, float, str], ...] = (
    (
        FAULT_NOT_FOUND,
        "notfound",
        "Jalan Majapahit",
        "publik",
        "Pedurungan",
        "Palebon",
        "",
        "",
        -7.001700,
        110.455800,
        "testsrc2",
    ),
    (
        FAULT_BLACK,
        "black",
        "Pelabuhan Tanjung Emas",
        "publik",
        "Semarang Utara",
        "Tanjung Mas",
        "",
        "",
        -6.948500,
        110.426100,
        "black",
    ),
    (
        FAULT_FROZEN,
        "frozen",
        "RT 02/RW 01 Lamper Kidul",
        "RT",
        "Semarang Selatan",
        "Lamper Kidul",
        "01",
        "02",
        -6.997600,
        110.437900,
        "testsrc2",
    ),
    (
        FAULT_DROPS,
        "drops",
        "Jalan Kaligawe",
        "ATCS",
        "Gayamsari",
        "Kaligawe",
        "",
        "",
        -6.964700,
        110.452300,
        "testsrc2",
    ),
    (
        FAULT_SCENE_CHANGE,
        "scene",
        "RT 07/RW 03 Sendangmulyo",
        "RT",
        "Tembalang",
        "Sendangmulyo",
        "03",
        "07",
        -7.038200,
        110.457400,
        "smptehdbars",
    ),
)


def default_fleet() -> list[SimCamera]:
    """16 healthy cameras (SIM-CAM-01..16) followed by one camera per deliberate fault."""
    cameras = [
        SimCamera(
            id=f"SIM-CAM-{num:02d}",
            name=f"SIM CAM {num:02d} {place}",
            kind=kind,
            kecamatan=kec,
            kelurahan=kel,
            rw=rw,
            rt=rt,
            lat=lat,
            lon=lon,
            main_path=f"/fleet/cam{num:02d}/main",
            sub_path=f"/fleet/cam{num:02d}/sub",
            ptz=ptz,
            look=look,
            hue=hue,
        )
        for num, place, kind, kec, kel, rw, rt, lat, lon, ptz, look, hue in _HEALTHY
    ]
    cameras += [
        SimCamera(
            id=f"SIM-FAULT-{slug.upper()}",
            name=f"{FAULT_LABELS[fault]} {place}",
            kind=kind,
            kecamatan=kec,
            kelurahan=kel,
            rw=rw,
            rt=rt,
            lat=lat,
            lon=lon,
            main_path=f"/fleet/{slug}/main",
            sub_path=f"/fleet/{slug}/sub",
            fault=fault,
            look=look,
            hue=90,
        )
        for fault, slug, place, kind, kec, kel, rw, rt, lat, lon, look in _FAULTS
    ]
    return cameras


def register_rows(
    cameras: Iterable[SimCamera], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> list[dict[str, str]]:
    return [camera.register_row(host, port) for camera in cameras]


def write_csv(
    path: str | Path, cameras: Sequence[SimCamera], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> Path:
    """Write the fleet in the city register's CSV format (same header, same value style)."""
    return write_rows(path, register_rows(cameras, host, port))


def write_rows(path: str | Path, rows: Sequence[dict[str, str]]) -> Path:
    """Register rows (``register_rows``, perhaps edited) as the city register's CSV."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_json(
    path: str | Path, cameras: Sequence[SimCamera], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> Path:
    """Write the fleet as a JSON list of register rows (same keys as the CSV header)."""
    path = Path(path)
    path.write_text(
        json.dumps(register_rows(cameras, host, port), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def format_table(cameras: Sequence[SimCamera], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """A human-readable camera list for the terminal."""
    lines = [f"{'ID':<18} {'FAULT':<13} {'NAME':<44} MAIN URL"]
    for camera in cameras:
        lines.append(f"{camera.id:<18} {camera.fault or '-':<13} {camera.name:<44} {camera.url(host, port, 'main')}")
    return "\n".join(lines)

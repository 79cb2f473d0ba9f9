"""A realistic, deterministic city register of any size, for benchmarks and scale tests.

Sixteen kecamatan (Semarang's), kelurahan with made-up but plausible names, RW/RT numbering,
coordinates clustered per kelurahan, mostly RT cameras, some public and ATCS ones, a few switched
off, tags on some. The same ``n`` and ``seed`` always give the same file. URLs follow the shared
register's form (``/rt/<ID>/main``, ``/pub/<ID>/main``) so the load responder answers them.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus
from videowall.domain.register_rows import REGISTER_HEADER, camera_to_register_row

KECAMATAN: tuple[tuple[str, float, float], ...] = (
    ("Banyumanik", -7.066, 110.418), ("Candisari", -7.010, 110.427), ("Gajahmungkur", -7.015, 110.405),
    ("Gayamsari", -6.990, 110.450), ("Genuk", -6.960, 110.480), ("Gunungpati", -7.090, 110.370),
    ("Mijen", -7.050, 110.310), ("Ngaliyan", -7.000, 110.340), ("Pedurungan", -7.000, 110.470),
    ("Semarang Barat", -6.980, 110.390), ("Semarang Selatan", -6.995, 110.420), ("Semarang Tengah", -6.975, 110.420),
    ("Semarang Timur", -6.975, 110.440), ("Semarang Utara", -6.955, 110.415), ("Tembalang", -7.055, 110.450),
    ("Tugu", -6.970, 110.330),
)  # fmt: skip
_SYLLABLES = ("sum", "ur", "bo", "to", "pe", "dal", "ang", "jati", "sa", "ri", "ka", "li", "wi", "ru", "nga",
              "bang", "man", "yu", "sron", "dol", "te", "gal", "ke", "mi", "rej", "po", "kan", "gun")  # fmt: skip
TAGS = ("pasar", "sekolah", "rawan-banjir", "jalan-utama", "taman", "masjid", "terminal", "rawan-macet")


def _kelurahan_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate_cameras(n: int, seed: int = 0, *, host: str = "127.0.0.1", port: int = 8554) -> list[Camera]:
    """``n`` cameras, spread over the kecamatan roughly evenly, in a fixed order."""
    rng = random.Random(seed)
    areas: list[tuple[str, str, float, float]] = []
    for kec, lat, lon in KECAMATAN:
        names: set[str] = set()
        while len(names) < rng.randint(6, 12):
            names.add(_kelurahan_name(rng))
        for kel in sorted(names):
            areas.append((kec, kel, lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02)))
    out: list[Camera] = []
    for i in range(n):
        kec, kel, lat, lon = areas[i % len(areas)]
        roll = rng.random()
        kind = (CameraKind.RT if roll < 0.8 else CameraKind.PUBLIC if roll < 0.92
                else CameraKind.TRAFFIC if roll < 0.98 else CameraKind.OTHER)  # fmt: skip
        cid = f"SMG-{kec[:3].upper()}-{kel[:3].upper()}-{i + 1:05d}"
        if kind is CameraKind.RT:
            rw, rt = f"{rng.randint(1, 12):02d}", f"{rng.randint(1, 15):02d}"
            name, path = f"CCTV RT {rt}/RW {rw} {kel}", "rt"
        else:
            rw = rt = ""
            place = rng.choice(("Pasar", "Taman", "Simpang", "Jembatan", "Balai", "Alun-alun"))
            name, path = f"{place} {kel} {i % 97 + 1}", "pub"
        tags = tuple(sorted(rng.sample(TAGS, rng.randint(1, 2)))) if rng.random() < 0.15 else ()
        out.append(Camera(
            id=cid, name=name, kind=kind, area=Area(kec, kel, rw, rt),
            latitude=round(lat + rng.gauss(0, 0.004), 6), longitude=round(lon + rng.gauss(0, 0.004), 6),
            main_url=f"rtsp://{host}:{port}/{path}/{cid}/main", sub_url=f"rtsp://{host}:{port}/{path}/{cid}/sub",
            ptz=kind is CameraKind.TRAFFIC and rng.random() < 0.5,
            status=ServiceStatus.INACTIVE if rng.random() < 0.03 else ServiceStatus.ACTIVE, tags=tags,
        ))  # fmt: skip
    return out


def write_register(path: Path, n: int, seed: int = 0, *, host: str = "127.0.0.1", port: int = 8554) -> Path:
    """Write the generated register as a CSV with the city's Indonesian header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(REGISTER_HEADER)
        for camera in generate_cameras(n, seed, host=host, port=port):
            out.writerow(camera_to_register_row(camera))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m videowall.sim.register_gen",
                                     description="Write a deterministic city camera register CSV.")
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--port", type=int, default=8554)
    args = parser.parse_args(argv)
    write_register(args.out, args.n, args.seed, port=args.port)
    print(f"{args.n} cameras -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

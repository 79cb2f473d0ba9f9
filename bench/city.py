"""Figure 4: city scale. Health sweep of 5,000 endpoints, console start-up with 10,000 cameras, search."""

from __future__ import annotations

import csv
import re
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.common import BIN, AppRun, median
from videowall.ffmpeg_input import FfmpegInput


def _videowall(*args: str, env: dict[str, str], timeout: float = 600) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    done = subprocess.run([str(BIN / "videowall"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    return time.monotonic() - started, done


def sweep(endpoints: int, sample: int, env: dict[str, str], work: Path, port: int) -> dict[str, Any]:
    """The load responder serves ``endpoints`` paths; sweep them all, and ffprobe a sample one by one."""
    register = work / f"load-{endpoints}.csv"
    responder = subprocess.Popen([str(BIN / "videowall"), "sim", "--load", str(endpoints), "--csv", str(register),
                                  "--port", str(port), "--duration", "900"],
                                 env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not register.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        db = work / f"load-{endpoints}.db"
        import_s, done = _videowall("import", str(register), "--db", str(db), env=env)
        if done.returncode != 0:
            return {"error": f"import failed: {done.stderr[-500:]}"}
        sweep_s, done = _videowall("sweep", "--db", str(db), "--json", str(work / "sweep.json"), env=env)
        with register.open(encoding="utf-8") as fh:
            urls = [row["rtsp_utama"] for row in csv.DictReader(fh)][:sample]
        probe_times = []
        for url in urls:  # a URL with the register's password reaches ffprobe as the app's ingest does: on a pipe
            source = FfmpegInput(url, (("rtsp_transport", "tcp"), ("timeout", "3000000")))
            t = time.monotonic()
            with source.handed_over() as fd:
                subprocess.run(["ffprobe", "-v", "error", *source.args(fd)], pass_fds=source.fds(fd),
                               capture_output=True, timeout=20, check=False)
            probe_times.append(time.monotonic() - t)
        per = sum(probe_times) / max(1, len(probe_times))
        return {"endpoints": endpoints, "import_s": round(import_s, 2), "sweep_s": round(sweep_s, 2),
                "sweep_rc": done.returncode, "ffprobe_sample": len(urls), "ffprobe_each_s": round(per, 3),
                "ffprobe_extrapolated_s": round(per * endpoints, 1),
                "ratio_vs_ffprobe": round(sweep_s / (per * endpoints), 4) if per else None}
    finally:
        responder.terminate()
        try:
            responder.wait(10)
        except subprocess.TimeoutExpired:
            responder.kill()
            responder.wait()


def _write_10k(path: Path, n: int) -> str:
    """The other team's generator if present, else a register in the same header format."""
    try:
        from videowall.sim.register_gen import write_register

        write_register(path, n)
        return "videowall.sim.register_gen"
    except ImportError:
        from videowall.sim.spec import REGISTER_COLUMNS

        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=REGISTER_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for i in range(n):
                writer.writerow({"id_titik": f"GEN-{i:05d}", "nama_titik": f"Titik {i}", "jenis": "RT",
                                 "kecamatan": f"Kec {i % 16}", "kelurahan": f"Kel {i % 177}", "rw": "01", "rt": "01",
                                 "latitude": "-6.990000", "longitude": "110.420000",
                                 "rtsp_utama": f"rtsp://127.0.0.1:1/rt/GEN-{i:05d}/main", "rtsp_sub": "",
                                 "onvif_host": "", "onvif_port": "", "ptz": "tidak", "status_layanan": "aktif",
                                 "keterangan": ""})
        return "bench fallback"


_STARTUP = re.compile(r"startup: console first paint ([0-9.]+) s")


def startup(cameras: int, runs: int, env: dict[str, str], work: Path) -> dict[str, Any]:
    register = work / f"city-{cameras}.csv"
    source = _write_10k(register, cameras)
    db = work / f"city-{cameras}.db"
    import_s, done = _videowall("import", str(register), "--db", str(db), env=env)
    if done.returncode != 0:
        return {"error": f"import failed: {done.stderr[-500:]}"}
    paint, first_status = [], []
    for _ in range(runs):
        app = AppRun(env, work, "--db", str(db), "--layout", "1x1", "--quit-after", "15")
        status = app.wait_for(lambda s: True, 60)
        if status is not None:
            first_status.append(time.monotonic() - app.started)
        app.stop()
        found = _STARTUP.search(app.log.read_text(errors="replace"))
        if found:
            paint.append(float(found.group(1)))
    return {"cameras": cameras, "register_from": source, "import_s": round(import_s, 2),
            "first_paint_median_s": median(paint), "first_status_median_s": median(first_status),
            "runs": runs}


def search() -> dict[str, Any]:
    try:
        from videowall.services.search import measure_search
    except ImportError as exc:
        return {"error": f"n/a ({exc})"}
    timing = measure_search(10_000)
    return {key: getattr(timing, key) for key in timing.__dataclass_fields__}


def figure(env: dict[str, str], work: Path, endpoints: int, sample: int, cameras: int, runs: int,
           port: int) -> dict[str, Any]:
    print(f"  city: sweep of {endpoints}, start-up with {cameras} ...", flush=True)
    out = {"sweep": sweep(endpoints, sample, env, work, port), "startup": startup(cameras, runs, env, work),
           "search": search()}
    print(f"    {out}", flush=True)
    return out

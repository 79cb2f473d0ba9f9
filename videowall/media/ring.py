"""The pre-event buffer on disk: listing its segments, keeping it small, and cutting clips from it.

The ingest's ffmpeg writes ``<root>/<camera>/<stream>/<run>-NNNNNN.ts`` plus ``<run>.csv`` (name,
start, end in stream seconds, a line per finished segment). A segment's wall-clock end is its file's
mtime (written until the next segment opens) and its start is the end minus the listed duration, so
no clock needs to be shared with ffmpeg. Clips are stream copies: never re-encoded.
"""

from __future__ import annotations

import csv
import logging
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from videowall.domain.evidence import Segment, safe_name

log = logging.getLogger(__name__)


def ring_dir(root: Path, camera_id: str, stream: str) -> Path:
    return root / safe_name(camera_id) / stream


def list_segments(directory: Path, now: float | None = None) -> list[Segment]:
    """Every segment in one ring directory (all runs), with wall-clock spans."""
    if not directory.is_dir():
        return []
    now = time.time() if now is None else now
    durations: dict[str, float] = {}
    for listing in directory.glob("*.csv"):
        try:
            with listing.open(newline="", encoding="utf-8") as fh:
                for row in csv.reader(fh):
                    if len(row) >= 3:
                        try:
                            durations[row[0]] = float(row[2]) - float(row[1])
                        except ValueError:
                            continue  # a line being written
        except OSError:
            continue
    out: list[Segment] = []
    by_run: dict[str, list[tuple[int, Path, float]]] = {}
    for path in directory.glob("*-*.ts"):
        run, _, number = path.stem.rpartition("-")
        try:
            by_run.setdefault(run, []).append((int(number), path, path.stat().st_mtime))
        except (ValueError, OSError):
            continue  # deleted by the cleaner meanwhile
    for run, files in by_run.items():
        files.sort()
        prev_end: float | None = None
        prev_index = -2
        for index, path, mtime in files:
            duration = durations.get(path.name)
            complete = duration is not None
            if duration is None:  # still being written (or ffmpeg was killed): start = previous end
                duration = mtime - prev_end if prev_end is not None and index == prev_index + 1 else 1.0
            out.append(Segment(str(path), run, index, mtime - max(0.0, duration), mtime, complete))
            prev_end, prev_index = mtime, index
    return sorted(out, key=lambda s: (s.start, s.run, s.index))


def camera_segments(root: Path, camera_id: str) -> dict[str, list[Segment]]:
    """Segments per stream kind ("main", "sub") of one camera."""
    base = root / safe_name(camera_id)
    if not base.is_dir():
        return {}
    return {d.name: list_segments(d) for d in sorted(base.iterdir()) if d.is_dir()}


@dataclass(frozen=True, slots=True)
class CleanResult:
    deleted: int
    kept_bytes: int


def clean_ring(root: Path, keep_s: float, quota_bytes: int, now: float | None = None) -> CleanResult:
    """Delete segments older than ``keep_s``, then the oldest until the ring fits ``quota_bytes``.

    Lists of runs without segments go too. Files being written are never the oldest, so the active
    segment of a running ingest is safe.
    """
    now = time.time() if now is None else now
    files: list[tuple[float, int, Path]] = []
    for path in _walk(root):
        try:
            st = path.stat()
        except OSError:
            continue
        files.append((st.st_mtime, st.st_size, path))
    files.sort()
    deleted = 0
    total = sum(size for _m, size, p in files if p.suffix == ".ts")
    for mtime, size, path in files:
        if path.suffix != ".ts":
            continue
        if mtime >= now - keep_s and total <= quota_bytes:
            break
        try:
            path.unlink()
            deleted += 1
            total -= size
        except OSError:
            continue
    for mtime, _size, path in files:
        if path.suffix == ".csv" and mtime < now - keep_s and not any(path.parent.glob(f"{path.stem}-*.ts")):
            path.unlink(missing_ok=True)
    return CleanResult(deleted, total)


def _walk(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            yield Path(dirpath) / name


class ClipError(Exception):
    pass


def assemble_clip(segments: list[Segment], out: Path, ffmpeg: str = "ffmpeg", timeout: float = 60.0) -> Path:
    """Join consecutive segments of one run into ``out`` (MP4, stream copy: the camera's own encoding).

    The segments are copied first: the ring cleaner may delete them while ffmpeg still reads.
    """
    if not segments:
        raise ClipError("no segments")
    out.parent.mkdir(parents=True, exist_ok=True)
    joined = out.with_suffix(".part.ts")
    try:
        with joined.open("wb") as dst:
            for seg in segments:  # MPEG-TS segments of one run concatenate byte for byte
                try:
                    with open(seg.path, "rb") as src:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                except FileNotFoundError:
                    log.warning("segment %s vanished before the clip was cut", seg.path)
        argv = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-fflags", "+genpts",
                "-i", str(joined), "-map", "0:v:0", "-c", "copy", "-movflags", "+faststart", str(out)]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0 or not out.exists():
            raise ClipError(done.stderr.strip()[-300:] or f"ffmpeg exited {done.returncode}")
    finally:
        joined.unlink(missing_ok=True)
    return out

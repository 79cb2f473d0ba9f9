"""Generate (once) and cache the short H.264 clips the simulated cameras loop forever.

Encoding happens only here, never while serving: feeders copy these MPEG-TS files as they are.
Each clip's file name carries a hash of everything that shapes it (recipe, encoder settings,
font, generator version), so changing any of it regenerates just the affected clips.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from videowall.sim.spec import FAULT_BLACK, FAULT_FROZEN, FAULT_SCENE_CHANGE, SimCamera

LOG = logging.getLogger(__name__)

GENERATOR_VERSION = 2
FPS = 25
CLIP_SECONDS = 60
SCENE_CHANGE_AT_SECONDS = 30
MAIN_SIZE = (1280, 720)
SUB_SIZE = (640, 360)
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
PARALLEL_JOBS = 2
_DIGEST_CHARS = 12

#: Encoder settings; GOP of 1 s with no B-frames, like a real camera's low-latency profile.
_X264 = (
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-tune",
    "zerolatency",
    "-g",
    str(FPS),
    "-keyint_min",
    str(FPS),
    "-sc_threshold",
    "0",
    "-bf",
    "0",
    "-pix_fmt",
    "yuv420p",
    "-threads",
    "1",
)
_BITRATES = {"main": "1500k", "sub": "450k"}

#: Picture sources by look name; all ``{w}x{h}`` at 25 fps. Cheap ones only: see module docstring.
_LOOKS = {
    "testsrc2": "testsrc2=s={w}x{h}:r=25",
    "testsrc": "testsrc=s={w}x{h}:r=25",
    "smptehdbars": "smptehdbars=s={w}x{h}:r=25",
    "smptebars": "smptebars=s={w}x{h}:r=25",
    "pal75bars": "pal75bars=s={w}x{h}:r=25",
    "rgbtestsrc": "rgbtestsrc=s={w}x{h}:r=25",
    "yuvtestsrc": "yuvtestsrc=s={w}x{h}:r=25",
    "colorspectrum": "colorspectrum=s={w}x{h}:r=25:type=all",
    "sierpinski": "sierpinski=s={w}x{h}:r=25:type=triangle",
    "life": "life=s=320x180:r=25:mold=10:ratio=0.2:death_color=#203040:life_color=#60ff80,scale={w}:{h}:flags=neighbor",
    "life2": "life=s=160x90:r=25:rule=B36/S23:ratio=0.3:seed=7:death_color=#402010:life_color=#ffc040,"
    "scale={w}:{h}:flags=neighbor",
    "cellauto": "cellauto=s=320x180:r=25:rule=110:seed=3,scale={w}:{h}:flags=neighbor",
    "cellauto2": "cellauto=s=320x180:r=25:rule=30:seed=11,negate,scale={w}:{h}:flags=neighbor",
    "gradients": "gradients=s=320x180:r=25:speed=0.03:seed=5,scale={w}:{h}",
    "gradients2": "gradients=s=320x180:r=25:speed=0.05:seed=42:type=radial,scale={w}:{h}",
    "black": "color=c=black:s={w}x{h}:r=25",
}
#: What the scene-change camera switches to: a completely different picture.
_SCENE_B_LOOK = "life2"
_BOX_COLORS = ("yellow", "red", "cyan", "magenta", "orange", "lime", "white", "blue")


@dataclass(frozen=True)
class ClipPaths:
    """The cached main/sub clips of one camera."""

    main: Path
    sub: Path

    def exists(self) -> bool:
        return self.main.is_file() and self.sub.is_file()


def default_cache_dir() -> Path:
    """Per-user cache (``platformdirs``), so clips survive between runs and test sessions."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("videowall")) / "fleet"


def _escape_text(text: str) -> str:
    """Make a name safe inside drawtext's quoted ``text=''``: keep only plain characters."""
    return re.sub(r"[^A-Za-z0-9 ./#()-]", " ", text)


def _font_option() -> str:
    return f"fontfile={FONT_FILE}" if FONT_FILE.is_file() else "font=Sans"


def _source(look: str, seconds: float) -> str:
    width, height = MAIN_SIZE
    return _LOOKS[look].format(w=width, h=height) + f",trim=duration={seconds},setpts=PTS-STARTPTS"


def _decorate(camera: SimCamera) -> str:
    """Hue shift, two moving boxes and the burned-in name/clock that make each camera distinct."""
    index = zlib.crc32(camera.id.encode()) % 16  # stable per camera, whatever list it is in
    font = _font_option()
    color = _BOX_COLORS[index % len(_BOX_COLORS)]
    speed = 140 + 37 * (index % 7)
    parts = []
    if camera.hue:
        parts.append(f"hue=h={camera.hue}")
    # Moving boxes are overlaid colour sources: drawbox cannot move (its "t" is the line thickness,
    # not time), while overlay evaluates x/y per frame.
    tag = camera.id.replace("-", "_").lower()
    parts.append(
        f"null[{tag}_bg];color=c={color}:s=220x150:r=25[{tag}_a];color=c=white:s=110x110:r=25[{tag}_b];"
        f"[{tag}_bg][{tag}_a]overlay=x='mod(t*{speed}+{index * 97}\\,1060)':y='300+180*sin(t*0.7+{index})'"
        f":shortest=1[{tag}_o];"
        f"[{tag}_o][{tag}_b]overlay=x='1100-mod(t*{speed // 2 + 60}\\,1000)':y='{540 - 13 * index}':shortest=1"
    )
    parts += [
        f"drawtext={font}:text='{_escape_text(camera.id)}  {_escape_text(camera.name)}':x=24:y=20"
        ":fontsize=36:fontcolor=white:box=1:boxcolor=black@0.65:boxborderw=8",
        f"drawtext={font}:text='%{{pts\\:hms}}  #%{{n}}':x=24:y=76:fontsize=36:fontcolor=white"
        ":box=1:boxcolor=black@0.65:boxborderw=8",
    ]
    return ",".join(parts)


def filter_graph(camera: SimCamera, seconds: int = CLIP_SECONDS) -> str:
    """The ffmpeg filter graph for one camera; outputs ``[main]`` and ``[sub]``."""
    sub_w, sub_h = SUB_SIZE
    if camera.fault == FAULT_BLACK:
        picture = _source("black", seconds)  # no text either: a dead sensor shows nothing
    elif camera.fault == FAULT_FROZEN:
        # An encoder stuck on one frame, from the first frame of the clip on: the always-on fleet loops
        # the clip, and a few seconds of motion at its start came back every loop (a 'frozen' camera
        # seen live by a sweep whose two grabs spanned them, and an alert flapping once a minute).
        picture = (
            f"{_source(camera.look, 1)},{_decorate(camera)},trim=end_frame=1,"
            f"tpad=stop_mode=clone:stop_duration={seconds}"
        )
    elif camera.fault == FAULT_SCENE_CHANGE:
        first, second = SCENE_CHANGE_AT_SECONDS, seconds - SCENE_CHANGE_AT_SECONDS
        picture = (
            f"{_source(camera.look, first)}[a];{_source(_SCENE_B_LOOK, second)},hue=h=200[b];"
            f"[a][b]concat=n=2:v=1,{_decorate(camera)}"
        )
    else:
        picture = f"{_source(camera.look, seconds)},{_decorate(camera)}"
    return f"{picture},format=yuv420p,split[main][s];[s]scale={sub_w}:{sub_h}[sub]"


def _rate_args(camera: SimCamera, label: str) -> list[str]:
    """Bitrate-capped like a real camera; constant QP where frames must decode bit-identical."""
    if camera.fault in (FAULT_FROZEN, FAULT_BLACK):
        return ["-qp", "23"]  # identical input -> identical frames at the same GOP position
    rate = _BITRATES[label]
    return ["-b:v", rate, "-maxrate", rate, "-bufsize", rate]


def command(camera: SimCamera, main: Path, sub: Path) -> list[str]:
    """The one ffmpeg run that renders a camera's main and sub clips together."""
    graph = filter_graph(camera)
    args = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-filter_complex", graph]
    for label, out in (("main", main), ("sub", sub)):
        args += ["-map", f"[{label}]", *_X264, *_rate_args(camera, label), "-f", "mpegts", str(out)]
    return args


def clip_paths(cache_dir: Path, camera: SimCamera) -> ClipPaths:
    """Where a camera's clips live; the name changes whenever their recipe changes."""
    recipe = "\n".join([str(GENERATOR_VERSION), " ".join(command(camera, Path("main"), Path("sub"))), repr(FONT_FILE)])
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:_DIGEST_CHARS]
    stem = f"{camera.id.lower()}-{digest}"
    return ClipPaths(cache_dir / f"{stem}.main.ts", cache_dir / f"{stem}.sub.ts")


def _generate(camera: SimCamera, paths: ClipPaths, running: set[subprocess.Popen[str]]) -> None:
    # Write under temporary names and rename at the end: a killed run never leaves a half clip.
    suffix = f".part{os.getpid()}"
    tmp_main = paths.main.with_name(paths.main.name + suffix)
    tmp_sub = paths.sub.with_name(paths.sub.name + suffix)
    args = command(camera, tmp_main, tmp_sub)
    try:
        with subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) as proc:  # fmt: skip
            running.add(proc)
            _, stderr = proc.communicate()
        running.discard(proc)
        if proc.returncode != 0:
            raise RuntimeError(f"ffmpeg failed for {camera.id} ({proc.returncode}): {stderr.strip()[-2000:]}")
        tmp_main.replace(paths.main)
        tmp_sub.replace(paths.sub)
        _remove_outdated(camera, paths)
    finally:
        tmp_main.unlink(missing_ok=True)
        tmp_sub.unlink(missing_ok=True)


def _remove_outdated(camera: SimCamera, paths: ClipPaths) -> None:
    """Delete this camera's clips from older recipes, so the cache does not grow with each change."""
    for old in paths.main.parent.glob(f"{camera.id.lower()}-{'?' * _DIGEST_CHARS}.*.ts"):
        if old not in (paths.main, paths.sub):
            old.unlink(missing_ok=True)


def _remove_abandoned_parts(directory: Path) -> None:
    """Delete half-written clips left by a generator that was killed (its pid is in the name)."""
    for part in directory.glob("*.part*"):
        pid = part.suffix.removeprefix(".part")
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            part.unlink(missing_ok=True)


def ensure_clips(
    cache_dir: str | Path | None,
    cameras: Sequence[SimCamera],
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, ClipPaths]:
    """Return every served camera's clips, generating missing ones two at a time.

    ``progress(done, total, camera_id)`` is called after each generated camera.
    """
    if shutil.which("ffmpeg") is None:
        raise RuntimeError("ffmpeg is not installed; the simulated fleet needs it")
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_parts(directory)
    clips = {c.id: clip_paths(directory, c) for c in cameras if c.served}
    missing = [c for c in cameras if c.served and not clips[c.id].exists()]
    if not missing:
        return clips
    LOG.info("generating clips for %d cameras in %s", len(missing), directory)
    running: set[subprocess.Popen[str]] = set()
    pool = ThreadPoolExecutor(max_workers=PARALLEL_JOBS, thread_name_prefix="sim-clips")
    try:
        futures = {pool.submit(_generate, c, clips[c.id], running): c for c in missing}
        for done, (future, camera) in enumerate(futures.items(), start=1):
            future.result()
            LOG.info("clips ready for %s (%d/%d)", camera.id, done, len(missing))
            if progress is not None:
                progress(done, len(missing), camera.id)
    except BaseException:
        # Error or Ctrl+C: drop the queue and stop the encoders now rather than finishing them.
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(running):
            proc.terminate()
        raise
    finally:
        pool.shutdown(wait=True)
    return clips


# -- opt-in 1080p clips (benchmarks) -------------------------------------------------------------
HD_SIZE = (1920, 1080)
_HD_BITRATE = "3000k"


def hd_command(camera: SimCamera, out: Path) -> list[str]:
    """The ffmpeg run for a camera's 1080p clip: its usual picture, scaled up, encoded like the others."""
    width, height = HD_SIZE
    graph = filter_graph(camera).rsplit(",format=yuv420p", 1)[0] + f",scale={width}:{height},format=yuv420p[hd]"
    rate = ["-b:v", _HD_BITRATE, "-maxrate", _HD_BITRATE, "-bufsize", _HD_BITRATE]
    return ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-filter_complex", graph,
            "-map", "[hd]", *_X264, *rate, "-f", "mpegts", str(out)]  # fmt: skip


def hd_clip_path(cache_dir: Path, camera: SimCamera) -> Path:
    recipe = "\n".join([str(GENERATOR_VERSION), " ".join(hd_command(camera, Path("hd"))), repr(FONT_FILE)])
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:_DIGEST_CHARS]
    return cache_dir / f"{camera.id.lower()}-hd-{digest}.ts"


def ensure_hd_clips(cache_dir: str | Path | None, cameras: Sequence[SimCamera]) -> dict[str, Path]:
    """Return (generating once, one at a time) the 1080p clips of ``cameras``; cached like the others."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    clips = {c.id: hd_clip_path(directory, c) for c in cameras if c.served}
    for camera in cameras:
        path = clips.get(camera.id)
        if path is None or path.is_file():
            continue
        LOG.info("generating the 1080p clip for %s", camera.id)
        tmp = path.with_name(path.name + f".part{os.getpid()}")
        try:
            done = subprocess.run(hd_command(camera, tmp), stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, check=False)  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(f"ffmpeg failed for {camera.id} (hd): {done.stderr.strip()[-2000:]}")
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        for old in directory.glob(f"{camera.id.lower()}-hd-{'?' * _DIGEST_CHARS}.ts"):
            if old != path:
                old.unlink(missing_ok=True)
    return clips

"""One upstream connection per camera stream, shared by every tile, wall and monitor that shows it.

A :class:`CameraFeed` owns one ingest (ffmpeg: RTSP in, MPEG-TS out, optionally the pre-event
segment ring) and copies what it reads to every subscriber's own pipe, which that subscriber's
libVLC player reads. Two tiles on one camera are one connection to the camera: on a thin RT/RW
uplink, pulling a camera twice is a real cost.

Joining a running feed is instant: a subscriber first gets the newest PAT and PMT and the packets
since the last keyframe, their clock squeezed (``media.ts.squeeze``) so the tile shows the newest
picture at once and then plays at the live edge, not a GOP behind it.

The :class:`FeedHub` keeps a feed that lost its last viewer *warm* for ``grace_s`` (bounded by
``max_warm``, least recently used dropped first), so switching back to a layout just left costs no
new connection. A feed only ever held for its segment ring (the main-stream evidence recorder) ends
with its holder: it has its own linger time. A feed whose ingest ends tells every subscriber (each
tile then shows its own state and reconnects; the first one back opens the one new upstream
connection the others join).

Threads: each feed has a reader thread (this module) and the ingest's stderr thread. Subscribers'
pipes are non-blocking: a subscriber that falls behind by more than ``_BACKLOG_MAX`` bytes is cut
back to the next keyframe instead of holding up the feed or the other subscribers.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from videowall.domain.urls import redact
from videowall.media import ts
from videowall.media.ingest import FfmpegIngest, IngestExit, IngestOptions

log = logging.getLogger(__name__)

_F_SETPIPE_SZ = 1031
_PIPE_SIZE = 1 << 20  # a main stream's GOP fits: the join burst goes in one write
_BACKLOG_MAX = 8 << 20
_GOP_MAX = 16 << 20  # no keyframe for this long: stop caching rather than grow without bound
_READ = 1 << 16

Counter = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class FeedKey:
    """What makes two subscriptions the same upstream connection. ``url`` may hold credentials: it
    lives in memory only and is never logged (``redact``)."""

    url: str
    buffer_dir: Path | None


class Subscription:
    """One consumer's pipe: ``read_fd`` goes to libVLC; the feed writes the other end."""

    def __init__(self, feed: CameraFeed, on_exit: Callable[[IngestExit], None], pipe: bool = True) -> None:
        self.feed = feed
        self._on_exit = on_exit
        self.read_fd = self._write_fd = -1
        if pipe:
            self.read_fd, self._write_fd = os.pipe()
            with contextlib.suppress(OSError):  # over /proc/sys/fs/pipe-max-size: the default 64 KiB works too
                fcntl.fcntl(self._write_fd, _F_SETPIPE_SZ, _PIPE_SIZE)
            os.set_blocking(self._write_fd, False)
        self._backlog = bytearray()
        # The write end is written by the feed's reader thread and closed from the control thread
        # (detach) or the ingest's stderr thread (ended): one lock, so it is closed once and never
        # written after; a closed number may already be another file's (the database's, even).
        self._fd_lock = threading.Lock()
        self._resync = False  # fell behind: skip to the next keyframe
        self.joined_at = time.monotonic()
        self._closed = False

    # --- the feed's reader thread, under the feed's lock -----------------------------------------
    def push(self, data: bytes, keyframe_at: int | None, tables: bytes = b"") -> None:
        """Queue ``data`` (whole packets); ``keyframe_at``: offset of a keyframe's first packet in it.

        A subscriber waiting for a keyframe (joined before the feed had one, or fell behind) starts
        there, after ``tables`` (the newest PAT and PMT), so its decoder never sees a broken GOP.
        """
        with self._fd_lock:
            self._push(data, keyframe_at, tables)

    def _push(self, data: bytes, keyframe_at: int | None, tables: bytes) -> None:
        if self._closed or self._write_fd < 0:
            return
        if self._resync:
            if keyframe_at is None:
                return
            data, self._resync = tables + data[keyframe_at:], False
        self._backlog += data
        self._flush()
        if len(self._backlog) > _BACKLOG_MAX:
            log.info("a viewer of %s fell behind; it goes on from the next keyframe", self.feed.name)
            self._backlog.clear()
            self._resync = True

    def wait_for_keyframe(self) -> None:
        self._resync = True

    def _flush(self) -> None:
        while self._backlog:
            try:
                sent = os.write(self._write_fd, self._backlog)
            except BlockingIOError:
                return
            except OSError:  # the reader is gone (EPIPE): nothing more to send
                self._backlog.clear()
                return
            del self._backlog[:sent]

    def ended(self, result: IngestExit) -> None:
        """The upstream ended: tell the consumer, then end its pipe (libVLC sees end of file)."""
        if not self._closed:
            self._on_exit(result)
        self._close_writer()

    def _close_writer(self) -> None:
        with self._fd_lock:
            fd, self._write_fd = self._write_fd, -1
            self._backlog.clear()
            if fd >= 0:
                os.close(fd)

    # --- the consumer ----------------------------------------------------------------------------
    def detach(self) -> None:
        """Stop receiving; the write end closes, so a player still reading sees end of file."""
        self._closed = True
        self.feed.remove(self)

    def close_read(self) -> None:
        """Only once no player reads ``read_fd`` any more (its number could be reused under libVLC)."""
        if self.read_fd >= 0:
            os.close(self.read_fd)
            self.read_fd = -1


class CameraFeed:
    """One ingest and its subscribers."""

    def __init__(self, key: FeedKey, options: IngestOptions | None, count: Counter,
                 on_idle: Callable[[CameraFeed], None], on_dead: Callable[[CameraFeed], None]) -> None:
        self.key = key
        self.name = redact(key.url)
        self._options = options
        self._count = count
        self._on_idle, self._on_dead = on_idle, on_dead
        self._lock = threading.Lock()
        self._subs: list[Subscription] = []
        self._ingest: FfmpegIngest | None = None
        self._tables: dict[int, bytes] = {}  # PID -> newest PAT / PMT packet
        self._pmt_pids: set[int] = set()
        self._gop = bytearray()
        self._gop_open = False
        self.idle_since: float | None = None
        self.viewed = False  # had a picture viewer: only such a feed is kept warm (not a recorder's alone)
        self.dead = False
        self.started_at = time.monotonic()

    @property
    def pid(self) -> int | None:
        return self._ingest.pid if self._ingest else None

    @property
    def total_bytes(self) -> int:
        return self._ingest.total_bytes if self._ingest else 0

    @property
    def running(self) -> bool:
        return self._ingest is not None and self._ingest.running

    @property
    def subscribers(self) -> int:
        with self._lock:
            return len(self._subs)

    def start(self) -> None:
        ingest = FfmpegIngest(self.key.url, self._options, on_exit=self._ended)
        fd = ingest.start()  # OSError (no ffmpeg) goes to the caller
        self._ingest = ingest
        self._count(+1)
        threading.Thread(target=self._read, args=(fd,), name="feed-reader", daemon=True).start()

    def subscribe(self, on_exit: Callable[[IngestExit], None], pipe: bool = True) -> Subscription:
        sub = Subscription(self, on_exit, pipe)
        with self._lock:
            self.idle_since = None
            self.viewed = self.viewed or pipe
            if pipe and self._gop_open and self._gop:
                sub.push(b"".join(self._tables.values()) + ts.squeeze(self._gop), 0)
            elif pipe:
                sub.wait_for_keyframe()
            self._subs.append(sub)
        return sub

    def remove(self, sub: Subscription) -> None:
        with self._lock:
            if sub in self._subs:
                self._subs.remove(sub)
            sub._close_writer()
            idle = not self._subs and not self.dead
            if idle:
                self.idle_since = time.monotonic()
        if idle:
            self._on_idle(self)

    def stop(self) -> None:
        """End the upstream connection (from any thread but libVLC's); subscribers are told nothing:
        the hub stops only feeds nobody watches, or everything at exit."""
        ingest = self._ingest
        if ingest is None:
            return
        with self._lock:
            subs, self._subs = self._subs, []
        for sub in subs:
            sub._closed = True
            sub._close_writer()
        ingest.stop()

    # --- reader thread ---------------------------------------------------------------------------
    def _read(self, fd: int) -> None:
        rest = b""
        try:
            while True:
                try:
                    chunk = os.read(fd, _READ)
                except OSError:
                    break
                if not chunk:
                    break
                data = rest + chunk
                cut = len(data) - len(data) % ts.PACKET
                data, rest = data[:cut], data[cut:]
                if data and data[0] != ts.SYNC:  # out of step (never seen from ffmpeg): find the next sync
                    at = data.find(bytes([ts.SYNC]))
                    rest, data = (data[at:] + rest, b"") if at >= 0 else (b"", b"")
                    continue
                if data:
                    self._fan_out(data)
        finally:
            if self._ingest is not None:
                self._ingest.close_output()

    def _fan_out(self, data: bytes) -> None:
        with self._lock:  # subscribe() reads the tables and the GOP cache from the control thread
            self._cache(data)

    def _cache(self, data: bytes) -> None:
        """Keep the newest PAT and PMT and the packets since the last keyframe; hand ``data`` on."""
        found = ts.scan(data)
        pids = found.pids
        for i in np.flatnonzero(pids == ts.PAT_PID):  # a few a second
            pat = data[i * ts.PACKET:(i + 1) * ts.PACKET]
            self._tables[ts.PAT_PID] = pat
            self._pmt_pids = ts.pmt_pids(pat) or self._pmt_pids
        table = pids == ts.PAT_PID
        for pmt in self._pmt_pids:  # one PMT per program (np.isin costs more than the whole scan)
            table |= pids == pmt
        for i in np.flatnonzero(table & (pids != ts.PAT_PID)):
            self._tables[int(pids[i])] = data[i * ts.PACKET:(i + 1) * ts.PACKET]
        keys = found.keyframes[~table[found.keyframes]]
        keyframe_at = int(keys[0]) * ts.PACKET if len(keys) else None
        if len(keys) or self._gop_open:  # the GOP cache: from its keyframe on, tables left out
            start = int(keys[-1]) if len(keys) else 0
            media = ~table[start:]
            part = data[start * ts.PACKET:] if media.all() else found.packets[start:][media].tobytes()
            if len(keys):
                self._gop = bytearray(part)
                self._gop_open = True
            else:
                self._gop += part
            if len(self._gop) > _GOP_MAX:
                self._gop, self._gop_open = bytearray(), False
        tables = b"".join(self._tables.values()) if keyframe_at is not None else b""
        for sub in self._subs:
            sub.push(data, keyframe_at, tables)

    def _ended(self, result: IngestExit) -> None:  # the ingest's stderr thread
        self.dead = True
        if not result.stopped:
            self._count(-1)
        with self._lock:
            subs, self._subs = self._subs, []
        for sub in subs:
            sub.ended(result)
        self._on_dead(self)


class FeedHub:
    """The process's feeds by key; warm ones kept ``grace_s`` after their last subscriber left."""

    def __init__(self, count: Counter, grace_s: float = 30.0, max_warm: int = 32) -> None:
        self.grace_s = grace_s
        self.max_warm = max_warm
        self._count = count
        self._lock = threading.Lock()
        self._feeds: dict[FeedKey, CameraFeed] = {}
        self._timer: threading.Timer | None = None
        self.connections_opened = 0  # upstream connections since start: a warm switch opens none
        self._closed = False

    def subscribe(self, url: str, options: IngestOptions | None,
                  on_exit: Callable[[IngestExit], None], pipe: bool = True) -> Subscription:
        """Join the feed of ``url`` (starting it if needed). Control thread only (may start ffmpeg)."""
        key = FeedKey(url, options.buffer_dir if options else None)
        with self._lock:
            feed = self._feeds.get(key)
            if feed is None or feed.dead:
                feed = CameraFeed(key, options, self._count, self._idle, self._dead)
                feed.start()
                self._feeds[key] = feed
                self.connections_opened += 1
            return feed.subscribe(on_exit, pipe)

    def hold(self, url: str, options: IngestOptions | None, on_exit: Callable[[IngestExit], None]) -> Subscription:
        """Keep the feed of ``url`` connected without a picture (its segment ring is wanted: evidence)."""
        return self.subscribe(url, options, on_exit, pipe=False)

    def prewarm(self, url: Callable[[], str], options: IngestOptions | None, hold_s: float) -> None:
        """Control thread: hold the feed of ``url()`` for ``hold_s`` (a tour's next camera), then let go;
        a tile that joined it meanwhile keeps it, else it ends (or stays warm if somebody viewed it)."""
        try:
            sub = self.hold(url(), options, lambda _done: None)
        except (OSError, KeyError, ValueError) as exc:  # no ffmpeg, no credentials: the step connects cold
            log.info("could not connect a tour's next camera ahead: %s", exc)
            return
        timer = threading.Timer(hold_s, sub.detach)
        timer.daemon = True
        timer.start()

    def counts(self) -> tuple[int, int]:
        """(feeds connected, of which warm: nobody watches)."""
        with self._lock:
            feeds = [f for f in self._feeds.values() if not f.dead]
        return len(feeds), sum(1 for f in feeds if f.idle_since is not None)

    def status(self) -> dict[str, int]:
        """For the status file: feeds connected, warm ones among them, upstream connections ever opened."""
        connected, warm = self.counts()
        return {"connected": connected, "warm": warm, "opened": self.connections_opened}

    def feed_pids(self) -> list[int]:
        with self._lock:
            return [f.pid for f in self._feeds.values() if f.pid is not None and not f.dead]

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            feeds, self._feeds = list(self._feeds.values()), {}
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
        for feed in feeds:
            self._stop(feed)

    # --- feeds' threads --------------------------------------------------------------------------
    def _idle(self, _feed: CameraFeed) -> None:
        self._sweep()

    def _dead(self, feed: CameraFeed) -> None:
        with self._lock:
            if self._feeds.get(feed.key) is feed:
                del self._feeds[feed.key]

    def _sweep(self) -> None:
        """Stop warm feeds past their grace and the oldest beyond the budget; re-arm for the next."""
        now = time.monotonic()
        with self._lock:
            if self._closed:
                return
            warm = sorted((f for f in self._feeds.values() if f.idle_since is not None and not f.dead),
                          key=lambda f: f.idle_since or 0.0)
            over = max(0, len(warm) - self.max_warm)
            stale = [f for i, f in enumerate(warm)
                     if i < over or not f.viewed or now - (f.idle_since or now) >= self.grace_s]
            for feed in stale:
                del self._feeds[feed.key]
            left = [f for f in warm if f not in stale]
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if left:
                due = min(self.grace_s - (now - (f.idle_since or now)) for f in left)
                self._timer = threading.Timer(max(0.05, due), self._sweep)
                self._timer.daemon = True
                self._timer.start()
        for feed in stale:
            log.info("warm feed %s: nobody watched it for %.0f s; disconnected", feed.name, self.grace_s)
            self._stop(feed)

    def _stop(self, feed: CameraFeed) -> None:
        if not feed.dead:
            self._count(-1)
            feed.dead = True
        feed.stop()

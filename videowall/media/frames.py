"""Pictures from libVLC into memory that the UI paints, through libVLC's video callbacks (vmem).

Why callbacks and not a native window: masks and overlays must be burned into every picture a person
sees, the watchdog must look at the pixels (black, frozen), and screenshots must show what the tile
shows. libVLC decodes, scales to the tile size and converts to BGRA in its own threads; we only hand
it buffers and note which one is newest. Nothing here calls back into libVLC.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import vlc

from videowall.domain.privacy import MASK_WORD, MaskPolygon, RasterCache, burn
from videowall.media import vmem

_N_BUFFERS = 4
_POOL = 2  # pictures libVLC may hold at once; the rest are for the newest picture and the painter

_FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.POINTER(ctypes.c_char),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
_CleanupCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_LockCb = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_UnlockCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_DisplayCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_NO_UNLOCK = ctypes.cast(None, _UnlockCb)  # type: ignore[arg-type]  # NULL: libVLC calls no unlock callback at all


def _bind(name: str, *argtypes: object) -> Callable[..., None]:
    # Our own prototypes: python-vlc's format callback type passes the chroma as an immutable
    # bytes copy, which cannot be written.
    proto = ctypes.CFUNCTYPE(None, *argtypes)  # type: ignore[arg-type]
    return proto((name, vlc.dll))  # type: ignore[no-any-return]


_set_format_callbacks = _bind("libvlc_video_set_format_callbacks", ctypes.c_void_p, _FormatCb, _CleanupCb)
_set_callbacks = _bind(
    "libvlc_video_set_callbacks", ctypes.c_void_p, _LockCb, _UnlockCb, _DisplayCb, ctypes.c_void_p
)


@dataclass(frozen=True, slots=True)
class FrameSample:
    """A cheap look at the newest picture for the watchdog."""

    frames: int  # pictures displayed so far
    luma: float  # mean brightness 0..255 of a sparse grid of pixels
    peak: float  # the brightest of them: a dark street still has lamps, a dead feed has none
    signature: bytes  # the sparse grid itself: equal signatures mean an unchanged picture
    width: int
    height: int


class FrameBuffer:
    """A small ring of BGRA buffers libVLC writes into; the UI reads the newest one.

    The ring's bookkeeping (which buffer libVLC writes, which is newest, which is being read) lives in
    C where ``_vmem.so`` is built (media/vmem.py), so libVLC's threads never take the GIL per picture;
    otherwise in Python, with the same rules. ``native=False`` asks for Python's.
    """

    def __init__(self, target_width: int = 640, target_height: int = 360, native: bool = True) -> None:
        self._mutex = threading.Lock()
        self._bufs: list[np.ndarray] = []
        self._old_bufs: list[np.ndarray] = []  # the previous size's, one generation: a late write lands here
        self._latest = -1
        self._reading = -1
        self._writing: set[int] = set()
        self.target = (max(16, target_width), max(16, target_height))
        self.width = 0
        self.height = 0
        self.source_size = (0, 0)
        self._frames = 0
        self._last_at = 0.0
        self._last_wall = 0.0
        # Privacy masks, burned into each picture here, before anyone can see it (see display()).
        self.masks: tuple[MaskPolygon, ...] = ()
        self._raster = RasterCache()
        self._mask_cost = 0.0  # last per-picture masking time, for measurements
        lib = vmem.load() if native else None
        self.native: vmem.NativeRing | None = vmem.NativeRing(lib) if lib is not None else None
        self._native_mask: np.ndarray | None = None  # the raster C burns with, kept alive here

    def stats(self) -> vmem.RingStats:
        """Pictures displayed, when the newest came (monotonic and wall clock), the last mask's cost."""
        if self.native is not None:
            return self.native.stats()
        return vmem.RingStats(self._frames, self._last_at, self._last_wall, self._mask_cost)

    @property
    def frames(self) -> int:
        return self.stats().frames

    @property
    def last_frame_at(self) -> float:
        """time.monotonic() of the newest picture (0.0: none yet)."""
        return self.stats().last_at

    @property
    def last_frame_wall(self) -> float:
        """Wall-clock time of the newest picture, for "last picture 14:02:11"."""
        return self.stats().last_wall

    @property
    def mask_cost_s(self) -> float:
        return self.stats().mask_cost_s

    # --- the libVLC side (its threads) ---------------------------------------------------------
    def setup(self, source_w: int, source_h: int) -> tuple[int, int]:
        """Pick the decoded size: the source fitted into the target, never larger than the source."""
        tw, th = self.target
        scale = min(tw / max(1, source_w), th / max(1, source_h), 1.0)
        w = max(16, int(source_w * scale) // 8 * 8)
        h = max(16, int(source_h * scale) // 2 * 2)
        with self._mutex:
            self._old_bufs = self._bufs
            self._bufs = [np.zeros((h, w, 4), dtype=np.uint8) for _ in range(_N_BUFFERS)]
            self._latest = -1
            self._writing.clear()
            self.width, self.height = w, h
            self.source_size = (source_w, source_h)
        if self.native is not None:
            self.native.setup([b.ctypes.data for b in self._bufs], w * h)
            self._give_native_mask()
        return w, h

    def lock(self) -> tuple[int, int]:
        """A buffer libVLC may decode into: not the newest, not the one being painted."""
        if self.native is not None:
            return self.native.lock()
        with self._mutex:
            busy = {self._latest, self._reading} | self._writing
            idx = next((i for i in range(len(self._bufs)) if i not in busy), -1)
            if idx < 0:  # libVLC holds more pictures than expected: reuse a written-to one
                idx = next(i for i in range(len(self._bufs)) if i not in (self._latest, self._reading))
            self._writing.add(idx)
            return idx, self._bufs[idx].ctypes.data

    def set_masks(self, masks: tuple[MaskPolygon, ...]) -> None:
        """Masks to burn from the next picture on (rasterised once per size)."""
        self.masks = masks
        if self.native is not None:
            self._give_native_mask()

    def _give_native_mask(self) -> None:
        assert self.native is not None
        raster = self._raster.get(self.masks, self.width, self.height) if self.width else None
        if raster is None:
            self.native.set_mask(None, 0)
        else:
            raster = np.ascontiguousarray(raster)
            self.native.set_mask(raster.ctypes.data, int(MASK_WORD))
        self._native_mask = raster  # the previous one is freed only now: set_mask waited out its burn

    def display(self, idx: int) -> None:
        if self.native is not None:
            self.native.display(idx)
            return
        masks = self.masks
        if masks and 0 <= idx < len(self._bufs):  # idx is ours alone until published below
            t0 = time.perf_counter()
            buf = self._bufs[idx]
            burn(buf, self._raster.get(masks, buf.shape[1], buf.shape[0]))
            self._mask_cost = time.perf_counter() - t0
        with self._mutex:
            self._writing.discard(idx)
            if 0 <= idx < len(self._bufs):
                self._latest = idx
                self._frames += 1
                self._last_at = time.monotonic()
                self._last_wall = time.time()

    # --- the reader side (UI thread, watchdog) ------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[np.ndarray | None]:
        """The newest picture (h, w, 4 BGRA), held so libVLC does not write into it meanwhile."""
        if self.native is not None:
            idx = self.native.read_begin()
            try:
                yield self._bufs[idx] if 0 <= idx < len(self._bufs) else None
            finally:
                self.native.read_end()
            return
        with self._mutex:
            idx = self._latest
            self._reading = idx
            buf = self._bufs[idx] if idx >= 0 else None
        try:
            yield buf
        finally:
            with self._mutex:
                self._reading = -1

    def sample(self, grid: int = 24) -> FrameSample | None:
        with self.reading() as buf:
            if buf is None:
                return None
            h, w = buf.shape[:2]
            pts = buf[:: max(1, h // grid), :: max(1, w // grid), :3]
            grey = pts.mean(axis=2)
            luma, peak = float(grey.mean()), float(grey.max())
            sig = pts.tobytes()
        return FrameSample(self.frames, luma, peak, sig, w, h)


@dataclass(frozen=True, slots=True)
class Still:
    """A copy of the last picture a stream showed and when it was taken: what a tile keeps, dimmed,
    while its stream is not live (masks already burned in, like every picture in a buffer)."""

    pixels: np.ndarray  # (h, w, 4) BGRA, owned: libVLC never writes into it
    taken_at: float  # wall-clock (time.time()) of that picture


def keep_still(buffer: FrameBuffer) -> Still | None:
    """Copy the newest picture of ``buffer`` (None when it has none yet)."""
    with buffer.reading() as buf:
        if buf is None:
            return None
        return Still(buf.copy(), buffer.last_frame_wall)


class CallbackVideoOutput:
    """Binds one libVLC media player to a :class:`FrameBuffer` through the vmem callbacks."""

    def __init__(self, buffer: FrameBuffer) -> None:
        self.buffer = buffer
        # Keep the C callables alive as long as the player may call them.
        self._format = _FormatCb(self._on_format)
        self._cleanup = _CleanupCb(lambda _opaque: None)
        self._lock = _LockCb(self._on_lock)
        self._unlock = _UnlockCb(lambda _o, _p, _planes: None)
        self._display = _DisplayCb(self._on_display)

    def attach(self, player: vlc.MediaPlayer) -> None:
        handle = ctypes.c_void_p(player._as_parameter_.value)  # type: ignore[attr-defined]
        native = self.buffer.native
        if native is not None:  # lock and display in C on the ring itself; no unlock needed (NULL)
            _set_callbacks(handle, ctypes.cast(native.lock_cb, _LockCb), _NO_UNLOCK,  # type: ignore[arg-type]
                           ctypes.cast(native.display_cb, _DisplayCb), native.opaque)  # type: ignore[arg-type]
        else:
            _set_callbacks(handle, self._lock, self._unlock, self._display, None)
        _set_format_callbacks(handle, self._format, self._cleanup)

    def _on_format(self, _opaque, chroma, width, height, pitches, lines) -> int:  # type: ignore[no-untyped-def]
        w, h = self.buffer.setup(width[0], height[0])
        ctypes.memmove(chroma, b"RV32", 4)
        width[0], height[0] = w, h
        pitches[0] = w * 4
        lines[0] = h
        return _POOL

    def _on_lock(self, _opaque, planes) -> int:  # type: ignore[no-untyped-def]
        idx, address = self.buffer.lock()
        planes[0] = address
        return idx + 1  # picture id: 0 would read as NULL

    def _on_display(self, _opaque, picture) -> None:  # type: ignore[no-untyped-def]
        self.buffer.display((picture or 0) - 1)

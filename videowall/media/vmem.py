"""The picture ring in C (vmem.c): libVLC's lock and display callbacks that never take the GIL.

``make setup`` builds ``_vmem.so`` beside this file. Where it is missing (a checkout nobody built, or
a bundle without it), :func:`load` returns None and frames.py keeps its Python callbacks, with the
same behaviour and the cost the C ring removes (see vmem.c for why it matters at 64 tiles).
"""

from __future__ import annotations

import ctypes
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LIBRARY = Path(__file__).with_name("_vmem.so")
_LockCb = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_DisplayCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


@dataclass(frozen=True, slots=True)
class RingStats:
    frames: int
    last_at: float
    last_wall: float
    mask_cost_s: float


class _Library:
    def __init__(self, dll: ctypes.CDLL) -> None:
        self.dll = dll
        dll.vw_size.restype = ctypes.c_size_t
        for name, args in (("vw_init", [ctypes.c_void_p]), ("vw_destroy", [ctypes.c_void_p]),
                           ("vw_setup", [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p),
                                         ctypes.c_size_t]),
                           ("vw_set_mask", [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32]),
                           ("vw_read_end", [ctypes.c_void_p]),
                           ("vw_display", [ctypes.c_void_p, ctypes.c_void_p]),
                           ("vw_stats", [ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint64),
                                         *[ctypes.POINTER(ctypes.c_double)] * 3])):
            fn = getattr(dll, name)
            fn.argtypes, fn.restype = args, None
        dll.vw_read_begin.argtypes, dll.vw_read_begin.restype = [ctypes.c_void_p], ctypes.c_int
        dll.vw_lock.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        dll.vw_lock.restype = ctypes.c_void_p
        # The C functions themselves, as the callbacks libVLC calls (no Python in between).
        self.lock_cb = ctypes.cast(dll.vw_lock, _LockCb)
        self.display_cb = ctypes.cast(dll.vw_display, _DisplayCb)
        self.size = int(dll.vw_size())


_loaded: list[_Library | None] = []  # [] not tried yet; [None] tried and missing


def load() -> _Library | None:
    """The built library, or None (said once in the log) where there is none."""
    if not _loaded:
        lib: _Library | None = None
        if os.environ.get("VIDEOWALL_PY_VMEM") != "1" and LIBRARY.exists():  # "1": compare with Python's
            try:
                lib = _Library(ctypes.CDLL(str(LIBRARY)))
            except OSError as exc:
                log.warning("the C picture ring did not load (%s): pictures go through Python", exc)
        elif not LIBRARY.exists():
            log.warning("%s is not built (make setup builds it): pictures go through Python", LIBRARY.name)
        _loaded.append(lib)
    return _loaded[0]


class NativeRing:
    """One tile's ring in C memory; the numpy buffers stay Python's (frames.FrameBuffer owns them)."""

    def __init__(self, lib: _Library) -> None:
        self._lib = lib
        self._mem = ctypes.create_string_buffer(lib.size)
        self.opaque = ctypes.cast(self._mem, ctypes.c_void_p)
        lib.dll.vw_init(self.opaque)
        self._planes = (ctypes.c_void_p * 1)()

    @property
    def lock_cb(self) -> object:
        return self._lib.lock_cb

    @property
    def display_cb(self) -> object:
        return self._lib.display_cb

    def setup(self, addresses: list[int], pixels: int) -> None:
        arr = (ctypes.c_void_p * len(addresses))(*addresses)
        self._lib.dll.vw_setup(self.opaque, len(addresses), arr, pixels)

    def set_mask(self, address: int | None, word: int) -> None:
        """Returns once no picture is being burned with the previous mask (the caller may free it)."""
        self._lib.dll.vw_set_mask(self.opaque, address, word)

    def lock(self) -> tuple[int, int]:
        picture = self._lib.dll.vw_lock(self.opaque, self._planes)
        return int(picture or 0) - 1, int(self._planes[0] or 0)

    def display(self, idx: int) -> None:
        self._lib.dll.vw_display(self.opaque, idx + 1)

    def read_begin(self) -> int:
        return int(self._lib.dll.vw_read_begin(self.opaque))

    def read_end(self) -> None:
        self._lib.dll.vw_read_end(self.opaque)

    def stats(self) -> RingStats:
        frames = ctypes.c_uint64()
        last_at, last_wall, cost = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        self._lib.dll.vw_stats(self.opaque, ctypes.byref(frames), ctypes.byref(last_at), ctypes.byref(last_wall),
                               ctypes.byref(cost))
        return RingStats(frames.value, last_at.value, last_wall.value, cost.value)

    def __del__(self) -> None:
        # Only once no player can call it any more: the session keeps its output (and this) until the
        # player is released.
        self._lib.dll.vw_destroy(self.opaque)

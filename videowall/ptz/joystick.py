"""USB joysticks (PTZ keyboards, game controllers) through SDL2, read on a thread of their own.

PySDL2 with its bundled SDL2 library (pysdl2-dll). Optional: without the module, the library or any
stick, the reader says so once (an ``UNAVAILABLE`` event) and nothing else happens. SDL runs with no
window (only its joystick and game-controller subsystems) and never installs signal handlers (the
app's Ctrl+C and SIGTERM stay the app's). Every SDL call happens on the reader's thread; each event
(stick plugged in or pulled, axis moved, button pressed) goes to ``deliver`` from that thread, so the
caller hands it to its own loop (``loop.call_soon_threadsafe``). Sticks plugged in later are opened
as SDL reports them (hot-plug).

A script or a test may drive a *virtual* joystick (SDL's own, SDL >= 2.0.14): it is attached, moved
and pressed on the reader's thread and reaches the app through the same SDL event path as a real one.
"""

from __future__ import annotations

import ctypes
import logging
import queue
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)


class StickEventKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    AXIS = "axis"
    BUTTON = "button"
    READY = "ready"  # SDL is up and watching for sticks
    UNAVAILABLE = "unavailable"  # no SDL2 for Python, or SDL would not start: ``name`` says why


@dataclass(frozen=True, slots=True)
class StickEvent:
    kind: StickEventKind
    device: int = -1  # SDL's instance id of the stick
    index: int = 0  # axis or button number
    value: int = 0  # axis reading (-32768..32767); 1 pressed / 0 released for a button
    name: str = ""  # the stick's name (ADDED), or why SDL is unavailable


Deliver = Callable[[StickEvent], None]


@dataclass(slots=True)
class _VirtualRequest:
    axes: Mapping[int, int] = field(default_factory=dict)
    buttons: Mapping[int, bool] = field(default_factory=dict)
    detach: bool = False


def load_sdl() -> ModuleType:
    """PySDL2, quietly (it warns that it uses the bundled library); ImportError/OSError without one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import sdl2
    return sdl2


class SdlJoysticks:
    """Watches every joystick SDL sees; ``start`` once, ``stop`` at quit."""

    def __init__(self, deliver: Deliver, *, poll_s: float = 0.02, idle_poll_s: float = 0.25, virtual_axes: int = 8,
                 virtual_buttons: int = 16) -> None:
        self._deliver = deliver
        self.poll_s = poll_s  # with a stick open: SDL read 50 times a second
        self.idle_poll_s = idle_poll_s  # with none: only watching for one to be plugged in (~0.1 % of a core)
        self._wake = threading.Event()  # a virtual-stick request: serve it now, not at the next idle poll
        self._virtual_shape = (virtual_axes, virtual_buttons)
        self._stop = threading.Event()
        self._requests: queue.SimpleQueue[_VirtualRequest] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._open: dict[int, Any] = {}  # instance id -> SDL_Joystick pointer (reader thread only)
        self._virtual: tuple[int, Any] | None = None  # (device index, opened handle)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="joystick", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def drive_virtual(self, axes: Mapping[int, int] | None = None, buttons: Mapping[int, bool] | None = None) -> None:
        """Move and press SDL's virtual joystick (attached on first use): the same path as a real stick."""
        self._requests.put(_VirtualRequest(dict(axes or {}), dict(buttons or {})))
        self._wake.set()

    def detach_virtual(self) -> None:
        self._requests.put(_VirtualRequest(detach=True))
        self._wake.set()

    # --- the reader's thread -------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            sdl = load_sdl()
        except (ImportError, OSError) as exc:
            log.info("no joystick support: %s", exc)
            self._deliver(StickEvent(StickEventKind.UNAVAILABLE, name="SDL2 for Python (PySDL2) is not installed"))
            return
        sdl.SDL_SetHint(b"SDL_NO_SIGNAL_HANDLERS", b"1")
        sdl.SDL_SetHint(b"SDL_JOYSTICK_ALLOW_BACKGROUND_EVENTS", b"1")
        flags = sdl.SDL_INIT_JOYSTICK | sdl.SDL_INIT_GAMECONTROLLER
        if sdl.SDL_InitSubSystem(flags) != 0:
            why = sdl.SDL_GetError().decode(errors="replace")
            log.info("SDL joystick subsystem did not start: %s", why)
            self._deliver(StickEvent(StickEventKind.UNAVAILABLE, name=f"SDL2 did not start: {why}"))
            return
        self._deliver(StickEvent(StickEventKind.READY))
        try:
            event = sdl.SDL_Event()
            while not self._stop.is_set():
                self._serve_requests(sdl)
                while sdl.SDL_PollEvent(ctypes.byref(event)):
                    self._handle(sdl, event)
                self._wake.wait(self.poll_s if self._open else self.idle_poll_s)
                self._wake.clear()
        finally:
            self._close_all(sdl)
            sdl.SDL_QuitSubSystem(flags)

    def _handle(self, sdl: ModuleType, event: Any) -> None:
        kind = event.type
        if kind == sdl.SDL_JOYDEVICEADDED:
            self._opened(sdl, event.jdevice.which)
        elif kind == sdl.SDL_JOYDEVICEREMOVED:
            handle = self._open.pop(event.jdevice.which, None)
            if handle is not None:
                sdl.SDL_JoystickClose(handle)
                self._deliver(StickEvent(StickEventKind.REMOVED, event.jdevice.which))
        elif kind == sdl.SDL_JOYAXISMOTION:
            self._deliver(StickEvent(StickEventKind.AXIS, event.jaxis.which, event.jaxis.axis, event.jaxis.value))
        elif kind in (sdl.SDL_JOYBUTTONDOWN, sdl.SDL_JOYBUTTONUP):
            self._deliver(StickEvent(StickEventKind.BUTTON, event.jbutton.which, event.jbutton.button,
                                     1 if event.jbutton.state else 0))

    def _opened(self, sdl: ModuleType, device_index: int) -> None:
        handle = sdl.SDL_JoystickOpen(device_index)
        if not handle:
            log.info("joystick %d did not open: %s", device_index, sdl.SDL_GetError().decode(errors="replace"))
            return
        instance = sdl.SDL_JoystickInstanceID(handle)
        if instance in self._open:  # already ours (the virtual stick is opened when attached)
            sdl.SDL_JoystickClose(handle)  # SDL counts opens: give this one back
            return
        self._open[instance] = handle
        name = (sdl.SDL_JoystickName(handle) or b"joystick").decode(errors="replace")
        log.info("joystick plugged in: %s (%d axes, %d buttons)", name, sdl.SDL_JoystickNumAxes(handle),
                 sdl.SDL_JoystickNumButtons(handle))
        self._deliver(StickEvent(StickEventKind.ADDED, instance, name=name))

    def _serve_requests(self, sdl: ModuleType) -> None:
        while True:
            try:
                request = self._requests.get_nowait()
            except queue.Empty:
                return
            if request.detach:
                self._detach(sdl)
                continue
            if self._virtual is None:
                axes, buttons = self._virtual_shape
                index = sdl.SDL_JoystickAttachVirtual(sdl.SDL_JOYSTICK_TYPE_GAMECONTROLLER, axes, buttons, 0)
                if index < 0:
                    log.warning("no virtual joystick: %s", sdl.SDL_GetError().decode(errors="replace"))
                    continue
                self._virtual = (index, sdl.SDL_JoystickOpen(index))
            handle = self._virtual[1]
            for axis, value in request.axes.items():
                sdl.SDL_JoystickSetVirtualAxis(handle, int(axis), max(-32768, min(32767, int(value))))
            for button, pressed in request.buttons.items():
                sdl.SDL_JoystickSetVirtualButton(handle, int(button), 1 if pressed else 0)

    def _detach(self, sdl: ModuleType) -> None:
        if self._virtual is None:
            return
        index, handle = self._virtual
        self._virtual = None
        sdl.SDL_JoystickClose(handle)
        sdl.SDL_JoystickDetachVirtual(index)

    def _close_all(self, sdl: ModuleType) -> None:
        self._detach(sdl)
        for handle in self._open.values():
            sdl.SDL_JoystickClose(handle)
        self._open.clear()

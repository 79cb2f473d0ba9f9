"""Playing a saved clip (a local file) for review: the same vmem FrameBuffer path as the live tiles.

Pause and frame stepping matter more than smooth playback here: an officer looks for the frame
where the plate is readable. libVLC calls run on the media control thread, like live sessions.

Recorded clips are originals, so the camera's privacy masks are burned in here, at display, as on
a live tile: every clip is opened with the id of the camera that recorded it, and the buffer takes
that camera's full mask set (``masks``, given by the composition root; a live lift does not apply)
after the previous clip has stopped and before the new clip's first picture.
"""

from __future__ import annotations

import logging
from pathlib import Path

import vlc

from videowall.domain.privacy import MaskLookup, MaskPolygon
from videowall.media.frames import CallbackVideoOutput, FrameBuffer
from videowall.media.runtime import MediaRuntime

log = logging.getLogger(__name__)


class ClipPlayer:
    def __init__(self, runtime: MediaRuntime, masks: MaskLookup, width: int = 960, height: int = 540) -> None:
        self._runtime = runtime
        self._masks = masks
        self.buffer = FrameBuffer(width, height)
        self._output = CallbackVideoOutput(self.buffer)
        self._player: vlc.MediaPlayer | None = None
        self.path: Path | None = None
        self.camera_id = ""

    def open(self, path: Path, camera_id: str) -> None:
        """Start playing ``path``, recorded by ``camera_id``, from the beginning (replacing what played before)."""
        self.path, self.camera_id = path, camera_id
        masks = self._masks(camera_id)  # asked here, on the caller's thread; burned in from the first picture
        self._runtime.submit(lambda: self._open(path, masks))

    def _open(self, path: Path, masks: tuple[MaskPolygon, ...]) -> None:
        self._release()  # the previous clip's pictures have stopped: its masks may go
        self.buffer.set_masks(masks)
        inst = self._runtime.instance
        player = inst.media_player_new()
        self._runtime.count(players=+1)
        self._output.attach(player)
        media = inst.media_new_path(str(path))
        player.set_media(media)
        media.release()
        self._player = player
        player.play()

    def toggle_pause(self) -> None:
        self._runtime.submit(lambda: self._player.pause() if self._player is not None else None)

    def next_frame(self) -> None:
        self._runtime.submit(lambda: self._player.next_frame() if self._player is not None else None)

    def seek(self, fraction: float) -> None:
        self._runtime.submit(lambda: self._player.set_position(max(0.0, min(1.0, fraction)))
                             if self._player is not None else None)

    def position(self) -> tuple[float, float]:
        """(seconds played, length in seconds); zeros before the clip is open."""
        p = self._player
        if p is None:
            return 0.0, 0.0
        return max(0, p.get_time()) / 1000.0, max(0, p.get_length()) / 1000.0

    def playing(self) -> bool:
        return self._player is not None and bool(self._player.is_playing())

    def close(self) -> None:
        self._runtime.submit(self._release)

    def _release(self) -> None:
        player, self._player = self._player, None
        if player is not None:
            player.stop()
            player.release()
            self._runtime.count(players=-1)

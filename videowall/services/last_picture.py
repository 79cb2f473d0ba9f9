"""The last picture a tile's stream showed, kept (dimmed by the tile) while the stream is not live.

A reconnecting, frozen or offline tile that goes blank tells the operator less than the picture it
had a moment ago: "last picture 14:02:11" with the countdown to the next attempt says what is known.
No Qt here; the copy is taken from the tile's FrameBuffer (masks already burned in) when the state
leaves live, and forgotten when the stream is live again, the camera changes or the tile is held.
"""

from __future__ import annotations

from videowall.domain.stream_state import StreamState
from videowall.media.frames import FrameBuffer, Still, keep_still


class LastPicture:
    def __init__(self) -> None:
        self.still: Still | None = None

    def follow(self, previous: str | None, state: StreamState, buffer: FrameBuffer, held: bool) -> None:
        """Called on every state change of the tile (``previous``: the state value before, None when new)."""
        if previous is None or held or not state.shows_last_picture:
            self.still = None  # a new camera, live again, or a picture that must not be shown
        elif previous == StreamState.LIVE.value and state is not StreamState.NO_VIDEO:
            self.still = keep_still(buffer) or self.still  # a black picture is no picture to keep

    def shown(self, state: StreamState, held: bool) -> Still | None:
        return self.still if not held and state.shows_last_picture else None

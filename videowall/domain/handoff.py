"""Which running tile goes where when a wall shows other cameras (issue 16: instant video).

A layout, a merge, a split or a drop of several cameras names a camera for each tile. A camera that is
already playing on the wall keeps its player, its picture and its state: its tile moves to where the
camera is wanted, and only tiles that show a camera not playing yet start a stream. Reordering a wall,
or going from 2x2 to 3x3 around the same cameras, then shows every picture at once.
"""

from __future__ import annotations

from collections.abc import Sequence


def handoff_order(playing: Sequence[str | None], wanted: Sequence[str | None]) -> list[int]:
    """For each position, the position whose tile goes there: a permutation of ``range(len(playing))``.

    ``playing[j]`` is the camera the tile at ``j`` plays (None: nothing playing), ``wanted[i]`` the camera
    position ``i`` should show (positions past ``wanted`` are being dropped). A tile already in place stays;
    a tile playing a wanted camera elsewhere moves there (one tile per camera: a camera wanted twice
    starts a second stream); every other tile fills the remaining places in its old order.
    """
    n = len(playing)
    order: list[int | None] = [None] * n
    used: set[int] = set()
    for i in range(min(n, len(wanted))):
        if wanted[i] is not None and playing[i] == wanted[i]:
            order[i] = i
            used.add(i)
    for i in range(min(n, len(wanted))):
        if order[i] is not None or wanted[i] is None:
            continue
        j = next((j for j in range(n) if j not in used and playing[j] == wanted[i]), None)
        if j is not None:
            order[i] = j
            used.add(j)
    rest = iter([j for j in range(n) if j not in used])
    return [j if j is not None else next(rest) for j in order]

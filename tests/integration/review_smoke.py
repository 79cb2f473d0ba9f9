"""Open the review window on a database with bookmarks, play the first clip, grab the X screen.

Run as a subprocess by test_evidence.py (its own QApplication, like the real app):
``python -m tests.integration.review_smoke DB SCREENSHOT``; prints a JSON summary on stdout.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path


def main(db: Path, shot: Path) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from videowall.display.xserver import grab_screen
    from videowall.domain.access import Role, User
    from videowall.media.clip_player import ClipPlayer
    from videowall.media.runtime import MediaRuntime
    from videowall.services.evidence_service import EvidenceService
    from videowall.storage.writer import DatabaseWriter
    from videowall.ui.review_window import ReviewWindow
    from videowall.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    writer = DatabaseWriter(db)
    writer.start()
    runtime = MediaRuntime()
    liaison = User("liaison", Role.LIAISON)
    service = EvidenceService(writer, loop, db.parent, None, user=lambda: liaison, masks=lambda _camera_id: ())
    summary: dict[str, object] = {}

    async def scenario() -> None:
        window = ReviewWindow(service, ClipPlayer(runtime, lambda _camera_id: ()))  # on the running loop
        window.move(0, 0)
        window.resize(1600, 900)
        window.show()
        for _ in range(200):  # a loaded machine can take seconds
            await asyncio.sleep(0.1)
            if window.table.rowCount():
                break
        row = next((r for r, b in enumerate(window._rows) if b.clip_path), 0)
        window.table.selectRow(row)
        player = window.clip.player
        for _ in range(150):  # paused while the clip plays: after a fixed 2.5 s a loaded machine had reached its end
            await asyncio.sleep(0.1)
            if player.buffer.frames > 12:
                break
        player.toggle_pause()
        await asyncio.sleep(0.6)
        still = player.buffer.sample()
        await asyncio.sleep(0.6)
        later = player.buffer.sample()
        paused = still is not None and later is not None and later.signature == still.signature
        changes = 0
        for _ in range(5):
            before = player.buffer.sample()
            player.next_frame()
            await asyncio.sleep(0.3)
            after = player.buffer.sample()
            changes += int(before is not None and after is not None and before.signature != after.signature)
        await asyncio.sleep(0.3)
        grab_screen(shot)
        summary.update(rows=window.table.rowCount(), thumbs=window.strip.count(), frames=player.buffer.frames,
                       paused=paused, stepped=changes, detail=window.detail.text(),
                       message=window.message.text())
        window.close()

    with loop:
        loop.run_until_complete(scenario())
        loop.run_until_complete(asyncio.sleep(0.3))
    runtime.shutdown()
    writer.stop()
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

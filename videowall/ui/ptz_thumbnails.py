"""A small picture per PTZ preset: the tile's picture when the preset was saved, kept as a PNG file.

Files live in ``<dir>/<camera id>/<key>.png`` (the key: a hash of the camera's preset token, or of a
local preset's name), so they outlive a restart like the presets themselves. Writing runs in a worker
thread (QImage may be saved off the GUI thread); nothing here waits on the UI thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPixmap

from videowall.domain.ptz import Preset, PresetSource

log = logging.getLogger(__name__)
THUMB_WIDTH = 160


class PresetThumbnails:
    """``snapshot()`` gives the tile's current picture (None: no picture yet)."""

    def __init__(self, directory: Path, camera_id: str, snapshot: Callable[[], QImage | None]) -> None:
        self.directory = directory / hashlib.sha1(camera_id.encode()).hexdigest()[:16]
        self._snapshot = snapshot

    def path(self, preset: Preset) -> Path:
        key = f"camera:{preset.token}" if preset.source is PresetSource.CAMERA else f"local:{preset.name}"
        return self.directory / f"{hashlib.sha1(key.encode()).hexdigest()[:16]}.png"

    async def save(self, preset: Preset) -> Path | None:
        image = self._snapshot()
        if image is None or image.isNull():
            return None
        small = image.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation)
        path = self.path(preset)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not small.save(str(path)):  # PNG, by the suffix
                raise OSError(f"cannot write {path}")

        await asyncio.get_running_loop().run_in_executor(None, write)
        return path

    def icon(self, preset: Preset) -> QIcon | None:
        path = self.path(preset)
        if not path.exists():
            return None
        pixmap = QPixmap(str(path))
        return None if pixmap.isNull() else QIcon(pixmap)

    def forget(self, preset: Preset) -> None:
        with contextlib.suppress(OSError):
            self.path(preset).unlink()

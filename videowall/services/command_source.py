"""Wall commands from a file of JSON lines (``--commands FILE``): scripts, tests, integrations.

The same seam a message broker would use later: commands arrive as data, are parsed strictly, and
a refused command is logged with its reason and never half-applied.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path

from videowall.domain.commands import CommandError, WallCommand, parse_command

log = logging.getLogger(__name__)


async def follow_commands(path: Path, handle: Callable[[WallCommand], None], poll_s: float = 0.2) -> None:
    """Apply every line appended to ``path`` (created if absent), until cancelled."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(exist_ok=True)
    loop = asyncio.get_running_loop()
    offset = 0
    pending = b""
    while True:
        chunk, offset = await loop.run_in_executor(None, _read_from, path, offset)
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").strip()
            if not text:
                continue
            try:
                command = parse_command(json.loads(text))
            except (json.JSONDecodeError, CommandError) as exc:
                log.warning("command refused: %s (%s)", text[:200], exc)
                continue
            try:
                handle(command)
            except Exception:
                log.exception("command failed: %s", command)
        await asyncio.sleep(poll_s)


def _read_from(path: Path, offset: int) -> tuple[bytes, int]:
    with path.open("rb") as fh:
        fh.seek(offset)
        data = fh.read()
    return data, offset + len(data)

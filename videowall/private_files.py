"""Files only this account may read: unmasked originals, snapshots, database copies.

Recorded originals stay unmasked stream copies (the court needs the bytes as captured), so they must
not be readable by other accounts on the control-room PC: 0600 files in 0700 folders. Beside
``tools`` and ``config`` outside the layers, so media, evidence, storage and services all use it.
Only paths are changed (``chmod``); no file is opened (see storage/database.py on SQLite's locks).
"""

from __future__ import annotations

from pathlib import Path


def private_folder(folder: Path) -> Path:
    """Create ``folder`` if needed and make it this account's only (0700)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def private_file(path: Path, root: Path) -> Path:
    """``path`` 0600, and every folder from ``root`` down to its parent 0700."""
    folder = path.parent
    chain = [folder]
    while folder != root and root in folder.parents:
        folder = folder.parent
        chain.append(folder)
    for each in reversed(chain):
        each.chmod(0o700)
    path.chmod(0o600)
    return path

"""The status file that tests, benchmarks and the soak read: atomic, and the newest snapshot wins."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from videowall.services.status_file import StatusWriter


def test_concurrent_writers_never_collide_and_the_last_snapshot_wins(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    writer = StatusWriter(path)
    errors: list[BaseException] = []

    def hammer(n: int) -> None:
        try:
            for i in range(200):
                writer.write_now({"n": n, "i": i})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    writer.write_now({"final": True})
    assert json.loads(path.read_text()) == {"final": True}
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_stale_snapshot_arriving_late_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    path = tmp_path / "status.json"
    writer = StatusWriter(path)
    old, new = writer._issue(), writer._issue()
    writer._write(new, {"seq": new})
    writer._write(old, {"seq": old})  # an executor write that lost the race with the exit write
    assert json.loads(path.read_text()) == {"seq": new}

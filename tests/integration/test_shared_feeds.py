"""One upstream connection per camera stream, however many tiles and walls show it (issue 16).

Counted where it costs: at the RTSP server (its established TCP connections), not in the app's own
bookkeeping. Two walls on four cameras, a layout switched away and back within the warm period, a
camera that drops under two tiles, and the warm feeds gone once their grace has passed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.integration.wallrun import WallRun, import_fleet, with_env
from videowall.display.xserver import VirtualDisplay
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

GRACE_S = 8.0
SCREEN = (1024, 768)


def _connections_match(port: int, run: WallRun, timeout: float = 10.0) -> bool:
    """The server's established connections equal the app's connected feeds, within ``timeout``: a reconnected
    feed counts once its ingest runs, and its TCP handshake can lag under load (7 of 8, 11 of 12 once)."""
    deadline = time.monotonic() + timeout
    while True:
        status = run.status()
        if status is not None and server_connections(port) == status["feeds"]["connected"]:  # type: ignore[index]
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def server_connections(port: int) -> int:
    """Established TCP connections the server side of ``port`` holds (IPv4 loopback)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] == "01":
            count += 1
    return count


def _tiles(status: dict[str, Any], wall: str | None = None) -> list[dict[str, Any]]:
    return [t for t in status["tiles"] if wall is None or t["wall"] == wall]


def _showing(ids: list[str]) -> Any:
    """Both walls' first tiles show ``ids``, live."""
    def check(status: dict[str, Any]) -> bool:
        walls = {t["wall"] for t in status["tiles"]}
        firsts = [_tiles(status, w)[: len(ids)] for w in walls]
        return len(walls) == 2 and all([t["camera_id"] for t in tiles] == ids
                                       and all(t["state"] == "live" for t in tiles) for tiles in firsts)
    return check


def test_two_walls_share_feeds_warm_switch_reuses_them_and_a_drop_reconnects_once(  # type: ignore[no-untyped-def]
        fleet, app_env, tmp_path: Path) -> None:
    db = import_fleet(fleet, tmp_path, app_env)
    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: SettingsRepository(d).set("warm_feed_s", GRACE_S)).result(10)
    cams = [c.id for c in fleet.cameras if not c.fault]
    first, second = cams[:4], cams[4:8]
    assert server_connections(fleet.port) == 0, "another client is on the fleet"
    with VirtualDisplay(screens=(SCREEN, SCREEN)) as display:
        # Both on sub streams: the console's 4x4 cells and the wall's 2x2 ones are small enough.
        run = WallRun(with_env(app_env, DISPLAY=display.name), tmp_path, "--db", str(db), "--layout", "4x4",
                      "--cameras", ",".join(first))
        try:
            run.wait_for(lambda s: len(s["tiles"]) == 16, 30, "the console")
            run.send(cmd="open_wall", monitor=1, layout="2x2")
            run.wait_for(lambda s: len(s.get("walls") or []) == 1, 15, "a wall on the second monitor")
            wall = run.status()["walls"][0]["key"]  # type: ignore[index]
            run.send(cmd="assign", wall="1", tile=0, cameras=first)
            status = run.wait_for(_showing(first), 30, "both walls live on the same four cameras")
            # 8 tiles on 4 cameras: 4 sub-stream feeds, and the 4 main streams kept for evidence
            # (evidence.keep_main) for the console's tiles; 12 connections with a chain per tile.
            assert {t["stream"] for t in _tiles(status) if t["camera_id"]} == {"sub"}
            assert status["media"]["players"] == 8
            assert status["feeds"]["connected"] == 8 and status["feeds"]["opened"] == 8, status["feeds"]
            assert _connections_match(fleet.port, run), "the server's TCP connections and the app's feeds differ"
            assert server_connections(fleet.port) == 8
            assert len(run.children()) == 8  # one ffmpeg per connection, none per tile

            # Away and back within the grace period: the first four come back without a connection.
            for target in (wall, "console"):
                run.send(cmd="assign", **({"wall": "1"} if target == wall else {}), tile=0, cameras=second)
            run.wait_for(_showing(second), 30, "both walls on four other cameras")
            opened = run.status()["feeds"]["opened"]  # type: ignore[index]
            for target in (wall, "console"):
                run.send(cmd="assign", **({"wall": "1"} if target == wall else {}), tile=0, cameras=first)
            status = run.wait_for(_showing(first), 15, "both walls back on the first four")
            assert status["feeds"]["opened"] == opened, "a warm camera was connected again"
            back = [t["first_live_s"] for t in _tiles(status)]
            print("warm switch, first picture per tile (s):", back)

            # The camera drops under two tiles: both say so, and one new connection per stream serves both.
            fleet.drop(first[0], 3.0)
            run.wait_for(lambda s: all(t["state"] != "live" for t in _tiles(s) if t["camera_id"] == first[0]),
                         15, "both tiles of the dropped camera leave live")
            status = run.wait_for(_showing(first), 40, "both tiles of the dropped camera live again")
            time.sleep(1.0)  # status and processes settle
            sub_url = fleet.url(first[0], "sub").encode()
            assert len([p for p, argv in run.ffmpeg_argvs().items() if sub_url in argv]) == 1, \
                "the two tiles of the dropped camera reconnected with a connection each"
            assert _connections_match(fleet.port, run), "the server's TCP connections and the app's feeds differ"

            # Left for longer than the grace: the warm feeds disconnect.
            for target in (wall, "console"):
                run.send(cmd="assign", **({"wall": "1"} if target == wall else {}), tile=0, cameras=second)
            run.wait_for(_showing(second), 30, "both walls on the other four again")
            run.wait_for(lambda s: s["feeds"]["warm"] == 0 and s["feeds"]["connected"] <= 12,
                         GRACE_S + 40, "warm feeds disconnected after their grace")
            assert _connections_match(fleet.port, run), "the server's TCP connections and the app's feeds differ"
        finally:
            assert run.stop() == 0
        assert run.children() == []
    deadline = time.monotonic() + 5
    while server_connections(fleet.port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server_connections(fleet.port) == 0, "a connection outlived the app"

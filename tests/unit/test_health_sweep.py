"""The sweep service over the in-process load responder: storage, alerts, pictures, cancellation."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from videowall.domain.camera import Camera, ServiceStatus
from videowall.domain.health import AlertKind, HealthAlert, HealthState
from videowall.health.picture import GrabError, PictureChecker, PictureSettings
from videowall.health.prober import ProbeSettings, RtspProber
from videowall.services.sweep import HealthSweeper, SweepProgress, WriterHealthStore
from videowall.sim.load_responder import Behaviour, behaviour, expected, serve_load
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.writer import DatabaseWriter

S = HealthState
FAST = ProbeSettings(connect_timeout=1.0, total_timeout=1.0, concurrency=50)


def paths_with(kind: Behaviour) -> Iterator[str]:
    return (p for p in (f"/t/{i}" for i in itertools.count()) if behaviour(p) is kind)


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    with DatabaseWriter(tmp_path / "h.db") as w:
        yield w


def test_sweep_stores_verdicts_reports_progress_and_alerts(writer: DatabaseWriter) -> None:
    live, gone = next(paths_with(Behaviour.LIVE)), next(paths_with(Behaviour.NOT_FOUND))
    alerts: list[HealthAlert] = []
    progress: list[SweepProgress] = []

    async def go() -> None:
        responder = await serve_load("127.0.0.1", 0, 0)
        url = f"rtsp://127.0.0.1:{responder.port}"
        cams = [Camera("A", "a", main_url=url + live), Camera("B", "b", main_url=url + gone),
                Camera("C", "c", main_url=url + live, status=ServiceStatus.INACTIVE)]  # fmt: skip
        sweeper = HealthSweeper(WriterHealthStore(writer), RtspProber(FAST), on_alert=alerts.append,
                                on_progress=progress.append)  # fmt: skip
        first = await sweeper.sweep(cams)
        assert {cid: r.state for cid, r in first.records.items()} == {"A": S.LIVE, "B": S.NOT_FOUND, "C": S.DISABLED}
        assert alerts == []  # first verdicts never alert
        await sweeper.sweep([replace(cams[0], main_url=url + gone), cams[1], cams[2]])
        await sweeper.sweep(cams)
        await responder.close()

    asyncio.run(go())
    assert [(a.kind, a.camera_id) for a in alerts] == [(AlertKind.WENT_DARK, "A"), (AlertKind.CAME_BACK, "A")]
    assert progress[-1].done == progress[-1].total == 3 and sum(progress[-1].counts.values()) == 3
    events = writer.submit(lambda db: db.execute(
        "SELECT camera_id, state FROM health_events ORDER BY id").fetchall()).result()  # fmt: skip
    assert events == [("C", "disabled"), ("A", "live"), ("B", "not_found"), ("A", "not_found"), ("A", "live")]


def test_a_new_sweeper_picks_up_the_stored_state_for_alerts(writer: DatabaseWriter) -> None:
    live, silent = next(paths_with(Behaviour.LIVE)), next(paths_with(Behaviour.SILENT))
    alerts: list[HealthAlert] = []

    async def go() -> None:
        responder = await serve_load("127.0.0.1", 0, 0)
        url = f"rtsp://127.0.0.1:{responder.port}"
        await HealthSweeper(WriterHealthStore(writer), RtspProber(FAST)).sweep([Camera("A", "a", main_url=url + live)])
        later = HealthSweeper(WriterHealthStore(writer), RtspProber(FAST), on_alert=alerts.append)  # app restarted
        result = await later.sweep([Camera("A", "a", main_url=url + silent)])
        assert (result.records["A"].state, result.records["A"].reason) == (S.UNREACHABLE, "no_reply")
        await responder.close()

    asyncio.run(go())
    assert [a.kind for a in alerts] == [AlertKind.WENT_DARK]


def test_cancelled_sweep_keeps_every_finished_verdict_consistent(writer: DatabaseWriter) -> None:
    fast_paths = list(itertools.islice(paths_with(Behaviour.LIVE), 40))
    slow_paths = list(itertools.islice(paths_with(Behaviour.SILENT), 10))

    async def go() -> set[str]:
        responder = await serve_load("127.0.0.1", 0, 0)
        url = f"rtsp://127.0.0.1:{responder.port}"
        cams = [Camera(f"F{i}", "f", main_url=url + p) for i, p in enumerate(fast_paths)]
        cams += [Camera(f"S{i}", "s", main_url=url + p) for i, p in enumerate(slow_paths)]
        sweeper = HealthSweeper(WriterHealthStore(writer), RtspProber(ProbeSettings(1, 10, 20)), batch_size=7,
                                on_progress=lambda p: None)  # fmt: skip
        task = asyncio.create_task(sweeper.sweep(cams))
        # Cancel once the fast cameras are done and the silent ones (10 s limit) are still pending;
        # wait for that state rather than a fixed time, so a loaded machine does not change the test.
        for _ in range(200):
            if len(sweeper.latest()) >= 40:
                break
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        done = set(sweeper.latest())
        await responder.close()
        return done

    finished = asyncio.run(go())
    assert finished == {f"F{i}" for i in range(40)}

    def stored(db: object) -> tuple[set[str], set[str]]:
        repo = HealthHistoryRepository(db)  # type: ignore[arg-type]
        events = {row[0] for row in repo._db.execute("SELECT camera_id FROM health_events")}
        return set(repo.current()), events

    current, events = writer.submit(stored).result()
    assert current == events == finished


def test_pictures_find_black_and_frozen_and_a_probe_does_not_undo_them(writer: DatabaseWriter) -> None:
    live = list(itertools.islice(paths_with(Behaviour.LIVE), 4))
    frames = {
        live[0]: [bytes([5]) * 14400],  # black
        live[1]: [bytes(range(256)) * 56 + bytes(64)] * 2,  # the same picture twice: frozen
        live[2]: [bytes(range(256)) * 56 + bytes(64), bytes(64) + bytes(range(256)) * 56],  # moving
    }
    grabs: list[str] = []

    async def fake_grab(url: str, settings: PictureSettings) -> bytes:
        path = "/" + url.split("/", 3)[3]
        grabs.append(path)
        if path not in frames:
            raise GrabError("connection refused")
        return frames[path].pop(0) if len(frames[path]) > 1 else frames[path][0]

    async def go() -> tuple[dict[str, S], dict[str, S]]:
        responder = await serve_load("127.0.0.1", 0, 0)
        url = f"rtsp://127.0.0.1:{responder.port}"
        cams = [Camera(f"P{i}", "p", main_url=url + p) for i, p in enumerate(live)]
        checker = PictureChecker(PictureSettings(gap=0.01), grab=fake_grab)
        sweeper = HealthSweeper(WriterHealthStore(writer), RtspProber(FAST), pictures=checker)
        with_pictures = await sweeper.sweep(cams, pictures=True)
        probe_only = await sweeper.sweep(cams)
        await responder.close()
        return ({c: r.state for c, r in with_pictures.records.items()},
                {c: r.state for c, r in probe_only.records.items()})  # fmt: skip

    pictured, probed = asyncio.run(go())
    assert pictured == {"P0": S.BLACK, "P1": S.FROZEN, "P2": S.LIVE, "P3": S.LIVE}  # P3: no frame, probe stands
    assert probed == pictured
    assert grabs.count(live[0]) == 1  # black is decided on one frame
    events = writer.submit(lambda db: db.execute(
        "SELECT camera_id, state FROM health_events ORDER BY id").fetchall()).result()  # fmt: skip
    assert sorted(events) == sorted([("P0", "live"), ("P1", "live"), ("P2", "live"), ("P3", "live"),
                                     ("P0", "black"), ("P1", "frozen")])  # fmt: skip


def test_load_responder_expectations_cover_every_behaviour() -> None:
    kinds = {behaviour(f"/load/{i:05d}/main") for i in range(2000)}
    assert kinds == set(Behaviour)
    auth = next(paths_with(Behaviour.AUTH))
    assert expected(auth)[0] is S.AUTH_FAILURE
    assert expected(auth, username="admin", password="Rahasia!23")[0] is S.LIVE
    assert expected(auth, username="admin", password="x") == (S.AUTH_FAILURE, "credentials_rejected")
    assert behaviour("rtsp://127.0.0.1:1/x/y") is behaviour("/x/y")
    reseeded = sum(behaviour(f"/p/{i}", seed=1) is not behaviour(f"/p/{i}") for i in range(200))
    assert 10 < reseeded < 100  # another seed, another mix
    with pytest.raises(ValueError):
        asyncio.run(serve_load("10.0.0.1", 0, 1))

"""Issue 22, search: the simulated recorder (GStreamer ONVIF server + Profile G SOAP) searched with the app's
onvif-zeep-async client. Ranges and the gap, the wrong clock, a garbage reply and a recorder that never answers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from videowall.recording.search import RecorderClient, RecorderError
from videowall.sim.recorder import RecorderSpec, RecordingSpec, SimRecorders, demo_recorders

NOW = time.time()


@pytest.fixture(scope="module")
def recorders() -> Iterator[SimRecorders]:
    hang = RecorderSpec("NVR-HANG", (RecordingSpec("REC-CAM09", "CAM09", "CAM09", ((NOW - 3600, None),)),),
                        misbehave={"FindRecordings": "hang"})
    with SimRecorders((*demo_recorders(NOW), hang)) as recs:
        yield recs


def _client(recs: SimRecorders, name: str, timeout: float = 3.0) -> RecorderClient:
    return RecorderClient("127.0.0.1", recs.running[name].http_port, "operator", "not-checked", timeout=timeout)


async def _ranges(recs: SimRecorders, name: str, token: str) -> object:
    client = _client(recs, name)  # inside the loop: aiohttp wants one
    await client.connect()
    try:
        end = datetime.now(UTC)
        return await client.ranges(token, end - timedelta(hours=8), end)
    finally:
        await client.close()


def test_search_lists_recordings_ranges_and_the_gap(recorders: SimRecorders) -> None:
    async def run() -> tuple[list[str], object, str]:
        client = _client(recorders, "NVR-GAP")
        await client.connect()
        try:
            listed = await client.recordings()
            end = datetime.now(UTC)
            ranges = await client.ranges("REC-CAM01", end - timedelta(hours=8), end)
            uri = await client.replay_uri("REC-CAM01")
        finally:
            await client.close()
        assert all(r.status == "Recording" and r.earliest is not None for r in listed)
        return [r.token for r in listed], ranges, uri

    tokens, ranges, uri = asyncio.run(run())
    assert tokens == ["REC-CAM01", "REC-CAM02"]
    assert len(ranges.ranges) == 2, ranges
    (gap,) = ranges.gaps
    expected_gap_start = datetime.fromtimestamp(NOW - 2 * 3600, UTC)
    assert abs((gap.start - expected_gap_start).total_seconds()) < 1.0
    assert abs(gap.seconds - 600) < 1.0
    assert abs((ranges.ranges[0].start - datetime.fromtimestamp(NOW - 6 * 3600, UTC)).total_seconds()) < 1.0
    assert not ranges.holds(expected_gap_start + timedelta(minutes=5))
    assert ranges.holds(expected_gap_start - timedelta(minutes=5))
    assert uri == f"rtsp://127.0.0.1:{recorders.running['NVR-GAP'].rtsp_port}/recording/REC-CAM01"


def test_a_recorder_with_a_wrong_clock_reports_its_own_time(recorders: SimRecorders) -> None:
    ranges = asyncio.run(_ranges(recorders, "NVR-SKEW", "REC-CAM03"))
    (only,) = ranges.ranges  # type: ignore[attr-defined]
    true_start = datetime.fromtimestamp(NOW - 6 * 3600, UTC)
    assert abs((only.start - true_start).total_seconds() - 90.0) < 1.0  # its clock is 90 s ahead


def test_a_garbage_reply_names_the_call(recorders: SimRecorders) -> None:
    async def run() -> None:
        client = _client(recorders, "NVR-GARBAGE")
        await client.connect()
        try:
            await client.recordings()
        finally:
            await client.close()

    with pytest.raises(RecorderError) as caught:
        asyncio.run(run())
    assert caught.value.call == "GetRecordingSearchResults"
    assert str(caught.value).startswith("GetRecordingSearchResults: the recorder's reply is not SOAP")


def test_a_recorder_that_never_answers_costs_the_time_limit(recorders: SimRecorders) -> None:
    async def run() -> None:
        client = _client(recorders, "NVR-HANG", timeout=1.0)
        await client.connect()
        try:
            await client.recordings()
        finally:
            await client.close()

    started = time.monotonic()
    with pytest.raises(RecorderError) as caught:
        asyncio.run(run())
    assert time.monotonic() - started < 3.0
    assert caught.value.timed_out and str(caught.value) == "FindRecordings: no answer within 1 s"

"""The tile state rules, with the clock passed in: no sleeping, every transition checked."""

import random

import pytest

from videowall.domain.stream_state import (
    Backoff,
    OfflineReason,
    StreamState,
    StreamStateMachine,
    WatchdogLimits,
)


def machine() -> StreamStateMachine:
    return StreamStateMachine(rng=random.Random(1))


def test_connecting_then_live_on_changing_pictures() -> None:
    m = machine()
    assert m.connecting(0.0).state is StreamState.CONNECTING
    assert m.frame(0.5, changed=True, black=False).state is StreamState.LIVE
    assert m.frame(1.0, changed=True, black=False).state is StreamState.LIVE


def test_no_picture_at_all_gives_up_after_first_frame_timeout() -> None:
    m = machine()
    m.connecting(0.0)
    assert m.tick(5.0).state is StreamState.CONNECTING
    s = m.tick(WatchdogLimits().first_frame_timeout + 0.1)
    assert s.state is StreamState.RECONNECTING
    assert s.reason is OfflineReason.NO_DATA
    assert s.retry_at is not None


def test_identical_pictures_are_frozen_but_stay_connected() -> None:
    m = machine()
    m.connecting(0.0)
    m.frame(0.1, changed=True, black=False)
    t = 0.1
    while t < 20:
        t += 0.5
        s = m.frame(t, changed=False, black=False)
    assert s.state is StreamState.FROZEN
    assert s.detail == "picture frozen"
    assert s.retry_at is None  # an encoder stuck on one frame: reconnecting would not help


def test_pictures_stop_arriving_frozen_then_reconnect() -> None:
    limits = WatchdogLimits()
    m = machine()
    m.connecting(0.0)
    m.frame(1.0, changed=True, black=False)
    assert m.tick(1.0 + limits.stall_after + 0.1).state is StreamState.FROZEN
    s = m.tick(1.0 + limits.stall_reconnect_after + 0.1)
    assert s.retry_at is not None and s.reason is OfflineReason.NO_DATA


def test_black_picture_is_no_video_not_frozen() -> None:
    m = machine()
    m.connecting(0.0)
    t = 0.0
    for _ in range(20):
        t += 0.5
        s = m.frame(t, changed=False, black=True)
    assert s.state is StreamState.NO_VIDEO


def test_picture_back_from_black_is_live_again() -> None:
    m = machine()
    m.connecting(0.0)
    for i in range(10):
        m.frame(i * 0.5, changed=False, black=True)
    assert m.status.state is StreamState.NO_VIDEO
    assert m.frame(5.5, changed=True, black=False).state is StreamState.LIVE


def test_failures_back_off_exponentially_and_cap() -> None:
    m = machine()
    delays = []
    now = 0.0
    for _ in range(10):
        m.connecting(now)
        s = m.failed(now, OfflineReason.REFUSED)
        assert s.retry_at is not None
        delays.append(s.retry_at - now)
        now = s.retry_at
    assert delays[0] < 2.0
    assert delays[3] > delays[0]
    assert max(delays) <= Backoff().cap + 1e-9
    assert delays[-1] >= Backoff().cap * (1 - Backoff().jitter)


def test_first_failures_reconnecting_then_offline_with_reason() -> None:
    m = machine()
    m.connecting(0.0)
    assert m.failed(0.0, OfflineReason.TIMEOUT).state is StreamState.RECONNECTING
    m.connecting(2.0)
    m.failed(2.0, OfflineReason.TIMEOUT)
    m.connecting(5.0)
    s = m.failed(5.0, OfflineReason.TIMEOUT)
    assert s.state is StreamState.OFFLINE and s.reason is OfflineReason.TIMEOUT


@pytest.mark.parametrize("reason", [OfflineReason.NOT_FOUND, OfflineReason.AUTH, OfflineReason.UNSUPPORTED])
def test_permanent_errors_are_offline_at_once_and_retried_slowly(reason: OfflineReason) -> None:
    m = machine()
    m.connecting(0.0)
    s = m.failed(0.0, reason)
    assert s.state is StreamState.OFFLINE
    assert s.retry_at is not None and Backoff().cap / 3 <= s.retry_at <= Backoff().cap


def test_live_resets_the_attempt_count() -> None:
    m = machine()
    m.connecting(0.0)
    m.failed(0.0, OfflineReason.REFUSED)
    m.connecting(1.0)
    m.frame(1.5, changed=True, black=False)
    assert m.status.attempt == 0


def test_retry_due() -> None:
    m = machine()
    m.connecting(0.0)
    s = m.failed(0.0, OfflineReason.REFUSED)
    assert s.retry_at is not None
    assert not m.retry_due(s.retry_at - 0.01)
    assert m.retry_due(s.retry_at)


def test_disabled_stays_disabled() -> None:
    m = machine()
    m.disable(0.0)
    assert m.tick(100.0).state is StreamState.DISABLED


def test_jitter_spreads_retries() -> None:
    rng = random.Random(3)
    values = {round(Backoff().delay(4, rng), 3) for _ in range(20)}
    assert len(values) > 10


def test_not_found_after_playing_is_a_restart_not_permanent() -> None:
    m = machine()
    m.connecting(0.0)
    m.frame(0.5, changed=True, black=False)
    s = m.failed(10.0, OfflineReason.NOT_FOUND)
    assert s.state is StreamState.RECONNECTING
    assert s.retry_at is not None and s.retry_at - 10.0 < 2.0


def test_a_retry_of_a_stream_that_never_played_still_says_why_and_a_dropped_one_does_not() -> None:
    m = StreamStateMachine()
    m.connecting(0.0)
    m.failed(1.0, OfflineReason.NOT_FOUND, "404")
    retry = m.connecting(20.0)  # the briefing's "why" during the retry: not found, not just "reconnecting"
    assert (retry.state, retry.reason, retry.detail) == (StreamState.RECONNECTING, OfflineReason.NOT_FOUND, "404")
    played = StreamStateMachine()
    played.connecting(0.0)
    played.frame(1.0, changed=True, black=False)
    played.failed(2.0, OfflineReason.REFUSED, "server stopped")
    again = played.connecting(4.0)  # a server stop: the attempt under way says only that it is under way
    assert (again.state, again.reason) == (StreamState.RECONNECTING, None)

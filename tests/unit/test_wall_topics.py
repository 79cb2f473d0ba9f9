"""The wall broker's topic tree and messages (domain/wall_topics.py)."""

from __future__ import annotations

import pytest

from videowall.domain.camera import Camera
from videowall.domain.monitors import MonitorId
from videowall.domain.wall_topics import READY, AgentState, Desired, MessageError, MonitorInfo, Source, Topics


def test_monitor_keys_become_one_topic_level_and_come_back() -> None:
    twin = MonitorId("VGA-1", "", "", "", 1920, 1080, 1920, 0, 0, 2, place="right")
    key = twin.key()
    topics = Topics("city/hall")
    topic = topics.monitor("wall+1", key, "desired")
    assert topic.count("/") == 6 and "+" not in topic and "#" not in topic
    assert topics.parse(topic) == ("wall+1", key, "desired")
    assert topics.parse(topics.state("a")) == ("a", "", "state")
    with pytest.raises(MessageError):
        topics.parse("videowall/other/agent/a/state")


def test_messages_round_trip_and_refuse_credentials() -> None:
    cam = Camera("C1", "Simpang", main_url="rtsp://10.0.0.9/main", sub_url="rtsp://10.0.0.9/sub")
    desired = Desired("2x2", (Source.of(cam), None), 7, "op", 1.5)
    assert Desired.from_json(desired.to_json()) == desired
    state = AgentState("a", READY, (MonitorInfo("k", "label", 800, 600),), 2.0)
    assert AgentState.from_json(state.to_json()) == state
    with pytest.raises(MessageError, match="no credentials"):
        Desired.from_json(b'{"layout":"1","tiles":[{"id":"C","main_url":"rtsp://u:p@10.0.0.9/x"}]}')
    with pytest.raises(MessageError):
        AgentState.from_json(b'{"state":"maybe"}')

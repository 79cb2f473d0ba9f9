"""Broker URLs: mqtt:// and mqtts:// (TLS, default port 8883, a CA file only with TLS), never credentials."""

from pathlib import Path

import pytest

from videowall.broker.mqtt import BrokerConfigError, BrokerUrl


def test_plain_and_tls_urls(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    assert BrokerUrl.parse("mqtt://wall-broker") == BrokerUrl("wall-broker", 1883)
    assert BrokerUrl.parse("mqtts://wall-broker", ca) == BrokerUrl("wall-broker", 8883, True, ca)
    assert BrokerUrl.parse("mqtts://10.0.0.5:9883").port == 9883
    with pytest.raises(BrokerConfigError, match="mqtts:// brokers only"):
        BrokerUrl.parse("mqtt://wall-broker", ca)
    with pytest.raises(BrokerConfigError, match="not found"):
        BrokerUrl.parse("mqtts://wall-broker", tmp_path / "missing.pem")
    with pytest.raises(BrokerConfigError, match="no credentials"):
        BrokerUrl.parse("mqtts://user:pw@wall-broker")
    with pytest.raises(BrokerConfigError):
        BrokerUrl.parse("http://wall-broker")

"""The wall broker over TLS (issue 21 item 4): Mosquitto with a CA and certificate made by openssl in the
test; an agent with ``--broker mqtts://... --ca-file`` and the console's link come online and a desired
state is reported; an agent trusting another CA, and one speaking plain MQTT to the TLS port, never do."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tests.side.mqtt_broker import Broker, make_ca, wait_for
from tests.side.test_wall_agents import CAMS, Console, loop, start_agent  # noqa: F401 (the fixture)


def test_agents_and_console_over_tls_and_only_with_the_right_ca(tmp_path: Path,
                                                               loop: asyncio.AbstractEventLoop) -> None:  # noqa: F811
    broker = Broker(tmp_path / "broker", ["wallT", "wallX", "wallP"], tls=True)
    broker.start()
    assert broker.url.startswith("mqtts://") and broker.ca is not None
    other_ca, _ = make_ca(tmp_path / "other", "other-ca")
    plain = broker.url.replace("mqtts://", "mqtt://")
    procs = [start_agent(broker, "wallT", tmp_path, "--vout", "dummy", "--ca-file", str(broker.ca)),
             start_agent(broker, "wallX", tmp_path, "--vout", "dummy", "--ca-file", str(other_ca)),
             start_agent(broker, "wallP", tmp_path, "--vout", "dummy", "--broker", plain)]
    console = Console(broker, loop)
    started = time.monotonic()
    try:
        took = wait_for(loop, lambda: console.online("wallT"), 15, "wallT online over TLS")
        print(f"agent online over TLS in {took:.2f} s")
        rev = console.service.show("wallT", "headless-1", "2x2", [CAMS[1]])
        wait_for(loop, lambda: console.service.acknowledged("wallT", "headless-1", rev), 5, "reported over TLS")
        loop.run_until_complete(asyncio.sleep(max(0.0, 4.0 - (time.monotonic() - started))))
        assert "wallX" not in console.service.agents and "wallP" not in console.service.agents
        log = (tmp_path / "wallX.log").read_text() + (tmp_path / "wallT.log").read_text()
        assert "pw-" not in log  # no broker password in the agents' logs
        broker_log = (tmp_path / "broker" / "broker.log").read_text()
        assert "alert unknown ca" in broker_log  # wallX refused the broker's certificate
        assert "wrong version number" in broker_log  # wallP spoke plain MQTT to the TLS listener
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
            p.wait(10)
        console.link.stop()
        broker.stop()

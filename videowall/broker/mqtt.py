"""An MQTT v5 link to the wall broker (Mosquitto) through paho-mqtt 2.x, on paho's own network thread.

Nothing here blocks the caller: ``start`` connects in the background and reconnects by itself (1-2 s
apart, so a restarted broker is back within its first seconds); every message and every (re)connect is
handed to ``post`` (the app's ``loop.call_soon_threadsafe``), so handlers run on the UI/asyncio loop,
never on the network thread. Credentials come from a file (``read_credentials``), never argv or env.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

log = logging.getLogger(__name__)
Post = Callable[[Callable[[], None]], object]


# The broker's access list (Mosquitto acl_file): the console account writes desired states and commands and reads
# everything; an agent (%u, its account's name) writes only its own state, reported states and leases, and the
# consoles' acknowledgements. The demo's broker and the tests' broker use this one text.
MOSQUITTO_ACL = """\
user console
topic write videowall/+/agent/+/monitor/+/desired
topic write videowall/+/agent/+/cmd
topic read videowall/#

pattern write videowall/+/agent/%u/state
pattern write videowall/+/agent/%u/monitor/+/reported
pattern write videowall/+/agent/%u/monitor/+/lease
pattern read videowall/+/agent/%u/#
pattern write videowall/+/console/+/ack
"""


class BrokerConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class BrokerUrl:
    """``mqtt://HOST[:1883]`` or ``mqtts://HOST[:8883]`` (TLS; the broker's certificate is checked against the
    CA file given with it, else the system's CAs, and its name against HOST)."""

    host: str
    port: int
    tls: bool = False
    ca_file: Path | None = None

    @classmethod
    def parse(cls, text: str, ca_file: Path | None = None) -> BrokerUrl:
        parts = urlsplit(text)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise BrokerConfigError(f"the broker is mqtt://HOST:PORT or mqtts://HOST:PORT, got {text!r}")
        if parts.username or parts.password:
            raise BrokerConfigError("no credentials in the broker URL: use --credentials FILE")
        tls = parts.scheme == "mqtts"
        if ca_file is not None and not tls:
            raise BrokerConfigError("a CA file is for mqtts:// brokers only")
        if ca_file is not None and not ca_file.is_file():
            raise BrokerConfigError(f"CA file {ca_file} not found")
        return cls(parts.hostname, parts.port or (8883 if tls else 1883), tls, ca_file)


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials({self.username!r}, ***)"


def read_credentials(path: Path) -> Credentials:
    """``username:password`` on the first line of a file only its owner may read (0600)."""
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BrokerConfigError(f"{path} must be readable by its owner only (chmod 600)")
    line = path.read_text(encoding="utf-8").splitlines()[0] if path.read_text(encoding="utf-8") else ""
    user, sep, password = line.partition(":")
    if not sep or not user or not password:
        raise BrokerConfigError(f"{path}: the first line must be USERNAME:PASSWORD")
    return Credentials(user, password)


@dataclass(frozen=True, slots=True)
class Message:
    topic: str
    payload: bytes
    retain: bool
    response_topic: str = ""
    correlation: bytes = b""


@dataclass(frozen=True, slots=True)
class Will:
    topic: str
    payload: bytes
    delay_s: int  # the broker waits this long after a drop before it publishes the will


class BrokerLink:
    """One MQTT v5 client; ``on_connect`` runs (on the loop) after every connect, to subscribe and announce."""

    def __init__(self, url: BrokerUrl, client_id: str, credentials: Credentials, post: Post,
                 on_message: Callable[[Message], None], on_connect: Callable[[], None],
                 on_disconnect: Callable[[], None] | None = None, will: Will | None = None,
                 keepalive_s: int = 5) -> None:
        self._url = url
        self._post = post
        self._on_message = on_message
        self._on_connect = on_connect
        self._on_disconnect = on_disconnect
        self._keepalive = keepalive_s
        self.connected = False
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id,
                                   protocol=mqtt.MQTTv5)
        self._client.username_pw_set(credentials.username, credentials.password)
        if url.tls:  # certificate and host name checked (paho's defaults: CERT_REQUIRED, TLS 1.2 or later)
            self._client.tls_set(ca_certs=str(url.ca_file) if url.ca_file is not None else None)
        self._client.reconnect_delay_set(1, 2)
        self._session_s = 0
        if will is not None:
            props = Properties(PacketTypes.WILLMESSAGE)
            props.WillDelayInterval = will.delay_s
            self._client.will_set(will.topic, will.payload, qos=1, retain=True, properties=props)
            self._session_s = will.delay_s + 5  # the will waits for its delay only while the session lives
        self._client.on_connect = self._connected
        self._client.on_disconnect = self._disconnected
        self._client.on_message = self._message

    def start(self) -> None:
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = self._session_s
        self._client.connect_async(self._url.host, self._url.port, keepalive=self._keepalive, properties=props)
        self._client.loop_start()

    def subscribe(self, topic: str) -> None:
        self._client.subscribe(topic, qos=1)

    def publish(self, topic: str, payload: bytes, *, retain: bool = False, expiry_s: int | None = None,
                response_topic: str = "", correlation: bytes = b"") -> None:
        props = Properties(PacketTypes.PUBLISH)
        if expiry_s is not None:
            props.MessageExpiryInterval = expiry_s
        if response_topic:
            props.ResponseTopic = response_topic
        if correlation:
            props.CorrelationData = correlation
        self._client.publish(topic, payload, qos=1, retain=retain, properties=props)

    def stop(self, farewell: tuple[str, bytes] | None = None) -> None:
        """Disconnect cleanly (no will: a closed agent says ``farewell`` itself) and end the network thread."""
        if farewell is not None and self.connected:
            info = self._client.publish(farewell[0], farewell[1], qos=1, retain=True)
            try:
                info.wait_for_publish(2.0)
            except (RuntimeError, ValueError):
                log.warning("the farewell to the broker was not sent")
        self._client.disconnect()
        self._client.loop_stop()

    # --- paho's network thread: hand everything to the loop ----------------------------------------
    def _connected(self, client: mqtt.Client, userdata: object, flags: object, reason: object,
                   properties: object) -> None:
        if getattr(reason, "is_failure", False):
            log.warning("the broker refused the connection: %s", reason)
            return
        self.connected = True
        self._post(self._on_connect)

    def _disconnected(self, client: mqtt.Client, userdata: object, flags: object, reason: object,
                      properties: object) -> None:
        self.connected = False
        log.info("disconnected from the broker: %s", reason)
        if self._on_disconnect is not None:
            self._post(self._on_disconnect)

    def _message(self, client: mqtt.Client, userdata: object, msg: mqtt.MQTTMessage) -> None:
        props = getattr(msg, "properties", None)
        response = str(getattr(props, "ResponseTopic", "") or "")
        correlation = bytes(getattr(props, "CorrelationData", b"") or b"")
        message = Message(msg.topic, bytes(msg.payload), bool(msg.retain), response, correlation)
        self._post(lambda: self._on_message(message))

"""WS-Discovery: send a Probe for ONVIF devices and list who answers.

A small asyncio UDP prober rather than a library: it must never block the loop, and the caller
chooses exactly where probes go. On a real network that is the WS-Discovery multicast group
(``MULTICAST_TARGET``); tests pass only 127.0.0.1 targets so nothing ever leaves the machine.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

MULTICAST_TARGET = ("239.255.255.250", 3702)
_NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "d": "http://schemas.xmlsoap.org/ws/2005/04/discovery",
}

_PROBE = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" '
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl">'
    "<s:Header>"
    "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>"
    "<a:MessageID>{message_id}</a:MessageID>"
    "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
    "</s:Header>"
    "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body>"
    "</s:Envelope>"
)


@dataclass(frozen=True, slots=True)
class DiscoveredDevice:
    """One ProbeMatch: where its ONVIF device service is and what it says about itself."""

    endpoint: str
    xaddrs: tuple[str, ...]
    scopes: tuple[str, ...]
    answered_from: str

    @property
    def host(self) -> str:
        if not self.xaddrs:
            return self.answered_from
        return urlsplit(self.xaddrs[0]).hostname or self.answered_from

    @property
    def port(self) -> int:
        if not self.xaddrs:
            return 80
        parts = urlsplit(self.xaddrs[0])
        return parts.port or (443 if parts.scheme == "https" else 80)

    @property
    def name(self) -> str:
        """The ``onvif://www.onvif.org/name/...`` scope, if the device gives one."""
        from urllib.parse import unquote

        for scope in self.scopes:
            if "/name/" in scope:
                return unquote(scope.rsplit("/name/", 1)[1])
        return ""


def parse_probe_match(data: bytes, sender: str, message_id: str | None = None) -> list[DiscoveredDevice]:
    """The devices in one reply; [] for anything that is not a ProbeMatch (to our Probe)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return []
    if message_id is not None:
        relates = root.find("s:Header/a:RelatesTo", _NS)
        if relates is not None and (relates.text or "").strip() != message_id:
            return []
    out = []
    for match in root.iterfind(".//d:ProbeMatch", _NS):
        address = match.findtext("a:EndpointReference/a:Address", "", _NS).strip()
        xaddrs = tuple(match.findtext("d:XAddrs", "", _NS).split())
        scopes = tuple(match.findtext("d:Scopes", "", _NS).split())
        if xaddrs:
            out.append(DiscoveredDevice(address, xaddrs, scopes, sender))
    return out


class _Collector(asyncio.DatagramProtocol):
    def __init__(self, message_id: str) -> None:
        self.message_id = message_id
        self.found: dict[str, DiscoveredDevice] = {}

    def datagram_received(self, data: bytes, addr: tuple[str | object, ...]) -> None:
        for device in parse_probe_match(data, str(addr[0]), self.message_id):
            self.found.setdefault(device.endpoint or device.xaddrs[0], device)

    def error_received(self, exc: Exception) -> None:
        log.debug("WS-Discovery socket error: %s", exc)


async def probe(targets: list[tuple[str, int]], *, wait: float = 2.0, bind_host: str = "0.0.0.0",
                repeats: int = 2) -> list[DiscoveredDevice]:
    """Send a Probe to each target (``repeats`` times: UDP may drop one) and collect answers for ``wait`` s.

    Pass ``bind_host="127.0.0.1"`` with loopback targets to stay on the machine.
    """
    if not targets:
        return []
    loop = asyncio.get_running_loop()
    message_id = f"uuid:{uuid.uuid4()}"
    transport, collector = await loop.create_datagram_endpoint(
        lambda: _Collector(message_id), local_addr=(bind_host, 0))
    try:
        payload = _PROBE.format(message_id=message_id).encode()
        for attempt in range(max(1, repeats)):
            for target in targets:
                transport.sendto(payload, target)
            await asyncio.sleep(min(0.1, wait / 4) if attempt + 1 < repeats else 0)
        await asyncio.sleep(wait)
    finally:
        transport.close()
    return sorted(collector.found.values(), key=lambda d: (d.host, d.port))

"""Counting a server's established TCP connections on loopback (/proc/net/tcp): how many times the relay
pulls a camera, counted at the camera's end."""

from __future__ import annotations

from pathlib import Path


def connections_to(port: int) -> int:
    """Established IPv4 connections whose remote end is ``port`` (clients of the server on that port)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        remote, state = fields[2], fields[3]
        if state == "01" and int(remote.rsplit(":", 1)[1], 16) == port:
            count += 1
    return count

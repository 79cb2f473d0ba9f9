"""MPEG-TS, as far as a feed's fan-out needs it: packets, keyframes, tables, and squeezing time.

ffmpeg's mpegts muxer (what every feed's ingest writes) marks the first packet of each keyframe with
the adaptation field's random access indicator, repeats the PAT and PMT, and carries the PCR on the
video PID. A consumer that joins a running feed is sent the newest PAT and PMT and the packets since
the last keyframe (the GOP cache), so its decoder can start at once instead of at the next keyframe.

Played as they are, those cached packets would put the new tile up to a GOP behind live for as
long as it plays (libVLC paces a pipe like a file: by the stream's own clock). :func:`squeeze`
rewrites their PTS, DTS and PCR so that the whole cached GOP spans a few milliseconds ending at its
newest frame: the decoder decodes every cached frame (it needs them as references), the late ones
are never shown, and the stream then goes on at the live edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PACKET = 188
SYNC = 0x47
PAT_PID = 0
_WRAP = 1 << 33  # PTS, DTS and the PCR base are 33-bit 90 kHz counters


def pid_of(packet: bytes | bytearray | memoryview) -> int:
    return ((packet[1] & 0x1F) << 8) | packet[2]


def _adaptation(packet: bytes | bytearray | memoryview) -> int:
    """Length of the adaptation field including its length byte; 0 when there is none."""
    return 1 + packet[4] if packet[3] & 0x20 else 0


def is_keyframe_start(packet: bytes | bytearray | memoryview) -> bool:
    """The first packet of a keyframe: payload unit start with the random access indicator."""
    return bool(packet[1] & 0x40) and bool(packet[3] & 0x20) and packet[4] > 0 and bool(packet[5] & 0x40)


@dataclass(frozen=True, slots=True)
class PacketScan:
    """Every packet of a run of whole packets at once: a feed's reader sees ~30 000 a second at 36
    feeds, and looking at each in Python held the GIL the UI thread waits for (a 64-tile wall's
    paint stalled for seconds)."""

    packets: np.ndarray  # (n, 188) uint8, a view of the data
    pids: np.ndarray  # (n,) the PID of each
    keyframes: np.ndarray  # indices of the packets that start a keyframe (see is_keyframe_start)


def scan(data: bytes | bytearray) -> PacketScan:
    packets = np.frombuffer(data, np.uint8).reshape(-1, PACKET)
    pids = ((packets[:, 1].astype(np.uint16) & 0x1F) << 8) | packets[:, 2]
    key = ((packets[:, 1] & 0x40) != 0) & ((packets[:, 3] & 0x20) != 0) & (packets[:, 4] > 0) \
        & ((packets[:, 5] & 0x40) != 0)
    return PacketScan(packets, pids, np.flatnonzero(key))


def pmt_pids(pat: bytes | bytearray | memoryview) -> set[int]:
    """The PMT PIDs a PAT packet lists (program 0, the network PID, excluded)."""
    start = 4 + _adaptation(pat)
    if not pat[1] & 0x40 or start >= PACKET:
        return set()
    section = start + 1 + pat[start]  # pointer field
    if section + 8 > PACKET:
        return set()
    length = ((pat[section + 1] & 0x0F) << 8) | pat[section + 2]
    end = min(section + 3 + length - 4, PACKET)  # without the CRC
    out: set[int] = set()
    for at in range(section + 8, end - 3, 4):
        if (pat[at] << 8 | pat[at + 1]) != 0:
            out.add(((pat[at + 2] & 0x1F) << 8) | pat[at + 3])
    return out


def _read_ts(b: bytearray, at: int) -> int:
    return (((b[at] >> 1) & 0x07) << 30) | (b[at + 1] << 22) | ((b[at + 2] >> 1) << 15) | (b[at + 3] << 7) | (
        b[at + 4] >> 1)


def _write_ts(b: bytearray, at: int, value: int) -> None:
    value %= _WRAP
    prefix = b[at] & 0xF0
    b[at] = prefix | (((value >> 30) & 0x07) << 1) | 1
    b[at + 1] = (value >> 22) & 0xFF
    b[at + 2] = (((value >> 15) & 0x7F) << 1) | 1
    b[at + 3] = (value >> 7) & 0xFF
    b[at + 4] = ((value & 0x7F) << 1) | 1


@dataclass(frozen=True, slots=True)
class _Stamp:
    offset: int  # byte offset in the buffer
    kind: str  # "pts", "dts" or "pcr"


def _stamps(buf: bytearray) -> list[_Stamp]:
    out: list[_Stamp] = []
    for base in range(0, len(buf) - PACKET + 1, PACKET):
        adapt = _adaptation(buf[base:base + 6])
        if adapt > 1 and buf[base + 5] & 0x10 and adapt >= 8:  # a PCR
            out.append(_Stamp(base + 6, "pcr"))
        start = base + 4 + adapt
        if not buf[base + 1] & 0x40 or start + 14 > base + PACKET:
            continue
        if buf[start] != 0 or buf[start + 1] != 0 or buf[start + 2] != 1:
            continue  # a table, not a PES
        flags = buf[start + 7] >> 6
        if flags & 0x2:
            out.append(_Stamp(start + 9, "pts"))
        if flags == 0x3 and start + 19 <= base + PACKET:
            out.append(_Stamp(start + 14, "dts"))
    return out


def _read(buf: bytearray, stamp: _Stamp) -> int:
    if stamp.kind == "pcr":
        at = stamp.offset
        return (buf[at] << 25) | (buf[at + 1] << 17) | (buf[at + 2] << 9) | (buf[at + 3] << 1) | (buf[at + 4] >> 7)
    return _read_ts(buf, stamp.offset)


def _write(buf: bytearray, stamp: _Stamp, value: int) -> None:
    if stamp.kind != "pcr":
        _write_ts(buf, stamp.offset, value)
        return
    value %= _WRAP
    at = stamp.offset
    buf[at], buf[at + 1], buf[at + 2], buf[at + 3] = (value >> 25) & 0xFF, (value >> 17) & 0xFF, (
        value >> 9) & 0xFF, (value >> 1) & 0xFF
    buf[at + 4] = ((value & 1) << 7) | (buf[at + 4] & 0x7F)  # keep the reserved bits and the extension


def squeeze(packets: bytes | bytearray, span_ms: float = 20.0) -> bytes:
    """``packets`` (whole TS packets, oldest first) with their clock squeezed into ``span_ms``.

    Every timestamp t becomes end - (end - t) * k, where end is the newest one and k makes the
    oldest land ``span_ms`` before it: order and the PCR-before-DTS relation are kept, and the live
    packets that follow (never rewritten) go on from ``end`` as if nothing had happened.
    """
    buf = bytearray(packets)
    stamps = _stamps(buf)
    if len(stamps) < 2:
        return bytes(buf)
    values = [_read(buf, s) for s in stamps]
    end = max(values)
    unwrapped = [v if end - v < _WRAP // 2 else v + _WRAP for v in values]  # a wrap inside the GOP
    end = max(unwrapped)
    span = end - min(unwrapped)
    if span <= 0:
        return bytes(buf)
    k = min(1.0, span_ms * 90.0 / span)
    for stamp, value in zip(stamps, unwrapped, strict=True):
        _write(buf, stamp, end - round((end - value) * k))
    return bytes(buf)

"""Play a camera's recording from its recorder (issue 22): the use case behind "Play from recorder" and
the instant replay of a live tile.

:meth:`RecorderReplays.target` checks the signed-in user first (REVIEW, and the camera must be one the
user may see: a private camera is refused to a role without VIEW_PRIVATE), then reads the camera's
recorder source and account (register database, credential store) on a worker thread, asks the
recorder for the recording and its replay address (``recording.search``, under its time limits) and
audits the replay. The UI asks for instants in true time; :meth:`ReplayTarget.request` turns one into
the recorder's own clock with the register's ``clock_offset_s``. The account stays in memory, in the
request the replay ingest gets on its stdin; ``repr`` never shows it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from videowall.domain.access import AccessDenied, Permission, User, Visibility, require
from videowall.domain.camera import Camera
from videowall.domain.evidence import BookmarkFilter
from videowall.domain.recorder_source import RecorderKind, RecorderSource
from videowall.domain.recording import recorder_time, true_time
from videowall.domain.urls import Credentials
from videowall.media.replay import ReplayRequest
from videowall.recording.search import DEFAULT_TIMEOUT, RecorderClient, RecorderError
from videowall.security import audit
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.readers import ReadConnections
from videowall.storage.recorder_sources import RecorderSourceRepository

INSTANT_REPLAY_S = 30.0  # "last 30 s" on one key


class NoRecorder(LookupError):
    """The camera has no recorder source in the register, or its recorder holds no recording of it."""


@dataclass(frozen=True, slots=True)
class ReplayTarget:
    """Where one camera's recording plays from. ``clock_offset_s``: the recorder's clock minus true time."""

    camera_id: str
    camera_name: str
    recorder: str  # host:port of the recorder's ONVIF service (never with an account)
    token: str
    url: str
    clock_offset_s: float = 0.0
    credentials: Credentials | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return f"{self.camera_name} ({self.camera_id}) - {self.recorder} {self.token}"

    def request(self, at: float, rate: float = 1.0) -> ReplayRequest:
        """Replay from ``at`` (true time, epoch seconds) at ``rate``, asked in the recorder's clock."""
        creds = self.credentials
        return ReplayRequest(self.url, at + self.clock_offset_s, rate, creds.username if creds else None,
                             creds.password if creds else None)


@dataclass(frozen=True, slots=True)
class TimelineData:
    """What a timeline shows from ``start`` to ``end`` (true time, epoch seconds): the recorded ranges (what
    lies between is a gap), the camera's bookmarks (instant, note), and why the ranges are unknown, if so."""

    start: float
    end: float
    ranges: tuple[tuple[float, float], ...]
    bookmarks: tuple[tuple[float, str], ...]
    problem: str = ""


class RecorderReplays:
    """``user`` and ``visibility`` are the signed-in session's; ``audit_event(action, target, detail)`` writes
    an audit row as that user."""

    def __init__(self, readers: ReadConnections, key_path: Path, user: Callable[[], User],
                 visibility: Callable[[Camera], Visibility], audit_event: Callable[[str, str, str], object],
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._readers = readers
        self._key = KeyFile(key_path)
        self._user = user
        self._visibility = visibility
        self._audit = audit_event
        self.timeout = timeout

    def require(self, camera: Camera | None = None) -> User:
        """The signed-in user if they may replay recordings (of ``camera``); else ``AccessDenied``."""
        user = require(self._user(), Permission.REVIEW)
        if camera is not None and self._visibility(camera) is Visibility.NOT_PERMITTED:
            raise AccessDenied(f"{user.name} (role {user.role.value}) may not view private cameras",
                               who=user.name, role=user.role, wanted=(Permission.VIEW_PRIVATE,))
        return user

    def _client(self, target: ReplayTarget) -> RecorderClient:
        host, _, port = target.recorder.rpartition(":")
        creds = target.credentials
        return RecorderClient(host, int(port), creds.username if creds else None, creds.password if creds else None,
                              timeout=self.timeout)

    async def timeline(self, target: ReplayTarget, start: float, end: float) -> TimelineData:
        """The recorder's ranges of ``target`` (FindEvents, turned into true time) and the camera's bookmarks."""
        self.require()
        offset = target.clock_offset_s
        client, problem = self._client(target), ""
        ranges: tuple[tuple[float, float], ...] = ()
        try:
            await client.connect()
            found = await client.ranges(target.token, recorder_time(_utc(start), offset),
                                        recorder_time(_utc(end), offset))
            ranges = tuple((true_time(r.start, offset).timestamp(), true_time(r.end, offset).timestamp())
                           for r in found.ranges)
        except RecorderError as exc:
            problem = str(exc)
        finally:
            await client.close()
        marks = await asyncio.to_thread(self._bookmarks, target.camera_id, start, end)
        return TimelineData(start, end, ranges, marks, problem)

    def _bookmarks(self, camera_id: str, start: float, end: float) -> tuple[tuple[float, str], ...]:
        rows = EvidenceRepository(self._readers.get()).bookmarks(BookmarkFilter(since=start, until=end,
                                                                                camera_id=camera_id))
        return tuple((b.at, b.note or b.category) for b in rows)

    def _source(self, camera_id: str) -> tuple[RecorderSource | None, Credentials | None]:
        """On a worker thread: the register's recorder source and its account."""
        db = self._readers.get()
        repo = RecorderSourceRepository(db, CredentialStore(db, self._key))
        source = repo.get(camera_id)
        if source is None:
            return None, None
        try:
            return source, repo.credentials(camera_id)
        except CredentialError:
            return source, None

    async def target(self, camera: Camera) -> ReplayTarget:
        """The camera's recording on its recorder: checked, looked up, audited. Raises ``AccessDenied``,
        ``NoRecorder`` or ``RecorderError`` (its text names the ONVIF call that failed)."""
        self.require(camera)
        source, creds = await asyncio.to_thread(self._source, camera.id)
        if source is None:
            raise NoRecorder(f"{camera.id} has no recorder in the register")
        if source.kind is not RecorderKind.ONVIF:
            raise RecorderError("playback URL", f"{source.kind.value} playback URLs are not played yet")
        client = self._client(ReplayTarget(camera.id, camera.name, source.address, "", "", 0.0, creds))
        try:
            await client.connect()
            token = source.recording_token or await self._find_token(client, camera.id)
            url = await client.replay_uri(token)
        finally:
            await client.close()
        self._audit(audit.Action.RECORDER_REPLAY, camera.id, f"recorder {source.address}, recording {token}")
        return ReplayTarget(camera.id, camera.name, source.address, token, url, source.clock_offset_s, creds)

    @staticmethod
    async def _find_token(client: RecorderClient, camera_id: str) -> str:
        for recording in await client.recordings():
            if recording.source_id == camera_id:
                return recording.token
        raise NoRecorder(f"the recorder {client.address} holds no recording of {camera_id}")


def _utc(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)

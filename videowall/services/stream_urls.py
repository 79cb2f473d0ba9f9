"""The URL an ingest connects to: the register's URL with the camera's stored credentials put back.

A camera marked ``via_relay`` is watched through the control room's relay instead (setting
``relay_url``, the relay's own account under ``RELAY_ACCOUNT_REF`` in the credential store): its URL
is the relay's, with the relay's account, never the camera's. Only the ingest process ever sees a URL
with a password; everything shown or logged uses ``domain.urls.redact``. Runs on the media control
thread (it reads the credential store) with that thread's shared read connection.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.relay import RELAY_ACCOUNT_REF, RELAY_URL_SETTING, relay_stream_url
from videowall.domain.urls import with_credentials
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.storage.readers import ReadConnections
from videowall.storage.settings import SettingsRepository

log = logging.getLogger(__name__)


class StreamUrlResolver:
    def __init__(self, readers: ReadConnections, key_path: Path) -> None:
        self._readers = readers
        self._key = KeyFile(key_path)
        self._local = threading.local()
        self._warned: set[str] = set()

    def _store(self) -> CredentialStore:
        store: CredentialStore | None = getattr(self._local, "store", None)
        if store is None:
            store = CredentialStore(self._readers.get(), self._key)
            self._local.store = store
        return store

    def __call__(self, camera: Camera, stream: StreamKind) -> str:
        if camera.via_relay:
            relayed = self._through_relay(camera, stream)
            if relayed is not None:
                return relayed
        url = camera.url_for(stream)
        if camera.credential_ref is None:
            return url
        return with_credentials(url, self._store().get(camera.credential_ref))

    def _through_relay(self, camera: Camera, stream: StreamKind) -> str | None:
        """The relay's URL of the stream with the relay account; None (straight to the camera) without a relay."""
        base = str(SettingsRepository(self._readers.get()).get(RELAY_URL_SETTING, "") or "")
        try:
            url = relay_stream_url(base, camera, stream)
            account = self._store().get(RELAY_ACCOUNT_REF)
        except (ValueError, CredentialError) as exc:
            if camera.id not in self._warned:
                self._warned.add(camera.id)
                log.warning("camera %s is marked for the relay but no relay is usable (%s); watching it directly",
                            camera.id, exc)
            return None
        return with_credentials(url, account)

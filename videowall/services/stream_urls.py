"""The URL an ingest connects to: the register's URL with the camera's stored credentials put back.

Only the ingest process ever sees a URL with a password; everything shown or logged uses
``domain.urls.redact``. Runs on the media control thread (it reads the credential store) with that
thread's shared read connection.
"""

from __future__ import annotations

import threading
from pathlib import Path

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.urls import with_credentials
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.storage.readers import ReadConnections


class StreamUrlResolver:
    def __init__(self, readers: ReadConnections, key_path: Path) -> None:
        self._readers = readers
        self._key = KeyFile(key_path)
        self._local = threading.local()

    def _store(self) -> CredentialStore:
        store: CredentialStore | None = getattr(self._local, "store", None)
        if store is None:
            store = CredentialStore(self._readers.get(), self._key)
            self._local.store = store
        return store

    def __call__(self, camera: Camera, stream: StreamKind) -> str:
        url = camera.url_for(stream)
        if camera.credential_ref is None:
            return url
        return with_credentials(url, self._store().get(camera.credential_ref))

"""The URL an ingest connects to: the register's URL with the camera's stored credentials put back.

Only the ingest process ever sees a URL with a password; everything shown or logged uses
``domain.urls.redact``. Runs on the media control thread (it reads the credential store), so it
opens its own read connection there on first use.
"""

from __future__ import annotations

import threading
from pathlib import Path

from videowall.domain.camera import Camera, StreamKind
from videowall.domain.urls import with_credentials
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.storage.database import open_database


class StreamUrlResolver:
    def __init__(self, db_path: Path, key_path: Path) -> None:
        self._db_path = db_path
        self._key_path = key_path
        self._local = threading.local()

    def _store(self) -> CredentialStore:
        store: CredentialStore | None = getattr(self._local, "store", None)
        if store is None:
            db = open_database(self._db_path, migrate=False)
            store = CredentialStore(db, KeyFile(self._key_path))
            self._local.store = store
        return store

    def __call__(self, camera: Camera, stream: StreamKind) -> str:
        url = camera.url_for(stream)
        if camera.credential_ref is None:
            return url
        return with_credentials(url, self._store().get(camera.credential_ref))

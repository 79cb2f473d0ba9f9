"""Camera credentials, encrypted at rest with a key that never lives in the database.

The database holds only Fernet ciphertext; the key sits in a 0600 file in the config directory, so a
copied or attached database file reveals no password. ``CredentialBackend`` is the seam for an OS
keyring backend later. Passwords are never logged; ``Credentials.__repr__`` hides them.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.fernet import Fernet, InvalidToken
from sqlite_utils import Database

from videowall.domain.urls import Credentials

log = logging.getLogger(__name__)


KEYRING_SERVICE = "videowall"
KEYRING_MARKER = b"keyring:v1"
_AUTO: Any = object()


def os_keyring() -> Any | None:
    """The OS keyring when a real, encrypted one is usable; ``None`` on headless machines."""
    if os.environ.get("VIDEOWALL_KEYRING", "auto").lower() in ("off", "0", "no"):
        return None
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken D-Bus session and the like
        log.info("no OS keyring: %s", exc)
        return None
    module = type(backend).__module__
    if getattr(backend, "priority", 0) <= 0 or any(w in module for w in ("fail", "null", "plaintext", "file")):
        return None
    return backend


class CredentialError(Exception):
    """A credential cannot be stored or read back (missing or wrong key file, unknown ref)."""


class CredentialBackend(Protocol):
    """Where camera credentials live; cameras keep only the returned ref."""

    def put(self, credentials: Credentials, ref: str | None = None) -> str: ...

    def get(self, ref: str) -> Credentials: ...

    def delete(self, ref: str) -> None: ...


class KeyFile:
    """The Fernet key on disk, created on first use with owner-only permissions."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._key: bytes | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> bytes:
        if self._key is None:
            try:
                key = self.path.read_bytes().strip()
            except FileNotFoundError:
                raise CredentialError(f"key file {self.path} is missing; stored credentials cannot be read") from None
            except OSError as exc:
                raise CredentialError(f"key file {self.path} cannot be read: {exc.strerror or exc}") from None
            mode = self.path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                log.warning("key file %s is readable by other users (mode %o); chmod 600 it", self.path, mode & 0o777)
            try:
                Fernet(key)
            except ValueError:
                raise CredentialError(f"key file {self.path} does not hold a valid key") from None
            self._key = key
        return self._key

    def create(self) -> bytes:
        """Write a new key; never replaces an existing file (that would orphan every stored secret)."""
        key = Fernet.generate_key()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return self.load()
        with os.fdopen(fd, "wb") as fh:
            fh.write(key + b"\n")
        log.info("created credential key file %s", self.path)
        self._key = key
        return key


class CredentialStore:
    """``CredentialBackend`` on the ``credentials`` table: username in clear, password as ciphertext.

    The ciphertext also binds the ref and username, so a row's secret cannot be swapped onto another.
    Use it on the connection of the thread that owns it (the writer's for ``put``).
    """

    def __init__(self, db: Database, key_file: KeyFile | Path | str, keyring: Any = _AUTO) -> None:
        self._db = db
        self._key_file = key_file if isinstance(key_file, KeyFile) else KeyFile(key_file)
        self._fernet: Fernet | None = None
        # a keyring backend (get_password/set_password/delete_password), None for the key file only
        self._keyring: Any = os_keyring() if keyring is _AUTO else keyring

    @property
    def uses_keyring(self) -> bool:
        return self._keyring is not None

    def _cipher(self, *, create: bool) -> Fernet:
        if self._fernet is None:
            if create and not self._key_file.exists():
                stored = self.count()
                if stored:
                    raise CredentialError(
                        f"key file {self._key_file.path} is missing but {stored} credentials were encrypted "
                        "with it; restore the key file instead of creating a new one"
                    )
                key = self._key_file.create()
            else:
                key = self._key_file.load()
            self._fernet = Fernet(key)
        return self._fernet

    def put(self, credentials: Credentials, ref: str | None = None) -> str:
        """Encrypt and store (replacing ``ref`` if given); returns the ref to keep on the camera."""
        ref = ref or f"cred-{uuid.uuid4().hex}"
        payload = json.dumps({"r": ref, "u": credentials.username, "p": credentials.password}).encode()
        if self._keyring is not None:
            self._keyring.set_password(KEYRING_SERVICE, ref, payload.decode())
            token = KEYRING_MARKER
        else:
            token = self._cipher(create=True).encrypt(payload)
        self._db.execute(
            "INSERT INTO credentials (ref, username, secret, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(ref) DO UPDATE SET username = excluded.username, secret = excluded.secret, "
            "updated_at = excluded.updated_at",
            [ref, credentials.username, token, datetime.now(UTC).isoformat(timespec="seconds")],
        )
        log.debug("stored credentials %s for user %r", ref, credentials.username)
        return ref

    def get(self, ref: str) -> Credentials:
        row = self._db.execute("SELECT username, secret FROM credentials WHERE ref = ?", [ref]).fetchone()
        if row is None:
            raise CredentialError(f"no stored credentials {ref!r}")
        try:
            if bytes(row[1]) == KEYRING_MARKER:
                stored = self._keyring.get_password(KEYRING_SERVICE, ref) if self._keyring is not None else None
                if stored is None:
                    raise CredentialError(f"credentials {ref!r} are in an OS keyring that is not available here")
                payload = json.loads(stored)
            else:
                payload = json.loads(self._cipher(create=False).decrypt(bytes(row[1])))
        except InvalidToken:
            raise CredentialError(
                f"credentials {ref!r} cannot be decrypted with key file {self._key_file.path} (wrong key?)"
            ) from None
        if payload.get("r") != ref or payload.get("u") != row[0]:
            raise CredentialError(f"credentials {ref!r} do not belong to this row (tampered database?)")
        return Credentials(str(payload["u"]), str(payload["p"]))

    def delete(self, ref: str) -> None:
        if self._keyring is not None:
            try:
                self._keyring.delete_password(KEYRING_SERVICE, ref)
            except Exception as exc:  # not in the keyring (a key-file row): nothing to delete there
                log.debug("keyring delete %s: %s", ref, exc)
        self._db.execute("DELETE FROM credentials WHERE ref = ?", [ref])

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM credentials").fetchone()[0])

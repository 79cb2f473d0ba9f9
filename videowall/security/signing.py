"""The installation's Ed25519 signing key: evidence exports are signed with it.

Kept like the credentials key: one file in the config directory (PKCS#8 PEM, owner-only 0600),
created on first use and never replaced. The private key never leaves this module: not in logs, the
database, an export, a command line or the environment; ``repr`` shows only the fingerprint. Beside
it a public-key file (``<name>.pub``, PEM) is written so an administrator can hand the public key to a
recipient (``videowall verify --public-key FILE``); the fingerprint alone serves too (``--trust-key``).
"""

from __future__ import annotations

import base64
import logging
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from videowall.domain.signature import key_fingerprint

log = logging.getLogger(__name__)
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class SigningError(Exception):
    """The signing key cannot be read or created, or a public key file is unusable."""


class SigningKey:
    """An Ed25519 key pair; ``sign`` and the public half are all it offers."""

    __slots__ = ("_private", "_public_raw", "path")

    def __init__(self, private: Ed25519PrivateKey, path: Path | None = None) -> None:
        self._private = private
        self._public_raw = private.public_key().public_bytes(*_RAW)
        self.path = path

    @classmethod
    def generate(cls) -> SigningKey:
        """A key held in memory only (tests; a real installation uses ``load_or_create``)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load(cls, path: Path | str) -> SigningKey:
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SigningError(f"signing key file {path} is missing") from None
        except OSError as exc:
            raise SigningError(f"signing key file {path} cannot be read: {exc.strerror or exc}") from None
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("signing key file %s is readable by other users (mode %o); chmod 600 it", path, mode & 0o777)
        try:
            private = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise SigningError(f"signing key file {path} does not hold a valid key") from None
        if not isinstance(private, Ed25519PrivateKey):
            raise SigningError(f"signing key file {path} does not hold an Ed25519 key")
        return cls(private, path)

    @classmethod
    def load_or_create(cls, path: Path | str) -> SigningKey:
        """The key in ``path``; a new one written there (0600) if there is none. Never overwrites a file."""
        path = Path(path)
        if path.exists():
            return cls.load(path)
        key = cls(Ed25519PrivateKey.generate(), path)
        pem = key._private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption())
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)  # atomic, and fails if another process created the key meanwhile
            except FileExistsError:
                return cls.load(path)
        finally:
            tmp.unlink(missing_ok=True)
        key.write_public(public_key_path(path))
        log.info("created signing key file %s (fingerprint %s)", path, key.fingerprint)
        return key

    @property
    def public_raw(self) -> bytes:
        return self._public_raw

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self._public_raw)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def public_pem(self) -> bytes:
        return self._private.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo)

    def write_public(self, path: Path) -> Path:
        path.write_bytes(self.public_pem())
        return path

    def __repr__(self) -> str:
        return f"SigningKey(fingerprint={self.fingerprint}, path={self.path})"


def public_key_path(key_path: Path) -> Path:
    return key_path.with_name(key_path.name + ".pub")


def verify_signature(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    """Is ``signature`` an Ed25519 signature of ``data`` by the raw public key ``public_raw``?"""
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def load_public_key(path: Path | str) -> bytes:
    """The raw public key from a PEM public-key file (``*.pub``) or a file holding its base64."""
    path = Path(path)
    try:
        data = path.read_bytes().strip()
    except OSError as exc:
        raise SigningError(f"public key file {path} cannot be read: {exc.strerror or exc}") from None
    if b"PRIVATE KEY" in data:
        raise SigningError(f"{path} holds a private key; give the public key (.pub) instead")
    try:
        if data.startswith(b"-----BEGIN"):
            public = serialization.load_pem_public_key(data)
            if not isinstance(public, Ed25519PublicKey):
                raise SigningError(f"{path} is not an Ed25519 public key")
            return public.public_bytes(*_RAW)
        raw = base64.b64decode(data, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
        return raw
    except SigningError:
        raise
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SigningError(f"{path} does not hold an Ed25519 public key") from None


def installation_key(path: Path | str) -> SigningKey | None:
    """The installation's key for a composition root; ``None`` (logged) when its file is unusable.

    A broken key file must not stop the wall: exports then go out unsigned and ``videowall verify``
    says so. The file is never replaced here (that would orphan the fingerprint recipients know).
    """
    try:
        return SigningKey.load_or_create(path)
    except (SigningError, OSError) as exc:
        log.error("evidence exports will be UNSIGNED: %s", exc)
        return None

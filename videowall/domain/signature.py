"""Export signatures as data: key fingerprints, the detached signature document, what a check found.

An export's ``manifest.json`` is signed with the installation's Ed25519 key; the signature travels
beside it in ``manifest.sig.json``. Only the manifest's exact bytes are signed, so everything a reader
relies on (who exported, when, with which key, every file's hash) is inside the manifest; the
signature document repeats signer and time for convenience and a check insists they agree.
Fingerprints are the SHA-256 of the raw 32-byte public key, written as 16 groups of 4 hex digits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

ALGORITHM = "Ed25519"
SIGNATURE_FILE = "manifest.sig.json"
PAGE_FILE = "verify.html"
# The case reports (Indonesian, the authoritative one, and English): made after the manifest because they
# print its hash, so it cannot list them; each is signed on its own in the signature document.
REPORT_FILES = ("laporan-id.pdf", "report-en.pdf")
SIGNATURE_FORMAT = "videowall-evidence-signature/1"
_HEX = re.compile(r"[^0-9a-f]")


class Signer(Protocol):
    """What an export needs from a signing key (``videowall.security.signing.SigningKey``)."""

    @property
    def public_raw(self) -> bytes: ...

    @property
    def fingerprint(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...


def key_fingerprint(public_raw: bytes) -> str:
    """``ab12:cd34:...``: the SHA-256 of the raw public key in 16 groups of 4 hex digits."""
    digest = hashlib.sha256(public_raw).hexdigest()
    return ":".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, colons, spaces or none) in the canonical form; "" if not one."""
    digits = _HEX.sub("", text.lower())
    if len(digits) != 64:
        return ""
    return ":".join(digits[i:i + 4] for i in range(0, 64, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class SignatureFormatError(ValueError):
    """``manifest.sig.json`` is not a signature document this version understands."""


@dataclass(frozen=True, slots=True)
class SignedFile:
    """A file made after the manifest (a case report), signed on its own."""

    file: str
    sha256: str
    size: int  # bytes
    signature: bytes


@dataclass(frozen=True, slots=True)
class SignatureDoc:
    """The detached signature of ``manifest.json`` (and of ``verify.html``, when the export has one)."""

    public_key: bytes  # raw Ed25519 public key, 32 bytes
    fingerprint: str
    signer: str
    signed_at_utc: str
    manifest_sha256: str
    signature: bytes  # over the exact bytes of manifest.json
    page_sha256: str = ""
    page_signature: bytes = b""  # over the exact bytes of verify.html
    algorithm: str = ALGORITHM
    documents: tuple[SignedFile, ...] = ()  # the case reports

    def to_json(self) -> bytes:
        doc: dict[str, Any] = {
            "format": SIGNATURE_FORMAT, "algorithm": self.algorithm, "signed_file": "manifest.json",
            "manifest_sha256": self.manifest_sha256, "public_key": b64(self.public_key),
            "fingerprint": self.fingerprint, "signer": self.signer, "signed_at_utc": self.signed_at_utc,
            "signature": b64(self.signature),
        }
        if self.page_signature:
            doc.update(page_file=PAGE_FILE, page_sha256=self.page_sha256, page_signature=b64(self.page_signature))
        if self.documents:
            doc["documents"] = [{"file": d.file, "sha256": d.sha256, "bytes": d.size, "signature": b64(d.signature)}
                                for d in self.documents]
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def parse(cls, data: bytes) -> SignatureDoc:
        try:
            doc = json.loads(data.decode("utf-8"))
            if not isinstance(doc, dict):
                raise SignatureFormatError("not a JSON object")
            if doc.get("format") != SIGNATURE_FORMAT:
                raise SignatureFormatError(f"unknown format {doc.get('format')!r}")
            return cls(
                public_key=base64.b64decode(doc["public_key"], validate=True),
                fingerprint=str(doc["fingerprint"]), signer=str(doc.get("signer", "")),
                signed_at_utc=str(doc.get("signed_at_utc", "")), manifest_sha256=str(doc.get("manifest_sha256", "")),
                signature=base64.b64decode(doc["signature"], validate=True),
                page_sha256=str(doc.get("page_sha256", "")),
                page_signature=base64.b64decode(doc.get("page_signature", ""), validate=True),
                algorithm=str(doc.get("algorithm", "")),
                documents=tuple(SignedFile(str(d["file"]), str(d["sha256"]), int(d["bytes"]),
                                           base64.b64decode(d["signature"], validate=True))
                                for d in doc.get("documents", [])),
            )
        except SignatureFormatError:
            raise
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
            raise SignatureFormatError(str(exc) or type(exc).__name__) from None

"""Is this export what the installation signed? Hashes against the manifest, and the manifest's signature.

An export verifies when every file matches ``manifest.json``, ``manifest.sig.json`` holds a valid
Ed25519 signature over the manifest's exact bytes, the signing key is trusted (this installation's
own, or one the person names by fingerprint or public-key file), the manifest names that same key,
and the signature document agrees with the manifest on who signed and when. ``verify.html`` is not in
the manifest (it carries it); its own signature is checked too, so a doctored page is reported. The
case reports (``laporan-id.pdf``, ``report-en.pdf``) print the manifest's hash, so they are not in it
either: each is signed on its own in ``manifest.sig.json``, and one changed after signing, or one the
signature does not name, fails the check.
Who signed and when are read from the signed manifest, never from the unsigned signature document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from videowall.domain.signature import (
    ALGORITHM,
    PAGE_FILE,
    SIGNATURE_FILE,
    SignatureDoc,
    SignatureFormatError,
    key_fingerprint,
    normalize_fingerprint,
)
from videowall.evidence.manifest import MANIFEST, VerifyResult, verify
from videowall.security.signing import verify_signature


class SignatureStatus(StrEnum):
    VALID = "valid"  # a good signature by a trusted key
    UNTRUSTED = "untrusted"  # a good signature, by a key nobody vouched for here
    INVALID = "invalid"  # the signature does not hold (a manifest changed after signing) or contradicts it
    UNSIGNED = "unsigned"  # no signature at all


@dataclass(frozen=True, slots=True)
class Trust:
    """Keys whose signatures count: this installation's, and any the person named."""

    installation: str = ""  # this installation's key fingerprint ("" where it has none)
    fingerprints: frozenset[str] = frozenset()  # --trust-key / --public-key, canonical form

    @classmethod
    def of(cls, installation: str = "", fingerprints: Iterable[str] = (), public_keys: Iterable[bytes] = ()) -> Trust:
        named = {normalize_fingerprint(f) for f in fingerprints} | {key_fingerprint(k) for k in public_keys}
        return cls(normalize_fingerprint(installation), frozenset(named - {""}))

    def vouch(self, fingerprint: str) -> str:
        """Why ``fingerprint`` is trusted, or "" if it is not."""
        if self.installation and fingerprint == self.installation:
            return "this installation's signing key"
        if fingerprint in self.fingerprints:
            return "a key you named (--trust-key / --public-key)"
        return ""


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    status: SignatureStatus
    fingerprint: str = ""
    signer: str = ""  # from the signed manifest
    signed_at: str = ""  # UTC (local) from the signed manifest
    trusted_as: str = ""
    problems: tuple[str, ...] = ()
    page: str = ""  # verify.html: "signed", "changed", "absent" or "unsigned"
    documents: tuple[tuple[str, str], ...] = ()  # each case report: (name, "signed", "changed", "unsigned", "absent")

    @property
    def documents_ok(self) -> bool:
        return all(state in ("signed", "absent") for _name, state in self.documents)

    def lines(self) -> list[str]:
        if self.status is SignatureStatus.UNSIGNED:
            return [f"UNSIGNED: {p}" for p in self.problems]
        out = [f"TAMPERED: {p}" for p in self.problems]
        if self.status in (SignatureStatus.VALID, SignatureStatus.UNTRUSTED):
            out += [f"signature: valid {ALGORITHM} signature over {MANIFEST}", f"signed by: {self.signer}",
                    f"signed at: {self.signed_at}", f"key fingerprint: {self.fingerprint}"]
        if self.status is SignatureStatus.VALID:
            out.append(f"key: {self.trusted_as}")
        elif self.status is SignatureStatus.UNTRUSTED:
            out += [f"UNTRUSTED: signed by a key that is not this installation's: fingerprint {self.fingerprint}",
                    "  if you know this key to be the sender's (ask them for its fingerprint), run again with "
                    f"--trust-key {self.fingerprint} or --public-key FILE"]
        if self.page == "signed":
            out.append(f"{PAGE_FILE}: signed; it carries the manifest as it was signed")
        elif self.page == "changed":
            out.append(f"TAMPERED: {PAGE_FILE} was changed after signing; do not rely on that page")
        elif self.page == "unsigned":
            out.append(f"note: {PAGE_FILE} is not covered by the signature; do not rely on that page")
        elif self.page == "absent":
            out.append(f"note: no {PAGE_FILE} in the export (it is not evidence; nothing is lost)")
        for name, state in self.documents:
            out.append({"signed": f"{name}: signed; the case report, it prints the manifest's hash",
                        "changed": f"TAMPERED: {name} was changed after signing; do not rely on that report",
                        "unsigned": f"TAMPERED: {name} is not covered by the signature; do not rely on that report",
                        "absent": f"note: no {name} in the export (the case report; the evidence files are "
                                  "all checked above)"}[state])
        return out


@dataclass(frozen=True, slots=True)
class ExportCheck:
    files: VerifyResult
    signature: SignatureCheck
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return (self.files.ok and self.signature.status is SignatureStatus.VALID and self.signature.page != "changed"
                and self.signature.documents_ok)

    def lines(self) -> list[str]:
        out = [*self.files.lines(), *self.signature.lines()]
        if self.ok:
            out.append("VERIFIED: every file matches the manifest, signed by a trusted key")
        else:
            why = [w for w, bad in (("files differ from the manifest", not self.files.ok),
                                    (_WHY[self.signature.status], self.signature.status is not SignatureStatus.VALID),
                                    (f"{PAGE_FILE} changed", self.signature.page == "changed"),
                                    ("a case report changed", not self.signature.documents_ok)) if bad]
            out.append(f"NOT VERIFIED: {', '.join(why)}")
        return out


_WHY = {SignatureStatus.VALID: "", SignatureStatus.UNTRUSTED: "signed by a key nobody here vouched for",
        SignatureStatus.INVALID: "signature invalid", SignatureStatus.UNSIGNED: "not signed"}


def check_export(export: Path, trust: Trust) -> ExportCheck:
    files = verify(export)
    return ExportCheck(files, check_signature(files, trust))


def check_signature(files: VerifyResult, trust: Trust) -> SignatureCheck:
    """The signature part of a check, on what ``verify`` read from the export."""
    if not files.manifest_bytes:
        return SignatureCheck(SignatureStatus.UNSIGNED, problems=(f"no {MANIFEST}, so nothing is signed",))
    if files.signature_bytes is None:
        return SignatureCheck(SignatureStatus.UNSIGNED, problems=(
            f"no {SIGNATURE_FILE}: nothing shows who made this export or that its manifest was not rewritten",))
    try:
        doc = SignatureDoc.parse(files.signature_bytes)
        manifest = json.loads(files.manifest_bytes.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except SignatureFormatError as exc:
        return SignatureCheck(SignatureStatus.INVALID, problems=(f"{SIGNATURE_FILE} is unreadable: {exc}",))
    except ValueError as exc:
        return SignatureCheck(SignatureStatus.INVALID, problems=(f"{MANIFEST} is unreadable: {exc}",))
    fp = key_fingerprint(doc.public_key)
    signer = str(manifest.get("exported_by", ""))
    at_utc, at_local = str(manifest.get("exported_at_utc", "")), str(manifest.get("exported_at_local", ""))
    when = f"{at_utc} ({at_local})" if at_local else at_utc
    problems: list[str] = []
    if doc.algorithm != ALGORITHM:
        problems.append(f"unknown signature algorithm {doc.algorithm!r}")
    elif not verify_signature(doc.public_key, doc.signature, files.manifest_bytes):
        problems.append(f"the signature does not match {MANIFEST}: the manifest was changed after it was signed "
                        f"(key fingerprint {fp})")
    if normalize_fingerprint(doc.fingerprint) != fp:
        problems.append(f"{SIGNATURE_FILE} gives fingerprint {doc.fingerprint}, its public key has {fp}")
    named = normalize_fingerprint(str(manifest.get("signing_key_fingerprint", "")))
    if named != fp:
        problems.append(f"the manifest names signing key {named or '(none)'}, it is signed by key {fp}")
    if (doc.signer, doc.signed_at_utc) != (signer, at_utc):
        problems.append(f"{SIGNATURE_FILE} says signed by {doc.signer} at {doc.signed_at_utc}, "
                        f"the signed manifest says {signer} at {at_utc}")
    page = _page_state(files.page_bytes, doc)
    documents = _document_states(files.documents, doc)
    if problems:
        return SignatureCheck(SignatureStatus.INVALID, fp, signer, when, problems=tuple(problems), page=page,
                              documents=documents)
    vouched = trust.vouch(fp)
    status = SignatureStatus.VALID if vouched else SignatureStatus.UNTRUSTED
    return SignatureCheck(status, fp, signer, when, vouched, page=page, documents=documents)


def _document_states(present: tuple[tuple[str, bytes], ...], doc: SignatureDoc) -> tuple[tuple[str, str], ...]:
    """Each case report the signature names or the export holds: signed, changed, unsigned or absent."""
    signed = {d.file: d for d in doc.documents}
    found = dict(present)
    out = []
    for name in [*signed, *(n for n in found if n not in signed)]:
        data = found.get(name)
        if data is None:
            out.append((name, "absent"))
        elif name not in signed:
            out.append((name, "unsigned"))
        else:
            good = verify_signature(doc.public_key, signed[name].signature, data)
            out.append((name, "signed" if good else "changed"))
    return tuple(out)


def _page_state(page: bytes | None, doc: SignatureDoc) -> str:
    if page is None:
        return "absent"
    if not doc.page_signature:
        return "unsigned"
    return "signed" if verify_signature(doc.public_key, doc.page_signature, page) else "changed"

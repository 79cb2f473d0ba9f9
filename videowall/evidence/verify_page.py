"""``verify.html``: the offline page a recipient opens to check an export with nothing installed.

One self-contained file (no network, no external script; its Content-Security-Policy forbids both).
A page opened from disk cannot read the files beside it, so the signed manifest's exact bytes, the
signature and the public key are embedded in it at export time; the person chooses the export folder
and the page hashes what was chosen (WebCrypto SHA-256), checks the Ed25519 signature over the
embedded manifest (WebCrypto Ed25519), reports each file OK / CHANGED / MISSING / ADDED and plays the
clips from the chosen files. The page is not in the manifest it carries; it is signed separately in
``manifest.sig.json`` (see ``videowall.evidence.package``). The case reports, made after the manifest,
are checked against the hashes signed beside it, which the page carries too.
"""

from __future__ import annotations

import json
from importlib import resources

from videowall.domain.signature import SignatureDoc, b64

PLACEHOLDER = "__EVIDENCE_DATA__"


def _template() -> str:
    return resources.files("videowall.evidence").joinpath("verify_page.html").read_text(encoding="utf-8")


def build_verify_page(manifest_bytes: bytes, signature: SignatureDoc | None) -> bytes:
    """The page for this manifest and its signature (``None``: an unsigned export, said so on the page)."""
    data: dict[str, object] = {"manifest_b64": b64(manifest_bytes), "signature_b64": "", "public_key_b64": "",
                               "fingerprint": "", "algorithm": "", "documents": []}
    if signature is not None:
        data.update(signature_b64=b64(signature.signature), public_key_b64=b64(signature.public_key),
                    fingerprint=signature.fingerprint, algorithm=signature.algorithm,
                    documents=[{"path": d.file, "sha256": d.sha256, "bytes": d.size} for d in signature.documents])
    # inside <script>: no "<" at all, so "</script>" or "<!--" cannot end or bend the block
    blob = json.dumps(data, ensure_ascii=True).replace("<", "\\u003c")
    template = _template()
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError("verify_page.html must hold the data placeholder exactly once")
    return template.replace(PLACEHOLDER, blob).encode("utf-8")

"""The export manifest: SHA-256 of every file, and checking an export (folder or zip) against it.

``manifest.json`` lists every other file of the export with its size and hash; ``verify`` reports
files added, removed or changed. Files made after it sit beside it unlisted: ``manifest.sig.json``
(its signature), ``verify.html`` (the offline checking page, which carries the manifest) and the case
reports ``laporan-id.pdf`` / ``report-en.pdf`` (which print its hash); the last three are signed in
``manifest.sig.json`` on their own. A manifest rewritten to match altered files is caught by the signature (checked in
``videowall.services.evidence_verify``) and by the chain of custody in the database.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from videowall.domain.signature import PAGE_FILE, REPORT_FILES, SIGNATURE_FILE

MANIFEST = "manifest.json"
FORMAT = "videowall-evidence/1"
UNLISTED = (MANIFEST, SIGNATURE_FILE, PAGE_FILE, *REPORT_FILES)  # at the export's root: made after the manifest


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX, relative to the export root
    sha256: str
    bytes: int


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    manifest_sha256: str = ""
    problem: str = ""  # the manifest itself is missing or unreadable
    manifest_bytes: bytes = b""
    signature_bytes: bytes | None = None  # manifest.sig.json, if the export has one
    page_bytes: bytes | None = None  # verify.html, if the export has one
    documents: tuple[tuple[str, bytes], ...] = ()  # the case reports present (name, bytes), signed beside the manifest

    def lines(self) -> list[str]:
        out = [f"manifest sha256: {self.manifest_sha256}"] if self.manifest_sha256 else []
        if self.problem:
            out.append(f"TAMPERED: {self.problem}")
        out += [f"CHANGED: {p}" for p in self.changed]
        out += [f"REMOVED: {p}" for p in self.removed]
        out += [f"ADDED: {p}" for p in self.added]
        out.append(f"OK: {self.checked} files match the manifest" if self.ok
                   else f"TAMPERED: {len(self.changed)} changed, {len(self.removed)} removed, "
                        f"{len(self.added)} added")
        return out


def sha256_stream(fh: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := fh.read(1 << 20):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def sha256_file(path: Path) -> tuple[str, int]:
    with path.open("rb") as fh:
        return sha256_stream(fh)


def hash_tree(root: Path) -> list[FileEntry]:
    """Every file under ``root`` except the manifest and what is made from it, sorted by path."""
    out: list[FileEntry] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel in UNLISTED:
            continue
        digest, size = sha256_file(path)
        out.append(FileEntry(rel, digest, size))
    return out


def write_manifest(root: Path, body: dict[str, Any]) -> str:
    """Hash the tree, write ``manifest.json`` with ``body`` plus the file list; returns its SHA-256."""
    files = hash_tree(root)
    doc = {"format": FORMAT, **body, "files": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in files]}
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    (root / MANIFEST).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def verify(export: Path) -> VerifyResult:
    """Check a folder or a ``.zip`` export against its manifest."""
    if export.is_file() and zipfile.is_zipfile(export):
        with zipfile.ZipFile(export) as zf:
            return _verify_files(_zip_files(zf))
    if export.is_dir():
        return _verify_files(_dir_files(export))
    return VerifyResult(False, 0, problem=f"{export} is neither an export folder nor a zip file")


_Opener = tuple[str, Any]  # (relative path, callable returning a binary file object)


def _dir_files(root: Path) -> Iterator[_Opener]:
    base = _manifest_base([p.relative_to(root).as_posix() for p in root.rglob(MANIFEST)])
    top = root / base if base else root
    for path in sorted(p for p in top.rglob("*") if p.is_file()):
        yield path.relative_to(top).as_posix(), (lambda p=path: p.open("rb"))


def _zip_files(zf: zipfile.ZipFile) -> Iterator[_Opener]:
    names = [i.filename for i in zf.infolist() if not i.is_dir()]
    base = _manifest_base([n for n in names if PurePosixPath(n).name == MANIFEST])
    prefix = f"{base}/" if base else ""
    for name in sorted(names):
        if name.startswith(prefix):
            yield name[len(prefix):], (lambda n=name: zf.open(n))
        else:
            yield f"../{name}", (lambda n=name: zf.open(n))


def _manifest_base(candidates: list[str]) -> str:
    """The folder holding the manifest: the shallowest one (an export is one folder, maybe zipped)."""
    if not candidates:
        return ""
    best = min(candidates, key=lambda c: c.count("/"))
    return str(PurePosixPath(best).parent).strip(".")


def _verify_files(files: Iterator[_Opener]) -> VerifyResult:
    actual: dict[str, str] = {}
    unlisted: dict[str, bytes] = {}
    for rel, opener in files:
        with opener() as fh:
            if rel in UNLISTED:
                unlisted[rel] = fh.read()
            else:
                actual[rel] = sha256_stream(fh)[0]
    manifest_bytes = unlisted.get(MANIFEST)
    if manifest_bytes is None:
        return VerifyResult(False, 0, added=tuple(sorted(actual)), problem=f"no {MANIFEST} in the export")
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    try:
        listed = {f["path"]: f["sha256"] for f in json.loads(manifest_bytes.decode("utf-8"))["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        return VerifyResult(False, 0, manifest_sha256=manifest_sha, problem=f"{MANIFEST} is unreadable: {exc}",
                            manifest_bytes=manifest_bytes, signature_bytes=unlisted.get(SIGNATURE_FILE),
                            page_bytes=unlisted.get(PAGE_FILE))
    changed = tuple(sorted(p for p in listed if p in actual and actual[p] != listed[p]))
    removed = tuple(sorted(p for p in listed if p not in actual))
    added = tuple(sorted(p for p in actual if p not in listed))
    ok = not (changed or removed or added)
    return VerifyResult(ok, len(listed), added, removed, changed, manifest_sha, manifest_bytes=manifest_bytes,
                        signature_bytes=unlisted.get(SIGNATURE_FILE), page_bytes=unlisted.get(PAGE_FILE),
                        documents=tuple((n, unlisted[n]) for n in REPORT_FILES if n in unlisted))

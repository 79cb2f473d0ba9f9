"""Signed exports: the installation key, the signature over the manifest, and ``videowall verify``.

The forgeries are the ones a person with the files would try: change a clip and re-hash the
manifest; re-hash and re-sign with a key of their own; drop the signature; edit verify.html.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.evidence_export import make_export
from videowall.domain.signature import SIGNATURE_FILE, key_fingerprint, normalize_fingerprint
from videowall.evidence.manifest import FORMAT, MANIFEST, write_manifest
from videowall.evidence.package import sign_export
from videowall.security.signing import (
    SigningError,
    SigningKey,
    load_public_key,
    public_key_path,
    verify_signature,
)
from videowall.services.evidence_verify import SignatureStatus, Trust, check_export

CLI = Path(sys.executable).parent / "videowall"


# --- the key ---------------------------------------------------------------------------------------------
def test_key_file_is_created_once_owner_only_and_signs(tmp_path: Path) -> None:
    path = tmp_path / "config" / "evidence-signing.key"
    key = SigningKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = SigningKey.load_or_create(path)
    assert again.fingerprint == key.fingerprint and again.public_raw == key.public_raw  # loaded, not replaced
    assert len(key.public_raw) == 32 and key.fingerprint == key_fingerprint(key.public_raw)
    assert load_public_key(public_key_path(path)) == key.public_raw  # the .pub to hand to a recipient
    assert "PRIVATE" not in repr(key) and path.read_bytes().decode() not in repr(key)
    data = b'{"files": []}'
    sig = key.sign(data)
    assert verify_signature(key.public_raw, sig, data)
    assert not verify_signature(key.public_raw, sig, data + b" ")  # tampered data
    assert not verify_signature(SigningKey.generate().public_raw, sig, data)  # wrong key
    assert not verify_signature(key.public_raw, sig[:-1] + bytes([sig[-1] ^ 1]), data)  # tampered signature
    assert not verify_signature(b"short", sig, data)


def test_a_bad_key_file_is_an_error_and_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "evidence-signing.key"
    path.write_bytes(b"not a key\n")
    with pytest.raises(SigningError, match="does not hold a valid key"):
        SigningKey.load_or_create(path)
    assert path.read_bytes() == b"not a key\n"
    private = tmp_path / "other.key"
    SigningKey.load_or_create(private)
    with pytest.raises(SigningError, match="private key"):  # handed the wrong file of the pair
        load_public_key(private)


def test_fingerprints_are_grouped_hex_and_accept_any_spelling() -> None:
    fp = key_fingerprint(b"\x01" * 32)
    assert len(fp) == 79 and fp.count(":") == 15
    assert normalize_fingerprint(fp.replace(":", "").upper()) == fp == normalize_fingerprint(fp.replace(":", " "))
    assert normalize_fingerprint("abcd") == ""


# --- exports, checked in process -------------------------------------------------------------------------
def test_signed_export_verifies_and_carries_no_private_key(tmp_path: Path) -> None:
    key = SigningKey.load_or_create(tmp_path / "config" / "evidence-signing.key")
    result = make_export(tmp_path, key)
    check = check_export(result.path, Trust.of(key.fingerprint))
    assert check.ok, check.lines()
    assert check.signature.signer == "Brigpol Sari" and check.signature.fingerprint == key.fingerprint
    assert check.signature.page == "signed"
    manifest = json.loads((result.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["signing_key_fingerprint"] == key.fingerprint
    assert {f["path"] for f in manifest["files"]}.isdisjoint({MANIFEST, SIGNATURE_FILE, "verify.html"})
    assert key.fingerprint in result.event.detail  # the custody row says which key signed
    secret = (tmp_path / "config" / "evidence-signing.key").read_bytes().splitlines()[1]  # the PEM body
    for f in result.path.rglob("*"):
        if f.is_file():
            assert secret not in f.read_bytes(), f
    zipped = make_export(tmp_path / "z", key, as_zip=True)
    assert check_export(zipped.path, Trust.of(key.fingerprint)).ok


def test_unsigned_and_untrusted_exports_do_not_verify(tmp_path: Path) -> None:
    unsigned = make_export(tmp_path / "u", None)
    check = check_export(unsigned.path, Trust())
    assert check.files.ok and check.signature.status is SignatureStatus.UNSIGNED and not check.ok
    key = SigningKey.generate()
    signed = make_export(tmp_path / "s", key)
    assert check_export(signed.path, Trust.of(SigningKey.generate().fingerprint)).signature.status \
        is SignatureStatus.UNTRUSTED
    assert check_export(signed.path, Trust.of("", public_keys=[key.public_raw])).ok


def test_report_prints_the_key_fingerprint(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    key = SigningKey.generate()
    result = make_export(tmp_path, key)
    for name, label in (("laporan-id.pdf", "Sidik jari kunci penanda tangan"),
                        ("report-en.pdf", "Signing key fingerprint")):
        text = subprocess.run(["pdftotext", "-layout", str(result.path / name), "-"], capture_output=True,
                              text=True, check=True, timeout=30).stdout
        assert re.search(rf"{label}\s+{key.fingerprint}", text), name


# --- forgeries, through `videowall verify` ----------------------------------------------------------------
def _verify(export: Path, config: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "VIDEOWALL_HOME": str(config.parent / "home"),
           "VIDEOWALL_CONFIG_DIR": str(config), "VIDEOWALL_KEYRING": "off"}
    return subprocess.run([str(CLI), "verify", str(export), *extra], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def _change_a_clip_and_rehash(export: Path) -> str:
    """What a forger does: alter a clip, then recompute the manifest so every hash matches again."""
    clip = sorted((export / "clips").iterdir())[0]
    data = bytearray(clip.read_bytes())
    data[len(data) // 2] ^= 0x01
    clip.write_bytes(bytes(data))
    doc = json.loads((export / MANIFEST).read_text(encoding="utf-8"))
    body = {k: v for k, v in doc.items() if k not in ("format", "files")}
    assert doc["format"] == FORMAT
    write_manifest(export, body)
    return clip.relative_to(export).as_posix()


@pytest.fixture
def installation(tmp_path: Path) -> tuple[SigningKey, Path]:
    config = tmp_path / "config"
    return SigningKey.load_or_create(config / "evidence-signing.key"), config


def test_verify_cli_good_export_says_who_when_and_which_key(tmp_path: Path,
                                                            installation: tuple[SigningKey, Path]) -> None:
    key, config = installation
    export = make_export(tmp_path, key).path
    done = _verify(export, config)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "signed by: Brigpol Sari" in out and "signed at: 2026-01-01T01:00:00" in out
    assert f"key fingerprint: {key.fingerprint}" in out and "key: this installation's signing key" in out
    assert "VERIFIED" in out.splitlines()[-1]


def test_verify_cli_rejects_a_rehashed_forgery(tmp_path: Path, installation: tuple[SigningKey, Path]) -> None:
    key, config = installation
    export = make_export(tmp_path, key).path
    _change_a_clip_and_rehash(export)
    done = _verify(export, config)
    assert done.returncode == 1, done.stdout
    assert "OK: 5 files match the manifest" in done.stdout  # the hashes alone would have passed
    assert "TAMPERED: the signature does not match manifest.json: the manifest was changed after it was signed" \
        in done.stdout
    assert done.stdout.splitlines()[-1].startswith("NOT VERIFIED")


def test_verify_cli_rejects_a_resigned_export_unless_its_key_is_trusted(
        tmp_path: Path, installation: tuple[SigningKey, Path]) -> None:
    key, config = installation
    export = make_export(tmp_path, key).path
    _change_a_clip_and_rehash(export)
    forger = SigningKey.load_or_create(tmp_path / "forger" / "k")
    doc = json.loads((export / MANIFEST).read_text(encoding="utf-8"))
    doc["signing_key_fingerprint"] = forger.fingerprint
    write_manifest(export, {k: v for k, v in doc.items() if k not in ("format", "files")})
    sign_export(export, forger, "Brigpol Sari", 1_767_229_200.0)
    done = _verify(export, config)
    assert done.returncode == 1, done.stdout
    assert f"signed by a key that is not this installation's: fingerprint {forger.fingerprint}" in done.stdout
    assert "--trust-key" in done.stdout
    trusted = _verify(export, config, "--trust-key", forger.fingerprint.replace(":", "").upper())
    assert trusted.returncode == 0, trusted.stdout  # a recipient who knows that key accepts it
    by_file = _verify(export, config, "--public-key", str(public_key_path(tmp_path / "forger" / "k")))
    assert by_file.returncode == 0, by_file.stdout
    assert _verify(export, config, "--trust-key", "nonsense").returncode == 2


def test_verify_cli_rejects_an_unsigned_export(tmp_path: Path, installation: tuple[SigningKey, Path]) -> None:
    _key, config = installation
    export = make_export(tmp_path, None).path
    done = _verify(export, config)
    assert done.returncode == 1, done.stdout
    assert f"UNSIGNED: no {SIGNATURE_FILE}" in done.stdout


def test_verify_cli_names_a_changed_file_and_a_changed_page(tmp_path: Path,
                                                            installation: tuple[SigningKey, Path]) -> None:
    key, config = installation
    export = make_export(tmp_path, key).path
    clip = sorted((export / "clips").iterdir())[0]
    clip.write_bytes(clip.read_bytes() + b"\0")
    page = export / "verify.html"
    page.write_text(page.read_text(encoding="utf-8").replace("INVALID", "VALID"), encoding="utf-8")
    done = _verify(export, config)
    assert done.returncode == 1, done.stdout
    assert f"CHANGED: clips/{clip.name}" in done.stdout
    assert "TAMPERED: verify.html was changed after signing" in done.stdout
    assert "signature: valid" in done.stdout  # the manifest itself is still the signed one

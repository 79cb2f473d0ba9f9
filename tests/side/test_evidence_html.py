"""An export's verify.html in headless Chromium, as a recipient with nothing installed would use it.

Debian's chromium (``/usr/bin/chromium``) driven by playwright, which never downloads a browser of
its own. The page is opened from disk (file://), the export folder is chosen in its folder input,
and the page must report every file OK and the signature valid with the installation's fingerprint,
play a clip from the chosen files, and after one byte of a clip changes on disk report it CHANGED.
The page's Content-Security-Policy stays on (no eval), so waits poll from Python with ``evaluate``.
With VIDEOWALL_SAVE_SCREENSHOTS=1 the screenshot is also copied to docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.evidence_export import make_export
from videowall.security.signing import SigningKey

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def until(page: Any, expression: str, timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        assert time.monotonic() < deadline, f"page never reached: {expression}"
        time.sleep(0.05)
    return value


def statuses(page: Any) -> dict[str, str]:
    return dict(page.evaluate("Array.from(document.querySelectorAll('#rows tr'), "
                              "r => [r.dataset.path, r.dataset.status])"))


def choose_folder(page: Any, folder: Path) -> str:
    page.set_input_files("#folder", str(folder))
    until(page, "document.getElementById('summary').dataset.status !== 'idle' && "
                "!document.querySelector('#rows tr[data-status=hashing]')")
    return str(page.evaluate("document.getElementById('summary').dataset.status"))


def test_verify_page_checks_every_file_plays_a_clip_and_catches_a_changed_byte(browser: Any, tmp_path: Path) -> None:
    key = SigningKey.load_or_create(tmp_path / "config" / "evidence-signing.key")
    export = make_export(tmp_path, key, real_video=True).path
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((export / "verify.html").as_uri())

    page.evaluate("window.signatureChecked")
    assert page.get_attribute("#sig", "data-status") == "valid", page.inner_text("#sig-detail")
    assert page.inner_text("#fingerprint").strip() == key.fingerprint
    assert page.inner_text("#signer").strip() == "Brigpol Sari"
    assert set(statuses(page).values()) == {"pending"}  # nothing is OK before the files are chosen

    assert choose_folder(page, export) == "ok", page.inner_text("#summary")
    listed = statuses(page)
    assert len(listed) == 7 and set(listed.values()) == {"ok"}, listed  # 5 in the manifest, the 2 reports beside it
    assert {"laporan-id.pdf", "report-en.pdf"} <= set(listed)
    clip = sorted(p for p in listed if p.startswith("clips/"))[0]

    page.click(f"button[data-play='{clip}']")
    until(page, "document.getElementById('player').readyState >= 2")
    first = float(page.evaluate("document.getElementById('player').currentTime"))
    until(page, f"document.getElementById('player').currentTime > {first} + 0.3")  # it plays, not just loads
    assert page.evaluate("document.getElementById('player').videoWidth") == 320
    shot = tmp_path / "evidence-verify-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    if os.environ.get("VIDEOWALL_SAVE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, DOCS / shot.name)

    data = bytearray((export / clip).read_bytes())
    data[len(data) // 2] ^= 0x01
    (export / clip).write_bytes(bytes(data))
    page.reload()
    page.evaluate("window.signatureChecked")
    assert page.get_attribute("#sig", "data-status") == "valid"  # the manifest is still the signed one
    assert choose_folder(page, export) == "tampered"
    after = statuses(page)
    assert after[clip] == "changed" and all(s == "ok" for p, s in after.items() if p != clip), after
    assert "1 changed" in page.inner_text("#summary")

    report = export / "report-en.pdf"  # a report edited after signing is caught as well
    report.write_bytes(report.read_bytes() + b"%")
    page.reload()
    choose_folder(page, export)
    assert statuses(page)["report-en.pdf"] == "changed"

    (export / "custody.json").unlink()
    page.reload()
    choose_folder(page, export)
    assert statuses(page)["custody.json"] == "missing"
    assert not errors, errors
    assert all(u.startswith(("file:", "blob:", "data:")) for u in requests), requests  # offline: no network


def test_verify_page_of_an_unsigned_export_says_so(browser: Any, tmp_path: Path) -> None:
    export = make_export(tmp_path, None).path
    page = browser.new_page()
    page.goto((export / "verify.html").as_uri())
    page.evaluate("window.signatureChecked")
    assert page.get_attribute("#sig", "data-status") == "unsigned"
    page.set_input_files("#files", [str(p) for p in export.rglob("*") if p.is_file()])  # a flat choice of files
    until(page, "document.getElementById('summary').dataset.status !== 'idle' && "
                "!document.querySelector('#rows tr[data-status=hashing]')")
    assert set(statuses(page).values()) == {"ok"}, statuses(page)

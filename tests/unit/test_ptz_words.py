"""PTZ failures in the console's words: the same sentence as the error's own text in English, translated in
Bahasa Indonesia (the camera's own words pass through); other exceptions are not worded here."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication

from videowall.ptz.errors import (
    OnvifAuthError,
    OnvifBadReply,
    OnvifFault,
    OnvifHttpError,
    OnvifTimeout,
    OnvifUnreachable,
    PositionUnknown,
    PtzError,
    PtzUnsupported,
)
from videowall.ui.ptz_words import ptz_words

SAMPLES = [
    OnvifTimeout("GetServices/GetCapabilities", "5 s"),
    OnvifUnreachable("GetServices/GetCapabilities", "connection refused"),
    OnvifHttpError("GetProfiles", 500),
    OnvifAuthError("GetDeviceInformation", "HTTP 401 Unauthorized"),
    OnvifAuthError("GetDeviceInformation"),
    PtzUnsupported("ptz service", "not advertised by the camera"),
    PtzUnsupported("RelativeMove"),
    OnvifFault("Stop", "Device busy"),
    OnvifBadReply("GetPresets", "Invalid tag name 'tptz:Preset'"),
    PositionUnknown("centre", "the camera takes no RelativeMove and does not report its position"),
    PtzError("connect", "not connected"),
]


@pytest.fixture(scope="module")
def app() -> QApplication:
    return QApplication.instance() or QApplication([])  # type: ignore[return-value]


@pytest.fixture
def indonesian(app: QApplication) -> Iterator[None]:
    from videowall.ui.language import Language

    language = Language(app)
    assert language.install("id")
    yield
    language.install("en")


def test_in_english_the_console_says_what_the_error_says(app: QApplication) -> None:
    for error in SAMPLES:
        assert ptz_words(error) == str(error)
    assert ptz_words(KeyError("PanTilt")) is None and ptz_words(RuntimeError("x")) is None


def test_in_bahasa_indonesia(indonesian: None) -> None:
    said = [ptz_words(error) for error in SAMPLES]
    assert said[:4] == [
        "GetServices/GetCapabilities: tidak ada jawaban dalam 5 s",
        "GetServices/GetCapabilities: kamera tidak dapat dihubungi (koneksi ditolak)",
        "GetProfiles: kamera menjawab HTTP 500 Internal Server Error",
        "GetDeviceInformation: kamera menolak kredensial (HTTP 401 Unauthorized)",
    ]
    assert said[5] == "ptz service tidak didukung oleh kamera ini (tidak diumumkan oleh kamera)"
    assert said[7] == "Stop: kamera melaporkan kesalahan: Device busy"  # the camera's own words stay
    assert all(s is not None and s != str(e) for s, e in zip(said, SAMPLES, strict=True)), said

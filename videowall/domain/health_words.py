"""Health verdicts and durations in words an official reads, in English or Bahasa Indonesia, without Qt.

The sweep stores codes (``auth_failure`` / ``no_credentials``, ``unsupported`` / ``unsupported_codec_JPEG``);
the report, its CSV and the maintenance list print them through ``health_text`` so nobody is handed
``auth_failure no_credentials``. Durations are spelt so they cannot be misread ("1 min", never "1 m").
"""

from __future__ import annotations

from videowall.domain.health import HealthState
from videowall.domain.i18n import normalise

# state -> (English, Bahasa Indonesia)
STATE_WORDS: dict[HealthState, tuple[str, str]] = {
    HealthState.LIVE: ("Live", "Online"),
    HealthState.NOT_FOUND: ("Stream not found", "Stream tidak ditemukan"),
    HealthState.AUTH_FAILURE: ("Login failed", "Gagal masuk"),
    HealthState.UNREACHABLE: ("Unreachable", "Tidak terjangkau"),
    HealthState.DISABLED: ("Disabled", "Nonaktif"),
    HealthState.BAD_URL: ("Wrong stream address", "Alamat stream salah"),
    HealthState.UNSUPPORTED: ("Not supported", "Tidak didukung"),
    HealthState.BLACK: ("Black picture", "Gambar hitam"),
    HealthState.FROZEN: ("Frozen picture", "Gambar membeku"),
    HealthState.UNKNOWN: ("Not checked", "Belum diperiksa"),
}

# reason code -> (English, Bahasa Indonesia); "" means the state already says it all
REASON_WORDS: dict[str, tuple[str, str]] = {
    "refused": ("connection refused", "koneksi ditolak"),
    "connect_timeout": ("no answer in time", "tidak menjawab tepat waktu"),
    "no_reply": ("connected, but no reply", "terhubung, tetapi tidak ada balasan"),
    "reset": ("connection cut off", "koneksi terputus"),
    "closed": ("the camera hung up", "kamera menutup koneksi"),
    "host_unreachable": ("device unreachable", "perangkat tidak terjangkau"),
    "network_unreachable": ("network unreachable", "jaringan tidak terjangkau"),
    "dns_failure": ("device name not found", "nama perangkat tidak ditemukan"),
    "bad_reply": ("the answer is not a video stream", "jawaban bukan stream video"),
    "no_credentials": ("no user name and password stored", "nama pengguna dan kata sandi belum disimpan"),
    "credentials_rejected": ("user name or password refused", "nama pengguna atau kata sandi ditolak"),
    "forbidden": ("this account may not watch", "akun ini tidak boleh menonton"),
    "no_video_track": ("the stream has no video", "stream tidak berisi video"),
    "unsupported_scheme": ("the address is not an RTSP stream", "alamat bukan stream RTSP"),
    "service_off": ("switched off in the register", "dinonaktifkan di register"),
    "picture_black": ("", ""),
    "picture_frozen": ("", ""),
    "404": ("no stream at this address", "tidak ada stream di alamat ini"),
    "error": ("unexpected error", "galat tak terduga"),
    "empty URL": ("no stream address", "alamat stream kosong"),
    "no scheme": ("the address has no protocol", "alamat tanpa protokol"),
    "no host": ("the address has no device", "alamat tanpa perangkat"),
    "port 0": ("port 0", "port 0"),
    "no picture": ("no picture", "tidak ada gambar"),
}
_CODEC = ("video format {} not supported", "format video {} tidak didukung")
_SERVER = ("camera error {}", "galat kamera {}")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if normalise(lang) == "id" else pair[0]


def state_words(state: HealthState, lang: str) -> str:
    return _pick(STATE_WORDS[state], lang)


def reason_words(reason: str, lang: str) -> str:
    """A stored reason code in words; an unknown code is shown with spaces, never glued with underscores."""
    if reason in REASON_WORDS:
        return _pick(REASON_WORDS[reason], lang)
    if reason.startswith("unsupported_codec_"):
        return _pick(_CODEC, lang).format(reason.removeprefix("unsupported_codec_"))
    if reason.startswith("server_error_"):
        return _pick(_SERVER, lang).format(reason.removeprefix("server_error_"))
    return reason.replace("_", " ").strip()


def health_text(state: HealthState, reason: str, lang: str) -> str:
    """'Login failed: no user name and password stored' / 'Gagal masuk: nama pengguna ... belum disimpan'."""
    words = reason_words(reason, lang) if reason else ""
    head = state_words(state, lang)
    return f"{head}: {words}" if words else head


_UNITS = {  # (one, many) per unit and language
    "en": {"day": ("day", "days"), "h": ("h", "h"), "min": ("min", "min")},
    "id": {"day": ("hari", "hari"), "h": ("jam", "jam"), "min": ("menit", "menit")},
}


def _unit(n: int, unit: str, lang: str) -> str:
    one, many = _UNITS[normalise(lang)][unit]
    return f"{n} {one if n == 1 else many}"


def format_duration(hours: float, lang: str = "en") -> str:
    """'2 days 4 h', '3 h 20 min', '1 min', 'under 1 min' (Indonesian: '2 hari 4 jam', '3 jam 20 menit')."""
    minutes = round(hours * 60)
    if minutes < 1:
        return "kurang dari 1 menit" if normalise(lang) == "id" else "under 1 min"
    days, rem = divmod(minutes, 24 * 60)
    h, m = divmod(rem, 60)
    if days:
        return f"{_unit(days, 'day', lang)} {_unit(h, 'h', lang)}" if h else _unit(days, "day", lang)
    if h:
        return f"{_unit(h, 'h', lang)} {_unit(m, 'min', lang)}" if m else _unit(h, "h", lang)
    return _unit(m, "min", lang)


def format_span(seconds: float, lang: str = "en") -> str:
    """A period asked for: whole days as days ('7 days' / '7 hari'), else as ``format_duration``."""
    days = seconds / 86400
    if days >= 1 and abs(days - round(days)) < 1 / 1440:
        return _unit(round(days), "day", lang)
    return format_duration(seconds / 3600, lang)

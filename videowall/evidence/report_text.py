"""The evidence report's wording in Bahasa Indonesia and English, and how it writes times and places.

Two reports are written per export, ``laporan-id.pdf`` (the authoritative text an Indonesian court
files: official documents are in Bahasa Indonesia) and ``report-en.pdf`` (its translation). Every
label is a field of ``Labels``, so a text missing in one language is a type error, not an English
word in the Indonesian report. The wording follows police usage (berita acara, barang bukti, rantai
penguasaan, sidik jari kunci), not a word-for-word rendering of the English.

Every time is written in the installation's zone and in UTC: ``2026-12-01 14:03:05 WIB (07:03:05
UTC)``, with the UTC date as well when it is another day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from videowall.domain.evidence import ClipState, tz_abbrev
from videowall.domain.signature import REPORT_FILES

REPORT_ID, REPORT_EN = REPORT_FILES


@dataclass(frozen=True, slots=True)
class Labels:
    lang: str
    file_name: str
    title: str
    header: str  # "{number}" filled
    no_case: str
    footer: str  # "{file}", "{who}", "{when}"
    page_of: str  # "{n}" of "{total}"
    version_note: str
    # summary
    summary: str
    case_number: str
    case_title: str
    case_status: str
    status_open: str
    status_closed: str
    opened: str
    opened_by: str  # "{when}" by "{who}"
    notes: str
    exported_by: str
    exported_at: str
    timezone: str
    bookmark_count: str
    file_count: str
    none: str
    # cameras
    cameras: str
    camera_id: str
    camera_name: str
    camera_kind: str
    kecamatan: str
    kelurahan: str
    rw_rt: str
    coordinates: str
    coordinates_unknown: str
    register_note: str
    not_in_register: str
    # timeline and bookmarks
    timeline: str
    snapshot: str
    no_snapshot: str
    time: str
    camera: str
    category_operator: str
    note: str
    details: str
    bookmark: str
    bookmark_line: str  # "#{id}, {category}, prioritas {priority}"
    priorities: tuple[str, str, str]
    event_time: str
    operator: str
    tags: str
    asked_window: str  # "{pre}" s before to "{post}" s after
    clip_covers: str
    clip: str
    clip_part: str  # "{n}"
    clip_state: str
    clip_states: tuple[tuple[ClipState, str], ...]
    clip_note: str
    clip_note_hint: str
    seconds: str  # "{s} s"
    # hashes
    hashes: str
    hashes_intro: str
    kind: str
    file: str
    size: str
    kind_clip: str
    kind_part: str
    kind_snapshot: str
    kind_custody: str
    kind_watermarked: str
    kind_other: str
    manifest: str
    manifest_note: str
    key_fingerprint: str
    not_signed: str
    signature_note: str
    bytes_unit: str
    # custody
    custody: str
    custody_intro: str
    who: str
    action: str
    detail: str
    actions: tuple[tuple[str, str], ...]
    # attestation
    attestation: str
    attestation_text: str  # "{exporter}", "{date}", "{case}", "{files}", "{fingerprint}"
    on_date: str  # "{date}" spelled out, "{time}" local (UTC)
    attestation_unsigned: str
    attestation_close: str
    handed_over_by: str
    received_by: str
    name: str
    rank_nrp: str
    date: str
    signature: str
    # how to check
    how_to_check: str
    how_to_check_text: str

    def status(self, closed: bool) -> str:
        return self.status_closed if closed else self.status_open

    def state(self, state: ClipState) -> str:
        return dict(self.clip_states).get(state, state.value)

    def action_name(self, action: str) -> str:
        return dict(self.actions).get(action, action)

    def priority(self, p: int) -> str:
        return self.priorities[p - 1] if 1 <= p <= 3 else str(p)


ID = Labels(
    lang="id", file_name=REPORT_ID,
    title="Berita Acara Penyalinan Barang Bukti Elektronik (Rekaman CCTV)",
    header="Perkara {number} - Berita Acara Penyalinan Barang Bukti Elektronik",
    no_case="(tanpa nomor perkara: penanda terpilih)",
    footer="{file} - disalin oleh {who}, {when}",
    page_of="Halaman {n} dari {total}",
    version_note="Naskah ini adalah berita acara resmi. Terjemahan bahasa Inggris yang sama isinya: report-en.pdf.",
    summary="Ringkasan", case_number="Nomor perkara", case_title="Judul perkara", case_status="Status perkara",
    status_open="terbuka", status_closed="ditutup", opened="Perkara dibuka", opened_by="{when}, oleh {who}",
    notes="Catatan perkara", exported_by="Disalin (diekspor) oleh", exported_at="Waktu penyalinan",
    timezone="Zona waktu instalasi", bookmark_count="Jumlah penanda kejadian", file_count="Jumlah berkas",
    none="-",
    cameras="Identitas kamera", camera_id="ID titik kamera", camera_name="Nama titik", camera_kind="Jenis kamera",
    kecamatan="Kecamatan", kelurahan="Kelurahan", rw_rt="RW / RT", coordinates="Koordinat (lintang, bujur)",
    coordinates_unknown="tidak tercatat dalam daftar kamera", register_note="Keterangan lokasi (daftar kamera)",
    not_in_register="kamera ini tidak lagi ada di daftar kamera saat penyalinan; data dari penanda kejadian",
    timeline="Kronologi kejadian", snapshot="Tangkapan gambar", no_snapshot="(tidak ada tangkapan gambar)",
    time="Waktu", camera="Kamera", category_operator="Kategori / operator", note="Catatan",
    details="Rincian setiap penanda kejadian", bookmark="Penanda kejadian",
    bookmark_line="#{id}, kategori {category}, prioritas {priority}",
    priorities=("1 (tinggi)", "2 (normal)", "3 (rendah)"),
    event_time="Waktu kejadian (tombol ditekan)", operator="Operator", tags="Label",
    asked_window="Rentang yang diminta", clip_covers="Rentang rekaman yang tersimpan", clip="Berkas klip",
    clip_part="Bagian klip {n}", clip_state="Kelengkapan klip",
    clip_states=((ClipState.SAVED, "lengkap"), (ClipState.PARTIAL, "sebagian (lihat catatan klip)"),
                 (ClipState.NONE, "tidak ada rekaman"), (ClipState.FAILED, "gagal disimpan"),
                 (ClipState.PENDING, "masih direkam")),
    clip_note="Catatan klip (sistem)",
    clip_note_hint=("Catatan klip dan rincian rantai penguasaan dikutip apa adanya dari catatan sistem "
                    "(bahasa Inggris)."),
    seconds="{s} detik",
    hashes="Daftar berkas dan nilai hash SHA-256",
    hashes_intro=("Nilai hash SHA-256 setiap berkas salinan, dihitung saat penyalinan. Berkas yang diubah walau satu "
                  "bit akan menghasilkan nilai yang berbeda. Daftar yang sama tercantum dalam manifest.json, yang "
                  "ditandatangani secara elektronik (Ed25519) dalam manifest.sig.json."),
    kind="Jenis", file="Berkas", size="Ukuran (bita)", kind_clip="Klip video", kind_part="Bagian klip",
    kind_snapshot="Tangkapan gambar", kind_custody="Log rantai penguasaan",
    kind_watermarked="Salinan bertanda air (disandikan ulang)", kind_other="Berkas",
    manifest="Manifest (daftar berkas bertanda tangan)",
    manifest_note=("manifest.json memuat nilai hash setiap berkas di atas; nilai hash manifest sendiri dan sidik jari "
                   "kunci penanda tangan di bawah ini mengikat berita acara ini pada salinan elektronik."),
    key_fingerprint="Sidik jari kunci penanda tangan", not_signed="(tidak ditandatangani)",
    signature_note="SHA-256 dari kunci publik Ed25519 instalasi ini, dalam 16 kelompok 4 digit heksadesimal.",
    bytes_unit="bita",
    custody="Rantai Penguasaan Barang Bukti",
    custody_intro="Setiap langkah atas barang bukti ini sejak kejadian ditandai, menurut catatan sistem.",
    who="Oleh", action="Tindakan", detail="Rincian (catatan sistem)",
    actions=(("bookmark", "penanda dibuat"), ("clip_cut", "klip dipotong"), ("create_case", "perkara dibuat"),
             ("add_to_case", "ditambahkan ke perkara"), ("view", "klip diputar"), ("export", "disalin (ekspor)"),
             ("close_case", "perkara ditutup"), ("handover", "diserahkan"), ("bookmark_edit", "penanda diubah"),
             ("case_notes", "catatan perkara diubah")),
    attestation="Pernyataan",
    attestation_text=(
        "Saya yang bertanda tangan di bawah ini, {exporter}, menyatakan dengan sebenarnya bahwa pada {date} saya telah "
        "menyalin rekaman CCTV dan berkas pendukung untuk perkara {case} dari sistem videowall tanpa mengubah isinya. "
        "Salinan terdiri atas {files} berkas yang masing-masing tercantum beserta nilai hash SHA-256-nya dalam berita "
        "acara ini; daftar berkas (manifest.json) ditandatangani secara elektronik dengan kunci instalasi bersidik "
        "jari {fingerprint}."),
    attestation_unsigned=("Saya yang bertanda tangan di bawah ini, {exporter}, menyatakan dengan sebenarnya bahwa pada "
                          "{date} saya telah menyalin rekaman CCTV dan berkas pendukung untuk perkara {case} dari "
                          "sistem videowall tanpa mengubah isinya. Salinan terdiri atas {files} berkas yang "
                          "masing-masing tercantum beserta nilai hash SHA-256-nya dalam berita acara ini; salinan ini "
                          "tidak ditandatangani secara elektronik."),
    on_date="hari {date}, pukul {time}",
    attestation_close="Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.",
    handed_over_by="Yang menyerahkan (penyalin)", received_by="Yang menerima (petugas penerima)",
    name="Nama", rank_nrp="Pangkat / NRP", date="Tanggal", signature="Tanda tangan",
    how_to_check="Cara memeriksa keaslian salinan",
    how_to_check_text=(
        "Buka verify.html dalam peramban (tanpa instalasi apa pun), lalu pilih folder salinan: halaman itu "
        "menghitung ulang nilai hash setiap berkas dan memeriksa tanda tangan. Atau jalankan "
        "'videowall verify <folder atau zip>'. "
        "Bandingkan nilai hash manifest.json dan sidik jari kunci dengan yang tercantum di berita acara ini."),
)

EN = Labels(
    lang="en", file_name=REPORT_EN,
    title="Record of Copying of Electronic Evidence (CCTV Footage)",
    header="Case {number} - Record of Copying of Electronic Evidence",
    no_case="(no case number: selected bookmarks)",
    footer="{file} - copied by {who}, {when}",
    page_of="Page {n} of {total}",
    version_note=("English translation. The authoritative text is the Indonesian record laporan-id.pdf, "
                  "which has the same content."),
    summary="Summary", case_number="Case number", case_title="Case title", case_status="Case status",
    status_open="open", status_closed="closed", opened="Case opened", opened_by="{when}, by {who}",
    notes="Case notes", exported_by="Copied (exported) by", exported_at="Time of copying",
    timezone="Installation time zone", bookmark_count="Number of bookmarks", file_count="Number of files",
    none="-",
    cameras="Camera identity", camera_id="Camera id", camera_name="Name", camera_kind="Camera type",
    kecamatan="Kecamatan (district)", kelurahan="Kelurahan (village)", rw_rt="RW / RT (neighbourhood)",
    coordinates="Coordinates (latitude, longitude)", coordinates_unknown="not recorded in the register",
    register_note="Location note (register)",
    not_in_register="this camera was no longer in the register at the time of copying; data from the bookmark",
    timeline="Timeline", snapshot="Snapshot", no_snapshot="(no snapshot)",
    time="Time", camera="Camera", category_operator="Category / operator", note="Note",
    details="Each bookmark in detail", bookmark="Bookmark",
    bookmark_line="#{id}, category {category}, priority {priority}",
    priorities=("1 (high)", "2 (normal)", "3 (low)"),
    event_time="Time of the event (key pressed)", operator="Operator", tags="Tags",
    asked_window="Window asked for", clip_covers="Footage saved", clip="Clip file",
    clip_part="Clip part {n}", clip_state="Clip completeness",
    clip_states=((ClipState.SAVED, "complete"), (ClipState.PARTIAL, "partial (see the clip note)"),
                 (ClipState.NONE, "no footage"), (ClipState.FAILED, "could not be saved"),
                 (ClipState.PENDING, "still recording")),
    clip_note="Clip note (system)",
    clip_note_hint="Clip notes and custody details are quoted as the system recorded them.",
    seconds="{s} s",
    hashes="Files and their SHA-256 hashes",
    hashes_intro=("The SHA-256 hash of every file of the copy, computed when it was made. A file changed by a single "
                  "bit gives a different value. The same list is in manifest.json, electronically signed (Ed25519) "
                  "in manifest.sig.json."),
    kind="Type", file="File", size="Size (bytes)", kind_clip="Video clip", kind_part="Clip part",
    kind_snapshot="Snapshot", kind_custody="Chain-of-custody log",
    kind_watermarked="Watermarked copy (re-encoded)", kind_other="File",
    manifest="Manifest (signed list of files)",
    manifest_note=("manifest.json holds the hash of every file above; the manifest's own hash and the signing key's "
                   "fingerprint below bind this record to the electronic copy."),
    key_fingerprint="Signing key fingerprint", not_signed="(not signed)",
    signature_note="SHA-256 of this installation's Ed25519 public key, in 16 groups of 4 hexadecimal digits.",
    bytes_unit="bytes",
    custody="Chain of Custody",
    custody_intro="Every step taken with this evidence since the event was bookmarked, as the system recorded it.",
    who="By", action="Action", detail="Detail (system record)",
    actions=(("bookmark", "bookmark taken"), ("clip_cut", "clip cut"), ("create_case", "case created"),
             ("add_to_case", "added to the case"), ("view", "clip played"), ("export", "copied (export)"),
             ("close_case", "case closed"), ("handover", "handed over"), ("bookmark_edit", "bookmark changed"),
             ("case_notes", "case notes changed")),
    attestation="Attestation",
    attestation_text=(
        "I, the undersigned, {exporter}, truthfully declare that on {date} I copied the CCTV footage and supporting "
        "files for case {case} from the videowall system without altering their content. The copy consists of {files} "
        "files, each listed in this record with its SHA-256 hash; the list of files (manifest.json) is electronically "
        "signed with the installation key with fingerprint {fingerprint}."),
    attestation_unsigned=("I, the undersigned, {exporter}, truthfully declare that on {date} I copied the CCTV footage "
                          "and supporting files for case {case} from the videowall system without altering their "
                          "content. The copy consists of {files} files, each listed in this record with its SHA-256 "
                          "hash; this copy is not electronically signed."),
    on_date="{date}, at {time}",
    attestation_close="This record is made truthfully, to be used as required.",
    handed_over_by="Handed over by (copier)", received_by="Received by (receiving officer)",
    name="Name", rank_nrp="Rank / NRP", date="Date", signature="Signature",
    how_to_check="How to check the copy",
    how_to_check_text=(
        "Open verify.html in a web browser (nothing to install) and choose the copy's folder: the page recomputes "
        "every file's hash and checks the signature. Or run 'videowall verify <folder or zip>'. Compare the hash of "
        "manifest.json and the key fingerprint with the ones printed in this record."),
)

LANGUAGES: tuple[Labels, ...] = (ID, EN)  # Indonesian first: the authoritative record


def both_times(at: float, tz: str) -> str:
    """``2026-12-01 14:03:05 WIB (07:03:05 UTC)``; the UTC date too when it is another day."""
    local = datetime.fromtimestamp(at, ZoneInfo(tz))
    utc = datetime.fromtimestamp(at, UTC)
    utc_text = utc.strftime("%H:%M:%S") if utc.date() == local.date() else utc.strftime("%Y-%m-%d %H:%M:%S")
    return f"{local:%Y-%m-%d %H:%M:%S} {tz_abbrev(tz)} ({utc_text} UTC)"


def zone_text(tz: str, at: float) -> str:
    """``WIB (Asia/Jakarta, UTC+07:00)``."""
    offset = datetime.fromtimestamp(at, ZoneInfo(tz)).strftime("%z")
    return f"{tz_abbrev(tz)} ({tz}, UTC{offset[:3]}:{offset[3:]})"


def coordinates(lat: float | None, lon: float | None, labels: Labels) -> str:
    """``-6.936374, 110.415272 (6°56'11.0" LS, 110°24'55.0" BT)``: decimal, then degrees as maps print them."""
    if lat is None or lon is None:
        return labels.coordinates_unknown
    if labels.lang == "id":
        ns, we = ("LS" if lat < 0 else "LU"), ("BT" if lon >= 0 else "BB")
    else:
        ns, we = ("S" if lat < 0 else "N"), ("E" if lon >= 0 else "W")
    return f"{lat:.6f}, {lon:.6f} ({_dms(lat)} {ns}, {_dms(lon)} {we})"


def _dms(value: float) -> str:
    value = abs(value)
    degrees = int(value)
    minutes_f = (value - degrees) * 60
    minutes = int(minutes_f)
    seconds = (minutes_f - minutes) * 60
    if round(seconds, 1) >= 60.0:
        minutes, seconds = minutes + 1, 0.0
    return f"{degrees}\u00b0{minutes:02d}'{seconds:04.1f}\""

"""The camera dialog's Recorder group (issue 22 item 4): where the camera's recordings are played from.

Only fields and words: the kind (none, an ONVIF Profile G recorder, a vendor playback URL), the address
(``host:port``, or a URL template with ``{start}`` and ``{end}``), the recording token (empty: found by
the recorder's search), the recorder's time zone and clock offset, and its account. The checks are the
domain's (``RecorderSource.findings``), worded here in the window's language; the dialog hands
:meth:`RecorderBox.edit` to ``CameraEditor.save``, which checks again and writes it with the camera.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from videowall.domain.recorder_source import VENDOR_FIELDS, RecorderKind, RecorderProblem
from videowall.services.camera_edit import RecorderEdit, Secret, StoredRecorder

ERROR_STYLE = "color: #ff6b6b;"
ZONES = ("UTC", "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")  # Indonesia's three zones; any IANA name is taken
ONVIF_HINT = "192.168.1.20:80"
VENDOR_HINTS = {
    RecorderKind.HIKVISION: "rtsp://nvr:554/Streaming/tracks/101?starttime={start}&endtime={end}",
    RecorderKind.DAHUA: "rtsp://nvr:554/cam/playback?channel=1&starttime={start}&endtime={end}",
}


class RecorderBox(QGroupBox):
    """``edit()`` is what the fields say, or None until an edited camera's stored source is shown
    (``loading``): a Save then leaves the stored source as it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recorder"))
        self.loading = False
        form = QFormLayout(self)
        self.kind = QComboBox()
        for text, kind in ((self.tr("None"), ""), (self.tr("ONVIF Profile G recorder"), RecorderKind.ONVIF.value),
                           (self.tr("Hikvision playback URL"), RecorderKind.HIKVISION.value),
                           (self.tr("Dahua playback URL"), RecorderKind.DAHUA.value)):
            self.kind.addItem(text, kind)  # the kind's value: Qt keeps a StrEnum as a plain string
        form.addRow(self.tr("Kind"), self.kind)
        self.address = QLineEdit()
        form.addRow(self.tr("Address"), self.address)
        self.token = QLineEdit()
        self.token.setPlaceholderText(self.tr("empty: found by search"))
        form.addRow(self.tr("Recording token"), self.token)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(ZONES)
        self.timezone.setToolTip(self.tr("The time zone the recorder's clock is set to"))
        form.addRow(self.tr("Time zone"), self.timezone)
        self.offset = QLineEdit()
        self.offset.setPlaceholderText("0")
        self.offset.setToolTip(self.tr("The recorder's clock minus the true time, in seconds"))
        form.addRow(self.tr("Clock offset (s)"), self.offset)
        self.username = QLineEdit()
        form.addRow(self.tr("User"), self.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password"), self.password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        self.kind.currentIndexChanged.connect(lambda _i: self._follow_kind())
        self._follow_kind()

    def current_kind(self) -> RecorderKind | None:
        data = self.kind.currentData()
        return RecorderKind(data) if data else None

    def _follow_kind(self) -> None:
        kind = self.current_kind()
        for widget in (self.address, self.token, self.timezone, self.offset, self.username, self.password):
            widget.setEnabled(kind is not None and not self.loading)
        self.address.setPlaceholderText(VENDOR_HINTS.get(kind, ONVIF_HINT) if kind is not None else "")
        self.address.setToolTip(self.tr("host:port of the recorder's ONVIF service") if kind is RecorderKind.ONVIF
                                else self.tr("The playback URL; %1 and %2 are replaced by the start and end times")
                                .replace("%1", "{start}").replace("%2", "{end}") if kind is not None else "")

    # --- the stored source --------------------------------------------------------------------------
    def set_loading(self, loading: bool) -> None:
        """While an edited camera's source is read, the group waits (and ``edit()`` keeps the stored one)."""
        self.loading = loading
        self.kind.setEnabled(not loading)
        self._follow_kind()

    def show_stored(self, stored: StoredRecorder) -> None:
        self.loading = False
        self.kind.setEnabled(True)
        source = stored.source
        self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind.value if source is not None else "")))
        if source is not None:
            self.address.setText(source.address)
            self.token.setText(source.recording_token)
            self.timezone.setCurrentText(source.timezone)
            self.offset.setText(_seconds(source.clock_offset_s))
        self.username.setText(stored.username)
        self.password.clear()
        self.password.setPlaceholderText(self.tr("stored; leave empty to keep it") if stored.has_account else "")
        self._follow_kind()

    # --- what the fields say ------------------------------------------------------------------------
    def edit(self) -> RecorderEdit | None:
        """The fields as the service takes them; None while loading. Raises ValueError for an offset that is
        not a number (``problems`` words it)."""
        if self.loading:
            return None
        kind = self.current_kind()
        if kind is None:
            return RecorderEdit(None)
        offset = float(self.offset.text().strip().replace(",", ".") or "0")
        if not math.isfinite(offset):
            raise ValueError(offset)
        return RecorderEdit(kind, self.address.text().strip(), self.token.text().strip(),
                            self.timezone.currentText().strip() or "UTC", offset,
                            Secret(self.username.text(), self.password.text()))

    def problems(self, camera_id: str) -> list[str]:
        """The group's problems in the window's language ([] when it may be saved)."""
        try:
            edit = self.edit()
        except ValueError:
            return [self.tr("The clock offset is a number of seconds, e.g. -12.5.")]
        source = None if edit is None else edit.source(camera_id or "-")[0]
        return [] if source is None else [self.problem_text(p, d) for p, d in source.findings()]

    def problem_text(self, problem: RecorderProblem, detail: str) -> str:
        if problem is RecorderProblem.MISSING_FIELDS:
            fields = self.tr(" and ").join(f for f in VENDOR_FIELDS if f in detail)
            return self.tr("The playback URL needs %1 (where the start and end times go).").replace("%1", fields)
        if problem is RecorderProblem.UNKNOWN_TIMEZONE:
            return self.tr("Unknown time zone %1; e.g. Asia/Jakarta or UTC.").replace("%1", detail or "-")
        words = {
            RecorderProblem.NO_CAMERA: self.tr("The camera needs an id first."),
            RecorderProblem.NO_ADDRESS: self.tr("The recorder needs an address."),
            RecorderProblem.CREDENTIALS_IN_ADDRESS: self.tr("The address must not carry a user name or password; "
                                                            "use the User and Password fields."),
            RecorderProblem.VENDOR_NOT_RTSP: self.tr("A playback URL starts with rtsp:// or rtsps://."),
            RecorderProblem.ONVIF_NOT_HOST_PORT: self.tr("An ONVIF recorder's address is host:port, "
                                                         "without rtsp:// or http://."),
            RecorderProblem.OFFSET_BEYOND_A_WEEK: self.tr("The clock offset is more than a week."),
        }
        return words[problem]

    def show_problems(self, texts: list[str]) -> None:
        self.error.setText(" ".join(texts))
        self.error.setVisible(bool(texts))
        if texts:
            self.address.setFocus()


def _seconds(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)

"""Add or edit one camera by hand: the register fields, a stream test with the first picture, ONVIF discovery,
and the camera's recorder (ui/recorder_box.py).

Only fields and words live here; checking (domain/camera_form.py), writing, credentials, the stream
test and discovery are ``services.camera_edit``. Every slow call returns a Future whose answer comes
back through a queued signal, so the dialog never waits and never blocks the console.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.access import AccessDenied
from videowall.domain.camera import Camera, CameraKind
from videowall.domain.camera_form import CameraForm, Field, FieldProblem, Problem, validate
from videowall.services.camera_edit import (
    CameraEditor,
    DeviceReading,
    FormRejected,
    RecorderRejected,
    Secret,
    StoredRecorder,
    StreamTest,
    parse_targets,
)
from videowall.ui.recorder_box import RecorderBox
from videowall.ui.refusal_words import refusal_text
from videowall.ui.ui_thread import ui_operations

ERROR_STYLE = "color: #ff6b6b;"


class CameraDialog(QDialog):
    """``camera`` None: a new camera. ``saved(Camera)`` when the service wrote it."""

    saved = Signal(object)

    def __init__(self, editor: CameraEditor, taken_ids: Callable[[], frozenset[str]], camera: Camera | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._taken = taken_ids
        self._camera = camera
        self._ops = ui_operations(self)  # the editor's answers (test, discovery, save) on the UI thread
        self.setWindowTitle(self.tr("Edit camera") if camera else self.tr("Add camera"))
        self.fields: dict[Field, QWidget] = {}
        self._errors: dict[Field, QLabel] = {}
        form = QFormLayout()
        self.camera_id = self._line(form, self.tr("Camera id"), Field.ID)
        self.name = self._line(form, self.tr("Name"), Field.NAME)
        self.kind = QComboBox()
        for kind in CameraKind:
            self.kind.addItem(kind.value, kind)
        form.addRow(self.tr("Kind"), self.kind)
        self.kecamatan = self._line(form, self.tr("Kecamatan"), Field.AREA)
        self.kelurahan = self._line(form, self.tr("Kelurahan"))
        self.rw, self.rt = QLineEdit(), QLineEdit()
        self.rw.setMaximumWidth(80)
        self.rt.setMaximumWidth(80)
        pair = QHBoxLayout()
        pair.addWidget(self.rw)
        pair.addWidget(QLabel(self.tr("RT")))
        pair.addWidget(self.rt)
        pair.addStretch(1)
        form.addRow(self.tr("RW"), pair)
        self.main_url = self._line(form, self.tr("Main stream URL"), Field.MAIN_URL)
        self.sub_url = self._line(form, self.tr("Sub stream URL"), Field.SUB_URL)
        self.main_url.setPlaceholderText("rtsp://host:554/path")
        self.onvif_host = self._line(form, self.tr("ONVIF host"), Field.ONVIF_HOST)
        self.onvif_port = self._line(form, self.tr("ONVIF port"), Field.ONVIF_PORT)
        self.onvif_port.setPlaceholderText("80")
        self.username = self._line(form, self.tr("User"))
        self.password = self._line(form, self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if camera is not None and camera.credential_ref:
            self.password.setPlaceholderText(self.tr("stored; leave empty to keep it"))
        self.ptz = QCheckBox(self.tr("PTZ (pan, tilt, zoom over ONVIF)"))
        form.addRow("", self.ptz)
        self._error_row(form, Field.PTZ)
        self.in_service = QCheckBox(self.tr("In service"))
        self.in_service.setChecked(True)
        form.addRow("", self.in_service)
        self.via_relay = QCheckBox(self.tr("Watch through the relay (the camera is pulled once for every console)"))
        form.addRow("", self.via_relay)
        self.tags = self._line(form, self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("comma separated"))
        # WS-Discovery: where to send the Probe (the multicast group by default), what answered
        self.targets = QLineEdit()
        self.targets.setPlaceholderText(self.tr("LAN (multicast); or host:port, ..."))
        self.discover_button = QPushButton(self.tr("&Discover"))
        self.discover_button.clicked.connect(lambda: self.discover())
        row = QHBoxLayout()
        row.addWidget(self.targets, 1)
        row.addWidget(self.discover_button)
        form.addRow(self.tr("ONVIF discovery"), row)
        self.found = QComboBox()
        self.found.setMinimumWidth(200)
        self.read_button = QPushButton(self.tr("&Read from camera"))
        self.read_button.setToolTip(self.tr("Fill name and stream URLs from the ONVIF host's profiles"))
        self.read_button.clicked.connect(lambda: self.read_device())
        self.found.activated.connect(lambda _i: self._use_found())
        row = QHBoxLayout()
        row.addWidget(self.found, 1)
        row.addWidget(self.read_button)
        form.addRow(self.tr("Found"), row)
        self.thumbnail = QLabel(self.tr("No picture yet"))
        self.thumbnail.setFixedSize(320, 180)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("background: #000; color: #aaa;")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.test_button = QPushButton(self.tr("&Test stream"))
        self.test_button.clicked.connect(lambda: self.test_stream())
        side = QVBoxLayout()
        side.addWidget(self.thumbnail)
        side.addWidget(self.test_button)
        side.addWidget(self.outcome)
        self.recorder = RecorderBox()
        side.addWidget(self.recorder)
        side.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(side, 2)
        for edit in (self.main_url, self.sub_url, self.targets):
            edit.setMinimumWidth(360)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(buttons)
        if camera is not None:
            self._fill(CameraForm.of(camera))
            self.camera_id.setReadOnly(True)
            self._ask("username", lambda: editor.stored_username(camera))
            self.recorder.set_loading(True)  # until the stored source is shown, Save leaves it as it is
            self._ask("recorder", lambda: editor.stored_recorder(camera.id))
        (self.name if camera is not None else self.camera_id).setFocus()  # an edit cannot change the id

    def _line(self, form: QFormLayout, label: str, field: Field | None = None) -> QLineEdit:
        edit = QLineEdit()
        form.addRow(label, edit)
        if field is not None:
            self.fields[field] = edit
            self._error_row(form, field)
        return edit

    def _error_row(self, form: QFormLayout, field: Field) -> None:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        form.addRow("", error)
        self._errors[field] = error

    def _fill(self, f: CameraForm) -> None:
        self.camera_id.setText(f.id)
        self.name.setText(f.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        for edit, value in ((self.kecamatan, f.kecamatan), (self.kelurahan, f.kelurahan), (self.rw, f.rw),
                            (self.rt, f.rt), (self.main_url, f.main_url), (self.sub_url, f.sub_url),
                            (self.onvif_host, f.onvif_host), (self.onvif_port, f.onvif_port), (self.tags, f.tags)):
            edit.setText(value)
        self.ptz.setChecked(f.ptz)
        self.in_service.setChecked(f.enabled)
        self.via_relay.setChecked(f.via_relay)

    def form(self) -> CameraForm:
        old = self._camera
        return CameraForm(
            self.camera_id.text(), self.name.text(), self.kecamatan.text(), self.kelurahan.text(), self.rw.text(),
            self.rt.text(), CameraKind(self.kind.currentData() or CameraKind.OTHER), self.main_url.text(),
            self.sub_url.text(), self.onvif_host.text(), self.onvif_port.text(), self.ptz.isChecked(), self.tags.text(),
            self.in_service.isChecked(), old.notes if old else "", old.latitude if old else None,
            old.longitude if old else None, self.via_relay.isChecked())

    def _secret(self) -> Secret:
        return Secret(self.username.text(), self.password.text())

    def _stored_ref(self) -> str | None:
        return self._camera.credential_ref if self._camera is not None else None

    # --- checking -------------------------------------------------------------------------------
    def show_problems(self, problems: list[FieldProblem]) -> None:
        for field, label in self._errors.items():
            mine = [p for p in problems if p.field is field]
            label.setText(" ".join(self.problem_text(p) for p in mine))
            label.setVisible(bool(mine))
        if problems:
            widget = self.fields.get(problems[0].field)
            (widget or self.ptz).setFocus()

    def problem_text(self, p: FieldProblem) -> str:
        words = {
            Problem.REQUIRED: self.tr("Required."),
            Problem.BAD_ID: self.tr("Letters, digits and . _ : - only (at most 64)."),
            Problem.ID_TAKEN: self.tr("Another camera has the id %1.").replace("%1", p.detail),
            Problem.BAD_SCHEME: self.tr("Not a stream URL (scheme %1); use rtsp://, http://, srt:// ...")
            .replace("%1", p.detail or "-"),
            Problem.NO_HOST: self.tr("No host name or address."),
            Problem.BAD_URL: self.tr("Not a valid URL: %1").replace("%1", p.detail),
            Problem.BAD_PORT: self.tr("A port is a number from 1 to 65535."),
            Problem.TWO_PASSWORDS: self.tr("Main and sub URL carry different user names or passwords."),
            Problem.PTZ_NEEDS_ONVIF: self.tr("PTZ needs the ONVIF host."),
        }
        return words[p.problem]

    # --- background answers ---------------------------------------------------------------------
    def _ask(self, what: str, call: Callable[[], Future[Any]]) -> bool:
        try:
            future = call()
        except AccessDenied as exc:  # refused before any work (the role changed hands since the dialog opened)
            self.status.setText(refusal_text(exc))
            return False
        self._ops.follow(future, lambda answer: self._answered(what, answer), lambda exc: self._answered(what, exc))
        return True

    def _answered(self, what: str, answer: object) -> None:
        if what == "username":
            if isinstance(answer, str) and not self.username.text():
                self.username.setText(answer)
        elif what == "recorder":
            if isinstance(answer, StoredRecorder):
                self.recorder.show_stored(answer)
            else:
                self.status.setText(self.tr("Cannot read the camera's recorder: %1")
                                    .replace("%1", refusal_text(answer) if isinstance(answer, BaseException) else ""))
        elif what == "test":
            self.test_button.setEnabled(True)
            self._show_test(answer)
        elif what == "save":
            self.save_button.setEnabled(True)
            if isinstance(answer, FormRejected):
                self.show_problems(answer.problems)
            elif isinstance(answer, RecorderRejected):
                self.recorder.show_problems([self.recorder.problem_text(p, d) for p, d in answer.findings])
                self.status.setText(self.tr("Not saved: the recorder's fields have problems."))
            elif isinstance(answer, BaseException):
                self.status.setText(self.tr("Not saved: %1").replace("%1", refusal_text(answer)))
            else:
                self.saved.emit(answer)
                self.accept()
        elif what == "discover":
            self.discover_button.setEnabled(True)
            self._show_found(answer)
        elif what == "read":
            self.read_button.setEnabled(True)
            self._show_reading(answer)

    # --- test stream ----------------------------------------------------------------------------
    def test_stream(self) -> None:
        url = self.sub_url.text().strip() or self.main_url.text().strip()
        if not url:
            self.show_problems([FieldProblem(Field.MAIN_URL, Problem.REQUIRED)])
            return
        self.outcome.setText(self.tr("Testing %1 ...").replace("%1", "sub" if self.sub_url.text().strip() else "main"))
        self.thumbnail.setPixmap(QPixmap())
        self.thumbnail.setText(self.tr("Waiting for the first picture..."))
        if self._ask("test", lambda: self._editor.test_stream(url, self._secret(), self._stored_ref())):
            self.test_button.setEnabled(False)

    def _show_test(self, answer: object) -> None:
        if isinstance(answer, BaseException):
            self.thumbnail.setText(self.tr("No picture"))
            self.outcome.setText(self.tr("Test failed: %1").replace("%1", str(answer)))
            return
        assert isinstance(answer, StreamTest)
        if answer.ok:
            image = QImage(answer.picture, answer.width, answer.height, answer.width * 3,
                           QImage.Format.Format_RGB888).copy()
            self.thumbnail.setPixmap(QPixmap.fromImage(image))
            self.outcome.setText(self.tr("Picture received: the stream plays."))
            return
        self.thumbnail.setText(self.tr("No picture"))
        self.outcome.setText(self.failure_text(answer))

    def failure_text(self, t: StreamTest) -> str:
        reasons = {
            "404": self.tr("Not found (404): the server has no stream at this path."),
            "no_credentials": self.tr("Needs a user name and password (401)."),
            "credentials_rejected": self.tr("User name or password refused (401)."),
            "forbidden": self.tr("Forbidden (403): this account may not watch the stream."),
            "refused": self.tr("Connection refused: nothing listens at this address and port."),
            "connect_timeout": self.tr("Timed out: no answer from the address (wrong address, or a firewall)."),
            "no_reply": self.tr("Timed out: connected, but the server did not answer."),
            "dns_failure": self.tr("Host name not found."),
            "host_unreachable": self.tr("Host unreachable."),
            "network_unreachable": self.tr("Network unreachable."),
        }
        if t.reason in reasons:
            return reasons[t.reason]
        if t.state == "no_picture":
            return self.tr("The stream answered but gave no picture: %1").replace("%1", t.reason)
        if t.state == "unsupported":
            return self.tr("Not playable here: %1").replace("%1", t.reason)
        return self.tr("Does not play: %1 %2").replace("%1", t.state).replace("%2", t.reason)

    # --- ONVIF ------------------------------------------------------------------------------------
    def discover(self) -> None:
        try:
            targets = parse_targets(self.targets.text())
        except ValueError as exc:
            self.status.setText(self.tr("Not an address host:port: %1").replace("%1", refusal_text(exc)))
            return
        self.status.setText(self.tr("Looking for ONVIF cameras..."))
        self.found.clear()
        if self._ask("discover", lambda: self._editor.discover(targets)):
            self.discover_button.setEnabled(False)

    def _show_found(self, answer: object) -> None:
        if isinstance(answer, BaseException):
            self.status.setText(self.tr("Discovery failed: %1").replace("%1", str(answer)))
            return
        devices = list(answer) if isinstance(answer, list) else []
        for d in devices:
            self.found.addItem(f"{d.name or d.endpoint}  ({d.host}:{d.port})", d)
        self.status.setText(self.tr("%n ONVIF cameras answered").replace("%n", str(len(devices))))
        if devices:
            self._use_found()

    def _use_found(self) -> None:
        device = self.found.currentData()
        if device is not None:
            self.onvif_host.setText(device.host)
            self.onvif_port.setText(str(device.port))
            if not self.name.text().strip() and device.name:
                self.name.setText(device.name)

    def read_device(self) -> None:
        host, port = self.onvif_host.text().strip(), self.onvif_port.text().strip() or "80"
        if not host or not port.isdigit():
            self.show_problems([FieldProblem(Field.ONVIF_HOST, Problem.REQUIRED)] if not host else
                               [FieldProblem(Field.ONVIF_PORT, Problem.BAD_PORT)])
            return
        self.status.setText(self.tr("Reading the camera's profiles..."))
        if self._ask("read", lambda: self._editor.read_device(host, int(port), self._secret(), self._stored_ref())):
            self.read_button.setEnabled(False)

    def _show_reading(self, answer: object) -> None:
        if isinstance(answer, BaseException):
            self.status.setText(self.tr("Cannot read the camera: %1").replace("%1", str(answer)))
            return
        assert isinstance(answer, DeviceReading)
        if answer.main_url:
            self.main_url.setText(answer.main_url)
        if answer.sub_url:
            self.sub_url.setText(answer.sub_url)
        if not self.name.text().strip() and answer.name:
            self.name.setText(answer.name)
        self.ptz.setChecked(answer.ptz)
        self.status.setText(self.tr("Filled from %1 (%2)").replace("%1", f"{answer.host}:{answer.port}")
                            .replace("%2", answer.name or "ONVIF"))

    # --- save -------------------------------------------------------------------------------------
    def save(self) -> None:
        form = self.form()
        editing = self._camera is not None
        problems = validate(form, frozenset() if editing else self._taken())
        self.show_problems(problems)
        recorder_problems = self.recorder.problems(form.id.strip())
        self.recorder.show_problems(recorder_problems)
        if problems or recorder_problems:
            if recorder_problems and not problems:
                self.status.setText(self.tr("Not saved: the recorder's fields have problems."))
            return
        recorder = self.recorder.edit()
        self.status.setText(self.tr("Saving..."))
        if self._ask("save", lambda: self._editor.save(form, self._secret(), editing=editing, recorder=recorder)):
            self.save_button.setEnabled(False)

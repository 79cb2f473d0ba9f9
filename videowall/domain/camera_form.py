"""One camera typed in by hand: the dialog's fields checked one by one, then turned into a register row.

Pure: the console's camera dialog shows each ``FieldProblem`` next to its field (worded and translated
by the UI), the service checks the same form again before it writes. A password never reaches the
``Camera``: a ``user:pass@`` typed into a URL is taken out and handed back as ``Credentials``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus
from videowall.domain.register import parse_tags
from videowall.domain.urls import STREAM_SCHEMES, Credentials, split_credentials

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


class Field(StrEnum):
    ID = "id"
    NAME = "name"
    AREA = "kecamatan"
    MAIN_URL = "main_url"
    SUB_URL = "sub_url"
    ONVIF_HOST = "onvif_host"
    ONVIF_PORT = "onvif_port"
    PTZ = "ptz"


class Problem(StrEnum):
    REQUIRED = "required"  # empty but needed
    BAD_ID = "bad_id"  # letters, digits and . _ : - only, at most 64
    ID_TAKEN = "id_taken"  # another camera has this id already
    BAD_SCHEME = "bad_scheme"  # not a stream URL scheme (rtsp, http, ...)
    NO_HOST = "no_host"
    BAD_URL = "bad_url"  # cannot be parsed (a bad port), or contains spaces
    BAD_PORT = "bad_port"  # not a number in 1..65535
    TWO_PASSWORDS = "two_passwords"  # main and sub URL carry different credentials
    PTZ_NEEDS_ONVIF = "ptz_needs_onvif"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: Field
    problem: Problem
    detail: str = ""  # the offending value or scheme, for the message


@dataclass(frozen=True, slots=True)
class CameraForm:
    """The dialog's fields as typed (strings), plus the PTZ box. The password is not part of it."""

    id: str
    name: str
    kecamatan: str = ""
    kelurahan: str = ""
    rw: str = ""
    rt: str = ""
    kind: CameraKind = CameraKind.OTHER
    main_url: str = ""
    sub_url: str = ""
    onvif_host: str = ""
    onvif_port: str = ""
    ptz: bool = False
    tags: str = ""
    enabled: bool = True
    notes: str = ""
    latitude: float | None = field(default=None)
    longitude: float | None = field(default=None)
    via_relay: bool = False

    @classmethod
    def of(cls, camera: Camera) -> CameraForm:
        """The form for editing a register camera (its URLs never carry a password)."""
        a = camera.area
        return cls(camera.id, camera.name, a.kecamatan, a.kelurahan, a.rw, a.rt, camera.kind, camera.main_url,
                   camera.sub_url, camera.onvif_host, str(camera.onvif_port or ""), camera.ptz,
                   ", ".join(camera.tags), camera.enabled, camera.notes, camera.latitude, camera.longitude,
                   camera.via_relay)


def check_url(value: str, which: Field, *, required: bool) -> FieldProblem | None:
    url = value.strip()
    if not url:
        return FieldProblem(which, Problem.REQUIRED) if required else None
    if any(c.isspace() for c in url):
        return FieldProblem(which, Problem.BAD_URL, "spaces")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return FieldProblem(which, Problem.BAD_URL, str(exc))
    scheme = parts.scheme.lower()
    if scheme not in STREAM_SCHEMES:
        return FieldProblem(which, Problem.BAD_SCHEME, scheme)
    if scheme != "file" and not parts.hostname:
        return FieldProblem(which, Problem.NO_HOST)
    return None


def parse_port(text: str) -> int | None:
    """The ONVIF port typed, or None when empty; ``ValueError`` when it is not 1..65535."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(text)
    return int(text)


def validate(form: CameraForm, taken_ids: frozenset[str] = frozenset()) -> list[FieldProblem]:
    """Every problem of the form, field by field, in the dialog's order; [] when it can be saved.

    ``taken_ids``: ids already in the register (for a new camera; an edit keeps its own id).
    """
    out: list[FieldProblem] = []
    cid = form.id.strip()
    if not cid:
        out.append(FieldProblem(Field.ID, Problem.REQUIRED))
    elif not ID_PATTERN.match(cid):
        out.append(FieldProblem(Field.ID, Problem.BAD_ID, cid))
    elif cid in taken_ids:
        out.append(FieldProblem(Field.ID, Problem.ID_TAKEN, cid))
    if not form.name.strip():
        out.append(FieldProblem(Field.NAME, Problem.REQUIRED))
    if not form.kecamatan.strip():
        out.append(FieldProblem(Field.AREA, Problem.REQUIRED))
    main = check_url(form.main_url, Field.MAIN_URL, required=True)
    sub = check_url(form.sub_url, Field.SUB_URL, required=False)
    out += [p for p in (main, sub) if p is not None]
    if main is None and sub is None:
        creds = {c for c in (split_credentials(form.main_url.strip())[1], split_credentials(form.sub_url.strip())[1])
                 if c is not None}
        if len(creds) > 1:
            out.append(FieldProblem(Field.SUB_URL, Problem.TWO_PASSWORDS))
    host = form.onvif_host.strip()
    if host and (any(c.isspace() or c in "/@" for c in host)):
        out.append(FieldProblem(Field.ONVIF_HOST, Problem.NO_HOST, host))
    try:
        parse_port(form.onvif_port)
    except ValueError:
        out.append(FieldProblem(Field.ONVIF_PORT, Problem.BAD_PORT, form.onvif_port.strip()))
    if form.ptz and not host:
        out.append(FieldProblem(Field.PTZ, Problem.PTZ_NEEDS_ONVIF))
    return out


def to_camera(form: CameraForm, credential_ref: str | None = None) -> tuple[Camera, Credentials | None]:
    """The register row (URLs without any password) and the credentials typed into a URL, if any.

    Call only on a form ``validate`` passed.
    """
    main, main_creds = split_credentials(form.main_url.strip())
    sub, sub_creds = split_credentials(form.sub_url.strip()) if form.sub_url.strip() else ("", None)
    camera = Camera(
        id=form.id.strip(), name=form.name.strip(), kind=form.kind,
        area=Area(form.kecamatan.strip(), form.kelurahan.strip(), form.rw.strip(), form.rt.strip()),
        latitude=form.latitude, longitude=form.longitude, main_url=main, sub_url=sub,
        onvif_host=form.onvif_host.strip(), onvif_port=parse_port(form.onvif_port), ptz=form.ptz,
        status=ServiceStatus.ACTIVE if form.enabled else ServiceStatus.INACTIVE,
        tags=parse_tags(form.tags), notes=form.notes, credential_ref=credential_ref, via_relay=form.via_relay,
    )
    return camera, main_creds or sub_creds


def changes(old: Camera, new: Camera) -> list[str]:
    """The fields an edit changed, for the audit trail (names only: values may be addresses)."""
    names = ("name", "kind", "area", "main_url", "sub_url", "onvif_host", "onvif_port", "ptz", "status", "tags",
             "notes", "latitude", "longitude", "via_relay")
    return [n for n in names if getattr(old, n) != getattr(new, n)]

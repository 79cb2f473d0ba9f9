"""The emulator's PTZ presets as the ONVIF PTZ service (ver20/ptz/wsdl) has them, kept in a JSON file.

ipycam 1.3 answers GetPresets and SetPreset with XML whose ``ptz:`` prefix is never declared (so no
client can parse it) and has no RemovePreset. The emulator child replaces those four operations with
these: replies in the ``tptz``/``tt`` namespaces, SOAP faults with the spec's subcodes
(``ter:InvalidArgVal``/``ter:NoToken``, ``ter:PresetExist``, ``ter:TooManyPresets``), and the presets
in ``presets.json`` in the emulator's run directory, so they outlive a restart of the app and of the
emulator. Standard library only: the child imports it next to ipycam.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

MAX_PRESETS = 10  # what ipycam's GetNodes advertises (MaximumNumberOfPresets)
PRESETS_FILE = "presets.json"

_ENVELOPE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
             'xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" '
             'xmlns:ter="http://www.onvif.org/ver10/error"><s:Body>{body}</s:Body></s:Envelope>')
_PAN_TILT_SPACE = "http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"
_ZOOM_SPACE = "http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"


_OPERATION = re.compile(r"<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)")


class PresetFault(Exception):
    """A request the spec refuses: ``code`` Sender/Receiver, then the ``ter:`` subcodes."""

    def __init__(self, reason: str, *subcodes: str, code: str = "Sender") -> None:
        super().__init__(reason)
        self.code = code
        self.subcodes = subcodes


def fault_xml(fault: PresetFault) -> str:
    sub = ""
    for name in reversed(fault.subcodes):
        sub = f"<s:Subcode><s:Value>ter:{name}</s:Value>{sub}</s:Subcode>"
    body = (f"<s:Fault><s:Code><s:Value>s:{fault.code}</s:Value>{sub}</s:Code>"
            f'<s:Reason><s:Text xml:lang="en">{escape(str(fault))}</s:Text></s:Reason></s:Fault>')
    return _ENVELOPE.format(body=body)


def _value(body: str, tag: str) -> str | None:
    match = re.search(rf"<(?:[\w-]+:)?{tag}(?:\s[^>]*)?>([^<]*)</(?:[\w-]+:)?{tag}>", body)
    return match.group(1).strip() if match else None


class PresetBook:
    """token -> {name, pan, tilt, zoom}, saved to ``path`` on every change (atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.presets: dict[str, dict[str, Any]] = {}
        if path.exists():
            self.presets = json.loads(path.read_text(encoding="utf-8"))

    def _save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.presets, indent=1), encoding="utf-8")
        tmp.replace(self.path)

    def set(self, name: str | None, token: str | None, where: tuple[float, float, float]) -> str:
        """SetPreset: a new preset (no token) or the given one moved here; returns its token."""
        with self._lock:
            if token is not None and token not in self.presets:
                raise PresetFault(f"no preset with token {token!r}", "InvalidArgVal", "NoToken")
            name = (name or "").strip() or (self.presets[token]["name"] if token else "")
            if not name:
                name = f"Preset {len(self.presets) + 1}"
            if any(p["name"] == name and t != token for t, p in self.presets.items()):
                raise PresetFault(f"a preset named {name!r} exists", "InvalidArgVal", "PresetExist")
            if token is None:
                if len(self.presets) >= MAX_PRESETS:
                    raise PresetFault("the maximum number of presets is reached", "Action", "TooManyPresets",
                                      code="Receiver")
                token = f"preset_{uuid.uuid4().hex[:8]}"
            pan, tilt, zoom = where
            self.presets[token] = {"name": name, "pan": pan, "tilt": tilt, "zoom": zoom}
            self._save()
            return token

    def remove(self, token: str | None) -> None:
        with self._lock:
            if token not in self.presets:
                raise PresetFault(f"no preset with token {token!r}", "InvalidArgVal", "NoToken")
            del self.presets[token]
            self._save()

    def get(self, token: str | None) -> dict[str, Any]:
        with self._lock:
            if token not in self.presets:
                raise PresetFault(f"no preset with token {token!r}", "InvalidArgVal", "NoToken")
            return dict(self.presets[token])

    def listing(self) -> str:
        with self._lock:
            items = list(self.presets.items())
        out = []
        for token, p in items:
            safe_token, name = escape(token, {'"': "&quot;"}), escape(p["name"])
            pan, tilt, zoom = p["pan"], p["tilt"], p["zoom"]
            out.append(f'<tptz:Preset token="{safe_token}"><tt:Name>{name}</tt:Name>'
                       f'<tt:PTZPosition><tt:PanTilt x="{pan}" y="{tilt}" space="{_PAN_TILT_SPACE}"/>'
                       f'<tt:Zoom x="{zoom}" space="{_ZOOM_SPACE}"/></tt:PTZPosition></tptz:Preset>')
        return "".join(out)


def install(service_class: Any, run_dir: Path) -> PresetBook:
    """Replace ipycam's GetPresets/SetPreset/GotoPreset and add RemovePreset on its ONVIFService class."""
    book = PresetBook(run_dir / PRESETS_FILE)

    def answer(body: str) -> str:
        return _ENVELOPE.format(body=body)

    def where(self: Any) -> tuple[float, float, float]:
        if self.ptz is None:
            return (0.0, 0.0, 0.0)
        s = self.ptz.get_status()
        return (float(s["pan"]), float(s["tilt"]), float(s["zoom"]))

    def get_presets(self: Any, body: str) -> str:
        return answer(f"<tptz:GetPresetsResponse>{book.listing()}</tptz:GetPresetsResponse>")

    def set_preset(self: Any, body: str) -> str:
        try:
            token = book.set(_value(body, "PresetName"), _value(body, "PresetToken"), where(self))
        except PresetFault as exc:
            return fault_xml(exc)
        return answer(f"<tptz:SetPresetResponse><tptz:PresetToken>{escape(token)}</tptz:PresetToken>"
                      "</tptz:SetPresetResponse>")

    def remove_preset(self: Any, body: str) -> str:
        try:
            book.remove(_value(body, "PresetToken"))
        except PresetFault as exc:
            return fault_xml(exc)
        return answer("<tptz:RemovePresetResponse/>")

    def goto_preset(self: Any, body: str) -> str:
        try:
            p = book.get(_value(body, "PresetToken"))
        except PresetFault as exc:
            return fault_xml(exc)
        if self.ptz is not None:
            self.ptz.absolute_move(p["pan"], p["tilt"], p["zoom"])
        return answer("<tptz:GotoPresetResponse/>")

    base_handle = service_class.handle_action

    ours = {"GetPresets": get_presets, "SetPreset": set_preset, "RemovePreset": remove_preset,
            "GotoPreset": goto_preset}

    def handle_action(self: Any, action: str, body: str) -> str | None:
        # The operation is the Body's first element (ipycam guesses it from words anywhere in the body:
        # a preset named "Bus Stop" would read as a Stop).
        match = _OPERATION.search(body)
        handler = ours.get(match.group(1)) if match else None
        if handler is not None:
            return handler(self, body)
        return base_handle(self, action, body)  # type: ignore[no-any-return]

    service_class.ptz_get_presets = get_presets
    service_class.ptz_set_preset = set_preset
    service_class.ptz_goto_preset = goto_preset
    service_class.ptz_remove_preset = remove_preset
    service_class.handle_action = handle_action
    return book

"""PTZ failures in the operator's language.

``videowall.ptz.errors`` words every failure in English (the log, the command line); the console says
the same sentence through Qt's translator: the error's kind picks the sentence, its operation (an ONVIF
name) stays as it is, and details we wrote ourselves are translated too. A camera's own words (a fault
reason) pass through unchanged. No import of ``videowall.ptz`` here: it would load the ONVIF stack.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "PtzWords"

# error class name -> (sentence with the detail, sentence without); %1 the operation, %2 the detail
_SENTENCES: dict[str, tuple[object, object]] = {  # QT_TRANSLATE_NOOP returns its text (typed object)
    "PtzError": (QT_TRANSLATE_NOOP("PtzWords", "%1: %2"), "%1"),
    "PtzUnsupported": (QT_TRANSLATE_NOOP("PtzWords", "%1 is not supported by this camera (%2)"),
                       QT_TRANSLATE_NOOP("PtzWords", "%1 is not supported by this camera")),
    "OnvifAuthError": (QT_TRANSLATE_NOOP("PtzWords", "%1: the camera refused the credentials (%2)"),
                       QT_TRANSLATE_NOOP("PtzWords", "%1: the camera refused the credentials")),
    "OnvifTimeout": (QT_TRANSLATE_NOOP("PtzWords", "%1: no answer within %2"),) * 2,
    "OnvifUnreachable": (QT_TRANSLATE_NOOP("PtzWords", "%1: camera unreachable (%2)"),) * 2,
    "OnvifHttpError": (QT_TRANSLATE_NOOP("PtzWords", "%1: the camera answered %2"),) * 2,
    "OnvifFault": (QT_TRANSLATE_NOOP("PtzWords", "%1: camera reported a fault: %2"),) * 2,
    "OnvifBadReply": (QT_TRANSLATE_NOOP("PtzWords", "%1: the camera's reply does not parse (%2)"),) * 2,
    "PositionUnknown": (QT_TRANSLATE_NOOP("PtzWords", "%1: current position unknown (%2)"),) * 2,
}

# details ptz/errors.py and ptz/client.py write themselves (the camera's own words are not listed)
_DETAILS = frozenset({
    QT_TRANSLATE_NOOP("PtzWords", "connection refused"),
    QT_TRANSLATE_NOOP("PtzWords", "no route to the camera"),
    QT_TRANSLATE_NOOP("PtzWords", "network unreachable"),
    QT_TRANSLATE_NOOP("PtzWords", "connection timed out"),
    QT_TRANSLATE_NOOP("PtzWords", "connection reset by the camera"),
    QT_TRANSLATE_NOOP("PtzWords", "address not available"),
    QT_TRANSLATE_NOOP("PtzWords", "the camera closed the connection"),
    QT_TRANSLATE_NOOP("PtzWords", "the camera closed the connection without answering"),
    QT_TRANSLATE_NOOP("PtzWords", "host name not found"),
    QT_TRANSLATE_NOOP("PtzWords", "connection failed"),
    QT_TRANSLATE_NOOP("PtzWords", "the time limit"),
    QT_TRANSLATE_NOOP("PtzWords", "invalid XML"),
    QT_TRANSLATE_NOOP("PtzWords", "unexpected content"),
    QT_TRANSLATE_NOOP("PtzWords", "unexpected failure (details in the log)"),
    QT_TRANSLATE_NOOP("PtzWords", "not advertised by the camera"),
    QT_TRANSLATE_NOOP("PtzWords", "the camera lists no media profile"),
    QT_TRANSLATE_NOOP("PtzWords", "no PTZ node listed"),
    QT_TRANSLATE_NOOP("PtzWords", "not connected"),
})


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def ptz_words(error: BaseException) -> str | None:
    """The operator's sentence for a PTZ error (``PtzError`` and kin); None for any other exception."""
    sentences = next((_SENTENCES[k.__name__] for k in type(error).__mro__ if k.__name__ in _SENTENCES), None)
    operation = getattr(error, "operation", None)
    if sentences is None or not isinstance(operation, str) or not type(error).__module__.startswith("videowall."):
        return None
    detail = str(getattr(error, "detail", "") or "")
    if not detail:
        return _tr(str(sentences[1])).replace("%1", operation)
    shown = _tr(detail) if detail in _DETAILS else detail
    return _tr(str(sentences[0])).replace("%1", operation).replace("%2", shown)

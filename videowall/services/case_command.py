"""``videowall bookmarks list`` and ``videowall case new|list|export``: the liaison's path for scripts.

Signed in like the console (``--user NAME``, password from ``VIDEOWALL_PASSWORD`` or a prompt), and
run through the same ``EvidenceService`` as the Review window, so the access policy, the custody
events and the audit rows are the same whichever way an officer works. Exports burn the cameras'
privacy masks in, read as the console reads them; ``--original --reason TEXT`` exports the unmasked
originals, for a role allowed to (supervisor), audited. An export prints its progress on stderr when
that is a terminal (one line per step, the running step's percent rewritten in place), and Ctrl+C
(SIGINT) cancels it as the Review window's Cancel does: nothing is left in the folder, one line
says so, exit 130.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from collections.abc import Coroutine
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO, TypeVar

from videowall.config import app_paths
from videowall.domain.access import AccessDenied, User
from videowall.domain.evidence import Bookmark, BookmarkFilter, Case, local_time
from videowall.domain.export_progress import ExportProgress
from videowall.domain.privacy import MaskPolygon
from videowall.domain.ptz_masks import same_picture_groups
from videowall.evidence.package import ExportError
from videowall.evidence.progress import CancelToken, ExportCancelled
from videowall.security.signing import installation_key
from videowall.security.users import UserError
from videowall.services.access import sign_in_for_command
from videowall.services.cli_options import add_sign_in_options, add_store_options, store_paths
from videowall.services.evidence_service import EvidenceService
from videowall.services.privacy import PrivacyService
from videowall.storage.cameras import CameraRepository
from videowall.storage.errors import StorageError
from videowall.storage.evidence import EvidenceLockedError
from videowall.storage.writer import DatabaseWriter

T = TypeVar("T")
EXIT_REFUSED = 3  # signed in, but the role may not (distinct from 1: something went wrong)
EXIT_CANCELLED = 130  # stopped by Ctrl+C, as shells report SIGINT


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser("bookmarks", help="incident bookmarks (signed in; review rights)")
    b_sub = b.add_subparsers(dest="bookmarks_command", required=True)
    lst = b_sub.add_parser("list", help="list bookmarks, newest first")
    _common(lst)
    lst.add_argument("--camera", default="", help="only this camera id")
    lst.add_argument("--case", default="", metavar="NUMBER", help="only the bookmarks of this case")
    lst.add_argument("--json", action="store_true", help="JSON lines, one bookmark each")
    lst.set_defaults(func=_list_bookmarks)
    c = sub.add_parser("case", help="evidence cases: create, list, export (signed in)")
    c_sub = c.add_subparsers(dest="case_command", required=True)
    new = c_sub.add_parser("new", help="a new case from bookmarks")
    _common(new)
    new.add_argument("number", help="the case number, e.g. LP/123/V/2025")
    new.add_argument("--title", default="")
    new.add_argument("--bookmarks", required=True, metavar="ID,ID,...", help="bookmark ids (see bookmarks list)")
    new.set_defaults(func=_new_case)
    cases = c_sub.add_parser("list", help="the cases")
    _common(cases)
    cases.set_defaults(func=_list_cases)
    export = c_sub.add_parser("export", help="export a case: clips, snapshots, report, custody, manifest")
    _common(export)
    export.add_argument("case", metavar="NUMBER", help="the case number")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder the export goes into")
    export.add_argument("--zip", action="store_true", help="one .zip file instead of a folder")
    export.add_argument("--original", action="store_true",
                        help="the unmasked originals instead of masked copies (supervisor; needs --reason; audited)")
    export.add_argument("--reason", default="", metavar="TEXT", help="why the originals go out unmasked")
    export.set_defaults(func=_export_case)
    hand = c_sub.add_parser("handover", help="record that the case's newest export was given to an officer")
    _common(hand)
    hand.add_argument("case", metavar="NUMBER", help="the case number")
    hand.add_argument("--to", required=True, metavar="NAME", help="the receiving officer: name, rank, unit")
    hand.add_argument("--note", default="", help="e.g. the medium and its seal number")
    hand.set_defaults(func=_handover)


def _common(parser: argparse.ArgumentParser) -> None:
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)


class _Session:
    """The writer, the signed-in user and the evidence service on a private event loop."""

    def __init__(self, args: argparse.Namespace) -> None:
        db = store_paths(args)[0]
        if not db.exists():
            raise StorageError(db, "does not exist: nothing has been bookmarked here")
        self.writer = DatabaseWriter(db)
        self.writer.start()
        try:
            self.user: User = sign_in_for_command(self.writer, args.user)
        except BaseException:
            self.writer.stop()
            raise
        self.loop = asyncio.new_event_loop()
        self._data_dir = db.parent
        self._privacy: PrivacyService | None = None
        self.service = EvidenceService(self.writer, self.loop, db.parent, None, user=lambda: self.user,
                                       masks=self.masks, signing_key=installation_key(app_paths().signing_key_path))

    def masks(self, camera_id: str) -> tuple[MaskPolygon, ...]:
        """A camera's privacy masks for exports, as the console has them (every id showing its picture)."""
        if self._privacy is None:  # read once, when first asked (only exports and bookmarks ask)
            privacy = PrivacyService(self.writer, self._data_dir, self.user)
            privacy.load()
            cameras = self.writer.submit(lambda db: CameraRepository(db).all(), transaction=False).result(60)
            privacy.same_picture = same_picture_groups((c.id, (c.main_url, c.sub_url)) for c in cameras)
            self._privacy = privacy
        return self._privacy.picture_masks(camera_id)

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        self.loop.run_until_complete(self.service.wait_idle())
        self.loop.close()
        self.writer.stop()


def _guarded(args: argparse.Namespace, work: Any) -> int:
    """Open, sign in, run ``work(session)``; every refusal is one line on stderr, never a traceback."""
    try:
        session = _Session(args)
    except (StorageError, UserError) as exc:
        print(f"videowall: {exc}", file=sys.stderr)
        return 1
    try:
        return int(work(session))
    except AccessDenied as exc:
        print(f"videowall: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except (ExportError, EvidenceLockedError, StorageError, ValueError) as exc:
        print(f"videowall: {exc}", file=sys.stderr)
        return 1
    finally:
        session.close()


def _case_by_number(session: _Session, number: str) -> Case:
    found = [c for c in session.run(session.service.cases()) if c.number == number]
    if not found:
        raise ValueError(f"no case {number!r} (videowall case list shows them)")
    return found[0]


def _list_bookmarks(args: argparse.Namespace) -> int:
    def work(session: _Session) -> int:
        case_id = _case_by_number(session, args.case).id if args.case else None
        rows = session.run(session.service.query(BookmarkFilter(camera_id=args.camera, case_id=case_id)))
        tz = session.service.settings.timezone
        for b in rows:
            print(json.dumps(_bookmark_json(b, tz), ensure_ascii=False) if args.json else
                  f"{b.id:>5}  {local_time(b.at, tz)}  {b.camera_id:<14} {b.operator:<12} {b.clip_state.value:<8} "
                  f"{b.category}  {b.note}")
        if not args.json:
            print(f"{len(rows)} bookmarks", file=sys.stderr)
        return 0
    return _guarded(args, work)


def _bookmark_json(b: Bookmark, tz: str) -> dict[str, object]:
    out = asdict(b)
    out["clip_state"] = b.clip_state.value
    out["at_local"] = local_time(b.at, tz)
    return out


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"--bookmarks wants ids separated by commas, not {text!r}") from None


def _new_case(args: argparse.Namespace) -> int:
    def work(session: _Session) -> int:
        ids = _ids(args.bookmarks)
        known = {b.id for b in session.run(session.service.query(BookmarkFilter()))}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ValueError(f"no bookmarks {unknown}; nothing was created")
        case_id = session.run(session.service.create_case(args.number, args.title, ids))
        print(f"case {args.number} created (id {case_id}) with {len(ids)} bookmarks by {session.user.name}")
        return 0
    return _guarded(args, work)


def _list_cases(args: argparse.Namespace) -> int:
    def work(session: _Session) -> int:
        for c in session.run(session.service.cases()):
            print(f"{c.number:<20} {c.status.value:<7} {c.created_by:<12} {c.title}")
        return 0
    return _guarded(args, work)


def _export_case(args: argparse.Namespace) -> int:
    def work(session: _Session) -> int:
        if args.original:  # refused before anything else is looked at
            session.service.authorize_original(args.reason)
        elif args.reason:
            raise ValueError("--reason goes with --original (masked copies need no reason)")
        case = _case_by_number(session, args.case)
        if not args.out.is_dir():
            raise ValueError(f"{args.out} is not a folder: create it first")
        lines = ProgressLines(sys.stderr) if sys.stderr.isatty() else None
        token = CancelToken()
        session.loop.add_signal_handler(signal.SIGINT, token.cancel)  # Ctrl+C: cancel in order, not a traceback
        try:
            result = session.run(session.service.export(args.out, case_id=case.id, as_zip=args.zip,
                                                        original=args.original, reason=args.reason,
                                                        on_progress=lines.show if lines else None, cancel=token))
        except ExportCancelled:
            if lines is not None:
                lines.close()
            print(f"videowall: export cancelled; nothing was written to {args.out}", file=sys.stderr)
            return EXIT_CANCELLED
        finally:
            session.loop.remove_signal_handler(signal.SIGINT)
        if lines is not None:
            lines.close()
        kind = "unmasked originals" if args.original else "masked where the cameras have privacy masks"
        print(f"exported case {case.number} ({kind}): {result.files} files to {result.path}")
        print(f"manifest sha256 {result.manifest_sha256}; exported by {session.user.name}")
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        return 0
    return _guarded(args, work)


class ProgressLines:
    """Progress on a terminal: a line per step, the running step's percent rewritten in place."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._open: tuple[int, str] | None = None  # the step on the current line

    def show(self, p: ExportProgress) -> None:
        step = (p.done, p.step.value)
        if self._open is not None and self._open != step:
            self._out.write("\n")
        self._out.write(f"\r\x1b[K[{p.done + 1}/{p.total}] {p.describe()}")
        self._out.flush()
        self._open = step

    def close(self) -> None:
        if self._open is not None:
            self._out.write("\n")
            self._out.flush()
            self._open = None


def _handover(args: argparse.Namespace) -> int:
    def work(session: _Session) -> int:
        case = _case_by_number(session, args.case)
        event = session.run(session.service.handover(case.id, args.to, args.note))
        print(f"case {case.number}: export with manifest sha256 {event.manifest_sha256} handed over to "
              f"{event.target} by {event.actor} at {local_time(event.at, session.service.settings.timezone)}")
        return 0
    return _guarded(args, work)

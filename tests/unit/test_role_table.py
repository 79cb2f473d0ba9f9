"""Issue 14's role table through the services: every role x every use case, allowed or refused.

Each use case calls the real service (real SQLite file, real writer thread, real files) as a user of
that role. Refused means ``AccessDenied`` and nothing written; allowed means the call got past the
check (it then does its work, or fails for a reason of its own: no camera at that address, nothing to
approve). The expectation comes from tests/role_table.py, written by hand and checked against
``domain.access.MATRIX``; a few rows are pinned here as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.role_table import BY_NAME, USE_CASES
from videowall.domain.access import AccessDenied, Permission, Role, User
from videowall.domain.alerts import Alert, AlertType, Cause
from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.bulk_edit import BulkEdit
from videowall.domain.camera import Area, Camera, CameraKind
from videowall.domain.evidence import Bookmark
from videowall.domain.privacy import MaskPolygon
from videowall.domain.tour import TourDefinition, TourKind
from videowall.health.prober import ProbeSettings
from videowall.ptz.errors import PtzError
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.access import create_user
from videowall.services.alerts import acknowledge_alert
from videowall.services.backup_command import back_up
from videowall.services.briefing_service import delete_briefing, save_briefing
from videowall.services.city import CityService
from videowall.services.evidence_service import EvidenceService
from videowall.services.privacy import PrivacyService
from videowall.services.ptz_service import PtzTarget, open_controller
from videowall.services.register_export import export_whole_register
from videowall.services.register_import import import_register
from videowall.services.report_command import availability_report
from videowall.services.security_command import trail_entries
from videowall.services.settings_service import change_setting
from videowall.services.sweep_command import sweep_register
from videowall.services.tour import delete_tour, save_tour
from videowall.storage.cameras import CameraRepository
from videowall.storage.writer import DatabaseWriter

REGISTER = ("id_titik,nama_titik,jenis,kecamatan,kelurahan,rw,rt,latitude,longitude,rtsp_utama,rtsp_sub\n"
            "RT-1,Titik 1,RT,Tugu,Mangkang,01,02,-6.91,110.31,rtsp://127.0.0.1:9/main,rtsp://127.0.0.1:9/sub\n")
CAMERA = Camera(id="RT-1", name="Titik 1", kind=CameraKind.TRAFFIC, area=Area("Tugu", "Mangkang"))


@dataclass
class Rig:
    writer: DatabaseWriter
    loop: asyncio.AbstractEventLoop
    tmp: Path
    register: Path
    bookmark: Bookmark | None = None
    spare: dict[Role, int] = field(default_factory=dict)  # one bookmark per role to delete

    def evidence(self, user: User) -> EvidenceService:
        extra: dict[str, Any] = {}
        if "masks" in inspect.signature(EvidenceService).parameters:  # recorded pictures' masks (issue 14 part 1)
            extra["masks"] = lambda _cid: ()
        return EvidenceService(self.writer, self.loop, self.tmp / "data", None, user=lambda: user, **extra)

    def run(self, coro):  # type: ignore[no-untyped-def]
        return self.loop.run_until_complete(coro)


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    tmp = tmp_path_factory.mktemp("roles")
    register = tmp / "register.csv"
    register.write_text(REGISTER)
    writer = DatabaseWriter(tmp / "data" / "videowall.db")
    writer.start()
    loop = asyncio.new_event_loop()
    rig = Rig(writer, loop, tmp, register)
    writer.submit(lambda db: CameraRepository(db).upsert_many([CAMERA])).result(10)
    supervisor = User("sup", Role.SUPERVISOR)
    pending = rig.evidence(supervisor).bookmark(CAMERA, None)
    bookmark_id = rig.run(pending.row)
    rig.bookmark = rig.run(rig.evidence(supervisor).get(int(bookmark_id)))
    for role in Role:
        rig.spare[role] = int(rig.run(rig.evidence(supervisor).bookmark(CAMERA, None).row))
    yield rig
    loop.close()
    writer.stop()


def _import(rig: Rig, user: User) -> None:
    key = KeyFile(rig.tmp / "credentials.key")
    rig.writer.submit(lambda db: import_register(rig.register, db, CredentialStore(db, key), user=user),
                      transaction=False).result(30)


def _edit_cameras(rig: Rig, user: User) -> None:
    CityService(rig.writer, lambda: user).apply_edit(BulkEdit(("RT-1",), add_tags=("sekolah",))).result(30)
    # ... and one camera by hand (the console's camera dialog), checked in its own service too
    from dataclasses import replace

    from videowall.domain.camera_form import CameraForm
    from videowall.services.camera_edit import CameraEditor, Secret
    from videowall.storage.cameras import CameraRepository

    camera = rig.writer.submit(lambda db: CameraRepository(db).get("RT-1")).result(30)
    assert camera is not None
    editor = CameraEditor(rig.writer, rig.tmp / "camera-key", lambda: user)
    try:
        form = CameraForm.of(camera)
        form = replace(form, main_url=form.main_url or "rtsp://127.0.0.1:8554/rt-1", kecamatan=form.kecamatan or "X")
        editor.save(form, Secret(), editing=True).result(30)
    finally:
        editor.close()


def _review(rig: Rig, user: User) -> None:
    rig.run(rig.evidence(user).query())


def _play_clip(rig: Rig, user: User) -> None:
    assert rig.bookmark is not None
    rig.run(rig.evidence(user).viewed(rig.bookmark))


def _bookmark(rig: Rig, user: User) -> None:
    rig.evidence(user).bookmark(CAMERA, None)


def _export(rig: Rig, user: User) -> None:
    assert rig.bookmark is not None
    out = rig.tmp / f"export-{user.role.value}"
    out.mkdir(exist_ok=True)
    rig.run(rig.evidence(user).export(out, bookmark_ids=(rig.bookmark.id,)))


def _delete(rig: Rig, user: User) -> None:
    rig.run(rig.evidence(user).delete(rig.spare[user.role]))


def _ptz(rig: Rig, user: User) -> None:
    target = PtzTarget("RT-1", "127.0.0.1", 9, None)  # nothing listens there: allowed roles get a PtzError
    try:
        controller = rig.run(open_controller(target, user=user, writer=rig.writer, timeout=1.0))
    except PtzError:
        return
    rig.run(controller.close())


def _masks(rig: Rig, user: User) -> None:
    privacy = PrivacyService(rig.writer, rig.tmp / "data", user)
    privacy.save_masks("RT-1", (MaskPolygon(((0.1, 0.1), (0.5, 0.1), (0.5, 0.5))),)).result(30)


def _approve(rig: Rig, user: User) -> None:
    privacy = PrivacyService(rig.writer, rig.tmp / "data", user)
    with contextlib.suppress(ValueError, KeyError, LookupError):  # past the check: no picture waits for approval
        privacy.approve_current("RT-1").result(30)


def _users(rig: Rig, user: User) -> None:
    create_user(rig.writer, user, f"new-{user.role.value}", Role.OPERATOR, "new-account-pw-1")


def _settings(rig: Rig, user: User) -> None:
    rig.writer.submit(lambda db: change_setting(db, user, "session_lock_minutes", 10)).result(30)


def _audit(rig: Rig, user: User) -> None:
    trail_entries(rig.writer.readers.get(), user, limit=5)


def _sweep(rig: Rig, user: User) -> None:
    result = sweep_register(rig.writer, user, rig.tmp / "credentials.key", ProbeSettings(0.5, 1.0, 4))
    assert set(result.records) == {"RT-1"}  # nothing listens on port 9: probed, found unreachable


def _report(rig: Rig, user: User) -> None:
    files = availability_report(rig.writer, user, rig.tmp / f"availability-{user.role.value}.pdf")
    assert files.pdf.stat().st_size > 0


def _export_register(rig: Rig, user: User) -> None:
    out = rig.tmp / f"register-{user.role.value}.json"
    assert [c.id for c in export_whole_register(rig.writer, user, out)] == ["RT-1"] and out.exists()


def _acknowledge(rig: Rig, user: User) -> None:
    alert = Alert(1, AlertType.DARK, Cause("127.0.0.1:9", "refused"), 0.0, "wall", "offline", {"RT-1": "Titik 1"})
    assert acknowledge_alert(rig.writer, user, alert).result(30) > 0


def _tours(rig: Rig, user: User) -> None:
    tour = TourDefinition.of(f"tour-{user.role.value}", TourKind.CAMERAS, ["RT-1"], 5.0)
    rig.writer.submit(lambda db: save_tour(db, user, tour)).result(30)
    assert rig.writer.submit(lambda db: delete_tour(db, user, tour.name)).result(30)


def _briefings(rig: Rig, user: User) -> None:
    briefing = Briefing(f"briefing-{user.role.value}", slides=(Slide(SlideKind.KPI),))
    rig.writer.submit(lambda db: save_briefing(db, user, briefing)).result(30)
    assert rig.writer.submit(lambda db: delete_briefing(db, user, briefing.name)).result(30)


class _Sent:
    """The broker link as the wall service sees it, keeping what was published (the side test uses Mosquitto)."""

    def __init__(self) -> None:
        self.published: list[str] = []

    def subscribe(self, topic: str) -> None:
        pass

    def publish(self, topic: str, payload: bytes, *, retain: bool = False, expiry_s: int | None = None,
                response_topic: str = "", correlation: bytes = b"") -> None:
        self.published.append(topic)


def _drive_walls(rig: Rig, user: User) -> None:
    from videowall.domain.wall_topics import READY, AgentState, MonitorInfo, Topics
    from videowall.services.wall_agents import WallAgents

    topics = Topics("t")
    service = WallAgents(topics, "c", lambda: user, lambda *_: None)
    service.link = sent = _Sent()
    service.on_message(topics.state("a"), AgentState("a", READY, (MonitorInfo("m", "m"),)).to_json())
    service.show("a", "m", "2x2", [])
    assert sent.published == [topics.monitor("a", "m", "desired")]


def _take_over_wall(rig: Rig, user: User) -> None:
    import asyncio
    import time

    from videowall.domain.wall_topics import READY, AgentState, Lease, MonitorInfo, Topics
    from videowall.services.wall_agents import WallAgents

    topics = Topics("t")
    loop = asyncio.new_event_loop()
    try:
        service = WallAgents(topics, "c", lambda: user, lambda *_: None, loop=loop)
        service.link = sent = _Sent()
        service.on_message(topics.state("a"), AgentState("a", READY, (MonitorInfo("m", "m"),)).to_json())
        service.on_message(topics.monitor("a", "m", "lease"), Lease("other", "op", "operator",
                                                                    time.time() + 30).to_json())
        service.take_control("a", "m")
        assert sent.published == [topics.cmd("a")]
    finally:
        loop.close()


def _back_up(rig: Rig, user: User) -> None:
    assert back_up(rig.writer, user, rig.tmp / f"backup-{user.role.value}.db").pages > 0


DRIVERS: dict[str, Callable[[Rig, User], None]] = {
    "import register": _import, "edit cameras": _edit_cameras, "review bookmarks": _review, "play clip": _play_clip,
    "bookmark": _bookmark, "export": _export, "delete bookmark": _delete, "PTZ move": _ptz, "edit masks": _masks,
    "approve reference": _approve, "manage users": _users, "change settings": _settings, "view audit": _audit,
    "run sweep": _sweep, "availability report": _report, "export register": _export_register, "back up": _back_up,
    "edit tours": _tours,
    "acknowledge alert": _acknowledge,
    "edit briefings": _briefings,
    "drive walls": _drive_walls,
    "take over a wall": _take_over_wall,
}


def test_every_use_case_has_a_driver_and_the_matrix_agrees_with_the_table() -> None:
    assert set(DRIVERS) == set(BY_NAME)
    for case in USE_CASES:
        assert {r for r in Role if case.matrix_allows(r)} == case.allowed, case.name


def test_known_rows_of_the_table() -> None:
    assert Role.PRESENTER not in BY_NAME["import register"].allowed | BY_NAME["review bookmarks"].allowed
    assert Role.PRESENTER not in BY_NAME["export"].allowed
    assert Role.LIAISON not in BY_NAME["PTZ move"].allowed and Role.ADMIN not in BY_NAME["PTZ move"].allowed
    assert BY_NAME["manage users"].allowed == {Role.ADMIN} and BY_NAME["PTZ move"].permission is Permission.PTZ
    # the presenter's public screens get no list of dark cameras, and cannot start probes either
    assert Role.PRESENTER not in BY_NAME["availability report"].allowed | BY_NAME["run sweep"].allowed
    assert BY_NAME["back up"].allowed == BY_NAME["export register"].allowed == {Role.ADMIN}
    assert Role.PRESENTER not in BY_NAME["edit briefings"].allowed  # presenters show briefings, never make them


def _audit_rows(rig: Rig) -> int:
    """After the work earlier calls left running (a bookmark's clip and snapshot tasks) has landed."""
    for _ in range(3):
        rig.run(asyncio.sleep(0.1))
        rig.writer.submit(lambda _db: None).result(10)
    return int(rig.writer.readers.get().execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("case", USE_CASES, ids=lambda c: c.name)
def test_service_allows_or_refuses(rig: Rig, case, role: Role) -> None:  # type: ignore[no-untyped-def]
    user = User(f"{role.value}-1", role)
    drive = DRIVERS[case.name]
    if role in case.allowed:
        drive(rig, user)
        return
    rows = _audit_rows(rig)
    with pytest.raises(AccessDenied, match=f"{user.name} \\(role {role.value}\\) may not"):
        drive(rig, user)
    assert _audit_rows(rig) == rows, "a refused call wrote nothing, not even its audit row"


# --- the command line: the same table, by exit code ---------------------------------------------------

PASSWORD = "role-table-pw-1"


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli-roles") / "v.db"
    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: CameraRepository(d).upsert_many([CAMERA])).result(10)  # something to sweep
        create_user(writer, None, "admin-1", Role.ADMIN, PASSWORD)
        for role in Role:
            if role is not Role.ADMIN:
                create_user(writer, User("admin-1", Role.ADMIN), f"{role.value}-1", role, PASSWORD)
    return db


def _cli(argv: list[str]) -> tuple[int, str]:
    from videowall.cli import build_parser

    args = build_parser().parse_args(argv)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = int(args.func(args))
    return code, err.getvalue()


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_cli_import_and_ptz_by_role(accounts: Path, tmp_path: Path, role: Role,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDEOWALL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VIDEOWALL_PASSWORD", PASSWORD)
    register = tmp_path / "register.csv"
    register.write_text(REGISTER)
    user = f"{role.value}-1"
    code, err = _cli(["import", str(register), "--db", str(accounts), "--user", user])
    if role in BY_NAME["import register"].allowed:
        assert code == 0, err
    else:
        assert (code, err) == (3, f"videowall: refused: {user} (role {role.value}) may not import register\n")
    # nothing listens on port 9: a permitted role gets as far as the camera (7: unreachable), no further
    code, err = _cli(["ptz", "127.0.0.1:9", "--db", str(accounts), "--user", user, "--timeout", "1", "stop"])
    if role in BY_NAME["PTZ move"].allowed:
        assert code == 7, err
    else:
        assert (code, err) == (3, f"videowall: refused: {user} (role {role.value}) may not ptz\n")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_cli_sweep_report_export_backup_by_role(accounts: Path, tmp_path: Path, role: Role,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The four commands that once ran without anyone signing in: allowed (exit 0, the file there) or one line."""
    monkeypatch.setenv("VIDEOWALL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VIDEOWALL_PASSWORD", PASSWORD)
    user = f"{role.value}-1"
    store = ["--db", str(accounts), "--user", user]
    runs = {
        "run sweep": (["sweep", *store, "--timeout", "1", "--connect-timeout", "0.5"], None),
        "availability report": (["report", *store, "--out", str(tmp_path / "a.pdf")], tmp_path / "a.pdf"),
        "export register": (["export", str(tmp_path / "r.csv"), *store], tmp_path / "r.csv"),
        "back up": (["backup", "--out", str(tmp_path / "b.db"), *store], tmp_path / "b.db"),
    }
    for name, (argv, written) in runs.items():
        case = BY_NAME[name]
        code, err = _cli(argv)
        if role in case.allowed:
            assert code == 0, (name, err)
            assert written is None or written.exists(), name
        else:
            wanted = case.permission.value.replace("_", " ")
            assert (code, err) == (3, f"videowall: refused: {user} (role {role.value}) may not {wanted}\n"), name
            assert written is None or not written.exists(), name

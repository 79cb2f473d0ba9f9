"""What `videowall demo` sets up before the window opens: the simulated fleet, an emulated PTZ camera,
a saved span layout and a tour, so every capability can be tried without a real camera.
"""

from __future__ import annotations

import logging
import secrets
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from videowall.demo_references import approve_demo_references
from videowall.domain.access import SYSTEM_USER
from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.camera import Area, Camera, CameraKind
from videowall.domain.grid import SPAN_PRESETS
from videowall.domain.layout import Layout, TileAssignment
from videowall.domain.privacy import MaskPolygon, MaskSet
from videowall.domain.urls import Credentials
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.register_import import credential_ref_for, import_register
from videowall.storage.briefings import BriefingRepository
from videowall.storage.cameras import CameraRepository
from videowall.storage.layouts import LayoutRepository
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
PTZ_CAMERA_ID = "SIM-PTZ-01"
DEMO_SPAN_LAYOUT = "Demo 1+7 incident"
DEMO_BRIEFING = "Demo briefing"


@dataclass(frozen=True)
class DemoSetup:
    wall: tuple[str, ...]  # camera ids for the opening 4x4 wall, in tile order
    tour_tile: int  # the tile that tours
    tour_cameras: tuple[str, ...]


def start_demo(stack: ExitStack, writer: DatabaseWriter, port: int, db_path: Path, key_path: Path) -> DemoSetup:
    from videowall.sim.fleet import Fleet

    def progress(done: int, total: int, what: str) -> None:
        print(f"  clips {done}/{total} {what}", file=sys.stderr)

    print("starting the simulated camera fleet (the first run generates its clips)...", file=sys.stderr)
    fleet = stack.enter_context(Fleet(port=port, progress=progress))
    fleet.start(timeout=90)
    register = db_path.parent / "demo-fleet.csv"
    register.parent.mkdir(parents=True, exist_ok=True)
    fleet.write_csv(register)
    key = KeyFile(key_path)
    report = writer.submit(
        lambda db: import_register(register, db, CredentialStore(db, key), user=SYSTEM_USER, valid_only=True),
        transaction=False,
    ).result()
    print(f"demo register: {report.imported} fleet cameras", file=sys.stderr)
    healthy = [c.id for c in fleet.cameras if not c.fault]
    faults = {c.fault: c.id for c in fleet.cameras if c.fault}
    ptz = _start_ptz_emulator(stack, writer, key, fleet.clip(healthy[2]).main)
    wall = [*([ptz] if ptz else []), *healthy[: 12 - (1 if ptz else 0)],
            faults["not_found"], faults["black"], faults["frozen"], faults["drops"]]
    span = [*([ptz] if ptz else []), *healthy[: 8 - (1 if ptz else 0)]]
    layout = Layout.from_shape(DEMO_SPAN_LAYOUT, SPAN_PRESETS["1+7"],
                               tuple(TileAssignment(i, cid) for i, cid in enumerate(span)))
    writer.submit(lambda db: LayoutRepository(db).save(layout)).result()
    writer.submit(lambda db: _demo_privacy(db, healthy)).result()
    writer.submit(lambda db: BriefingRepository(db).save(demo_briefing(healthy))).result()
    clips = {c.id: fleet.clip(c.id).sub for c in fleet.cameras if c.fault != "not_found"}
    if ptz:
        clips[ptz] = fleet.clip(healthy[2]).main  # what the emulator streams
    approve_demo_references(writer, db_path.parent, clips)  # after the masks: references are masked too
    return DemoSetup(tuple(wall), 11, (*healthy[10:], faults["scene_change"]))


def _start_ptz_emulator(stack: ExitStack, writer: DatabaseWriter, key: KeyFile, clip: Path) -> str | None:
    """ipycam (a third-party ONVIF camera emulator) on loopback; its streams come from ONVIF profiles."""
    try:
        from videowall.sim.onvif_emulator import EmulatorConfig, OnvifEmulator
    except ImportError as exc:  # ipycam is a dev/demo dependency
        log.warning("no PTZ emulator in the demo: %s", exc)
        return None
    creds = Credentials("operator", secrets.token_urlsafe(12))  # per run; stored encrypted, never shown
    config = EmulatorConfig(source=str(clip), width=1280, height=720, fps=25, name="Emulated PTZ",
                            username=creds.username, password=creds.password)
    try:
        emulator = stack.enter_context(OnvifEmulator(config))
    except Exception as exc:
        log.warning("PTZ emulator unavailable: %s", exc)
        return None
    # ipycam's stream paths, as its ONVIF profiles report them (tests/side/test_ptz_ipycam.py
    # reads them through GetStreamUri). No event loop runs here: the Qt loop starts right after.
    rtsp = f"rtsp://{emulator.host}:{emulator.config.rtsp_port}"
    camera = Camera(id=PTZ_CAMERA_ID, name="SIM PTZ 01 Simpang Lima (ONVIF emulator)", kind=CameraKind.TRAFFIC,
                    area=Area("Semarang Tengah", "Pekunden"), latitude=-6.9903, longitude=110.4229,
                    main_url=f"{rtsp}/video_main", sub_url=f"{rtsp}/video_sub", onvif_host=emulator.host,
                    onvif_port=emulator.onvif_port, ptz=True, credential_ref=credential_ref_for(PTZ_CAMERA_ID))

    def save(db):  # type: ignore[no-untyped-def]
        CredentialStore(db, key).put(creds, camera.credential_ref)
        CameraRepository(db).upsert_many([camera])

    writer.submit(save).result()
    print(f"demo PTZ camera: {camera.name} (ONVIF {emulator.host}:{emulator.onvif_port})", file=sys.stderr)
    return PTZ_CAMERA_ID


def demo_briefing(cameras: list[str]) -> Briefing:
    """Five slides over the fleet: live cameras, figures, the incident layout, health map, availability."""
    return Briefing(DEMO_BRIEFING, "Semarang CCTV", (
        Slide(SlideKind.CAMERAS, "Simpang Lima", layout="2x2", cameras=tuple(cameras[:4])),
        Slide(SlideKind.KPI),  # no title: the slide kind's own, in the chosen language
        Slide(SlideKind.CAMERAS, layout=DEMO_SPAN_LAYOUT),
        Slide(SlideKind.HEALTH_MAP),
        Slide(SlideKind.AVAILABILITY, hours=24.0),
    ))


def _demo_privacy(db: Database, healthy: list[str]) -> None:
    """A drawn mask (a house front on SIM-CAM-03) and a private RT camera (SIM-CAM-07), so the demo
    shows masks on the wall and what a presenter may not see. Set through the same repository the
    mask editor uses; kept if an operator changed them since."""
    repo = PrivacyRepository(db)
    masked, private = healthy[2], healthy[6]
    if masked not in repo.masks():
        house = MaskPolygon(((0.62, 0.08), (0.97, 0.08), (0.97, 0.46), (0.62, 0.46)))
        repo.save_masks(MaskSet(masked, (house,)))
    repo.set_private(private, True, "demo")

"""The health map rendered offscreen from a real database: the shared city register as it is, the same
register with its kecamatan really apart (plus a stray), a city plan image from the settings; the
dashboard's map and the briefing's map slide draw the same thing. Pixels and label geometry are checked;
the PNGs are kept in the test's folder (``VIDEOWALL_MAP_PNG_DIR`` copies them elsewhere, to look at)."""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from videowall.domain.access import SYSTEM_USER  # noqa: E402
from videowall.domain.briefing import Briefing, Slide, SlideKind  # noqa: E402
from videowall.security.secrets import CredentialStore, KeyFile  # noqa: E402
from videowall.services.briefing_service import BriefingGuard  # noqa: E402
from videowall.services.city import DashboardData, load_dashboard  # noqa: E402
from videowall.services.register_import import import_register  # noqa: E402
from videowall.services.settings_service import change_setting  # noqa: E402
from videowall.storage.database import open_database  # noqa: E402
from videowall.storage.readers import ReadConnections  # noqa: E402
from videowall.ui.dashboard import DashboardActions, DashboardWindow  # noqa: E402
from videowall.ui.health_map import HealthMap  # noqa: E402
from videowall.ui.presentation import PresentationParts, PresentationWindow  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "city_cameras.csv"
pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="shared city register not found")
OUTLINE = QColor("#9fb2c6")
STRAY_ID = "SMG-TUG-STRAY"


@pytest.fixture(scope="module")
def qapp() -> Any:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def imported(tmp: Path, text: str) -> ReadConnections:
    """The register imported (valid rows) into a real database; read connections to it."""
    src = tmp / "register.csv"
    src.write_text(text, encoding="utf-8")
    db = open_database(tmp / "videowall.db")
    try:
        report = import_register(src, db, CredentialStore(db, KeyFile(tmp / "key")), user=SYSTEM_USER,
                                 valid_only=True)  # fmt: skip
        assert report.imported > 4500
    finally:
        db.close()
    return ReadConnections(tmp / "videowall.db")


def apart(text: str) -> str:
    """The shared register with each kecamatan's cameras moved into a district of its own, one Tugu stray."""
    rows = list(csv.DictReader(io.StringIO(text)))
    names = sorted({r["kecamatan"] for r in rows})
    rnd = random.Random(5)
    for r in rows:
        if r["latitude"] in ("", "-97.5") or r["kecamatan"] not in names:
            continue  # the defective lines stay as they are (rejected on import)
        i = names.index(r["kecamatan"])
        r["latitude"] = f"{-6.94 - 0.03 * (i // 4) + rnd.gauss(0, 0.006):.6f}"
        r["longitude"] = f"{110.33 + 0.045 * (i % 4) + rnd.gauss(0, 0.009):.6f}"
    stray = dict(next(r for r in rows if r["kecamatan"] == "Tugu"))
    stray.update(id_titik=STRAY_ID, latitude="-6.94", longitude="110.33")  # typed with Banyumanik's place
    stray["rtsp_utama"] = stray["rtsp_utama"].replace(stray["id_titik"], STRAY_ID) + "?stray"
    rows.append(stray)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def keep(image: QImage, tmp: Path, name: str) -> None:
    image.save(str(tmp / name))
    if os.environ.get("VIDEOWALL_MAP_PNG_DIR"):
        shutil.copy(tmp / name, Path(os.environ["VIDEOWALL_MAP_PNG_DIR"]) / name)


def near(c: QColor, ref: QColor, tol: int = 14) -> bool:
    return abs(c.red() - ref.red()) <= tol and abs(c.green() - ref.green()) <= tol and abs(c.blue() - ref.blue()) <= tol


def count(image: QImage, test: Any, step: int = 2) -> int:
    return sum(test(image.pixelColor(x, y)) for x in range(0, image.width(), step)
               for y in range(0, image.height(), step))  # fmt: skip


def dashboard(qapp: Any, data: DashboardData) -> DashboardWindow:
    window = DashboardWindow(DashboardActions(None, None, None, lambda _cid: None))  # type: ignore[arg-type]
    window.resize(1500, 950)
    window.show_data(data)
    window.show()
    qapp.processEvents()
    return window


@pytest.fixture
def tmp(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


def test_the_shared_register_draws_no_false_outline_and_says_why(qapp: Any, tmp: Path) -> None:
    readers = imported(tmp, SHARED.read_text(encoding="utf-8-sig"))
    try:
        data = load_dashboard(readers)
    finally:
        readers.close()
    window = dashboard(qapp, data)
    m = window.map
    image = m.grab().toImage()
    keep(image, tmp, "map-shared-register.png")
    assert m.ground is not None and len(m.ground.names) == 16 and m.ground.outlined == ()
    assert m.label_rects() == {}  # no name is put on ground that is not its own
    assert "No outline for 16 of 16 kecamatan" in m.caption()
    assert count(image, lambda c: near(c, OUTLINE, 6)) < 20  # no outline drawn
    assert count(image, lambda c: c.lightness() > 120) > 500  # the cameras' markers are drawn
    window.close()


def test_separate_kecamatan_get_outlines_and_labels_inside_without_overlap(qapp: Any, tmp: Path) -> None:
    readers = imported(tmp, apart(SHARED.read_text(encoding="utf-8-sig")))
    plan = QImage(400, 300, QImage.Format.Format_RGB32)
    plan.fill(QColor("#ff00ff"))
    plan.save(str(tmp / "plan.png"))
    db = open_database(tmp / "videowall.db")
    try:  # the city plan, set as an administrator sets it: a relative name is read beside the database
        change_setting(db, SYSTEM_USER, "map_image", "plan.png")
        change_setting(db, SYSTEM_USER, "map_image_corners", "-6.93,110.32 -6.97,110.37")
        with pytest.raises(ValueError, match="top-left"):
            change_setting(db, SYSTEM_USER, "map_image_corners", "-6.97,110.37 -6.93,110.32")
    finally:
        db.close()
    try:
        data = load_dashboard(readers)
    finally:
        readers.close()
    assert data.city_plan is not None and data.city_plan.image == tmp / "plan.png"
    window = dashboard(qapp, data)
    m = window.map
    image = m.grab().toImage()
    keep(image, tmp, "map-kecamatan-apart.png")
    g = m.ground
    assert g is not None and len(g.outlined) == 16
    assert g.strays["Tugu"] >= 1 and g.owner_at(110.33, -6.94) != "Tugu"  # the stray does not stretch Tugu
    rects = m.label_rects()
    assert set(rects) == set(g.outlined) and not m.legend_rect().isEmpty() and not m.caption_rect().isEmpty()
    assert all(not b.intersects(m.legend_rect()) and not b.intersects(m.caption_rect()) for b in rects.values())
    names = sorted(rects)
    for i, a in enumerate(names):
        assert all(not rects[a].intersects(rects[b]) for b in names[i + 1:]), a
        assert m.rect().contains(rects[a].toRect())
        inverse, _ok = m.cell_transform().inverted()
        for corner in (rects[a].topLeft(), rects[a].bottomRight(), rects[a].center()):
            cell = inverse.map(corner)  # each label lies on its own area's ground
            assert g.names[g.owner[int(cell.y()), int(cell.x())]] == a
        r = rects[a].toRect().adjusted(3, 1, -3, -1)  # the label is drawn: a dark box with light letters
        light = [image.pixelColor(x, y).lightness() for x in range(r.left(), r.right())
                 for y in range(r.top(), r.bottom())]  # fmt: skip
        assert sum(v < 70 for v in light) > 0.5 * len(light) and sum(v > 170 for v in light) > 10, a
    assert count(image, lambda c: near(c, OUTLINE, 6)) > 500  # the outlines are drawn
    # the plan image lies where its corners say, under the map, and nowhere else
    tl, br = m.to_screen(110.32, -6.93), m.to_screen(110.37, -6.97)

    def pink(c: QColor) -> bool:
        return c.red() > 110 and c.blue() > 110 and c.green() < 80

    inner = [image.pixelColor(x, y) for x in range(int(tl.x()) + 3, int(br.x()) - 3, 3)
             for y in range(int(tl.y()) + 3, int(br.y()) - 3, 3)]  # fmt: skip
    ring = [image.pixelColor(x, y) for x in range(int(tl.x()) - 25, int(br.x()) + 25, 3)
            for y in (int(tl.y()) - 8, int(br.y()) + 8)]  # fmt: skip
    assert sum(map(pink, inner)) > 0.7 * len(inner) and not any(map(pink, ring))
    assert m.plan_problem == ""

    # dragged with the mouse, the names move with the ground; zoomed in with the wheel, they are placed again
    QTest.mousePress(m, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(400, 300))
    QTest.mouseMove(m, QPoint(430, 320))
    QTest.mouseMove(m, QPoint(460, 340))
    moved = m.label_rects()  # mid-drag
    assert all(moved[n].topLeft() - rects[n].topLeft() == QPointF(60, 40) for n in rects)
    QTest.mouseRelease(m, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(460, 340))
    dropped = m.label_rects()
    assert all(not b.intersects(m.legend_rect()) and not b.intersects(m.caption_rect()) for b in dropped.values())
    m.reset_view()
    for _ in range(3):
        QApplication.sendEvent(m, QWheelEvent(QPointF(430, 310), m.mapToGlobal(QPointF(430, 310)), QPoint(),
                                              QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                              Qt.ScrollPhase.NoScrollPhase, False))  # fmt: skip
    zoomed = m.label_rects()
    assert all(not b.intersects(m.legend_rect()) and not b.intersects(m.caption_rect()) for b in zoomed.values())
    assert zoomed[names[0]].width() > rects[names[0]].width()  # a bigger font at a closer zoom
    assert all(not zoomed[a].intersects(zoomed[b]) for i, a in enumerate(names) for b in names[i + 1:])
    keep(m.grab().toImage(), tmp, "map-zoomed.png")
    m.reset_view()

    # the briefing's map slide: the same widget, data, plan and labels
    show = PresentationWindow(Briefing("b", "B", (Slide(SlideKind.HEALTH_MAP),)), briefing_parts(data))
    show.resize(1500, 950)
    show.show_slide(0)
    show.show()
    qapp.processEvents()
    page = show._pages["map"]
    assert isinstance(page, HealthMap)
    page.resize(m.size())
    qapp.processEvents()
    assert page.backdrop is not None and page.ground is not None and page.ground.outlined == g.outlined
    assert page.label_rects() == rects
    keep(page.grab().toImage(), tmp, "briefing-map-slide.png")
    show.close()
    window.close()


def test_an_unreadable_city_plan_is_named_on_the_map(qapp: Any, tmp: Path) -> None:
    m = HealthMap()
    from videowall.domain.city_plan import CityPlan

    m.set_city_plan(CityPlan(tmp / "missing.png", (-6.9, 110.3), (-7.0, 110.4)))
    assert m.backdrop is None and m.plan_problem.endswith("missing.png")
    m.resize(600, 400)
    m.set_data(dashboard_items())
    assert "cannot be read" in m.caption()


def dashboard_items() -> list[Any]:
    from videowall.domain.camera import Area, Camera
    from videowall.domain.dashboard import CameraHealth

    rnd = random.Random(2)
    return [CameraHealth(Camera(f"C{i}", "c", area=Area("Tugu"), latitude=-7 + rnd.gauss(0, 0.01),
                                longitude=110.4 + rnd.gauss(0, 0.01))) for i in range(50)]  # fmt: skip


class _Service:
    def __init__(self, data: DashboardData) -> None:
        self.data = data

    def dashboard(self) -> DashboardData:
        return self.data

    def clip_path(self, _bookmark: int) -> Future[Path | None]:
        f: Future[Path | None] = Future()
        f.set_result(None)
        return f


def briefing_parts(data: DashboardData) -> PresentationParts:
    def run(fn: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_result(fn())
        return f

    return PresentationParts(service=_Service(data), guard=BriefingGuard(None),  # type: ignore[arg-type]
                             camera=lambda _cid: None, load_layout=lambda _n: run(lambda: None), run_blocking=run,
                             post=lambda fn: fn())  # fmt: skip


def test_the_map_caption_is_in_indonesian(qapp: Any) -> None:
    from PySide6.QtCore import QLocale

    from videowall.domain.camera import Area, Camera
    from videowall.domain.dashboard import CameraHealth
    from videowall.ui.language import Language

    rnd = random.Random(9)  # two kecamatan whose cameras are mixed over the same ground: no outline for either
    items = [CameraHealth(Camera(f"C{i}", "c", area=Area("Tugu" if i % 2 else "Genuk"),
                                 latitude=rnd.uniform(-7.05, -6.93), longitude=rnd.uniform(110.32, 110.5)))
             for i in range(1000)]  # fmt: skip
    before = QLocale()
    language = Language(qapp)
    assert language.install("id")
    try:
        m = HealthMap()
        m.set_data(items)
        assert m.caption() == ("Tanpa garis batas untuk 2 dari 2 kecamatan: koordinat kameranya bercampur dengan "
                               "kamera wilayah lain")
    finally:
        language.install("en")
        QLocale.setDefault(before)

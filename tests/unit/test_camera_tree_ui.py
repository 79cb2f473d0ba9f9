"""The camera tree on the real widget (offscreen Qt): ids on demand, a state icon per camera, the full name
as tooltip, and plurals done by Qt's tr(..., n) in English and Bahasa Indonesia."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import QLocale, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.camera import Area, Camera, CameraKind  # noqa: E402
from videowall.domain.health import HealthState  # noqa: E402
from videowall.domain.stream_state import StreamState  # noqa: E402
from videowall.ui.camera_panel import CameraPanel  # noqa: E402
from videowall.ui.camera_tree import ID_COLUMN, NAME_COLUMN, CameraTreeModel  # noqa: E402

LONG = "Simpang Lima sisi timur arah Jalan Pahlawan depan Masjid Baiturrahman lantai dua"


def cams() -> list[Camera]:
    area = Area("Semarang Tengah", "Pekunden", "01", "02")
    return [Camera(id="SMG-0001", name=LONG, kind=CameraKind.TRAFFIC, area=area),
            Camera(id="SMG-0002", name="Tugu Muda", kind=CameraKind.TRAFFIC, area=area),
            Camera(id="SMG-0003", name="Tugu Muda utara", kind=CameraKind.TRAFFIC, area=area)]


@pytest.fixture(scope="module")
def qapp() -> Iterator[Any]:
    yield QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


@pytest.fixture()
def language(qapp: Any) -> Iterator[Any]:
    from videowall.ui.language import Language

    before = QLocale()
    lang = Language(qapp)
    assert lang.install("en")
    yield lang
    lang.install("en")
    QLocale.setDefault(before)


def leaf(model: CameraTreeModel, camera_id: str, column: int = NAME_COLUMN) -> QModelIndex:
    """The camera's row under its area (Semarang Tengah > Pekunden > RW 01 > RT 02)."""
    index = QModelIndex()
    while True:
        rows = [model.index(r, 0, index) for r in range(model.rowCount(index))]
        hit = [i for i in rows if model.data(i, CameraTreeModel.CameraRole) is not None
               and model.data(i, CameraTreeModel.CameraRole).id == camera_id]
        if hit:
            return model.index(hit[0].row(), column, index)
        assert rows, f"{camera_id} not in the tree"
        index = rows[-1]


def test_ids_on_demand_state_icons_and_full_name_tooltip(qapp: Any, language: Any) -> None:
    panel = CameraPanel()
    panel.resize(260, 500)  # narrow, as the dock is: the long name is cut
    panel.show()
    panel.model.set_cameras(cams())
    panel.tree.expandAll()
    QTest.qWaitForWindowExposed(panel)
    model, tree = panel.model, panel.tree
    assert tree.isColumnHidden(ID_COLUMN)
    QTest.mouseClick(panel.show_ids, Qt.MouseButton.LeftButton)  # a real click on the toggle
    assert panel.show_ids.isChecked() and not tree.isColumnHidden(ID_COLUMN)
    first = leaf(model, "SMG-0001", ID_COLUMN)
    assert model.data(first) == "SMG-0001" and tree.visualRect(first).width() > 0
    QTest.mouseClick(panel.show_ids, Qt.MouseButton.LeftButton)
    assert tree.isColumnHidden(ID_COLUMN)

    name = leaf(model, "SMG-0001")
    rect = tree.visualRect(name)
    assert tree.fontMetrics().horizontalAdvance(LONG) > rect.width()  # the name is cut in the list ...
    tip = str(model.data(name, Qt.ItemDataRole.ToolTipRole))
    assert tip.splitlines()[0] == LONG and "SMG-0001" in tip  # ... and whole in the tooltip
    assert "Not checked yet" in tip

    model.set_state("SMG-0001", StreamState.OFFLINE)
    model.set_health("SMG-0002", HealthState.LIVE)
    assert "Offline" in str(model.data(name, Qt.ItemDataRole.ToolTipRole))
    qapp.processEvents()

    def icon_colour(camera_id: str) -> set[str]:
        r = tree.visualRect(leaf(model, camera_id))
        image = tree.viewport().grab(r).toImage()
        return {QColor(image.pixel(x, y)).name() for x in range(0, min(30, image.width()))
                for y in range(image.height())}

    assert "#ff5b5b" in icon_colour("SMG-0001")  # the offline cross, painted in the row
    assert "#2ecc71" in icon_colour("SMG-0002") and "#ff5b5b" not in icon_colour("SMG-0002")
    model.set_stored_health({"SMG-0001": HealthState.LIVE, "SMG-0003": HealthState.FROZEN})  # start-up: last sweep
    assert model.state("SMG-0001") is StreamState.OFFLINE  # the tile's newer word stays
    assert model.state("SMG-0003") is StreamState.FROZEN
    qapp.processEvents()
    assert "#f0e442" in icon_colour("SMG-0003")  # the frozen bars
    panel.close()


def test_matches_plural_in_english_and_indonesian(qapp: Any, language: Any) -> None:
    panel = CameraPanel()
    panel.model.set_cameras(cams())
    panel.show()
    for text, shown in (("simpang", "1 camera matches"), ("tugu", "2 cameras match"), ("smg", "3 cameras match")):
        QTest.keyClicks(panel.search, text)
        panel.apply_search()
        assert panel.matches.text() == shown
        panel.search.clear()
    menu = panel.menu_for(["SMG-0002"])
    assert menu is not None and "Edit tags and status of 1 camera..." in [a.text() for a in menu.actions()]
    assert language.install("id")
    QTest.keyClicks(panel.search, "simpang")
    panel.apply_search()
    assert panel.matches.text() == "1 kamera cocok"
    panel.search.clear()
    QTest.keyClicks(panel.search, "tugu")
    panel.apply_search()
    assert panel.matches.text() == "2 kamera cocok"
    assert panel.model.headerData(ID_COLUMN, Qt.Orientation.Horizontal) == "Id"
    panel.close()

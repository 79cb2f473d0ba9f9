"""The Tours dialog with QTest: steps typed, from the tree's selection, an area (its levels below too) and
favourites; the dwell; Enter adds a step and presses no button; a role without EDIT_TOURS gets it read-only."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from videowall.domain.camera import Area, Camera
from videowall.domain.tour import TourDefinition, TourKind, TourStep
from videowall.ui.tours_dialog import ToursDialog

CAMS = [Camera("A1", "Gerbang Tol", area=Area("Candisari", "Jatingaleh")),
        Camera("A2", "Pasar", area=Area("Candisari", "Karanganyar Gunung"), tags=("pasar",)),
        Camera("B1", "Simpang Lima", area=Area("Semarang Tengah", "Pekunden"))]


@pytest.fixture(scope="module")
def app() -> QtWidgets.QApplication:
    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])  # type: ignore[return-value]


Saved = list[tuple[TourDefinition, str]]


def _dialog(may_edit: bool = True, favourites: tuple[str, ...] = ()) -> tuple[ToursDialog, Saved]:
    saved: Saved = []
    old = TourDefinition("Old", TourKind.CAMERAS, (TourStep("B1", 5.0),))
    dialog = ToursDialog([old], CAMS, ["Night"], lambda: ["B1", "A1"], favourites, may_edit,
                         lambda t, was: saved.append((t, was)), lambda _n: None)
    dialog.show()
    return dialog, saved


def test_steps_from_typing_tree_area_and_saving(app: QtWidgets.QApplication) -> None:
    dialog, saved = _dialog()
    QTest.keyClicks(dialog.name, "Gates")
    dialog.dwell.setValue(4)
    QTest.keyClicks(dialog.add, "simpang lima")
    QTest.keyClick(dialog.add, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.name.text() == "Gates"  # Enter pressed no button (New would clear)
    QTest.mouseClick(dialog.from_tree, Qt.MouseButton.LeftButton)  # B1 is in already: only A1 comes
    assert dialog.cameras_in(("Candisari",)) == ["A1", "A2"]
    dialog.add_items(dialog.cameras_in(("Candisari",)))
    assert not dialog.from_favourites.isEnabled() and "No favourites" in dialog.from_favourites.toolTip()
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [(TourDefinition("Gates", TourKind.CAMERAS, (TourStep("B1", 4.0), TourStep("A1", 4.0),
                                                                  TourStep("A2", 4.0))), "")]
    dialog.table.item(0, 1).setText("9")  # a dwell per step
    dialog.table.item(1, 1).setText("0.5")  # below the minimum: refused, the old value stays
    assert [s.dwell_s for s in dialog.definition().steps] == [9.0, 4.0, 4.0]
    assert "2 to 3600 seconds" in dialog.message.text()
    dialog.close()


def test_favourites_editing_an_old_tour_and_a_layout_tour(app: QtWidgets.QApplication) -> None:
    dialog, saved = _dialog(favourites=("A2", "GONE"))
    assert dialog.from_favourites.isEnabled()
    dialog.list.setCurrentRow(0)  # "Old"
    QTest.mouseClick(dialog.from_favourites, Qt.MouseButton.LeftButton)
    dialog.name.setText("Renamed")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved[-1] == (TourDefinition("Renamed", TourKind.CAMERAS, (TourStep("B1", 5.0), TourStep("A2", 10.0))),
                         "Old")
    dialog.new_tour()
    dialog.kind.setCurrentIndex(1)
    assert dialog.from_layouts.isVisible() and not dialog.from_tree.isVisible()
    QTest.keyClicks(dialog.add, "night")
    QTest.keyClick(dialog.add, Qt.Key.Key_Return)
    dialog.name.setText("Walls")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved[-1][0] == TourDefinition("Walls", TourKind.LAYOUTS, (TourStep("Night", 10.0),))
    dialog.close()


def test_read_only_without_the_edit_right(app: QtWidgets.QApplication) -> None:
    dialog, _saved = _dialog(may_edit=False)
    assert not dialog.save_button.isEnabled() and not dialog.add.isEnabled() and not dialog.name.isEnabled()
    assert dialog.note is not None and "may run tours" in dialog.note.text()
    dialog.close()

"""The Review window's export progress panel, keyed with QTest: what it says for each step, and that
Esc and Alt+C (the button's mnemonic) cancel once, only while an export runs."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from videowall.domain.export_progress import ExportProgress, Step  # noqa: E402
from videowall.ui.export_progress import ExportProgressPanel  # noqa: E402


def _panel() -> tuple[QtWidgets.QWidget, ExportProgressPanel, list[int]]:
    _app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    window = QtWidgets.QWidget()
    lay = QtWidgets.QVBoxLayout(window)
    lay.addWidget(QtWidgets.QLineEdit())  # something else holds the focus, as Review's table does
    panel = ExportProgressPanel()
    lay.addWidget(panel)
    pressed: list[int] = []
    panel.cancel_requested.connect(lambda: pressed.append(1))
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    return window, panel, pressed


def test_the_panel_says_the_step_and_fills_the_bar() -> None:
    window, panel, _pressed = _panel()
    assert panel.status() is None  # hidden until an export runs
    panel.start()
    panel.show_progress(ExportProgress(3, 7, Step.MASK_CLIP, 2, 2, 0.41))
    status = panel.status()
    assert status is not None
    assert status.text == "Step 4 of 7: masking clip 2 of 2 (41 %)"
    assert (status.done, status.total, status.percent, status.step) == (3, 7, 48, "mask_clip")
    panel.show_progress(ExportProgress(5, 7, Step.SIGN))
    assert panel.label.text() == "Step 6 of 7: signing the export"
    panel.finish()
    assert panel.status() is None
    window.close()


@pytest.mark.parametrize("key", ["esc", "alt+c"])
def test_esc_and_alt_c_cancel_once_and_only_while_an_export_runs(key: str) -> None:
    window, panel, pressed = _panel()

    def press() -> None:
        if key == "esc":
            QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
        else:
            QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        QTest.qWait(250)  # a button's mnemonic clicks it animated: clicked() comes 100 ms later

    press()
    assert pressed == []  # no export: nothing to cancel
    panel.start()
    press()
    assert pressed == [1]
    status = panel.status()
    assert status is not None and status.cancelling and status.text == "Cancelling the export..."
    assert not panel.cancel.isEnabled()
    press()
    assert pressed == [1]  # once
    window.close()

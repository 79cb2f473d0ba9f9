"""The console's chrome (issue 23 item 7): Ctrl+I imports, the toolbar fits 1600x900, check boxes show on dark.

All on the real MainWindow, with the toolbar entries the composition root adds (incidents, city tools,
briefings) and the real dark theme: a key press through QTest, the toolbar's own layout, and pixels
grabbed from a real check box.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from tests.unit.console_rig import console
from videowall.domain.access import SYSTEM_USER
from videowall.storage.writer import DatabaseWriter


def _app() -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert isinstance(app, QtWidgets.QApplication)
    return app


@pytest.fixture()
def dark() -> Iterator[QtWidgets.QApplication]:
    """The app's real theme (Fusion, dark palette, dark.qss); the test process's look is restored after."""
    from videowall.ui.theme import apply_theme

    app = _app()
    style, palette, sheet = app.style().name(), app.palette(), app.styleSheet()
    apply_theme(app)
    yield app
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setStyle(style)


@pytest.fixture()
def language() -> Iterator[Any]:
    from PySide6.QtCore import QLocale

    from videowall.ui.language import Language

    before = QLocale()
    lang = Language(_app())
    yield lang
    lang.install("en")
    QLocale.setDefault(before)


def test_ctrl_i_on_the_console_opens_the_import_dialog(tmp_path: Path, language: Any) -> None:
    from videowall.ui.import_dialog import ImportDialog

    language.install("en")
    with DatabaseWriter(tmp_path / "c.db") as writer:
        window = console(tmp_path, writer, language)
        window.show()
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)
        QTest.keyClick(window.wall_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(50)
        dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
        assert len(dialogs) == 1 and window.opened_imports == dialogs, "Ctrl+I did not open the import dialog"
        assert dialogs[0].windowTitle() == "Import camera register"
        dialogs[0].close()
        window.activateWindow()  # the console has the keyboard again
        assert QTest.qWaitForWindowActive(window)
        # the grid keys moved into the Grid menu's actions: they still work with the menu closed
        QTest.keyClick(window.wall_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert len(window.console.live.tiles) == 9
        QTest.keyClick(window.wall_view, Qt.Key.Key_1,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert len(window.console.live.tiles) == 6  # span layout 1+5
        # a role without the import permission gets neither the button nor the key
        window.import_action.setVisible(False)
        QTest.keyClick(window.wall_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(50)
        assert len(window.opened_imports) == 1
        window.import_action.setVisible(True)  # and back: the key works again (the window did have the keyboard)
        QTest.keyClick(window.wall_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        QTest.qWait(50)
        assert len(window.opened_imports) == 2
        window.close()


@pytest.mark.parametrize("code", ["id", "en"])
def test_toolbar_shows_presentation_and_language_at_1600x900(tmp_path: Path, language: Any, dark: Any,
                                                             code: str) -> None:
    language.install(code)
    with DatabaseWriter(tmp_path / "c.db") as writer:
        window = console(tmp_path, writer, language)
        window.resize(1600, 900)
        window.show()
        QTest.qWait(50)
        assert (window.width(), window.height()) == (1600, 900)

        def tr(text: str) -> str:
            return QCoreApplication.translate("MainWindow", text)

        hidden = []
        for bar in window.findChildren(QtWidgets.QToolBar):
            shown = bar.rect()
            for act in bar.actions():
                w = bar.widgetForAction(act)
                if w is None or act.isSeparator() or not act.isVisible():
                    continue
                label = act.text() or (w.text() if isinstance(w, QtWidgets.QToolButton) else "")
                # an entry pushed into the toolbar's overflow (») is a hidden widget, or lies outside the bar
                if not w.isVisible() or not shown.contains(w.geometry()):
                    hidden.append(label)
        assert not hidden, f"toolbar entries in the overflow at 1600x900 ({code}): {hidden}"
        # a tool button shows its action's text without the "..." (QAction.iconText)
        labels = {b.text() for b in window.findChildren(QtWidgets.QToolButton) if b.isVisible()}
        assert {tr("Presentation...").rstrip("."), tr("Language")} <= labels, labels
        extensions = [b for b in window.findChildren(QtWidgets.QToolButton, "qt_toolbar_ext_button")
                      if b.isVisible()]
        assert not extensions, "a toolbar shows its overflow button"
        window.close()


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def indicator_contrast(box: QtWidgets.QCheckBox) -> float:
    """Best contrast between the indicator's pixels and the background beside the box (WCAG ratio)."""
    opt = QtWidgets.QStyleOptionButton()
    box.initStyleOption(opt)
    rect: QRect = box.style().subElementRect(QtWidgets.QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
    image: QImage = box.grab().toImage()
    parent = box.parentWidget()
    assert parent is not None
    around = parent.grab(box.geometry().adjusted(-4, -4, 4, 4)).toImage().pixelColor(1, 1)
    return max(contrast(image.pixelColor(x, y), around)
               for y in range(rect.top(), rect.bottom() + 1) for x in range(rect.left(), rect.right() + 1))


def test_check_boxes_are_visible_on_the_dark_theme(tmp_path: Path, dark: Any) -> None:
    from videowall.ui.import_dialog import ImportDialog

    with DatabaseWriter(tmp_path / "c.db") as writer:
        dialog = ImportDialog(writer, tmp_path / "key", lambda: SYSTEM_USER)
        dialog.show()
        QTest.qWait(20)
        boxes = [b for b in dialog.findChildren(QtWidgets.QCheckBox) if b.isVisible()]
        assert boxes, "the import dialog has no check box to look at"
        for box in boxes:
            for checked in (False, True):
                box.setChecked(checked)
                box.repaint()
                ratio = indicator_contrast(box)
                # WCAG 2.1 non-text contrast: 3:1 for a control's boundary (the old theme measured about 1.0)
                assert ratio >= 3.0, f"{box.text()!r} ({'on' if checked else 'off'}): contrast {ratio:.2f}"
        dialog.close()

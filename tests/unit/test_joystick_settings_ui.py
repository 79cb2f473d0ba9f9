"""The joystick's settings in the real Settings window (QTest input): a bad button map is refused with
its reason and nothing is written; a good one, a dead zone and an inversion are saved (with audit rows)
and read back as the console's joystick configuration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.unit.test_settings_dialog import _type_into, _until  # noqa: E402
from videowall.domain import joystick as stick  # noqa: E402
from videowall.domain.access import Role, User  # noqa: E402
from videowall.domain.settings_catalogue import current  # noqa: E402
from videowall.security import audit  # noqa: E402
from videowall.storage.database import open_database  # noqa: E402
from videowall.storage.settings import SettingsRepository  # noqa: E402
from videowall.storage.writer import DatabaseWriter  # noqa: E402
from videowall.ui.settings_dialog import SettingsDialog  # noqa: E402


@pytest.fixture(scope="module")
def qapp() -> Iterator[object]:
    yield QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def _stored(writer: DatabaseWriter) -> dict[str, object]:
    return writer.submit(lambda d: SettingsRepository(d).all(), transaction=False).result()  # type: ignore[no-any-return]


def test_the_administrator_maps_the_joystick_in_the_settings_window(qapp: object, tmp_path: Path) -> None:
    open_database(tmp_path / "v.db").close()
    with DatabaseWriter(tmp_path / "v.db") as writer:
        dialog = SettingsDialog(writer, User("admin1", Role.ADMIN), "", None)
        dialog.show()
        _until(qapp, dialog.save_button.isEnabled, "the stored values shown")
        assert dialog.editors[stick.ENABLED_KEY].isChecked()  # type: ignore[attr-defined]
        assert dialog.editors[stick.BUTTONS_KEY].text() == stick.DEFAULT_BUTTONS  # type: ignore[attr-defined]

        _type_into(dialog.editors[stick.BUTTONS_KEY], "0=zoom_in 1=fire")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        _until(qapp, lambda: "not one of" in dialog.status.text(), dialog.status.text())
        assert stick.BUTTONS_KEY not in _stored(writer)

        _type_into(dialog.editors[stick.BUTTONS_KEY], "0=zoom_in 1=zoom_out 9=preset_4")
        _type_into(dialog.editors[stick.DEAD_ZONE_KEY], "25")
        _type_into(dialog.editors[stick.INVERT_KEY], "tilt")
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        _until(qapp, lambda: "Saved 3" in dialog.status.text(), dialog.status.text())
        config = stick.StickConfig.from_settings(current(_stored(writer)))
        assert config.dead_zone == 0.25 and config.invert == {"tilt"}
        assert config.buttons == {0: stick.StickAction.ZOOM_IN, 1: stick.StickAction.ZOOM_OUT,
                                  9: stick.StickAction.PRESET_4}
        rows = writer.submit(lambda d: audit.entries(d, action=audit.Action.SETTING), transaction=False).result()
        assert {r.target for r in rows} == {stick.BUTTONS_KEY, stick.DEAD_ZONE_KEY, stick.INVERT_KEY}
        dialog.close()

"""Issue 23 item 1: a briefing made in the console's editor with real input events, saved, then presented.

The console is the one app.py assembles (tests/unit/console_rig.py) on a real SQLite file, with a wall
factory whose tiles are the real TileControllers (cameras without stream addresses: no fleet, no libVLC).
A supervisor opens the editor from the toolbar, types, picks and clicks: six slides of every kind, one
added by mistake and removed, one moved up; cameras typed and taken from the camera tree's selection, a
saved layout, an area, a period, a bookmark. The preview shows each slide as the presentation does. Save
writes it (and an audit row); Presentation... shows it, and every presented slide is checked against what
was built: its kind's page, its title in the title bar, its cameras on the tiles. Roles that may not edit
are refused by the service itself, the editor's Save included.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from tests.unit.console_rig import console
from tests.unit.qt_wait import qt_app as _app
from tests.unit.qt_wait import until
from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.briefing import Briefing, Slide, SlideKind
from videowall.domain.camera import Area, Camera
from videowall.domain.evidence import Bookmark
from videowall.domain.layout import Layout, TileAssignment
from videowall.services.briefing_service import BriefingService
from videowall.storage.briefings import BriefingRepository
from videowall.storage.cameras import CameraRepository
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.layouts import LayoutRepository
from videowall.storage.writer import DatabaseWriter

CAMS = [Camera("C1", "Simpang Lima", area=Area("Semarang Tengah", "Pekunden")),
        Camera("C2", "Gerbang Tol", area=Area("Tugu", "Mangkang")),
        Camera("C3", "Pasar Johar", area=Area("Semarang Tengah", "Kauman")),
        Camera("C4", "Tugu Muda", area=Area("Tugu", "Jerakah")),
        Camera("C5", "Pelabuhan", area=Area("Semarang Utara", "Bandarharjo"))]
SUPERVISOR = User("bu-sari", Role.SUPERVISOR)




@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[DatabaseWriter]:
    os.environ["VIDEOWALL_KEYRING"] = "off"
    with DatabaseWriter(tmp_path / "vw.db") as w:
        w.submit(lambda db: CameraRepository(db).upsert_many(CAMS)).result(10)
        w.submit(lambda db: LayoutRepository(db).save(Layout("Pelabuhan", 1, 2, (
            TileAssignment(0, "C5"), TileAssignment(1, "C3"))))).result(10)
        yield w


def _bookmark(writer: DatabaseWriter) -> int:
    b = Bookmark(0, "C1", "Simpang Lima", "Semarang Tengah", time.time() - 600, "pak-budi", note="tabrakan")
    return int(writer.submit(lambda db: EvidenceRepository(db).add_bookmark(b)).result(10))


def _make_wall(directory: Any) -> Any:
    """app.py's make_wall with the real wall parts, minus media: tiles get their cameras, nothing streams."""
    from videowall.services.live_wall import LiveWall
    from videowall.services.wall_control import WallController
    from videowall.ui.wall_view import WallView

    loop = asyncio.new_event_loop()

    def make(attach: Callable[[WallView], None], extra: Any = None) -> WallController:
        views: list[WallView] = []

        def on_change(report: Any) -> None:
            if views:
                views[0].on_report(report)
            if extra is not None:
                extra(report)

        live = LiveWall(None, None, loop, on_change)  # type: ignore[arg-type]
        controller = WallController(live, directory, on_shape=lambda shape: views[0].set_shape(shape))
        view = WallView(controller)
        views.append(view)
        attach(view)
        return controller

    return make


def _console(tmp_path: Path, writer: DatabaseWriter, user: User) -> Any:
    from videowall.services.wall_control import CameraDirectory
    from videowall.ui.language import Language

    directory = CameraDirectory()
    directory.replace(CAMS)
    window = console(tmp_path, writer, Language(_app()), make_wall=_make_wall(directory), camera=directory.get,
                     user=lambda: user)
    window.set_cameras(CAMS)
    window.resize(1600, 900)
    window.show()
    return window


def _toolbar_button(window: Any, text: str) -> QtWidgets.QToolButton:
    for bar in window.findChildren(QtWidgets.QToolBar):
        for act in bar.actions():
            if act.text() == text and act.isVisible():
                button = bar.widgetForAction(act)
                assert isinstance(button, QtWidgets.QToolButton)
                return button
    raise AssertionError(f"no toolbar entry {text!r}")


def _click(widget: QtWidgets.QWidget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choose(box: QtWidgets.QComboBox, text: str) -> None:
    """Pick ``text`` in a combo box with the arrow keys, as a person does with the box focused."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText() == text:
            return
        QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == text, [box.itemText(i) for i in range(box.count())]


def _type(field: QtWidgets.QWidget, text: str, enter: bool = False) -> None:
    field.setFocus()
    QTest.keyClicks(field, text)
    if enter:
        QTest.keyClick(field, Qt.Key.Key_Return)


def _select_in_tree(window: Any, ids: list[str]) -> None:
    """Ctrl+click the cameras' rows in the console's camera tree (expanded by a search)."""
    from videowall.ui.camera_tree import CameraTreeModel

    panel = window.camera_panel
    _type(panel.search, "a")
    panel.apply_search()
    tree, model = panel.tree, panel.tree.model()

    def rows(parent: QModelIndex) -> Iterator[QModelIndex]:
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            yield index
            yield from rows(index)

    wanted = {i: None for i in ids}
    for index in rows(QModelIndex()):
        cam = model.data(index, CameraTreeModel.CameraRole)
        for cid in ids:
            if isinstance(cam, Camera) and cam.id == cid:
                wanted[cid] = index  # type: ignore[assignment]
    for cid in ids:
        index = wanted[cid]
        assert index is not None, f"{cid} not in the tree"
        tree.scrollTo(index)
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         tree.visualRect(index).center())
    assert sorted(panel.selected_ids()) == sorted(ids), panel.selected_ids()


def _open_editor(window: Any) -> Any:
    _click(_toolbar_button(window, window.briefings.window.tr("Briefing editor...")))
    until(lambda: window.briefings.editor is not None and window.briefings.editor.isVisible(), "the editor opened")
    return window.briefings.editor


def _add(editor: Any, kind: str) -> None:
    _choose(editor.add_kind, kind)
    _click(editor.add_button)


def _pick_row(editor: Any, row: int) -> None:
    rect = editor.list.visualItemRect(editor.list.item(row))
    QTest.mouseClick(editor.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert editor.list.currentRow() == row


def _tile_ids(page: Any) -> list[str]:
    tiles = page.controller.live.tiles
    return [t.camera.id if t.camera is not None else "" for t in tiles]


def test_a_briefing_built_in_the_editor_is_presented_and_its_slides_match(tmp_path: Path,
                                                                           writer: DatabaseWriter) -> None:
    from videowall.ui.briefing_picker import BriefingPicker
    from videowall.ui.briefing_slides import KpiCard, ScaledChart
    from videowall.ui.health_map import HealthMap

    bookmark = _bookmark(writer)
    window = _console(tmp_path, writer, SUPERVISOR)
    editor = _open_editor(window)
    form = editor.form
    assert editor.right.currentWidget() is editor.empty  # a new briefing: no slides yet
    _type(editor.name, "Rapat pagi")
    _type(editor.title, "Rapat koordinasi")

    _add(editor, "Live cameras")  # 1: typed cameras, then the tree's selection, on a 2x2 grid
    _type(form.title, "Simpang Lima")
    _type(form.camera_input, "simpang lima", enter=True)  # by name, any case
    _type(form.camera_input, "C2", enter=True)  # by id
    assert editor.isVisible()  # Enter added a camera and pressed no button
    assert not editor.isModal() and QtWidgets.QApplication.activeModalWidget() is not editor  # the tree is free
    _select_in_tree(window, ["C3", "C4"])  # Ctrl+click in the console's camera tree, the editor open
    _click(form.from_selection)
    _choose(form.layout_box, "Grid 2x2")
    assert editor.draft().slides[0] == Slide(SlideKind.CAMERAS, "Simpang Lima", "2x2", ("C1", "C2", "C3", "C4"))
    assert _tile_ids(editor.preview) == ["C1", "C2", "C3", "C4"]  # the preview is the presentation's wall
    assert editor.preview.bar.title == "Rapat koordinasi  ·  Simpang Lima"

    _add(editor, "Camera health map")  # 2: one kecamatan
    _choose(form.area, "Tugu")
    _type(form.notes, "Tugu dulu: kamera baru")
    assert isinstance(editor.preview.stack.currentWidget(), HealthMap)

    _add(editor, "Availability chart")  # 3: a week
    _choose(form.period, "The last 7 days")
    _type(form.title, "Seminggu")
    assert isinstance(editor.preview.stack.currentWidget(), ScaledChart)
    assert "168" in editor.preview.stack.currentWidget().chart.title

    _add(editor, "Key figures")  # 4: added by mistake, removed
    _click(editor.remove_button)
    assert [s.kind for s in editor.draft().slides] == [SlideKind.CAMERAS, SlideKind.HEALTH_MAP,
                                                       SlideKind.AVAILABILITY]
    _add(editor, "Live cameras")  # 4: a saved layout
    _choose(form.layout_box, "Saved layout: Pelabuhan")
    assert not form.camera_input.isEnabled()  # the layout brings its own cameras
    _type(form.title, "Pelabuhan")
    until(lambda: _tile_ids(editor.preview) == ["C5", "C3"], "the saved layout in the preview")  # read from the DB

    _add(editor, "Recorded incident (bookmark)")  # 5: the bookmark, offered first
    assert form.bookmark.currentData() == bookmark and "Simpang Lima" in form.bookmark.currentText()
    _type(form.title, "Tabrakan")
    form.seconds.setFocus()
    QTest.keyClick(form.seconds, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.seconds, "30")
    assert form.seconds.value() == 30

    _add(editor, "Key figures")  # 6, then moved up to be the first slide
    for _ in range(5):
        _click(editor.up_button)
    assert not editor.up_button.isEnabled() and editor.list.currentRow() == 0
    assert isinstance(editor.preview.stack.currentWidget(), KpiCard)
    _pick_row(editor, 2)
    assert form.area.currentText() == "Tugu" and form.notes.toPlainText() == "Tugu dulu: kamera baru"
    assert isinstance(editor.preview.stack.currentWidget(), HealthMap)

    built = Briefing("Rapat pagi", "Rapat koordinasi", (
        Slide(SlideKind.KPI),
        Slide(SlideKind.CAMERAS, "Simpang Lima", "2x2", ("C1", "C2", "C3", "C4")),
        Slide(SlideKind.HEALTH_MAP, area="Tugu", notes="Tugu dulu: kamera baru"),
        Slide(SlideKind.AVAILABILITY, "Seminggu", hours=168.0),
        Slide(SlideKind.CAMERAS, "Pelabuhan", "Pelabuhan"),
        Slide(SlideKind.CLIP, "Tabrakan", bookmark_id=bookmark, seconds=30.0)))
    for got, want in zip(editor.draft().slides, built.slides, strict=True):
        assert got == want
    assert editor.draft() == built
    _click(editor.save_button)
    until(lambda: editor.message.text().startswith("Saved"), "saved")
    assert editor.message.text() == "Saved: Rapat pagi (6 slides)"
    stored = writer.submit(lambda db: BriefingRepository(db).load("Rapat pagi"), transaction=False).result(10)
    assert stored == built
    audit = writer.readers.get().execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'briefing_saved' AND target = 'Rapat pagi'").fetchall()
    assert audit == [("bu-sari", "editor: 6 slides (kpi, cameras, health_map, availability, cameras, clip)")]
    QTest.keyClick(editor, Qt.Key.Key_Escape)  # Esc closes the editor (its preview takes no keys)
    assert window.briefings.editor is None

    # --- presented from the console's Presentation... ------------------------------------------------------
    _click(_toolbar_button(window, window.tr("Presentation...")))
    picker = next(p for p in window.findChildren(BriefingPicker) if p.isVisible())
    until(lambda: picker.list.count() > 0, "the picker lists the saved briefings")  # read off the UI thread
    row = next(r for r in range(picker.list.count()) if picker.list.item(r).text() == "Rapat pagi")
    picker.list.setCurrentRow(row)
    _click(picker.present_button)
    until(lambda: bool(window.briefings.open_windows), "the briefing is shown")
    shown = window.briefings.open_windows[0]
    seen: list[tuple[SlideKind, str, list[str]]] = []
    for n, slide in enumerate(built.slides):
        assert shown.index == n
        page = shown.stack.currentWidget()
        if slide.kind is SlideKind.CAMERAS:
            until(lambda s=slide: _tile_ids(shown)[: len(s.cameras) or 2] == (list(s.cameras) or ["C5", "C3"]),
                  f"slide {n + 1}'s cameras on the tiles")
            cameras = _tile_ids(shown)
        else:
            cameras = []
            expected = {SlideKind.KPI: KpiCard, SlideKind.HEALTH_MAP: HealthMap, SlideKind.AVAILABILITY: ScaledChart,
                        SlideKind.CLIP: QtWidgets.QWidget}[slide.kind]
            assert isinstance(page, expected), (n, page)
        if slide.kind is SlideKind.HEALTH_MAP:
            until(lambda p=page: bool(p._items), "the map's cameras")
            assert {i.camera.area.kecamatan for i in page._items} == {"Tugu"}  # only the chosen kecamatan
        if slide.kind is SlideKind.AVAILABILITY:
            assert "168" in page.chart.title
        if slide.kind is SlideKind.CLIP:  # no libVLC in this lane: the clip slide's card in its place
            assert shown._pages.get("noclip") is page and shown.briefing.slides[n].bookmark_id == bookmark
        seen.append((slide.kind, shown.bar.title, cameras))
        QTest.keyClick(shown, Qt.Key.Key_PageDown)
    assert shown.index is None  # the end card after the last slide
    assert seen == [
        (SlideKind.KPI, "Rapat koordinasi  ·  Key figures", []),
        (SlideKind.CAMERAS, "Rapat koordinasi  ·  Simpang Lima", ["C1", "C2", "C3", "C4"]),
        (SlideKind.HEALTH_MAP, "Rapat koordinasi  ·  Camera health map", []),
        (SlideKind.AVAILABILITY, "Rapat koordinasi  ·  Seminggu", []),
        (SlideKind.CAMERAS, "Rapat koordinasi  ·  Pelabuhan", ["C5", "C3"]),
        (SlideKind.CLIP, "Rapat koordinasi  ·  Tabrakan", []),
    ]
    QTest.keyClick(shown, Qt.Key.Key_Escape)
    assert not window.briefings.open_windows
    window.close()


def test_editing_an_imported_briefing_keeps_its_json_and_renames_it(tmp_path: Path, writer: DatabaseWriter) -> None:
    """Open a saved briefing from the picker's Edit..., change its name and a slide, save: the old name is gone,
    the JSON export of the new one reads back equal."""
    from videowall.ui.briefing_picker import BriefingPicker

    service = BriefingService(writer)
    old = Briefing("Mingguan", "Rapat mingguan", (Slide(SlideKind.KPI), Slide(SlideKind.AVAILABILITY, hours=24)))
    service.save(SUPERVISOR, old).result(10)
    window = _console(tmp_path, writer, SUPERVISOR)
    _click(_toolbar_button(window, window.tr("Presentation...")))
    picker = next(p for p in window.findChildren(BriefingPicker) if p.isVisible())
    until(lambda: picker.list.count() > 0, "the picker lists the saved briefings")  # read off the UI thread
    edit = next(b for b in picker.findChildren(QtWidgets.QPushButton) if b.text() == "Edit...")
    _click(edit)
    until(lambda: window.briefings.editor is not None and window.briefings.editor.isVisible(), "the editor")
    editor = window.briefings.editor
    assert editor.name.text() == "Mingguan" and editor.list.count() == 2
    editor.name.selectAll()
    _type(editor.name, "Mingguan 2")
    _pick_row(editor, 1)
    _choose(editor.form.period, "The last 30 days")
    _click(editor.save_button)
    until(lambda: editor.message.text().startswith("Saved"), "saved")
    assert service.names().result(10) == ["Mingguan 2"]
    out = service.export("Mingguan 2", tmp_path / "m.json")
    assert service.import_file(out, SUPERVISOR).slides[1] == Slide(SlideKind.AVAILABILITY, hours=720.0)
    _click(editor.close_button)
    assert window.briefings.editor is None
    window.close()


@pytest.mark.parametrize("role", [Role.PRESENTER, Role.OPERATOR, Role.LIAISON])
def test_a_role_that_may_not_edit_is_refused_by_the_service(tmp_path: Path, writer: DatabaseWriter,
                                                             role: Role) -> None:
    user = User(f"{role.value}-1", role)
    service = BriefingService(writer)
    service.save(SUPERVISOR, Briefing("Ada", slides=(Slide(SlideKind.KPI),))).result(10)

    def audit_rows() -> int:
        return int(writer.readers.get().execute("SELECT count(*) FROM audit_log").fetchone()[0])

    rows = audit_rows()
    new = Briefing("Baru", slides=(Slide(SlideKind.KPI),))
    with pytest.raises(AccessDenied, match=f"\\(role {role.value}\\) may not edit briefings"):
        service.save(user, new).result(10)
    with pytest.raises(AccessDenied):
        service.save(user, Briefing("Ada", slides=(Slide(SlideKind.HEALTH_MAP),)), "Ada").result(10)
    with pytest.raises(AccessDenied):
        service.delete(user, "Ada").result(10)
    exported = service.export("Ada", tmp_path / "ada.json")  # presenting and exporting stay open
    with pytest.raises(AccessDenied):
        service.import_file(exported, user)
    assert service.names().result(10) == ["Ada"] and service.load("Ada").result(10) == Briefing(
        "Ada", slides=(Slide(SlideKind.KPI),))
    assert audit_rows() == rows  # nothing written, not even an audit row

    # the console: no editor entry for this role, and an editor opened anyway cannot save through the service
    window = _console(tmp_path, writer, user)
    texts = [a.text() for b in window.findChildren(QtWidgets.QToolBar) for a in b.actions() if a.isVisible()]
    assert "Briefing editor..." not in texts and "Presentation..." in texts
    window.briefings.open_editor()
    until(lambda: window.briefings.editor is not None and window.briefings.editor.isVisible(), "the editor")
    editor = window.briefings.editor
    _type(editor.name, "Baru")
    _add(editor, "Key figures")
    _click(editor.save_button)
    until(lambda: editor.message.text().startswith("Not saved"), "refused")
    assert editor.message.text() == "Not saved: your role may not edit briefings."
    assert service.names().result(10) == ["Ada"] and audit_rows() == rows
    _click(editor.close_button)
    window.close()


def test_the_form_keeps_what_an_imported_file_says(tmp_path: Path) -> None:
    """A grid typed in a JSON file ("3 x 3"), a period the editor does not offer and an unknown area are shown
    as they are and saved back unchanged; a saved layout disables the camera picking, a grid does not."""
    from videowall.ui.briefing_slide_form import SlideForm

    _app()
    form = SlideForm(CAMS, ["Pelabuhan"], [], list)
    for slide in (Slide(SlideKind.CAMERAS, layout="3 x 3", cameras=("C1",)), Slide(SlideKind.AVAILABILITY, hours=12),
                  Slide(SlideKind.HEALTH_MAP, area="Kota Lama"), Slide(SlideKind.CAMERAS, layout="Pelabuhan")):
        form.set_slide(slide)
        assert form.slide() == slide
    assert not form.camera_input.isEnabled()  # the saved layout brings its cameras
    form.set_slide(Slide(SlideKind.CAMERAS, layout="3 x 3", cameras=("C1",)))
    assert form.camera_input.isEnabled() and form.layout_box.currentText() == "Layout 3 x 3"

"""The console's camera panel over 10,000 cameras (offscreen Qt): search through the real model and view.

Prints median/p95 per keystroke for the benchmark record; asserts results, not timings.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

from videowall.services.search import TYPED, keystrokes  # noqa: E402
from videowall.sim.register_gen import generate_cameras  # noqa: E402
from videowall.ui.camera_panel import CameraPanel  # noqa: E402
from videowall.ui.camera_tree import CameraTreeModel  # noqa: E402


@pytest.fixture(scope="module")
def qapp() -> Iterator[object]:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    yield app


def _wait_ready(model: CameraTreeModel, qapp: object) -> None:
    deadline = time.monotonic() + 30
    while model.loading and time.monotonic() < deadline:
        qapp.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)
    assert not model.loading


def test_panel_search_over_10k_cameras(qapp: object) -> None:
    cameras = generate_cameras(10_000)
    panel = CameraPanel()
    panel.resize(320, 800)
    panel.show()
    started = time.perf_counter()
    panel.model.set_cameras(cameras, {cameras[0].id})
    _wait_ready(panel.model, qapp)
    print(f"\ntree + index for 10000 cameras (worker thread): {(time.perf_counter() - started) * 1000:.0f} ms")
    assert panel.model.camera_count() == 10_000
    samples = []
    for query in keystrokes(TYPED):
        panel.search.setText(query)
        t = time.perf_counter()
        panel.apply_search()
        qapp.processEvents()  # type: ignore[attr-defined]  # includes the view's relayout and paint
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    print(f"panel search, {len(samples)} keystrokes: median {statistics.median(samples):.1f} ms, "
          f"p95 {samples[int(0.95 * len(samples))]:.1f} ms, max {samples[-1]:.1f} ms")
    panel.search.setText("smg-tem")
    panel.apply_search()
    ids = panel.model.camera_ids([panel.model.index(r, 0) for r in range(panel.model.rowCount())])
    assert ids and all(i.startswith("SMG-TEM") for i in ids)
    assert panel.matches.text().startswith(str(len(ids)))
    panel.search.setText("")
    panel.apply_search()
    top = [panel.model.data(panel.model.index(r, 0)) for r in range(panel.model.rowCount())]
    assert str(top[0]).startswith("\u2605 Favourites  (1)") and str(top[1]).startswith("Tags")
    panel.close()


def test_marking_cameras_private_is_offered_only_to_roles_that_may(qapp: object) -> None:
    panel = CameraPanel()
    private: set[str] = {"CAM-2"}
    asked: list[tuple[list[str], bool]] = []
    panel.private_requested.connect(lambda ids, flag: asked.append((ids, flag)))
    panel.is_private = lambda cid: cid in private

    def texts(ids: list[str]) -> list[str]:
        menu = panel.menu_for(ids)
        assert menu is not None
        return [a.text() for a in menu.actions() if a.text()]

    assert not any("private" in t for t in texts(["CAM-1"]))  # an operator's menu: no such entry
    panel.may_mark_private = lambda: True
    menu = panel.menu_for(["CAM-1", "CAM-2"])
    assert menu is not None
    mark = [a for a in menu.actions() if a.text().startswith("Mark as private")]
    assert len(mark) == 1
    mark[0].trigger()
    assert asked == [(["CAM-1", "CAM-2"], True)]
    assert any(t.startswith("Mark as not private") for t in texts(["CAM-2"]))  # all already private

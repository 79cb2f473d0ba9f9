"""The Tours dialog: make, edit and delete named tours (cameras for a tile, layouts for a wall), a dwell each.

Steps come from a typed camera name or id (with completion), the tree's selection, an area, a tag or
the favourites; layout tours from the saved layouts. The dialog only edits a definition: saving goes
through the tour service (``save``/``delete`` callbacks), which checks EDIT_TOURS and audits.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from videowall.domain.camera import Camera
from videowall.domain.tour import (
    DEFAULT_DWELL_S,
    MAX_DWELL_S,
    MIN_DWELL_S,
    TourDefinition,
    TourError,
    TourKind,
    TourStep,
    add_items,
)
from videowall.ui.refusal_words import refusal_text

Save = Callable[[TourDefinition, str], None]  # the definition and the name it had ("" for a new one)


class ToursDialog(QDialog):
    saved = Signal(str)

    def __init__(self, tours: list[TourDefinition], cameras: Collection[Camera], layouts: list[str],
                 selection: Callable[[], list[str]], favourites: Collection[str], may_edit: bool,
                 save: Save, delete: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tours"))
        self.setObjectName("tours-dialog")
        self._tours = {t.name: t for t in tours}
        self._cameras = {c.id: c for c in cameras}
        self._layouts = layouts
        self._selection = selection
        self._favourites = [i for i in favourites if i in self._cameras]
        self._save, self._delete = save, delete
        self.note: QLabel | None = None  # "may run but not change" for roles without EDIT_TOURS
        self._editing = ""  # the saved name of the tour in the editor ("" for a new one)
        self._steps: tuple[TourStep, ...] = ()
        self._build(may_edit)
        self._fill_list()
        self._kind_changed(keep=True)
        self.new_tour()
        self.resize(900, 560)

    # --- construction -------------------------------------------------------------------------------
    def _build(self, may_edit: bool) -> None:
        self.list = QListWidget()
        self.list.currentTextChanged.connect(self._open)
        new, delete = QPushButton(self.tr("Ne&w")), QPushButton(self.tr("De&lete"))
        for button in (new, delete):
            button.setAutoDefault(False)  # Enter in the Add field adds a step; it must not press a button
        new.clicked.connect(lambda: self.new_tour())
        delete.clicked.connect(lambda: self._delete_current())
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Saved tours")))
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(new)
        row.addWidget(delete)
        left.addLayout(row)

        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Cameras (runs on one tile)"), TourKind.CAMERAS.value)
        self.kind.addItem(self.tr("Layouts (runs on a whole wall)"), TourKind.LAYOUTS.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.dwell = QDoubleSpinBox()
        self.dwell.setRange(MIN_DWELL_S, MAX_DWELL_S)
        self.dwell.setDecimals(0)
        self.dwell.setValue(DEFAULT_DWELL_S)
        self.dwell.setSuffix(" s")
        self.add = QLineEdit()
        self.add.setPlaceholderText(self.tr("camera name or id, Enter adds it"))
        self.add.returnPressed.connect(self._add_typed)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Dwell for new steps:"), self.dwell)
        form.addRow(self.tr("&Add:"), self.add)

        buttons = QHBoxLayout()
        self.from_tree = self._button(buttons, self.tr("Tree selection"), self._add_tree)
        self.from_area = self._button(buttons, self.tr("Area..."), self._add_area)
        self.from_tag = self._button(buttons, self.tr("Tag..."), self._add_tag)
        self.from_favourites = self._button(buttons, self.tr("Favourites"), self._add_favourites)
        if not self._favourites:
            self.from_favourites.setEnabled(False)
            self.from_favourites.setToolTip(self.tr("No favourites yet: star cameras in the camera tree first"))
        self.from_layouts = self._button(buttons, self.tr("Layout..."), self._add_layout)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Step"), self.tr("Dwell (s)")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._dwell_edited)
        steps = QHBoxLayout()
        self._button(steps, self.tr("Up"), lambda: self._move(-1))
        self._button(steps, self.tr("Down"), lambda: self._move(+1))
        self._button(steps, self.tr("Remove step"), self._remove_steps)
        steps.addStretch(1)
        self.save_button = self._button(steps, self.tr("&Save"), self._save_current)
        self._button(steps, self.tr("Close"), self.accept)
        self.message = QLabel()
        self.message.setWordWrap(True)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.table, 1)
        right.addWidget(self.message)
        right.addLayout(steps)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)
        outer.addLayout(right, 3)
        if not may_edit:
            for widget in (self.name, self.kind, self.dwell, self.add, self.table, self.save_button, delete, new,
                           self.from_tree, self.from_area, self.from_tag, self.from_favourites, self.from_layouts):
                widget.setEnabled(False)
            note = QLabel(self.tr("Your role may run tours but not make or change them."))
            note.setObjectName("read-only-note")
            right.insertWidget(0, note)
            self.note = note

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(sorted(self._tours, key=str.casefold))
        self.list.blockSignals(False)

    # --- editing ------------------------------------------------------------------------------------
    def kind_value(self) -> TourKind:
        return TourKind(self.kind.currentData())

    def new_tour(self) -> None:
        self._editing = ""
        self.name.setText("")
        self.kind.setCurrentIndex(0)
        self._set_steps(())
        self.list.clearSelection()
        self.name.setFocus()

    def _open(self, name: str) -> None:
        tour = self._tours.get(name)
        if tour is None:
            return
        self._editing = tour.name
        self.name.setText(tour.name)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(0 if tour.kind is TourKind.CAMERAS else 1)
        self.kind.blockSignals(False)
        self._kind_changed(keep=True)
        self._set_steps(tour.steps)

    def _kind_changed(self, keep: bool = False) -> None:
        cameras = self.kind_value() is TourKind.CAMERAS
        names = [f"{c.name} ({c.id})" for c in self._cameras.values()] if cameras else list(self._layouts)
        completer = QCompleter(names, self.add)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.add.setCompleter(completer)
        self.add.setPlaceholderText(self.tr("camera name or id, Enter adds it") if cameras
                                    else self.tr("layout name, Enter adds it"))
        for button in (self.from_tree, self.from_area, self.from_tag, self.from_favourites):
            button.setVisible(cameras)
        self.from_layouts.setVisible(not cameras)
        if not keep and self._steps:
            self._set_steps(())  # cameras and layouts do not mix in one tour

    def _set_steps(self, steps: tuple[TourStep, ...]) -> None:
        self._steps = steps
        self.table.blockSignals(True)
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            cam = self._cameras.get(step.item)
            label = QTableWidgetItem(f"{cam.name} ({cam.id})" if cam is not None else step.item)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, label)
            self.table.setItem(row, 1, QTableWidgetItem(f"{step.dwell_s:g}"))
        self.table.blockSignals(False)
        self.message.setText(self.tr("%n steps").replace("%n", str(len(steps))) if steps else "")

    def _dwell_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != 1 or not 0 <= item.row() < len(self._steps):
            return
        try:
            value = float(item.text().replace(",", ".").rstrip(" s"))
        except ValueError:
            value = -1.0
        refused = not MIN_DWELL_S <= value <= MAX_DWELL_S
        if refused:
            value = self._steps[item.row()].dwell_s
        steps = list(self._steps)
        steps[item.row()] = TourStep(steps[item.row()].item, value)
        self._set_steps(tuple(steps))
        if refused:
            self.message.setText(self.tr("A dwell is %1 to %2 seconds.").replace("%1", f"{MIN_DWELL_S:g}")
                                 .replace("%2", f"{MAX_DWELL_S:g}"))

    def add_items(self, items: list[str]) -> None:
        before = len(self._steps)
        self._set_steps(add_items(self._steps, items, self.dwell.value()))
        if len(self._steps) == before and items:
            self.message.setText(self.tr("Already in the tour."))

    def _add_typed(self) -> None:
        text = self.add.text().strip()
        if not text:
            return
        if self.kind_value() is TourKind.LAYOUTS:
            found = [n for n in self._layouts if n.casefold() == text.casefold()]
        else:
            found = self._match_camera(text)
        if not found:
            self.message.setText(self.tr("No match for %1").replace("%1", text))
            return
        self.add_items(found[:1])
        self.add.clear()

    def _match_camera(self, text: str) -> list[str]:
        if text in self._cameras:
            return [text]
        if text.endswith(")") and "(" in text:  # the completer's "Name (id)"
            inner = text.rsplit("(", 1)[1][:-1]
            if inner in self._cameras:
                return [inner]
        folded = text.casefold()
        exact = [c.id for c in self._cameras.values() if c.name.casefold() == folded or c.id.casefold() == folded]
        return exact or [c.id for c in self._cameras.values() if folded in c.name.casefold()][:1]

    def _add_tree(self) -> None:
        ids = [i for i in self._selection() if i in self._cameras]
        if not ids:
            self.message.setText(self.tr("Select cameras (or an area) in the camera tree first."))
        self.add_items(ids)

    def _add_area(self) -> None:
        """A kecamatan, a kelurahan, an RW or an RT: every camera in it, the levels below included."""
        levels = {p[:k] for c in self._cameras.values() for p in [c.area.path()] for k in range(1, len(p) + 1)}
        names = {" / ".join(level): level for level in levels}
        areas = sorted(names, key=str.casefold)
        area, ok = QInputDialog.getItem(self, self.tr("Add an area"), self.tr("Area:"), areas, 0, False)
        if ok and area in names:
            self.add_items(self.cameras_in(names[area]))

    def cameras_in(self, level: tuple[str, ...]) -> list[str]:
        return [c.id for c in self._cameras.values() if c.area.path()[:len(level)] == level]

    def _add_tag(self) -> None:
        tags = sorted({t for c in self._cameras.values() for t in c.tags}, key=str.casefold)
        if not tags:
            self.message.setText(self.tr("No camera has a tag yet."))
            return
        tag, ok = QInputDialog.getItem(self, self.tr("Add a tag"), self.tr("Tag:"), tags, 0, False)
        if ok and tag:
            self.add_items([c.id for c in self._cameras.values() if tag in c.tags])

    def _add_favourites(self) -> None:
        self.add_items(self._favourites)

    def _add_layout(self) -> None:
        if not self._layouts:
            self.message.setText(self.tr("No saved layouts: save a layout first (Ctrl+S)."))
            return
        name, ok = QInputDialog.getItem(self, self.tr("Add a layout"), self.tr("Layout:"), self._layouts, 0, False)
        if ok and name:
            self.add_items([name])

    def _rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def _remove_steps(self) -> None:
        rows = set(self._rows())
        self._set_steps(tuple(s for i, s in enumerate(self._steps) if i not in rows))

    def _move(self, direction: int) -> None:
        rows = self._rows()
        if len(rows) != 1 or not 0 <= rows[0] + direction < len(self._steps):
            return
        steps = list(self._steps)
        a, b = rows[0], rows[0] + direction
        steps[a], steps[b] = steps[b], steps[a]
        self._set_steps(tuple(steps))
        self.table.selectRow(b)

    # --- saving -------------------------------------------------------------------------------------
    def definition(self) -> TourDefinition:
        return TourDefinition(self.name.text().strip(), self.kind_value(), self._steps)

    def _save_current(self) -> None:
        try:
            tour = self.definition()
        except TourError as exc:
            self.message.setText(refusal_text(exc))
            return
        if tour.name != self._editing and tour.name in self._tours:
            answer = QMessageBox.question(self, self.tr("Tours"),
                                          self.tr("Replace the saved tour %1?").replace("%1", tour.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._save(tour, self._editing)
        if self._editing and self._editing != tour.name:
            self._tours.pop(self._editing, None)
        self._tours[tour.name] = tour
        self._editing = tour.name
        self._fill_list()
        self.message.setText(self.tr("Saved: %1").replace("%1", tour.name))
        self.saved.emit(tour.name)

    def _delete_current(self) -> None:
        name = self._editing
        if not name:
            return
        answer = QMessageBox.question(self, self.tr("Tours"), self.tr("Delete the tour %1?").replace("%1", name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._delete(name)
        self._tours.pop(name, None)
        self._fill_list()
        self.new_tour()

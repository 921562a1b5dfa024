"""The shape shared by the pairing, teacher and mutual-aid pages: buttons on top, the
office's records in a table, and below it the selected record's details in tabs. The page
keeps the selection across reloads (every write fires hub.changed) and loads the details of
the selected record in the background, ignoring answers for a record no longer selected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.care.errors import ValidationError
from app.care.offices import VillageChoice, villages_of
from app.care.support import Recorded
from app.ui.kit import Context, Page, label, translate, yuan_text
from app.ui.picker import RecipientPicker
from app.ui.table import Column, RowsModel
from app.ui.table import table_view as shared_table_view

DIALOG_WIDTH = 520  # room for a picked recipient: name, masked ID number, birth date


def date_text(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


OFFICE_LEVEL_BY_LENGTH = {6: "county", 9: "township", 12: "village"}


def recorded_text(rec: Recorded) -> str:
    """Who recorded it and when: "王主任 2026-11-28"; an office not known here by its
    level and code ("县（区） 522631")."""
    by = rec.by
    if by.isdigit() and len(by) in OFFICE_LEVEL_BY_LENGTH:
        by = f"{label(OFFICE_LEVEL_BY_LENGTH[len(by)])} {by}"
    return f"{by}　{date_text(rec.on)}".strip()


def state_text(end: dt.date | None) -> str:
    if end is None:
        return translate("SupportPages", "进行中")
    return translate("SupportPages", "已结束（{date}）").format(date=end.isoformat())


def money_text(fen: int | None) -> str:
    return translate("SupportPages", "{amount} 元").format(amount=yuan_text(fen)) if fen is not None else ""


def require_recipient(picker: RecipientPicker, what: str) -> str:
    """The chosen recipient's id, or a refusal naming the field (shown on the form)."""
    if picker.recipient_id is None:
        raise ValidationError(translate("SupportPages", "{what}：请输入姓名或拼音首字母，再从下拉列表中选定一人。").format(what=what),
                              field="recipient")
    return picker.recipient_id


class VillageCombo(QComboBox):
    """The villages of this office; a village office has just itself, chosen already."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # as wide as the longest village with its code, read after the dialog opened
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        if ctx.level == "village":
            self.addItem(f"{ctx.office.name}（{ctx.office.code}）", ctx.office.code)
        else:
            ctx.background.run(lambda: ctx.store.read(villages_of, ctx.office.code), on_done=self._fill)

    def _fill(self, villages: list[VillageChoice]) -> None:
        for v in villages:
            self.addItem(f"{v.name}（{v.code}）", v.code)
        window = self.window()
        if window is not self and window.isVisible() and window.width() < window.sizeHint().width():
            window.resize(window.sizeHint().width(), window.height())  # the dialog grows to show it whole

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None


def table_view(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    view = shared_table_view(model, parent)
    view.horizontalHeader().setDefaultSectionSize(110)
    return view


MAX_FITTED_WIDTH = 280
COLUMN_PADDING = 14


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their text (Qt samples the first rows), within reason."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for i in range(header.count() - 1):
        header.resizeSection(i, min(header.sectionSize(i) + COLUMN_PADDING, MAX_FITTED_WIDTH))


DialogT = TypeVar("DialogT", bound=QDialog)


class TablePage(Page):
    """A page around one list, `self.view`: its columns fitted to the first rows once, or as
    the user left them (the main window keeps them in QSettings), and the forms it opens.
    (The programme pages below, the review queue, the duplicate registrations.)"""

    view: QTableView

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.dialog: Any = None  # the last form opened (tests use it)
        self._fitted = False  # the columns fitted once (or restored from settings)

    def fit_once(self, rows: Sequence[Any]) -> None:
        if rows and not self._fitted:
            self._fitted = True
            fit_columns(self.view)

    def open_dialog(self, dialog: DialogT) -> DialogT:
        """Open a form window-modal; `self.dialog` is the last one opened. The one before is
        deleted then, so closed forms do not pile up under the page."""
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    # ---- column layout (QSettings via the main window) ----------------------------------------------
    def save_state(self) -> QByteArray:
        return self.view.horizontalHeader().saveState()

    def restore_state(self, state: Any) -> None:
        if isinstance(state, QByteArray | bytes) and self.view.horizontalHeader().restoreState(QByteArray(state)):
            self._fitted = True


class MasterDetailPage(TablePage):
    """Subclasses give the columns, `rows_job()` and `detail_job(row)` (zero-argument
    callables for the worker), and show a detail with `show_detail(row, detail)`."""

    def __init__(self, ctx: Context, columns: Sequence[Column], *,
                 warn: Callable[[Any], bool] | None = None) -> None:
        super().__init__(ctx)
        self._selected_id: str | None = None
        self._selection_buttons: list[QPushButton] = []
        outer = QVBoxLayout(self)
        self.toolbar = QHBoxLayout()
        outer.addLayout(self.toolbar)
        self.model = RowsModel(columns, self, warn=warn)
        self.view = table_view(self.model, self)
        self.count_label = QLabel()
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 4, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_title.setStyleSheet("font-weight: bold; padding: 4px 0;")
        box.addWidget(self.detail_title)
        self.detail_layout = box  # subclasses may add a line (a total …) above the tabs
        self.tabs = QTabWidget()
        box.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([320, 300])
        outer.addWidget(self.splitter, 1)
        outer.addWidget(self.count_label)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _index: self.primary_action())  # Enter or double-click

    # ---- building ----------------------------------------------------------------------------
    def add_button(self, text: str, slot: Callable[[], None], *, shortcut: str | None = None,
                   needs_selection: bool = False) -> QPushButton:
        button = QPushButton(f"{text} ({shortcut})" if shortcut else text)
        button.clicked.connect(slot)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        if needs_selection:
            button.setEnabled(False)
            self._selection_buttons.append(button)
        self.toolbar.addWidget(button)
        return button

    def add_tab(self, title: str, columns: Sequence[Column]) -> tuple[RowsModel, QTableView]:
        model = RowsModel(columns, self)
        view = table_view(model)
        model.modelReset.connect(lambda: fit_columns(view))
        self.tabs.addTab(view, title)
        return model, view

    # ---- what subclasses give ------------------------------------------------------------------
    def rows_job(self) -> Callable[[], Sequence[Any]]:
        raise NotImplementedError

    def detail_job(self, row: Any) -> Callable[[], Any]:
        raise NotImplementedError

    def show_detail(self, row: Any, detail: Any) -> None:
        raise NotImplementedError

    def clear_detail(self) -> None:
        self.detail_title.clear()

    def count_text(self, rows: Sequence[Any]) -> str:
        return translate("SupportPages", "共 {n} 条").format(n=len(rows))

    # ---- behaviour --------------------------------------------------------------------------------
    def current_row(self) -> Any:
        return self.model.row_at(self.view.currentIndex().row())

    def select_id(self, record_id: str) -> None:
        self._selected_id = record_id
        for i, row in enumerate(self.model.rows):
            if row.id == record_id:
                self.view.setCurrentIndex(self.model.index(i, 0))
                return

    def reload(self) -> None:
        self.ctx.background.run(self.rows_job(), on_done=self._rows_loaded, parent=self)

    def _rows_loaded(self, rows: Sequence[Any]) -> None:
        keep = self._selected_id
        self.model.set_rows(rows)
        self.count_label.setText(self.count_text(rows))
        self.fit_once(rows)
        at = next((i for i, r in enumerate(rows) if r.id == keep), 0)
        if rows:
            self.view.setCurrentIndex(self.model.index(at, 0))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._selected_id = row.id if row is not None else None
        for button in self._selection_buttons:
            button.setEnabled(row is not None)
        self.selection_changed(row)
        if row is None:
            self.clear_detail()
            return
        rid = row.id
        self.ctx.background.run(self.detail_job(row), on_done=lambda d: self._detail_loaded(rid, d), parent=self)

    def primary_action(self) -> None:
        """What Enter on a record does (the page's most common action for it)."""

    def selection_changed(self, row: Any) -> None:
        """Hook: enable buttons that depend on the selected record's state."""

    def _detail_loaded(self, record_id: str, detail: Any) -> None:
        row = self.current_row()
        if row is not None and row.id == record_id:
            self.show_detail(row, detail)

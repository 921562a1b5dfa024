"""A read-only table model over a list of plain rows (frozen dataclasses from a service),
for the short lists of the programme pages (units, pairings, agreements of a village …).
The 60,000-row roster has its own model over ids (app.ui.roster_model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
WARN_TINT = QColor("#fdecea")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]  # row -> text (or anything str() can show)
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    """Rows in, text out. `set_rows` swaps the whole list (the lists here are short);
    `row_at` gives the row object behind a view index; `warn` marks rows to tint."""

    def __init__(self, columns: Sequence[Column], parent: Any = None,
                 warn: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.warn = warn
        self._warn_brush = QBrush(WARN_TINT)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Asked for every cell, role and repaint, and for every row when columns are fitted
        # to their contents: roles compared as plain ints (PySide6's enums are slow to
        # compare), the tint made once.
        if role != DISPLAY and role != TOOLTIP and role != ALIGNMENT and role != BACKGROUND:
            return None
        row_number = index.row()
        if not 0 <= row_number < len(self.rows):
            return None
        row, col = self.rows[row_number], self.columns[index.column()]
        if role in (DISPLAY, TOOLTIP):
            value = col.value(row)
            return "" if value is None else str(value)
        if role == ALIGNMENT:
            return RIGHT if col.align_right else None
        if self.warn is not None and self.warn(row):
            return self._warn_brush
        return None


def table_view(model: QAbstractItemModel, parent: QWidget | None = None, *, fit: bool = False) -> QTableView:
    """A read-only list: whole rows chosen one at a time, rows in alternate tints, no row
    numbers, text cut rather than wrapped, the last column stretched; the other columns as
    wide as the user drags them or, with `fit`, as their contents."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive)
    return view

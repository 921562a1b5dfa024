"""The roster as a model over ids (STYLE.md habit 6): the filtered, sorted id list comes from
SQL; rows are fetched a page at a time, in the background, as the view asks for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from app.care.recipients import RecipientSummary
from app.ui.background import Background
from app.ui.kit import label
from app.ui.store import RosterFilter, Store

PAGE = 100
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("name", "sex", "birth_date", "id_number_masked", "categories", "status",
           "key_monitoring", "village", "phone")
SORTABLE = {0: "name", 2: "birth_date", 5: "status", 7: "village_code"}
KEY_COLOUR = QColor("#fff4e5")


class RosterModel(QAbstractTableModel):
    def __init__(self, store: Store, background: Background, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.background = background
        self.ids: list[str] = []
        self.cache: dict[str, RecipientSummary] = {}
        self.loading: set[int] = set()
        self.filter = RosterFilter()
        self.village_names: dict[str, str] = {}
        self._generation = 0
        self.headers = (self.tr("姓名"), self.tr("性别"), self.tr("出生日期"), self.tr("身份证号"),
                        self.tr("类别"), self.tr("状态"), self.tr("重点监护"), self.tr("所在村"),
                        self.tr("联系电话"))

    # ---- loading -----------------------------------------------------------------
    def refresh(self, f: RosterFilter | None = None,
                on_loaded: Callable[[int], None] | None = None) -> None:
        """Re-run the query (filter or sort changed, or data changed) in the background."""
        if f is not None:
            self.filter = f
        self._generation += 1
        generation, wanted = self._generation, self.filter

        def loaded(found: tuple[list[str], dict[str, RecipientSummary]]) -> None:
            if generation != self._generation:
                return  # a newer keystroke has already asked again
            ids, first_rows = found
            self.beginResetModel()
            self.ids, self.cache, self.loading = ids, first_rows, set()
            self.endResetModel()
            if on_loaded:
                on_loaded(len(ids))

        def job() -> tuple[list[str], dict[str, RecipientSummary]]:
            # The first page comes with the ids: the view paints once, with names in it.
            ids = self.store.roster_ids(wanted)
            return ids, self.store.roster_rows(ids[:PAGE])

        widget = self.parent() if isinstance(self.parent(), QWidget) else None
        self.background.run(job, on_done=loaded, parent=widget,
                            label=self.tr("正在查找……"), on_cancel=lambda: None)

    def _fetch_page(self, row: int) -> None:
        page = row // PAGE
        if page in self.loading:
            return
        self.loading.add(page)
        ids = self.ids[page * PAGE:(page + 1) * PAGE]
        generation = self._generation

        def loaded(rows: dict[str, RecipientSummary]) -> None:
            if generation != self._generation:
                return
            self.cache.update(rows)
            first, last = page * PAGE, min(len(self.ids), (page + 1) * PAGE) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

        self.background.run(lambda: self.store.roster_rows(ids), on_done=loaded)

    def summary_at(self, row: int) -> RecipientSummary | None:
        if not 0 <= row < len(self.ids):
            return None
        found = self.cache.get(self.ids[row])
        if found is None:
            self._fetch_page(row)
        return found

    def row_of(self, recipient_id: str) -> int:
        try:
            return self.ids.index(recipient_id)
        except ValueError:
            return -1

    # ---- Qt model interface ------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.BackgroundRole):
            return None
        r = self.summary_at(index.row())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(KEY_COLOUR) if r is not None and r.key_monitoring else None
        if r is None:
            return "…" if index.column() == 0 else ""
        key = COLUMNS[index.column()]
        if key == "categories":
            return "、".join(label(c) for c in r.categories)
        if key == "key_monitoring":
            return self.tr("★ 重点") if r.key_monitoring else ""
        if key in ("sex", "status"):
            return label(getattr(r, key))
        if key == "birth_date":
            return r.birth_date.isoformat()
        if key == "village":
            return self.village_names.get(r.village_code, r.village_code)
        return getattr(r, key) or ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(column)
        if key is None:  # not sortable in SQL: put the arrow back where the order really is
            view_header = getattr(self.parent(), "table", None)
            if view_header is not None:
                current = next((c for c, k in SORTABLE.items() if k == self.filter.sort), 0)
                order = Qt.SortOrder.DescendingOrder if self.filter.descending else Qt.SortOrder.AscendingOrder
                header = view_header.horizontalHeader()
                header.blockSignals(True)
                header.setSortIndicator(current, order)
                header.blockSignals(False)
            return
        f = self.filter
        self.refresh(RosterFilter(f.search, f.category, f.status, key,
                                  order == Qt.SortOrder.DescendingOrder, f.key_monitoring, f.overdue))

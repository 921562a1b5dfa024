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
# Ids asked for first: two pages, enough for any window before the whole list arrives.
FIRST = 2 * PAGE
Index = QModelIndex | QPersistentModelIndex

# The age, not the birth date: the masked ID number hides exactly the birth date's digits, and
# the two side by side would give the whole number back (issue 15, point 4).
COLUMNS = ("name", "sex", "age", "id_number_masked", "categories", "status",
           "key_monitoring", "village", "phone")
SORTABLE = {0: "name", 2: "birth_date", 5: "status", 7: "village_code"}
AGE_COLUMN = COLUMNS.index("age")  # sorted by birth date, the other way round
KEY_COLOUR = QColor("#fff4e5")
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
ID_COLUMN = COLUMNS.index("id_number_masked")
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)


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
        self._texts: dict[str, tuple[str, ...]] = {}  # id -> the row's cell texts
        self._key_brush = QBrush(KEY_COLOUR)
        self._generation = 0
        self.complete = True  # whether self.ids is the whole filtered roster yet
        self.headers = (self.tr("姓名"), self.tr("性别"), self.tr("年龄"), self.tr("身份证号"),
                        self.tr("类别"), self.tr("状态"), self.tr("重点监护"), self.tr("所在村"),
                        self.tr("联系电话"))

    # ---- loading -----------------------------------------------------------------
    def refresh(self, f: RosterFilter | None = None,
                on_loaded: Callable[[int | None], None] | None = None) -> None:
        """Re-run the query (filter or sort changed, or data changed) in the background, in
        two steps: the first screen of ids with its rows, painted at once, then the whole
        id list (and so the count), which a search matching tens of thousands of people
        takes longer to produce. `on_loaded` gets None when the first screen is in and the
        count is still coming, then the count."""
        if f is not None:
            self.filter = f
        self._generation += 1
        generation, wanted = self._generation, self.filter
        owner = self.parent()
        widget = owner if isinstance(owner, QWidget) else None

        def stale() -> bool:  # read on the worker too: a newer keystroke makes a queued job moot
            return generation != self._generation

        def first_job() -> tuple[list[str], dict[str, RecipientSummary]] | None:
            if stale():
                return None
            ids = self.store.roster_ids(wanted, limit=FIRST)
            return ids, self.store.roster_rows(ids[:PAGE])

        def first_loaded(found: tuple[list[str], dict[str, RecipientSummary]] | None) -> None:
            if found is None or stale():
                return
            ids, first_rows = found
            self.beginResetModel()
            self.ids, self.cache, self.loading = ids, first_rows, set()
            self._texts.clear()
            self.complete = len(ids) < FIRST
            self.endResetModel()
            if on_loaded:
                on_loaded(len(ids) if self.complete else None)
            if self.complete:
                return
            self.background.run(all_job, on_done=all_loaded, parent=widget,
                                label=self.tr("正在查找……"), on_cancel=lambda: None)

        def all_job() -> list[str] | None:
            return None if stale() else self.store.roster_ids(wanted)

        def all_loaded(ids: list[str] | None) -> None:
            if ids is None or stale():
                return
            shown = len(self.ids)
            if len(ids) >= shown and ids[:shown] == self.ids:
                if len(ids) > shown:
                    self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
                    self.ids = ids
                    self.endInsertRows()
                self.complete = True
            else:  # the data changed in between: start over with the whole list
                self.beginResetModel()
                self.ids, self.loading, self.complete = ids, set(), True
                self.endResetModel()
            if on_loaded:
                on_loaded(len(ids))

        self.background.run(first_job, on_done=first_loaded, parent=widget,
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

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every cell, role and repaint (well over a thousand times a screen):
        # roles compared as plain ints, and each row's texts worked out once.
        if role != DISPLAY and role != TOOLTIP and role != BACKGROUND:
            return None
        row = index.row()
        if not 0 <= row < len(self.ids):
            return None
        r = self.summary_at(row)
        if role == BACKGROUND:
            return self._key_brush if r is not None and r.key_monitoring else None
        if r is None:
            return "…" if index.column() == 0 else ""
        if role == TOOLTIP and r.id_region_note and index.column() == ID_COLUMN:
            return self.tr("※ 地区码不在国家代码表中，已由主任确认：{note}").format(note=r.id_region_note)
        texts = self._texts.get(r.id)
        if texts is None:
            texts = self._texts[r.id] = self._row_texts(r)
        return texts[index.column()]

    def _row_texts(self, r: RecipientSummary) -> tuple[str, ...]:
        # a region code unknown to GB/T 2260 confirmed by the director: visible, never silent
        shown_id = f"※{r.id_number_masked}" if r.id_region_note else r.id_number_masked
        return (r.name, label(r.sex), str(r.age()), shown_id,
                "、".join(label(c) for c in r.categories), label(r.status),
                self.tr("★ 重点") if r.key_monitoring else "",
                self.village_names.get(r.village_code, r.village_code), r.phone or "")

    def set_village_names(self, names: dict[str, str]) -> None:
        self.village_names = names
        self._texts.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

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
        descending = (order == Qt.SortOrder.DescendingOrder) != (column == AGE_COLUMN)
        self.refresh(RosterFilter(f.search, f.category, f.status, key, descending, f.key_monitoring, f.overdue))

"""关爱对象: the roster, searchable as you type and filtered in SQL, opening the recipient
form and the care-work dialogs for the selected person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.care.offices import office_names
from app.models.codes import CareKind, Category, Status
from app.ui.kit import Context, Page, call_with, label
from app.ui.roster_model import COLUMNS, RosterModel
from app.ui.store import RosterFilter

SEARCH_DEBOUNCE_MS = 120
WIDTHS = (90, 50, 100, 170, 200, 80, 70, 110, 120)
LOG_KINDS = (CareKind.phone_followup.value, CareKind.home_visit.value,
             CareKind.micro_wish.value, CareKind.material_aid.value)


class RosterPage(Page):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索：姓名、拼音首字母（如 zs）、身份证号后几位或电话"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in Category:
            self.category.addItem(label(c.value), c.value)
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for st in Status:
            self.status.addItem(label(st.value), st.value)
        self.key_only = QCheckBox(self.tr("只看重点监护"))
        self.overdue_only = QCheckBox(self.tr("只看逾期未关爱"))
        bar.addWidget(self.search, 1)
        for w in (self.category, self.status, self.key_only, self.overdue_only):
            bar.addWidget(w)
        layout.addLayout(bar)

        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增对象 (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("打开 (Enter)"))
        self.call_button = QPushButton(self.tr("记录电话随访"))
        self.visit_button = QPushButton(self.tr("记录走访"))
        self.count_label = QLabel()
        self.sheets_button = QPushButton(self.tr("表格与打印"))
        self.sheets_button.setMenu(self._sheets_menu())
        for button in (self.new_button, self.open_button, self.call_button, self.visit_button,
                       self.sheets_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout.addLayout(actions)

        self.model = RosterModel(ctx.store, ctx.background, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.fit_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout.addWidget(self.table, 1)
        if ctx.level == "village":
            self.table.hideColumn(COLUMNS.index("village"))

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_enter)
        for box in (self.category, self.status):
            box.currentIndexChanged.connect(self.apply_filter)
        for check in (self.key_only, self.overdue_only):
            check.toggled.connect(self.apply_filter)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.customContextMenuRequested.connect(self._menu)
        self.new_button.clicked.connect(self.new_recipient)
        self.open_button.clicked.connect(self.open_selected)
        self.call_button.clicked.connect(lambda: self.log(CareKind.phone_followup.value))
        self.visit_button.clicked.connect(lambda: self.log(CareKind.home_visit.value))
        self._action("Ctrl+N", self.new_recipient)
        self._action(QKeySequence.StandardKey.Find, self.focus_search)
        open_action = QAction(self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        self._names_loaded = False

    def fit_columns(self, *, keep_wider: bool = False) -> None:
        """The standard widths, grown with the text size (at 大字号 and 特大字号 a date, an ID
        number or a title with its sort arrow would be cut) and back at the standard size.
        Widths the director set (restored with the page) are only ever widened."""
        from app.ui.main import FONT_SIZES

        standard = QFont(self.table.font())
        standard.setPointSize(FONT_SIZES["normal"])
        scale = max(1.0, self.table.fontMetrics().height() / QFontMetrics(standard).height())
        header = self.table.horizontalHeader()
        for col, width in enumerate(WIDTHS):
            wanted = max(round(width * scale), header.sectionSizeHint(col))
            self.table.setColumnWidth(col, max(wanted, header.sectionSize(col)) if keep_wider else wanted)
        self.table.verticalHeader().setDefaultSectionSize(max(28, self.table.fontMetrics().height() + 10))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self.fit_columns()

    def _sheets_menu(self) -> QMenu:
        """The roster's spreadsheets (花名册 in and out) and its printed form."""
        menu = QMenu(self)
        menu.addAction(self.tr("从 Excel 导入花名册…"), self.import_roster)
        menu.addAction(self.tr("下载空白花名册模板…"), self.save_template)
        menu.addSeparator()
        menu.addAction(self.tr("导出花名册（Excel）…"), self.export_roster)
        menu.addAction(self.tr("打印花名册（PDF）"), self.print_roster)
        return menu

    def import_roster(self) -> None:
        from app.ui.roster_import_dialog import open_roster_import

        open_roster_import(self.ctx, self)

    def save_template(self) -> None:
        from app.ui.export_actions import save_roster_template

        save_roster_template(self.ctx, self)

    def export_roster(self) -> None:
        from app.ui.export_actions import export_roster

        export_roster(self.ctx, self, self._one_village())

    def print_roster(self) -> None:
        from app.ui.print_actions import print_roster_pdf

        village = self._one_village()
        if village is None and self.ctx.level == "county":
            QMessageBox.information(self, self.tr("打印花名册"), self.tr(
                "全县花名册有上千页。请先在名单中选中一人，将打印其所在村的花名册；"
                "全县名单请用“导出花名册（Excel）”。"))
            return
        print_roster_pdf(self.ctx, self, village)

    def _one_village(self) -> str | None:
        """A village office's roster is its own; above, the village of the selected person
        (a county's whole roster would be a thousand pages)."""
        if self.ctx.level == "village":
            return None
        index = self.table.currentIndex()
        r = self.model.summary_at(index.row()) if index.isValid() else None
        return r.village_code if r is not None else None

    def _action(self, keys: Any, slot: Any) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # ---- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        if not self._names_loaded and self.ctx.level != "village":
            self._names_loaded = True
            self.ctx.background.run(lambda: self.ctx.store.read(office_names), on_done=self._names)
        self.apply_filter()

    def _names(self, names: dict[str, str]) -> None:
        self.model.set_village_names(names)

    def current_filter(self) -> RosterFilter:
        f = self.model.filter
        return RosterFilter(self.search.text().strip(), self.category.currentData(),
                            self.status.currentData(), f.sort, f.descending,
                            self.key_only.isChecked(), self.overdue_only.isChecked())

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.refresh(self.current_filter(), on_loaded=self._show_count)

    def _show_count(self, n: int | None) -> None:
        """n is None while the first rows are shown and the rest are still being counted."""
        self.count_label.setText(self.tr("正在计数……") if n is None else self.tr("共 {n} 人").format(n=n))
        if n != 0 and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_enter(self) -> None:
        """Enter in the search box: run the search now and go to the first match."""
        self.apply_filter()
        self.table.setFocus()

    # ---- actions ------------------------------------------------------------------------
    def selected(self) -> tuple[str, str] | None:
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid():
            return None
        r = self.model.summary_at(index.row())
        if r is None:
            return None
        return r.id, f"{r.name}　{r.id_number_masked}"

    def new_recipient(self) -> None:
        from app.ui.recipient_form import open_recipient

        open_recipient(self.ctx, self, None)

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from app.ui.recipient_form import open_recipient

        open_recipient(self.ctx, self, chosen[0])

    def log(self, kind: str) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from app.ui.log_dialogs import open_log_dialog

        open_log_dialog(self.ctx, self, kind, chosen[0], chosen[1])

    def _menu(self, pos: Any) -> None:
        if self.selected() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("打开档案"), self.open_selected)
        menu.addSeparator()
        for kind in LOG_KINDS:
            menu.addAction(self.tr("记录：{kind}").format(kind=label(kind)),
                           call_with(self.log, kind))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ---- remembered layout ---------------------------------------------------------------
    def save_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_state(self, state: Any) -> None:
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
            self.fit_columns(keep_wider=True)

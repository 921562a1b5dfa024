"""从 Excel 导入花名册: choose a roster file (.xlsx, .xls or .csv), see at once which rows would
go in, which are refused and why (row by row, in the director's words) and which are already
registered, every sheet and every column of the file with what is done with it, and the
guardian and household-member lines, then import the rows that pass in one go. Reading and checking is a dry run of the real import on
the database worker, so the preview never promises what the import then refuses.

For the lead: `open_roster_import(ctx, parent)` opens it (the roster page's menu);
`RosterImportDialog(ctx, parent)` is the dialog itself, `set_file(path)` previews a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.reports.roster_import import DUPLICATE, IMPORTED, READY, REFUSED, ImportReport, RowOutcome
from app.ui.i18n import ui_language
from app.ui.kit import Context, label, translate

_FOLDER_KEY = "import/folder"
_COLOURS = {REFUSED: "#f8d7da", DUPLICATE: "#fff3cd", IMPORTED: "#e2f0d9", READY: "#e2f0d9", "skipped": "#eeeeee"}


def status_text(status: str) -> str:
    return {IMPORTED: translate("RosterImport", "已导入"), READY: translate("RosterImport", "可导入"),
            REFUSED: translate("RosterImport", "拒绝"), DUPLICATE: translate("RosterImport", "重复"),
            "skipped": translate("RosterImport", "跳过")}[status]


class _ListModel(QAbstractTableModel):
    """A read-only list under fixed headers; subclasses fill `_rows` and answer `data`."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Any] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class OutcomeModel(_ListModel):
    """The rows of a previewed or imported file, optionally only those of one result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([translate("RosterImport", "行号"), translate("RosterImport", "结果"),
                          translate("RosterImport", "姓名"), translate("RosterImport", "身份证号"),
                          translate("RosterImport", "类别"), translate("RosterImport", "原因")], parent)
        self._all: tuple[RowOutcome, ...] = ()
        self._rows: list[RowOutcome] = []
        self._only: str | None = None

    def set_outcomes(self, outcomes: tuple[RowOutcome, ...]) -> None:
        self.beginResetModel()
        self._all = outcomes
        self._rows = [o for o in outcomes if self._only is None or o.status == self._only
                      or (self._only == READY and o.status == IMPORTED)]
        self.endResetModel()

    def show_only(self, status: str | None) -> None:
        self._only = status
        self.set_outcomes(self._all)

    def outcome(self, row: int) -> RowOutcome:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{o.sheet} {o.row}" if o.sheet else o.row, status_text(o.status), o.name, o.id_number_masked,
                    "、".join(label(c) for c in o.categories), o.reason(ui_language()))[col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QColor(_COLOURS[o.status])
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return o.reason(ui_language()) or None
        return None


class TextTableModel(_ListModel):
    """Rows of plain text (the sheets and columns of a file, its guardian and member lines)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._rows: list[tuple[str, ...]] = []
        self._marks: list[str | None] = []

    def set_rows(self, rows: list[tuple[str, ...]], marks: list[str | None] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._marks = marks or [None] * len(rows)
        self.endResetModel()

    def text(self, row: int, col: int) -> str:
        return self._rows[row][col]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        mark = self._marks[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None:
            return QColor(mark)
        return None


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for col in range(model.columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return view


def action_text(action: str) -> str:
    return {"read": translate("RosterImport", "读取"), "also_read": translate("RosterImport", "同义列，也读取"),
            "kept_in_notes": translate("RosterImport", "记入备注"),
            "not_imported": translate("RosterImport", "不导入")}.get(action, action)


def sheet_kind_text(kind: str) -> str:
    return {"roster": translate("RosterImport", "花名册"), "guardians": translate("RosterImport", "监护人"),
            "members": translate("RosterImport", "家庭成员"),
            "skipped": translate("RosterImport", "跳过")}.get(kind, kind)


class RosterImportDialog(QDialog):
    model: OutcomeModel  # (made after the filter box whose signal reaches it)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("从 Excel 导入花名册"))
        self.resize(980, 620)
        outer = QVBoxLayout(self)

        pick = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("选择村里现有的花名册（.xlsx、.xls 或 .csv）"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("保存空白模板…"))
        self.template_button.clicked.connect(self.save_template)
        pick.addWidget(self.file_edit, 1)
        pick.addWidget(self.choose_button)
        pick.addWidget(self.template_button)
        outer.addLayout(pick)

        options = QHBoxLayout()
        self.strict_box = QCheckBox(self.tr("有任何一行被拒绝就一行也不导入"))
        self.confirmed_box = QCheckBox(self.tr("县里已确定的名册，决定文号："))
        self.doc_edit = QLineEdit()
        self.doc_edit.setPlaceholderText(self.tr("如 黎民发〔2026〕12号"))
        self.doc_edit.setEnabled(False)
        self.confirmed_box.toggled.connect(self.doc_edit.setEnabled)
        self.confirmed_box.toggled.connect(lambda _on: self._refresh_buttons())
        self.doc_edit.textChanged.connect(lambda _t: self._refresh_buttons())
        options.addWidget(self.strict_box)
        options.addSpacing(16)
        options.addWidget(self.confirmed_box)
        options.addWidget(self.doc_edit, 1)
        outer.addLayout(options)

        self.summary = QLabel(self.tr("选择文件后，这里先列出每一行能否导入；确认无误再点“导入”。"))
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("显示：")))
        self.filter_box = QComboBox()
        self.filter_box.addItem(self.tr("全部行"), None)
        self.filter_box.addItem(self.tr("被拒绝的行"), REFUSED)
        self.filter_box.addItem(self.tr("重复的行"), DUPLICATE)
        self.filter_box.addItem(self.tr("可以导入的行"), READY)
        self.filter_box.currentIndexChanged.connect(
            lambda _i: self.model.show_only(self.filter_box.currentData()))
        filters.addWidget(self.filter_box)
        filters.addStretch(1)
        outer.addLayout(filters)

        self.model = OutcomeModel(self)
        self.table = _table(self.model, 5)
        # Every sheet and every column of the file, and what is done with each: nothing in the
        # file is left out without the director seeing it here.
        self.columns_model = TextTableModel([self.tr("工作表"), self.tr("列"), self.tr("表头"), self.tr("隐藏"),
                                             self.tr("处理"), self.tr("说明")], self)
        self.columns_table = _table(self.columns_model, 5)
        self.lines_model = TextTableModel([self.tr("工作表"), self.tr("行号"), self.tr("结果"), self.tr("姓名"),
                                           self.tr("对象身份证号"), self.tr("原因")], self)
        self.lines_table = _table(self.lines_model, 5)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("逐行结果"))
        self.tabs.addTab(self.columns_table, self.tr("工作表和列"))
        self.tabs.addTab(self.lines_table, self.tr("监护人和家庭成员"))
        outer.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        outer.addLayout(buttons)

    # ---- actions --------------------------------------------------------------------------
    def choose_file(self) -> None:
        settings = QSettings("guanai", "guanai")
        folder = str(settings.value(_FOLDER_KEY, str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择花名册"), folder,
                                                self.tr("花名册 (*.xlsx *.xls *.csv)"))
        if chosen:
            settings.setValue(_FOLDER_KEY, str(Path(chosen).parent))
            self.set_file(Path(chosen))

    def save_template(self) -> None:
        from app.ui.export_actions import save_roster_template

        save_roster_template(self.ctx, self)

    def set_file(self, path: Path) -> None:
        """Preview a file: the whole import as a dry run, nothing written."""
        self.path = Path(path)
        self.file_edit.setText(str(self.path))
        self.report = None
        self.model.set_outcomes(())
        self.columns_model.set_rows([])
        self.lines_model.set_rows([])
        self.summary.setText(self.tr("正在检查 {name} …").format(name=self.path.name))
        self._refresh_buttons()
        self._start(dry_run=True)

    def run_import(self) -> None:
        if self.path is None or self.report is None:
            return
        self.import_button.setEnabled(False)
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        from app.reports.roster_import import run_import

        path, store = self.path, self.ctx.store
        assert path is not None
        strict = self.strict_box.isChecked()
        # A preview before the document number is typed checks the rows as unconfirmed ones.
        doc = (self.doc_edit.text().strip() or None) if self.confirmed_box.isChecked() else None
        self.choose_button.setEnabled(False)

        def job() -> ImportReport:
            door = store.preview if dry_run else store.batch  # the import bumps the store's generation
            return door(run_import, path, dry_run=dry_run, all_or_nothing=strict, confirmed_by=doc)

        label = self.tr("正在检查花名册…") if dry_run else self.tr("正在导入花名册…")
        self.ctx.background.run(job, on_done=self._shown, on_error=self._failed, parent=self, label=label,
                                on_cancel=self._cancelled)

    def _shown(self, report: ImportReport) -> None:
        self.choose_button.setEnabled(True)
        self.report = report
        self.model.set_outcomes(report.outcomes)
        self._show_file(report)
        passed, dups = len(report.passed), len(report.duplicates)
        refused = sum(1 for o in report.outcomes if o.status == REFUSED)
        lines_refused = sum(1 for o in report.lines if o.status == REFUSED)
        if report.committed:
            self.ctx.hub.changed.emit()
            text = self.tr("已导入 {n} 人。被拒绝 {r} 行，重复 {d} 行：改正后再导入同一个文件，只会添加新的行。")
            self.summary.setText(text.format(n=len(report.imported), r=refused, d=dups))
            self.import_button.setEnabled(False)
            return
        if not report.dry_run:  # all or nothing, and a row was refused
            self.summary.setText(self.tr("有 {r} 行被拒绝，按要求一行也没有导入。请改正后重新选择文件。").format(
                r=refused + lines_refused))
        else:
            head = self.tr("表头在第 {rows} 行。").format(rows="、".join(str(r) for r in report.header_rows))
            text = self.tr("可以导入 {n} 行，被拒绝 {r} 行，重复 {d} 行（已登记或表内重复，不会再导入）。")
            extra = ""
            if report.unknown_headers:
                extra = self.tr("未识别的列（内容记入备注）：{cols}。").format(cols="、".join(report.unknown_headers))
            skipped = [s.sheet for s in report.sheets if s.kind == "skipped"]
            if len(report.sheets) > 1:
                extra += self.tr("共 {n} 个工作表，导入 {m} 个").format(
                    n=len(report.sheets), m=len(report.sheets) - len(skipped))
                extra += (self.tr("，跳过：{names}（原因见“工作表和列”）。").format(names="、".join(skipped))
                          if skipped else self.tr("。"))
            if report.encoding:
                extra += self.tr("CSV 编码：{enc}。").format(enc=report.encoding)
            if lines_refused:
                extra += self.tr("监护人和家庭成员表中有 {n} 行被拒绝。").format(n=lines_refused)
            self.summary.setText(head + text.format(n=passed, r=refused, d=dups) + extra)
        self._refresh_buttons()

    def _show_file(self, report: ImportReport) -> None:
        lang = ui_language()
        en = lang.startswith("en")
        rows: list[tuple[str, ...]] = []
        marks: list[str | None] = []
        yes, no, unknown = self.tr("是"), self.tr("否"), self.tr("（格式不记录）")
        for sheet in report.sheets:
            reason = sheet.reason_en if en else sheet.reason_zh
            rows.append((sheet.sheet, "", self.tr("（整个工作表）"), yes if sheet.hidden else no,
                         sheet_kind_text(sheet.kind),
                         reason or self.tr("读取 {n} 行").format(n=sheet.rows)))
            marks.append(_COLOURS[REFUSED] if sheet.kind == "skipped" else "#e8eef5")
            for c in (c for c in report.columns if c.sheet == sheet.sheet):
                rows.append((c.sheet, c.column, c.header, unknown if c.hidden is None else yes if c.hidden else no,
                             action_text(c.action), c.detail_en if en else c.detail_zh))
                marks.append(_COLOURS[DUPLICATE] if c.action != "read" else None)
        self.columns_model.set_rows(rows, marks)
        lines: list[tuple[str, ...]] = [
            (o.sheet, str(o.row), status_text(o.status), o.name, o.ward, o.reason_en if en else o.reason_zh)
            for o in report.lines]
        self.lines_model.set_rows(lines, [_COLOURS[o.status] for o in report.lines])
        self.tabs.setTabText(2, self.tr("监护人和家庭成员（{n}）").format(n=len(lines)))

    def _failed(self, error: BaseException) -> None:
        from app.care.errors import ServiceError
        from app.ui.background import show_error

        self.choose_button.setEnabled(True)
        self._refresh_buttons()
        if isinstance(error, ServiceError):
            self.summary.setText(error.message(ui_language()))
        else:
            show_error(self, error)

    def _cancelled(self) -> None:
        self.choose_button.setEnabled(True)
        self.summary.setText(self.tr("已取消，数据未被修改。"))
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        r = self.report
        ready = r is not None and r.dry_run and bool(r.passed)
        if r is not None and self.strict_box.isChecked() and r.rejected:
            ready = False
        if self.confirmed_box.isChecked() and not self.doc_edit.text().strip():
            ready = False
        self.import_button.setEnabled(ready)


def open_roster_import(ctx: Context, parent: QWidget | None = None) -> RosterImportDialog:
    dialog = RosterImportDialog(ctx, parent)
    dialog.show()
    return dialog

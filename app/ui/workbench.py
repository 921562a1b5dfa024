"""The work bench (工作台): this week's tasks in the order to do them, the warnings beside
them, and how far this quarter's four ones have come. Enter (or a double-click) on a task
opens the dialog that logs it, prefilled; after a save the bench reloads and a finished
task leaves the list.

Each panel loads on the background worker; a reload asked for while one is running runs
once more when it ends. Township and county offices can narrow the bench to a township or
a village (remembered with the page's layout)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.care.periods import period_of
from app.models.codes import CareKind, OfficeLevel
from app.ui.i18n import ui_language
from app.ui.kit import ERROR_STYLE, Context, Page, heading_label, label, translate
from app.ui.recipient_form_tabs import (
    TAB_AGREEMENTS,
    TAB_ASSESSMENTS,
    TAB_BASIC,
    TAB_HOUSEHOLD,
    TAB_PAIRINGS,
    TAB_RESPONSIBILITIES,
)
from app.ui.table import Column, RowsModel

if TYPE_CHECKING:
    from types import ModuleType

    from app.care.tasks import Task
    from app.care.warnings import Warning
    from app.care.workbench_views import Area, BenchTasks, QuarterProgress


def views() -> ModuleType:
    """app.care.workbench_views, imported on first use — by the first job on the worker: the
    work bench is on screen before the service layer (and SQLAlchemy) has loaded."""
    from app.care import workbench_views

    return workbench_views


def open_log_dialog(*args: Any) -> None:
    from app.ui.log_dialogs import open_log_dialog as open_dialog

    open_dialog(*args)

Index = QModelIndex | QPersistentModelIndex
OVERDUE_TEXT = QColor("#b00020")
OVERDUE_BACK = QColor("#fdecea")
KEY_TEXT = QColor("#b35c00")
FOLLOW_UP = "follow_up"  # app.care.tasks.FOLLOW_UP (not imported: the bench loads the care layer lazily)
KINDS = (CareKind.phone_followup.value, CareKind.home_visit.value, CareKind.micro_wish.value,
         CareKind.material_aid.value)


class TaskModel(QAbstractTableModel):
    """The week's tasks (a plain list; a county's hundred thousand rows cost only what the
    view asks for). Overdue rows are tinted red with a warning icon and say how many periods
    were missed; key-monitoring recipients are marked ★ in orange."""

    STATUS, KEY, NAME, VILLAGE, KIND, PERIOD, DUE = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tasks: list[Task] = []
        self.villages: dict[str, str] = {}
        self.titles = [translate("TaskModel", "状态"), translate("TaskModel", "重点监护"), translate("TaskModel", "姓名"),
                       translate("TaskModel", "村"), translate("TaskModel", "工作"), translate("TaskModel", "应完成期间"),
                       translate("TaskModel", "截止")]
        self._warn_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def set_tasks(self, tasks: list[Task], villages: dict[str, str]) -> None:
        self.beginResetModel()
        self.tasks, self.villages = tasks, villages
        self.endResetModel()

    def task_at(self, row: int) -> Task | None:
        return self.tasks[row] if 0 <= row < len(self.tasks) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's name)
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.titles)):
            return self.titles[section]
        return None

    def text(self, t: Task, column: int) -> str:
        if column == self.STATUS and t.kind == FOLLOW_UP:
            return translate("TaskModel", "逾期") if t.overdue else translate("TaskModel", "待处置")
        if column == self.STATUS:
            return translate("TaskModel", "逾期 {n} 期").format(n=t.missed) if t.overdue else translate("TaskModel", "本期待办")
        if column == self.KEY:
            return translate("TaskModel", "★ 重点") if t.key_monitoring else ""
        if column == self.NAME:
            return t.name
        if column == self.VILLAGE:
            return self.villages.get(t.village_code, t.village_code)
        if column == self.KIND:
            return f"{label(t.kind)}：{t.detail}" if t.detail else label(t.kind)
        if column == self.PERIOD:  # the current period's work, overdue or not (app.care.tasks)
            return translate("TaskModel", "{start} 至 {end}").format(start=t.period_start.isoformat(), end=t.due.isoformat())
        if column == self.DUE:
            return t.due.isoformat()
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.tasks)):
            return None
        t, column = self.tasks[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(t, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if t.kind == FOLLOW_UP:
                return translate("TaskModel", "{name}：{problem}，{due} 前处置（按 Enter 记录处置情况）").format(
                    name=t.name, problem=t.detail or "", due=t.due.isoformat())
            if t.overdue:
                return translate("TaskModel", "{name}的{kind}已漏 {n} 期；本期 {start} 至 {end} 也尚未完成（按 Enter 记录）").format(
                    name=t.name, kind=label(t.kind), n=t.missed, start=t.period_start.isoformat(),
                    end=t.due.isoformat())
            return translate("TaskModel", "{name}的{kind}本期 {start} 至 {end}，尚未完成（按 Enter 记录）").format(
                name=t.name, kind=label(t.kind), start=t.period_start.isoformat(), end=t.due.isoformat())
        if role == Qt.ItemDataRole.ForegroundRole:
            if t.overdue and column == self.STATUS:
                return QBrush(OVERDUE_TEXT)
            if t.key_monitoring and column == self.KEY:
                return QBrush(KEY_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and t.overdue:
            return QBrush(OVERDUE_BACK)
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS and t.overdue:
            return self._warn_icon
        if role == Qt.ItemDataRole.FontRole and ((t.overdue and column == self.STATUS)
                                                 or (t.key_monitoring and column == self.KEY)):
            font = QFont()
            font.setBold(True)
            return font
        return None


# What Enter on a warning opens (issue 16: every warning opens something useful).
WARNING_ACTIONS: dict[str, tuple[str, str]] = {
    "no_contact": ("call", ""), "child_alone": ("carer", TAB_HOUSEHOLD),
    "no_responsibility": ("form", TAB_RESPONSIBILITIES), "no_teacher": ("form", TAB_PAIRINGS),
    "turns_16": ("form", TAB_BASIC), "over_16": ("form", TAB_BASIC),
    "unsigned_agreement": ("form", TAB_AGREEMENTS), "no_poverty_assessment": ("form", TAB_ASSESSMENTS),
    "no_conditions": ("form", TAB_BASIC), "review_waiting": ("page", "review"),
}
WARNING_KINDS = ("child_alone", "no_responsibility", "no_teacher", "turns_16", "unsigned_agreement", "no_contact",
                 "review_waiting", "over_16", "no_poverty_assessment", "no_conditions")


def warning_kind(kind: str) -> str:
    names = {"child_alone": translate("Workbench", "无人监护"), "no_responsibility": translate("Workbench", "未落实责任"),
             "no_teacher": translate("Workbench", "未结对老师"), "turns_16": translate("Workbench", "将满16周岁"),
             "unsigned_agreement": translate("Workbench", "协议未签"), "no_contact": translate("Workbench", "久未联系"),
             "review_waiting": translate("Workbench", "审核超期"), "over_16": translate("Workbench", "已满16周岁"),
             "no_poverty_assessment": translate("Workbench", "未做评估"),
             "no_conditions": translate("Workbench", "家庭情况未登记")}
    return names.get(kind, kind)


def warning_text(w: Warning) -> str:
    return w.en if ui_language().startswith("en") else w.zh


class WorkbenchPage(Page):
    title = "工作台"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.area: str = ctx.office.code
        self.areas: list[Area] = []
        self.names: dict[str, str] = {}  # office code → name, for the village columns
        self.all_tasks: list[Task] = []
        self.overdue_count = 0
        self._loaded_once = False
        self._running: set[str] = set()
        self._again: set[str] = set()
        self._from_warnings = False  # the buttons act on the last list the user picked from
        self.today: Callable[[], dt.date] = dt.date.today

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = heading_label()
        top.addWidget(self.heading)
        top.addStretch(1)
        # The last backup, and a reminder after a week without one (app/ui/settings_dialog.py).
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backup_reminder")
        self.backup_label.linkActivated.connect(lambda _link: self._open_settings())
        top.addWidget(self.backup_label)
        self.township_box = QComboBox()
        self.village_box = QComboBox()
        self.area_label = QLabel(self.tr("范围(&A)："))
        self.area_label.setBuddy(self.township_box if ctx.level == OfficeLevel.county else self.village_box)
        top.addWidget(self.area_label)
        top.addWidget(self.township_box)
        top.addWidget(self.village_box)
        for box in (self.township_box, self.village_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for w in (self.area_label, self.township_box, self.village_box):
            w.setVisible(ctx.level != OfficeLevel.village)
        self.township_box.setVisible(ctx.level == OfficeLevel.county)
        outer.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter, 1)
        self.splitter.addWidget(self._tasks_panel())
        self.splitter.addWidget(self._side_panel())
        self.fit_columns()
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setFocusProxy(self.view)
        self.township_box.currentIndexChanged.connect(self._township_chosen)
        self.village_box.currentIndexChanged.connect(self._village_chosen)
        if ctx.level != OfficeLevel.village:
            ctx.background.run(lambda: ctx.store.read(views().areas), on_done=self._areas_loaded, parent=self)

    # ---- building --------------------------------------------------------------------------
    def _tasks_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.count_label = QLabel()
        filters.addWidget(self.count_label, 1)
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("全部工作"), None)
        for kind in KINDS:
            self.kind_box.addItem(label(kind), kind)
        self.overdue_only = QCheckBox(self.tr("只看逾期"))
        filters.addWidget(self.kind_box)
        filters.addWidget(self.overdue_only)
        column.addLayout(filters)

        self.model = TaskModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.fit_columns()
        self.view.setColumnHidden(TaskModel.VILLAGE, self.ctx.level == OfficeLevel.village)
        self.view.activated.connect(self.open_task)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._picked(False))
        column.addWidget(self.view, 1)
        self.kind_box.currentIndexChanged.connect(self._filter)
        self.overdue_only.toggled.connect(self._filter)

        buttons = QHBoxLayout()
        self.log_buttons: dict[str, QPushButton] = {}
        for kind, text, key in ((CareKind.phone_followup.value, self.tr("记录电话随访 (F2)"), "F2"),
                                (CareKind.home_visit.value, self.tr("记录走访 (F3)"), "F3"),
                                (CareKind.micro_wish.value, self.tr("微心愿 (F4)"), "F4"),
                                (CareKind.material_aid.value, self.tr("物资帮扶 (F6)"), "F6")):
            button = QPushButton(text)
            button.setShortcut(QKeySequence(key))
            button.setToolTip(self.tr("为选中任务或预警的对象记录；未选中时在对话框里选择对象"))
            button.setMinimumHeight(self.fontMetrics().height() + 16)
            button.clicked.connect(lambda _c=False, k=kind: self.log(k))
            buttons.addWidget(button)
            self.log_buttons[kind] = button
        column.addLayout(buttons)
        return panel

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        self.progress_box = QGroupBox(self.tr("本季度“四个一”"))
        grid = QGridLayout(self.progress_box)
        self.bars: dict[str, QProgressBar] = {}
        self.figures: dict[str, QLabel] = {}  # beside each bar: done / owed (percent)
        note = QLabel(self.tr("已完成 / 应完成（按“四个一”规则计，本季度）"))
        note.setStyleSheet("color: #555555")
        note.setWordWrap(True)  # at 特大字号 on one line it held the window wider than a 1366 screen
        grid.addWidget(note, 0, 0, 1, 3)
        for i, kind in enumerate(KINDS, start=1):
            grid.addWidget(QLabel(label(kind)), i, 0)
            bar = QProgressBar()
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setTextVisible(False)  # the figures stand beside it, readable at any fill
            bar.setMinimumWidth(120)
            grid.addWidget(bar, i, 1)
            self.bars[kind] = bar
            self.figures[kind] = QLabel(self.tr("读取中……"))
            grid.addWidget(self.figures[kind], i, 2)
        grid.setColumnStretch(1, 1)
        column.addWidget(self.progress_box)

        self.warnings_box = QGroupBox(self.tr("预警"))
        inner = QVBoxLayout(self.warnings_box)
        village_column = Column(self.tr("村"), lambda w: self.names.get(w.village_code, w.village_code))
        self.warning_model = RowsModel(
            [Column(self.tr("提醒"), lambda w: warning_kind(w.kind)), village_column,
             Column(self.tr("说明"), warning_text)], self, warn=lambda w: w.kind == "child_alone")
        self.warnings_view = QTableView()
        self.warnings_view.setModel(self.warning_model)
        self.warnings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.warnings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.warnings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warnings_view.verticalHeader().hide()
        self.warnings_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.warnings_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.warnings_view.horizontalHeader().setStretchLastSection(True)
        self.warnings_view.setColumnHidden(1, self.ctx.level == OfficeLevel.village)
        self.warnings_view.activated.connect(self.open_warning)
        self.warnings_view.selectionModel().currentRowChanged.connect(lambda *_: self._picked(True))
        inner.addWidget(self.warnings_view)
        self.warning_detail = QLabel()  # the whole text of the chosen warning
        self.warning_detail.setWordWrap(True)
        self.warning_detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.warning_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.warning_detail)
        column.addWidget(self.warnings_box, 1)
        return panel

    # ---- loading -----------------------------------------------------------------------------
    # The widest text each column shows, measured in the current font: at 大字号 and 特大字号
    # nothing is cut ("逾期 28 期", a header, a date range); back at the standard size the
    # columns narrow again. Widths saved from an earlier session are only ever widened.
    SAMPLES = {TaskModel.STATUS: ("逾期 99 期", True), TaskModel.KEY: ("★ 重点", True),
               TaskModel.NAME: ("欧阳建国", False), TaskModel.VILLAGE: ("坪竹湾村村", False),
               TaskModel.KIND: ("实地走访", False), TaskModel.PERIOD: ("2026-12-01 至 2026-12-31", False)}

    def fit_columns(self, *, keep_wider: bool = False) -> None:
        header = self.view.horizontalHeader()
        plain = self.view.fontMetrics()
        bold_font = QFont(self.view.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 8
        for col, (sample, is_bold) in self.SAMPLES.items():
            text = translate("TaskModel", sample) if col != TaskModel.PERIOD else sample
            width = (bold if is_bold else plain).horizontalAdvance(text) + 24 + (icon if col == TaskModel.STATUS else 0)
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(width, header.fontMetrics().horizontalAdvance(title) + 28)
            header.resizeSection(col, max(width, header.sectionSize(col)) if keep_wider else width)
        self.view.verticalHeader().setDefaultSectionSize(plain.height() + 12)
        if hasattr(self, "warnings_view"):  # the warning's kind, the longest one whole
            widest = max(self.warnings_view.fontMetrics().horizontalAdvance(warning_kind(k)) for k in WARNING_KINDS)
            self.warnings_view.horizontalHeader().resizeSection(0, widest + 24)
            self.warnings_view.verticalHeader().setDefaultSectionSize(plain.height() + 8)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "view"):
            self.fit_columns()

    def reload(self) -> None:
        week = period_of(self.today(), "week")  # Monday to Sunday, as the tasks count it
        self.heading.setText(self.tr("本周工作（{start} 至 {end}）").format(
            start=week.start.isoformat(), end=week.end.isoformat()))
        if not self.all_tasks:
            self.count_label.setText(self.tr("正在读取本周任务……"))
        for part in ("tasks", "progress", "warnings"):
            self._start(part)
        store = self.ctx.store
        self.ctx.background.run(lambda: (store.backed_up_here(), store.last_backup()),
                                on_done=self._backup_loaded, parent=self)

    def _backup_loaded(self, found: tuple[bool, Any]) -> None:
        here, last = found
        if not here:  # a server database is backed up with pg_dump, not from here
            self.backup_label.hide()
            return
        link = "<a href='settings'>{}</a>".format(self.tr("去备份"))
        if last is None:
            text, late = self.tr("还没有备份过数据。") + link, True
        elif last.overdue():
            text, late = self.tr("已 {n} 天没有备份。").format(n=last.days_ago()) + link, True
        else:
            text, late = self.tr("上次备份：{n} 天前").format(n=last.days_ago()), False
        self.backup_label.setText(text)
        self.backup_label.setStyleSheet("color: #b00020; font-weight: bold" if late else "color: #555")

    def _open_settings(self) -> None:
        opener = getattr(self.window(), "open_settings", None)
        if opener is not None:
            opener()

    def _start(self, part: str) -> None:
        """One job per panel at a time; asked again while it runs, it runs once more after.
        A result for an area no longer chosen is dropped."""
        if part in self._running:
            self._again.add(part)
            return
        on, area, read = self.today(), self.area, self.ctx.store.read
        job: Callable[[], Any]
        done: Callable[[Any], None]
        if part == "tasks":
            job, done = (lambda: read(views().bench_tasks, on, area)), self._tasks_loaded
        elif part == "progress":
            job, done = (lambda: read(views().quarter_progress, on, area)), self._progress_loaded
        else:
            job, done = (lambda: read(views().area_warnings, on, area)), self._warnings_loaded
        self._running.add(part)

        def finished(result: Any) -> None:
            self._running.discard(part)
            if area == self.area:
                done(result)
            if part in self._again:
                self._again.discard(part)
                self._start(part)

        def failed(error: BaseException) -> None:
            self._running.discard(part)
            self._again.discard(part)
            self.count_label.setStyleSheet(ERROR_STYLE)
            self.count_label.setText(self.tr("读取失败：{error}").format(error=error))

        self.ctx.background.run(job, on_done=finished, on_error=failed, parent=self)

    def _tasks_loaded(self, found: BenchTasks) -> None:
        self.names.update(found.villages)
        first = not self._loaded_once
        self._loaded_once = True
        self.all_tasks, self.overdue_count = list(found.tasks), found.overdue
        self._filter()
        if first and self.isVisible():
            self.view.setFocus()  # the bench opens ready for Enter on the first task

    def _filter(self) -> None:
        """Show the tasks of the chosen kind (or the overdue ones); keep the cursor on the
        same row, so after logging one task the next is ready for Enter."""
        row = self.view.currentIndex().row()
        kind, overdue = self.kind_box.currentData(), self.overdue_only.isChecked()
        shown = self.all_tasks if kind is None and not overdue else [
            t for t in self.all_tasks if (kind is None or t.kind == kind) and (not overdue or t.overdue)]
        self.model.set_tasks(shown, self.names)
        self.count_label.setStyleSheet("")
        text = self.tr("共 {n} 项任务，其中逾期 {late} 项").format(n=len(self.all_tasks), late=self.overdue_count)
        if shown is not self.all_tasks:
            text = self.tr("{all}；筛选后 {shown} 项").format(all=text, shown=len(shown))
        self.count_label.setText(text if self.all_tasks else self.tr("本周没有待办任务"))
        if shown:
            self.view.setCurrentIndex(self.model.index(min(max(row, 0), len(shown) - 1), 0))

    def _progress_loaded(self, progress: QuarterProgress) -> None:
        q = progress.quarter
        self.progress_box.setTitle(self.tr("本季度“四个一”（{year}年第{n}季度）").format(
            year=q.start.year, n=(q.start.month - 1) // 3 + 1))
        for k in progress.kinds:
            bar = self.bars.get(k.kind)
            if bar is None:
                continue
            bar.setRange(0, max(k.owed, 1))
            bar.setValue(min(k.done, max(k.owed, 1)))
            self.figures[k.kind].setText(
                self.tr("{done} / {owed}（{percent}%）").format(done=k.done, owed=k.owed, percent=k.percent)
                if k.owed else self.tr("本季度没有应完成的"))
            bar.setToolTip(self.tr("{kind}：本季度应完成 {owed} 次，已完成 {done} 次").format(
                kind=label(k.kind), owed=k.owed, done=k.done))

    def _warnings_loaded(self, warnings: list[Warning]) -> None:
        self.warning_model.set_rows(warnings)
        self.warning_detail.setText(self.tr("选中一条预警可看全文；电话随访等按钮会为该对象记录。") if warnings else "")
        self.warnings_box.setTitle(self.tr("预警（{n}）").format(n=len(warnings)))

    # ---- the area ----------------------------------------------------------------------------
    def _areas_loaded(self, found: list[Area]) -> None:
        self.areas = found
        self.names.update({a.code: a.name for a in found})
        wanted = self.area
        self.township_box.blockSignals(True)
        self.township_box.clear()
        self.township_box.addItem(self.tr("全县"), self.ctx.office.code)
        for a in found:
            if a.level == OfficeLevel.township:
                self.township_box.addItem(a.name, a.code)
        i = self.township_box.findData(wanted[:9] if len(wanted) >= 9 else self.ctx.office.code)
        self.township_box.setCurrentIndex(max(i, 0))
        self.township_box.blockSignals(False)
        self._fill_villages(wanted)

    def _fill_villages(self, wanted: str) -> None:
        parent = self.township_box.currentData() if self.ctx.level == OfficeLevel.county else self.ctx.office.code
        parent = parent or self.ctx.office.code
        self.village_box.blockSignals(True)
        self.village_box.clear()
        self.village_box.addItem(self.tr("全部村") if parent != self.ctx.office.code or
                                 self.ctx.level == OfficeLevel.township else self.tr("（先选乡镇）"), parent)
        if self.ctx.level == OfficeLevel.township or parent != self.ctx.office.code:
            for a in self.areas:
                if a.level == OfficeLevel.village and a.code.startswith(parent):
                    self.village_box.addItem(a.name, a.code)
        self.village_box.setCurrentIndex(max(self.village_box.findData(wanted), 0))
        self.village_box.blockSignals(False)

    def _township_chosen(self) -> None:
        code = self.township_box.currentData() or self.ctx.office.code
        self._fill_villages(code)
        self.set_area(code)

    def _village_chosen(self) -> None:
        self.set_area(self.village_box.currentData() or self.ctx.office.code)

    def set_area(self, code: str) -> None:
        if code != self.area:
            self.area = code
            self.all_tasks = []
            self.model.set_tasks([], self.names)
            self.reload()

    # ---- acting ------------------------------------------------------------------------------
    def _picked(self, from_warnings: bool) -> None:
        self._from_warnings = from_warnings
        if from_warnings:
            w = self.warning_model.row_at(self.warnings_view.currentIndex().row())
            self.warning_detail.setText(warning_text(w) if w is not None else "")

    def selected(self) -> tuple[str, str] | None:
        """(recipient id, text) of the selected task, or warning if that was picked last."""
        if self._from_warnings:
            w = self.warning_model.row_at(self.warnings_view.currentIndex().row())
            if w is not None:
                return w.recipient_id, self._who(w.name, w.village_code)
        t = self.model.task_at(self.view.currentIndex().row())
        return (t.recipient_id, self._who(t.name, t.village_code)) if t is not None and t.recipient_id else None

    def _who(self, name: str, village: str) -> str:
        if self.ctx.level == OfficeLevel.village:
            return name
        return self.tr("{name}（{village}）").format(name=name, village=self.names.get(village, village))

    def open_task(self, index: QModelIndex) -> None:
        t = self.model.task_at(index.row())
        if t is not None and t.kind == FOLLOW_UP:  # a follow-up item: close it with what was done
            from app.ui.followup_dialog import CloseFollowUpDialog

            dialog = CloseFollowUpDialog(self.ctx, t, self._who(t.name, t.village_code), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            return
        if t is not None and t.item_id is not None:  # a rectification item: close it
            from app.oversight.supervision import ItemView
            from app.ui.oversight.supervision_page import CloseItemDialog

            item = ItemView(t.item_id, "", t.village_code, t.name, t.due, None, "open", None, None, None)
            closing = CloseItemDialog(self.ctx, item, self)
            closing.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            closing.open()
            return
        if t is not None:
            self._from_warnings = False
            open_log_dialog(self.ctx, self, t.kind, t.recipient_id, self._who(t.name, t.village_code))
            self.view.setFocus()

    def open_warning(self, index: QModelIndex) -> None:
        """Enter on a warning opens what answers it (WARNING_ACTIONS): a call for 久未联系, the
        child's household with "record a carer" ready for 无人监护, the tab of the form where
        the missing responsibility, pairing, agreement or assessment is recorded, the form
        itself for an exit, the review queue for a long wait."""
        w = self.warning_model.row_at(index.row())
        if w is None:
            return
        action = WARNING_ACTIONS.get(w.kind, ("form", TAB_BASIC))
        if action[0] == "call":
            open_log_dialog(self.ctx, self, CareKind.phone_followup.value, w.recipient_id,
                            self._who(w.name, w.village_code))
        elif action[0] == "page":
            show_page = getattr(self.window(), "show_page", None)
            if show_page is not None:
                show_page(action[1])
        elif action[0] == "carer":
            self.open_form(w.recipient_id, TAB_HOUSEHOLD, lambda dialog: dialog.record_carer())
        else:
            self.open_form(w.recipient_id, action[1])

    def open_form(self, recipient_id: str, tab: str, then: Callable[[Any], None] | None = None) -> None:
        from app.ui.recipient_form import open_recipient

        open_recipient(self.ctx, self, recipient_id, tab=tab, then=then)

    def log(self, kind: str) -> None:
        chosen = self.selected()
        if chosen is None:
            open_log_dialog(self.ctx, self, kind)
        else:
            open_log_dialog(self.ctx, self, kind, chosen[0], chosen[1])

    # ---- layout memory (QSettings, through the main window) ----------------------------------
    def save_state(self) -> dict[str, Any]:
        return {"splitter": self.splitter.saveState(), "header": self.view.horizontalHeader().saveState(),
                "area": self.area}

    def restore_state(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        if state.get("splitter") is not None:
            self.splitter.restoreState(state["splitter"])
        if state.get("header") is not None:
            self.view.horizontalHeader().restoreState(state["header"])
            self.view.setColumnHidden(TaskModel.VILLAGE, self.ctx.level == OfficeLevel.village)
            self.fit_columns(keep_wider=True)
        area = state.get("area")
        if isinstance(area, str) and area.startswith(self.ctx.office.code):
            self.area = area

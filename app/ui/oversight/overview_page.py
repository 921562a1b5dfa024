"""The overview (总览): a township or county opens on it. One row per village (township) or
per township (county) for the chosen quarter, worst first, with the rates as bars beside the
table and each kind's trend over the last eight quarters below them. Enter or a double-click
on a row goes down a level: a township to its villages, a village to its roster and its
week's tasks, a person to their form. Backspace goes back up.

Everything is read on the background worker (app.oversight.overview through the Store): the
table first, the trend as a second job; a result for a level no longer shown is dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.codes import OfficeLevel
from app.ui.kit import ERROR_STYLE, Context, Page, heading_label, label, translate
from app.ui.oversight.charts import KINDS, RateBars, TrendCharts, kind_name
from app.ui.table import Column, RowsModel
from app.ui.workbench import TaskModel

if TYPE_CHECKING:
    from types import ModuleType

    from app.care.recipients import RecipientSummary
    from app.oversight.overview import AreaRow, Overview, TrendPoint, VillageDetail

TREND_QUARTERS = 8


def service() -> ModuleType:
    """app.oversight.overview, imported by the first job on the worker."""
    from app.oversight import overview

    return overview


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)}%"


def rate_column(kind: str) -> Column:
    """The completion rate of one kind of care work, a column per kind."""
    return Column(kind_name(kind), lambda u: percent(u.rate(kind)), True)


def _falls_behind(unit: AreaRow) -> bool:
    from app.care.schedule import falls_behind  # a row is shown: the service layer is loaded

    return falls_behind(unit.overall)


def warning_name(kind: str) -> str:
    if kind == "silent":
        return translate("Overview", "久未交数据")
    from app.ui.workbench import warning_kind

    return warning_kind(kind)


def bundle_text(u: AreaRow) -> str:
    if u.last_bundle is None:
        return translate("Overview", "从未收到")
    return translate("Overview", "{days}天前（第{n}号）").format(days=u.last_bundle.days, n=u.last_bundle.sequence)


def unvisited_text(u: AreaRow) -> str:
    """Villages with no supervision visit in the period: a count for a township, a mark for a village."""
    if u.level == OfficeLevel.village:
        return translate("Overview", "未督导") if u.unvisited else ""
    return str(u.unvisited)


def quarter_label(code: str) -> str:
    year, q = code.split("-Q")
    return translate("Overview", "{year}年第{n}季度").format(year=year, n=q)


def overview_table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


class OverviewPage(Page):
    title = "总览"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.today: Callable[[], dt.date] = dt.date.today
        self.area = ctx.office.code
        self.path: list[tuple[str, str]] = [(ctx.office.code, ctx.office.name)]  # the levels shown
        self.report: Overview | None = None
        self.trend: tuple[TrendPoint, ...] = ()
        self.village: VillageDetail | None = None
        self._token = 0
        self._units_stale = False

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← 返回上一级"))
        self.back_button.setToolTip(self.tr("Backspace"))
        self.back_button.clicked.connect(self.back)
        top.addWidget(self.back_button)
        self.heading = heading_label(1.2)
        top.addWidget(self.heading, 1)
        self.period_label = QLabel(self.tr("期间(&P)："))
        self.period_box = QComboBox()
        self.period_label.setBuddy(self.period_box)
        top.addWidget(self.period_label)
        top.addWidget(self.period_box)
        # The forms upward, for the quarter shown (app/ui/forms_actions.py asks only the file).
        self.summary_button = QPushButton(self.tr("汇总表…"))
        self.summary_button.setToolTip(self.tr("农村留守儿童基本情况汇总表（Excel），本期"))
        self.summary_button.clicked.connect(self.export_summary)
        top.addWidget(self.summary_button)
        self.committee_button = QPushButton(self.tr("报政法委…"))
        self.committee_button.setToolTip(self.tr("报政法委的报告（PDF 或 Excel），本期"))
        self.committee_button.clicked.connect(self.export_committee)
        top.addWidget(self.committee_button)
        outer.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.stack.addWidget(self._units_panel())
        self.stack.addWidget(self._village_panel())
        QShortcut(QKeySequence(Qt.Key.Key_Backspace), self, self.back)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)

        self._fill_periods()
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.setFocusProxy(self.view)
        self._show_path()

    # ---- building --------------------------------------------------------------------------
    def _units_panel(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.model = RowsModel([
            Column(self.tr("单位"), lambda u: u.name or u.code),
            Column(self.tr("对象"), lambda u: u.recipients, True),
            Column(self.tr("完成率"), lambda u: percent(u.overall), True),
            *[rate_column(k) for k in KINDS],
            Column(self.tr("协议"), lambda u: f"{u.agreements[1]}/{u.agreements[0]}", True),
            Column(self.tr("责任"), lambda u: f"{u.responsibilities[1]}/{u.responsibilities[0]}", True),
            Column(self.tr("预警"), lambda u: u.warning_total, True),
            Column(self.tr("逾期"), lambda u: u.overdue, True),
            Column(self.tr("整改"), lambda u: u.open_items, True),
            Column(self.tr("未督导"), unvisited_text, True),
            Column(self.tr("最近数据包"), bundle_text),
        ], self, warn=_falls_behind)
        self.view = overview_table(left)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self.drill)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        column.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(self.fontMetrics().height() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.detail)
        self.splitter.addWidget(left)

        charts = QSplitter(Qt.Orientation.Vertical)
        self.bars = RateBars()
        self.trend_charts = TrendCharts()
        charts.addWidget(self.bars)
        charts.addWidget(self.trend_charts)
        charts.setSizes([560, 440])
        self.splitter.addWidget(charts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 400])
        return self.splitter

    def _village_panel(self) -> QWidget:
        panel = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.roster_label = QLabel()
        column.addWidget(self.roster_label)
        self.roster_model = RowsModel([
            Column(self.tr("姓名"), lambda r: ("★ " if r.key_monitoring else "") + r.name),
            Column(self.tr("身份证号"), lambda r: r.id_number_masked),
            Column(self.tr("类别"), lambda r: "、".join(label(c) for c in r.categories)),
            Column(self.tr("状态"), lambda r: label(r.status)),
        ], self)
        self.roster_view = overview_table(left)
        self.roster_view.setModel(self.roster_model)
        self.roster_view.horizontalHeader().setStretchLastSection(True)
        self.roster_view.activated.connect(self.open_person)
        column.addWidget(self.roster_view, 1)
        panel.addWidget(left)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.tasks_label = QLabel()
        column.addWidget(self.tasks_label)
        self.task_model = TaskModel(self)
        self.task_view = overview_table(right)
        self.task_view.setModel(self.task_model)
        self.task_view.setColumnHidden(TaskModel.VILLAGE, True)
        self.task_view.horizontalHeader().setStretchLastSection(True)
        self.task_view.activated.connect(self.open_task)
        column.addWidget(self.task_view, 1)
        panel.addWidget(right)
        return panel

    def _fill_periods(self) -> None:
        from app.care.periods import recent_periods

        for span in recent_periods(self.today(), "quarter", TREND_QUARTERS):
            self.period_box.addItem(quarter_label(span.label), span.label)

    # ---- where we are ----------------------------------------------------------------------
    @property
    def period(self) -> str:
        return str(self.period_box.currentData())

    def _show_path(self) -> None:
        self.back_button.setEnabled(len(self.path) > 1)
        names = " › ".join(name for _code, name in self.path)
        self.heading.setText(self.tr("总览：{path}").format(path=names))

    def showing_village(self) -> bool:
        return self.stack.currentIndex() == 1

    # ---- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._token += 1
        token, read, period, today = self._token, self.ctx.store.read, self.period, self.today()
        self.status.setStyleSheet("")
        if self.showing_village():
            self._units_stale = True  # read again on the way back up
            code = self.path[-1][0]
            self.status.setText(self.tr("正在读取……"))
            self._run(token, lambda: read(service().village_detail, code, today), self._village_loaded)
            return
        area = self.area
        self.status.setText(self.tr("正在读取各单位的情况……"))
        self._run(token, lambda: read(service().overview, period, area=area, today=today), self._loaded)
        self._run(token, lambda: read(service().overview_trend, period, TREND_QUARTERS, area=area, today=today),
                  self._trend_loaded)

    def _run(self, token: int, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def finished(result: Any) -> None:
            if token == self._token:
                done(result)

        def failed(error: BaseException) -> None:
            if token == self._token:
                self.status.setStyleSheet(ERROR_STYLE)
                self.status.setText(self.tr("读取失败：{error}").format(error=error))

        self.ctx.background.run(job, on_done=finished, on_error=failed, parent=self)

    def _loaded(self, report: Overview) -> None:
        self.report = report
        chosen = self._current_code()
        self.model.set_rows(report.units)
        level = self.tr("村") if report.unit_level == OfficeLevel.village else self.tr("乡镇")
        self.model.columns[0] = Column(level, lambda u: u.name or u.code)
        silent = sum(1 for u in report.units if u.silent)
        self.status.setText(self.tr(
            "{period}（{start} 至 {end}）：{n} 个{level}，完成率低的在前；{silent} 个超过40天未交数据包。"
            "按 Enter 查看下一级。").format(period=quarter_label(report.period), start=report.start.isoformat(),
                                             end=report.end.isoformat(), n=len(report.units), level=level,
                                             silent=silent))
        row = next((i for i, u in enumerate(report.units) if u.code == chosen), 0)
        if report.units:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.resizeColumnsToContents()
        self.bars.show_units(report.units, self._current_code())
        self._chosen()

    def _trend_loaded(self, points: tuple[TrendPoint, ...]) -> None:
        self.trend = points
        self.trend_charts.show_trend(points, self._current_code())

    def _current_code(self) -> str | None:
        u = self.model.row_at(self.view.currentIndex().row())
        return u.code if u is not None else None

    def _chosen(self) -> None:
        u = self.model.row_at(self.view.currentIndex().row())
        if u is None:
            self.detail.setText("")
            return
        four = "；".join(self.tr("{kind} {done}/{owed}").format(kind=kind_name(k), done=u.four_ones[k][1],
                                                               owed=u.four_ones[k][0]) for k in KINDS)
        warned = "、".join(f"{warning_name(k)} {n}" for k, n in u.warnings.items()) or self.tr("无")
        text = self.tr("{name}：{four}。预警：{warned}。").format(name=u.name or u.code, four=four, warned=warned)
        if u.unvisited and u.level != OfficeLevel.village:
            text += self.tr("本期 {n} 个村尚未督导（按 Enter 查看）。").format(n=u.unvisited)
        elif u.unvisited:
            text += self.tr("本期尚未督导。")
        self.detail.setText(text)
        self.bars.show_units(self.model.rows, u.code)
        if self.trend:
            self.trend_charts.show_trend(self.trend, u.code)

    def _village_loaded(self, detail: VillageDetail) -> None:
        self.village = detail
        self.roster_model.set_rows(detail.recipients)
        self.roster_view.resizeColumnsToContents()
        self.task_model.set_tasks(list(detail.tasks.tasks), detail.tasks.villages)
        self.roster_label.setText(self.tr("关爱对象（{n}）：按 Enter 打开").format(n=len(detail.recipients)))
        self.tasks_label.setText(self.tr("本周任务（{n}，其中逾期 {late}）").format(
            n=len(detail.tasks.tasks), late=detail.tasks.overdue))
        self.status.setText(self.tr("{name}的关爱对象和本周任务。Backspace 返回。").format(name=detail.name))

    # ---- going down and back up --------------------------------------------------------------
    def drill(self, index: QModelIndex | None = None) -> None:
        row = index.row() if index is not None else self.view.currentIndex().row()
        u = self.model.row_at(row)
        if u is None:
            return
        if u.level == OfficeLevel.village:
            self.open_village(u.code, u.name or u.code)
        else:
            self.path.append((u.code, u.name or u.code))
            self.area = u.code
            self._show_path()
            self.model.set_rows([])
            self.reload()

    def open_area(self, code: str, name: str) -> None:
        """A township's villages (from the county's duties page)."""
        self.path = [self.path[0], (code, name)]
        self.area = code
        self.stack.setCurrentIndex(0)
        self._show_path()
        self.model.set_rows([])
        self.reload()
        self.view.setFocus()

    def open_village(self, code: str, name: str) -> None:
        """The village's roster and tasks (also from the township's duties page)."""
        if self.showing_village():
            self.path.pop()
        self.path.append((code, name))
        self.roster_model.set_rows([])
        self.task_model.set_tasks([], {})
        self.stack.setCurrentIndex(1)
        self._show_path()
        self.reload()
        self._units_stale = False
        self.roster_view.setFocus()

    def back(self) -> None:
        if len(self.path) <= 1:
            return
        self.path.pop()
        if self.showing_village():
            self.stack.setCurrentIndex(0)
            self._show_path()
            self.view.setFocus()
            if self._units_stale:
                self._units_stale = False
                self.reload()
            return
        self.area = self.path[-1][0]
        self._show_path()
        self.reload()
        self.view.setFocus()

    def open_person(self, index: QModelIndex) -> None:
        r: RecipientSummary | None = self.roster_model.row_at(index.row())
        if r is not None:
            from app.ui.recipient_form import open_recipient

            open_recipient(self.ctx, self, r.id)

    def open_task(self, index: QModelIndex) -> None:
        t = self.task_model.task_at(index.row())
        if t is not None:
            from app.ui.log_dialogs import open_log_dialog

            open_log_dialog(self.ctx, self, t.kind, t.recipient_id, t.name)

    # ---- the forms upward --------------------------------------------------------------------
    def export_summary(self, path: Any = None, **options: Any) -> None:
        from app.ui.forms_actions import export_child_summary

        export_child_summary(self.ctx, self, self.period, path=path, **options)

    def export_committee(self, path: Any = None, **options: Any) -> None:
        from app.ui.forms_actions import export_committee_report

        export_committee_report(self.ctx, self, self.period, path=path, **options)

    # ---- layout memory ---------------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {"splitter": self.splitter.saveState()}

    def restore_state(self, state: Any) -> None:
        if isinstance(state, dict) and state.get("splitter") is not None:
            self.splitter.restoreState(state["splitter"])

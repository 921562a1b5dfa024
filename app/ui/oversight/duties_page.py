"""The township's (and the county's) work bench (工作台): its own duties — villages due a supervision visit this
quarter, villages silent for over 30 days, reported recipients to forward to the county,
assessments due (app.oversight.duties) — overdue first. Enter on a row opens that village's
roster and week's tasks on the overview page: every recipient's calls stay one step away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.models.codes import OfficeLevel
from app.ui.i18n import ui_language
from app.ui.kit import ERROR_STYLE, Context, Page, heading_label, translate
from app.ui.oversight.overview_page import overview_table
from app.ui.table import Column, RowsModel

if TYPE_CHECKING:
    from app.oversight.duties import Duty

KINDS = ("supervision_due", "rectification_overdue", "silent", "forward_reported", "assessment_due")
COUNTY_KINDS = ("township_behind", "supervision_due", "rectification_overdue", "silent", "review_waiting",
                "assessment_due")


def duty_kind(kind: str) -> str:
    names = {"supervision_due": translate("Duties", "季度督导"), "silent": translate("Duties", "久未交数据"),
             "forward_reported": translate("Duties", "待报送县里"), "assessment_due": translate("Duties", "半年考核"),
             "rectification_overdue": translate("Duties", "整改逾期"),
             "township_behind": translate("Duties", "完成率落后"), "review_waiting": translate("Duties", "审核超期")}
    return names.get(kind, kind)


def duty_text(d: Duty) -> str:
    return d.en if ui_language().startswith("en") else d.zh


def status_text(d: Duty) -> str:
    return translate("Duties", "已逾期") if d.overdue else translate("Duties", "待办")


class DutiesPage(Page):
    title = "工作台"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.today: Callable[[], dt.date] = dt.date.today
        self.rows: list[Duty] = []
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = heading_label()
        top.addWidget(self.heading, 1)
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("全部事项"), None)
        self.county = ctx.level == OfficeLevel.county
        for kind in COUNTY_KINDS if self.county else KINDS:
            self.kind_box.addItem(duty_kind(kind), kind)
        self.kind_box.currentIndexChanged.connect(self._filter)
        top.addWidget(self.kind_box)
        outer.addLayout(top)
        self.count_label = QLabel()
        outer.addWidget(self.count_label)
        self.model = RowsModel([
            Column(self.tr("状态"), status_text),
            Column(self.tr("事项"), lambda d: duty_kind(d.kind)),
            Column(self.tr("乡镇") if self.county else self.tr("村"), lambda d: d.unit_name),
            Column(self.tr("截止"), lambda d: d.due.isoformat() if d.due else ""),
            Column(self.tr("说明"), duty_text),
        ], self, warn=lambda d: d.overdue)
        self.view = overview_table(self)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 80), (1, 110), (2, 100), (3, 100)):
            self.view.horizontalHeader().resizeSection(col, width)
        self.view.activated.connect(self.open_village)
        outer.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        note = QLabel(self.tr("选中一行后按 Enter：打开该乡镇各村的总览。") if self.county
                      else self.tr("选中一行后按 Enter：打开该村的关爱对象和本周任务。"))
        note.setStyleSheet("color: #555555")
        buttons.addWidget(note, 1)
        self.open_button = QPushButton(self.tr("查看该乡镇(&O)") if self.county else self.tr("查看该村(&O)"))
        self.open_button.clicked.connect(lambda: self.open_village(self.view.currentIndex()))
        buttons.addWidget(self.open_button)
        outer.addLayout(buttons)
        self.setFocusProxy(self.view)

    def reload(self) -> None:
        on = self.today()
        self.heading.setText(self.tr("本县的工作（{day}）").format(day=on.isoformat()) if self.county
                             else self.tr("本乡镇的工作（{day}）").format(day=on.isoformat()))
        if not self.rows:
            self.count_label.setText(self.tr("正在读取……"))

        read = self.ctx.store.read  # the worker touches no widget

        def job() -> list[Duty]:
            from app.oversight.duties import duties

            return read(duties, on)

        def failed(error: BaseException) -> None:
            self.count_label.setStyleSheet(ERROR_STYLE)
            self.count_label.setText(self.tr("读取失败：{error}").format(error=error))

        self.ctx.background.run(job, on_done=self._loaded, on_error=failed, parent=self)

    def _loaded(self, rows: list[Duty]) -> None:
        self.rows = rows
        self._filter()

    def _filter(self) -> None:
        kind = self.kind_box.currentData()
        shown = [d for d in self.rows if kind is None or d.kind == kind]
        self.model.set_rows(shown)
        self.count_label.setStyleSheet("")
        late = sum(1 for d in self.rows if d.overdue)
        self.count_label.setText(self.tr("共 {n} 项，其中逾期 {late} 项").format(n=len(self.rows), late=late)
                                 if self.rows else self.tr("没有待办事项"))
        if shown:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def open_village(self, index: QModelIndex) -> None:
        d = self.model.row_at(index.row())
        window: Any = self.window()
        if d is None or not hasattr(window, "show_page"):
            return
        page = window.show_page("overview")
        if len(d.unit_code) == 9:  # the county's rows are townships: their villages
            page.open_area(d.unit_code, d.unit_name)
        else:
            page.open_village(d.unit_code, d.unit_name)

    def save_state(self) -> dict[str, Any]:
        return {"header": self.view.horizontalHeader().saveState()}

    def restore_state(self, state: Any) -> None:
        if isinstance(state, dict) and state.get("header") is not None:
            self.view.horizontalHeader().restoreState(state["header"])


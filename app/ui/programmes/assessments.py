"""第三方评估: the third-party agency's assessments of self-care ability, living conditions
and health, with the care measures they recommend. The latest assessment sets the
recipient's self-care ability (app.care.programmes.record_assessment)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.care import registers as rg
from app.care.programmes import record_assessment
from app.care.registers import AssessmentRow, Listing
from app.models.codes import Ability
from app.ui.kit import Context, FormDialog, code_combo, date_edit, label, line, pydate
from app.ui.picker import RecipientPicker
from app.ui.programmes.registers_common import RegisterPage, grow, iso, refuse
from app.ui.table import Column


class AssessmentDialog(FormDialog):
    """Record one assessment: for whom, by which agency, when, and what it found."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *,
                 recipient: tuple[str, str] | None = None) -> None:
        super().__init__(ctx, self.tr("登记第三方评估"), parent)
        self.recipient = RecipientPicker(ctx)
        if recipient is not None:
            self.recipient.set_recipient(*recipient)
        self.add_row("recipient", self.tr("评估对象"), self.recipient)
        self.agency = line(self.tr("如：黎平县康宁社会工作服务中心"))
        self._agencies = QStringListModel(self)
        completer = QCompleter(self._agencies, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.agency.setCompleter(completer)
        self.add_row("agency", self.tr("评估机构"), self.agency)
        self.assessed_on = self.add_row("date", self.tr("评估日期"), date_edit())
        self.self_care: QComboBox = grow(code_combo(list(Ability), empty=self.tr("（请选择）")))
        self.add_row("self_care", self.tr("自理能力认定"), self.self_care)
        self.living = self.add_row("living_conditions", self.tr("生活状况"), line(self.tr("住房、饮食、独居与否等")))
        self.health = self.add_row("health_check", self.tr("健康检查"), line(self.tr("体检发现的问题")))
        self.evaluation = self.add_row("evaluation", self.tr("综合评价"), line())
        self.measures = self.add_row("recommended_measures", self.tr("建议关爱措施"),
                                     line(self.tr("如：安排互助家庭每日送热饭热菜")))
        self.resize(560, self.sizeHint().height())
        ctx.background.run(lambda: ctx.store.read(rg.known_agencies), on_done=self._agencies.setStringList,
                           parent=self)

    def job(self) -> Callable[[], Any]:
        rid = self.recipient.recipient_id
        if rid is None:
            raise refuse(self.tr("评估对象：请输入姓名或拼音首字母，并从下拉列表中选择一人。"), "recipient")
        if self.self_care.currentData() is None:
            raise refuse(self.tr("自理能力认定：请选择评估认定的自理能力。"), "self_care")
        kwargs = {"agency": self.agency.text(), "assessed_on": pydate(self.assessed_on.date()),
                  "self_care": self.self_care.currentData(),
                  "living_conditions": self.living.text().strip() or None,
                  "health_check": self.health.text().strip() or None,
                  "evaluation": self.evaluation.text().strip() or None,
                  "recommended_measures": self.measures.text().strip() or None}
        return lambda: self.ctx.store.write(record_assessment, rid, **kwargs)


class AssessmentsPage(RegisterPage):
    title = "第三方评估"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, warn=lambda r: r.self_care == Ability.none)
        self.search = self.search_edit(self.tr("搜索：姓名、拼音首字母或身份证号后几位"))
        self.self_care = code_combo(list(Ability), empty=self.tr("全部自理能力"))
        self.self_care.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.addWidget(self.self_care)
        self.add_button = self.button(self.tr("登记评估(&N)"), self.add, "Ctrl+N")

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("评估日期"), lambda r: iso(r.assessed_on)),
                Column(self.tr("评估对象"), lambda r: r.name),
                Column(self.tr("评估机构"), lambda r: r.agency),
                Column(self.tr("自理能力"), lambda r: label(r.self_care)),
                Column(self.tr("建议关爱措施"), lambda r: r.recommended_measures)]

    def listing_job(self) -> Callable[[], Listing[AssessmentRow]]:
        search, self_care = self.search.text(), self.self_care.currentData()
        return lambda: self.ctx.store.read(rg.list_assessments, search=search, self_care=self_care)

    def detail_pairs(self, row: AssessmentRow) -> list[tuple[str, Any]]:
        return [(self.tr("评估对象"), row.name), (self.tr("评估机构"), row.agency),
                (self.tr("评估日期"), iso(row.assessed_on)), (self.tr("自理能力认定"), label(row.self_care)),
                (self.tr("生活状况"), row.living_conditions), (self.tr("健康检查"), row.health_check),
                (self.tr("综合评价"), row.evaluation), (self.tr("建议关爱措施"), row.recommended_measures)]

    def add(self) -> None:
        self.open_dialog(AssessmentDialog(self.ctx, self))

"""考核: every village's semiannual score sheet for a half year — scoring (the automatic
items from the figures, the manual ones in a dialog), submitting (which locks the village's
records of the half year), the county's unlocking with a reason, one village's sheet as a PDF
and every village's in one xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from app.care.periods import period_of
from app.models.codes import OfficeLevel
from app.oversight import assessment as asm
from app.oversight.assessment_rules import RuleLine
from app.oversight.views import SheetRow, assessment_rows, export_sheets, print_sheet
from app.ui.export_actions import ask_path
from app.ui.kit import Context, FormDialog, label, line, run_write, translate
from app.ui.print_actions import _run, pdf_path
from app.ui.programmes.registers_common import RegisterPage, iso
from app.ui.table import Column


def recent_half_years(today: dt.date | None = None, n: int = 4) -> list[str]:
    span = period_of(today or dt.date.today(), "half_year")
    out = []
    for _ in range(n):
        out.append(span.label)
        span = period_of(span.start - dt.timedelta(days=1), "half_year")
    return out


class ScoreDialog(FormDialog):
    """Score a village: the items judged by hand, each with a note; the rest come from the
    figures when saved."""

    def __init__(self, ctx: Context, sheet: asm.SheetView, manual: tuple[RuleLine, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("考核评分：{name}（{period}）").format(
            name=sheet.village_name, period=sheet.period), parent)
        self.sheet = sheet
        now = {i.key: i for i in sheet.items}
        self.scores: dict[str, tuple[QSpinBox, Any]] = {}
        for rule in manual:
            box = QSpinBox()
            box.setRange(0, rule.points)
            box.setSuffix(self.tr(" 分（满分 {n}）").format(n=rule.points))
            note = line(self.tr("评分说明"))
            if rule.key in now:
                box.setValue(now[rule.key].score)
                note.setText(now[rule.key].note or "")
            self.add_row(f"item_{rule.key}", rule.name, box)
            self.add_row(None, "", note)
            self.scores[rule.key] = (box, note)
        self.resize(520, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        manual = {k: (box.value(), note.text().strip() or None) for k, (box, note) in self.scores.items()}
        village, period = self.sheet.village_code, self.sheet.period
        return lambda: self.ctx.store.write(asm.score, village=village, period=period, manual=manual)


class UnlockDialog(FormDialog):
    def __init__(self, ctx: Context, sheet: asm.SheetView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("解锁考核期间"), parent)
        self.sheet = sheet
        self.add_row(None, self.tr("村"), line(text=f"{sheet.village_name}（{sheet.period}）")).setEnabled(False)
        self.reason = self.add_row("reason", self.tr("解锁原因"), line(self.tr("如：村里补录漏记的随访")))
        self.resize(480, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        village, period, reason = self.sheet.village_code, self.sheet.period, self.reason.text()
        return lambda: self.ctx.store.write(asm.unlock, village=village, period=period, reason=reason)


class AssessmentPage(RegisterPage):
    title = "考核"
    detail_title = translate("AssessmentPage", "考核评分表")

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, warn=lambda r: r.sheet.grade == "failed")
        self.manual: tuple[RuleLine, ...] = ()
        self.period = QComboBox()
        for h in recent_half_years():
            self.period.addItem(h, h)
        self.period.setCurrentIndex(1)  # the half year just ended is the one assessed
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.addWidget(self.period)
        above = ctx.level != OfficeLevel.village
        if above:
            self.score_button = self.button(self.tr("评分(&S)"), self.score, needs_row=True)
            self.submit_button = self.button(self.tr("提交并锁定"), self.submit, needs_row=True)
        if ctx.level == OfficeLevel.county:
            self.unlock_button = self.button(self.tr("解锁"), self.unlock, needs_row=True)
        self.button(self.tr("打印(&P)"), self.print_sheet, needs_row=True)
        self.button(self.tr("导出全部"), self.export)

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("村"), lambda r: r.sheet.village_name or r.sheet.village_code),
                Column(self.tr("状态"), lambda r: self.status_text(r.sheet.status)),
                Column(self.tr("总分"), lambda r: "" if r.sheet.total is None else r.sheet.total, align_right=True),
                Column(self.tr("等次"), lambda r: label(r.sheet.grade)),
                Column(self.tr("评分人"), lambda r: r.sheet.assessor or ""),
                Column(self.tr("提交日期"), lambda r: iso(r.sheet.submitted_on))]

    def status_text(self, status: str) -> str:
        if status == "none":
            return self.tr("未评分")
        if status == asm.UNLOCKED:
            return self.tr("已解锁")
        return label(status)

    def listing_job(self) -> Callable[[], Any]:
        period = self.period.currentData()
        return lambda: self.ctx.store.read(assessment_rows, period)

    def _loaded(self, seq: int, listing: Any) -> None:
        self.manual = listing.manual
        super()._loaded(seq, listing)

    def detail_pairs(self, row: SheetRow) -> list[tuple[str, Any]]:
        s = row.sheet
        pairs: list[tuple[str, Any]] = [(self.tr("村"), f"{s.village_name}（{s.village_code}）"),
                                        (self.tr("期间"), s.period), (self.tr("状态"), self.status_text(s.status))]
        pairs += [(i.name, f"{i.score} / {i.max_score}" + (f"　{i.note}" if i.note else "")) for i in s.items]
        if s.total is not None:
            pairs += [(self.tr("总分"), s.total), (self.tr("等次"), label(s.grade))]
        if s.locked_by:
            pairs.append((self.tr("锁定"), s.locked_by))
        if s.unlock_reason:
            pairs.append((self.tr("解锁原因"), s.unlock_reason))
        return pairs

    def row_allows(self, button: Any, row: SheetRow) -> bool:
        status = row.sheet.status
        if button is getattr(self, "score_button", None):
            return status != "submitted"
        if button is getattr(self, "submit_button", None):
            return status in ("draft", asm.UNLOCKED)
        if button is getattr(self, "unlock_button", None):
            return status == "submitted"
        return True

    def score(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(ScoreDialog(self.ctx, row.sheet, self.manual, self))

    def open_row(self, row: Any) -> None:
        if row is not None and self.ctx.level != OfficeLevel.village and row.sheet.status != "submitted":
            self.score()

    def submit(self) -> None:
        row = self.selected()
        if row is None:
            return
        village, period = row.sheet.village_code, row.sheet.period
        run_write(self.ctx, self, lambda: self.ctx.store.write(asm.submit, village=village, period=period),
                  label=self.tr("正在提交…"))

    def unlock(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_dialog(UnlockDialog(self.ctx, row.sheet, self))

    def print_sheet(self) -> None:
        row = self.selected()
        if row is None:
            return
        s = row.sheet
        out = pdf_path(self.tr("考核评分表") + f"-{s.village_name}-{s.period}")
        _run(self.ctx, self, lambda: self.ctx.store.read(print_sheet, s.village_code, s.period, out), out,
             self.tr("正在生成考核评分表…"), None)

    def export(self) -> None:
        period = self.period.currentData()
        path = ask_path(self, self.tr("导出各村考核表"), self.tr("半年考核") + f"-{period}.xlsx")
        if path is None:
            return
        self.ctx.background.run(lambda: self.ctx.store.read(export_sheets, period, path), parent=self,
                                label=self.tr("正在导出…"))

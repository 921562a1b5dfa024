"""考核: every village's semiannual score sheet for a half year — scoring (the automatic
items from the figures, the manual ones in a dialog), submitting (which locks the village's
records of the half year), the county's unlocking with a reason, one village's sheet as a PDF
and every village's in one xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.care.errors import ValidationError
from app.care.periods import recent_periods
from app.models.codes import OfficeLevel
from app.oversight import assessment as asm
from app.oversight.assessment_rules import RuleChange, RuleLine, set_rules
from app.oversight.views import SheetRow, assessment_rows, export_sheets, print_sheet
from app.ui.export_actions import ask_path, run_export
from app.ui.kit import Context, FormDialog, label, line, run_write, translate
from app.ui.print_actions import pdf_path, run_print
from app.ui.programmes.registers_common import RegisterPage, iso
from app.ui.table import Column


def recent_half_years(today: dt.date | None = None, n: int = 4) -> list[str]:
    return [span.label for span in recent_periods(today or dt.date.today(), "half_year", n)]


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


class RulesDialog(FormDialog):
    """The county's scoring rules: what each line of the sheet is worth, and each grade's
    lowest total. Saved in one write (audited; it travels down in the county's bundles);
    drafts scored again afterwards use them, submitted sheets keep their scores."""

    def __init__(self, ctx: Context, rules: tuple[RuleLine, ...], parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("考核评分规则"), parent)
        self.rules = rules
        self.rows: dict[str, tuple[QSpinBox, Any]] = {}
        note = QLabel(self.tr("修改随县里的数据包下发到乡镇和村；草稿重新评分时按新规则计分，已提交的考核保持原来的分数。"))
        note.setWordWrap(True)
        self.add_row(None, "", note)
        kinds = {"auto": self.tr("按数据计分"), "manual": self.tr("人工评分"), "grade": self.tr("等次分数线")}
        for rule in rules:  # one line each: its kind, its name, its points
            box = QSpinBox()
            box.setRange(0, 100)
            box.setValue(rule.points)
            box.setSuffix(self.tr(" 分"))
            box.setToolTip(self.tr("等次的最低总分") if rule.kind == "grade" else self.tr("该项满分"))
            box.valueChanged.connect(self._show_total)
            name = line(text=rule.name)
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(name, 1)
            row.addWidget(box)
            self.add_row(f"rule_{rule.key}", kinds.get(rule.kind, rule.kind), holder)
            self.rows[rule.key] = (box, name)
        self.total = QLabel()
        self.add_row(None, self.tr("评分项合计"), self.total)
        self._show_total()
        self.resize(600, self.sizeHint().height())

    def _show_total(self) -> None:
        total = sum(box.value() for r in self.rules if r.kind != "grade" for box in [self.rows[r.key][0]])
        text = self.tr("{n} 分").format(n=total)
        if total != 100:
            text += self.tr("（不是 100 分，等次按总分计）")
        self.total.setText(text)

    def changes(self) -> dict[str, RuleChange]:
        out = {}
        for rule in self.rules:
            box, name = self.rows[rule.key]
            points = box.value() if box.value() != rule.points else None
            text = name.text() if name.text().strip() != rule.name else None
            if points is not None or text is not None:
                out[rule.key] = RuleChange(points=points, name=text)
        return out

    def job(self) -> Callable[[], Any]:
        changes = self.changes()
        if not changes:
            raise ValidationError(self.tr("评分规则没有改动。"), "Nothing was changed.")
        return lambda: self.ctx.store.write(set_rules, changes)


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
            self.rules_button = self.button(self.tr("评分规则"), self.edit_rules)
        self.rules: tuple[RuleLine, ...] = ()
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
        self.rules = listing.rules
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

    def edit_rules(self) -> None:
        if self.rules:
            self.open_dialog(RulesDialog(self.ctx, self.rules, self))

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
        run_print(self.ctx, self, lambda: self.ctx.store.read(print_sheet, s.village_code, s.period, out), out,
             self.tr("正在生成考核评分表…"), None)

    def export(self) -> None:
        period = self.period.currentData()
        path = ask_path(self, self.tr("导出各村考核表"), self.tr("半年考核") + f"-{period}.xlsx")
        if path is None:
            return
        # (saved, it says where and offers to open it, like every other export)
        run_export(self.ctx, self, lambda: self.ctx.store.read(export_sheets, period, path),
                   self.tr("正在导出…"), None)

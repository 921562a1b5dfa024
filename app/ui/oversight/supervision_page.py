"""督导: the quarterly supervision visits of this office's villages and their rectification
items (one row an item), recording a visit, closing an item, printing the record. At a
village the page shows the visits made there, and the director closes items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from app.care.periods import recent_periods
from app.care.workbench_views import areas
from app.models.codes import OfficeLevel
from app.oversight import supervision as sv
from app.oversight.views import SupervisionRow, print_visit, supervision_rows
from app.ui.kit import Context, FormDialog, date_edit, label, line, pydate, translate
from app.ui.print_actions import pdf_path, run_print
from app.ui.programmes.registers_common import RegisterPage, grow, iso, refuse
from app.ui.table import Column


def recent_quarters(today: dt.date | None = None, n: int = 6) -> list[str]:
    return [span.label for span in recent_periods(today or dt.date.today(), "quarter", n)]


def parse_items(text: str) -> list[sv.NewItem]:
    """One item a line: 事项；期限（YYYY-MM-DD）；责任人 (the person may be left out)."""
    items = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.replace(";", "；").split("；")]
        try:
            deadline = dt.date.fromisoformat(parts[1]) if len(parts) > 1 else None
        except ValueError:
            deadline = None
        if deadline is None:
            raise refuse(translate("SupervisionPage", "整改事项第 {n} 行：写成“事项；期限（如 2026-12-31）；责任人”。")
                         .format(n=n), "items")
        items.append(sv.NewItem(parts[0], deadline, parts[2] if len(parts) > 2 else None))
    return items


class SupervisionVisitDialog(FormDialog):
    """Record one visit: village, date, supervisors, what was checked, findings, items."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("记录督导"), parent)
        self.village = grow(QComboBox())
        self.village.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.add_row("village", self.tr("村"), self.village)
        self.date = self.add_row("date", self.tr("督导日期"), date_edit())
        self.by = self.add_row("by", self.tr("督导人员"), line(self.tr("如：李明、王芳")))
        self.checked = self.add_row("checked", self.tr("检查内容"), line(self.tr("台账、走访照片、协议签订、责任落实、预警处置")))
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText(self.tr("发现的问题，一行一条"))
        self.findings.setFixedHeight(80)
        self.add_row("findings", self.tr("发现的问题"), self.findings)
        self.items = QPlainTextEdit()
        self.items.setPlaceholderText(self.tr("一行一项：事项；期限（如 2026-12-31）；村责任人"))
        self.items.setFixedHeight(90)
        self.add_row("items", self.tr("整改事项"), self.items)
        self.resize(600, self.sizeHint().height())
        ctx.background.run(lambda: ctx.store.read(areas), on_done=self._areas, parent=self)

    def _areas(self, found: list[Any]) -> None:
        for a in found:
            if a.level == OfficeLevel.village:
                self.village.addItem(f"{a.name}（{a.code}）", a.code)

    def job(self) -> Callable[[], Any]:
        village = self.village.currentData()
        if village is None:
            raise refuse(self.tr("村：请选择督导的村。"), "village")
        items = parse_items(self.items.toPlainText())
        kwargs = {"village": village, "visited_on": pydate(self.date.date()), "by": self.by.text(),
                  "checked": self.checked.text(), "findings": self.findings.toPlainText().splitlines(), "items": items}
        return lambda: self.ctx.store.write(sv.record_visit, **kwargs)


class CloseItemDialog(FormDialog):
    def __init__(self, ctx: Context, item: sv.ItemView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("整改完成"), parent)
        self.item = item
        self.add_row(None, self.tr("整改事项"), line(text=item.text)).setEnabled(False)
        self.date = self.add_row("date", self.tr("完成日期"), date_edit())
        self.note = self.add_row("note", self.tr("整改情况"), line(self.tr("做了什么，证明材料在哪里")))
        self.resize(520, self.sizeHint().height())

    def job(self) -> Callable[[], Any]:
        item_id, on, note = self.item.id, pydate(self.date.date()), self.note.text()
        return lambda: self.ctx.store.write(sv.close_item, item_id, closed_on=on, note=note)


class SupervisionPage(RegisterPage):
    title = "督导"
    detail_title = translate("SupervisionPage", "督导记录")

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx, warn=lambda r: r.item is not None and r.item.status == "overdue")
        self.period = QComboBox()
        self.period.addItem(self.tr("全部季度"), None)
        for q in recent_quarters():
            self.period.addItem(q, q)
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.filters.addWidget(self.period)
        self.open_only = QCheckBox(self.tr("只看未整改"))
        self.open_only.toggled.connect(lambda _c: self.reload())
        self.filters.addWidget(self.open_only)
        if ctx.level != OfficeLevel.village:
            self.button(self.tr("记录督导(&N)"), self.add, "Ctrl+N")
        self.close_button = self.button(self.tr("整改完成(&D)"), self.close_item, needs_row=True)
        self.button(self.tr("打印督导记录表(&P)"), self.print_record, needs_row=True)

    def make_columns(self) -> list[Column]:
        return [Column(self.tr("督导日期"), lambda r: iso(r.visit.visited_on)),
                Column(self.tr("村"), lambda r: r.visit.village_name or r.visit.village_code),
                Column(self.tr("督导人员"), lambda r: r.visit.supervisor),
                Column(self.tr("整改事项"), lambda r: r.item.text if r.item else self.tr("（无整改事项）")),
                Column(self.tr("期限"), lambda r: iso(r.item.deadline) if r.item else ""),
                Column(self.tr("责任人"), lambda r: (r.item.person or "") if r.item else ""),
                Column(self.tr("状态"), lambda r: label(r.item.status) if r.item else "")]

    def listing_job(self) -> Callable[[], Any]:
        period, open_only = self.period.currentData(), self.open_only.isChecked()
        return lambda: self.ctx.store.read(supervision_rows, period=period, open_only=open_only)

    def detail_pairs(self, row: SupervisionRow) -> list[tuple[str, Any]]:
        v = row.visit
        figures = "；".join(f"{a} {b}（{c}）" for a, b, c in sv.figures_rows(v.figures))
        pairs: list[tuple[str, Any]] = [
            (self.tr("村"), f"{v.village_name}（{v.village_code}）"), (self.tr("季度"), v.period),
            (self.tr("督导日期"), iso(v.visited_on)), (self.tr("督导人员"), v.supervisor),
            (self.tr("检查内容"), v.checked), (self.tr("督导时的数据"), figures),
            (self.tr("发现的问题"), "；".join(v.findings) or self.tr("未发现问题"))]
        if row.item is not None:
            i = row.item
            pairs += [(self.tr("整改事项"), i.text), (self.tr("期限"), iso(i.deadline)), (self.tr("责任人"), i.person),
                      (self.tr("状态"), label(i.status)), (self.tr("整改情况"), i.close_note),
                      (self.tr("完成日期"), iso(i.closed_on))]
        return pairs

    def row_allows(self, button: Any, row: SupervisionRow) -> bool:
        if button is self.close_button:
            return row.item is not None and row.item.status != "done"
        return True

    def add(self) -> None:
        self.open_dialog(SupervisionVisitDialog(self.ctx, self))

    def close_item(self) -> None:
        row = self.selected()
        if row is not None and row.item is not None:
            self.open_dialog(CloseItemDialog(self.ctx, row.item, self))

    def open_row(self, row: Any) -> None:
        if row is not None and row.item is not None and row.item.status != "done":
            self.close_item()

    def print_record(self) -> None:
        row = self.selected()
        if row is None:
            return
        out = pdf_path(self.tr("督导记录表") + f"-{row.visit.village_name}-{row.visit.period}")
        visit_id = row.visit.id
        run_print(self.ctx, self, lambda: self.ctx.store.read(print_visit, visit_id, out), out,
             self.tr("正在生成督导记录表…"), None)


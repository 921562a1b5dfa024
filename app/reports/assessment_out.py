"""The semiannual assessment sheet (考核评分表): one village's as a PDF, every village's in one
xlsx (a summary sheet, one row a village, a column an item)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.oversight.assessment import SheetView
from app.reports import fonts, sheets
from app.reports.pdf_common import MARGIN_X, PAGE, cn_date, header_grid, styles, write_pdf, zh
from app.reports.sheets import INT, SheetColumn

GRID = header_grid()


def _p(text: str | None, style: Any) -> Paragraph:
    return Paragraph(fonts.markup(text or ""), style)


def write_assessment_pdf(sheet: SheetView, out: Path, *, printed_on: dt.date | None = None) -> Path:
    st = styles()
    cell, label = st["cell"], st["label"]
    width = PAGE[0] - 2 * MARGIN_X
    rows = [[_p("序号", label), _p("考核项目", label), _p("分值", label), _p("得分", label), _p("方式", label),
             _p("说明", label)]]
    for n, i in enumerate(sheet.items, start=1):
        rows.append([_p(str(n), label), _p(i.name, cell), _p(str(i.max_score), label), _p(str(i.score), label),
                     _p("人工" if i.manual else "数据", label), _p(i.note, st["cell_small"])])
    rows.append([_p("", label), _p("合计", cell), _p(str(sum(i.max_score for i in sheet.items)), label),
                 _p("" if sheet.total is None else str(sheet.total), label), _p("", label),
                 _p(f"等次：{zh(sheet.grade) or '—'}", cell)])
    table = Table(rows, colWidths=[13 * mm, width - 13 * mm - 16 * mm - 16 * mm - 16 * mm - 50 * mm, 16 * mm,
                                   16 * mm, 16 * mm, 50 * mm], repeatRows=1)
    table.setStyle(TableStyle(GRID))
    status = zh(sheet.status) if sheet.status != "none" else "未评分"
    story = [
        Paragraph("困难群体关爱保护工作半年考核评分表", st["title"]),
        Paragraph(fonts.markup(f"{sheet.village_name}（{sheet.village_code}）　{sheet.period}　状态：{status}"),
                  st["subtitle"]),
        Paragraph(fonts.markup(f"评分人：{sheet.assessor or '—'}　评分日期：{cn_date(sheet.assessed_on) or '—'}"
                               f"　提交日期：{cn_date(sheet.submitted_on) or '—'}　打印日期：{cn_date(printed_on or dt.date.today())}"),
                  st["subtitle"]),
        Spacer(1, 5 * mm), table, Spacer(1, 12 * mm),
        Table([[_p("考核人（签字）：", cell), _p("乡镇（盖章）：", cell)]], colWidths=[width / 2, width / 2]),
    ]

    write_pdf(out, story, title=f"半年考核 {sheet.village_name} {sheet.period}")
    return Path(out)


def assessment_table(views: Sequence[SheetView]) -> sheets.Table:
    keys: list[tuple[str, str]] = []
    for v in views:
        for i in v.items:
            if (i.key, i.name) not in keys:
                keys.append((i.key, i.name))
    columns = [SheetColumn("序号", INT), SheetColumn("村"), SheetColumn("村代码"), SheetColumn("状态")]
    columns += [SheetColumn(name, INT, 10, group="评分项") for _k, name in keys]
    columns += [SheetColumn("总分", INT, 8), SheetColumn("等次", width=8), SheetColumn("评分人"), SheetColumn("提交日期")]
    rows = []
    for n, v in enumerate(views, start=1):
        by_key = {i.key: i.score for i in v.items}
        rows.append([n, v.village_name, v.village_code, zh(v.status) if v.status != "none" else "未评分",
                     *[by_key.get(k) for k, _n in keys], v.total, zh(v.grade), v.assessor,
                     v.submitted_on.isoformat() if v.submitted_on else None])
    period = views[0].period if views else ""
    return sheets.Table("半年考核", f"困难群体关爱保护工作半年考核汇总表（{period}）",
                        f"共 {len(views)} 个村；制表日期 {sheets.printed_on()}", columns, rows)


def write_assessment_xlsx(views: Sequence[SheetView], out: Path) -> Path:
    return sheets.write_workbook(out, [assessment_table(views)])

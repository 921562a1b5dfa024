"""督导记录表: one supervision visit on A4 — the village, date and supervisors, the figures
frozen at the visit, what was checked, findings, rectification items (deadline, person,
status) and lines for the signatures. ReportLab in the shipped CJK font, as the other
documents (app/reports/pdf_common.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.oversight.supervision import VisitView, figures_rows
from app.reports import fonts
from app.reports.pdf_common import MARGIN_X, PAGE, cn_date, header_grid, styles, write_pdf, zh

GRID = header_grid()


def _p(text: str | None, style: Any) -> Paragraph:
    return Paragraph(fonts.markup(text or "—").replace("\n", "<br/>"), style)


def supervision_story(visit: VisitView, printed_on: dt.date | None = None) -> list[Any]:
    st = styles()
    cell, label = st["cell"], st["label"]
    plain = ParagraphStyle("plain", parent=st["body"], firstLineIndent=0, leftIndent=22)
    width = PAGE[0] - 2 * MARGIN_X
    head = Table([
        [_p("村", label), _p(f"{visit.village_name}（{visit.village_code}）", cell), _p("季度", label),
         _p(visit.period, cell)],
        [_p("督导日期", label), _p(cn_date(visit.visited_on), cell), _p("督导人员", label), _p(visit.supervisor, cell)],
    ], colWidths=[22 * mm, width / 2 - 22 * mm, 22 * mm, width / 2 - 22 * mm])
    head.setStyle(TableStyle(GRID[:2]))
    figures = Table([[_p("项目", label), _p("已做/应做", label), _p("完成率", label)]]
                    + [[_p(a, cell), _p(b, label), _p(c, label)] for a, b, c in figures_rows(visit.figures)],
                    colWidths=[width * 0.5, width * 0.25, width * 0.25])
    figures.setStyle(TableStyle(GRID))
    items = Table([[_p("序号", label), _p("整改事项", label), _p("期限", label), _p("村责任人", label),
                    _p("状态", label), _p("整改情况", label)]]
                  + [[_p(str(n), label), _p(i.text, cell), _p(i.deadline.isoformat(), label), _p(i.person, label),
                      _p(zh(i.status), label), _p(f"{i.closed_on.isoformat()} {i.close_note or ''}" if i.closed_on
                                                  else "", st["cell_small"])]
                     for n, i in enumerate(visit.items, start=1)] or [[_p("无", label)] + [""] * 5],
                  colWidths=[13 * mm, width - 13 * mm - 24 * mm - 22 * mm - 20 * mm - 40 * mm, 24 * mm, 22 * mm,
                             20 * mm, 40 * mm], repeatRows=1)
    items.setStyle(TableStyle(GRID))
    findings = "\n".join(f"{n}. {f}" for n, f in enumerate(visit.findings, start=1)) or "未发现问题"
    sign = Table([[_p("督导人员（签字）：", cell), _p("村负责人（签字）：", cell)],
                  [_p("日期：", cell), _p("日期：", cell)]], colWidths=[width / 2, width / 2], rowHeights=[14 * mm, 9 * mm])
    return [
        Paragraph("困难群体关爱保护工作督导记录表", st["title"]),
        Paragraph(fonts.markup(f"督导单位：{visit.office_code}　　打印日期：{cn_date(printed_on or dt.date.today())}"),
                  st["subtitle"]),
        Spacer(1, 4 * mm), head,
        Paragraph("一、督导时的工作数据（本季度，督导当日冻结）", st["heading"]), figures,
        Paragraph("二、检查内容", st["heading"]), _p(visit.checked or "台账、关爱记录、协议签订、责任落实、预警处置", plain),
        Paragraph("三、发现的问题", st["heading"]), _p(findings, plain),
        Paragraph("四、整改事项", st["heading"]), items,
        Spacer(1, 8 * mm), sign,
    ]


def write_supervision_record(visit: VisitView, out: Path, *, printed_on: dt.date | None = None) -> int:
    """Write the record; returns the number of pages."""
    return write_pdf(out, supervision_story(visit, printed_on),
                     title=f"督导记录表 {visit.village_name} {visit.period}")

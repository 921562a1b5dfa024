"""The report to the political-legal committee as a PDF (A4 landscape): the period's totals in
words, the figures per unit, the laggards in order, and a line chart of the four ones' rates over
the last quarters (ReportLab graphics)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.care.schedule import FOUR_ONES, Figures
from app.reports import fonts
from app.reports.committee import KIND_NAMES, Committee, kind_rate, overall, rate, weakest
from app.reports.pdf_common import TABLE_MARGINS, footer_always, write_pdf
from app.reports.sheets import printed_on

PAGE = landscape(A4)
LINE_COLOURS = ("#2f6f9f", "#4a9a6a", "#c98a2b", "#8a5aa8", "#b5473a")


def _pct(r: float | None) -> str:
    return "—" if r is None else f"{r * 100:.1f}%"


def _pair(owed: int, done: int) -> str:
    return f"{done}/{owed}\n{_pct(rate(owed, done))}" if owed else "—"


def _table(rows: list[list[str]], widths: list[float], font: str, shade_last: bool = False) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1)
    style: list[Any] = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                        ("LEADING", (0, 0), (-1, -1), 10.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                        ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if shade_last:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")))
    t.setStyle(TableStyle(style))
    return t


def _unit_row(f: Figures) -> list[str]:
    return [f.name or f.code, str(f.recipients),
            *(_pair(f.four_ones[k]["owed"], f.four_ones[k]["done"]) for k in FOUR_ONES), _pct(overall(f)),
            _pair(f.agreements["needed"], f.agreements["signed"]),
            _pair(f.responsibilities["needed"], f.responsibilities["assigned"])]


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def trend_chart(c: Committee, font: str) -> Drawing:
    w, h = 200 * mm, 78 * mm
    d = Drawing(w, h)
    chart = HorizontalLineChart()
    # (ReportLab's stubs type a chart's position and size as int; it takes any number)
    chart.x, chart.y = 16 * mm, 12 * mm  # type: ignore[assignment]
    chart.width, chart.height = 130 * mm, h - 22 * mm  # type: ignore[assignment]
    series = [*([_percent(kind_rate(t, k)) for t in c.trend] for k in FOUR_ONES),
              [_percent(overall(t)) for t in c.trend]]
    chart.data = series
    chart.categoryAxis.categoryNames = [q.label for q in c.quarters]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    names = [*(KIND_NAMES[k] for k in FOUR_ONES), "总完成率"]
    for i, colour in enumerate(LINE_COLOURS):
        chart.lines[i].strokeColor = colors.HexColor(colour)
        chart.lines[i].strokeWidth = 2.2 if i == len(LINE_COLOURS) - 1 else 1.2
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3.5, fillColor=colors.HexColor(colour))
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = 152 * mm, h - 18 * mm  # type: ignore[assignment]  # (as chart.x above)
    legend.fontName, legend.fontSize = font, 8.5
    legend.alignment = "right"
    legend.colorNamePairs = [(colors.HexColor(col), n) for col, n in zip(LINE_COLOURS, names, strict=True)]
    d.add(legend)
    return d


def write_committee_pdf(c: Committee, path: str | Path, today: dt.date | None = None) -> Path:
    font = fonts.chain()[0].name
    title = ParagraphStyle("t", fontName=font, fontSize=17, leading=24, alignment=1, spaceAfter=4)
    sub = ParagraphStyle("s", fontName=font, fontSize=9.5, leading=14, alignment=1, textColor=colors.HexColor("#333333"))
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK")
    h2 = ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    span, t = c.span, c.total
    kinds = "，".join(f"{KIND_NAMES[k]}完成率{_pct(kind_rate(t, k))}" for k in FOUR_ONES)
    lag = "、".join(f"{u.name or u.code}（{_pct(overall(u))}）" for u in c.laggards) or "无"
    story: list[Any] = [
        Paragraph(fonts.markup(f"{c.office_name}困难群体关爱保护工作情况报告"), title),
        Paragraph(f"报送：政法委　统计期：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）　"
                  f"统计日期：{printed_on(today)}", sub),
        Spacer(1, 3 * mm),
        Paragraph(fonts.markup(
            f"本期全辖区在册关爱对象 {t.recipients} 人。“四个一”总完成率 {_pct(overall(t))}，其中{kinds}；"
            f"协议应签 {t.agreements['needed']} 份，已签 {t.agreements['signed']} 份（{_pct(rate(t.agreements['needed'], t.agreements['signed']))}）；"
            f"关爱责任应落实 {t.responsibilities['needed']} 人，已落实 {t.responsibilities['assigned']} 人"
            f"（{_pct(rate(t.responsibilities['needed'], t.responsibilities['assigned']))}）。"
            f"工作落后的{c.unit_label}：{lag}。"), body),
        Paragraph(f"一、各{c.unit_label}情况（每格为 已做/应做 与完成率）", h2)]
    head = [c.unit_label, "对象", *(KIND_NAMES[k] for k in FOUR_ONES), "四个一总完成率", "协议签订", "责任落实"]
    rows = [head, *(_unit_row(u) for u in c.units), _unit_row(c.total)]
    story.append(_table(rows, [44 * mm, 16 * mm, *([28 * mm] * 4), 26 * mm, 28 * mm, 28 * mm], font, shade_last=True))
    story.append(Paragraph(f"二、工作落后的{c.unit_label}（四个一总完成率从低到高）", h2))
    lrows = [["名次", c.unit_label, "四个一总完成率", "最弱的一项"],
             *([str(i), u.name or u.code, _pct(overall(u)), weakest(u)] for i, u in enumerate(c.laggards, start=1))]
    story.append(_table(lrows, [16 * mm, 50 * mm, 36 * mm, 50 * mm], font))
    story.append(KeepTogether([Paragraph(f"三、近{len(c.quarters)}个季度完成率趋势（全辖区，%）", h2), trend_chart(c, font)]))

    write_pdf(path, story, title=f"{c.office_name}关爱保护工作情况报告 {span.label}", page=PAGE,
              margins=TABLE_MARGINS, footer=footer_always)
    return Path(path)

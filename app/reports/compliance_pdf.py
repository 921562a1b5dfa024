"""The compliance report as a printable PDF: A4 landscape, the shipped CJK font embedded,
a table of the figures per township and village, then a bar chart per village of its
completion rates (the four ones, agreements signed, responsibilities assigned)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.care.schedule import falls_behind
from app.reports import fonts
from app.reports.compliance import BAR_NAMES, BARS, ComplianceReport, Line
from app.reports.pdf_common import TABLE_MARGINS, TableCommand, footer_always, write_pdf
from app.reports.sheets import printed_on

PAGE = landscape(A4)
CHART_W, CHART_H = 64 * mm, 54 * mm
PER_ROW = 4
BAR_COLOURS = ("#2f6f9f", "#4a9a6a", "#c98a2b", "#8a5aa8", "#b5473a", "#5b6770")


def percent(line: Line, key: str) -> int | None:
    """The completion rate in whole percent, rounded half up from the counts themselves:
    the one number both the table and the chart print (rounding a float twice, once to a
    tenth for the bar and again for its label, made 63.5% read 63 in one and 64 in the other)."""
    owed, done = line.pair(key)
    return (200 * done + owed) // (2 * owed) if owed else None


def _cell(line: Line, key: str) -> str:
    owed, done = line.pair(key)
    return f"{done}/{owed}\n{percent(line, key)}%" if owed else "—"


def _figures_table(lines: list[Line], first: str, font: str, total: Line | None) -> Table:
    head = [first, "对象", *(BAR_NAMES[k] for k in BARS), "督导", "考核"]
    body = [[ln.figures.name or ln.figures.code, str(ln.figures.recipients), *(_cell(ln, k) for k in BARS),
             str(ln.supervisions), ln.assessment or ""] for ln in lines]
    if total is not None:
        body.append(["合计", str(total.figures.recipients), *(_cell(total, k) for k in BARS),
                     str(total.supervisions), ""])
    widths = [46 * mm, 16 * mm, *([27 * mm] * len(BARS)), 16 * mm, 30 * mm]
    t = Table([head, *body], colWidths=widths, repeatRows=1)
    style: list[TableCommand] = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("LEADING", (0, 0), (-1, -1), 10), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
             ("ALIGN", (1, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if total is not None:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")))
    for i, ln in enumerate(lines, start=1):  # a village below 60% on the four ones stands out
        for j, key in enumerate(BARS, start=2):
            rate = ln.rate(key)
            if falls_behind(rate):
                style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor("#b00020")))
    t.setStyle(TableStyle(style))
    return t


def village_chart(line: Line, font: str) -> Drawing:
    """Completion rates of one village as bars, 0–100%."""
    # The drawing's own starting font, not ReportLab's default Helvetica: that one would be
    # declared in the file without being embedded (a PDF/A checker and some printers refuse).
    d = Drawing(CHART_W, CHART_H, initialFontName=font)
    d.add(String(CHART_W / 2, CHART_H - 12, f"{line.figures.name or line.figures.code}（{line.figures.recipients}人）",
                 fontName=font, fontSize=9.5, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 26, 24
    # (ReportLab's stubs type a chart's size as int; it takes any number)
    chart.width, chart.height = CHART_W - 34, CHART_H - 46  # type: ignore[assignment]
    # Nothing owed: no bar at all (not a bar at zero, which would read as nothing done).
    values = [percent(line, k) for k in BARS]
    chart.data = [values]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [BAR_NAMES[k][:2] for k in BARS]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabelFormat = lambda v: "" if v is None else f"{v:.0f}"
    chart.barLabels.nudge = 6
    chart.bars.strokeWidth = 0
    for i, colour in enumerate(BAR_COLOURS):
        chart.bars[(0, i)].fillColor = colors.HexColor(colour)
    d.add(chart)
    return d


def _chart_grid(lines: list[Line], font: str) -> list[Any]:
    rows = []
    for i in range(0, len(lines), PER_ROW):
        charts: list[Any] = [village_chart(ln, font) for ln in lines[i:i + PER_ROW]]
        charts += [""] * (PER_ROW - len(charts))
        rows.append(charts)
    if not rows:
        return []
    grid = Table(rows, colWidths=[CHART_W + 4 * mm] * PER_ROW, rowHeights=CHART_H + 3 * mm)
    # A table's cells start in Helvetica unless told: that font would be declared, unembedded.
    grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BOX", (0, 0), (-1, -1), 0, colors.white)]))
    return [grid]


def write_compliance_pdf(report: ComplianceReport, path: str | Path, today: dt.date | None = None) -> Path:
    font = fonts.chain()[0].name
    fonts.refuse_unprintable("督导考核情况", [
        (report.office_name, report.office_name),
        *((ln.figures.name, ln.figures.name) for ln in (*report.townships, *report.villages) if ln.figures.name),
        *((ln.assessment, ln.assessment) for ln in (*report.townships, *report.villages) if ln.assessment)])
    title = ParagraphStyle("t", fontName=font, fontSize=17, leading=24, alignment=1, spaceAfter=4)
    sub = ParagraphStyle("s", fontName=font, fontSize=9.5, leading=14, alignment=1, textColor=colors.HexColor("#333333"))
    h2 = ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    span = report.span
    story: list[Any] = [
        Paragraph(fonts.markup(f"{report.office_name}关爱工作督导考核情况"), title),
        Paragraph(f"期间：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）　统计日期：{printed_on(today)}"
                  "　每格为 已做/应做 与完成率；协议签订、责任落实按期末计", sub),
        Spacer(1, 4 * mm)]
    if report.townships:
        story += [Paragraph("一、各乡镇", h2), _figures_table(report.townships, "乡镇", font, report.total)]
    section = "二、" if report.townships else "一、"
    story += [Paragraph(f"{section}各村", h2),
              _figures_table(report.villages, "村", font, None if report.townships else report.total)]
    story += [Paragraph(f"{'三、' if report.townships else '二、'}各村完成率（%）", h2),
              KeepTogether(_chart_grid(report.villages[:PER_ROW], font))]
    story += _chart_grid(report.villages[PER_ROW:], font)

    write_pdf(path, story, title=f"{report.office_name}督导考核 {span.label}", page=PAGE, margins=TABLE_MARGINS,
              footer=footer_always)
    return Path(path)

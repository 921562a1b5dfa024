"""`guanai report compliance`: the figures of the quarterly supervision and the semiannual
assessment (每季度一督导、每半年一考核), per village and per township, as a spreadsheet or
(FILE.pdf) as a printable report with a bar chart per village (app.reports.compliance_pdf).

The figures are the schedule engine's (app.care.schedule.compliance, the same as `guanai
status`), with the supervision visits recorded in the period and the half year's assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, parse_period, period_of
from app.care.schedule import FOUR_ONES, Figures, by_township, compliance
from app.models import Office, SemiannualAssessment, SupervisionVisit
from app.models.codes import LABELS, OfficeLevel
from app.reports import sheets
from app.reports.roster_export import ExportResult
from app.reports.sheets import INT, RATE, SheetColumn

KIND_NAMES = {"call": "电话随访", "visit": "实地走访", "wish": "微心愿", "aid": "物资帮扶"}
BARS = ("call", "visit", "wish", "aid", "agreements", "responsibilities")
BAR_NAMES = {**KIND_NAMES, "agreements": "协议签订", "responsibilities": "责任落实"}


@dataclass
class Line:
    """One village's (or township's, or the whole office's) figures."""

    level: str
    figures: Figures
    supervisions: int = 0
    assessment: str | None = None

    def pair(self, key: str) -> tuple[int, int]:
        f = self.figures
        if key in FOUR_ONES:
            return f.four_ones[key]["owed"], f.four_ones[key]["done"]
        if key == "agreements":
            return f.agreements["needed"], f.agreements["signed"]
        return f.responsibilities["needed"], f.responsibilities["assigned"]

    def rate(self, key: str) -> float | None:
        owed, done = self.pair(key)
        return done / owed if owed else None


@dataclass
class ComplianceReport:
    office_name: str
    office_level: str
    span: Span
    villages: list[Line]
    townships: list[Line] = field(default_factory=list)
    total: Line | None = None


def _supervisions(session: Session, span: Span, prefix: str) -> dict[str, int]:
    out: dict[str, int] = {}
    q = select(SupervisionVisit.village_code).where(
        SupervisionVisit.deleted.is_(False), SupervisionVisit.visited_on.between(span.start, span.end),
        SupervisionVisit.village_code.startswith(prefix))
    for (code,) in session.execute(q):
        out[code] = out.get(code, 0) + 1
    return out


def _assessments(session: Session, span: Span, prefix: str) -> dict[str, str]:
    half = period_of(span.start, "half_year").label
    q = select(SemiannualAssessment.village_code, SemiannualAssessment.grade, SemiannualAssessment.score).where(
        SemiannualAssessment.deleted.is_(False), SemiannualAssessment.period == half,
        SemiannualAssessment.village_code.startswith(prefix)).order_by(SemiannualAssessment.assessed_on)
    return {code: LABELS.get(grade, (grade,))[0] + (f"（{score}分）" if score is not None else "")
            for code, grade, score in session.execute(q)}


def compliance_report(session: Session, period: str) -> ComplianceReport:
    span = parse_period(period)
    office = this_office(session)
    villages = compliance(session, span, office.code)
    visits = _supervisions(session, span, office.code)
    grades = _assessments(session, span, office.code)
    lines = [Line("village", v, visits.get(v.code, 0), grades.get(v.code)) for v in villages]
    total = Figures(office.code, office.name)
    for v in villages:
        total.add(v)
    report = ComplianceReport(office.name, office.level, span, lines,
                              total=Line(office.level, total, sum(visits.values())))
    if office.level != OfficeLevel.village:
        names = dict(session.execute(select(Office.code, Office.name).where(Office.deleted.is_(False))).all())
        for t in by_township(villages, names):
            n = sum(visits.get(v.code, 0) for v in villages if v.code.startswith(t.code))
            report.townships.append(Line("township", t, n))
    return report


COLUMNS_HEAD = [SheetColumn("代码", width=14), SheetColumn("名称"), SheetColumn("关爱对象", INT, 8)]


def _columns(first: str) -> list[SheetColumn]:
    cols = [SheetColumn(first if i == 1 else c.header, c.kind, c.width) for i, c in enumerate(COLUMNS_HEAD)]
    for key in BARS[:4]:
        cols += [SheetColumn("应做", INT, 7, KIND_NAMES[key]), SheetColumn("已做", INT, 7, KIND_NAMES[key]),
                 SheetColumn("完成率", RATE, 8, KIND_NAMES[key])]
    cols += [SheetColumn("应签", INT, 7, "协议签订"), SheetColumn("已签", INT, 7, "协议签订"), SheetColumn("签订率", RATE, 8, "协议签订"),
             SheetColumn("应落实", INT, 7, "责任落实"), SheetColumn("已落实", INT, 7, "责任落实"),
             SheetColumn("落实率", RATE, 8, "责任落实"), SheetColumn("督导次数", INT, 8), SheetColumn("考核结果", width=14)]
    return cols


def _row(line: Line, code: str | None = None, name: str | None = None) -> list[object]:
    f = line.figures
    row: list[object] = [code if code is not None else f.code, name if name is not None else f.name, f.recipients]
    for key in BARS:
        owed, done = line.pair(key)
        row += [owed, done, line.rate(key)]
    row += [line.supervisions, line.assessment]
    return row


def compliance_tables(report: ComplianceReport, today: dt.date | None = None) -> list[sheets.Table]:
    span = report.span
    subtitle = (f"期间：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）　　"
                f"统计日期：{sheets.printed_on(today)}　　完成率 = 已做 ÷ 应做；协议、责任按期末计")
    village_rows = [_row(v) for v in report.villages]
    if report.total is not None:
        village_rows.append(_row(report.total, "", "合计"))
    tables = [sheets.Table(name="各村", title=f"{report.office_name}关爱工作督导考核情况（{span.label}，各村）",
                           subtitle=subtitle, columns=_columns("村"), rows=village_rows)]
    if report.townships:
        rows = [_row(t) for t in report.townships]
        if report.total is not None:
            rows.append(_row(report.total, "", "合计"))
        tables.insert(0, sheets.Table(name="各乡镇", title=f"{report.office_name}关爱工作督导考核情况（{span.label}，各乡镇）",
                                      subtitle=subtitle, columns=_columns("乡镇"), rows=rows))
    return tables


def export_compliance(session: Session, path: str | Path, period: str) -> ExportResult:
    report = compliance_report(session, period)
    path = Path(path)
    title = f"{report.office_name}关爱工作督导考核情况（{report.span.label}）"
    if path.suffix.lower() == ".pdf":
        from app.reports.compliance_pdf import write_compliance_pdf

        out = write_compliance_pdf(report, path)
    else:
        out = sheets.write_workbook(path, compliance_tables(report))
    return ExportResult(out, len(report.villages) + len(report.townships), title)

"""`guanai report committee`: the report to the political-legal committee (政法委): the
period's figures per unit (villages of a township, townships of a county: the four ones,
agreements, responsibilities, from app.care.schedule.compliance as `guanai status` has them),
the laggards, and the trend of the rates over the last quarters. As xlsx (with a line chart)
or PDF (app.reports.committee_pdf).

A unit's overall rate is the four ones done over owed, all four kinds together; the laggards
are the units with something owed, lowest overall rate first (ties: lower agreement rate,
then code), at most LAGGARDS of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, parse_period, period_of
from app.care.schedule import FOUR_ONES, Figures, by_township, compliance
from app.models import Office
from app.models.codes import OfficeLevel
from app.reports import sheets
from app.reports.sheets import INT, RATE, SheetColumn

LAGGARDS = 5
TREND_QUARTERS = 4
KIND_NAMES = {"call": "电话随访", "visit": "实地走访", "wish": "微心愿", "aid": "物资帮扶"}


def overall(f: Figures) -> float | None:
    owed = sum(v["owed"] for v in f.four_ones.values())
    return sum(v["done"] for v in f.four_ones.values()) / owed if owed else None


def rate(owed: int, done: int) -> float | None:
    return done / owed if owed else None


def kind_rate(f: Figures, kind: str) -> float | None:
    return rate(f.four_ones[kind]["owed"], f.four_ones[kind]["done"])


def weakest(f: Figures) -> str:
    """The unit's lowest item, in words."""
    items = [(kind_rate(f, k), KIND_NAMES[k]) for k in FOUR_ONES]
    items += [(rate(f.agreements["needed"], f.agreements["signed"]), "协议签订"),
              (rate(f.responsibilities["needed"], f.responsibilities["assigned"]), "责任落实")]
    known = [(r, n) for r, n in items if r is not None]
    if not known:
        return ""
    r, n = min(known)
    return f"{n} {r * 100:.0f}%"


@dataclass
class Committee:
    office_name: str
    level: str
    span: Span
    unit_label: str
    units: list[Figures]
    total: Figures
    laggards: list[Figures]
    quarters: list[Span]
    trend: list[Figures]  # the office's total per quarter
    unit_trend: dict[str, list[float | None]]  # unit code: overall rate per quarter

    def to_json(self) -> dict[str, Any]:
        return {"period": self.span.label, "units": [u.to_json() for u in self.units],
                "laggards": [{"code": u.code, "name": u.name, "rate": overall(u)} for u in self.laggards],
                "trend": [{"period": q.label, **{k: kind_rate(t, k) for k in FOUR_ONES}}
                          for q, t in zip(self.quarters, self.trend, strict=True)]}


def _units(session: Session, span: Span, code: str, level: str) -> list[Figures]:
    villages = compliance(session, span, code)
    if level != OfficeLevel.county:
        return villages
    names = dict(session.execute(select(Office.code, Office.name).where(Office.deleted.is_(False))).all())
    return by_township(villages, names)


def _sum(units: list[Figures], code: str, name: str) -> Figures:
    total = Figures(code, name)
    for u in units:
        total.add(u)
    return total


def laggards(units: list[Figures], n: int = LAGGARDS) -> list[Figures]:
    owed = [u for u in units if overall(u) is not None]

    def key(u: Figures) -> tuple[float, float, str]:
        a = rate(u.agreements["needed"], u.agreements["signed"])
        return (overall(u) or 0.0, 1.0 if a is None else a, u.code)

    return sorted(owed, key=key)[:n]


def last_quarters(span: Span, n: int) -> list[Span]:
    q = period_of(span.end, "quarter")
    out = [q]
    while len(out) < n:
        out.insert(0, period_of(out[0].start - dt.timedelta(days=1), "quarter"))
    return out


def committee_report(session: Session, period: str, quarters: int = TREND_QUARTERS) -> Committee:
    span = parse_period(period)
    office = this_office(session)
    units = _units(session, span, office.code, office.level)
    qs = last_quarters(span, quarters)
    trend: list[Figures] = []
    unit_trend: dict[str, list[float | None]] = {u.code: [] for u in units}
    for q in qs:
        per_unit = {u.code: u for u in _units(session, q, office.code, office.level)}
        trend.append(_sum(list(per_unit.values()), office.code, office.name))
        for code, rates in unit_trend.items():
            rates.append(overall(per_unit[code]) if code in per_unit else None)
    return Committee(office.name, office.level, span, "乡镇" if office.level == OfficeLevel.county else "村",
                     units, _sum(units, office.code, "合计"), laggards(units), qs, trend, unit_trend)


# ---- xlsx ------------------------------------------------------------------------------------


def _figures_row(f: Figures, code: str | None = None) -> list[object]:
    row: list[object] = [f.code if code is None else code, f.name, f.recipients]
    for k in FOUR_ONES:
        row += [f.four_ones[k]["owed"], f.four_ones[k]["done"], kind_rate(f, k)]
    row += [overall(f), f.agreements["needed"], f.agreements["signed"],
            rate(f.agreements["needed"], f.agreements["signed"]), f.responsibilities["needed"],
            f.responsibilities["assigned"], rate(f.responsibilities["needed"], f.responsibilities["assigned"])]
    return row


def _figures_columns(unit: str) -> list[SheetColumn]:
    cols = [SheetColumn("代码", width=14), SheetColumn(unit, width=14), SheetColumn("关爱对象", INT, 8)]
    for k in FOUR_ONES:
        cols += [SheetColumn("应做", INT, 7, KIND_NAMES[k]), SheetColumn("已做", INT, 7, KIND_NAMES[k]),
                 SheetColumn("完成率", RATE, 8, KIND_NAMES[k])]
    cols += [SheetColumn("四个一总完成率", RATE, 10), SheetColumn("应签", INT, 7, "协议签订"), SheetColumn("已签", INT, 7, "协议签订"),
             SheetColumn("签订率", RATE, 8, "协议签订"), SheetColumn("应落实", INT, 7, "责任落实"),
             SheetColumn("已落实", INT, 7, "责任落实"), SheetColumn("落实率", RATE, 8, "责任落实")]
    return cols


def committee_tables(c: Committee, today: dt.date | None = None) -> list[sheets.Table]:
    span = c.span
    sub = (f"统计期：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）　统计日期：{sheets.printed_on(today)}"
           "　完成率 = 已做 ÷ 应做；协议、责任按期末计")
    figures = sheets.Table(name="各单位情况", title=f"{c.office_name}困难群体关爱保护工作情况（{span.label}，各{c.unit_label}）",
                           subtitle=sub, columns=_figures_columns(c.unit_label),
                           rows=[*(_figures_row(u) for u in c.units), _figures_row(c.total, "")])
    lag = sheets.Table(name="落后单位", title=f"{c.office_name}工作落后的{c.unit_label}（{span.label}）",
                       subtitle=f"四个一总完成率最低的 {len(c.laggards)} 个{c.unit_label}，从低到高",
                       columns=[SheetColumn("名次", INT, 6), SheetColumn("代码", width=14), SheetColumn(c.unit_label, width=14),
                                SheetColumn("四个一总完成率", RATE, 12), SheetColumn("最弱的一项", width=18)],
                       rows=[[i, u.code, u.name, overall(u), weakest(u)] for i, u in enumerate(c.laggards, start=1)],
                       freeze_columns=1)
    trend = sheets.Table(name="趋势", title=f"{c.office_name}四个一完成率趋势（近{len(c.quarters)}个季度）",
                         subtitle="全辖区合计；图见下方",
                         columns=[SheetColumn("季度", width=10), *(SheetColumn(KIND_NAMES[k], RATE, 10) for k in FOUR_ONES),
                                  SheetColumn("总完成率", RATE, 10)],
                         rows=[[q.label, *(kind_rate(t, k) for k in FOUR_ONES), overall(t)]
                               for q, t in zip(c.quarters, c.trend, strict=True)], freeze_columns=1)
    units = sheets.Table(name="各单位趋势", title=f"各{c.unit_label}四个一总完成率（近{len(c.quarters)}个季度）",
                         subtitle="", columns=[SheetColumn("代码", width=14), SheetColumn(c.unit_label, width=14),
                                               *(SheetColumn(q.label, RATE, 10) for q in c.quarters)],
                         rows=[[u.code, u.name, *c.unit_trend.get(u.code, [])] for u in c.units])
    return [figures, lag, trend, units]


def _trend_chart(ws: Any, rows: int) -> None:
    """A line per kind over the quarters, from the trend sheet's own cells (header on row 3)."""
    chart = LineChart()
    chart.title = "四个一完成率趋势"
    chart.y_axis.title = "完成率"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.height, chart.width = 8, 16
    data = Reference(ws, min_col=2, max_col=6, min_row=3, max_row=3 + rows)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=3 + rows))
    ws.add_chart(chart, f"A{rows + 6}")


def write_committee_xlsx(c: Committee, path: Path, today: dt.date | None = None) -> Path:
    wb = Workbook(write_only=True)
    for table in committee_tables(c, today):
        sheets.write_table(wb, table)
        if table.name == "趋势":
            _trend_chart(wb.worksheets[-1], len(table.rows))
    return sheets.save(wb, path)


@dataclass(frozen=True)
class CommitteeResult:
    path: Path
    rows: int
    laggards: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "rows": self.rows, "laggards": self.laggards}


def export_committee(session: Session, path: str | Path, period: str, today: dt.date | None = None) -> CommitteeResult:
    c = committee_report(session, period)
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from app.reports.committee_pdf import write_committee_pdf

        out = write_committee_pdf(c, path, today)
    else:
        out = write_committee_xlsx(c, path, today)
    return CommitteeResult(out, len(c.units), [u.code for u in c.laggards])

"""`guanai report form summary`: the ministry's summary table (汇总表) of left-behind children,
per village (a township's table) or per township (a county's), with a total row.

It counts the children the per-child form is printed for (confirmed on the period's last day,
under 16 then; app.reports.child_form_data) by age band, guardianship situation and schooling,
classed by the same rules as the form. Each breakdown has a column for what the register
cannot class (其他/未登记), so the cross-checks (表间勾稽关系) hold by construction and are shown:
in every row each breakdown adds up to the row's total, and the unit rows add up to the total
row; a second sheet lists each check with both sides and its result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, parse_period
from app.models import Office
from app.models.codes import OfficeLevel
from app.reports import sheets
from app.reports.child_form_data import (
    AGE_BANDS,
    SCHOOLING,
    SITUATIONS,
    children_in_period,
    classify,
)
from app.reports.sheets import INT, SheetColumn

UNCLASSED = "unrecorded"
AGE_KEYS = tuple(k for k, *_ in AGE_BANDS)
SITUATION_KEYS = (*SITUATIONS, UNCLASSED)
SCHOOLING_KEYS = (*SCHOOLING, UNCLASSED)
BREAKDOWNS = {"age": ("年龄", AGE_KEYS), "situation": ("监护情况", SITUATION_KEYS),
              "schooling": ("就学情况", SCHOOLING_KEYS)}
HEADERS = {**{k: label for k, label, *_ in AGE_BANDS}, **SITUATIONS, **SCHOOLING}


def header(breakdown: str, key: str) -> str:
    return HEADERS.get(key, "其他/未登记" if breakdown == "situation" else "未登记")


@dataclass
class Counts:
    code: str
    name: str
    total: int = 0
    by: dict[str, dict[str, int]] = field(default_factory=lambda: {
        b: dict.fromkeys(keys, 0) for b, (_, keys) in BREAKDOWNS.items()})

    def count(self, age: int, situation: str | None, schooling: str | None) -> None:
        self.total += 1
        band = next(k for k, _, lo, hi in AGE_BANDS if lo <= max(age, 0) <= hi)
        self.by["age"][band] += 1
        self.by["situation"][situation if situation in SITUATIONS else UNCLASSED] += 1
        self.by["schooling"][schooling or UNCLASSED] += 1

    def add(self, other: Counts) -> None:
        self.total += other.total
        for b, values in other.by.items():
            for k, n in values.items():
                self.by[b][k] += n

    def sums(self) -> dict[str, int]:
        return {b: sum(v.values()) for b, v in self.by.items()}

    def holds(self) -> bool:
        return all(s == self.total for s in self.sums().values())

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "total": self.total, **{b: dict(v) for b, v in self.by.items()}}


@dataclass
class Summary:
    office_code: str
    office_name: str
    level: str
    span: Span
    units: list[Counts]
    total: Counts
    aged_out: int  # confirmed but 16 or older at the period's end: not counted

    def checks(self) -> list[tuple[str, int, int]]:
        """(what, left side, right side) of every cross-check; each holds when both are equal."""
        out = []
        for row in [*self.units, self.total]:
            who = row.name or row.code
            for b, s in row.sums().items():
                out.append((f"{who}：合计 = 按{BREAKDOWNS[b][0]}分类之和", row.total, s))
        out.append(("合计行 = 各单位之和", self.total.total, sum(u.total for u in self.units)))
        for b, (label, keys) in BREAKDOWNS.items():
            for k in keys:
                out.append((f"合计行{label}“{header(b, k)}” = 各单位之和",
                            self.total.by[b][k], sum(u.by[b][k] for u in self.units)))
        return out

    def holds(self) -> bool:
        return all(a == b for _, a, b in self.checks())


def summary(session: Session, period: str) -> Summary:
    span = parse_period(period)
    office = this_office(session)
    children, aged_out = children_in_period(session, span, office.code)
    unit_len = 9 if office.level == OfficeLevel.county else 12
    names = dict(session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.code.startswith(office.code))).all())
    units = {c: Counts(c, n) for c, n in names.items() if len(c) == unit_len}
    for c in classify(session, children, span):
        code = c.village_code[:unit_len]
        units.setdefault(code, Counts(code, names.get(code, ""))).count(c.age, c.situation, c.schooling)
    rows = [units[c] for c in sorted(units)]
    total = Counts(office.code, "合计")
    for u in rows:
        total.add(u)
    return Summary(office.code, office.name, office.level, span, rows, total, aged_out)


def _columns(unit: str) -> list[SheetColumn]:
    cols = [SheetColumn("代码", width=14), SheetColumn(unit, width=16), SheetColumn("留守儿童合计", INT, 10)]
    for b, (label, keys) in BREAKDOWNS.items():
        group = f"按{label}"
        cols += [SheetColumn(header(b, k), INT,
                        12 if k == "one_away_other_unable" else 7, group) for k in keys]
        cols.append(SheetColumn("小计", INT, 7, group))
    cols.append(SheetColumn("勾稽", width=8))
    return cols


def _row(c: Counts, code: str | None = None) -> list[object]:
    row: list[object] = [c.code if code is None else code, c.name, c.total]
    for b, (_, keys) in BREAKDOWNS.items():
        row += [c.by[b][k] for k in keys] + [sum(c.by[b].values())]
    row.append("相符" if c.holds() else "不符")
    return row


def summary_tables(s: Summary, today: dt.date | None = None) -> list[sheets.Table]:
    unit = "乡镇" if s.level == OfficeLevel.county else "村"
    span = s.span
    subtitle = (f"统计期：{span.label}（{span.start.isoformat()} 至 {span.end.isoformat()}）　统计日期：{sheets.printed_on(today)}"
                f"　口径：期末已确定、未满16周岁的留守儿童，年龄按期末计算；期末已满16周岁未退出的 {s.aged_out} 人未计入"
                f"　勾稽：每行三种分类之和均等于合计，各单位之和等于合计行（见“勾稽关系”表）")
    main = sheets.Table(name="汇总表", title=f"{s.office_name}农村留守儿童基本情况汇总表（{span.label}）",
                        subtitle=subtitle, columns=_columns(unit),
                        rows=[*(_row(u) for u in s.units), _row(s.total, "")])
    checks = sheets.Table(name="勾稽关系", title=f"{s.office_name}农村留守儿童汇总表勾稽关系（{span.label}）",
                          subtitle=f"共 {len(s.checks())} 项，{'全部相符' if s.holds() else '有不符项'}",
                          columns=[SheetColumn("序号", INT, 6), SheetColumn("检查项", width=60), SheetColumn("左边", INT, 8),
                                   SheetColumn("右边", INT, 8), SheetColumn("结果", width=8)],
                          rows=[[i, what, a, b, "相符" if a == b else "不符"]
                                for i, (what, a, b) in enumerate(s.checks(), start=1)], freeze_columns=1)
    return [main, checks]


@dataclass(frozen=True)
class SummaryResult:
    path: Path
    rows: int
    children: int
    checks_hold: bool

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "rows": self.rows, "children": self.children, "checks_hold": self.checks_hold}


def export_summary(session: Session, path: str | Path, period: str, today: dt.date | None = None) -> SummaryResult:
    s = summary(session, period)
    out = sheets.write_workbook(Path(path), summary_tables(s, today))
    return SummaryResult(out, len(s.units), s.total.total, s.holds())

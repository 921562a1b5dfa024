"""`guanai report ledger`: the four-ones ledger (四个一工作台账) of a period. One row per
recipient who owes care in the period; one column group per month (per week for a month's
ledger); in each group a column per kind of care work holding the dates it was done and a
mark for the obligations falling due in that group: ✓ done, ✗ overdue, ○ still open.

What is owed and done is the schedule engine's (app.care.schedule): the same obligations the
work bench and `status` count, so the ledger and the figures never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from openpyxl.styles import PatternFill
from sqlalchemy import Row, select, text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, parse_period, periods_between
from app.care.schedule import (
    DONE_SQL,
    FOUR_ONES,
    active_rules,
    as_day,
    dialect_of,
    owed_sql,
    rule_periods,
)
from app.care.validation import mask_id_number
from app.models import CareRecord, MicroWish, Office, Recipient
from app.models.codes import LABELS, CareKind
from app.models.codes import Period as PeriodKind
from app.reports import sheets
from app.reports.roster_export import ExportResult
from app.reports.sheets import INT, SheetColumn

DONE, OVERDUE, OPEN = "✓", "✗", "○"
KINDS = [FOUR_ONES[k] for k in ("call", "visit", "wish", "aid")]
SHORT = {CareKind.phone_followup: "电话随访", CareKind.home_visit: "实地走访",
         CareKind.micro_wish: "微心愿", CareKind.material_aid: "物资帮扶"}
FILLS = {DONE: PatternFill("solid", fgColor="E2F0D9"), OVERDUE: PatternFill("solid", fgColor="F8D7DA"),
         OPEN: PatternFill("solid", fgColor="FFF3CD")}
MAX_DATES = 3


def groups_of(span: Span) -> list[Span]:
    """Months of a quarter or half year, weeks of a month, the week itself."""
    if span.kind in (PeriodKind.quarter, PeriodKind.half_year):
        return periods_between(span.start, span.end, PeriodKind.month)
    if span.kind == PeriodKind.month:  # a week belongs to the month holding its Thursday
        weeks = periods_between(span.start, span.end, PeriodKind.week)
        return [w for w in weeks if w.start + dt.timedelta(days=3) in span]
    return [span]


def _group_label(g: Span) -> str:
    if g.kind == PeriodKind.month:
        return f"{g.start.month}月"
    return f"{g.start.month}/{g.start.day}–{g.end.month}/{g.end.day}"


def _index(groups: list[Span], day: dt.date) -> int:
    """The group a day falls in; days before the first or after the last go to that end."""
    for i, g in enumerate(groups):
        if day <= g.end:
            return i
    return len(groups) - 1


class _Cell:
    __slots__ = ("dates", "done", "open", "overdue")

    def __init__(self) -> None:
        self.dates: list[dt.date] = []
        self.done = self.overdue = self.open = 0

    def text(self) -> str | None:
        owed = self.done + self.overdue + self.open
        mark = OVERDUE if self.overdue else OPEN if self.open else DONE if self.done else ""
        if owed > 1:
            mark += f"{self.done}/{owed}"
        days = sorted(set(self.dates))
        shown = "、".join(f"{d.month}/{d.day}" for d in days[:MAX_DATES]) + ("…" if len(days) > MAX_DATES else "")
        return " ".join(x for x in (mark, shown) if x) or None


def ledger_rows(session: Session, period: str, today: dt.date | None = None
                ) -> tuple[Span, list[Span], list[list[object]]]:
    span = parse_period(period)
    today = today or dt.date.today()
    office = this_office(session)
    groups = groups_of(span)
    periods = rule_periods(active_rules(session), span.start, span.end)
    cells: dict[str, dict[tuple[int, str], _Cell]] = defaultdict(lambda: defaultdict(_Cell))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # owed, done, overdue
    if periods:
        sql, params = owed_sql(periods, "AND r.village_code LIKE :prefix", dialect_of(session))
        params["prefix"] = f"{office.code}%"
        for rid, kind, ps, pe, done in session.execute(
                text(sql + f"SELECT o.rid, o.kind, o.ps, o.pe, {DONE_SQL} FROM o"), params):
            due = as_day(pe)
            # An obligation shows in the group it falls due in; a week in the month (or week)
            # holding its Thursday, as the schedule counts it.
            start = as_day(ps)
            anchor = start + dt.timedelta(days=3) if (due - start).days == 6 else due
            c = cells[rid][(_index(groups, anchor), kind)]
            t = totals[rid]
            t[0] += 1
            if done:
                c.done += 1
                t[1] += 1
            elif due < today:
                c.overdue += 1
                t[2] += 1
            else:
                c.open += 1
    ids = list(cells)
    _add_dates(session, ids, span, groups, cells)
    # (id, name, id_number, village_code, categories, key_monitoring, name_pinyin)
    people: list[Row[str, str, str, str, tuple[str, ...], bool, str]] = []
    for i in range(0, len(ids), 500):
        people += session.execute(select(
            Recipient.id, Recipient.name, Recipient.id_number, Recipient.village_code, Recipient.categories,
            Recipient.key_monitoring, Recipient.name_pinyin).where(Recipient.id.in_(ids[i:i + 500]))).all()
    villages = dict(session.execute(select(Office.code, Office.name)).all())
    people.sort(key=lambda p: (p.village_code, p.name_pinyin, p.id))
    rows: list[list[object]] = []
    for n, p in enumerate(people, start=1):
        row: list[object] = [n, p.name, mask_id_number(p.id_number), villages.get(p.village_code, p.village_code),
                             "、".join(LABELS[c][0] for c in p.categories), "是" if p.key_monitoring else ""]
        mine = cells[p.id]
        for g in range(len(groups)):
            for kind in KINDS:
                cell = mine.get((g, kind))
                row.append(cell.text() if cell is not None else None)
        row.extend(totals[p.id])
        rows.append(row)
    return span, groups, rows


def _add_dates(session: Session, ids: list[str], span: Span, groups: list[Span],
               cells: dict[str, dict[tuple[int, str], _Cell]]) -> None:
    """The dates care work was done, in the group they fall in."""
    start, end = min(span.start, groups[0].start), max(span.end, groups[-1].end)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        records = session.execute(select(CareRecord.recipient_id, CareRecord.kind, CareRecord.occurred_on).where(
            CareRecord.recipient_id.in_(chunk), CareRecord.deleted.is_(False),
            CareRecord.occurred_on.between(start, end),
            (CareRecord.kind != CareKind.phone_followup.value) | CareRecord.reached.is_(True)))
        wishes = session.execute(select(MicroWish.recipient_id, MicroWish.fulfilled_on).where(
            MicroWish.recipient_id.in_(chunk), MicroWish.deleted.is_(False), MicroWish.stage == "fulfilled",
            MicroWish.fulfilled_on.between(start, end)))
        found = [(r, k, d) for r, k, d in records] + [(r, CareKind.micro_wish.value, d) for r, d in wishes
                                                         if d is not None]  # (none: `between` above)
        for rid, kind, day in found:
            g = _index(groups, day)
            if groups[g].start <= day <= groups[g].end:
                cells[rid][(g, kind)].dates.append(day)


def ledger_table(office_name: str, span: Span, groups: list[Span], rows: list[list[object]],
                 today: dt.date | None = None) -> sheets.Table:
    columns = [SheetColumn("序号", INT), SheetColumn("姓名"), SheetColumn("身份证号"), SheetColumn("所在村"), SheetColumn("类别"),
               SheetColumn("重点监护", width=6)]
    for g in groups:
        columns += [SheetColumn(SHORT[CareKind(k)], width=13, group=_group_label(g)) for k in KINDS]
    columns += [SheetColumn("应做", INT, 6, group="合计"), SheetColumn("已做", INT, 6, group="合计"),
                SheetColumn("逾期", INT, 6, group="合计")]
    first = 6

    def fill(col: int, value: object) -> PatternFill | None:
        if col < first or not isinstance(value, str) or not value:
            return None
        return FILLS.get(value[0])

    return sheets.Table(
        name="四个一台账", title=f"{office_name}关爱对象“四个一”工作台账（{span.label}）",
        subtitle=(f"期间：{span.start.isoformat()} 至 {span.end.isoformat()}　　截至 {sheets.printed_on(today)}　　"
                  f"{DONE} 已完成　{OVERDUE} 逾期未做　{OPEN} 未到期；日期为实际开展日期；多次的写作 已做/应做"),
        columns=columns, rows=rows, freeze_columns=2, fills=fill)


def export_ledger(session: Session, path: str | Path, period: str, *,
                  today: dt.date | None = None) -> ExportResult:
    span, groups, rows = ledger_rows(session, period, today)
    table = ledger_table(this_office(session).name, span, groups, rows, today)
    out = sheets.write_workbook(path, [table])
    return ExportResult(out, len(rows), table.title)

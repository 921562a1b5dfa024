"""`guanai report subsidies`: the mutual-aid subsidy ledger (互助家庭补贴发放台账) of a period:
each payment to a mutual-aid family whose subsidy period overlaps it (who, for which period,
how much, paid when, from which fund), the people the family looks after and their monthly
standard, families looked after in the period with no payment marked 未发放, and the totals
paid and not yet paid, apart: a payment recorded without a date paid is money still owed,
never part of what was paid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, parse_period
from app.models import MutualAidAssignment, MutualAidFamily, Office, Recipient, SubsidyPayment
from app.reports import sheets
from app.reports.roster_export import ExportResult
from app.reports.sheets import DATE, ID, INT, MONEY, SheetColumn

COLUMNS = (SheetColumn("序号", INT), SheetColumn("所在村"), SheetColumn("互助家庭户主"), SheetColumn("联系电话", ID),
           SheetColumn("照料对象"), SheetColumn("月补贴标准（元）", MONEY), SheetColumn("补贴期间起", DATE),
           SheetColumn("补贴期间止", DATE), SheetColumn("发放金额（元）", MONEY), SheetColumn("发放日期", DATE),
           SheetColumn("资金来源"), SheetColumn("备注"))
UNPAID = "未发放"
PAID_TOTAL, UNPAID_TOTAL = "已发放合计", "未发放合计"
TOTAL_ROWS = 2


def subsidy_rows(session: Session, span: Span) -> list[list[object]]:
    office = this_office(session)
    families = {f.id: f for f in session.scalars(select(MutualAidFamily).where(
        MutualAidFamily.deleted.is_(False), MutualAidFamily.village_code.startswith(office.code)))}
    villages = dict(session.execute(select(Office.code, Office.name)).all())
    cared: dict[str, list[str]] = defaultdict(list)
    monthly: dict[str, int] = defaultdict(int)
    q = (select(MutualAidAssignment.family_id, Recipient.name, MutualAidAssignment.monthly_subsidy_fen)
         .join(Recipient, Recipient.id == MutualAidAssignment.recipient_id)
         .where(MutualAidAssignment.deleted.is_(False), MutualAidAssignment.start_date <= span.end,
                or_(MutualAidAssignment.end_date.is_(None), MutualAidAssignment.end_date >= span.start))
         .order_by(MutualAidAssignment.start_date))
    for fid, name, fen in session.execute(q):
        if fid in families:
            cared[fid].append(name)
            monthly[fid] += fen
    payments = session.scalars(select(SubsidyPayment).where(
        SubsidyPayment.deleted.is_(False), SubsidyPayment.family_id.in_(list(families)),
        SubsidyPayment.period_start <= span.end, SubsidyPayment.period_end >= span.start)
        .order_by(SubsidyPayment.period_start, SubsidyPayment.paid_on)).all()
    by_family: dict[str, list[SubsidyPayment]] = defaultdict(list)
    for p in payments:
        by_family[p.family_id].append(p)
    order = sorted(set(by_family) | set(cared), key=lambda fid: (families[fid].village_code, families[fid].head_name, fid))
    rows: list[list[object]] = []
    paid = unpaid = 0
    paid_families: set[str] = set()
    unpaid_families: set[str] = set()
    for fid in order:
        f = families[fid]
        common = [villages.get(f.village_code, f.village_code), f.head_name, f.phone,
                  "、".join(cared.get(fid, [])) or None, monthly.get(fid) or None]
        if not by_family.get(fid):
            rows.append([len(rows) + 1, *common, span.start, span.end, None, None, None, UNPAID])
            unpaid_families.add(fid)
            continue
        for p in by_family[fid]:
            if p.paid_on is not None:
                paid += p.amount_fen
                paid_families.add(fid)
            else:
                unpaid += p.amount_fen
                unpaid_families.add(fid)
            rows.append([len(rows) + 1, *common, p.period_start, p.period_end, p.amount_fen, p.paid_on,
                         p.fund_source, p.note if p.paid_on else (p.note or UNPAID)])
    rows.append([None, PAID_TOTAL, None, None, None, None, None, None, paid, None, None,
                 f"{len(paid_families)} 户已发放"])
    rows.append([None, UNPAID_TOTAL, None, None, None, None, None, None, unpaid, None, None,
                 f"{len(unpaid_families)} 户有未发放（无发放记录的不计金额）"])
    return rows


def subsidy_table(office_name: str, span: Span, rows: list[list[object]],
                  today: dt.date | None = None) -> sheets.Table:
    return sheets.Table(
        name="补贴台账", title=f"{office_name}互助家庭补贴发放台账（{span.label}）",
        subtitle=f"期间：{span.start.isoformat()} 至 {span.end.isoformat()}　　制表日期：{sheets.printed_on(today)}　　金额单位：元",
        columns=COLUMNS, rows=rows, freeze_columns=3)


def export_subsidies(session: Session, path: str | Path, period: str) -> ExportResult:
    span = parse_period(period)
    rows = subsidy_rows(session, span)
    table = subsidy_table(this_office(session).name, span, rows)
    out = sheets.write_workbook(path, [table])
    return ExportResult(out, len(rows) - TOTAL_ROWS, table.title)

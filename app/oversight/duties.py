"""The township's own duties (issue 13, point 7): its work bench lists what the township must
do, not every recipient's calls (those stay one click away, per village):

* `supervision_due` — a village with no supervision visit yet this quarter (每季度一督导);
* `silent` — a village from which no bundle came for over SILENT_DAYS days, or never;
* `forward_reported` — recipients a village reported that have not gone up to the county in
  a bundle yet (one row per village);
* `assessment_due` — a village without this half year's submitted assessment (due on its last
  day), or without the last half year's (overdue); a draft is named but does not count.

Each kind comes from a source: a function (session, scope) -> [Duty]. `SOURCES` lists them;
another kind of duty (rectification items past their deadline, from the supervision work) is
added by appending its function there. `duties` runs them all and orders the rows: overdue
first, then by due date (none last), then by village.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import Span, period_of
from app.models import Office, SemiannualAssessment, SupervisionVisit, SyncBundle
from app.models.codes import AssessmentStatus, OfficeLevel
from app.models.codes import Period as PeriodKind
from app.oversight.overview import LastBundle, last_bundles

SILENT_DAYS = 30


@dataclass(frozen=True)
class Duty:
    kind: str
    unit_code: str  # the village concerned (a township, at the county)
    unit_name: str
    due: dt.date | None
    overdue: bool
    zh: str
    en: str
    count: int = 1  # how many things the row stands for (recipients to forward)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["due"] = self.due.isoformat() if self.due else None
        return out

    def sort_key(self) -> tuple[Any, ...]:
        return (not self.overdue, self.due is None, self.due or dt.date.max, self.unit_code, self.kind)


@dataclass(frozen=True)
class Scope:
    """What a source looks at: this office, the villages under it, and the day."""

    office_code: str
    parent_code: str | None
    villages: dict[str, str]  # code -> name
    on: dt.date
    townships: dict[str, str] = field(default_factory=dict)  # at a county: code -> name


Source = Callable[[Session, Scope], list[Duty]]


def supervision_due(session: Session, scope: Scope) -> list[Duty]:
    quarter = period_of(scope.on, PeriodKind.quarter)
    visited = set(session.scalars(select(SupervisionVisit.village_code).where(
        SupervisionVisit.deleted.is_(False), SupervisionVisit.visited_on.between(quarter.start, quarter.end),
        SupervisionVisit.village_code.startswith(scope.office_code))))
    return [Duty("supervision_due", code, name, quarter.end, False,
                 f"{name}：本季度（{quarter.label}）尚未督导，{quarter.end.isoformat()} 前完成。",
                 f"{name}: no supervision visit yet in {quarter.label}; due by {quarter.end.isoformat()}.")
            for code, name in scope.villages.items() if code not in visited]


def is_silent(last: LastBundle | None) -> bool:
    """No bundle from the office for over SILENT_DAYS days, or never."""
    return last is None or last.days > SILENT_DAYS


def silent_offices(offices: dict[str, str], bundles: dict[str, LastBundle], *, unit_zh: str, unit_en: str,
                   contact: str) -> list[Duty]:
    """A `silent` row for each office (code -> name) that is_silent: the township's villages,
    the county's townships. `unit_zh`/`unit_en` name the kind of office, `contact` whom to call."""
    out = []
    for code, name in offices.items():
        last = bundles.get(code)
        if last is None:
            out.append(Duty("silent", code, name, None, True, f"{name}：从未收到该{unit_zh}的数据包，请联系{contact}。",
                            f"{name}: no bundle ever received from this {unit_en}."))
        elif last.days > SILENT_DAYS:
            out.append(Duty("silent", code, name, None, True,
                            f"{name}：已 {last.days} 天没有收到数据包（最近一次 {last.received.isoformat()}，第{last.sequence}号）。",
                            f"{name}: no bundle for {last.days} days (last: #{last.sequence} on {last.received.isoformat()})."))
    return out


def silent_villages(session: Session, scope: Scope) -> list[Duty]:
    return silent_offices(scope.villages, last_bundles(session, scope.on), unit_zh="村", unit_en="village",
                          contact="福利主任")


def reported_to_forward(session: Session, scope: Scope) -> list[Duty]:
    """Reported recipients whose record changed after the last bundle sent to the parent
    office (by the change log's position), counted per village."""
    sent = 0
    if scope.parent_code:
        sent = session.scalar(select(func.max(SyncBundle.change_seq)).where(
            SyncBundle.way == "out", SyncBundle.to_office == scope.parent_code)) or 0
    rows = session.execute(text("""
        SELECT r.village_code, count(*), min(r.status_date) FROM recipients r
        LEFT JOIN sync_changes c ON c.table_name = 'recipients' AND c.record_id = r.id
        WHERE r.deleted = FALSE AND r.status = 'reported' AND r.village_code LIKE :prefix
          AND (c.seq IS NULL OR c.seq > :sent)
        GROUP BY r.village_code"""), {"prefix": f"{scope.office_code}%", "sent": sent})
    out = []
    for code, n, since in rows:
        name = scope.villages.get(code, code)
        since_text = since.isoformat() if isinstance(since, dt.date) else str(since)
        out.append(Duty("forward_reported", code, name, None, False,
                        f"{name}：{n} 名已上报的对象尚未报送县里（最早 {since_text} 上报），请导出数据包给县民政局。",
                        f"{name}: {n} reported recipients not yet sent to the county (the first reported "
                        f"{since_text}); export a bundle to the county.", int(n)))
    return out


def assessed_halves(session: Session, scope: Scope, *, submitted_only: bool) -> tuple[Span, Span, set[tuple[str, str]]]:
    """This half year, the last one, and the (village, half year) pairs under the office that
    have an assessment of either (only a submitted one counts when `submitted_only`)."""
    half = period_of(scope.on, PeriodKind.half_year)
    last_half = period_of(half.start - dt.timedelta(days=1), PeriodKind.half_year)
    query = select(SemiannualAssessment.village_code, SemiannualAssessment.period).where(
        SemiannualAssessment.deleted.is_(False),
        SemiannualAssessment.period.in_([half.label, last_half.label]),
        SemiannualAssessment.village_code.startswith(scope.office_code))
    if submitted_only:
        query = query.where(SemiannualAssessment.status == AssessmentStatus.submitted.value)
    return half, last_half, {(v, p) for v, p in session.execute(query)}


def assessments_due(session: Session, scope: Scope) -> list[Duty]:
    """A half year's assessment is done when submitted: a draft neither counts nor locks the
    village's records, so it stays among the duties, saying a draft is waiting."""
    half, last_half, submitted = assessed_halves(session, scope, submitted_only=True)
    _half, _last, started = assessed_halves(session, scope, submitted_only=False)
    out = []
    for code, name in scope.villages.items():
        if (code, last_half.label) not in submitted:
            draft = (code, last_half.label) in started
            out.append(Duty("assessment_due", code, name, last_half.end, True,
                            f"{name}：{last_half.label} 半年考核"
                            f"{'有草稿尚未提交' if draft else '尚未完成'}（应于 {last_half.end.isoformat()} 前）。",
                            f"{name}: the {last_half.label} assessment is "
                            f"{'a draft, not submitted' if draft else 'missing'} (due {last_half.end.isoformat()})."))
        if (code, half.label) not in submitted:
            draft = (code, half.label) in started
            out.append(Duty("assessment_due", code, name, half.end, False,
                            f"{name}：{half.label} 半年考核{'（草稿）请核对后提交' if draft else ''}，"
                            f"{half.end.isoformat()} 前完成。",
                            f"{name}: the {half.label} assessment{' (a draft: check and submit it)' if draft else ''}, "
                            f"due by {half.end.isoformat()}."))
    return out


def items_past_deadline(session: Session, scope: Scope) -> list[Duty]:
    """Rectification items whose deadline has passed and that the village has not closed."""
    rows = session.execute(text("""
        SELECT i.village_code, count(*), min(i.deadline) FROM rectification_items i
        WHERE i.deleted = FALSE AND i.status <> 'done' AND i.deadline < :on AND i.village_code LIKE :prefix
        GROUP BY i.village_code"""), {"on": scope.on.isoformat(), "prefix": f"{scope.office_code}%"})
    out = []
    for code, n, first in rows:
        name = scope.villages.get(code, code)
        due = first if isinstance(first, dt.date) else dt.date.fromisoformat(str(first))
        out.append(Duty("rectification_overdue", code, name, due, True,
                        f"{name}：{n} 项整改事项已过期限未完成（最早 {due.isoformat()} 到期），请督促落实。",
                        f"{name}: {n} rectification item(s) past their deadline (first due {due.isoformat()}).",
                        int(n)))
    return out


SOURCES: list[Source] = [supervision_due, silent_villages, reported_to_forward, assessments_due,
                         items_past_deadline]


def scope_of(session: Session, on: dt.date) -> Scope:
    office = this_office(session)
    villages = {c: n for c, n in session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
        Office.code.startswith(office.code)).order_by(Office.code))}
    townships = {c: n for c, n in session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.township.value,
        Office.code.startswith(office.code)).order_by(Office.code))} if office.level == OfficeLevel.county else {}
    return Scope(office.code, office.parent_code, villages, on, townships)


def duties(session: Session, on: dt.date | None = None,
           sources: list[Source] | None = None) -> list[Duty]:
    """This office's own duties on `on` (default today), most pressing first: a township's
    (SOURCES), or a county's per township (app.oversight.county_duties)."""
    scope = scope_of(session, on or dt.date.today())
    if sources is None:
        sources = SOURCES
        if len(scope.office_code) == 6:
            from app.oversight.county_duties import COUNTY_SOURCES

            sources = COUNTY_SOURCES
    rows = [d for source in sources for d in source(session, scope)]
    return sorted(rows, key=Duty.sort_key)

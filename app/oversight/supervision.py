"""Quarterly supervision (每季度一督导, issue 13 point 2): the supervisor's visit to a village —
date, supervisors, the four-ones figures of the village and quarter frozen at the visit, what
was checked, findings — and its rectification items (整改事项), each with a deadline, a
person at the village and a status. Items travel down to the village in the next bundle,
where open ones are among the director's tasks; closing one (date, note, photos) travels
back up. An item's status is stored as open or done; an open item past its deadline reads
as overdue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ValidationError
from app.care.periods import Span, parse_period, period_of
from app.care.schedule import compliance
from app.models import Office, RectificationItem, SupervisionVisit
from app.models.codes import OfficeLevel, RectificationStatus
from app.oversight.common import above_village, person, village_of

OVERDUE = "overdue"


@dataclass(frozen=True)
class NewItem:
    text: str
    deadline: dt.date
    person: str | None = None


@dataclass(frozen=True)
class ItemView:
    id: str
    visit_id: str
    village_code: str
    text: str
    deadline: dt.date
    person: str | None
    status: str  # open | done | overdue
    closed_on: dt.date | None
    close_note: str | None
    closed_by: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "deadline": self.deadline.isoformat(), "status": self.status,
                "person": self.person, "village_code": self.village_code, "visit_id": self.visit_id,
                "closed_on": self.closed_on.isoformat() if self.closed_on else None,
                "close_note": self.close_note, "closed_by": self.closed_by}


@dataclass(frozen=True)
class VisitView:
    id: str
    village_code: str
    village_name: str
    period: str
    visited_on: dt.date
    supervisor: str
    checked: str | None
    findings: tuple[str, ...]
    figures: dict[str, Any]
    office_code: str
    items: tuple[ItemView, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "village_code": self.village_code, "village_name": self.village_name,
                "period": self.period, "date": self.visited_on.isoformat(), "by": self.supervisor,
                "checked": self.checked, "findings": list(self.findings), "figures": self.figures,
                "office": self.office_code, "items": [i.to_json() for i in self.items]}


def item_status(item: RectificationItem, on: dt.date) -> str:
    if item.status == RectificationStatus.done:
        return RectificationStatus.done.value
    return OVERDUE if item.deadline < on else RectificationStatus.open.value


def _item_view(item: RectificationItem, on: dt.date) -> ItemView:
    return ItemView(item.id, item.visit_id, item.village_code, item.text, item.deadline, item.person,
                    item_status(item, on), item.closed_on, item.close_note, item.closed_by)


def _lines(texts: Sequence[str]) -> list[str]:
    return [t.strip() for t in texts if t and t.strip()]


def visit_figures(session: Session, village: str, span: Span) -> dict[str, Any]:
    """The four-ones figures of the village for the quarter, as `guanai status` gives them."""
    figures = [f for f in compliance(session, span, village) if f.code == village]
    return figures[0].to_json() if figures else {}


def record_visit(session: Session, actor: Actor, *, village: str, visited_on: dt.date, by: str,
                 findings: Sequence[str] = (), checked: str | None = None,
                 items: Sequence[NewItem] = ()) -> VisitView:
    """Record one visit with its findings and rectification items (one transaction)."""
    office = above_village(session, "督导记录", "A supervision visit")
    target = village_of(session, office, village)
    by = (by or "").strip()
    if not by:
        raise ValidationError("督导人员：请填写督导人员姓名。", "Name the supervisor(s) (--by).", field="by")
    for it in items:
        if not it.text.strip():
            raise ValidationError("整改事项：内容不能为空。", "A rectification item needs a text.", field="item")
        if it.deadline < visited_on:
            raise ValidationError(f"整改事项“{it.text[:20]}”：整改期限 {it.deadline} 早于督导日期 {visited_on}。",
                                  f"Item '{it.text[:20]}': its deadline is before the visit.", field="deadline")
    span = period_of(visited_on, "quarter")
    figures = visit_figures(session, target.code, span)
    visit = writes.create(session, actor, SupervisionVisit, village_code=target.code, period=span.label,
                          visited_on=visited_on, supervisor=by[:50], findings="\n".join(_lines(findings)) or None,
                          checked=(checked or "").strip() or None,
                          figures_json=json.dumps(figures, ensure_ascii=False, sort_keys=True))
    made = [writes.create(session, actor, RectificationItem, visit_id=visit.id, village_code=target.code,
                          text=it.text.strip(), deadline=it.deadline, person=(it.person or "").strip() or None,
                          status=RectificationStatus.open.value)
            for it in items]
    return _visit_view(visit, target.name, made, dt.date.today())


def _visit_view(visit: SupervisionVisit, name: str, items: Sequence[RectificationItem], on: dt.date) -> VisitView:
    return VisitView(visit.id, visit.village_code, name, visit.period, visit.visited_on, visit.supervisor,
                     visit.checked, tuple((visit.findings or "").splitlines()),
                     json.loads(visit.figures_json) if visit.figures_json else {}, visit.origin_office,
                     tuple(_item_view(i, on) for i in sorted(items, key=lambda i: (i.deadline, i.id))))


def list_visits(session: Session, *, period: str | None = None, village: str | None = None,
                on: dt.date | None = None) -> list[VisitView]:
    """Visits of this office's area (newest first) with their items; `period` a quarter,
    half year, month or year-week as `guanai status` takes it."""
    on = on or dt.date.today()
    office = this_office(session)
    q = select(SupervisionVisit).where(SupervisionVisit.deleted.is_(False),
                                       SupervisionVisit.village_code.like(f"{office.code}%"))
    if village:
        q = q.where(SupervisionVisit.village_code == village.strip())
    if period:
        span = parse_period(period)
        q = q.where(SupervisionVisit.visited_on >= span.start, SupervisionVisit.visited_on <= span.end)
    visits = list(session.scalars(q.order_by(SupervisionVisit.visited_on.desc(), SupervisionVisit.id)))
    if not visits:
        return []
    items: dict[str, list[RectificationItem]] = {}
    for it in session.scalars(select(RectificationItem).where(
            RectificationItem.deleted.is_(False), RectificationItem.visit_id.in_([v.id for v in visits]))):
        items.setdefault(it.visit_id, []).append(it)
    names = dict(session.execute(select(Office.code, Office.name).where(
        Office.code.in_({v.village_code for v in visits}))).all())
    return [_visit_view(v, names.get(v.village_code, ""), items.get(v.id, []), on) for v in visits]


def get_visit(session: Session, visit_id: str, on: dt.date | None = None) -> VisitView:
    visit = session.get(SupervisionVisit, (visit_id or "").strip())
    office = this_office(session)
    if visit is None or visit.deleted or not visit.village_code.startswith(office.code):
        raise NotFoundError(f"找不到督导记录 {visit_id}。", f"No supervision visit {visit_id}.", field="visit")
    items = session.scalars(select(RectificationItem).where(
        RectificationItem.visit_id == visit.id, RectificationItem.deleted.is_(False))).all()
    name = session.scalars(select(Office.name).where(Office.code == visit.village_code)).first()
    return _visit_view(visit, name or "", items, on or dt.date.today())


def open_items(session: Session, prefix: str, on: dt.date | None = None) -> list[ItemView]:
    """Open rectification items of villages under `prefix` (a village's own at a village), by
    deadline: what the director's tasks show."""
    on = on or dt.date.today()
    rows = session.scalars(select(RectificationItem).where(
        RectificationItem.deleted.is_(False), RectificationItem.status == RectificationStatus.open.value,
        RectificationItem.village_code.like(f"{prefix}%")).order_by(RectificationItem.deadline, RectificationItem.id))
    return [_item_view(i, on) for i in rows]


def close_item(session: Session, actor: Actor, item_id: str, *, closed_on: dt.date, note: str,
               by: str | None = None) -> ItemView:
    """Mark an item done (at the village, or at the township), with the date and a note."""
    item = session.get(RectificationItem, (item_id or "").strip())
    office = this_office(session)
    if item is None or item.deleted or not (item.village_code.startswith(office.code)
                                             or office.code.startswith(item.village_code)):
        raise NotFoundError(f"找不到整改事项 {item_id}。", f"No rectification item {item_id}.", field="item")
    if item.status == RectificationStatus.done:
        raise ValidationError(f"整改事项“{item.text[:20]}”已于 {item.closed_on} 整改完成。",
                              f"The item was already closed on {item.closed_on}.", field="item")
    note = (note or "").strip()
    if not note:
        raise ValidationError("整改情况：请写明整改情况。", "Say what was done (--note).", field="note")
    visit = session.get(SupervisionVisit, item.visit_id)
    if visit is not None and closed_on < visit.visited_on:
        raise ValidationError(f"整改日期 {closed_on} 早于督导日期 {visit.visited_on}。",
                              "The closing date is before the visit.", field="date")
    writes.update(session, actor, item, status=RectificationStatus.done.value, closed_on=closed_on,
                  close_note=note, closed_by=(by or person(session, actor))[:50] or None)
    return _item_view(item, closed_on)


def figures_rows(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The frozen figures as (what, done/owed, rate) rows for the record and the page."""
    words = {"call": "电话随访", "visit": "实地走访", "wish": "微心愿", "aid": "物资帮扶"}
    rows = []
    for k, zh in words.items():
        f = (figures.get("four_ones") or {}).get(k) or {}
        rate = f.get("rate")
        rows.append((zh, f"{f.get('done', 0)}/{f.get('owed', 0)}", "—" if rate is None else f"{rate:.0%}"))
    for k, zh, done in (("agreements", "协议签订", "signed"), ("responsibilities", "责任落实", "assigned")):
        f = figures.get(k) or {}
        owed = f.get("needed", 0)
        rows.append((zh, f"{f.get(done, 0)}/{owed}", f"{f.get(done, 0) / owed:.0%}" if owed else "—"))
    return rows


def unvisited_villages(session: Session, prefix: str, start: dt.date, end: dt.date) -> dict[str, str]:
    """The villages under `prefix` with no supervision visit dated from `start` to `end`
    (每季度一督导: the township's overview and duties, and the county's, read it), code → name."""
    villages = dict(session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
        Office.code.startswith(prefix)).order_by(Office.code)).all())
    visited = set(session.scalars(select(SupervisionVisit.village_code).where(
        SupervisionVisit.deleted.is_(False), SupervisionVisit.visited_on.between(start, end),
        SupervisionVisit.village_code.startswith(prefix))))
    return {code: name for code, name in villages.items() if code not in visited}

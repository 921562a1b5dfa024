"""`guanai tasks`: the week's work of a director, in the order to do it.

A task is a rule period a confirmed recipient owes and that is not done yet (see
app.care.schedule for what owed and done mean): the current period of each rule, due on its
last day, and earlier periods of the last year that were missed, shown as one overdue task
per recipient and kind with how many periods were missed and since when, for as long as the
current period is not done either. Order: overdue
first, then key-monitoring recipients, then by due date, then by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.periods import period_of
from app.care.schedule import DONE_SQL, active_rules, as_day, dialect_of, owed_sql, rule_periods
from app.models import Recipient

LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class Task:
    recipient_id: str
    name: str
    village_code: str
    key_monitoring: bool
    kind: str
    period_start: dt.date
    due: dt.date  # the period's last day
    overdue: bool
    missed: int  # periods missed, for an overdue task
    item_id: str | None = None  # a rectification item (kind "rectification"): no recipient;
    # a follow-up item (kind "follow_up"): its recipient, and the problem in `detail`
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["due"] = self.due.isoformat()
        d["period_start"] = self.period_start.isoformat()
        return d


RECTIFICATION = "rectification"


def rectification_tasks(session: Session, prefix: str, on: dt.date, *, overdue_only: bool = False) -> list[Task]:
    """The open rectification items of villages under `prefix` (issue 13): a task each, due on
    its deadline, overdue after it. The item's text stands where a recipient's name would."""
    rows = session.execute(text(
        "SELECT i.id, i.text, i.village_code, v.visited_on, i.deadline FROM rectification_items i "
        "LEFT JOIN supervision_visits v ON v.id = i.visit_id "
        "WHERE i.deleted = FALSE AND i.status = 'open' AND i.village_code LIKE :prefix"),
        {"prefix": f"{prefix}%"}).all()
    out = []
    for iid, body, village, visited, deadline in rows:
        due = as_day(deadline)
        if overdue_only and due >= on:
            continue
        out.append(Task("", body, village, False, RECTIFICATION, as_day(visited) if visited else due, due,
                        due < on, 1 if due < on else 0, iid))
    return out


FOLLOW_UP = "follow_up"


def follow_up_tasks(session: Session, prefix: str, on: dt.date, *, overdue_only: bool = False) -> list[Task]:
    """The open follow-up items of the recipients under `prefix` (issue 14, point 9): a task
    each, due on its due date, overdue after it, until closed (app.care.followups)."""
    rows = session.execute(text(
        "SELECT f.id, f.recipient_id, r.name, r.village_code, r.key_monitoring, f.opened_on, f.due_on, f.problem "
        "FROM follow_up_items f JOIN recipients r ON r.id = f.recipient_id "
        "WHERE f.deleted = FALSE AND f.status = 'open' AND r.deleted = FALSE AND r.village_code LIKE :prefix"),
        {"prefix": f"{prefix}%"}).all()
    out = []
    for iid, rid, name, village, key, opened, due_on, problem in rows:
        due = as_day(due_on)
        if overdue_only and due >= on:
            continue
        out.append(Task(rid, name, village, bool(key), FOLLOW_UP, as_day(opened), due, due < on,
                        1 if due < on else 0, iid, problem))
    return out


def week_tasks(session: Session, on: dt.date | None = None, *, overdue_only: bool = False) -> list[Task]:
    on = on or dt.date.today()
    office = this_office(session)
    items = rectification_tasks(session, office.code, on, overdue_only=overdue_only)
    items += follow_up_tasks(session, office.code, on, overdue_only=overdue_only)
    tasks = _care_tasks(session, office.code, on, overdue_only=overdue_only) + items
    tasks.sort(key=lambda t: (not t.overdue, not t.key_monitoring, t.due, t.name, t.kind, t.recipient_id,
                              t.item_id or ""))  # a full key: the same order on every database
    return tasks


def _care_tasks(session: Session, prefix: str, on: dt.date, *, overdue_only: bool) -> list[Task]:
    week = period_of(on, "week")
    rules = active_rules(session)
    # Every rule period that has begun by the end of this week, back one year.
    periods = [(r, s) for r, s in rule_periods(rules, on - dt.timedelta(days=LOOKBACK_DAYS),
                                                   week.end + dt.timedelta(days=190))
               if s.start <= week.end]
    if not periods:
        return []
    sql, params = owed_sql(periods, "AND r.village_code LIKE :prefix", dialect_of(session))
    params["prefix"] = f"{prefix}%"
    rows = session.execute(text(sql + f"SELECT o.rid, o.kind, o.ps, o.pe FROM o WHERE NOT ({DONE_SQL})"),
                           params).all()
    by_key: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for rid, kind, ps, pe in rows:
        by_key.setdefault((rid, kind), []).append((as_day(ps), as_day(pe)))
    if not by_key:
        return []
    ids = sorted({rid for rid, _kind in by_key})
    people = {r.id: (r.name, r.village_code, r.key_monitoring)
              for r in session.scalars(select(Recipient).where(Recipient.id.in_(ids)))}
    tasks: list[Task] = []
    for (rid, kind), spans in by_key.items():
        name, village, key = people[rid]
        missed = sorted(s for s in spans if s[1] < on)
        current = sorted(s for s in spans if s[1] >= on)
        # One line per person and kind. Missed periods cannot be made up: once this period's
        # work is done the person is looked after again and the line leaves the list (the
        # misses stay in the figures). So an overdue line is the current period's work, due
        # on its last day, marked with how many periods were missed before it.
        if not current or (overdue_only and not missed):
            continue
        tasks.append(Task(rid, name, village, key, kind, current[0][0], current[0][1], bool(missed), len(missed)))
    return tasks


def overdue_recipient_ids(session: Session, on: dt.date | None = None) -> set[str]:
    """Everyone in this office's area with at least one overdue task."""
    return {t.recipient_id for t in week_tasks(session, on, overdue_only=True) if t.recipient_id}


@dataclass(frozen=True)
class RuleStanding:
    """Where one recipient stands under one kind of care work on a date."""

    kind: str
    period_start: dt.date | None  # the current period, if one is owed
    due: dt.date | None
    done: bool
    overdue: int  # earlier periods of the past year owed and not done

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "period_start": self.period_start.isoformat() if self.period_start else None,
                "due": self.due.isoformat() if self.due else None, "done": self.done, "overdue": self.overdue}


def recipient_schedule(session: Session, recipient_id: str, on: dt.date | None = None) -> list[RuleStanding]:
    """The schedule engine for one recipient: per kind, what the current period owes, whether it
    is done and when it falls due, and how many earlier periods are overdue."""
    on = on or dt.date.today()
    periods = [(r, s) for r, s in rule_periods(active_rules(session), on - dt.timedelta(days=LOOKBACK_DAYS),
                                               on + dt.timedelta(days=190)) if s.start <= on]
    if not periods:
        return []
    sql, params = owed_sql(periods, "AND r.id = :rid", dialect_of(session))
    params["rid"] = recipient_id
    rows = session.execute(text(sql + f"SELECT o.kind, o.ps, o.pe, {DONE_SQL} FROM o"), params).all()
    by_kind: dict[str, list[tuple[dt.date, dt.date, bool]]] = {}
    for kind, ps, pe, done in rows:
        by_kind.setdefault(kind, []).append((as_day(ps), as_day(pe), bool(done)))
    out = []
    for kind in sorted(by_kind):
        spans = sorted(by_kind[kind])
        current = [x for x in spans if x[1] >= on]
        overdue = sum(1 for ps, pe, done in spans if pe < on and not done)
        if current:
            ps, pe, done = current[0]
            out.append(RuleStanding(kind, ps, pe, done, overdue))
        else:
            out.append(RuleStanding(kind, None, None, True, overdue))
    return out

"""The county's review queue (issue 13, point 4): reported recipients waiting for each
department concerned (civil affairs, the disabled persons' federation, the youth league, the
women's federation) and then for the county's decision, longest wait first; and decisions
for several at once under one document number.

A batch is one transaction: every step goes through app/care/lifecycle.py as a single one
would; if any is refused (out of order, a department not concerned, a date before the last
step), every refusal is collected and raised together, and the caller's transaction rolls
back, so nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care import lifecycle
from app.care.context import Actor, this_office
from app.care.errors import ServiceError, ValidationError, ValidationErrors
from app.models import Recipient
from app.models.codes import Department

# Waiting longer than this is a failure the county (and the township) must see (warnings).
WAITING_DAYS = 30

QUEUE_SQL = """
SELECT r.id, r.name, r.village_code, r.categories, r.status, r.status_date,
       e.step, e.department, e.decision, e.decided_on
FROM recipients r
LEFT JOIN status_events e ON e.recipient_id = r.id AND e.deleted = :no AND e.step IN ('report', 'review')
WHERE r.deleted = :no AND r.status IN ('reported', 'reviewed') AND r.village_code LIKE :prefix
ORDER BY r.id, e.hlc
"""


@dataclass(frozen=True)
class QueueItem:
    """One reported recipient in the queue. `pending`: the departments still to review this
    round; `reviews`: (department, decision) of those that have; `awaiting` is "departments"
    or "county" (every department has reviewed: the county confirms or rejects)."""

    id: str
    name: str
    village_code: str
    village_name: str
    categories: tuple[str, ...]
    status: str
    reported_on: dt.date
    days_waiting: int
    pending: tuple[str, ...]
    reviews: tuple[tuple[str, str], ...]

    @property
    def awaiting(self) -> str:
        return "departments" if self.pending else "county"

    @property
    def overdue(self) -> bool:
        return self.days_waiting > WAITING_DAYS

    @property
    def refused_by(self) -> tuple[str, ...]:
        return tuple(d for d, decision in self.reviews if decision == "reject")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "village_code": self.village_code,
                "village_name": self.village_name, "categories": list(self.categories),
                "status": self.status, "reported_on": self.reported_on.isoformat(),
                "days_waiting": self.days_waiting, "departments": list(self.pending),
                "reviewed": {d: decision for d, decision in self.reviews},
                "awaiting": self.awaiting, "overdue": self.overdue}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def review_queue(session: Session, on: dt.date | None = None, *,
                 department: str | None = None) -> list[QueueItem]:
    """The queue of this office's part of the tree, longest waiting first (then village and
    name). With `department`, only those still waiting for that department."""
    on = on or dt.date.today()
    office = this_office(session)
    rows = session.execute(text(QUEUE_SQL), {"no": False, "prefix": f"{office.code}%"}).all()
    names: dict[str, str] = dict(session.execute(
        text("SELECT code, name FROM offices WHERE deleted = :no AND code LIKE :p"),
        {"no": False, "p": f"{office.code}%"}).all())
    items: list[QueueItem] = []
    i = 0
    while i < len(rows):
        rid, name, village, cats_text, status, status_date = rows[i][:6]
        reported_on: dt.date | None = None
        reviews: dict[str, str] = {}
        while i < len(rows) and rows[i][0] == rid:
            step, dept, decision, decided_on = rows[i][6:]
            if step == "report":
                reported_on, reviews = _date(decided_on), {}
            elif step == "review" and dept:
                reviews[dept] = decision
            i += 1
        cats = tuple(c for c in (cats_text or "").split(",") if c)
        concerned = lifecycle.departments_concerned(cats)
        pending = tuple(d for d in concerned if d not in reviews)
        if department is not None and department not in pending:
            continue
        since = reported_on or _date(status_date)
        items.append(QueueItem(rid, name, village, names.get(village, ""), cats, status, since,
                               (on - since).days, pending,
                               tuple((d, reviews[d]) for d in concerned if d in reviews)))
    items.sort(key=lambda q: (-q.days_waiting, q.village_code, q.name, q.id))
    return items


# ---- several at once -------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchResult:
    step: str  # review / confirm / reject
    ids: tuple[str, ...]
    doc_no: str
    decided_on: dt.date

    @property
    def count(self) -> int:
        return len(self.ids)

    def to_json(self) -> dict[str, Any]:
        return {"step": self.step, "count": self.count, "ids": list(self.ids), "doc_no": self.doc_no,
                "date": self.decided_on.isoformat()}


def _doc(doc_no: str | None) -> str:
    doc = (doc_no or "").strip()
    if not doc:
        raise ValidationError("文号：一次决定多人须填写县里决定的文号。",
                              "A document number is required for a decision.", field="doc_no")
    return doc


def _named(session: Session, rid: str, error: ServiceError) -> ValidationError:
    r = session.get(Recipient, rid)
    if r is not None and not r.deleted and r.name in error.zh:
        zh, en = f"{rid}：{error.zh}", f"{rid}: {error.en}"
    elif r is not None and not r.deleted:
        zh, en = f"{r.name}（{rid}）：{error.zh}", f"{r.name} ({rid}): {error.en}"
    else:
        zh, en = error.zh, error.en
    return ValidationError(zh, en, field=error.field)


def _batch(session: Session, ids: Sequence[str], step: str, doc: str, on: dt.date,
           one: Callable[[str], object]) -> BatchResult:
    todo = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not todo:
        raise ValidationError("请至少选择一名关爱对象。", "Choose at least one recipient.", field="ids")
    refused: list[ValidationError] = []
    for rid in todo:
        try:
            one(rid)
        except ServiceError as error:  # checked before anything of that one is written
            refused.append(_named(session, rid, error))
    if refused:
        head = ValidationError(
            f"{len(refused)} 人不能{_step_zh(step)}，{len(todo)} 人都未改动：",
            f"{len(refused)} of {len(todo)} refused; nothing was changed:", field=refused[0].field)
        raise ValidationErrors([head, *refused])
    return BatchResult(step, tuple(todo), doc, on)


def _step_zh(step: str) -> str:
    return {"review": "审核", "confirm": "确定", "reject": "不予确定"}[step]


def decide_reviews(session: Session, actor: Actor, ids: Sequence[str], *, department: str,
                   decision: str, doc_no: str | None, reason: str | None = None,
                   on: dt.date | None = None) -> BatchResult:
    """One department's review of several recipients under one document number."""
    doc, on = _doc(doc_no), on or dt.date.today()
    if department not in set(Department):
        raise ValidationError("审核部门：应为 civil_affairs、disabled_federation、youth_league 或 womens_federation。",
                              f"Unknown department {department}.", field="department")
    return _batch(session, ids, "review", doc, on, lambda rid: lifecycle.review(
        session, actor, rid, department=department, decision=decision, reason=reason, on=on, doc_no=doc))


def confirm_many(session: Session, actor: Actor, ids: Sequence[str], *, doc_no: str | None,
                 on: dt.date | None = None) -> BatchResult:
    """The county confirms several reviewed recipients under one document number."""
    doc, on = _doc(doc_no), on or dt.date.today()
    return _batch(session, ids, "confirm", doc, on,
                  lambda rid: lifecycle.confirm(session, actor, rid, doc_no=doc, on=on))


def reject_many(session: Session, actor: Actor, ids: Sequence[str], *, doc_no: str | None,
                reason: str | None, on: dt.date | None = None) -> BatchResult:
    """The county rejects several, with one reason that travels down to each village."""
    doc, on = _doc(doc_no), on or dt.date.today()
    return _batch(session, ids, "reject", doc, on,
                  lambda rid: lifecycle.reject(session, actor, rid, reason=reason, doc_no=doc, on=on))

"""Follow-up items (随访/转介事项, issue 14 point 9): a problem found on a phone follow-up or a
home visit, or a measure a third-party assessment recommends, becomes an item with the
problem, a person answerable and a due date — the plan's 及时发现、及时报告、及时处置, what
peers call a referral. An open item is listed with the director's tasks (app.care.tasks),
overdue after its due date, until it is closed with the date and what was done. The item and
its closing travel up in the bundles like any record of the recipient (app.sync.scope: the
recipient's village; app.sync.ownership: any office of the village's chain may close it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ValidationError
from app.care.recipients import get_recipient
from app.care.validation import check_name, check_not_future
from app.models import CareRecord, FollowUpItem, ThirdPartyAssessment
from app.models.codes import CareKind, FollowUpSource, FollowUpStatus

PROBLEM_LIMIT = 500  # the column's width: one item is one problem, not a report
DEFAULT_DAYS = 7  # the due date a dialog proposes: a week to deal with what was found


@dataclass(frozen=True)
class FollowUpView:
    id: str
    recipient_id: str
    name: str
    village_code: str
    source_kind: str
    source_id: str | None
    problem: str
    person: str
    opened_on: dt.date
    due_on: dt.date
    status: str  # open | closed
    closed_on: dt.date | None
    close_note: str | None
    closed_by: str | None
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("opened_on", "due_on", "closed_on"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def _problem(raw: str | None) -> str:
    problem = (raw or "").strip()
    if not problem:
        raise ValidationError("问题：请写明发现的问题或需要落实的措施。", "Say what the problem is.", field="problem")
    if len(problem) > PROBLEM_LIMIT:
        raise ValidationError(f"问题：太长（{len(problem)}字，最多{PROBLEM_LIMIT}字），详细情况请写在走访记录里。",
                              f"Problem: too long ({len(problem)} characters, {PROBLEM_LIMIT} at most).",
                              field="problem")
    return problem


def _source(session: Session, recipient_id: str, kind: str, source_id: str | None) -> str | None:
    """Check that the source record exists and concerns the same person."""
    if kind == FollowUpSource.other or not source_id:
        if kind != FollowUpSource.other:
            raise ValidationError("来源：请指明是哪次随访、走访或评估。", "Name the source record.", field="source")
        return None
    found: CareRecord | ThirdPartyAssessment | None = (
        session.get(CareRecord, source_id) if kind == FollowUpSource.care_record
        else session.get(ThirdPartyAssessment, source_id))
    if found is None or found.deleted or found.recipient_id != recipient_id:
        what = "随访或走访记录" if kind == FollowUpSource.care_record else "第三方评估"
        raise NotFoundError(f"来源：找不到此人的{what} {source_id}，请核对。",
                            f"No such source record {source_id} for this person.", field="source")
    if isinstance(found, CareRecord) and found.kind not in (CareKind.phone_followup, CareKind.home_visit):
        raise ValidationError("来源：随访事项来自电话随访或实地走访，物资帮扶请记在帮扶记录里。",
                              "A follow-up comes from a call or a visit.", field="source")
    return found.id


def open_follow_up(session: Session, actor: Actor, recipient_id: str, *, problem: str, due_on: dt.date,
                   person: str, source_kind: str = FollowUpSource.other.value, source_id: str | None = None,
                   opened_on: dt.date | None = None) -> FollowUpItem:
    """One item: the problem, who deals with it and by when. Nothing is written on a refusal."""
    r = get_recipient(session, recipient_id)
    if source_kind not in {s.value for s in FollowUpSource}:
        raise ValidationError(f"来源：“{source_kind}”无效。", f"Unknown source {source_kind}.", field="source")
    opened = check_not_future(opened_on or dt.date.today(), label="发现日期")
    clean = _problem(problem)
    who = check_name(person, field="person", label="责任人")
    if due_on < opened:
        raise ValidationError(f"处置期限：{due_on.isoformat()} 早于发现日期 {opened.isoformat()}，请核对。",
                              "The due date is before the day the problem was found.", field="due")
    src = _source(session, r.id, source_kind, source_id)
    return writes.create(session, actor, FollowUpItem, recipient_id=r.id, source_kind=source_kind, source_id=src,
                         problem=clean, person=who, opened_on=opened, due_on=due_on,
                         status=FollowUpStatus.open.value, closed_on=None, close_note=None, closed_by=None)


def from_care_record(session: Session, actor: Actor, record_id: str, *, problem: str | None, due_on: dt.date,
                     person: str) -> FollowUpItem:
    """The item a call or a visit leaves: the problem as written (the call's problems or the
    visit's findings when not given), found on the day of the call or visit."""
    rec = session.get(CareRecord, record_id)
    if rec is None or rec.deleted:
        raise NotFoundError(f"找不到随访或走访记录 {record_id}。", f"No care record {record_id}.", field="source")
    return open_follow_up(session, actor, rec.recipient_id, problem=problem or rec.problems or rec.findings or "",
                          due_on=due_on, person=person, source_kind=FollowUpSource.care_record.value,
                          source_id=rec.id, opened_on=rec.occurred_on)


def from_assessment(session: Session, actor: Actor, assessment_id: str, *, due_on: dt.date,
                    person: str) -> list[FollowUpItem]:
    """One item per recommended measure of a third-party assessment (one measure a line)."""
    a = session.get(ThirdPartyAssessment, assessment_id)
    if a is None or a.deleted:
        raise NotFoundError(f"找不到第三方评估 {assessment_id}。", f"No assessment {assessment_id}.", field="source")
    measures = [line.strip(" \t-·•、") for line in (a.recommended_measures or "").splitlines()]
    measures = [m for m in measures if m]
    if not measures:
        raise ValidationError("建议措施：这次评估没有写建议措施，无法生成随访事项。",
                              "The assessment recommends no measures.", field="source")
    return [open_follow_up(session, actor, a.recipient_id, problem=m, due_on=due_on, person=person,
                           source_kind=FollowUpSource.assessment.value, source_id=a.id, opened_on=a.assessed_on)
            for m in measures]


def _item_here(session: Session, item_id: str) -> FollowUpItem:
    item = session.get(FollowUpItem, (item_id or "").strip())
    if item is not None and not item.deleted:
        r = get_recipient(session, item.recipient_id)
        if r.village_code.startswith(this_office(session).code):
            return item
    raise NotFoundError(f"找不到随访事项 {item_id}，请核对编号（guanai followup list 可列出）。",
                        f"No follow-up item {item_id}.", field="item")


def close_follow_up(session: Session, actor: Actor, item_id: str, *, on: dt.date, note: str) -> FollowUpItem:
    """Close an item with the date and what was done (at the village, or the office above)."""
    item = _item_here(session, item_id)
    if item.status == FollowUpStatus.closed:
        raise ValidationError(f"随访事项“{item.problem[:20]}”已于 {item.closed_on} 处置完毕。",
                              f"The item was already closed on {item.closed_on}.", field="item")
    what = (note or "").strip()
    if not what:
        raise ValidationError("处置情况：请写明做了什么。", "Say what was done (--note).", field="note")
    check_not_future(on, label="处置日期")
    if on < item.opened_on:
        raise ValidationError(f"处置日期：{on.isoformat()} 早于发现日期 {item.opened_on.isoformat()}。",
                              "The closing date is before the problem was found.", field="date")
    writes.update(session, actor, item, status=FollowUpStatus.closed.value, closed_on=on, close_note=what,
                  closed_by=actor.user[:50])
    return item


def follow_ups(session: Session, *, on: dt.date | None = None, open_only: bool = True,
               recipient_id: str | None = None, prefix: str | None = None) -> list[FollowUpView]:
    """The items of this office's area (or of one recipient), overdue ones and earliest due first."""
    on = on or dt.date.today()
    area = prefix or this_office(session).code
    sql = ("SELECT f.id, f.recipient_id, r.name, r.village_code, f.source_kind, f.source_id, f.problem, f.person, "
           "f.opened_on, f.due_on, f.status, f.closed_on, f.close_note, f.closed_by "
           "FROM follow_up_items f JOIN recipients r ON r.id = f.recipient_id "
           "WHERE f.deleted = FALSE AND r.deleted = FALSE AND r.village_code LIKE :prefix")
    params: dict[str, Any] = {"prefix": f"{area}%"}
    if open_only:
        sql += " AND f.status = 'open'"
    if recipient_id:
        sql += " AND f.recipient_id = :rid"
        params["rid"] = recipient_id
    out = []
    for row in session.execute(text(sql), params):
        opened, due, closed = (_day(row[8]), _day(row[9]), _day(row[11]))
        assert opened is not None and due is not None
        out.append(FollowUpView(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], opened, due,
                                row[10], closed, row[12], row[13], row[10] == FollowUpStatus.open and due < on))
    out.sort(key=lambda v: (v.status != FollowUpStatus.open, not v.overdue, v.due_on, v.name, v.id))
    return out


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def open_count(session: Session, recipient_id: str) -> int:
    return len(session.scalars(select(FollowUpItem.id).where(
        FollowUpItem.recipient_id == recipient_id, FollowUpItem.deleted.is_(False),
        FollowUpItem.status == FollowUpStatus.open.value)).all())

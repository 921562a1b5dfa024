"""The recipient life cycle: surveyed → reported → reviewed by each department concerned →
confirmed or rejected (the county's decision) → exited. Each step is kept as a StatusEvent;
a step asked for out of order is refused and nothing is written.

The rules of the steps are pure functions of what is known of the person (`Subject`: a stored
Recipient, or a record new in a batch, app.care.bulk.Pending) and of the current round's
reviews: `check_date`, `check_review`, `check_confirm_ready`, `check_confirm_facts`,
`check_reject`, `check_exit`, `step_values`. The services below apply them one by one through
app.care.writes; app.care.bulk.Registrations applies the same functions to a batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import LifecycleError, ValidationError
from app.care.recipients import get_recipient, rule_facts
from app.care.validation import (
    CategoryFacts,
    category_rule_errors,
    check_not_future,
    condition_errors,
)
from app.models import Recipient, StatusEvent
from app.models.codes import (
    Category,
    Decision,
    DecisionSource,
    Department,
    LifecycleStep,
    OfficeLevel,
    Status,
)


def departments_concerned(categories: tuple[str, ...] | list[str]) -> list[str]:
    """Civil affairs always; the disabled persons' federation for disability, the youth
    league for children, the women's federation for women."""
    depts = [Department.civil_affairs.value]
    if Category.severe_disability in categories:
        depts.append(Department.disabled_federation.value)
    if Category.left_behind_child in categories:
        depts.append(Department.youth_league.value)
    if Category.left_behind_woman in categories:
        depts.append(Department.womens_federation.value)
    return depts


def current_reviews(session: Session, r: Recipient) -> dict[str, StatusEvent]:
    """The reviews of the current round: those since the latest report."""
    events = session.scalars(select(StatusEvent).where(
        StatusEvent.recipient_id == r.id, StatusEvent.deleted.is_(False)).order_by(StatusEvent.hlc)).all()
    reviews: dict[str, StatusEvent] = {}
    for e in events:
        if e.step == LifecycleStep.report:
            reviews.clear()
        elif e.step == LifecycleStep.review and e.department:
            reviews[e.department] = e
    return reviews


def allowed_steps(session: Session, r: Recipient) -> list[str]:
    """Which steps may be taken now (the app shows only these buttons)."""
    decisions = [e.decision for e in current_reviews(session, r).values()] if r.status == Status.reviewed else []
    return steps_allowed(r.status, decisions)


def steps_allowed(status: str, decisions: Collection[str | None]) -> list[str]:
    """Which steps may follow `status`, given the decisions of the current round's reviews."""
    s = status
    if s in (Status.surveyed, Status.rejected, Status.exited):
        return [LifecycleStep.report.value]
    if s == Status.reported:
        return [LifecycleStep.review.value, LifecycleStep.reject.value]
    if s == Status.reviewed:
        ok = all(d == Decision.approve for d in decisions)
        return ([LifecycleStep.confirm.value] if ok else []) + [LifecycleStep.reject.value]
    if s == Status.confirmed:
        return [LifecycleStep.exit.value]
    return []


class Subject(Protocol):
    """What the rules of a step read of the person."""

    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def status_date(self) -> dt.date: ...
    @property
    def categories(self) -> tuple[str, ...] | list[str]: ...


def _refuse(r: Subject, step: LifecycleStep, why_zh: str, why_en: str) -> LifecycleError:
    return LifecycleError(
        f"{r.name}当前状态为“{Status(r.status).zh}”，不能{step.zh}：{why_zh}",
        f"{r.name} is {r.status}; cannot {step.value}: {why_en}", field="status")


def _need_reason(reason: str | None, step: LifecycleStep) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError(f"原因：{step.zh}必须填写原因。", f"A reason is required to {step.value}.",
                              field="reason")
    return text


def check_date(r: Subject, step: LifecycleStep, on: dt.date) -> None:
    """A step's date: not in the future, not before the previous step's."""
    check_not_future(on, field="date", label=f"{step.zh}日期")
    if on < r.status_date:
        raise ValidationError(
            f"日期：{step.zh}日期 {on.isoformat()} 早于上一步日期 {r.status_date.isoformat()}，请核对。",
            f"Date {on} is before the previous step ({r.status_date}).", field="date")


def step_values(r: Subject, recipient_id: str, step: LifecycleStep, to: Status, on: dt.date, user: str,
                **extra: object) -> tuple[dict[str, object], dict[str, object]]:
    """A step, its date checked: the StatusEvent's fields and the recipient's changes."""
    check_date(r, step, on)
    event = dict(recipient_id=recipient_id, step=step.value, from_status=r.status, to_status=to.value,
                 decided_on=on, decided_by=user, **extra)
    return event, {"status": to.value, "status_date": on}


def _step(session: Session, actor: Actor, r: Recipient, step: LifecycleStep, to: Status,
          on: dt.date, **extra: object) -> StatusEvent:
    event, changes = step_values(r, r.id, step, to, on, actor.user, **extra)
    created = writes.create(session, actor, StatusEvent, **event)
    writes.update(session, actor, r, **changes)
    return created


def check_report(r: Subject, *, anonymised: bool = False) -> None:
    if anonymised:
        raise ValidationError("此对象退出已满保存期限，个人信息已删除（匿名），不能再上报；如情况又有变化，请重新登记。",
                              "This record was anonymised after the retention period; register the person anew.",
                              field="status")
    if r.status not in (Status.surveyed, Status.rejected, Status.exited):
        raise _refuse(r, LifecycleStep.report,
                      "只有“已调查”、“未通过”（补充材料后）或“已退出”（情况又有变化）的对象可以上报。",
                      "only surveyed, rejected or exited recipients can be reported")


def report(session: Session, actor: Actor, recipient_id: str, *, on: dt.date | None = None) -> StatusEvent:
    r = get_recipient(session, recipient_id)
    check_report(r, anonymised=r.anonymised_on is not None)
    return _step(session, actor, r, LifecycleStep.report, Status.reported, on or dt.date.today(),
                 source=DecisionSource.local.value)


def review(session: Session, actor: Actor, recipient_id: str, *, department: str, decision: str,
           reason: str | None = None, on: dt.date | None = None, doc_no: str | None = None,
           source: str | None = None) -> StatusEvent:
    """One department's review. When every department concerned has reviewed, the
    recipient is reviewed and awaits the county's confirmation or rejection."""
    r = get_recipient(session, recipient_id)
    reviewed = current_reviews(session, r) if r.status == Status.reported else {}
    reason, to = check_review(r, reviewed, department=department, decision=decision, reason=reason)
    src, doc = decision_source(session, doc_no, source)
    on = on or dt.date.today()
    extra: dict[str, object] = dict(department=department, decision=decision, reason=reason, doc_no=doc, source=src)
    if to == Status.reported:
        event, _ = step_values(r, r.id, LifecycleStep.review, Status(r.status), on, actor.user, **extra)
        return writes.create(session, actor, StatusEvent, **event)
    return _step(session, actor, r, LifecycleStep.review, to, on, **extra)


def check_review(r: Subject, reviewed: Collection[str] | Mapping[str, object], *, department: str,
                 decision: str, reason: str | None) -> tuple[str | None, Status]:
    """A department's review of the current round (`reviewed`: the departments that reviewed it
    already): the reason as kept, and the status it leads to (reviewed once every department
    concerned has reviewed; reported until then)."""
    if r.status != Status.reported:
        raise _refuse(r, LifecycleStep.review, "只有“已上报”的对象可以审核。", "only reported recipients are reviewed")
    concerned = departments_concerned(r.categories)
    if department not in concerned:
        names = "、".join(Department(d).zh for d in concerned)
        raise ValidationError(f"审核部门：此对象的类别只需{names}审核，不涉及{_dept_zh(department)}。",
                              f"Department {department} is not concerned; concerned: {', '.join(concerned)}.",
                              field="department")
    if decision not in (Decision.approve, Decision.reject):
        raise ValidationError("审核意见：应为 approve（同意）或 reject（不同意）。",
                              "Decision must be approve or reject.", field="decision")
    if department in reviewed:
        raise _refuse(r, LifecycleStep.review, f"{Department(department).zh}已审核过本轮上报。",
                      f"{department} has already reviewed this report")
    if decision == Decision.reject:
        reason = _need_reason(reason, LifecycleStep.review)
    done = set(reviewed) | {department}
    return reason, Status.reviewed if done >= set(concerned) else Status.reported


def _dept_zh(code: str) -> str:
    try:
        return Department(code).zh
    except ValueError:
        return code


def decision_source(session: Session, doc_no: str | None, source: str | None) -> tuple[str, str | None]:
    """A county decision made elsewhere must name its document; the county itself may not."""
    doc = (doc_no or "").strip() or None
    if source:
        return source, doc
    if this_office(session).level == OfficeLevel.county:
        return DecisionSource.local.value, doc
    if doc is None:
        raise ValidationError("文号：审核、确定和不予确定是县级决定，请填写县里决定的文号和日期。",
                              "Document number of the county's decision is required.", field="doc_no")
    return DecisionSource.paper.value, doc


def confirm(session: Session, actor: Actor, recipient_id: str, *, doc_no: str | None = None,
            on: dt.date | None = None, source: str | None = None) -> StatusEvent:
    r = get_recipient(session, recipient_id)
    decisions = [e.decision for e in current_reviews(session, r).values()] if r.status == Status.reviewed else []
    check_confirm_ready(r, decisions)
    src, doc = decision_source(session, doc_no, source)
    on = on or dt.date.today()
    check_confirm_facts(r, rule_facts(r, on), on)
    return _step(session, actor, r, LifecycleStep.confirm, Status.confirmed, on, doc_no=doc, source=src)


def check_confirm_ready(r: Subject, decisions: Collection[str | None]) -> None:
    """Confirmation needs every department concerned to have reviewed, each approving."""
    if r.status != Status.reviewed:
        raise _refuse(r, LifecycleStep.confirm, "须各相关部门审核后才能确定。",
                      "all departments concerned must review first")
    if LifecycleStep.confirm.value not in steps_allowed(r.status, decisions):
        raise _refuse(r, LifecycleStep.confirm, "有部门审核不同意，只能不予确定或补充材料后重新上报。",
                      "a department did not approve")


def check_confirm_facts(r: Subject, facts: CategoryFacts, on: dt.date, *, conditions: bool = True) -> None:
    """On the confirmation's date the person still fits the categories reported and (with
    `conditions`) has the left-behind categories' conditions recorded."""
    errors = category_rule_errors(facts)
    if errors:
        raise LifecycleError(
            f"{r.name}在确定日期 {on.isoformat()} 已不符合所报类别：{errors[0].zh}请修改类别后重新上报，或不予确定。",
            f"{r.name} no longer fits the categories on {on}: {errors[0].en}", field="categories")
    missing = condition_errors(facts) if conditions else []
    if missing:
        raise LifecycleError(
            f"{r.name}还不能确定：" + "".join(e.zh for e in missing),
            f"{r.name} cannot be confirmed yet: " + " ".join(e.en for e in missing), field=missing[0].field)


def check_reject(r: Subject, reason: str | None) -> str:
    """Only a person reported or awaiting confirmation is rejected, with a reason (returned)."""
    if r.status not in (Status.reported, Status.reviewed):
        raise _refuse(r, LifecycleStep.reject, "只有已上报、待确定的对象可以不予确定。",
                      "only reported or reviewed recipients can be rejected")
    return _need_reason(reason, LifecycleStep.reject)


def reject(session: Session, actor: Actor, recipient_id: str, *, reason: str | None,
           doc_no: str | None = None, on: dt.date | None = None,
           source: str | None = None) -> StatusEvent:
    r = get_recipient(session, recipient_id)
    text = check_reject(r, reason)
    src, doc = decision_source(session, doc_no, source)
    return _step(session, actor, r, LifecycleStep.reject, Status.rejected, on or dt.date.today(),
                 reason=text, doc_no=doc, source=src)


def check_exit(r: Subject, reason: str | None) -> str:
    """Only a confirmed person exits, with a reason (returned)."""
    if r.status != Status.confirmed:
        raise _refuse(r, LifecycleStep.exit, "只有已确定的关爱对象可以退出。",
                      "only confirmed recipients can exit")
    return _need_reason(reason, LifecycleStep.exit)


def exit_care(session: Session, actor: Actor, recipient_id: str, *, reason: str | None,
              on: dt.date | None = None) -> StatusEvent:
    """退出: the child turns 16, a parent comes home, the person moves or dies. History stays."""
    r = get_recipient(session, recipient_id)
    text = check_exit(r, reason)
    return _step(session, actor, r, LifecycleStep.exit, Status.exited, on or dt.date.today(),
                 reason=text, source=DecisionSource.local.value)

"""Logging care work: phone follow-ups, home visits, material aid, and micro-wishes through
their stages (collected → claimed → fulfilled)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import ValidationError
from app.care.recipients import get_recipient
from app.care.validation import check_not_future
from app.models import CareRecord, MicroWish
from app.models.codes import CareKind, WishStage


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def log_call(session: Session, actor: Actor, recipient_id: str, *, reached: bool | None,
             on: dt.date | None = None, note: str | None = None, problems: str | None = None,
             needs_action: bool = False) -> CareRecord:
    r = get_recipient(session, recipient_id)
    if reached is None:
        raise ValidationError("是否接通：请选择电话是否接通（只有接通的电话才算完成随访）。",
                              "Say whether the call was reached (--reached yes|no).", field="reached")
    on = check_not_future(on or dt.date.today(), label="随访日期")
    return writes.create(session, actor, CareRecord, recipient_id=r.id, kind=CareKind.phone_followup.value,
                         occurred_on=on, recorded_by=actor.user, note=_text(note), reached=reached,
                         problems=_text(problems), needs_action=needs_action)


def log_visit(session: Session, actor: Actor, recipient_id: str, *, on: dt.date | None = None,
              visitors: str | None = None, findings: str | None = None, note: str | None = None,
              needs_action: bool = False, problems: str | None = None) -> CareRecord:
    r = get_recipient(session, recipient_id)
    on = check_not_future(on or dt.date.today(), label="走访日期")
    return writes.create(session, actor, CareRecord, recipient_id=r.id, kind=CareKind.home_visit.value,
                         occurred_on=on, recorded_by=actor.user, visitors=_text(visitors) or actor.user,
                         findings=_text(findings), note=_text(note), needs_action=needs_action,
                         problems=_text(problems))


def log_aid(session: Session, actor: Actor, recipient_id: str, *, items: str | None,
            value_fen: int | None = None, donor: str | None = None, on: dt.date | None = None,
            note: str | None = None) -> CareRecord:
    r = get_recipient(session, recipient_id)
    if not _text(items):
        raise ValidationError("物资：请填写送了什么（如 大米50斤）。", "Items are required.", field="items")
    if value_fen is not None and value_fen < 0:
        raise ValidationError("价值：不能为负数。", "Value cannot be negative.", field="value")
    on = check_not_future(on or dt.date.today(), label="帮扶日期")
    return writes.create(session, actor, CareRecord, recipient_id=r.id, kind=CareKind.material_aid.value,
                         occurred_on=on, recorded_by=actor.user, items=_text(items), value_fen=value_fen,
                         donor=_text(donor), note=_text(note), needs_action=False)


def open_wish(session: Session, recipient_id: str) -> MicroWish | None:
    return session.scalars(select(MicroWish).where(
        MicroWish.recipient_id == recipient_id, MicroWish.deleted.is_(False),
        MicroWish.stage.in_([WishStage.collected.value, WishStage.claimed.value]))
        .order_by(MicroWish.hlc.desc())).first()


def move_wish(session: Session, actor: Actor, recipient_id: str, *, stage: str,
              on: dt.date | None = None, description: str | None = None, by: str | None = None,
              value_fen: int | None = None) -> MicroWish:
    """Move the recipient's open micro-wish on to `stage`, opening one (collected) if none is
    open. A wish counts towards the quarter only when fulfilled."""
    if stage not in (WishStage.collected, WishStage.claimed, WishStage.fulfilled):
        raise ValidationError("阶段：应为 collected（征集）、claimed（认领）或 fulfilled（实现）。",
                              "Stage must be collected, claimed or fulfilled.", field="stage")
    r = get_recipient(session, recipient_id)
    on = check_not_future(on or dt.date.today(), label="日期")
    wish = open_wish(session, r.id)
    if stage == WishStage.collected:
        if wish is not None:
            raise ValidationError(f"微心愿：{r.name}还有一个未实现的心愿（{wish.description}），请先认领或实现它。",
                                  "An open wish exists already.", field="stage")
        if not _text(description):
            raise ValidationError("心愿内容：请填写心愿是什么。", "Describe the wish.", field="note")
        return writes.create(session, actor, MicroWish, recipient_id=r.id, description=_text(description),
                             stage=WishStage.collected.value, collected_on=on, recorded_by=actor.user)
    if wish is None:
        if not _text(description):
            raise ValidationError("心愿内容：没有未实现的心愿，请先征集（填写心愿内容）。",
                                  "No open wish: collect one first.", field="note")
        wish = writes.create(session, actor, MicroWish, recipient_id=r.id, description=_text(description),
                             stage=WishStage.collected.value, collected_on=on, recorded_by=actor.user)
    if on < wish.collected_on:
        raise ValidationError("日期：不能早于征集日期。", "Date is before the wish was collected.", field="date")
    if stage == WishStage.claimed:
        if wish.stage != WishStage.collected:
            raise ValidationError("微心愿：这个心愿已经被认领了。", "The wish is already claimed.", field="stage")
        if not _text(by):
            raise ValidationError("认领人：请填写认领心愿的单位或个人。", "Who claimed it?", field="by")
        writes.update(session, actor, wish, stage=WishStage.claimed.value, claimed_on=on, claimed_by=_text(by))
        return wish
    if stage == WishStage.fulfilled:
        if wish.claimed_on is not None and on < wish.claimed_on:
            raise ValidationError(f"日期：实现日期早于认领日期 {wish.claimed_on.isoformat()}，请核对。",
                                  "Fulfilled before it was claimed.", field="date")
        changes: dict[str, object] = {"stage": WishStage.fulfilled.value, "fulfilled_on": on,
                                      "value_fen": value_fen}
        if wish.stage == WishStage.collected:  # claimed and fulfilled on the same visit
            changes.update(claimed_on=on, claimed_by=_text(by) or actor.user)
        if description and wish.description != _text(description):
            changes["fulfilled_with"] = _text(description)
        writes.update(session, actor, wish, **changes)
        return wish
    raise ValidationError("阶段：应为 collected（征集）、claimed（认领）或 fulfilled（实现）。",
                          "Stage must be collected, claimed or fulfilled.", field="stage")

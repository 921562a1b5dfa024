"""A recipient's household: the members (father, mother, grandparents …, who works away,
who can act as guardian) and the guardians (parent, entrusted, temporary, supporter), as
rows, and their add / edit / remove services. Each write is validated (the same rules the
roster import and the batch writer apply: app.care.bulk uses `member_values` and
`guardian_values`) and goes through app.care.writes, stamped and audited. No Qt here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.care.recipients import collect_errors, get_recipient, raise_errors
from app.care.text_rules import text_errors
from app.care.validation import check_choice, check_name, normalize_phone, parse_id_number
from app.models import Guardian, HouseholdMember
from app.models.codes import GuardianKind, Relation

# ---- rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    relation: str
    id_number: str | None
    phone: str | None
    works_away: bool
    work_place: str | None
    can_guard: bool
    notes: str | None


@dataclass(frozen=True)
class GuardianRow:
    id: str
    kind: str
    name: str
    relation: str
    id_number: str | None
    phone: str | None
    address: str | None
    start_date: dt.date | None
    end_date: dt.date | None


def member_row(m: HouseholdMember) -> MemberRow:
    return MemberRow(m.id, m.name, m.relation, m.id_number, m.phone, m.works_away, m.work_place, m.can_guard,
                     m.notes)


def guardian_row(g: Guardian) -> GuardianRow:
    return GuardianRow(g.id, g.kind, g.name, g.relation, g.id_number, g.phone, g.address, g.start_date,
                       g.end_date)


def members(session: Session, recipient_id: str) -> list[MemberRow]:
    rows = session.scalars(select(HouseholdMember).where(
        HouseholdMember.recipient_id == recipient_id, HouseholdMember.deleted.is_(False))
        .order_by(HouseholdMember.hlc))
    return [member_row(m) for m in rows]


def guardians(session: Session, recipient_id: str) -> list[GuardianRow]:
    rows = session.scalars(select(Guardian).where(
        Guardian.recipient_id == recipient_id, Guardian.deleted.is_(False)).order_by(Guardian.hlc))
    return [guardian_row(g) for g in rows]


# ---- writes -------------------------------------------------------------------------------


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _optional_id(errors: list[ValidationError], raw: str | None) -> tuple[str | None, dt.date | None]:
    if not _text(raw):
        return None, None
    ident = collect_errors(errors, parse_id_number, raw)
    return (ident.number, ident.birth_date) if ident else (None, None)


def member_values(errors: list[ValidationError], *, name: str, relation: str, phone: str | None,
                   id_number: str | None, works_away: bool, work_place: str | None,
                   can_guard: bool, notes: str | None) -> dict[str, Any]:
    number, birth = _optional_id(errors, id_number)
    place = _text(work_place)
    if works_away and place is None:
        errors.append(ValidationError("务工地点：外出务工的家庭成员请填写在哪里务工（如 浙江宁波）。",
                                      "Work place: say where the member works.", field="work_place"))
    values = {
        "name": collect_errors(errors, check_name, name),
        "relation": collect_errors(errors, _relation, relation),
        "phone": collect_errors(errors, normalize_phone, phone),
        "id_number": number, "birth_date": birth, "works_away": bool(works_away),
        "work_place": place if works_away else None, "can_guard": bool(can_guard),
        "notes": _text(notes)}
    errors.extend(text_errors("household_members", values))
    return values


def _relation(value: str | None) -> str:
    if not value:
        raise ValidationError("关系：请选择与关爱对象的关系。", "Relation is required.", field="relation")
    return str(check_choice(value, Relation, field="relation", label="关系"))


def add_member(session: Session, actor: Actor, recipient_id: str, *, name: str, relation: str,
               phone: str | None = None, id_number: str | None = None, works_away: bool = False,
               work_place: str | None = None, can_guard: bool = True,
               notes: str | None = None) -> HouseholdMember:
    r = get_recipient(session, recipient_id)
    errors: list[ValidationError] = []
    values = member_values(errors, name=name, relation=relation, phone=phone, id_number=id_number,
                            works_away=works_away, work_place=work_place, can_guard=can_guard,
                            notes=notes)
    raise_errors(errors)
    return writes.create(session, actor, HouseholdMember, recipient_id=r.id, **values)


def edit_member(session: Session, actor: Actor, member_id: str, *, name: str, relation: str,
                phone: str | None = None, id_number: str | None = None, works_away: bool = False,
                work_place: str | None = None, can_guard: bool = True,
                notes: str | None = None) -> dict[str, list[Any]]:
    m = _live(session, HouseholdMember, member_id, "家庭成员")
    errors: list[ValidationError] = []
    values = member_values(errors, name=name, relation=relation, phone=phone, id_number=id_number,
                            works_away=works_away, work_place=work_place, can_guard=can_guard,
                            notes=notes)
    raise_errors(errors)
    return writes.update(session, actor, m, **values)


def remove_member(session: Session, actor: Actor, member_id: str, *, reason: str | None = None) -> None:
    writes.delete(session, actor, _live(session, HouseholdMember, member_id, "家庭成员"),
                  reason=_text(reason))


def guardian_values(errors: list[ValidationError], *, kind: str, name: str, relation: str,
                     phone: str | None, id_number: str | None, address: str | None,
                     start_date: dt.date | None, end_date: dt.date | None) -> dict[str, Any]:
    if not kind:
        errors.append(ValidationError("监护类型：请选择监护类型。", "Kind is required.", field="kind"))
    else:
        collect_errors(errors, check_choice, kind, GuardianKind, field="kind", label="监护类型")
    number, _birth = _optional_id(errors, id_number)
    if start_date and end_date and end_date < start_date:
        errors.append(ValidationError(
            f"结束日期：{end_date.isoformat()} 早于开始日期 {start_date.isoformat()}，请核对。",
            "The end date is before the start date.", field="end_date"))
    values = {"kind": kind, "name": collect_errors(errors, check_name, name),
              "relation": collect_errors(errors, _relation, relation),
              "phone": collect_errors(errors, normalize_phone, phone), "id_number": number,
              "address": _text(address), "start_date": start_date, "end_date": end_date}
    errors.extend(text_errors("guardians", values))
    return values


def add_guardian(session: Session, actor: Actor, recipient_id: str, *, kind: str, name: str,
                 relation: str, phone: str | None = None, id_number: str | None = None,
                 address: str | None = None, start_date: dt.date | None = None,
                 end_date: dt.date | None = None) -> Guardian:
    r = get_recipient(session, recipient_id)
    errors: list[ValidationError] = []
    values = guardian_values(errors, kind=kind, name=name, relation=relation, phone=phone,
                              id_number=id_number, address=address,
                              start_date=start_date or dt.date.today(), end_date=end_date)
    raise_errors(errors)
    return writes.create(session, actor, Guardian, recipient_id=r.id, **values)


def edit_guardian(session: Session, actor: Actor, guardian_id: str, *, kind: str, name: str,
                  relation: str, phone: str | None = None, id_number: str | None = None,
                  address: str | None = None, start_date: dt.date | None = None,
                  end_date: dt.date | None = None) -> dict[str, list[Any]]:
    g = _live(session, Guardian, guardian_id, "监护人")
    errors: list[ValidationError] = []
    values = guardian_values(errors, kind=kind, name=name, relation=relation, phone=phone,
                              id_number=id_number, address=address,
                              start_date=start_date or g.start_date, end_date=end_date)
    raise_errors(errors)
    return writes.update(session, actor, g, **values)


def remove_guardian(session: Session, actor: Actor, guardian_id: str, *, reason: str | None = None) -> None:
    """A guardian entered by mistake; one who stops caring gets an end date instead."""
    writes.delete(session, actor, _live(session, Guardian, guardian_id, "监护人"), reason=_text(reason))


def _live(session: Session, model: type[Any], rid: str, what: str) -> Any:
    obj = session.get(model, rid)
    if obj is None or obj.deleted:
        raise NotFoundError(f"找不到这条{what}记录（可能已被删除），请刷新后再试。",
                            f"No {model.__tablename__} {rid}.", field="id")
    return obj

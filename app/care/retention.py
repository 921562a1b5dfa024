"""The retention period (issue 15, point 5; PIPL arts. 19 and 47): a person who exited the
register more than the county's period ago (default five years) keeps their record for the
statistics — categories, village, sex, the year of birth, every date, status event and care
record still count — but loses what identifies them or their health: the ID number, name,
phone, address, illnesses, disability and self-care, school and notes, and the personal data of
their household members and guardians.

- The period is county policy as data (`retention_rules`, one record seeded the same in every
  office the way the care and scoring rules are; the county edits it and the edit travels down).
- `due` lists who will be anonymised, before anything happens (a report, `retention due`).
- `apply` anonymises them in one transaction through `writes.erase`: ordinary edits that are
  stamped, travel in bundles, and leave one audit row per record saying which fields were
  removed — never their old values. Earlier audit rows of those records that held the values
  (the record's creation, corrections) have the values replaced by `writes.REMOVED` too, so the
  audit trail keeps who changed which field when, not what was removed.
- Only the office that owns a record's fields (its village) removes them; the township and
  the county receive the removal in the village's bundle (a change from another office would be
  held there as a conflict for a person to decide: app/sync/ownership.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, actor_for, this_office
from app.care.errors import SetupError, ValidationError
from app.care.offices import PLAN_IN_FORCE, insert_seeded, seed_id
from app.care.search import name_keys
from app.models import (
    AuditEntry,
    Guardian,
    HouseholdMember,
    Office,
    Recipient,
    RetentionRule,
    ThirdPartyAssessment,
)
from app.models.codes import OfficeLevel, Status

DEFAULT_YEARS = 5
SOON_DAYS = 30  # the app lists, beside those due, who falls due within this many days
RULE_SEED = "retention-rule:exited"
RULE_ID = seed_id(RULE_SEED)
ANONYMOUS_NAME = "（已匿名）"
REMOVED_NAME = "（已删除）"

# What stays, so the figures stay: categories, village, sex, status and every date, the
# household's situation flags (parents away …), the survey's author; the birth date is kept
# to its year (1 July), enough for age bands.
RECIPIENT_REMOVED: dict[str, Any] = {
    "name": ANONYMOUS_NAME, "id_number": "", "ethnicity": None, "address": None, "phone": None,
    "self_care": None, "work_ability": None, "major_illness": None, "disability_type": None,
    "disability_grade": None, "disability_cert_no": None, "school": None, "school_class": None,
    "notes": None, "id_region_note": None, "id_region_confirmed_by": None, "id_region_confirmed_on": None,
}
MEMBER_REMOVED: dict[str, Any] = {"name": REMOVED_NAME, "id_number": None, "birth_date": None, "phone": None,
                                  "work_place": None, "notes": None}
GUARDIAN_REMOVED: dict[str, Any] = {"name": REMOVED_NAME, "id_number": None, "phone": None, "address": None}
ASSESSMENT_REMOVED: dict[str, Any] = {"living_conditions": None, "health_check": None, "evaluation": None,
                                      "recommended_measures": None}
REMOVED_FIELDS: dict[str, frozenset[str]] = {
    "recipients": frozenset({*RECIPIENT_REMOVED, "birth_date"}),
    "household_members": frozenset(MEMBER_REMOVED), "guardians": frozenset(GUARDIAN_REMOVED),
    "third_party_assessments": frozenset(ASSESSMENT_REMOVED),
}


# ---- the rule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionView:
    id: str
    years: int
    valid_from: dt.date
    set_by_office: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "years": self.years, "valid_from": self.valid_from.isoformat(),
                "set_by_office": self.set_by_office}


def ensure_rule(session: Session) -> RetentionRule:
    """The rule, seeded on first use like the scoring rules: the county's record at the plan's
    stamp, the same bytes in every office, so a county's edit is newer than every copy."""
    rule = session.get(RetentionRule, RULE_ID)
    if rule is not None:
        return rule
    insert_seeded(session, actor_for(session), RetentionRule,
                  [(RULE_SEED, {"years": DEFAULT_YEARS, "valid_from": PLAN_IN_FORCE})])
    return session.get_one(RetentionRule, RULE_ID)


def retention_rule(session: Session) -> RetentionView:
    r = ensure_rule(session)
    return RetentionView(r.id, r.years, r.valid_from, r.set_by_office)


def set_years(session: Session, actor: Actor, years: int) -> dict[str, list[Any]]:
    """The county changes the period; the edit travels down with its bundles."""
    from app.protection.roles import Permission, require

    require(session, Permission.decide_retention)  # the director's
    if this_office(session).level != OfficeLevel.county:
        raise SetupError("保存期限由县民政局规定，乡镇和村只能查看；期限的变化会随数据包下发。",
                         "The retention period is set by the county; it arrives with its bundles.")
    if not 1 <= years <= 100:
        raise ValidationError("保存年限：应为1到100年。", "Years must be 1 to 100.", field="years")
    return writes.update(session, actor, ensure_rule(session), years=years, set_by_office=actor.office_code)


# ---- who is due ----------------------------------------------------------------------------


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DueRow:
    recipient_id: str
    name: str
    village_code: str
    village_name: str
    categories: tuple[str, ...]
    exited_on: dt.date
    due_on: dt.date
    overdue: bool  # the day has come (apply removes it now)

    def to_json(self) -> dict[str, Any]:
        return {"recipient_id": self.recipient_id, "name": self.name, "village_code": self.village_code,
                "village_name": self.village_name, "categories": list(self.categories),
                "exited_on": self.exited_on.isoformat(), "due_on": self.due_on.isoformat(), "due": self.overdue}


def due(session: Session, *, on: dt.date | None = None, within_days: int = 0) -> list[DueRow]:
    """The exited people of this office's area not yet anonymised whose period has ended by
    `on` (or ends within `within_days` after it), earliest first."""
    on = on or dt.date.today()
    if within_days < 0:
        raise ValidationError("提前天数：不能为负数。", "--within must not be negative.", field="within")
    years = retention_rule(session).years
    area = this_office(session).code
    horizon = on + dt.timedelta(days=within_days)
    rows = session.execute(select(Recipient.id, Recipient.name, Recipient.village_code, Recipient.categories,
                                  Recipient.status_date)
                           .where(Recipient.deleted.is_(False), Recipient.status == Status.exited.value,
                                  Recipient.anonymised_on.is_(None), Recipient.village_code.like(f"{area}%"))).all()
    villages = dict(session.execute(select(Office.code, Office.name).where(Office.deleted.is_(False))).all())
    out = []
    for rid, name, village, cats, exited in rows:
        until = _add_years(exited, years)
        if until <= horizon:
            out.append(DueRow(rid, name, village, villages.get(village, village), tuple(cats), exited, until,
                              until <= on))
    out.sort(key=lambda d: (d.due_on, d.village_code, d.name, d.recipient_id))
    return out


# ---- removing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What apply will change, said before it does (the confirmation names it)."""

    people: int
    villages: tuple[tuple[str, str, int], ...]  # (code, name, people)
    years: int
    removable: bool  # this office owns the records' fields (a village)
    fields_zh: str = "身份证号、姓名、电话、住址、民族、疾病、残疾、自理和劳动能力、学校、备注，家庭成员和监护人的个人信息"

    def to_json(self) -> dict[str, Any]:
        return {"people": self.people, "years": self.years, "removable": self.removable,
                "villages": [{"code": c, "name": n, "people": k} for c, n, k in self.villages]}

    def describe_zh(self) -> str:
        where = "、".join(f"{n}{k}人" for _c, n, k in self.villages)
        return (f"退出已满{self.years}年的 {self.people} 人（{where}）：删除{self.fields_zh}；"
                "出生日期只保留年份。类别、村、日期和关爱记录保留，统计数字不变。此操作不能撤销。")


def plan(session: Session, *, on: dt.date | None = None) -> Plan:
    rows = due(session, on=on)
    rows = [r for r in rows if r.overdue]
    counts = Counter((r.village_code, r.village_name) for r in rows)
    office = this_office(session)
    return Plan(len(rows), tuple((c, n, k) for (c, n), k in sorted(counts.items())),
                retention_rule(session).years, office.level == OfficeLevel.village)


@dataclass(frozen=True)
class Applied:
    people: int
    villages: tuple[tuple[str, str, int], ...]
    fields: int  # field values removed, over all records
    audit_rows_scrubbed: int

    def to_json(self) -> dict[str, Any]:
        return {"anonymised": self.people, "fields_removed": self.fields,
                "audit_rows_scrubbed": self.audit_rows_scrubbed,
                "villages": [{"code": c, "name": n, "people": k} for c, n, k in self.villages]}


def apply(session: Session, actor: Actor, *, on: dt.date | None = None,
          expected: int | None = None) -> Applied:
    """Anonymise everyone due (in the caller's one transaction). `expected`: the number the
    person confirmed; a different number now refuses, so nobody is removed unseen."""
    on = on or dt.date.today()
    from app.protection.roles import Permission, require

    require(session, Permission.decide_retention)  # the director's decision, not a clerk's
    p = plan(session, on=on)
    if not p.removable:
        raise SetupError("保存期满的信息由对象所在村的福利主任删除，删除后随村里的数据包报到乡镇和县；"
                         "乡镇和县可用“retention due”查看哪些村还没有删除。",
                         "The village removes its people's data when the period ends; the removal reaches "
                         "the township and the county in its bundles.")
    if expected is not None and expected != p.people:
        raise ValidationError(f"确认时是 {expected} 人，现在是 {p.people} 人，请重新查看后再确认。",
                              f"{expected} were confirmed but {p.people} are due now; look again.", field="expected")
    removed = 0
    touched: dict[str, str] = {}
    for row in due(session, on=on):
        if not row.overdue:
            continue
        r = session.get_one(Recipient, row.recipient_id)
        pinyin, initials = name_keys(ANONYMOUS_NAME)
        removed += len(writes.erase(session, actor, r, **RECIPIENT_REMOVED, name_pinyin=pinyin,
                                    name_initials=initials, birth_date=dt.date(r.birth_date.year, 7, 1),
                                    anonymised_on=on))
        touched[r.id] = "recipients"
        theirs: tuple[tuple[type[HouseholdMember | Guardian | ThirdPartyAssessment], dict[str, Any]], ...] = (
            (HouseholdMember, MEMBER_REMOVED), (Guardian, GUARDIAN_REMOVED),
            (ThirdPartyAssessment, ASSESSMENT_REMOVED))
        for model, values in theirs:
            for obj in session.scalars(select(model).where(model.recipient_id == r.id)):
                assert isinstance(obj, model)  # (SQLAlchemy's types see a Base)
                if model is ThirdPartyAssessment and obj.origin_office != actor.office_code:
                    continue  # another office's record: it removes its own
                removed += len(writes.erase(session, actor, obj, **values))
                touched[obj.id] = model.__tablename__
    session.flush()
    scrubbed = scrub_audit(session, touched)
    return Applied(p.people, p.villages, removed, scrubbed)


def scrub_audit(session: Session, records: dict[str, str]) -> int:
    """Replace, in every audit row of these records, the values of the removed fields by
    writes.REMOVED (the row, its author, time and the field's name stay). Returns how many
    rows were rewritten. The audit trail is local (never in a bundle): each office scrubs its
    own when the removal arrives (app.sync.exchange, after a bundle's merge)."""
    ids = list(records)
    count = 0
    for part in range(0, len(ids), 500):
        for e in session.scalars(select(AuditEntry).where(AuditEntry.record_id.in_(ids[part:part + 500]))):
            fields = REMOVED_FIELDS.get(e.table_name)
            if not fields:
                continue
            try:
                changes = json.loads(e.changes_json or "{}")
            except ValueError:
                continue
            if not isinstance(changes, dict):
                continue
            if e.action == "update" and any(isinstance(p, list) and p[:1] == [writes.REMOVED]
                                             for p in changes.values()):
                continue  # the removal's own row: it holds no old value, only what is left
            hit = False
            for f in fields & set(changes):
                pair = changes[f]
                if isinstance(pair, list):
                    new = [writes.REMOVED if v not in (None, "", writes.REMOVED) else v for v in pair]
                    if new != pair:
                        changes[f] = new
                        hit = True
            if hit:
                e.changes_json = writes.encode_changes(changes)
                count += 1
    return count


def anonymised_ids(session: Session, recipient_ids: list[str]) -> dict[str, str]:
    """The records (recipient, household, guardians, assessments) of those recipients that
    are anonymised, for scrubbing a receiving office's audit trail."""
    out: dict[str, str] = {}
    for part in range(0, len(recipient_ids), 500):
        chunk = recipient_ids[part:part + 500]
        for rid in session.scalars(select(Recipient.id).where(Recipient.id.in_(chunk),
                                                              Recipient.anonymised_on.is_not(None))):
            out[rid] = "recipients"
            for model in (HouseholdMember, Guardian, ThirdPartyAssessment):
                for oid in session.scalars(select(model.id).where(model.recipient_id == rid)):
                    out[oid] = model.__tablename__
    return out


"""Setting a database up for one office: its record, its keys, its seeded care rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import OFFICE_KEY, OPERATOR_KEY, Actor, put_setting, this_office_code
from app.care.errors import SetupError, ValidationError
from app.care.hlc import Stamp
from app.care.office_view import OfficeView
from app.care.text_rules import check_text
from app.config import current_user, laptop_id
from app.models import CareRule, Office
from app.models.base import Base, table_of
from app.models.codes import CareKind, OfficeLevel, Period
from app.sync.versions import note_write

CODE_LENGTH = {OfficeLevel.county: 6, OfficeLevel.township: 9, OfficeLevel.village: 12}
PARENT_LEVEL = {OfficeLevel.village: OfficeLevel.township, OfficeLevel.township: OfficeLevel.county}


def check_office_code(code: str, level: str, parent: str | None) -> None:
    if level not in CODE_LENGTH:
        raise ValidationError(f"级别：“{level}”无效，应为 village（村）、township（乡镇）或 county（县）。",
                              f"Role must be village, township or county, not '{level}'.", field="role")
    lvl = OfficeLevel(level)
    n = CODE_LENGTH[lvl]
    if not (code.isdigit() and len(code) == n):
        raise ValidationError(
            f"单位代码：{lvl.zh}代码应为{n}位数字（统计用区划代码），现为“{code}”。",
            f"Office code: a {level} code has {n} digits, got '{code}'.", field="code")
    if parent is not None:
        plvl = PARENT_LEVEL.get(lvl)
        if plvl is None:
            raise ValidationError("上级单位：县级单位没有上级单位代码。",
                                  "A county has no parent office.", field="parent")
        pn = CODE_LENGTH[plvl]
        if not (parent.isdigit() and len(parent) == pn):
            raise ValidationError(f"上级单位：{plvl.zh}代码应为{pn}位数字，现为“{parent}”。",
                                  f"Parent code: a {plvl.value} code has {pn} digits.", field="parent")
        if not code.startswith(parent):
            raise ValidationError(
                f"上级单位：{lvl.zh}代码 {code} 的前{pn}位应与上级代码 {parent} 相同，请核对。",
                f"Office code {code} does not lie under parent {parent}.", field="parent")


# The four ones come from the county's 2020 implementation plan (DOMAIN.md), in force from
# 1 July 2020. Every office holds the seeded rules as in force from that date, not from its own
# setup day: a township set up today then counts the villages' earlier work it merges, a
# village its back-entered history, and every office's copy of a seeded rule is one record.
PLAN_IN_FORCE = dt.date(2020, 7, 1)
PLAN_MS = int(dt.datetime.combine(PLAN_IN_FORCE, dt.time(), tzinfo=dt.UTC).timestamp() * 1000)


def seed_id(name: str) -> str:
    """A fixed UUIDv7-shaped id for a record every office seeds the same way (the four-ones
    rules), so an edit made by the county applies to the same record in every village."""
    rand = int.from_bytes(hashlib.sha256(b"guanai-seed:" + name.encode()).digest()[:10], "big")
    value = (PLAN_MS << 80) | (0x7 << 76) | ((rand >> 62) & 0xFFF) << 64 | (0b10 << 62) | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


def seed_stamp(county: str) -> str:
    """The clock stamp of a seeded record: the county's, at the plan's moment (the same in
    every office of the county, and older than any real change of the record)."""
    return Stamp(PLAN_MS, 0, county).encode()


FOUR_ONES = (
    # (seed name, Chinese name, kind, key_monitoring, period)
    ("call-monthly", "电话随访（每月一次）", CareKind.phone_followup, False, Period.month),
    ("call-weekly-key", "重点监护对象电话随访（每周一次）", CareKind.phone_followup, True, Period.week),
    ("wish-quarterly", "微心愿（每季度满足一个）", CareKind.micro_wish, None, Period.quarter),
    ("aid-half-yearly", "物资帮扶（每半年一次）", CareKind.material_aid, None, Period.half_year),
    ("visit-quarterly", "实地走访（每季度一次）", CareKind.home_visit, None, Period.quarter),
)


def insert_seeded(session: Session, actor: Actor, model: type[Base],
                  seeds: Iterable[tuple[str, dict[str, Any]]]) -> list[str]:
    """Write the seeded records (seed name, fields) this database lacks, as the county's: its
    origin, last writer and setter (`set_by_office`), stamped at the plan's moment, so every
    office of the county holds the same bytes. Returns the ids written.

    writes.create would stamp this office and its clock's now, so the rows go in through the
    connection, with the same audit entry and change-log row writes.create leaves (the audit
    entry says which office, laptop and person seeded them)."""
    county = actor.office_code[:6]
    stamp = seed_stamp(county)
    table = model.__tablename__
    rows = []
    for seed, values in seeds:
        rid = seed_id(seed)
        if session.get(model, rid) is not None:
            continue
        fields = {**values, "set_by_office": county}
        rows.append({"id": rid, "origin_office": county, "modified_office": county, "hlc": stamp,
                     "deleted": False, **fields})
        created = {k: [None, v.isoformat() if isinstance(v, dt.date) else v]
                   for k, v in fields.items() if v is not None}
        writes.audit(session, actor, "create", table, rid, created, stamp)
        note_write(session, table, rid, (), stamp, actor.office_code)
    if rows:
        session.connection().execute(insert(table_of(model)), rows)
    return [r["id"] for r in rows]


def seed_care_rules(session: Session, actor: Actor) -> list[CareRule]:
    """The four ones of the plan as rules in force from PLAN_IN_FORCE, with no end date.

    Every office of a county writes the same record, byte for byte (insert_seeded). So when a
    village's and a township's copies meet, the merge finds one version (same clock, no field
    versions) and changes nothing, and a later change by the county is newer than every copy.
    """
    ids = insert_seeded(session, actor, CareRule, (
        (f"care-rule:{seed}", {"name": name, "kind": kind.value, "category": None, "key_monitoring": key,
                               "applies_to_status": "confirmed", "period": period.value, "count_per_period": 1,
                               "valid_from": PLAN_IN_FORCE, "valid_to": None})
        for seed, name, kind, key, period in FOUR_ONES))
    return [session.get_one(CareRule, rid) for rid in ids]


def init_office(session: Session, *, role: str, code: str, name: str, parent: str | None = None,
                operator: str | None = None) -> OfficeView:
    """Set this database up for one office: refused if it already belongs to one. (Nothing
    depends on the setup day: the seeded rules are in force from PLAN_IN_FORCE everywhere.)"""
    code, name = code.strip(), (name or "").strip()
    parent = parent.strip() if parent else None
    existing = this_office_code(session)
    if existing is not None:
        raise SetupError(f"本数据库已设置为单位 {existing}，不能再设置为 {code}。如需新单位，请使用新的数据库文件（--db）。",
                         f"This database already belongs to office {existing}.")
    check_office_code(code, role, parent)
    if not name:
        raise ValidationError("单位名称：不能为空。", "Office name is required.", field="name")
    if parent is None and role != OfficeLevel.county:
        parent = code[: CODE_LENGTH[PARENT_LEVEL[OfficeLevel(role)]]]
    actor = Actor(code, laptop_id(), operator or current_user())
    # The operator signs every record ("recorded_by"): the text rules now, not at each write.
    check_text("care_records", "recorded_by", actor.user)
    check_text("offices", "name", name)
    put_setting(session, OFFICE_KEY, code)
    put_setting(session, OPERATOR_KEY, actor.user)
    office = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    if office is None:
        writes.create(session, actor, Office, code=code, name=name, level=role, parent_code=parent)
    else:  # the office is known already (e.g. a township database restored for reuse)
        writes.update(session, actor, office, name=name, level=role, parent_code=parent)
    seed_care_rules(session, actor)
    from app.sync.keys import create_office_keys  # `cryptography` loads only when needed

    fp = create_office_keys(session, code)
    return OfficeView(code, name, role, parent, fp)


def add_office(session: Session, actor: Actor, *, code: str, name: str, level: str,
               parent: str | None) -> Office:
    """Register another office (a village under this township, …) by its code."""
    check_office_code(code, level, parent)
    found = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    if found is not None:
        return found
    return writes.create(session, actor, Office, code=code, name=name, level=level, parent_code=parent)


def office_view(session: Session, code: str, *, with_fingerprint: bool = True) -> OfficeView | None:
    o = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    if o is None:
        return None
    fingerprint = None
    if with_fingerprint:  # the key code loads `cryptography`: the app's start skips it
        from app.sync.keys import own_fingerprint

        fingerprint = own_fingerprint(session, code)
    return OfficeView(o.code, o.name, o.level, o.parent_code, fingerprint)


def this_office_fingerprint(session: Session) -> str | None:
    from app.sync.keys import own_fingerprint

    code = this_office_code(session)
    return own_fingerprint(session, code) if code else None


def office_names(session: Session) -> dict[str, str]:
    """Code → name of every office this database knows (for showing village names)."""
    return dict(session.execute(select(Office.code, Office.name).where(Office.deleted.is_(False))).all())


# ---- the villages of an office ---------------------------------------------------------------


@dataclass(frozen=True)
class VillageChoice:
    code: str
    name: str


def in_office(column: Any, office_code: str) -> Any:
    """SQL: a village code lies in this office (equal for a village, a prefix above)."""
    return column == office_code if len(office_code) == 12 else column.like(f"{office_code}%")


def villages_of(session: Session, office_code: str) -> list[VillageChoice]:
    """The villages of an office (the office itself when it is a village), by code."""
    rows = session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
        in_office(Office.code, office_code)).order_by(Office.code))
    return [VillageChoice(code, name) for code, name in rows]

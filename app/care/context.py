"""Who is writing: this database's office, this laptop, this person, and the office's
hybrid-logical clock, persisted in local_settings so it never runs backwards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.errors import SetupError
from app.care.hlc import Clock, Stamp
from app.config import current_user, laptop_id
from app.models import LocalSetting, Office

OFFICE_KEY = "office_code"
CLOCK_KEY = "hlc_last"
OPERATOR_KEY = "operator"


@dataclass(frozen=True)
class Actor:
    office_code: str
    laptop_id: str
    user: str


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(LocalSetting, key)
    return row.value if row else None


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(LocalSetting, key)
    if row is None:
        session.add(LocalSetting(key=key, value=value))
    else:
        row.value = value


def this_office_code(session: Session) -> str | None:
    return get_setting(session, OFFICE_KEY)


def this_office(session: Session) -> Office:
    code = this_office_code(session)
    if code is None:
        raise SetupError("本数据库尚未设置办公室，请先运行 guanai init（或在应用里完成设置向导）。",
                         "This database is not set up for an office yet: run `guanai init`.")
    office = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    if office is None:
        raise SetupError(f"本数据库设置的办公室 {code} 不存在，数据库可能已损坏，请运行 guanai check。",
                         f"Office {code} of this database is missing; run `guanai check`.")
    return office


def actor_for(session: Session, user: str | None = None) -> Actor:
    """The actor of this database's office on this laptop: on a database with users, the
    user signed in on this session's engine (app/protection/roles.py); otherwise the
    operator named at setup, or the system's login name."""
    from app.protection.roles import signed_in

    office = this_office(session)
    who = signed_in(session)
    operator = user or (who.user if who is not None else None) or get_setting(session, OPERATOR_KEY) or current_user()
    return Actor(office.code, laptop_id(), operator)


def clock(session: Session, actor: Actor) -> Clock:
    """The office clock for this session, loaded once and saved back on flush."""
    found = session.info.get("clock")
    if found is None:
        last = get_setting(session, CLOCK_KEY)
        found = Clock(actor.office_code, Stamp.decode(last) if last else None)
        session.info["clock"] = found
    return found


def save_clock(session: Session) -> None:
    found: Clock | None = session.info.get("clock")
    if found is not None:
        put_setting(session, CLOCK_KEY, found.last.encode())


OPERATOR_MAX = 30  # characters: a person's name, as on the records they write


def set_operator(session: Session, actor: Actor, name: str) -> str:
    """The name written on this laptop's records from now on (audited). Refused: empty, too
    long, or with characters a record cannot hold."""
    from app.care.errors import ValidationError
    from app.care.text_rules import text_problem
    from app.care.writes import audit

    name = (name or "").strip()
    if not name or len(name) > OPERATOR_MAX:
        raise ValidationError(f"使用人姓名：请填写 1 到 {OPERATOR_MAX} 个字的姓名，如“王主任”。",
                              f"User name: 1 to {OPERATOR_MAX} characters.", field="operator")
    problem = text_problem("audit_log", "user", name)
    if problem is not None:
        zh, en = problem
        raise ValidationError(f"使用人姓名：{zh}", f"User name: {en}", field="operator")
    old = get_setting(session, OPERATOR_KEY)
    if old != name:
        put_setting(session, OPERATOR_KEY, name)
        audit(session, actor, "update", "local_settings", OPERATOR_KEY, {"value": [old, name]})
    return name

"""What supervision and assessment share: the office doing it, the village it concerns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import OPERATOR_KEY, Actor, get_setting, this_office
from app.care.errors import NotFoundError, ValidationError
from app.models import Office
from app.models.codes import OfficeLevel


def above_village(session: Session, what_zh: str, what_en: str) -> Office:
    """This office, refused when it is a village (supervision and assessment are the
    township's and the county's work)."""
    office = this_office(session)
    if office.level == OfficeLevel.village:
        raise ValidationError(f"{what_zh}由乡镇或县记录，村不能记录。",
                              f"{what_en} is recorded by a township or the county, not a village.")
    return office


def village_of(session: Session, office: Office, code: str) -> Office:
    code = (code or "").strip()
    village = session.scalars(select(Office).where(Office.code == code, Office.deleted.is_(False))).first()
    if village is None or village.deleted or village.level != OfficeLevel.village:
        raise NotFoundError(f"村：找不到代码为 {code} 的行政村。", f"No village with code {code}.", field="village")
    if not code.startswith(office.code):
        raise ValidationError(f"村：{village.name}（{code}）不在本单位（{office.name}）的辖区内。",
                              f"Village {code} lies outside this office.", field="village")
    return village


def person(session: Session, actor: Actor) -> str:
    """Who is writing: the operator named at setup, else the signed-in user."""
    return (get_setting(session, OPERATOR_KEY) or actor.user or "")[:50]


def today() -> dt.date:
    return dt.date.today()

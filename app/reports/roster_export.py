"""`guanai roster export`: the roster (花名册) of this office, of one village or township
under it, or of one assisting unit (what the plan calls sending the confirmed roster to the
assisting units: the confirmed recipients of the villages the unit is matched with and of
those paired with it, with their responsible person)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.errors import ValidationError
from app.models import (
    AssistingUnit,
    Guardian,
    Office,
    Pairing,
    Recipient,
    ResponsiblePerson,
    UnitVillage,
)
from app.models.codes import LABELS, WORK_LABELS, Status
from app.reports import sheets
from app.reports.sheets import DATE, ID, INT, Column


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "rows": self.rows, "title": self.title}


COLUMNS = (
    Column("序号", INT), Column("姓名"), Column("性别"), Column("身份证号", ID), Column("出生日期", DATE),
    Column("民族"), Column("联系电话", ID), Column("家庭住址"), Column("类别"), Column("是否重点监护"),
    Column("状态"), Column("自理能力"), Column("劳动能力"), Column("重大疾病"), Column("残疾类别"),
    Column("残疾等级"), Column("监护人姓名"), Column("监护人电话", ID), Column("所在村"),
    Column("帮扶责任人"), Column("备注"),
)
_SELECT = (Recipient.id, Recipient.name, Recipient.sex, Recipient.id_number, Recipient.birth_date,
           Recipient.ethnicity, Recipient.phone, Recipient.address, Recipient.categories,
           Recipient.key_monitoring, Recipient.status, Recipient.self_care, Recipient.work_ability,
           Recipient.major_illness, Recipient.disability_type, Recipient.disability_grade,
           Recipient.village_code, Recipient.notes)
GRADES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def _zh(code: str | None) -> str | None:
    return LABELS[code][0] if code in LABELS else code


@dataclass(frozen=True)
class _Scope:
    title: str
    where: list[Any]
    unit_id: str | None = None


def _scope(session: Session, unit: str | None) -> _Scope:
    office = this_office(session)
    if not unit:
        return _Scope(office.name, [Recipient.village_code.startswith(office.code)])
    code = unit.strip()
    if code.isdigit():
        found = session.scalars(select(Office).where(Office.code == code, Office.deleted.is_(False))).first()
        if found is None or not code.startswith(office.code):
            raise ValidationError(f"--unit：{code} 不是本单位（{office.name}）管辖的村或乡镇。",
                                  f"--unit: {code} is not a village or township under {office.code}.", field="unit")
        return _Scope(found.name, [Recipient.village_code.startswith(code)])
    u = session.scalars(select(AssistingUnit).where(
        AssistingUnit.deleted.is_(False), or_(AssistingUnit.id == code, AssistingUnit.name == code))).first()
    if u is None:
        raise ValidationError(f"--unit：找不到村代码、乡镇代码或帮扶单位“{code}”。",
                              f"--unit: no village, township or assisting unit '{code}'.", field="unit")
    today = dt.date.today()
    villages = select(UnitVillage.village_code).where(
        UnitVillage.unit_id == u.id, UnitVillage.deleted.is_(False), UnitVillage.start_date <= today,
        or_(UnitVillage.end_date.is_(None), UnitVillage.end_date >= today))
    paired = select(Pairing.recipient_id).where(
        Pairing.unit_id == u.id, Pairing.deleted.is_(False),
        or_(Pairing.end_date.is_(None), Pairing.end_date >= today))
    return _Scope(u.name, [Recipient.status == Status.confirmed.value,
                           Recipient.village_code.startswith(office.code),
                           or_(Recipient.village_code.in_(villages), Recipient.id.in_(paired))], u.id)


def _guardians(session: Session) -> dict[str, tuple[str, str | None]]:
    """The current guardian of each recipient (the latest begun, not ended)."""
    today = dt.date.today()
    q = select(Guardian.recipient_id, Guardian.name, Guardian.phone).where(
        Guardian.deleted.is_(False), or_(Guardian.end_date.is_(None), Guardian.end_date >= today)
    ).order_by(Guardian.start_date)
    return {rid: (name, phone) for rid, name, phone in session.execute(q)}


def _responsible(session: Session, unit_id: str | None) -> dict[str, str]:
    today = dt.date.today()
    q = (select(Pairing.recipient_id, ResponsiblePerson.name, AssistingUnit.name)
         .join(ResponsiblePerson, ResponsiblePerson.id == Pairing.responsible_person_id)
         .join(AssistingUnit, AssistingUnit.id == Pairing.unit_id)
         .where(Pairing.deleted.is_(False), or_(Pairing.end_date.is_(None), Pairing.end_date >= today)))
    if unit_id:
        q = q.where(Pairing.unit_id == unit_id)
    out: dict[str, str] = {}
    for rid, person, unit in session.execute(q):
        out[rid] = f"{person}（{unit}）" if rid not in out else out[rid] + f"、{person}（{unit}）"
    return out


def roster_rows(session: Session, unit: str | None = None) -> tuple[str, list[list[Any]]]:
    """The roster's title and its rows, in village and pinyin order, as plain values."""
    scope = _scope(session, unit)
    q = select(*_SELECT).where(Recipient.deleted.is_(False),
                               Recipient.status.not_in((Status.exited.value, Status.rejected.value)),
                               *scope.where).order_by(Recipient.village_code, Recipient.name_pinyin, Recipient.id)
    villages = dict(session.execute(select(Office.code, Office.name)).all())
    guardians = _guardians(session)
    responsible = _responsible(session, scope.unit_id)
    yes, no = "是", "否"
    rows = []
    for n, r in enumerate(session.connection().execute(q), start=1):  # Core rows: no ORM bookkeeping
        g = guardians.get(r.id)
        rows.append([
            n, r.name, _zh(r.sex), r.id_number, r.birth_date, r.ethnicity, r.phone, r.address,
            "、".join(LABELS[c][0] for c in r.categories), yes if r.key_monitoring else no,
            _zh(r.status), _zh(r.self_care), WORK_LABELS[r.work_ability][0] if r.work_ability in WORK_LABELS else r.work_ability, r.major_illness,
            _zh(r.disability_type), GRADES.get(r.disability_grade or 0), g[0] if g else None,
            g[1] if g else None, villages.get(r.village_code, r.village_code),
            responsible.get(r.id), r.notes])
    return scope.title, rows


def roster_table(title: str, rows: list[list[Any]], today: dt.date | None = None) -> sheets.Table:
    return sheets.Table(
        name="花名册", title=f"{title}关爱对象花名册",
        subtitle=f"共 {len(rows)} 人　　导出日期：{sheets.printed_on(today)}　　（含个人敏感信息，请妥善保管，不得外传）",
        columns=COLUMNS, rows=rows, freeze_columns=2)


def export_roster(session: Session, path: str | Path, *, unit: str | None = None) -> ExportResult:
    title, rows = roster_rows(session, unit)
    table = roster_table(title, rows)
    out = sheets.write_workbook(path, [table])
    from app.reports.audit_export import record_id_disclosure  # the file has full ID numbers

    record_id_disclosure(session, document="roster_export", people=len(rows), path=out)
    return ExportResult(out, len(rows), table.title)


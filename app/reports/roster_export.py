"""`guanai roster export`: the roster (花名册) of this office, of one village or township
under it, or of one assisting unit (what the plan calls sending the confirmed roster to the
assisting units: the confirmed recipients of the villages the unit is matched with and of
those paired with it, with their responsible person).

Beside the roster sheet, two sheets carry what one line per person has no room for: 监护人,
every current guardian with kind and relation, and 家庭成员, every household member with
where they work; each line names its recipient by ID number, so the file imports back
whole (app.reports.roster_import).

ID numbers are masked unless the director chooses full ones for this export (`full_ids`; the
export of full numbers is logged, app/reports/audit_export.py): a roster for an assisting unit
needs names, not ID numbers. A masked roster shows each person's age instead of the birth
date, which would give back the eight hidden digits; such a file does not import back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.errors import ValidationError
from app.care.validation import age_on, mask_id_number
from app.models import (
    AssistingUnit,
    Guardian,
    HouseholdMember,
    Office,
    Pairing,
    Recipient,
    ResponsiblePerson,
    UnitVillage,
)
from app.models.codes import LABELS, WORK_LABELS, Status
from app.reports import sheets
from app.reports import sheets_linked as linked
from app.reports.sheets import DATE, ID, INT, TEXT, SheetColumn


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "rows": self.rows, "title": self.title}


COLUMNS = (
    SheetColumn("序号", INT), SheetColumn("姓名"), SheetColumn("性别"), SheetColumn("身份证号", ID), SheetColumn("出生日期", DATE),
    SheetColumn("民族"), SheetColumn("联系电话", ID), SheetColumn("家庭住址"), SheetColumn("类别"), SheetColumn("是否重点监护"),
    SheetColumn("状态"), SheetColumn("自理能力"), SheetColumn("劳动能力"), SheetColumn("重大疾病"), SheetColumn("残疾类别"),
    SheetColumn("残疾等级"), SheetColumn("监护人姓名"), SheetColumn("与监护人关系"), SheetColumn("监护人电话", ID),
    SheetColumn("所在村"), SheetColumn("就读学校"), SheetColumn("班级"), SheetColumn("帮扶责任人"), SheetColumn("备注"),
    SheetColumn("父母外出情况"), SheetColumn("丈夫是否外出务工"), SheetColumn("子女是否都外出务工"),
)
# The masked roster: the age in place of the birth date (the digits the mask hides).
MASKED_COLUMNS = tuple(SheetColumn("年龄", INT) if c.header == "出生日期" else c for c in COLUMNS)
GUARDIAN_COLUMNS = tuple(SheetColumn(f.header, ID if f.key in ("ward_id", "id_number", "phone") else
                                DATE if f.key == "start_date" else TEXT) for f in linked.GUARDIAN_FIELDS)
MEMBER_COLUMNS = tuple(SheetColumn(f.header, ID if f.key in ("ward_id", "id_number", "phone") else TEXT)
                       for f in linked.MEMBER_FIELDS)
_SELECT = (Recipient.id, Recipient.name, Recipient.sex, Recipient.id_number, Recipient.birth_date,
           Recipient.ethnicity, Recipient.phone, Recipient.address, Recipient.categories,
           Recipient.key_monitoring, Recipient.status, Recipient.self_care, Recipient.work_ability,
           Recipient.major_illness, Recipient.disability_type, Recipient.disability_grade,
           Recipient.village_code, Recipient.notes, Recipient.school, Recipient.school_class,
           Recipient.parents_away, Recipient.husband_works_away, Recipient.children_work_away)
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


def _current_guardians(session: Session) -> dict[str, list[Any]]:
    """The current guardians of each recipient (not ended), the first recorded first."""
    today = dt.date.today()
    q = select(Guardian.recipient_id, Guardian.kind, Guardian.name, Guardian.relation, Guardian.id_number,
               Guardian.phone, Guardian.address, Guardian.start_date).where(
        Guardian.deleted.is_(False), or_(Guardian.end_date.is_(None), Guardian.end_date >= today)
    ).order_by(Guardian.start_date, Guardian.hlc)
    out: dict[str, list[Any]] = {}
    for g in session.connection().execute(q):  # Core rows: no ORM bookkeeping
        out.setdefault(g.recipient_id, []).append(g)
    return out


def _members(session: Session) -> dict[str, list[Any]]:
    q = select(HouseholdMember.recipient_id, HouseholdMember.name, HouseholdMember.relation,
               HouseholdMember.id_number, HouseholdMember.phone, HouseholdMember.works_away,
               HouseholdMember.work_place, HouseholdMember.can_guard, HouseholdMember.notes).where(
        HouseholdMember.deleted.is_(False)).order_by(HouseholdMember.hlc)
    out: dict[str, list[Any]] = {}
    for m in session.connection().execute(q):
        out.setdefault(m.recipient_id, []).append(m)
    return out


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


@dataclass(frozen=True)
class Roster:
    title: str
    rows: list[list[Any]]
    guardians: list[list[Any]]  # the 监护人 sheet's lines
    members: list[list[Any]]  # the 家庭成员 sheet's lines
    full_ids: bool = True


def roster_rows(session: Session, unit: str | None = None, *, full_ids: bool = True) -> tuple[str, list[list[Any]]]:
    """The roster's title and its rows, in village and pinyin order, as plain values."""
    found = roster_of(session, unit, full_ids=full_ids)
    return found.title, found.rows


def _masked(number: str | None) -> str | None:
    return mask_id_number(number) if number else number


def roster_of(session: Session, unit: str | None = None, *, full_ids: bool = True) -> Roster:
    """The roster sheet's rows and those of its 监护人 and 家庭成员 sheets; without `full_ids`
    every ID number masked and the age in place of the birth date."""
    scope = _scope(session, unit)
    q = select(*_SELECT).where(Recipient.deleted.is_(False),
                               Recipient.status.not_in((Status.exited.value, Status.rejected.value)),
                               *scope.where).order_by(Recipient.village_code, Recipient.name_pinyin, Recipient.id)
    villages = dict(session.execute(select(Office.code, Office.name)).all())
    guardians = _current_guardians(session)
    members = _members(session)
    responsible = _responsible(session, scope.unit_id)
    yes, no = "是", "否"
    rows: list[list[Any]] = []
    guardian_lines: list[list[Any]] = []
    member_lines: list[list[Any]] = []
    shown = (lambda x: x) if full_ids else _masked
    today = dt.date.today()
    for n, r in enumerate(session.connection().execute(q), start=1):  # Core rows: no ORM bookkeeping
        mine = guardians.get(r.id, [])
        first = mine[0] if mine else None
        g = (first.name, first.phone) if first else None
        ward = shown(r.id_number)
        for x in mine:
            guardian_lines.append([r.name, ward, _zh(x.kind), x.name, _zh(x.relation), shown(x.id_number),
                                   x.phone, x.address, x.start_date])
        for m in members.get(r.id, []):
            member_lines.append([r.name, ward, m.name, _zh(m.relation), shown(m.id_number), m.phone,
                                 yes if m.works_away else no, m.work_place, yes if m.can_guard else no, m.notes])
        rows.append([
            n, r.name, _zh(r.sex), ward, r.birth_date if full_ids else age_on(r.birth_date, today), r.ethnicity, r.phone, r.address,
            "、".join(LABELS[c][0] for c in r.categories), yes if r.key_monitoring else no,
            _zh(r.status), _zh(r.self_care), WORK_LABELS[r.work_ability][0] if r.work_ability in WORK_LABELS else r.work_ability, r.major_illness,
            _zh(r.disability_type), GRADES.get(r.disability_grade or 0), g[0] if g else None,
            _zh(first.relation) if first else None, g[1] if g else None,
            villages.get(r.village_code, r.village_code), r.school, r.school_class,
            responsible.get(r.id), r.notes, _zh(r.parents_away),
            None if r.husband_works_away is None else (yes if r.husband_works_away else no),
            None if r.children_work_away is None else (yes if r.children_work_away else no)])
    return Roster(scope.title, rows, guardian_lines, member_lines, full_ids)


MASKED_NOTE = "身份证号已隐去出生日期等8位"


def roster_table(title: str, rows: list[list[Any]], today: dt.date | None = None, *,
                 full_ids: bool = True) -> sheets.Table:
    ids = "" if full_ids else f"　　（{MASKED_NOTE}）"
    return sheets.Table(
        name="花名册", title=f"{title}关爱对象花名册",
        subtitle=f"共 {len(rows)} 人　　导出日期：{sheets.printed_on(today)}　　（含个人敏感信息，请妥善保管，不得外传）{ids}",
        columns=COLUMNS if full_ids else MASKED_COLUMNS, rows=rows, freeze_columns=2)


def companion_tables(title: str, found: Roster) -> list[sheets.Table]:
    how = "与花名册对应，导入时一并读取" if found.full_ids else f"与花名册对应（{MASKED_NOTE}）"
    return [
        sheets.Table(name=linked.SHEET_NAMES[linked.GUARDIANS], title=f"{title}关爱对象监护人（赡养人）名单",
                     subtitle=f"共 {len(found.guardians)} 人；“对象身份证号”{how}",
                     columns=GUARDIAN_COLUMNS, rows=found.guardians, freeze_columns=2),
        sheets.Table(name=linked.SHEET_NAMES[linked.MEMBERS], title=f"{title}关爱对象家庭成员",
                     subtitle=f"共 {len(found.members)} 人；“对象身份证号”{how}",
                     columns=MEMBER_COLUMNS, rows=found.members, freeze_columns=2),
    ]


def export_roster(session: Session, path: str | Path, *, unit: str | None = None,
                  full_ids: bool = False) -> ExportResult:
    """The roster workbook; ID numbers masked unless `full_ids` (the director's choice for
    this export, refused to other roles before the file is written: a file with full numbers
    is logged in the audit trail and the access log)."""
    if full_ids:
        from app.reports.audit_export import require_disclosure

        require_disclosure(session)  # before the file: a refusal writes nothing
    found = roster_of(session, unit, full_ids=full_ids)
    table = roster_table(found.title, found.rows, full_ids=full_ids)
    out = sheets.write_workbook(path, [table, *companion_tables(found.title, found)])
    if full_ids:
        from app.reports.audit_export import record_id_disclosure  # the file has full ID numbers

        record_id_disclosure(session, document="roster_export", people=len(found.rows), path=out)
    return ExportResult(out, len(found.rows), table.title)


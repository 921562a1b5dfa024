"""One recipient's file as the recipient form shows it: the editable fields, the household and
guardians (with their add / edit / remove services), the care timeline, pairings,
responsibilities, agreements, assessments, the status history, attachments, and the
life-cycle steps this office may take now. Reads return frozen dataclasses; writes are
stamped, validated and audited through app.care.writes. No Qt here."""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.attachments import attach_file
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ValidationError
from app.care.lifecycle import allowed_steps, current_reviews, departments_concerned
from app.care.recipients import EDITABLE, _collect, _raise, get_recipient
from app.care.text_rules import text_errors
from app.care.validation import check_choice, check_name, normalize_phone, parse_id_number
from app.models import (
    Agreement,
    AssistingUnit,
    Attachment,
    CareRecord,
    Guardian,
    HouseholdMember,
    MicroWish,
    Office,
    Pairing,
    Responsibility,
    ResponsiblePerson,
    StatusEvent,
    TeacherPairing,
    ThirdPartyAssessment,
)
from app.models.codes import (
    AttachmentKind,
    GuardianKind,
    LifecycleStep,
    OfficeLevel,
    ParentsAway,
    Relation,
)

# ---- the form's fields ----------------------------------------------------------------


@dataclass(frozen=True)
class RecipientFields:
    """Everything the form edits, as stored (plus what it shows read-only)."""

    id: str
    village_code: str
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    ethnicity: str | None
    phone: str | None
    address: str | None
    categories: tuple[str, ...]
    key_monitoring: bool
    self_care: str | None
    work_ability: str | None
    disability_type: str | None
    disability_grade: int | None
    major_illness: str | None
    school: str | None
    notes: str | None
    is_urban: bool
    has_income: bool | None
    has_supporter: bool | None
    in_institution: bool
    status: str
    status_date: dt.date
    surveyed_on: dt.date
    surveyed_by: str | None
    # the household conditions of the left-behind categories (issue 14, point 8)
    parents_away: str | None = None
    husband_works_away: bool | None = None
    children_work_away: bool | None = None
    # a region code unknown to GB/T 2260, confirmed by the director (issue 14, point 7)
    id_region_note: str | None = None
    id_region_confirmed_by: str | None = None
    id_region_confirmed_on: dt.date | None = None
    # the record's stamp as read: a save passes it back with the values read (edit_recipient
    # refuses a change to a field another clerk changed since)
    stamp: str | None = None

    def read_of(self, changes: dict[str, Any]) -> dict[str, Any]:
        """The values read of the fields an edit changes (edit_recipient's read_values)."""
        return {k: getattr(self, k) for k in changes if hasattr(self, k)}


def recipient_fields(session: Session, recipient_id: str) -> RecipientFields:
    r = get_recipient(session, recipient_id)
    return RecipientFields(
        id=r.id, village_code=r.village_code, name=r.name, id_number=r.id_number, sex=r.sex,
        birth_date=r.birth_date, ethnicity=r.ethnicity, phone=r.phone, address=r.address,
        categories=tuple(r.categories), key_monitoring=r.key_monitoring, self_care=r.self_care,
        work_ability=r.work_ability, disability_type=r.disability_type,
        disability_grade=r.disability_grade, major_illness=r.major_illness, school=r.school,
        notes=r.notes, is_urban=r.is_urban, has_income=r.has_income, has_supporter=r.has_supporter,
        in_institution=r.in_institution, status=r.status, status_date=r.status_date,
        surveyed_on=r.surveyed_on, surveyed_by=r.surveyed_by, parents_away=r.parents_away,
        husband_works_away=r.husband_works_away, children_work_away=r.children_work_away,
        id_region_note=r.id_region_note, id_region_confirmed_by=r.id_region_confirmed_by,
        id_region_confirmed_on=r.id_region_confirmed_on, stamp=r.hlc)


@dataclass(frozen=True)
class ChildSituation:
    """A left-behind child's situation as the household record states it (the agreement's
    preamble, the ministry's form's 监护情况): `code` a ParentsAway code."""

    code: str  # both_away | one_away_other_unable
    zh: str  # 父母均外出务工 | 一方外出务工、另一方无监护能力
    en: str


def child_situation(session: Session, recipient_id: str) -> ChildSituation | None:
    """The child's situation recorded on the household (None: not recorded, or not a child)."""
    r = get_recipient(session, recipient_id)
    if not r.parents_away:
        return None
    code = ParentsAway(r.parents_away)
    return ChildSituation(code.value, code.zh, code.en)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str | None) and isinstance(new, str | None):
        return (old or "").strip() == (new or "").strip()
    if isinstance(old, tuple | list) and isinstance(new, tuple | list):
        return sorted(old) == sorted(new)
    return bool(old == new)


def changed_fields(before: RecipientFields, values: dict[str, Any]) -> dict[str, Any]:
    """Only the editable fields whose value differs from what is stored, so an edit sends
    just those (the category rules are checked again only when a field they read changes)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            continue
        old = getattr(before, key)
        if key == "id_number" and isinstance(value, str):
            if value.strip().upper() == old:
                continue
        elif _same(old, value):
            continue
        out[key] = value
    return out


@dataclass(frozen=True)
class VillageChoice:
    code: str
    name: str


def village_choices(session: Session) -> list[VillageChoice]:
    """The villages this office may register recipients in (its own, or those under it)."""
    office = this_office(session)
    q = select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.level == OfficeLevel.village.value,
        Office.code.startswith(office.code)).order_by(Office.code)
    return [VillageChoice(c, n) for c, n in session.execute(q).all()]


# ---- life cycle ------------------------------------------------------------------------


@dataclass(frozen=True)
class LifecycleView:
    status: str
    status_date: dt.date
    steps: tuple[str, ...]  # the steps this office may take now, in the life cycle's order
    pending_departments: tuple[str, ...]  # departments still to review this round
    needs_doc_no: bool  # county decisions entered below the county name their document


# The county receives reports; it does not report to itself.
STEPS_BY_LEVEL = {
    OfficeLevel.village.value: {"report", "review", "confirm", "reject", "exit"},
    OfficeLevel.township.value: {"report", "review", "confirm", "reject", "exit"},
    OfficeLevel.county.value: {"review", "confirm", "reject", "exit"},
}
ORDER = [s.value for s in LifecycleStep]


def lifecycle_view(session: Session, recipient_id: str) -> LifecycleView:
    r = get_recipient(session, recipient_id)
    level = this_office(session).level
    may = STEPS_BY_LEVEL.get(level, set())
    steps = tuple(sorted((s for s in allowed_steps(session, r) if s in may), key=ORDER.index))
    done = current_reviews(session, r)
    pending = tuple(d for d in departments_concerned(tuple(r.categories)) if d not in done)
    if "review" in steps and not pending:
        steps = tuple(s for s in steps if s != "review")
    return LifecycleView(r.status, r.status_date, steps, pending, level != OfficeLevel.county.value)


# ---- household members and guardians ----------------------------------------------------


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


def members(session: Session, recipient_id: str) -> list[MemberRow]:
    rows = session.scalars(select(HouseholdMember).where(
        HouseholdMember.recipient_id == recipient_id, HouseholdMember.deleted.is_(False))
        .order_by(HouseholdMember.hlc))
    return [MemberRow(m.id, m.name, m.relation, m.id_number, m.phone, m.works_away, m.work_place,
                      m.can_guard, m.notes) for m in rows]


def guardians(session: Session, recipient_id: str) -> list[GuardianRow]:
    rows = session.scalars(select(Guardian).where(
        Guardian.recipient_id == recipient_id, Guardian.deleted.is_(False)).order_by(Guardian.hlc))
    return [GuardianRow(g.id, g.kind, g.name, g.relation, g.id_number, g.phone, g.address,
                        g.start_date, g.end_date) for g in rows]


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _optional_id(errors: list[ValidationError], raw: str | None) -> tuple[str | None, dt.date | None]:
    if not _text(raw):
        return None, None
    ident = _collect(errors, parse_id_number, raw)
    return (ident.number, ident.birth_date) if ident else (None, None)


def _member_values(errors: list[ValidationError], *, name: str, relation: str, phone: str | None,
                   id_number: str | None, works_away: bool, work_place: str | None,
                   can_guard: bool, notes: str | None) -> dict[str, Any]:
    number, birth = _optional_id(errors, id_number)
    place = _text(work_place)
    if works_away and place is None:
        errors.append(ValidationError("务工地点：外出务工的家庭成员请填写在哪里务工（如 浙江宁波）。",
                                      "Work place: say where the member works.", field="work_place"))
    values = {
        "name": _collect(errors, check_name, name),
        "relation": _collect(errors, _relation, relation),
        "phone": _collect(errors, normalize_phone, phone),
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
    values = _member_values(errors, name=name, relation=relation, phone=phone, id_number=id_number,
                            works_away=works_away, work_place=work_place, can_guard=can_guard,
                            notes=notes)
    _raise(errors)
    return writes.create(session, actor, HouseholdMember, recipient_id=r.id, **values)


def edit_member(session: Session, actor: Actor, member_id: str, *, name: str, relation: str,
                phone: str | None = None, id_number: str | None = None, works_away: bool = False,
                work_place: str | None = None, can_guard: bool = True,
                notes: str | None = None) -> dict[str, list[Any]]:
    m = _live(session, HouseholdMember, member_id, "家庭成员")
    errors: list[ValidationError] = []
    values = _member_values(errors, name=name, relation=relation, phone=phone, id_number=id_number,
                            works_away=works_away, work_place=work_place, can_guard=can_guard,
                            notes=notes)
    _raise(errors)
    return writes.update(session, actor, m, **values)


def remove_member(session: Session, actor: Actor, member_id: str, *, reason: str | None = None) -> None:
    writes.delete(session, actor, _live(session, HouseholdMember, member_id, "家庭成员"),
                  reason=_text(reason))


def _guardian_values(errors: list[ValidationError], *, kind: str, name: str, relation: str,
                     phone: str | None, id_number: str | None, address: str | None,
                     start_date: dt.date | None, end_date: dt.date | None) -> dict[str, Any]:
    if not kind:
        errors.append(ValidationError("监护类型：请选择监护类型。", "Kind is required.", field="kind"))
    else:
        _collect(errors, check_choice, kind, GuardianKind, field="kind", label="监护类型")
    number, _birth = _optional_id(errors, id_number)
    if start_date and end_date and end_date < start_date:
        errors.append(ValidationError(
            f"结束日期：{end_date.isoformat()} 早于开始日期 {start_date.isoformat()}，请核对。",
            "The end date is before the start date.", field="end_date"))
    values = {"kind": kind, "name": _collect(errors, check_name, name),
              "relation": _collect(errors, _relation, relation),
              "phone": _collect(errors, normalize_phone, phone), "id_number": number,
              "address": _text(address), "start_date": start_date, "end_date": end_date}
    errors.extend(text_errors("guardians", values))
    return values


def add_guardian(session: Session, actor: Actor, recipient_id: str, *, kind: str, name: str,
                 relation: str, phone: str | None = None, id_number: str | None = None,
                 address: str | None = None, start_date: dt.date | None = None,
                 end_date: dt.date | None = None) -> Guardian:
    r = get_recipient(session, recipient_id)
    errors: list[ValidationError] = []
    values = _guardian_values(errors, kind=kind, name=name, relation=relation, phone=phone,
                              id_number=id_number, address=address,
                              start_date=start_date or dt.date.today(), end_date=end_date)
    _raise(errors)
    return writes.create(session, actor, Guardian, recipient_id=r.id, **values)


def edit_guardian(session: Session, actor: Actor, guardian_id: str, *, kind: str, name: str,
                  relation: str, phone: str | None = None, id_number: str | None = None,
                  address: str | None = None, start_date: dt.date | None = None,
                  end_date: dt.date | None = None) -> dict[str, list[Any]]:
    g = _live(session, Guardian, guardian_id, "监护人")
    errors: list[ValidationError] = []
    values = _guardian_values(errors, kind=kind, name=name, relation=relation, phone=phone,
                              id_number=id_number, address=address,
                              start_date=start_date or g.start_date, end_date=end_date)
    _raise(errors)
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


# ---- care timeline ------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    on: dt.date
    kind: str  # a CareKind code
    stage: str | None  # micro-wishes: their WishStage
    who: str
    reached: bool | None
    summary: str
    amount_fen: int | None
    needs_action: bool
    record_id: str | None = None  # a care record's id: opened, corrected or voided (app/care/corrections.py)


def _join(*parts: str | None) -> str:
    return "；".join(p.strip() for p in parts if p and p.strip())


def timeline(session: Session, recipient_id: str) -> list[TimelineRow]:
    """Every care record and micro-wish of the recipient, newest first."""
    rows: list[TimelineRow] = []
    for c in session.scalars(select(CareRecord).where(
            CareRecord.recipient_id == recipient_id, CareRecord.deleted.is_(False))):
        who = c.visitors or c.recorded_by
        rows.append(TimelineRow(c.occurred_on, c.kind, None, who, c.reached,
                                _join(c.items, c.donor, c.findings, c.problems, c.note),
                                c.value_fen, c.needs_action, c.id))
    for w in session.scalars(select(MicroWish).where(
            MicroWish.recipient_id == recipient_id, MicroWish.deleted.is_(False))):
        on = w.fulfilled_on or w.claimed_on or w.collected_on
        rows.append(TimelineRow(on, "micro_wish", w.stage, w.claimed_by or w.recorded_by, None,
                                _join(w.description, w.fulfilled_with if w.fulfilled_with != w.description else None),
                                w.value_fen, False))
    rows.sort(key=lambda t: t.on, reverse=True)
    return rows


# ---- programmes ------------------------------------------------------------------------


@dataclass(frozen=True)
class PairingRow:
    kind: str  # "unit" (帮扶责任人) or "teacher"
    organisation: str  # the assisting unit, or the school (and class)
    person: str
    phone: str | None
    start_date: dt.date
    end_date: dt.date | None


def pairings(session: Session, recipient_id: str) -> list[PairingRow]:
    rows: list[PairingRow] = []
    q = (select(Pairing, ResponsiblePerson, AssistingUnit)
         .join(ResponsiblePerson, ResponsiblePerson.id == Pairing.responsible_person_id)
         .join(AssistingUnit, AssistingUnit.id == Pairing.unit_id)
         .where(Pairing.recipient_id == recipient_id, Pairing.deleted.is_(False)))
    for p, person, unit in session.execute(q).all():
        rows.append(PairingRow("unit", unit.name, person.name, person.phone, p.start_date, p.end_date))
    for t in session.scalars(select(TeacherPairing).where(
            TeacherPairing.recipient_id == recipient_id, TeacherPairing.deleted.is_(False))):
        school = _join(t.school, t.school_class).replace("；", " ")
        rows.append(PairingRow("teacher", school, t.teacher_name, t.teacher_phone, t.start_date, t.end_date))
    rows.sort(key=lambda p: (p.end_date is not None, p.start_date), reverse=False)
    return rows


@dataclass(frozen=True)
class ResponsibilityRow:
    kind: str
    person_name: str
    person_role: str | None
    person_phone: str | None
    start_date: dt.date
    end_date: dt.date | None


def responsibilities(session: Session, recipient_id: str) -> list[ResponsibilityRow]:
    return [ResponsibilityRow(x.kind, x.person_name, x.person_role, x.person_phone, x.start_date, x.end_date)
            for x in session.scalars(select(Responsibility).where(
                Responsibility.recipient_id == recipient_id, Responsibility.deleted.is_(False))
                .order_by(Responsibility.start_date))]


@dataclass(frozen=True)
class AgreementRow:
    kind: str
    number: str
    status: str
    drafted_on: dt.date
    signed_on: dt.date | None


def agreements(session: Session, recipient_id: str) -> list[AgreementRow]:
    return [AgreementRow(a.kind, a.number, a.status, a.drafted_on, a.signed_on)
            for a in session.scalars(select(Agreement).where(
                Agreement.recipient_id == recipient_id, Agreement.deleted.is_(False))
                .order_by(Agreement.drafted_on.desc(), Agreement.number))]


@dataclass(frozen=True)
class AssessmentRow:
    assessed_on: dt.date
    agency: str
    self_care: str
    evaluation: str | None
    recommended_measures: str | None


def assessments(session: Session, recipient_id: str) -> list[AssessmentRow]:
    return [AssessmentRow(a.assessed_on, a.agency, a.self_care, a.evaluation, a.recommended_measures)
            for a in session.scalars(select(ThirdPartyAssessment).where(
                ThirdPartyAssessment.recipient_id == recipient_id,
                ThirdPartyAssessment.deleted.is_(False)).order_by(ThirdPartyAssessment.assessed_on.desc()))]


@dataclass(frozen=True)
class HistoryRow:
    on: dt.date
    step: str
    from_status: str | None
    to_status: str
    department: str | None
    decision: str | None
    reason: str | None
    doc_no: str | None
    decided_by: str
    source: str


def status_history(session: Session, recipient_id: str) -> list[HistoryRow]:
    """The life cycle's steps, newest first."""
    events = session.scalars(select(StatusEvent).where(
        StatusEvent.recipient_id == recipient_id, StatusEvent.deleted.is_(False))
        .order_by(StatusEvent.hlc.desc()))
    return [HistoryRow(e.decided_on, e.step, e.from_status, e.to_status, e.department, e.decision,
                       e.reason, e.doc_no, e.decided_by, e.source) for e in events]


# ---- attachments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentRow:
    id: str
    sha256: str
    file_name: str
    mime_type: str
    kind: str
    caption: str | None
    taken_on: dt.date | None
    owner_table: str  # "recipients", or "care_records" for a visit's photos


def attachments(session: Session, recipient_id: str) -> list[AttachmentRow]:
    """The recipient's own files and those of their care records (a visit's photos)."""
    records = select(CareRecord.id).where(CareRecord.recipient_id == recipient_id).scalar_subquery()
    q = select(Attachment).where(Attachment.deleted.is_(False), (
        ((Attachment.owner_table == "recipients") & (Attachment.owner_id == recipient_id))
        | ((Attachment.owner_table == "care_records") & Attachment.owner_id.in_(records))
    )).order_by(Attachment.hlc)
    return [AttachmentRow(a.id, a.sha256, a.file_name, a.mime_type, a.kind, a.caption, a.taken_on,
                          a.owner_table) for a in session.scalars(q)]


def kind_for(mime_type: str) -> str:
    """A photo for pictures, a scan for PDFs, a document for anything else."""
    if mime_type.startswith("image/"):
        return AttachmentKind.photo.value
    if mime_type == "application/pdf":
        return AttachmentKind.scan.value
    return AttachmentKind.document.value


def attach_files(session: Session, actor: Actor, store: Path, recipient_id: str,
                 sources: list[Path]) -> list[str]:
    """Attach files to the recipient, all or none; returns the new attachments' ids."""
    r = get_recipient(session, recipient_id)
    if not sources:
        raise ValidationError("附件：请选择要添加的文件。", "Choose the files to attach.", field="file")
    out = []
    for source in sources:
        mime = mimetypes.guess_type(source.name)[0] or ""
        a = attach_file(session, actor, store, source=source, owner_table="recipients", owner_id=r.id,
                        kind=kind_for(mime))
        out.append(a.id)
    return out


# ---- everything at once (the form's background load) ----------------------------------


@dataclass(frozen=True)
class Profile:
    fields: RecipientFields
    lifecycle: LifecycleView
    members: tuple[MemberRow, ...]
    guardians: tuple[GuardianRow, ...]
    timeline: tuple[TimelineRow, ...]
    pairings: tuple[PairingRow, ...]
    responsibilities: tuple[ResponsibilityRow, ...]
    agreements: tuple[AgreementRow, ...]
    assessments: tuple[AssessmentRow, ...]
    history: tuple[HistoryRow, ...]
    attachments: tuple[AttachmentRow, ...]


def profile(session: Session, recipient_id: str) -> Profile:
    return Profile(
        recipient_fields(session, recipient_id), lifecycle_view(session, recipient_id),
        tuple(members(session, recipient_id)), tuple(guardians(session, recipient_id)),
        tuple(timeline(session, recipient_id)), tuple(pairings(session, recipient_id)),
        tuple(responsibilities(session, recipient_id)), tuple(agreements(session, recipient_id)),
        tuple(assessments(session, recipient_id)), tuple(status_history(session, recipient_id)),
        tuple(attachments(session, recipient_id)))

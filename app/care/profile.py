"""One recipient's file as the recipient form shows it (read views): the editable fields, the
household and guardians (app.care.household, which also holds their writes), the care
timeline, pairings, responsibilities, agreements, assessments, the status history,
attachments, and the life-cycle steps this office may take now. Everything here reads and
returns frozen dataclasses; the form's writes are app.care.recipients', app.care.household's,
app.care.lifecycle's and app.care.attachments'. No Qt here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.household import GuardianRow, MemberRow, guardians, members
from app.care.lifecycle import allowed_steps, current_reviews, departments_concerned
from app.care.offices import VillageChoice, villages_of
from app.care.recipients import (
    EDITABLE,
    RecipientFields,
    StatusStep,
    get_recipient,
    status_step,
    stored_fields,
)
from app.models import (
    Agreement,
    AssistingUnit,
    Attachment,
    CareRecord,
    MicroWish,
    Pairing,
    Responsibility,
    ResponsiblePerson,
    StatusEvent,
    TeacherPairing,
    ThirdPartyAssessment,
)
from app.models.codes import LifecycleStep, OfficeLevel, ParentsAway

# ---- the form's fields ----------------------------------------------------------------


def recipient_fields(session: Session, recipient_id: str) -> RecipientFields:
    return RecipientFields(**stored_fields(get_recipient(session, recipient_id)))


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


def village_choices(session: Session) -> list[VillageChoice]:
    """The villages this office may register recipients in (its own, or those under it)."""
    return villages_of(session, this_office(session).code)


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
class RecipientPairingRow:
    kind: str  # "unit" (帮扶责任人) or "teacher"
    organisation: str  # the assisting unit, or the school (and class)
    person: str
    phone: str | None
    start_date: dt.date
    end_date: dt.date | None


def pairings(session: Session, recipient_id: str) -> list[RecipientPairingRow]:
    rows: list[RecipientPairingRow] = []
    q = (select(Pairing, ResponsiblePerson, AssistingUnit)
         .join(ResponsiblePerson, ResponsiblePerson.id == Pairing.responsible_person_id)
         .join(AssistingUnit, AssistingUnit.id == Pairing.unit_id)
         .where(Pairing.recipient_id == recipient_id, Pairing.deleted.is_(False)))
    for p, person, unit in session.execute(q).all():
        rows.append(RecipientPairingRow("unit", unit.name, person.name, person.phone, p.start_date, p.end_date))
    for t in session.scalars(select(TeacherPairing).where(
            TeacherPairing.recipient_id == recipient_id, TeacherPairing.deleted.is_(False))):
        school = _join(t.school, t.school_class).replace("；", " ")
        rows.append(RecipientPairingRow("teacher", school, t.teacher_name, t.teacher_phone, t.start_date, t.end_date))
    rows.sort(key=lambda p: (p.end_date is not None, p.start_date), reverse=False)
    return rows


@dataclass(frozen=True)
class RecipientResponsibilityRow:
    kind: str
    person_name: str
    person_role: str | None
    person_phone: str | None
    start_date: dt.date
    end_date: dt.date | None


def responsibilities(session: Session, recipient_id: str) -> list[RecipientResponsibilityRow]:
    return [RecipientResponsibilityRow(x.kind, x.person_name, x.person_role, x.person_phone, x.start_date, x.end_date)
            for x in session.scalars(select(Responsibility).where(
                Responsibility.recipient_id == recipient_id, Responsibility.deleted.is_(False))
                .order_by(Responsibility.start_date))]


@dataclass(frozen=True)
class RecipientAgreementRow:
    kind: str
    number: str
    status: str
    drafted_on: dt.date
    signed_on: dt.date | None


def agreements(session: Session, recipient_id: str) -> list[RecipientAgreementRow]:
    return [RecipientAgreementRow(a.kind, a.number, a.status, a.drafted_on, a.signed_on)
            for a in session.scalars(select(Agreement).where(
                Agreement.recipient_id == recipient_id, Agreement.deleted.is_(False))
                .order_by(Agreement.drafted_on.desc(), Agreement.number))]


@dataclass(frozen=True)
class RecipientAssessmentRow:
    assessed_on: dt.date
    agency: str
    self_care: str
    evaluation: str | None
    recommended_measures: str | None


def assessments(session: Session, recipient_id: str) -> list[RecipientAssessmentRow]:
    return [RecipientAssessmentRow(a.assessed_on, a.agency, a.self_care, a.evaluation, a.recommended_measures)
            for a in session.scalars(select(ThirdPartyAssessment).where(
                ThirdPartyAssessment.recipient_id == recipient_id,
                ThirdPartyAssessment.deleted.is_(False)).order_by(ThirdPartyAssessment.assessed_on.desc()))]


def status_history(session: Session, recipient_id: str) -> list[StatusStep]:
    """The life cycle's steps, newest first."""
    events = session.scalars(select(StatusEvent).where(
        StatusEvent.recipient_id == recipient_id, StatusEvent.deleted.is_(False))
        .order_by(StatusEvent.hlc.desc()))
    return [status_step(e) for e in events]


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


# ---- everything at once (the form's background load) ----------------------------------


@dataclass(frozen=True)
class Profile:
    fields: RecipientFields
    lifecycle: LifecycleView
    members: tuple[MemberRow, ...]
    guardians: tuple[GuardianRow, ...]
    timeline: tuple[TimelineRow, ...]
    pairings: tuple[RecipientPairingRow, ...]
    responsibilities: tuple[RecipientResponsibilityRow, ...]
    agreements: tuple[RecipientAgreementRow, ...]
    assessments: tuple[RecipientAssessmentRow, ...]
    history: tuple[StatusStep, ...]  # newest first
    attachments: tuple[AttachmentRow, ...]


def profile(session: Session, recipient_id: str) -> Profile:
    return Profile(
        recipient_fields(session, recipient_id), lifecycle_view(session, recipient_id),
        tuple(members(session, recipient_id)), tuple(guardians(session, recipient_id)),
        tuple(timeline(session, recipient_id)), tuple(pairings(session, recipient_id)),
        tuple(responsibilities(session, recipient_id)), tuple(agreements(session, recipient_id)),
        tuple(assessments(session, recipient_id)), tuple(status_history(session, recipient_id)),
        tuple(attachments(session, recipient_id)))

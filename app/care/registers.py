"""What the programme registers of the app show: third-party assessments, the five
responsibilities, agreements by state, and care activities with who attended.

Each list is scoped to this office (a village sees its own; a township or county the
villages under it, by code prefix), newest first, at most LIMIT rows with the total beside
them, and returns frozen dataclasses. The writes are app.care.programmes'; the one here
only joins two of them in a single transaction (an activity and its attendance).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, TypeVarTuple

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.care import programmes
from app.care.context import Actor, this_office
from app.care.recipients import get_recipient, search_clause
from app.care.validation import age_on, mask_id_number
from app.models import (
    Activity,
    Agreement,
    Attendance,
    Guardian,
    Pairing,
    Recipient,
    Responsibility,
    ResponsiblePerson,
    ThirdPartyAssessment,
)
from app.models.codes import AgreementKind, Category, Status

LIMIT = 1000

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The rows shown and how many matched in all (the list stops at LIMIT)."""

    rows: tuple[T, ...]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def _prefix(session: Session) -> str:
    return f"{this_office(session).code}%"


def _in_scope(session: Session, q: Select[*Ts], search: str | None) -> Select[*Ts]:
    """Recipients of this office's villages, optionally matching the roster's search."""
    q = q.where(Recipient.deleted.is_(False), Recipient.village_code.like(_prefix(session)))
    if search and search.strip():
        q = q.where(search_clause(search))
    return q


def _listing(session: Session, q: Select[*tuple[Any, ...]], make: Any, limit: int) -> Listing[Any]:
    total = int(session.scalar(q.with_only_columns(func.count()).order_by(None)) or 0)
    return Listing(tuple(make(*row) for row in session.execute(q.limit(limit))), total)


# ---- third-party assessments -----------------------------------------------------------

@dataclass(frozen=True)
class AssessmentRow:
    id: str
    recipient_id: str
    name: str
    village_code: str
    agency: str
    assessed_on: dt.date
    self_care: str
    living_conditions: str | None
    health_check: str | None
    evaluation: str | None
    recommended_measures: str | None


def list_assessments(session: Session, *, search: str | None = None, self_care: str | None = None,
                     limit: int = LIMIT) -> Listing[AssessmentRow]:
    a = ThirdPartyAssessment
    q = select(a, Recipient.name, Recipient.village_code).join(Recipient, Recipient.id == a.recipient_id)
    q = _in_scope(session, q.where(a.deleted.is_(False)), search)
    if self_care:
        q = q.where(a.self_care == self_care)
    q = q.order_by(a.assessed_on.desc(), a.id.desc())

    def make(x: ThirdPartyAssessment, name: str, village: str) -> AssessmentRow:
        return AssessmentRow(x.id, x.recipient_id, name, village, x.agency, x.assessed_on, x.self_care,
                             x.living_conditions, x.health_check, x.evaluation, x.recommended_measures)

    return _listing(session, q, make, limit)


def known_agencies(session: Session) -> list[str]:
    """Agencies already named here, most recently used first (the form offers them)."""
    a = ThirdPartyAssessment
    q = (select(a.agency).where(a.deleted.is_(False)).group_by(a.agency)
         .order_by(func.max(a.assessed_on).desc()).limit(50))
    return list(session.scalars(q))


# ---- responsibilities -------------------------------------------------------------------

@dataclass(frozen=True)
class ResponsibilityRow:
    id: str
    recipient_id: str
    name: str
    village_code: str
    kind: str
    person_name: str
    person_phone: str | None
    person_role: str | None
    start_date: dt.date
    end_date: dt.date | None

    def ended(self, on: dt.date) -> bool:
        return self.end_date is not None and self.end_date <= on


def list_responsibilities(session: Session, *, kind: str | None = None, state: str | None = "current",
                          search: str | None = None, on: dt.date | None = None,
                          limit: int = LIMIT) -> Listing[ResponsibilityRow]:
    """`state` "current" keeps those with no end or an end still ahead; "ended" those whose
    end date has come (an end recorded for today counts as ended on the page)."""
    on = on or dt.date.today()
    x = Responsibility
    q = select(x, Recipient.name, Recipient.village_code).join(Recipient, Recipient.id == x.recipient_id)
    q = _in_scope(session, q.where(x.deleted.is_(False)), search)
    if kind:
        q = q.where(x.kind == kind)
    if state == "current":
        q = q.where(or_(x.end_date.is_(None), x.end_date > on))
    elif state == "ended":
        q = q.where(x.end_date.is_not(None), x.end_date <= on)
    q = q.order_by(x.start_date.desc(), x.id.desc())

    def make(r: Responsibility, name: str, village: str) -> ResponsibilityRow:
        return ResponsibilityRow(r.id, r.recipient_id, name, village, r.kind, r.person_name, r.person_phone,
                                 r.person_role, r.start_date, r.end_date)

    return _listing(session, q, make, limit)


@dataclass(frozen=True)
class PersonRef:
    id: str
    name: str


def without_responsibility(session: Session, *, on: dt.date | None = None) -> list[PersonRef]:
    """Confirmed recipients who cannot look after themselves and have no responsibility in
    force (the warning of app.care.warnings, as names the page can list)."""
    on = on or dt.date.today()
    x = Responsibility
    in_force = (select(x.id).where(x.recipient_id == Recipient.id, x.deleted.is_(False), x.start_date <= on,
                                   or_(x.end_date.is_(None), x.end_date >= on)).exists())
    q = _in_scope(session, select(Recipient.id, Recipient.name), None).where(
        Recipient.status == Status.confirmed.value, Recipient.self_care == "none", ~in_force)
    return [PersonRef(rid, name) for rid, name in session.execute(q.order_by(Recipient.name_pinyin))]


# ---- agreements -------------------------------------------------------------------------

@dataclass(frozen=True)
class AgreementRow:
    id: str
    number: str
    recipient_id: str
    name: str
    village_code: str
    kind: str
    status: str
    guardian_name: str | None
    person_name: str | None
    term_start: dt.date | None
    term_end: dt.date | None
    drafted_on: dt.date
    printed_on: dt.date | None
    signed_on: dt.date | None
    has_scan: bool
    void_reason: str | None


def _agreements_query(session: Session, *, kind: str | None,
                      search: str | None) -> Select[Agreement, str, str, str | None, str | None]:
    g, p = aliased(Guardian), aliased(ResponsiblePerson)
    q = (select(Agreement, Recipient.name, Recipient.village_code, g.name, p.name)
         .join(Recipient, Recipient.id == Agreement.recipient_id)
         .outerjoin(g, g.id == Agreement.guardian_id)
         .outerjoin(p, p.id == Agreement.responsible_person_id))
    q = _in_scope(session, q.where(Agreement.deleted.is_(False)), search)
    if kind:
        q = q.where(Agreement.kind == kind)
    return q


def list_agreements(session: Session, *, status: str | None = None, kind: str | None = None,
                    search: str | None = None, limit: int = LIMIT) -> Listing[AgreementRow]:
    q = _agreements_query(session, kind=kind, search=search)
    if status:
        q = q.where(Agreement.status == status)
    q = q.order_by(Agreement.drafted_on.desc(), Agreement.number.desc())

    def make(a: Agreement, name: str, village: str, guardian: str | None, person: str | None) -> AgreementRow:
        return AgreementRow(a.id, a.number, a.recipient_id, name, village, a.kind, a.status, guardian, person,
                            a.term_start, a.term_end, a.drafted_on, a.printed_on, a.signed_on,
                            a.scan_sha256 is not None, a.void_reason)

    return _listing(session, q, make, limit)


def agreement_counts(session: Session, *, kind: str | None = None, search: str | None = None) -> dict[str, int]:
    """How many agreements are in each state (for the state tabs), under the same filters."""
    q = _agreements_query(session, kind=kind, search=search)
    counted = q.with_only_columns(Agreement.status, func.count()).group_by(Agreement.status)
    return {status: int(n) for status, n in session.execute(counted)}


@dataclass(frozen=True)
class Party:
    """A guardian (role: the relation's code name) or a responsible person (role: position)."""

    id: str
    name: str
    role: str | None
    phone: str | None
    kind: str | None = None  # a guardian's kind (parent / entrusted / temporary / supporter)


@dataclass(frozen=True)
class AgreementParties:
    """Who can be named on a recipient's agreement, and the kind that fits them best."""

    recipient_id: str
    name: str
    suggested_kind: str
    guardians: tuple[Party, ...]
    persons: tuple[Party, ...]

    def guardian_for(self, kind: str) -> str | None:
        """The guardian an agreement of the kind names (programmes.guardian_for_kind)."""
        return programmes.guardian_for_kind(kind, [(g.id, g.kind, g.role) for g in self.guardians])


def agreement_parties(session: Session, recipient_id: str, *, on: dt.date | None = None) -> AgreementParties:
    """The recipient's guardians, and responsible persons: those paired with the recipient
    first, then the others of the units paired in the same village."""
    on = on or dt.date.today()
    r = get_recipient(session, recipient_id)
    guardians = session.scalars(select(Guardian).where(
        Guardian.recipient_id == r.id, Guardian.deleted.is_(False),
        or_(Guardian.end_date.is_(None), Guardian.end_date >= on)).order_by(Guardian.start_date)).all()
    g_parties = tuple(Party(g.id, g.name, g.relation, g.phone, g.kind) for g in guardians)
    paired_ids = list(session.scalars(select(Pairing.responsible_person_id).where(
        Pairing.recipient_id == r.id, Pairing.deleted.is_(False), Pairing.end_date.is_(None))))
    village_units = select(Pairing.unit_id).join(Recipient, Recipient.id == Pairing.recipient_id).where(
        Recipient.village_code == r.village_code, Pairing.deleted.is_(False))
    people = session.scalars(select(ResponsiblePerson).where(
        ResponsiblePerson.deleted.is_(False),
        or_(ResponsiblePerson.id.in_(paired_ids), ResponsiblePerson.unit_id.in_(village_units)))).all()
    people = sorted(people, key=lambda p: (p.id not in paired_ids, p.name))
    p_parties = tuple(Party(p.id, p.name, p.position, p.phone) for p in people)
    if Category.left_behind_child in r.categories:
        kind = AgreementKind.entrusted_guardianship
    elif age_on(r.birth_date, on) >= 60:
        kind = AgreementKind.family_support
    elif paired_ids:
        kind = AgreementKind.care_responsibility
    else:
        kind = AgreementKind.temporary_guardianship
    return AgreementParties(r.id, r.name, kind.value, g_parties, p_parties)


# ---- care activities ---------------------------------------------------------------------

@dataclass(frozen=True)
class ActivityRow:
    id: str
    kind: str
    title: str
    held_on: dt.date
    place: str | None
    organizer: str | None
    attended: int


def list_activities(session: Session, *, kind: str | None = None, search: str | None = None,
                    limit: int = LIMIT) -> Listing[ActivityRow]:
    attended = (select(func.count()).select_from(Attendance)
                .where(Attendance.activity_id == Activity.id, Attendance.deleted.is_(False))
                .scalar_subquery())
    q = select(Activity, attended).where(Activity.deleted.is_(False),
                                         Activity.office_code.like(_prefix(session)))
    if kind:
        q = q.where(Activity.kind == kind)
    if search and search.strip():
        text = f"%{search.strip()}%"
        q = q.where(or_(Activity.title.like(text), Activity.place.like(text)))
    q = q.order_by(Activity.held_on.desc(), Activity.id.desc())

    def make(a: Activity, n: int) -> ActivityRow:
        return ActivityRow(a.id, a.kind, a.title, a.held_on, a.place, a.organizer, int(n))

    return _listing(session, q, make, limit)


@dataclass(frozen=True)
class AttendeeRow:
    recipient_id: str
    name: str
    id_number_masked: str
    categories: tuple[str, ...]
    status: str


def activity_attendees(session: Session, activity_id: str) -> list[AttendeeRow]:
    q = (select(Recipient).join(Attendance, Attendance.recipient_id == Recipient.id)
         .where(Attendance.activity_id == activity_id, Attendance.deleted.is_(False))
         .order_by(Recipient.name_pinyin, Recipient.id))
    return [AttendeeRow(r.id, r.name, mask_id_number(r.id_number), tuple(r.categories), r.status)
            for r in session.scalars(q)]


def add_activity_with_attendance(session: Session, actor: Actor, *, kind: str, title: str, held_on: dt.date,
                                 place: str | None = None, organizer: str | None = None,
                                 recipient_ids: list[str] | tuple[str, ...] = ()) -> Activity:
    """An activity and who attended it, written together or not at all."""
    activity = programmes.add_activity(session, actor, kind=kind, title=title, held_on=held_on,
                                       place=place, organizer=organizer)
    if recipient_ids:
        programmes.record_attendance(session, actor, activity.id, list(recipient_ids))
    return activity

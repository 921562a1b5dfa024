"""What the pairing, teacher and mutual-aid screens show, read for one office: assisting
units with their responsible persons and pairings, teacher pairings with the school file and
the school-leave handover, mutual-aid families with their charges, services and subsidy
ledger. Plain frozen rows, no Qt; the writes stay in app.care.programmes.

"For one office" means the recipients (and families, village matches) whose village code
starts with the office's code: a village sees its own, a township all of its villages.
Every row says who recorded it and when (`Recorded`): the local audit trail when the record
was made here, otherwise the office it came from and the date of its clock stamp.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care.context import Actor
from app.care.errors import ValidationError
from app.care.hlc import Stamp
from app.care.offices import in_office
from app.care.programmes import match_unit_to_village, subsidy_total_fen
from app.care.recipients import has_category
from app.care.search import name_keys
from app.care.validation import check_not_future
from app.models import (
    AssistingUnit,
    AuditEntry,
    Guardian,
    MutualAidAssignment,
    MutualAidFamily,
    MutualAidService,
    Office,
    Pairing,
    Recipient,
    ResponsiblePerson,
    SchoolFileEntry,
    SchoolLeaveHandover,
    SubsidyPayment,
    TeacherPairing,
    UnitVillage,
)
from app.models.codes import Category, OfficeLevel, Status

CHUNK = 500  # ids per IN (...) list


# ---- who recorded it, and when ------------------------------------------------------------

@dataclass(frozen=True)
class Recorded:
    by: str  # the operator, or the office the record came from
    on: dt.date | None


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _stamp_date(hlc: str) -> dt.date | None:
    try:
        ms = Stamp.decode(hlc).wall_ms
    except ValueError:
        return None
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).astimezone().date()


def _recorded(session: Session, table: str, records: Sequence[Any]) -> dict[str, Recorded]:
    """Who created each record and when, for records of one table."""
    ids = [r.id for r in records]
    found: dict[str, Recorded] = {}
    for part in _chunks(ids):
        for rid, user, at in session.execute(select(AuditEntry.record_id, AuditEntry.user, AuditEntry.at).where(
                AuditEntry.table_name == table, AuditEntry.action == "create", AuditEntry.record_id.in_(part))):
            if rid is not None:  # (always: `in_` above)
                found[rid] = Recorded(user, at.astimezone().date())
    missing = [r for r in records if r.id not in found]
    if missing:
        names = _office_names(session, {r.origin_office for r in missing})
        for r in missing:
            found[r.id] = Recorded(names.get(r.origin_office, r.origin_office), _stamp_date(r.hlc))
    return found


def _office_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    wanted = list(set(codes))
    names: dict[str, str] = {}
    for part in _chunks(wanted):
        names.update(session.execute(select(Office.code, Office.name).where(Office.code.in_(part))).all())
    return names


def _pinyin(name: str) -> str:
    """Names sort as a director looks them up: by pinyin (何 before 刘 before 张)."""
    return name_keys(name)[0] or name


def _recipient_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    wanted = list(set(ids))
    names: dict[str, str] = {}
    for part in _chunks(wanted):
        names.update(session.execute(select(Recipient.id, Recipient.name).where(Recipient.id.in_(part))).all())
    return names


# ---- assisting units and pairing -----------------------------------------------------------

@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str
    unit_type: str | None
    contact_person: str | None
    phone: str | None
    villages: tuple[str, ...]  # names of this office's villages the unit is matched with now
    persons: int
    pairings: int  # pairings in force with this office's recipients
    recorded: Recorded


@dataclass(frozen=True)
class PersonRow:
    id: str
    unit_id: str
    name: str
    position: str | None
    phone: str | None
    pairings: int  # in force, with this office's recipients
    recorded: Recorded


@dataclass(frozen=True)
class PairingRow:
    id: str
    recipient_id: str
    recipient_name: str
    person_name: str
    start_date: dt.date
    end_date: dt.date | None
    recorded: Recorded

    @property
    def active(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class UnitVillageRow:
    id: str
    village_code: str
    village_name: str
    start_date: dt.date
    end_date: dt.date | None
    recorded: Recorded


@dataclass(frozen=True)
class UnitDetail:
    unit_id: str
    persons: tuple[PersonRow, ...]
    pairings: tuple[PairingRow, ...]
    villages: tuple[UnitVillageRow, ...]


def _active_pairings_here(office_code: str) -> Any:
    return (select(Pairing).join(Recipient, Recipient.id == Pairing.recipient_id)
            .where(Pairing.deleted.is_(False), Pairing.end_date.is_(None), Recipient.deleted.is_(False),
                   in_office(Recipient.village_code, office_code)))


def units(session: Session, office_code: str) -> list[UnitRow]:
    """Every assisting unit known here; those matched with this office's villages first."""
    found = session.scalars(select(AssistingUnit).where(AssistingUnit.deleted.is_(False))).all()
    matched: dict[str, list[str]] = {}
    for unit_id, code in session.execute(select(UnitVillage.unit_id, UnitVillage.village_code).where(
            UnitVillage.deleted.is_(False), UnitVillage.end_date.is_(None),
            in_office(UnitVillage.village_code, office_code))):
        matched.setdefault(unit_id, []).append(code)
    names = _office_names(session, {c for codes in matched.values() for c in codes})
    persons = dict(session.execute(select(ResponsiblePerson.unit_id, func.count()).where(
        ResponsiblePerson.deleted.is_(False)).group_by(ResponsiblePerson.unit_id)).all())
    paired = dict(session.execute(_active_pairings_here(office_code).with_only_columns(
        Pairing.unit_id, func.count()).group_by(Pairing.unit_id)).all())
    recorded = _recorded(session, AssistingUnit.__tablename__, found)
    rows = [UnitRow(u.id, u.name, u.unit_type, u.contact_person, u.phone,
                    tuple(names.get(c, c) for c in sorted(matched.get(u.id, []))),
                    int(persons.get(u.id, 0)), int(paired.get(u.id, 0)), recorded[u.id]) for u in found]
    rows.sort(key=lambda r: (not r.villages and not r.pairings, _pinyin(r.name)))
    return rows


def match_unit_once(session: Session, actor: Actor, unit_id: str, village_code: str, *,
                    start: dt.date | None = None) -> UnitVillage:
    """Match a unit with a village (programmes.match_unit_to_village), refusing an unknown
    village, a future date, or a second match in force with the same village."""
    village = session.scalars(select(Office).where(
        Office.code == village_code, Office.deleted.is_(False), Office.level == OfficeLevel.village.value)).first()
    if village is None:
        raise ValidationError(f"对接村：找不到代码为 {village_code} 的行政村，请核对。", f"No village {village_code}.",
                              field="village")
    on = check_not_future(start or dt.date.today(), field="start", label="对接日期")
    current = session.scalars(select(UnitVillage).where(
        UnitVillage.unit_id == unit_id, UnitVillage.village_code == village_code, UnitVillage.deleted.is_(False),
        UnitVillage.end_date.is_(None))).first()
    if current is not None:
        raise ValidationError(f"对接村：该单位已于 {current.start_date.isoformat()} 与{village.name}对接，不必重复对接。",
                              "The unit is already matched with this village.", field="village")
    return match_unit_to_village(session, actor, unit_id, village_code, start=on)


def unit_detail(session: Session, unit_id: str, office_code: str) -> UnitDetail:
    """A unit's responsible persons, its pairings with this office's recipients (in force
    first) and its matches with this office's villages."""
    people = session.scalars(select(ResponsiblePerson).where(
        ResponsiblePerson.unit_id == unit_id, ResponsiblePerson.deleted.is_(False))).all()
    pairs = session.scalars(select(Pairing).join(Recipient, Recipient.id == Pairing.recipient_id).where(
        Pairing.unit_id == unit_id, Pairing.deleted.is_(False),
        in_office(Recipient.village_code, office_code))).all()
    matches = session.scalars(select(UnitVillage).where(
        UnitVillage.unit_id == unit_id, UnitVillage.deleted.is_(False),
        in_office(UnitVillage.village_code, office_code)).order_by(UnitVillage.start_date)).all()
    counts: dict[str, int] = {}
    for p in pairs:
        if p.end_date is None:
            counts[p.responsible_person_id] = counts.get(p.responsible_person_id, 0) + 1
    person_names = {p.id: p.name for p in people}
    missing = {p.responsible_person_id for p in pairs} - set(person_names)
    if missing:
        person_names.update(session.execute(select(ResponsiblePerson.id, ResponsiblePerson.name).where(
            ResponsiblePerson.id.in_(missing))).all())
    who = _recipient_names(session, (p.recipient_id for p in pairs))
    rec_people = _recorded(session, ResponsiblePerson.__tablename__, people)
    rec_pairs = _recorded(session, Pairing.__tablename__, pairs)
    rec_matches = _recorded(session, UnitVillage.__tablename__, matches)
    villages = _office_names(session, (m.village_code for m in matches))
    pairing_rows = sorted(
        (PairingRow(p.id, p.recipient_id, who.get(p.recipient_id, ""), person_names.get(p.responsible_person_id, ""),
                    p.start_date, p.end_date, rec_pairs[p.id]) for p in pairs),
        key=lambda r: (not r.active, _pinyin(r.person_name), _pinyin(r.recipient_name)))
    return UnitDetail(
        unit_id,
        tuple(PersonRow(p.id, p.unit_id, p.name, p.position, p.phone, counts.get(p.id, 0), rec_people[p.id])
              for p in sorted(people, key=lambda p: _pinyin(p.name))),
        tuple(pairing_rows),
        tuple(UnitVillageRow(m.id, m.village_code, villages.get(m.village_code, m.village_code), m.start_date,
                             m.end_date, rec_matches[m.id]) for m in matches))


# ---- teachers, the school file and the handover --------------------------------------------

@dataclass(frozen=True)
class TeacherPairingRow:
    id: str
    recipient_id: str
    child_name: str
    school: str
    school_class: str | None
    teacher_name: str
    teacher_phone: str | None
    start_date: dt.date
    end_date: dt.date | None
    entries: int
    last_entry: dt.date | None
    recorded: Recorded

    @property
    def active(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class SchoolFileRow:
    id: str
    entry_date: dt.date
    kind: str
    content: str
    recorded_by: str  # the teacher whose file it is
    recorded: Recorded


@dataclass(frozen=True)
class HandoverRow:
    id: str
    left_on: dt.date
    reason: str
    guardian_name: str
    handed_over_on: dt.date
    recorded: Recorded


@dataclass(frozen=True)
class TeacherDetail:
    pairing_id: str
    entries: tuple[SchoolFileRow, ...]
    handover: HandoverRow | None


@dataclass(frozen=True)
class PupilFacts:
    """What the pairing and handover forms prefill for a child."""

    school: str | None
    school_class: str | None
    guardians: tuple[str, ...]


def teacher_pairings(session: Session, office_code: str, *, active_only: bool = False) -> list[TeacherPairingRow]:
    """Teacher pairings of this office's children: in force first, then by child."""
    q = (select(TeacherPairing, Recipient.name).join(Recipient, Recipient.id == TeacherPairing.recipient_id)
         .where(TeacherPairing.deleted.is_(False), in_office(Recipient.village_code, office_code)))
    if active_only:
        q = q.where(TeacherPairing.end_date.is_(None))
    found = session.execute(q).all()
    pairings = [tp for tp, _name in found]
    stats: dict[str, tuple[int, dt.date | None]] = {}
    for part in _chunks([tp.id for tp in pairings]):
        for pid, n, last in session.execute(select(
                SchoolFileEntry.teacher_pairing_id, func.count(), func.max(SchoolFileEntry.entry_date)).where(
                SchoolFileEntry.teacher_pairing_id.in_(part), SchoolFileEntry.deleted.is_(False))
                .group_by(SchoolFileEntry.teacher_pairing_id)):
            stats[pid] = (int(n), last)
    recorded = _recorded(session, TeacherPairing.__tablename__, pairings)
    rows = [TeacherPairingRow(tp.id, tp.recipient_id, name, tp.school, tp.school_class, tp.teacher_name,
                              tp.teacher_phone, tp.start_date, tp.end_date, *stats.get(tp.id, (0, None)),
                              recorded[tp.id]) for tp, name in found]
    rows.sort(key=lambda r: (not r.active, _pinyin(r.child_name), r.start_date))
    return rows


def teacher_detail(session: Session, teacher_pairing_id: str) -> TeacherDetail:
    """The school file of one pairing (latest first) and the handover if the pupil left."""
    entries = session.scalars(select(SchoolFileEntry).where(
        SchoolFileEntry.teacher_pairing_id == teacher_pairing_id, SchoolFileEntry.deleted.is_(False))
        .order_by(SchoolFileEntry.entry_date.desc(), SchoolFileEntry.hlc.desc())).all()
    handover = session.scalars(select(SchoolLeaveHandover).where(
        SchoolLeaveHandover.teacher_pairing_id == teacher_pairing_id, SchoolLeaveHandover.deleted.is_(False))
        .order_by(SchoolLeaveHandover.left_on.desc())).first()
    rec = _recorded(session, SchoolFileEntry.__tablename__, entries)
    hand = None
    if handover is not None:
        hrec = _recorded(session, SchoolLeaveHandover.__tablename__, [handover])[handover.id]
        hand = HandoverRow(handover.id, handover.left_on, handover.reason, handover.guardian_name,
                           handover.handed_over_on, hrec)
    return TeacherDetail(teacher_pairing_id, tuple(
        SchoolFileRow(e.id, e.entry_date, e.kind, e.content, e.recorded_by, rec[e.id]) for e in entries), hand)


def pupil_facts(session: Session, recipient_id: str) -> PupilFacts:
    r = session.get(Recipient, recipient_id)
    if r is None:
        return PupilFacts(None, None, ())
    guardians = session.scalars(select(Guardian.name).where(
        Guardian.recipient_id == recipient_id, Guardian.deleted.is_(False), Guardian.end_date.is_(None))
        .order_by(Guardian.start_date)).all()
    return PupilFacts(r.school, r.school_class, tuple(dict.fromkeys(guardians)))


def unpaired_pupils(session: Session, office_code: str) -> int:
    """Confirmed left-behind children at school with no teacher paired (as warnings.py)."""
    paired = select(TeacherPairing.recipient_id).where(
        TeacherPairing.deleted.is_(False), TeacherPairing.end_date.is_(None))
    return int(session.scalar(select(func.count()).select_from(Recipient).where(
        Recipient.deleted.is_(False), Recipient.status == Status.confirmed.value,
        has_category(Category.left_behind_child), Recipient.school.is_not(None),
        in_office(Recipient.village_code, office_code), Recipient.id.not_in(paired))) or 0)


# ---- mutual aid ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class FamilyRow:
    id: str
    village_code: str
    head_name: str
    phone: str | None
    address: str | None
    caring_for: tuple[str, ...]  # names of the recipients it looks after now
    monthly_fen: int  # the monthly subsidies of those charges together
    paid_fen: int  # the ledger's total paid (a payment with no date paid is still owed)
    last_service: dt.date | None
    recorded: Recorded


@dataclass(frozen=True)
class AssignmentRow:
    id: str
    recipient_id: str
    recipient_name: str
    start_date: dt.date
    end_date: dt.date | None
    monthly_subsidy_fen: int
    recorded: Recorded

    @property
    def active(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class ServiceRow:
    id: str
    served_on: dt.date
    kind: str
    recipient_name: str
    note: str | None
    recorded: Recorded


@dataclass(frozen=True)
class PaymentRow:
    id: str
    period_start: dt.date
    period_end: dt.date
    amount_fen: int
    paid_on: dt.date | None
    fund_source: str | None
    recorded: Recorded


@dataclass(frozen=True)
class FamilyDetail:
    family_id: str
    assignments: tuple[AssignmentRow, ...]
    services: tuple[ServiceRow, ...]
    payments: tuple[PaymentRow, ...]
    total_fen: int  # every payment recorded
    unpaid_fen: int = 0  # of which not paid yet (no date paid)

    @property
    def paid_fen(self) -> int:
        return self.total_fen - self.unpaid_fen


def families(session: Session, office_code: str) -> list[FamilyRow]:
    """This office's mutual-aid families with whom they look after and what they were paid."""
    found = sorted(session.scalars(select(MutualAidFamily).where(
        MutualAidFamily.deleted.is_(False), in_office(MutualAidFamily.village_code, office_code))).all(),
        key=lambda f: (f.village_code, _pinyin(f.head_name)))
    ids = [f.id for f in found]
    charges: dict[str, list[tuple[str, int]]] = {}
    paid: dict[str, int] = {}
    last: dict[str, dt.date] = {}
    for part in _chunks(ids):
        for fid, rid, fen in session.execute(select(
                MutualAidAssignment.family_id, MutualAidAssignment.recipient_id,
                MutualAidAssignment.monthly_subsidy_fen).where(
                MutualAidAssignment.family_id.in_(part), MutualAidAssignment.deleted.is_(False),
                MutualAidAssignment.end_date.is_(None)).order_by(MutualAidAssignment.start_date)):
            charges.setdefault(fid, []).append((rid, fen))
        paid.update(session.execute(select(SubsidyPayment.family_id, func.sum(SubsidyPayment.amount_fen)).where(
            SubsidyPayment.family_id.in_(part), SubsidyPayment.deleted.is_(False),
            SubsidyPayment.paid_on.is_not(None))
            .group_by(SubsidyPayment.family_id)).all())
        last.update(session.execute(select(MutualAidService.family_id, func.max(MutualAidService.served_on)).where(
            MutualAidService.family_id.in_(part), MutualAidService.deleted.is_(False))
            .group_by(MutualAidService.family_id)).all())
    names = _recipient_names(session, (rid for cs in charges.values() for rid, _fen in cs))
    recorded = _recorded(session, MutualAidFamily.__tablename__, found)
    return [FamilyRow(f.id, f.village_code, f.head_name, f.phone, f.address,
                      tuple(names.get(rid, "") for rid, _fen in charges.get(f.id, [])),
                      sum(fen for _rid, fen in charges.get(f.id, [])), int(paid.get(f.id) or 0),
                      last.get(f.id), recorded[f.id]) for f in found]


def family_detail(session: Session, family_id: str) -> FamilyDetail:
    """Whom the family looks after (in force first), its services (latest first) and its
    subsidy ledger (latest period first) with the total paid."""
    charges = session.scalars(select(MutualAidAssignment).where(
        MutualAidAssignment.family_id == family_id, MutualAidAssignment.deleted.is_(False))).all()
    services = session.scalars(select(MutualAidService).where(
        MutualAidService.family_id == family_id, MutualAidService.deleted.is_(False))
        .order_by(MutualAidService.served_on.desc(), MutualAidService.hlc.desc())).all()
    payments = session.scalars(select(SubsidyPayment).where(
        SubsidyPayment.family_id == family_id, SubsidyPayment.deleted.is_(False))
        .order_by(SubsidyPayment.period_start.desc(), SubsidyPayment.hlc.desc())).all()
    names = _recipient_names(session, [a.recipient_id for a in charges] + [s.recipient_id for s in services])
    rec_a = _recorded(session, MutualAidAssignment.__tablename__, charges)
    rec_s = _recorded(session, MutualAidService.__tablename__, services)
    rec_p = _recorded(session, SubsidyPayment.__tablename__, payments)
    assignments = sorted((AssignmentRow(a.id, a.recipient_id, names.get(a.recipient_id, ""), a.start_date,
                                        a.end_date, a.monthly_subsidy_fen, rec_a[a.id]) for a in charges),
                         key=lambda r: (not r.active, r.start_date))
    return FamilyDetail(
        family_id, tuple(assignments),
        tuple(ServiceRow(s.id, s.served_on, s.kind, names.get(s.recipient_id, ""), s.note, rec_s[s.id])
              for s in services),
        tuple(PaymentRow(p.id, p.period_start, p.period_end, p.amount_fen, p.paid_on, p.fund_source, rec_p[p.id])
              for p in payments),
        subsidy_total_fen(session, family_id), sum(p.amount_fen for p in payments if p.paid_on is None))

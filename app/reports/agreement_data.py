"""What an agreement prints, read from the database in a few queries for any number of
agreements (a village's whole batch), as frozen dataclasses the renderer takes without
a Session."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.household import GuardianRow, MemberRow, guardian_row, member_row
from app.models import (
    Agreement,
    AssistingUnit,
    Guardian,
    HouseholdMember,
    Office,
    Recipient,
    ResponsiblePerson,
)
from app.models.base import Synced

CHUNK = 500  # ids per IN (…) query


@dataclass(frozen=True)
class PersonDetails:
    id: str
    name: str
    sex: str
    birth_date: dt.date
    id_number: str
    ethnicity: str | None
    address: str | None
    phone: str | None
    school: str | None
    school_class: str | None
    village_code: str
    parents_away: str | None = None  # the condition recorded on the person (ParentsAway)


PARENT_WORDS = {"father": "父亲", "mother": "母亲"}


def child_situation(parents: Sequence[MemberRow], recorded: str | None = None) -> str | None:
    """Why the child is left behind, as the preamble says it ("{recipient}的{situation}，不能
    完全履行监护职责"): both parents away for work, or one away and the other unable to care.

    The condition recorded on the person (`parents_away`, asked for at confirmation) decides;
    the parents' `works_away` and `can_guard` on the household only name which parent is away.
    None when neither shows it (a parent not recorded, or one at home and able): the line is
    left blank to write on site."""
    found = {m.relation: m for m in parents if m.relation in PARENT_WORDS}
    if recorded == "both_away":
        return "父母均外出务工"
    if recorded == "one_away_other_unable":
        for away, other in ((found.get("father"), found.get("mother")), (found.get("mother"), found.get("father"))):
            if away is not None and other is not None and away.works_away and not other.works_away:
                return f"{PARENT_WORDS[away.relation]}外出务工，{PARENT_WORDS[other.relation]}无监护能力"
        return "一方外出务工，另一方无监护能力"
    father, mother = found.get("father"), found.get("mother")
    if father is None or mother is None:
        return None
    if father.works_away and mother.works_away:
        return "父母均外出务工"
    for away, other in ((father, mother), (mother, father)):
        if away.works_away and not other.works_away and not other.can_guard:
            return f"{PARENT_WORDS[away.relation]}外出务工，{PARENT_WORDS[other.relation]}无监护能力"
    return None


@dataclass(frozen=True)
class ResponsibleDetails:
    name: str
    position: str | None
    phone: str | None
    id_number: str | None
    unit_name: str | None
    unit_phone: str | None


@dataclass(frozen=True)
class AgreementDoc:
    id: str
    number: str
    kind: str
    status: str
    drafted_on: dt.date
    term_start: dt.date | None
    term_end: dt.date | None
    recipient: PersonDetails
    guardian: GuardianRow | None
    parents: tuple[MemberRow, ...]  # father, mother (the child's; for others empty)
    supporters: tuple[GuardianRow, ...]  # an elder's: the agreement's guardian first
    person: ResponsibleDetails | None
    village_name: str | None
    township_name: str | None
    county_name: str | None

    def texts(self) -> Iterator[tuple[str, str]]:
        """(whose, text) of everything from the database that goes on the page, so rare
        characters can be found before printing and named with the person they belong to."""
        r = self.recipient
        yield r.name, r.name
        for v in (r.address, r.ethnicity, r.school, r.school_class):
            if v:
                yield r.name, v
        if self.guardian:
            yield self.guardian.name, self.guardian.name
            if self.guardian.address:
                yield self.guardian.name, self.guardian.address
        for g in self.supporters:
            yield g.name, g.name
            if g.address:
                yield g.name, g.address
        for m in self.parents:
            yield m.name, m.name
            if m.work_place:
                yield m.name, m.work_place
        if self.person:
            yield self.person.name, self.person.name
            for v in (self.person.position, self.person.unit_name):
                if v:
                    yield self.person.name, v
        for v in (self.village_name, self.township_name, self.county_name):
            if v:
                yield v, v


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


M = TypeVar("M", bound=Synced)


def _by_id(session: Session, model: type[M], ids: Iterable[str | None]) -> dict[str, M]:
    wanted = sorted({i for i in ids if i})
    out: dict[str, M] = {}
    for part in _chunks(wanted):
        for obj in session.scalars(select(model).where(model.id.in_(part))):
            out[obj.id] = obj
    return out


def _parents(members: list[HouseholdMember]) -> tuple[MemberRow, ...]:
    order = {"father": 0, "mother": 1}
    chosen = sorted((m for m in members if m.relation in order), key=lambda m: order[m.relation])
    return tuple(member_row(m) for m in chosen)


def _supporters(first: Guardian | None, others: list[Guardian], on: dt.date) -> tuple[GuardianRow, ...]:
    """Everyone who supports the elder on the drafting date: the one the agreement names,
    then the other supporters in the order recorded (each signs a line of their own)."""
    chosen = [first] if first is not None and not first.deleted else []
    chosen += [g for g in others if g.kind == "supporter" and (first is None or g.id != first.id)
               and (g.end_date is None or g.end_date >= on)]
    return tuple(guardian_row(g) for g in chosen)


def office_names(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """Names of the villages, their townships and counties (codes 12 / 9 / 6 digits)."""
    wanted = {c[:n] for c in codes for n in (12, 9, 6)}
    q = select(Office.code, Office.name).where(Office.code.in_(sorted(wanted)), Office.deleted.is_(False))
    return {code: name for code, name in session.execute(q)}


def agreements_by_id(session: Session, agreement_ids: Sequence[str]) -> dict[str, Agreement]:
    agreements: dict[str, Agreement] = {}
    for part in _chunks(list(agreement_ids)):
        for a in session.scalars(select(Agreement).where(Agreement.id.in_(part))):
            agreements[a.id] = a
    return agreements


def load_docs(session: Session, agreement_ids: Sequence[str],
              agreements: dict[str, Agreement] | None = None) -> list[AgreementDoc]:
    """The agreements, in the order of the ids given (`agreements`: already loaded)."""
    if agreements is None:
        agreements = agreements_by_id(session, agreement_ids)
    rids = [a.recipient_id for a in agreements.values()]
    recipients = _by_id(session, Recipient, rids)
    guardians = _by_id(session, Guardian, (a.guardian_id for a in agreements.values()))
    persons = _by_id(session, ResponsiblePerson, (a.responsible_person_id for a in agreements.values()))
    units = _by_id(session, AssistingUnit, (p.unit_id for p in persons.values()))
    members: dict[str, list[HouseholdMember]] = defaultdict(list)
    child_ids = sorted({a.recipient_id for a in agreements.values() if a.kind == "entrusted_guardianship"})
    for part in _chunks(child_ids):
        for m in session.scalars(select(HouseholdMember).where(
                HouseholdMember.recipient_id.in_(part), HouseholdMember.deleted.is_(False))
                .order_by(HouseholdMember.hlc)):
            members[m.recipient_id].append(m)
    supporters: dict[str, list[Guardian]] = defaultdict(list)
    elder_ids = sorted({a.recipient_id for a in agreements.values() if a.kind == "family_support"})
    for part in _chunks(elder_ids):
        for supporter in session.scalars(select(Guardian).where(
                Guardian.recipient_id.in_(part), Guardian.deleted.is_(False))
                .order_by(Guardian.start_date, Guardian.hlc)):
            supporters[supporter.recipient_id].append(supporter)
    names = office_names(session, (r.village_code for r in recipients.values()))

    docs: list[AgreementDoc] = []
    for aid in agreement_ids:
        a = agreements.get(aid)
        if a is None:
            continue
        r = recipients[a.recipient_id]
        g = guardians.get(a.guardian_id or "")
        p = persons.get(a.responsible_person_id or "")
        u = units.get(p.unit_id) if p is not None else None
        docs.append(AgreementDoc(
            id=a.id, number=a.number, kind=a.kind, status=a.status, drafted_on=a.drafted_on,
            term_start=a.term_start, term_end=a.term_end,
            recipient=PersonDetails(r.id, r.name, r.sex, r.birth_date, r.id_number, r.ethnicity, r.address,
                                    r.phone, r.school, r.school_class, r.village_code, r.parents_away),
            guardian=guardian_row(g) if g is not None and not g.deleted else None,
            parents=_parents(members.get(r.id, [])),
            supporters=_supporters(g, supporters.get(r.id, []), a.drafted_on)
            if a.kind == "family_support" else (),
            person=ResponsibleDetails(p.name, p.position, p.phone, p.id_number,
                                      u.name if u else None, u.phone if u else None)
            if p is not None and not p.deleted else None,
            village_name=names.get(r.village_code), township_name=names.get(r.village_code[:9]),
            county_name=names.get(r.village_code[:6])))
    return docs

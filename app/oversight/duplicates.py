"""Possible duplicates (issue 13, point 5): the same ID number registered twice (two villages,
or one village twice), and the same name with the same birth date. Listed at the township
and the county as open / not a duplicate / the same person; deciding is a travelling record
(DuplicateDecision) that goes down to both villages.

"The same person" keeps one recipient and tombstones the other (app/care/writes.delete, the
decision's key in the audit entry): no record is re-pointed, so every record of both villages
keeps its id, its history and its audit, and the decision is the link from the one kept to
the one merged (`linked_to`). A tombstone travels like any other change; a recipient's
`deleted` is decided along its chain, like its status (app/sync/ownership.py).

Import already lists a pair with one ID number as a conflict (app/sync/conflicts.py,
reason possible_duplicate); deciding the pair here settles that conflict too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, this_office
from app.care.errors import NotFoundError, ServiceError, ValidationError
from app.care.validation import mask_id_number
from app.models import DuplicateDecision, Recipient, SyncConflict
from app.models.codes import DuplicateVerdict, OfficeLevel
from app.sync.conflicts import DUPLICATE
from app.sync.scope import COUNTY_CODE_LENGTH, within

OPEN = "open"


def pair_key(a: str, b: str) -> str:
    """The pair's name, the same in every office whichever side it starts from."""
    lo, hi = sorted((a, b))
    return hashlib.sha256(f"{lo}|{hi}".encode()).hexdigest()[:12]


def unit_over(village_a: str, village_b: str) -> str:
    """The office whose part of the tree holds both villages: the village itself, their
    township, or the county."""
    if village_a == village_b:
        return village_a
    if village_a[:9] == village_b[:9]:
        return village_a[:9]
    return village_a[:COUNTY_CODE_LENGTH]


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    village_code: str
    village_name: str
    birth_date: dt.date | None
    id_number_masked: str
    status: str
    deleted: bool
    known: bool = True  # False: another village's recipient, not held here (a village's view)

    def age(self, on: dt.date | None = None) -> int | None:
        from app.care.validation import age_on

        return age_on(self.birth_date, on or dt.date.today()) if self.birth_date else None

    def to_json(self) -> dict[str, Any]:
        # The age, never the birth date beside the masked ID number (issue 15, point 4).
        return {"id": self.id, "name": self.name, "village_code": self.village_code,
                "village_name": self.village_name, "age": self.age(),
                "id_number_masked": self.id_number_masked, "status": self.status, "deleted": self.deleted,
                "known": self.known}


@dataclass(frozen=True)
class DuplicatePair:
    key: str
    match: str  # id_number / name_birth
    a: Person
    b: Person
    state: str  # open / different / same
    keep_id: str | None = None
    merged_id: str | None = None
    decided_on: dt.date | None = None
    decided_by: str | None = None
    decided_office: str | None = None

    @property
    def id(self) -> str:  # the pages keep their selection by `id`
        return self.key

    def to_json(self) -> dict[str, Any]:
        return {"id": self.key, "match": self.match, "state": self.state,
                "recipients": [self.a.to_json(), self.b.to_json()], "keep_id": self.keep_id,
                "merged_id": self.merged_id,
                "decided_on": self.decided_on.isoformat() if self.decided_on else None,
                "decided_by": self.decided_by, "decided_office": self.decided_office}


PEOPLE_SQL = """
SELECT id, name, village_code, birth_date, id_number, status, deleted FROM recipients
WHERE {where}
"""


def _candidates(session: Session, prefix: str) -> dict[str, tuple[str, str, str]]:
    """Live pairs of this office's part of the tree: key → (a, b, match)."""
    conn = session.connection()
    p = {"no": False, "p": prefix}
    # an anonymised record (app.care.retention) has no ID number and no name: never a duplicate
    live = "deleted = :no AND village_code LIKE :p AND anonymised_on IS NULL"
    groups = [
        ("id_number", conn.execute(text(
            f"SELECT id, id_number FROM recipients WHERE {live} AND id_number IN "
            f"(SELECT id_number FROM recipients WHERE {live} GROUP BY id_number HAVING COUNT(*) > 1) "
            "ORDER BY id_number, id"), p).all()),
        ("name_birth", conn.execute(text(
            f"SELECT r.id, r.name || '|' || r.birth_date FROM recipients r JOIN "
            f"(SELECT name, birth_date FROM recipients WHERE {live} GROUP BY name, birth_date "
            "HAVING COUNT(*) > 1) g ON g.name = r.name AND g.birth_date = r.birth_date "
            f"WHERE r.{live.replace(' AND ', ' AND r.')} ORDER BY 2, r.id"), p).all()),
    ]
    pairs: dict[str, tuple[str, str, str]] = {}
    for match, rows in groups:
        by_value: dict[str, list[str]] = {}
        for rid, value in rows:
            by_value.setdefault(str(value), []).append(rid)
        for ids in by_value.values():
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    first, second = sorted((a, b))
                    pairs.setdefault(pair_key(a, b), (first, second, match))
    return pairs


def _decisions(session: Session, prefix: str) -> dict[str, DuplicateDecision]:
    """The latest decision of each pair that concerns this office."""
    rows = session.scalars(select(DuplicateDecision).where(
        DuplicateDecision.deleted.is_(False),
        DuplicateDecision.unit_code.like(prefix) | DuplicateDecision.village_a.like(prefix)
        | DuplicateDecision.village_b.like(prefix) | DuplicateDecision.unit_code.in_(_above(prefix)))
    ).all()
    latest: dict[str, DuplicateDecision] = {}
    for d in sorted(rows, key=lambda d: d.hlc):
        latest[d.pair_key] = d
    return latest


def _above(prefix: str) -> list[str]:
    """The offices above this one (a village's township and county): a decision they made on
    this office's people concerns it."""
    code = prefix.rstrip("%")
    return [code[:n] for n in (COUNTY_CODE_LENGTH, 9) if len(code) > n]


def _people(session: Session, ids: set[str]) -> dict[str, Person]:
    out: dict[str, Person] = {}
    names: dict[str, str] = dict(session.execute(text("SELECT code, name FROM offices")).all())
    id_list = sorted(ids)
    for i in range(0, len(id_list), 400):
        chunk = id_list[i:i + 400]
        for r in session.scalars(select(Recipient).where(Recipient.id.in_(chunk))):
            out[r.id] = Person(r.id, r.name, r.village_code, names.get(r.village_code, ""), r.birth_date,
                               mask_id_number(r.id_number), r.status, r.deleted)
    return out


def list_duplicates(session: Session, *, include_decided: bool = True) -> list[DuplicatePair]:
    """Open pairs first (ID number before name and birth date), then the decided ones, newest
    decision first."""
    office = this_office(session)
    prefix = f"{office.code}%"
    candidates = _candidates(session, prefix)
    decided = _decisions(session, prefix) if include_decided else {}
    if not include_decided:  # still hide the pairs already decided
        decided_keys = set(_decisions(session, prefix))
        candidates = {k: v for k, v in candidates.items() if k not in decided_keys}
    ids = {x for a, b, _m in candidates.values() for x in (a, b)}
    ids |= {x for d in decided.values() for x in (d.recipient_a, d.recipient_b)}
    people = _people(session, ids)
    out: list[DuplicatePair] = []
    for key, (a, b, match) in candidates.items():
        if key in decided or a not in people or b not in people:
            continue
        out.append(DuplicatePair(key, match, people[a], people[b], OPEN))
    out.sort(key=lambda p: (p.match != "id_number", p.a.name, p.key))
    done = []
    names: dict[str, str] = dict(session.execute(text("SELECT code, name FROM offices")).all())

    def person(rid: str, village: str) -> Person:
        return people.get(rid) or Person(rid, "", village, names.get(village, ""), None, "", "", False, known=False)

    for key, d in decided.items():
        done.append(DuplicatePair(key, d.match, person(d.recipient_a, d.village_a), person(d.recipient_b, d.village_b),
                                  d.decision, d.keep_id, d.merged_id, d.decided_on, d.decided_by, d.modified_office))
    done.sort(key=lambda p: (p.decided_on or dt.date.min, p.key), reverse=True)
    return out + done


def find_pair(session: Session, key: str) -> DuplicatePair:
    key = key.strip()
    for pair in list_duplicates(session):
        if pair.key == key:
            return pair
    raise NotFoundError(f"找不到可能重复的记录 {key}（请用 guanai duplicates 查看编号）。",
                        f"No possible duplicate {key}.", field="id")


def _default_keep(pair: DuplicatePair) -> str:
    """The confirmed one, else the one registered first (UUIDv7 ids sort by creation)."""
    rank = {"confirmed": 0, "reviewed": 1, "reported": 2}
    return min((pair.a, pair.b), key=lambda p: (rank.get(p.status, 3), p.id)).id


def decide_duplicate(session: Session, actor: Actor, key: str, *, verdict: str, keep: str | None = None,
                     note: str | None = None, on: dt.date | None = None) -> DuplicatePair:
    """Record a person's decision on a pair; "same" has the village that owns the one not kept
    tombstone it (at once if that is this office, else when the decision arrives there)."""
    if verdict not in set(DuplicateVerdict):
        raise ValidationError("认定：应为 different（不是同一人）或 same（同一人）。",
                              "--as must be different or same.", field="as")
    pair = find_pair(session, key)
    if pair.state != OPEN:
        raise ServiceError(f"这一对已认定为“{DuplicateVerdict(pair.state).zh}”，不能再改。",
                           f"This pair was already decided ({pair.state}).", field="id")
    office = this_office(session)
    unit = unit_over(pair.a.village_code, pair.b.village_code)
    if not within(office.code, unit):
        raise ServiceError(
            f"这两人分属{pair.a.village_name or pair.a.village_code}和{pair.b.village_name or pair.b.village_code}，"
            "须由管辖两村的上级（不同乡镇的由县里）认定。",
            "These two belong to villages outside this office; the office over both decides.", field="id")
    if office.level == OfficeLevel.village and unit != office.code:
        raise ServiceError("涉及其他村的重复登记由乡镇或县里认定。", "The township or county decides this pair.")
    keep_id = merged_id = None
    if verdict == DuplicateVerdict.same:
        keep_id = (keep or "").strip() or _default_keep(pair)
        if keep_id not in (pair.a.id, pair.b.id):
            raise ValidationError(f"保留：应为这一对中的一人（{pair.a.id} 或 {pair.b.id}）。",
                                  f"--keep must be {pair.a.id} or {pair.b.id}.", field="keep")
        merged_id = pair.b.id if keep_id == pair.a.id else pair.a.id
    elif keep:
        raise ValidationError("保留：只有认定为同一人时才指定保留哪一条。", "--keep goes with --as same.", field="keep")
    on = on or dt.date.today()
    writes.create(session, actor, DuplicateDecision, pair_key=pair.key, recipient_a=pair.a.id,
                  recipient_b=pair.b.id, village_a=pair.a.village_code, village_b=pair.b.village_code,
                  unit_code=unit, match=pair.match, decision=verdict, keep_id=keep_id, merged_id=merged_id,
                  decided_on=on, decided_by=actor.user, note=(note or "").strip() or None)
    if merged_id is not None:
        _tombstone_if_ours(session, actor, merged_id, keep_id, pair.key)
    _settle_import_conflicts(session, actor, pair.a.id, pair.b.id, verdict)
    session.flush()
    return find_pair(session, pair.key)


def _tombstone_if_ours(session: Session, actor: Actor, merged_id: str, keep_id: str | None, key: str) -> bool:
    """The record decided to be a second registration is tombstoned by the village that owns
    it (a village owns its people's records: a township's or the county's tombstone would be
    a change it does not own, kept as a conflict). The deciding office records the decision;
    the village applies it when the decision arrives, and its tombstone travels back up."""
    merged = session.get(Recipient, merged_id)
    if merged is None or merged.deleted or merged.village_code != this_office(session).code:
        return False
    writes.delete(session, actor, merged, reason=f"与 {keep_id} 为同一人（重复登记认定 {key}）")
    return True


def _settle_import_conflicts(session: Session, actor: Actor, a: str, b: str, verdict: str) -> None:
    """The `possible_duplicate` conflict an import listed for this pair is settled by the decision."""
    now = dt.datetime.now(dt.UTC)
    for c in session.scalars(select(SyncConflict).where(
            SyncConflict.reason == DUPLICATE, SyncConflict.status == "open", SyncConflict.record_id.in_([a, b]))):
        if json.loads(c.local_value_json).get("id") not in (a, b):
            continue  # the same recipient listed with someone else
        c.status, c.resolution, c.resolved_by, c.resolved_at = "resolved", verdict, actor.user, now


def apply_arrived(session: Session, actor: Actor, decision_ids: list[str]) -> int:
    """Decisions that arrived in a bundle (in the import's transaction): each settles the
    import conflict this office listed for its pair, and "the same person" tombstones this
    village's second registration. Returns how many were tombstoned here."""
    done = 0
    for d in session.scalars(select(DuplicateDecision).where(DuplicateDecision.id.in_(decision_ids))):
        if d.deleted:
            continue
        _settle_import_conflicts(session, actor, d.recipient_a, d.recipient_b, d.decision)
        if d.decision == DuplicateVerdict.same.value and d.merged_id:
            done += _tombstone_if_ours(session, actor, d.merged_id, d.keep_id, d.pair_key)
    session.flush()
    return done


def linked_to(session: Session, recipient_id: str) -> list[str]:
    """The recipients decided to be the same person as this one and merged into it: their
    records are this person's history too."""
    return list(session.scalars(select(DuplicateDecision.merged_id).where(
        DuplicateDecision.deleted.is_(False), DuplicateDecision.decision == DuplicateVerdict.same.value,
        DuplicateDecision.keep_id == recipient_id)))

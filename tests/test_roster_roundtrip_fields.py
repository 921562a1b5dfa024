"""Export then import round-trips (issue 14, point 11): the village demo's roster, exported
and imported into a fresh database of the same village with `--confirmed-by`, gives back
field by field every person with their status (confirmed by the decision named), their
guardians with kind and relation (several of them where there are several), their school
and class, and their household members with where they work."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.household import add_guardian
from app.care.recipients import edit_recipient
from app.db import open_database
from app.demo.generate import generate_demo
from app.models import Guardian, HouseholdMember, Recipient, StatusEvent
from app.reports.roster_export import export_roster
from app.reports.roster_import import run_import
from tests.conftest import TOWNSHIP, VILLAGE

DOC = "黎民发〔2026〕88号"
TODAY = dt.date(2026, 11, 28)
PERSON = ("name", "sex", "birth_date", "ethnicity", "phone", "address", "categories", "key_monitoring",
          "self_care", "work_ability", "major_illness", "disability_type", "disability_grade", "school",
          "school_class", "notes", "village_code", "is_urban", "parents_away", "husband_works_away",
          "children_work_away")
GUARDIAN = ("kind", "name", "relation", "id_number", "phone", "address", "start_date")
MEMBER = ("name", "relation", "id_number", "phone", "works_away", "work_place", "can_guard", "notes")
# The status each one comes back with: the departments' reviews are the county's to enter.
COMES_BACK_AS = {"surveyed": "surveyed", "reported": "reported", "reviewed": "reported", "confirmed": "confirmed"}


def _people(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every person on the roster (not exited or rejected), with guardians and members."""
    today = dt.date.today()
    with Session(engine) as s:
        people = {r.id: r for r in s.scalars(select(Recipient).where(
            Recipient.deleted.is_(False), Recipient.status.not_in(("exited", "rejected"))))}
        guardians: dict[str, list[tuple[Any, ...]]] = {}
        for g in s.scalars(select(Guardian).where(Guardian.deleted.is_(False))):
            if g.end_date is None or g.end_date >= today:
                guardians.setdefault(g.recipient_id, []).append(tuple(getattr(g, f) for f in GUARDIAN))
        members: dict[str, list[tuple[Any, ...]]] = {}
        for m in s.scalars(select(HouseholdMember).where(HouseholdMember.deleted.is_(False))):
            members.setdefault(m.recipient_id, []).append(tuple(getattr(m, f) for f in MEMBER))
        confirmed_by = {e.recipient_id: e.doc_no for e in s.scalars(select(StatusEvent).where(
            StatusEvent.step == "confirm", StatusEvent.deleted.is_(False)))}
        return {r.id_number: {**{f: getattr(r, f) for f in PERSON}, "status": r.status,
                              "guardians": Counter(guardians.get(rid, [])),
                              "members": Counter(members.get(rid, [])),
                              "confirm_doc": confirmed_by.get(rid)}
                for rid, r in people.items()}


@pytest.fixture
def fresh(tmp_path: Path) -> Engine:
    """A second database of the same village, empty."""
    from app.care.offices import init_office

    engine = open_database(tmp_path / "fresh.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    return engine


def test_export_then_import_gives_back_every_field(village: Engine, fresh: Engine, tmp_path: Path) -> None:
    # The demo's day, and the import's: the same people are of age (a child who turned 16 since
    # would rightly be refused as a left-behind child), whatever day the test runs.
    generate_demo(village, scale="village", today=TODAY)
    with Session(village) as s, s.begin():  # the cases the demo lacks: several guardians, a class
        actor = actor_for(s)
        child = s.scalars(select(Recipient).where(Recipient.school.is_not(None),
                                                  Recipient.status == "confirmed")).first()
        assert child is not None
        add_guardian(s, actor, child.id, kind="temporary", name="杨桂芬", relation="neighbour",
                     phone="13985560001", address="岩寨村二组5号", start_date=dt.date(2026, 3, 2))
        add_guardian(s, actor, child.id, kind="parent", name="吴志强", relation="father", phone="13985560002")
        edit_recipient(s, actor, child.id, school_class="四年级一班")
    before = _people(village)
    statuses = Counter(p["status"] for p in before.values())
    assert statuses["confirmed"] and statuses["surveyed"] and statuses["reported"] + statuses["reviewed"]
    assert any(sum(p["guardians"].values()) >= 3 for p in before.values())
    assert any(any(m[5] for m in p["members"]) for p in before.values())  # work places
    assert any(p["school"] for p in before.values())

    with Session(village) as s:
        export_roster(s, tmp_path / "roster.xlsx", full_ids=True)
    report = run_import(fresh, tmp_path / "roster.xlsx", confirmed_by=DOC, on=TODAY)
    out = json.loads(json.dumps(report.to_json(), default=str))  # as `roster import --json` prints it
    # A child the demo still holds a few days after turning 16 (the exit is due, a warning asks
    # for it) is refused as a left-behind child, by the rule, with that reason: not a lost field.
    def sixteen(born: dt.date) -> dt.date:
        return dt.date(born.year + 16, 3, 1) if (born.month, born.day) == (2, 29) else born.replace(year=born.year + 16)

    aged = {n for n, p in before.items() if "left_behind_child" in p["categories"] and sixteen(p["birth_date"]) <= TODAY}
    assert sorted(r["name"] for r in out["rejected"]) == sorted(before[n]["name"] for n in aged)
    assert all("未满16周岁" in r["reason"] for r in out["rejected"])
    before = {n: p for n, p in before.items() if n not in aged}
    assert out["imported"] == len(before)
    assert {s["sheet"]: s["kind"] for s in out["sheets"]} == {"花名册": "roster", "监护人": "guardians",
                                                             "家庭成员": "members"}
    assert out["guardians"]["imported"] == sum(sum(p["guardians"].values()) for p in before.values())

    after = _people(fresh)
    assert set(after) == set(before)
    for number, was in before.items():
        now = after[number]
        for f in PERSON:
            assert now[f] == was[f], (number, f, was[f], now[f])
        assert now["status"] == COMES_BACK_AS[was["status"]], number
        assert now["confirm_doc"] == (DOC if was["status"] == "confirmed" else None), number
        assert now["guardians"] == was["guardians"], number
        assert now["members"] == was["members"], number
    with Session(fresh) as s:  # imported confirmations keep the decision as their source
        sources = set(s.scalars(select(StatusEvent.source).where(StatusEvent.step == "confirm")))
    assert sources == {"roster_import"}

"""The seeded four-ones rules: in force from the plan's date in every office, one and the same
record everywhere (no conflict when bundles meet), a county change still winning after sync,
and a township set up today counting the villages' earlier work it merges."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import offices, work, writes
from app.care.context import Actor
from app.care.offices import FOUR_ONES, PLAN_IN_FORCE, init_office, seed_id
from app.care.recipients import add_recipient
from app.care.rules import change_rule, list_rules
from app.care.status import status_report
from app.care.tasks import week_tasks
from app.cli import main
from app.db import make_engine, open_database, upgrade
from app.models import AuditEntry, CareRule
from app.sync.conflicts import list_conflicts
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import (
    COUNTY,
    LEVELS,
    TOWNSHIP,
    VILLAGE,
    Office,
    make_office,
    snapshot,
    trust_pair,
)

D = dt.date
SEEDS = ("call-monthly", "call-weekly-key", "wish-quarterly", "aid-half-yearly", "visit-quarterly")


def office_on(tmp: Path, code: str, today: D) -> Office:
    """An office whose database was set up on `today`. The day is no input of setup any more
    (the rules are in force from PLAN_IN_FORCE everywhere); the tests name it for the
    situation they describe, and the old code read it."""
    return make_office(tmp, code)


def seeded_as_before_0009(setup: D) -> Callable[[Session, Actor], None]:
    """seed_care_rules as it was up to migration 0009: this office's own record, stamped now,
    in force from its setup day."""
    def seed(session: Session, actor: Actor) -> None:
        for name, zh, kind, key, period in FOUR_ONES:
            writes.create(session, actor, CareRule, id=seed_id(f"care-rule:{name}"), name=zh, kind=kind.value,
                          category=None, key_monitoring=key, applies_to_status="confirmed", period=period.value,
                          count_per_period=1, valid_from=setup, valid_to=None, set_by_office=actor.office_code[:6])
    return seed


def office_at_0008(tmp: Path, code: str, setup: D, monkeypatch: pytest.MonkeyPatch) -> Office:
    """An office whose database was set up on `setup` by the app as it was at migration 0008."""
    directory = tmp / code
    directory.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{directory / 'db.sqlite3'}")
    upgrade(engine, "0008")
    monkeypatch.setattr(offices, "seed_care_rules", seeded_as_before_0009(setup))
    level = LEVELS[len(code)]
    with engine.begin() as conn:  # this version's key rows name a column 0012 added: lent for the setup
        conn.exec_driver_sql("ALTER TABLE office_keys ADD COLUMN until_seq INTEGER")
    with Session(engine) as s, s.begin():
        init_office(s, role=level, code=code, name=f"{level}{code[-3:]}",
                    parent={"village": code[:9], "township": code[:6]}.get(level), operator=f"主任{code[-3:]}")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE office_keys DROP COLUMN until_seq")
    return Office(code, engine, directory)


def upgraded(office: Office) -> Office:
    """The office's database opened by this version of the app (upgraded to head)."""
    office.engine.dispose()
    return Office(office.code, open_database(office.dir / "db.sqlite3"), office.dir)


def rules_of(office: Office) -> list[tuple[object, ...]]:
    return snapshot(office.engine, ("care_rules",))["care_rules"]


def conflicts(office: Office) -> list:  # type: ignore[type-arg]
    with office.session() as s:
        return list_conflicts(s)


def rule_audits(office: Office, action: str) -> int:
    with office.session() as s:
        return len(s.scalars(select(AuditEntry).where(AuditEntry.table_name == "care_rules",
                                                      AuditEntry.action == action)).all())


def test_seeded_rules_are_one_record_in_every_office(tmp_path: Path) -> None:
    t = office_on(tmp_path, TOWNSHIP, D(2026, 1, 1))
    v = office_on(tmp_path, VILLAGE, D(2026, 11, 1))
    trust_pair(t, v)
    ids = {seed_id(f"care-rule:{n}") for n in SEEDS}
    # Byte for byte the same rows (every column, the sync stamps included): the county's record,
    # stamped at the plan's moment, in force from the plan's date, whatever the setup day.
    assert rules_of(t) == rules_of(v)
    with t.session() as s:
        rows = s.scalars(select(CareRule)).all()
        assert {r.id for r in rows} == ids
        assert {(r.valid_from, r.valid_to, r.origin_office, r.modified_office, r.set_by_office) for r in rows} == {
            (PLAN_IN_FORCE, None, COUNTY, COUNTY, COUNTY)}
        assert {r.hlc for r in rows} == {f"{1593561600000:013d}.00000.{COUNTY}"}  # 2020-07-01 00:00 UTC
        # ... while the audit trail says who seeded them here
        seeded = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "care_rules")).all()
        assert {(a.action, a.office_code, a.user) for a in seeded} == {("create", TOWNSHIP, "主任100")}
        assert {a.record_id for a in seeded} == ids
        assert json.loads(seeded[0].changes_json)["valid_from"] == [None, "2020-07-01"]
    # Bundles both ways: nothing to merge in the rules, no conflict, no merge entry.
    [up] = t.import_(v.export(t).path)
    [down] = v.import_(t.export(v).path)
    assert up.accepted and down.accepted and up.conflicts == down.conflicts == 0
    assert conflicts(t) == [] and conflicts(v) == []
    assert rule_audits(t, "merge") == rule_audits(v, "merge") == 0
    assert rules_of(t) == rules_of(v)
    for office in (t, v):
        with office.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sync_field_versions "
                                     "WHERE table_name = 'care_rules'")).scalar() == 0
        with office.session() as s:
            assert {r.valid_from for r in list_rules(s)} == {PLAN_IN_FORCE}


def test_a_county_change_of_a_rule_wins_everywhere_after_sync(tmp_path: Path) -> None:
    c = office_on(tmp_path, COUNTY, D(2026, 1, 1))
    t = office_on(tmp_path, TOWNSHIP, D(2026, 3, 1))
    v = office_on(tmp_path, VILLAGE, D(2026, 11, 1))
    trust_pair(c, t)
    trust_pair(t, v)
    monthly, visit = seed_id("care-rule:call-monthly"), seed_id("care-rule:visit-quarterly")
    with c.session() as s, s.begin():
        change_rule(s, c.actor(s), monthly, count=2, valid_from=D(2026, 7, 1))  # the past keeps its rule
        change_rule(s, c.actor(s), visit, valid_to=D(2027, 12, 31))  # the window, in place
    t.import_(c.export(t).path)
    v.import_(t.export(v).path)
    assert rules_of(c) == rules_of(t) == rules_of(v)
    assert conflicts(t) == [] and conflicts(v) == []
    with v.session() as s:
        calls = sorted((r.valid_from, r.valid_to, r.count_per_period) for r in list_rules(s)
                       if r.kind == "phone_followup" and r.period == "month")
        assert calls == [(PLAN_IN_FORCE, D(2026, 6, 30), 1), (D(2026, 7, 1), None, 2)]
        assert s.get_one(CareRule, visit).valid_to == D(2027, 12, 31)
        assert s.get_one(CareRule, visit).valid_from == PLAN_IN_FORCE
    # Another round in both directions changes nothing and raises nothing.
    t.import_(v.export(t).path)
    v.import_(t.export(v).path)
    c.import_(t.export(c).path)
    assert rules_of(c) == rules_of(t) == rules_of(v)
    assert conflicts(c) == conflicts(t) == conflicts(v) == []


def confirmed(office: Office, name: str, seq: int, on: D) -> str:
    with office.session() as s, s.begin():
        actor = office.actor(s)
        rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(D(1950, 1, 1), seq=seq),
                            categories=["left_behind_elder"], surveyed_on=on).id
        lc.report(s, actor, rid, on=on)
        lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=on, doc_no="审")
        lc.confirm(s, actor, rid, doc_no="定", on=on)
        return rid


@pytest.fixture
def q1_history(tmp_path: Path) -> tuple[Office, Office, list[str]]:
    """A township and a village both set up on 1 November 2026; the village back-enters three
    elders confirmed in January and two home visits of the first quarter, then sends its bundle
    to the township."""
    t = office_on(tmp_path, TOWNSHIP, D(2026, 11, 1))
    v = office_on(tmp_path, VILLAGE, D(2026, 11, 1))
    trust_pair(t, v)
    ids = [confirmed(v, name, seq, D(2026, 1, 5)) for name, seq in (("吴秀英", 31), ("石老根", 32), ("杨阿婆", 33))]
    with v.session() as s, s.begin():
        work.log_visit(s, v.actor(s), ids[0], on=D(2026, 2, 10), findings="身体好")
        work.log_visit(s, v.actor(s), ids[1], on=D(2026, 3, 28))
        work.log_call(s, v.actor(s), ids[0], reached=True, on=D(2026, 1, 20))
    [res] = t.import_(v.export(t).path)
    assert res.accepted and res.conflicts == 0
    return t, v, ids


def test_a_township_set_up_today_counts_the_first_quarter_it_merged(q1_history: tuple[Office, Office, list[str]]) -> None:
    t, v, ids = q1_history
    for office in (v, t):  # the village's own back-entered history counts too
        with office.session() as s:
            report = status_report(s, "2026-Q1")
        [figures] = [x for x in report["villages"] if x["code"] == VILLAGE]
        assert figures["recipients"] == 3
        four = figures["four_ones"]
        assert (four["visit"]["owed"], four["visit"]["done"]) == (3, 2)
        assert (four["call"]["owed"], four["call"]["done"]) == (9, 1)  # January to March, one reached
        assert (four["wish"]["owed"], four["wish"]["done"]) == (3, 0)
        assert (four["aid"]["owed"], four["aid"]["done"]) == (0, 0)  # H1's aid falls in Q2
    [township] = report["townships"]  # the last report is the township's own
    assert township["code"] == TOWNSHIP and township["four_ones"]["visit"] == {"owed": 3, "done": 2, "rate": 0.6667}
    # In the township's task view the elder nobody visited is overdue: the second quarter's
    # visit, with the first quarter's missed.
    with t.session() as s:
        visits = [x for x in week_tasks(s, D(2026, 4, 8), overdue_only=True) if x.kind == "home_visit"]
    assert [(x.recipient_id, x.period_start, x.missed) for x in visits] == [(ids[2], D(2026, 4, 1), 1)]


def test_status_json_of_the_township_from_the_command_line(q1_history: tuple[Office, Office, list[str]],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    t, _v, _ids = q1_history
    t.engine.dispose()
    capsys.readouterr()
    assert main(["--db", str(t.dir / "db.sqlite3"), "status", "--period", "2026-Q1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [village] = report["villages"]
    assert village["code"] == VILLAGE
    assert village["four_ones"]["visit"] == {"owed": 3, "done": 2, "rate": 0.6667}
    assert village["four_ones"]["call"]["owed"] == 9
    assert main(["--db", str(t.dir / "db.sqlite3"), "rules", "list", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    rows = rules if isinstance(rules, list) else rules["rules"]
    assert {r["valid_from"] for r in rows} == {"2020-07-01"}


def valid_froms(office: Office) -> set[D]:
    with office.session() as s:
        return {r.valid_from for r in list_rules(s)}


@pytest.mark.skip(reason="exchanging bundles between an office still at 0008 and one at head cannot happen since "
                  "bundle format 2 (0012): the older app refuses the newer format with 'upgrade first', and this "
                  "version's sync code does not run on a 0008 schema. 0009's own data migration is checked in "
                  "tests/test_migrations.py.")
def test_offices_upgraded_by_0009_agree_on_the_seeded_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A township and a village set up on different days before 0009, upgraded one after the
    other, exchanging bundles all along: never a conflict, and in the end both hold the
    seeded rules in force from the plan's date."""
    t = office_at_0008(tmp_path, TOWNSHIP, D(2026, 1, 1), monkeypatch)
    v = office_at_0008(tmp_path, VILLAGE, D(2026, 11, 1), monkeypatch)
    trust_pair(t, v)
    assert valid_froms(t) == {D(2026, 1, 1)} and valid_froms(v) == {D(2026, 11, 1)}
    t = upgraded(t)  # the township upgrades first: its village still runs the previous version
    assert valid_froms(t) == {PLAN_IN_FORCE} and rule_audits(t, "update") == 5
    [down] = v.import_(t.export(v).path)  # (the village's database is still at 0008)
    assert down.accepted and down.conflicts == 0 and conflicts(v) == []
    assert valid_froms(v) == {PLAN_IN_FORCE}  # the upgraded copy is the county's creation: it stands
    v = upgraded(v)
    assert rule_audits(v, "update") == 0  # nothing left to move
    [up] = t.import_(v.export(t).path)
    [down] = v.import_(t.export(v).path)
    assert up.conflicts == down.conflicts == 0 and conflicts(t) == conflicts(v) == []
    stamps = ("modified_office", "hlc")  # each office's own write
    assert snapshot(t.engine, ("care_rules",), skip=stamps) == snapshot(v.engine, ("care_rules",), skip=stamps)
    with v.session() as s:
        assert {r.origin_office for r in s.scalars(select(CareRule))} == {COUNTY}
    for office in (t, v):
        office.engine.dispose()


@pytest.mark.skip(reason="exchanging bundles between an office still at 0008 and one at head cannot happen since "
                  "bundle format 2 (0012): the older app refuses the newer format with 'upgrade first', and this "
                  "version's sync code does not run on a 0008 schema. 0009's own data migration is checked in "
                  "tests/test_migrations.py.")
def test_a_village_upgraded_before_its_township_ends_on_the_plans_date(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    t = office_at_0008(tmp_path, TOWNSHIP, D(2026, 1, 1), monkeypatch)
    v = upgraded(office_at_0008(tmp_path, VILLAGE, D(2026, 11, 1), monkeypatch))
    trust_pair(t, v)
    assert valid_froms(v) == {PLAN_IN_FORCE} and rule_audits(v, "update") == 5
    # The township, not upgraded yet, sends its own copy: the village's, now the county's
    # creation (as seeding writes it today), stands against it.
    [down] = v.import_(t.export(v).path)
    assert down.conflicts == 0 and conflicts(v) == [] and valid_froms(v) == {PLAN_IN_FORCE}
    t = upgraded(t)
    [down] = v.import_(t.export(v).path)
    assert down.conflicts == 0 and conflicts(v) == []
    assert valid_froms(t) == valid_froms(v) == {PLAN_IN_FORCE}
    for office in (t, v):
        office.engine.dispose()

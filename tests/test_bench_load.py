"""The load test's account (bench/load.py): its counters must catch what they are there to
catch — a person stored twice, a write a clerk was told succeeded that is not stored, one told
failed that is, a traceback, a message carrying an ID number — or the bench's zeros mean
nothing. No timings are checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from app.care import work
from app.care.context import actor_for
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.db import open_database
from bench.load import (
    Attempt,
    ClerkPlan,
    Person,
    Stored,
    make_people,
    read_attempts,
    read_stored,
    run_clerk,
    tally,
)
from tests.conftest import TOWNSHIP, VILLAGE

A = "522631194501011234"
B = "52263119500202123X"


def reg(clerk: int, number: str, outcome: str = "ok", *, shared: bool = True, message: str = "") -> Attempt:
    return Attempt(clerk, "register", number, shared, outcome, 0.01, message)


def call(clerk: int, token: str, outcome: str = "ok", message: str = "") -> Attempt:
    return Attempt(clerk, "call", token, False, outcome, 0.01, message)


def test_a_person_stored_twice_is_a_duplicate() -> None:
    attempts = [reg(0, A), reg(1, A)]
    t = tally(attempts, Stored({A: 2}, set()))
    assert (t.duplicates, t.lost, t.errors, t.tracebacks) == (1, 0, 0, 0)
    assert not t.clean()
    # the same two clerks, the second refused because the first was there: correct
    t = tally([reg(0, A), reg(1, A, "refused", message="身份证号：此人已登记（王小花，村），请勿重复登记")],
              Stored({A: 1}, set()), [Person(A, "王小花", VILLAGE)])
    assert (t.duplicates, t.refused_duplicate, t.errors, t.leaks) == (0, 1, 0, 0)  # it names the person on purpose
    assert t.clean()


def test_lost_phantom_errors_tracebacks_and_leaks_are_counted() -> None:
    stored = Stored({A: 1}, {"c0-1", "c1-9"})
    attempts = [
        reg(0, A),
        reg(1, B),  # told ok, not stored: lost
        call(0, "c0-1"),
        call(0, "c0-2"),  # lost
        call(1, "c1-9", "failed", "另一个程序正在写入数据库"),  # failed but stored: phantom, and an error
        reg(2, "522631196003031231", "refused", shared=False, message="操作冲突，请重试"),  # an error
        call(2, "c2-1", "traceback", f"IntegrityError: duplicate key (id_number)=({A})"),  # a traceback leaking
    ]
    t = tally(attempts, stored, [Person(A, "王小花", VILLAGE)])
    assert t.ok == 4
    assert t.lost == 2
    assert t.phantom == 1
    assert t.errors == 2
    assert t.tracebacks == 1
    assert t.leaks == 1
    assert not any(A in kind for kind in t.kinds)  # the report's kinds carry no ID number
    assert "traceback: IntegrityError" in t.kinds


def test_read_stored_and_one_clerk_in_process(tmp_path: Path) -> None:
    """The real path: a clerk writing through the services for a moment, then the database
    read back; one clerk alone must come out clean, and a registration written outside the
    run is counted for the ID number it holds."""
    engine = open_database(tmp_path / "load.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    with Session(engine) as s, s.begin():
        actor = actor_for(s)
        rid = add_recipient(s, actor, name="王小花", id_number=A, categories=["left_behind_elder"],
                            children_work_away=True, surveyed_on=dt.date(2026, 11, 1)).id
        work.log_call(s, actor, rid, reached=True, on=dt.date(2026, 11, 2), note="load c9-1")
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()

    stored = read_stored(url, [reg(0, A), reg(0, B), call(0, "c9-1")])
    assert stored.id_numbers == {A: 1}
    assert stored.call_tokens == {"c9-1"}

    people = make_people([VILLAGE], 6, 1, {A})
    assert A not in {p.id_number for p in people} and len({p.id_number for p in people}) == 6

    class Ready:
        def put(self, _item: object) -> None: ...

    class Go:
        def wait(self) -> None: ...

    out = tmp_path / "clerk.jsonl"
    run_clerk(ClerkPlan(0, url, 1.0, people[:3], people[3:], [rid], out, calls_per_registration=1), Ready(), Go())
    attempts = read_attempts([out])
    assert {a.kind for a in attempts} >= {"call"}
    t = tally(attempts, read_stored(url, attempts), people)
    assert t.tracebacks == 0 and t.errors == 0, t.kinds
    assert t.lost == 0 and t.duplicates == 0 and t.phantom == 0
    assert t.ok == len(attempts)

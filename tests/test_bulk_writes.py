"""The batch write door (app.care.bulk) leaves exactly what one-by-one writes leave.

Random sequences of writes (hypothesis) — registrations (some refused: a duplicate, a bad
phone), guardians, edits (the flags among them, which keep a FlagChange), life-cycle steps
(report, reviews by any department with either decision, confirm, reject, exit, a roster's
whole confirmation; many refused: out of order, a department not concerned, a missing reason
or document, a date before the last step's) and care records — are applied to two fresh
village databases: one by one through the services and app.care.writes, and through
app.care.bulk.Registrations in one batch. Every write one way is refused the other way with
the same words, or accepted both ways. The two databases must then hold the same rows (every
column), the same audit entries (every column and every change), the same change log (its
order and positions), the same field version vectors and the same saved clock. What may
differ, because it is drawn afresh each time: the records' ids (UUIDv7; named by the order of
their creation), the clock stamps (named by their place in the clock's order), an audit
entry's own id and its wall-clock time `at`. And a roster import asks the database the same
few questions whatever the number of rows."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from app.care import lifecycle, writes
from app.care.bulk import Pending, Registrations
from app.care.context import Actor, actor_for
from app.care.errors import ServiceError
from app.care.household import add_guardian
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.care.work import log_call
from app.db import open_database
from app.models import CareRecord, Recipient
from app.models.codes import Decision, DecisionSource, Department
from app.reports.roster_import import run_import
from tests.conftest import TOWNSHIP, VILLAGE
from tests.helpers import LEFT_BEHIND, make_id
from tests.server_db import ON_SERVER

D = dt.date
ON = D(2026, 3, 2)
DOC = "黎民发〔2026〕12号"

PEOPLE: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
    (dict(name="张小花", id_number=make_id(D(2016, 4, 5), "female", seq=14), categories=["left_behind_child"],
          phone="13985561234", key_monitoring=True, self_care="full", notes="父母在浙江宁波"),
     dict(kind="entrusted", name="张大山", relation="grandfather", phone="13985567890")),
    (dict(name="杨秀英", id_number=make_id(D(1985, 7, 12), "female", seq=3),
          categories=["severe_disability", "left_behind_woman"], disability_type="physical",
          disability_grade=2, address=" 岩寨村二组 ", ethnicity="苗族"), None),
    (dict(name="吴老汉", id_number=make_id(D(1950, 3, 7), "male", seq=41),
          categories=["left_behind_elder", "extreme_poverty_dispersed"], self_care="partial",
          work_ability="none", major_illness="高血压"),
     dict(kind="supporter", name="吴大", relation="son", phone="0851-86123456")),
    (dict(name="龙老四", id_number=make_id(D(1948, 2, 2), "male", seq=7), categories=["left_behind_elder"]),
     dict(kind="supporter", name="龙二", relation="other")),
    (dict(name="潘阿妹", id_number=make_id(D(2012, 9, 9), "female", seq=22), categories=["left_behind_child"],
          phone="12345"), None),  # refused: the phone
]


def _village(path: Path) -> Engine:
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    return engine


# ---- the operations -----------------------------------------------------------------------

def _day(k: int) -> D:
    return ON + dt.timedelta(days=k)


person = st.integers(0, 2)  # which registered person (modulo how many there are)
day = st.sampled_from([0, 0, 1, 2, 3, -1])  # days after the survey; now and then before the last step
# Weighted towards what passes, so that sequences get far into the life cycle.
department = st.sampled_from([Department.civil_affairs.value] * 3 + [d.value for d in Department])
decision = st.sampled_from([Decision.approve.value] * 3 + [Decision.reject.value, "maybe"])
doc = st.sampled_from([DOC, DOC, None])
ARGUMENTS: dict[str, Any] = {
    "register": st.tuples(st.integers(0, len(PEOPLE) - 1), st.booleans()),
    "guardian": st.tuples(person, st.integers(0, len(PEOPLE) - 1)),
    "edit": st.tuples(person, st.sampled_from([
        {"phone": "13985560000"}, {"notes": "搬到镇上"}, {"key_monitoring": True}, {"key_monitoring": True},
        {"key_monitoring": False}, {"categories": ("left_behind_elder",)}, {"notes": None, "address": "岩寨村三组"}])),
    "report": st.tuples(person, day),
    "review": st.tuples(person, day, department, decision, st.sampled_from([None, "材料不全", "材料不全"]), doc),
    "confirm": st.tuples(person, day, doc),
    "reject": st.tuples(person, day, st.sampled_from([None, "不符合条件", "不符合条件"]), doc),
    "exit": st.tuples(person, day, st.sampled_from([None, "外出务工的父母已返乡", "外出务工的父母已返乡"])),
    "roster_confirm": st.tuples(person),
    "call": st.tuples(person, day, st.booleans(), st.sampled_from([None, "身体还好"])),
    # The step the person's status asks for next, with arguments that mostly pass (see _next).
    "next": st.tuples(person, st.sampled_from([0, 0, 0, 1, -1]), st.integers(0, 2),
                      st.sampled_from([Decision.approve.value] * 4 + [Decision.reject.value]), doc,
                      st.sampled_from([True, True, True, False])),
}
# The life-cycle steps several times over, so that sequences go far into the life cycle.
KINDS = ["register", "guardian", "edit", "edit", "report", "review", "confirm", "reject", "exit", "roster_confirm",
         "call", "call", *["next"] * 6]
step = st.sampled_from(KINDS).flatmap(lambda kind: ARGUMENTS[kind].map(lambda args: (kind, *args)))
operations = st.tuples(st.lists(st.just("register").flatmap(lambda k: ARGUMENTS[k].map(lambda a: (k, *a))), min_size=1, max_size=3), st.lists(step, min_size=1, max_size=24)).map(
    lambda two: two[0] + two[1])


def _next(status: str, categories: tuple[str, ...], last: D, op: tuple[Any, ...]) -> tuple[Any, ...]:
    """The step `status` asks for next, dated from the last step's date (`last`): report, a
    review by one of the departments concerned (perhaps one that reviewed already), confirm or
    reject, exit."""
    _, who, after, dept, decision, doc_, go_on = op
    k = (last - ON).days + after
    if status in ("surveyed", "rejected", "exited"):
        return ("report", who, k)
    if status == "reported":
        concerned = lifecycle.departments_concerned(categories)
        return ("review", who, k, concerned[dept % len(concerned)], decision, "材料不全", doc_)
    if status == "reviewed":
        return ("confirm", who, k, doc_) if go_on else ("reject", who, k, "不符合条件", doc_)
    return ("exit", who, k, "外出务工的父母已返乡")


def _words(error: ServiceError) -> list[str]:
    return [e.zh for e in getattr(error, "errors", [error])]


def _one_by_one(engine: Engine, ops: list[tuple[Any, ...]]) -> list[Any]:
    """The operations through the services, one by one; what each one did."""
    done: list[Any] = []
    with Session(engine) as s, s.begin():
        actor = actor_for(s)
        people: list[tuple[str, bool]] = []  # (recipient id, conditions recorded)
        for op in ops:
            try:
                done.append(_apply_one(s, actor, people, op))
            except ServiceError as e:
                done.append(("refused", _words(e)))
    return done


def _apply_one(s: Session, actor: Actor, people: list[tuple[str, bool]], op: tuple[Any, ...]) -> Any:
    kind = op[0]
    if kind == "register":
        fields, _g = PEOPLE[op[1]]
        r = add_recipient(s, actor, surveyed_on=ON, **(LEFT_BEHIND if op[2] else {}), **fields)
        people.append((r.id, op[2]))
        return "ok"
    if not people:
        return "nobody"
    rid, conditions = people[op[1] % len(people)]
    if kind == "next":
        r = s.get(Recipient, rid)
        assert r is not None
        op = _next(r.status, tuple(r.categories), r.status_date, op)
        try:
            return (op[0], _apply_one(s, actor, people, op))
        except ServiceError as e:
            return (op[0], ("refused", _words(e)))
    if kind == "guardian":
        g = PEOPLE[op[2]][1]
        if g is None:
            return "no guardian"
        add_guardian(s, actor, rid, start_date=ON, **g)
    elif kind == "edit":
        return writes.update(s, actor, s.get(Recipient, rid), **op[2])
    elif kind == "report":
        lifecycle.report(s, actor, rid, on=_day(op[2]))
    elif kind == "review":
        _, _, k, dept, decision, reason, doc = op
        lifecycle.review(s, actor, rid, department=dept, decision=decision, reason=reason, on=_day(k), doc_no=doc)
    elif kind == "confirm":
        lifecycle.confirm(s, actor, rid, on=_day(op[2]), doc_no=op[3])
    elif kind == "reject":
        lifecycle.reject(s, actor, rid, reason=op[3], on=_day(op[2]), doc_no=op[4])
    elif kind == "exit":
        lifecycle.exit_care(s, actor, rid, reason=op[3], on=_day(op[2]))
    elif kind == "roster_confirm":
        r = s.get(Recipient, rid)
        if r is None or r.status != "surveyed" or not conditions:
            return "skipped"
        src = DecisionSource.roster_import.value
        lifecycle.report(s, actor, rid, on=ON)
        for dept in lifecycle.departments_concerned(r.categories):
            lifecycle.review(s, actor, rid, department=dept, decision=Decision.approve.value, on=ON, doc_no=DOC,
                             source=src)
        lifecycle.confirm(s, actor, rid, doc_no=DOC, on=ON, source=src)
    elif kind == "call":
        log_call(s, actor, rid, reached=op[3], on=_day(op[2]), note=op[4])
    return "ok"


def _batch(engine: Engine, ops: list[tuple[Any, ...]]) -> list[Any]:
    """The same operations through one batch (app.care.bulk), written at the end."""
    done: list[Any] = []
    with Session(engine) as s, s.begin():
        batch = Registrations(s, actor_for(s), [p["id_number"] for p, _g in PEOPLE])
        people: list[tuple[Pending, bool]] = []
        for op in ops:
            try:
                done.append(_apply_batch(batch, people, op))
            except ServiceError as e:
                done.append(("refused", _words(e)))
        batch.write()
    return done


def _apply_batch(batch: Registrations, people: list[tuple[Pending, bool]], op: tuple[Any, ...]) -> Any:
    kind = op[0]
    if kind == "register":
        fields, _g = PEOPLE[op[1]]
        checked = batch.check(surveyed_on=ON, **(LEFT_BEHIND if op[2] else {}), **fields)
        if checked.errors:
            return ("refused", [e.zh for e in checked.errors])
        people.append((batch.add(checked), op[2]))
        return "ok"
    if not people:
        return "nobody"
    r, conditions = people[op[1] % len(people)]
    if kind == "next":
        op = _next(r.status, r.categories, r.status_date, op)
        try:
            return (op[0], _apply_batch(batch, people, op))
        except ServiceError as e:
            return (op[0], ("refused", _words(e)))
    if kind == "guardian":
        g = PEOPLE[op[2]][1]
        if g is None:
            return "no guardian"
        values, errors = batch.check_guardian(start_date=ON, **g)
        if errors:
            return ("refused", [e.zh for e in errors])
        batch.add_guardian(r, values)
    elif kind == "edit":
        return batch.writer.update(r, **op[2])
    elif kind == "report":
        batch.report(r, on=_day(op[2]))
    elif kind == "review":
        _, _, k, dept, decision, reason, doc = op
        batch.review(r, department=dept, decision=decision, reason=reason, on=_day(k), doc_no=doc)
    elif kind == "confirm":
        batch.confirm_reviewed(r, on=_day(op[2]), doc_no=op[3])
    elif kind == "reject":
        batch.reject(r, reason=op[3], on=_day(op[2]), doc_no=op[4])
    elif kind == "exit":
        batch.exit_care(r, reason=op[3], on=_day(op[2]))
    elif kind == "roster_confirm":
        if r.status != "surveyed" or not conditions:
            return "skipped"
        batch.confirm(r, doc_no=DOC, source=DecisionSource.roster_import.value, on=ON)
    elif kind == "call":
        note = (op[4] or "").strip() or None  # as app.care.work.log_call keeps it
        batch.writer.create(CareRecord, recipient_id=r.id, kind="phone_followup", occurred_on=_day(op[2]),
                            recorded_by=batch.actor.user, note=note, reached=op[3], problems=None, needs_action=False)
    return "ok"


# ---- what the writes leave ----------------------------------------------------------------

TABLES = ("recipients", "status_events", "guardians", "care_records", "flag_changes")


def _rows(c: Any, sql: str) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in c.execute(text(sql))]


def _dump(engine: Engine) -> dict[str, Any]:
    """Everything the writes leave, with ids named by the order of their creation and stamps
    by their place in the clock's order."""
    with engine.connect() as c:
        tables = {t: _rows(c, f"SELECT * FROM {t}") for t in TABLES}
        within = f"table_name IN ({', '.join(repr(t) for t in TABLES)})"  # the setup's entries aside
        audit = _rows(c, f"SELECT * FROM audit_log WHERE {within} ORDER BY seq")
        log = _rows(c, f"SELECT * FROM sync_changes WHERE {within} ORDER BY seq")
        versions = _rows(c, "SELECT * FROM sync_field_versions")
        saved_clock = c.execute(text("SELECT value FROM local_settings WHERE key = 'hlc_last'")).scalar_one()
    label = {a["record_id"]: f"{a['table_name']}#{i}" for i, a in enumerate(audit) if a["action"] == "create"}
    stamps = sorted(a["hlc"] for a in audit)
    assert len(set(stamps)) == len(stamps), "every write has its own stamp"
    assert [a["hlc"] for a in audit] == stamps, "stamps increase in the order of the writes"
    if stamps:
        assert saved_clock == stamps[-1], "the clock is saved at its last stamp"
    place = {st_: f"<stamp {i}>" for i, st_ in enumerate(stamps)}
    ids = re.compile("|".join(map(re.escape, label))) if label else None

    def named(value: Any) -> Any:
        if isinstance(value, str):
            value = place.get(value, value)
            return ids.sub(lambda m: label[m[0]], value) if ids else value
        return value

    def rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(({k: named(v) for k, v in r.items()} for r in found), key=lambda r: r["id"])

    for found in tables.values():
        for r in found:  # a record's stamp is that of its latest write
            assert r["hlc"] == max(a["hlc"] for a in audit if a["record_id"] == r["id"])
    return {
        **{t: rows(found) for t, found in tables.items()},
        "audit": [{k: named(v) for k, v in a.items() if k not in ("id", "at")} for a in audit],
        "audit_changes": [json.loads(named(a["changes_json"])) for a in audit],
        "log": [(r["seq"], r["table_name"], named(r["record_id"]), r["via_office"]) for r in log],
        "versions": sorted((r["table_name"], named(r["record_id"]),
                            named(json.dumps({f: {o: place.get(s, s) for o, s in v.items()}
                                              for f, v in json.loads(r["vectors_json"]).items()},
                                             sort_keys=True))) for r in versions),
        "clock": place.get(saved_clock, "<before>"),
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Engine]:
    """A fresh village database: a copy of one set up once (on a server, set up each time)."""
    if ON_SERVER:
        return _village
    path = tmp_path_factory.mktemp("template") / "village.sqlite3"
    _village(path).dispose()

    def fresh(target: Path) -> Engine:
        shutil.copyfile(path, target)
        return open_database(target)

    return fresh


_examples = count()


@settings(max_examples=10 if ON_SERVER else 25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
@example(ops=[  # always: a flag edit, a whole life cycle with a refusal on the way, a care record
    ("register", 0, True), ("register", 2, False), ("edit", 1, {"key_monitoring": True}), ("report", 0, 1),
    ("review", 0, 1, Department.civil_affairs.value, Decision.approve.value, None, DOC),
    ("review", 0, 0, Department.youth_league.value, Decision.approve.value, None, DOC),  # before the last step
    ("review", 0, 2, Department.youth_league.value, Decision.approve.value, None, DOC), ("confirm", 0, 2, DOC),
    ("edit", 0, {"categories": ("left_behind_child", "severe_disability")}), ("call", 0, 3, True, " 身体还好 "),
    ("exit", 0, 3, "外出务工的父母已返乡"), ("report", 1, 0), ("reject", 1, 1, "不符合条件", DOC)])
def test_batch_leaves_what_one_by_one_writes_leave(tmp_path: Path, template: Callable[[Path], Engine],
                                                   ops: list[tuple[Any, ...]]) -> None:
    n = next(_examples)
    one, many = template(tmp_path / f"one-{n}.sqlite3"), template(tmp_path / f"many-{n}.sqlite3")
    try:
        said_one, said_many = _one_by_one(one, ops), _batch(many, ops)
        assert said_many == said_one, "the same writes accepted and refused, with the same words"
        expected, got = _dump(one), _dump(many)
        for key in expected:
            assert got[key] == expected[key], key
    finally:
        one.dispose()
        many.dispose()


def test_a_roster_confirmation_in_a_batch_equals_the_steps_one_by_one(tmp_path: Path) -> None:
    """The four people, each registered, with a guardian where they have one, and confirmed
    as a roster the county confirmed (report, every review, confirm), both ways."""
    ops: list[tuple[Any, ...]] = []
    for i, (_p, g) in enumerate(PEOPLE[:4]):
        ops += [("register", i, True), *([("guardian", i, i)] if g else []), ("roster_confirm", i)]
    one, many = _village(tmp_path / "one.sqlite3"), _village(tmp_path / "many.sqlite3")
    assert _batch(many, ops) == _one_by_one(one, ops)
    expected, got = _dump(one), _dump(many)
    assert {r["status"] for r in expected["recipients"]} == {"confirmed"} and len(expected["guardians"]) == 3
    assert expected["versions"], "the status changes advanced the field versions"
    for key in expected:
        assert got[key] == expected[key], key
    one.dispose()
    many.dispose()


def test_batch_applies_add_recipients_rules(village: Engine) -> None:
    """A refusal is the one add_recipient gives, a person registered earlier in the batch is
    a duplicate, and nothing refused is queued."""
    with Session(village) as s:
        batch = Registrations(s, actor_for(s))
        person = dict(PEOPLE[0][0])
        first = batch.check(surveyed_on=ON, **person)
        batch.add(first)
        again = batch.check(surveyed_on=ON, **person)
        assert [e.field for e in again.errors] == ["id_number"] and "已登记" in again.errors[0].zh
        bad = batch.check(surveyed_on=ON, **{**person, "id_number": make_id(D(1990, 1, 1), seq=5),
                                             "phone": "12345"})
        assert {e.field for e in bad.errors} == {"phone", "categories"} and bad.fields is None
        with pytest.raises(ValueError):
            batch.add(bad)
        assert len(batch.writer) == 2  # the first person and their survey step


def _roster(path: Path, n: int, first: D) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "类别", "电话", "监护人姓名", "监护人电话"])
    for i in range(n):
        ws.append([f"吴老{'一二三四五六七八九十'[i % 10]}", make_id(first + dt.timedelta(days=i), seq=i),
                   "留守老人", f"1398556{i:04d}", "吴大", "13985561236"])
    wb.save(path)
    return path


def test_import_asks_the_database_the_same_few_questions_whatever_its_size(village: Engine,
                                                                            tmp_path: Path) -> None:
    counts = []
    for n, first in ((3, D(1940, 1, 1)), (30, D(1942, 1, 1))):
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
            statements.append(sql)  # noqa: B023 — each round reads its own list

        event.listen(village, "before_cursor_execute", count)
        report = run_import(village, _roster(tmp_path / f"r{n}.xlsx", n, first))
        event.remove(village, "before_cursor_execute", count)
        assert len(report.imported) == n, [o.reason_zh for o in report.rejected]
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_a_row_refused_for_its_guardian_leaves_nothing(village: Engine, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "类别", "监护人姓名", "监护人电话"])
    ws.append(["吴老汉", make_id(D(1950, 3, 7), seq=41), "留守老人", "吴大", "12345"])
    ws.append(["龙老四", make_id(D(1948, 2, 2), seq=7), "留守老人", "龙二", "13985561236"])
    wb.save(tmp_path / "g.xlsx")
    report = run_import(village, tmp_path / "g.xlsx")
    assert [(o.row, o.status) for o in report.outcomes] == [(2, "refused"), (3, "imported")]
    assert "电话" in report.outcomes[0].reason_zh
    with village.connect() as c:
        assert c.execute(text("SELECT name FROM recipients")).scalars().all() == ["龙老四"]
        assert c.execute(text("SELECT name FROM guardians")).scalars().all() == ["龙二"]
        audited = c.execute(text("SELECT count(*) FROM audit_log WHERE table_name IN "
                                 "('recipients', 'status_events', 'guardians')")).scalar_one()
        assert audited == 3


def test_values_the_driver_adapts_are_stored_as_sqlalchemy_stores_them() -> None:
    """The batch door leaves dates and booleans to the SQLite driver (app.care.bulk
    bind_processor): value for value, the driver stores what SQLAlchemy's processors give, and
    every other column keeps SQLAlchemy's processor."""
    import sqlite3

    from sqlalchemy import create_engine

    import app.db  # noqa: F401  (registers the date adapter, as the app does)
    import app.models.registry  # noqa: F401  (every table on the metadata)
    from app.care.bulk import bind_processor
    from app.models import Base

    dialect = create_engine("sqlite://").dialect
    conn = sqlite3.connect(":memory:")
    samples = [None, True, False, D(2026, 3, 2), D(1, 1, 1), D(9999, 12, 31), D(2024, 2, 29)]
    left = 0
    for table in Base.metadata.tables.values():
        for column in table.columns:
            mine = bind_processor(column, dialect)
            theirs = column.type.dialect_impl(dialect).bind_processor(dialect)
            if mine is not None or theirs is None:
                assert (mine is None) == (theirs is None), (table.name, column.name)
                continue
            left += 1
            for value in samples:
                try:
                    expected: Any = theirs(value)
                except Exception:
                    continue  # a value of another type: not one this column is given
                assert conn.execute("SELECT ?", (value,)).fetchone()[0] == expected, (table.name, column.name, value)
    assert left > 50  # the dates and booleans of most tables

"""The batch write door (app.care.bulk) leaves exactly what one-by-one writes leave.

The same people are registered twice, into two fresh village databases: once one by one
through the services (add_recipient, add_guardian and, for a confirmed roster, report,
reviews and confirm, as the importer used to), once through app.care.bulk.Registrations.
Ids and timestamps differ; everything else must not: the rows, the audit entries and their
changes, the order of the clock stamps, the saved clock, the change log and the field
version vectors. And a roster import asks the database the same few questions whatever the
number of rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from app.care import lifecycle
from app.care.bulk import Registrations
from app.care.context import actor_for
from app.care.household import add_guardian
from app.care.lifecycle import departments_concerned
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.db import open_database
from app.models.codes import Decision, DecisionSource
from app.reports.roster_import import run_import
from tests.conftest import TOWNSHIP, VILLAGE
from tests.helpers import LEFT_BEHIND, make_id

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
]


def _village(path: Path) -> Engine:
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    return engine


def _one_by_one(engine: Engine, doc: str | None) -> None:
    with Session(engine) as s, s.begin():
        actor = actor_for(s)
        for person, guardian in PEOPLE:
            rid = add_recipient(s, actor, surveyed_on=ON, **LEFT_BEHIND, **person).id
            if guardian:
                add_guardian(s, actor, rid, start_date=ON, **guardian)
            if doc:
                src = DecisionSource.roster_import.value
                lifecycle.report(s, actor, rid, on=ON)
                for dept in departments_concerned(person["categories"]):
                    lifecycle.review(s, actor, rid, department=dept, decision=Decision.approve.value, on=ON,
                                     doc_no=doc, source=src)
                lifecycle.confirm(s, actor, rid, doc_no=doc, on=ON, source=src)


def _batch(engine: Engine, doc: str | None) -> None:
    with Session(engine) as s, s.begin():
        batch = Registrations(s, actor_for(s), [p["id_number"] for p, _g in PEOPLE])
        for person, guardian in PEOPLE:
            checked = batch.check(surveyed_on=ON, **LEFT_BEHIND, **person)
            assert not checked.errors
            r = batch.add(checked)
            if guardian:
                values, errors = batch.check_guardian(start_date=ON, **guardian)
                assert not errors
                batch.add_guardian(r, values)
            if doc:
                batch.confirm(r, doc_no=doc, source=DecisionSource.roster_import.value, on=ON)
        batch.write()


def _rows(c: Any, sql: str) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in c.execute(text(sql))]


def _dump(engine: Engine) -> dict[str, Any]:
    """Everything the writes leave, with ids named by what they are and stamps by their
    place in the clock's order."""
    with engine.connect() as c:
        people = _rows(c, "SELECT * FROM recipients")
        events = _rows(c, "SELECT * FROM status_events")
        guardians = _rows(c, "SELECT * FROM guardians")
        audit = _rows(c, "SELECT * FROM audit_log WHERE table_name IN "
                         "('recipients', 'status_events', 'guardians') ORDER BY seq")
        log = _rows(c, "SELECT * FROM sync_changes WHERE table_name IN "
                       "('recipients', 'status_events', 'guardians') ORDER BY seq")
        versions = _rows(c, "SELECT * FROM sync_field_versions")
        saved_clock = c.execute(text("SELECT value FROM local_settings WHERE key = 'hlc_last'")).scalar_one()
    label: dict[str, str] = {}
    number = {r["id"]: r["id_number"] for r in people}
    for r in people:
        label[r["id"]] = f"R:{r['id_number']}"
    for e in events:
        label[e["id"]] = f"E:{number[e['recipient_id']]}:{e['step']}:{e['department']}"
    for g in guardians:
        label[g["id"]] = f"G:{number[g['recipient_id']]}:{g['name']}"
    stamps = sorted(a["hlc"] for a in audit)
    assert len(set(stamps)) == len(stamps), "every write has its own stamp"
    assert [a["hlc"] for a in audit] == stamps, "stamps increase in the order of the writes"
    assert saved_clock == stamps[-1], "the clock is saved at its last stamp"
    place = {s: f"<stamp {i}>" for i, s in enumerate(stamps)}
    ids = re.compile("|".join(map(re.escape, label)))

    def named(value: Any) -> Any:
        if isinstance(value, str):
            value = place.get(value, value)
            return ids.sub(lambda m: label[m[0]], value)
        return value

    def rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(({k: named(v) for k, v in r.items()} for r in found), key=lambda r: r["id"])

    for table in (people, events, guardians):
        for r in table:  # a record's stamp is that of its latest write
            latest = max(a["hlc"] for a in audit if a["record_id"] == r["id"])
            assert r["hlc"] == latest
    return {
        "recipients": rows(people), "status_events": rows(events), "guardians": rows(guardians),
        "audit": [{k: named(v) for k, v in a.items() if k not in ("seq", "id", "at")} for a in audit],
        "audit_changes": [json.loads(named(a["changes_json"])) for a in audit],
        "log": [(r["seq"], r["table_name"], named(r["record_id"]), r["via_office"]) for r in log],
        "versions": sorted((r["table_name"], named(r["record_id"]),
                            named(json.dumps({f: {o: place[s] for o, s in v.items()}
                                              for f, v in json.loads(r["vectors_json"]).items()},
                                             sort_keys=True))) for r in versions),
    }


@pytest.mark.parametrize("doc", [None, DOC], ids=["surveyed", "confirmed"])
def test_batch_leaves_what_one_by_one_writes_leave(tmp_path: Path, doc: str | None) -> None:
    one, many = _village(tmp_path / "one.sqlite3"), _village(tmp_path / "many.sqlite3")
    _one_by_one(one, doc)
    _batch(many, doc)
    expected, got = _dump(one), _dump(many)
    assert len(expected["recipients"]) == len(PEOPLE) and len(expected["guardians"]) == 3
    if doc:
        assert {r["status"] for r in expected["recipients"]} == {"confirmed"}
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

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.helpers import make_id

VILLAGE = "522631100201"


def guanai(db: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real console entry point, in a child process, as a township script would call it."""
    env = {**os.environ, "GUANAI_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "app", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_init_then_village_demo_in_a_temporary_directory(tmp_path: Path, guanai_home: Path) -> None:
    db = tmp_path / "v.sqlite3"
    r = guanai(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
               "--parent", "522631100", "--json", home=guanai_home)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["code"] == VILLAGE
    r = guanai(db, "demo", "--scale", "village", "--seed", "7", "--today", "2026-11-28", "--json",
               home=guanai_home)
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)["counts"]
    with sqlite3.connect(db) as c:
        def one(q: str) -> int:
            return c.execute(q).fetchone()[0]
        n = one("SELECT count(*) FROM recipients")
        assert n == counts["recipients"] and 120 <= n <= 180
        assert one("SELECT count(DISTINCT village_code) FROM recipients") == 1
        assert one(f"SELECT count(*) FROM recipients WHERE village_code = '{VILLAGE}'") == n
        assert one("SELECT count(*) FROM care_records") == counts["care_records"] > 2000
        assert one("SELECT count(DISTINCT id_number) FROM recipients") == n
        for cat in ("left_behind_child", "left_behind_woman", "left_behind_elder", "three_withouts",
                    "severe_disability", "extreme_poverty_dispersed"):
            assert one(f"SELECT count(*) FROM recipients WHERE categories LIKE '%,{cat},%'") > 0, cat
        states = {s for (s,) in c.execute("SELECT DISTINCT status FROM agreements")}
        assert states == {"drafted", "printed", "signed", "void"}
        statuses = {s for (s,) in c.execute("SELECT DISTINCT status FROM recipients")}
        assert {"surveyed", "confirmed", "exited"} <= statuses
        kinds = {k for (k,) in c.execute("SELECT DISTINCT kind FROM care_records")}
        assert kinds == {"phone_followup", "home_visit", "material_aid"}
        assert one("SELECT count(*) FROM micro_wishes WHERE stage = 'fulfilled'") > 0
        assert one("SELECT count(*) FROM care_records WHERE reached = 0") > 0
        # Children recorded with both parents away and no carer: the demo must show the warning.
        assert one("SELECT count(*) FROM guardians") > 0
        assert one("SELECT count(*) FROM audit_log WHERE action = 'bulk'") >= 1


def test_demo_is_deterministic_for_a_seed(tmp_path: Path, guanai_home: Path) -> None:
    rows = []
    for name in ("a", "b"):
        db = tmp_path / f"{name}.sqlite3"
        assert main(["--db", str(db), "demo", "--scale", "village", "--seed", "3", "--today", "2026-11-28"]) == 0
        with sqlite3.connect(db) as c:
            rows.append(c.execute("SELECT id, name, id_number, status, categories FROM recipients ORDER BY id").fetchall()
                        + c.execute("SELECT id, occurred_on, kind FROM care_records ORDER BY id").fetchall())
    assert rows[0] == rows[1]


def test_demo_refuses_to_fill_an_office_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite3")
    assert main(["--db", db, "demo", "--scale", "village", "--today", "2026-11-28"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "demo", "--scale", "village"]) == 1
    assert "已有关爱对象" in capsys.readouterr().err


def test_a_village_database_refuses_a_township_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    assert main(["--db", db, "demo", "--scale", "township"]) == 1
    assert "village" in capsys.readouterr().err


def test_recipients_add_list_show_edit_and_lifecycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    capsys.readouterr()
    child = make_id(dt.date.today() - dt.timedelta(days=9 * 365), "male")
    assert main(["--db", db, "recipients", "add", "--name", "龙浩宇", "--id-number", child,
                 "--category", "left_behind_child", "--key-monitoring", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    rid = added["id"]
    assert added["status"] == "surveyed" and added["key_monitoring"] is True

    assert main(["--db", db, "recipients", "list", "--json", "--search", "lhy"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [rid]
    assert set(listed[0]) >= {"id", "name", "id_number_masked", "categories", "status", "key_monitoring", "village_code"}
    assert listed[0]["categories"] == ["left_behind_child"] and "*" in listed[0]["id_number_masked"]

    assert main(["--db", db, "recipients", "edit", rid, "--phone", "13812345678", "--key-monitoring", "no"]) == 0
    assert main(["--db", db, "lifecycle", "report", rid]) == 0
    assert main(["--db", db, "lifecycle", "confirm", rid, "--doc-no", "x"]) == 1
    err = capsys.readouterr().err
    assert "已上报" in err and "不能确定" in err
    assert main(["--db", db, "lifecycle", "review", rid, "--dept", "civil_affairs"]) == 2
    for dept in ("civil_affairs", "youth_league"):
        assert main(["--db", db, "lifecycle", "review", rid, "--dept", dept, "--decision", "approve",
                     "--doc-no", "黎民审〔2026〕2号"]) == 0
    capsys.readouterr()
    # The child's household situation is not recorded yet: confirming says what to record.
    assert main(["--db", db, "lifecycle", "confirm", rid, "--doc-no", "黎民发〔2026〕3号"]) == 1
    assert "父母外出情况" in capsys.readouterr().err
    assert main(["--db", db, "recipients", "edit", rid, "--parents-away", "both_away"]) == 0
    assert main(["--db", db, "lifecycle", "confirm", rid, "--doc-no", "黎民发〔2026〕3号"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recipients", "show", rid, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["phone"] == "13812345678" and shown["key_monitoring"] is False
    assert shown["status"] == "confirmed" and "id_number" not in shown
    assert shown["id_number_masked"] == child[:6] + "********" + child[-4:]
    assert main(["--db", db, "recipients", "show", rid, "--reveal-id", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id_number"] == child
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM audit_log WHERE action = 'reveal' AND record_id = ?",
                         (rid,)).fetchone() == (1,)
    assert [h["step"] for h in shown["history"]] == ["survey", "report", "review", "review", "confirm"]
    assert main(["--db", db, "--lang", "en", "recipients", "show", rid]) == 0
    assert "confirmed" in capsys.readouterr().out


def test_refused_input_exits_1_with_one_line_per_reason(tmp_path: Path, guanai_home: Path) -> None:
    db = tmp_path / "r.sqlite3"
    assert guanai(db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村", home=guanai_home).returncode == 0
    r = guanai(db, "recipients", "add", "--name", "张三", "--id-number", "110105194912310021",
               "--category", "left_behind_elder", "--phone", "12", home=guanai_home)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("身份证号") and lines[1].startswith("联系电话")
    r = guanai(db, "recipients", "list", "--json", home=guanai_home)
    assert json.loads(r.stdout) == []


def test_an_unknown_category_filter_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "f.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    assert main(["--db", db, "recipients", "list", "--category", "orphan"]) == 1
    assert "类别" in capsys.readouterr().err


def test_wrong_usage_exits_2(tmp_path: Path, guanai_home: Path) -> None:
    r = guanai(tmp_path / "u.sqlite3", "recipients", "add", "--name", "张三", home=guanai_home)
    assert r.returncode == 2


def test_demo_people_fit_their_categories_and_show_the_urgent_cases(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from app.care.recipients import rule_facts
    from app.care.validation import category_rule_errors
    from app.db import open_database
    from app.models import Guardian, HouseholdMember, Recipient

    db = tmp_path / "d.sqlite3"
    assert main(["--db", str(db), "demo", "--scale", "village", "--seed", "11", "--today", "2026-11-28"]) == 0
    engine = open_database(db)
    with Session(engine) as s:
        people = s.query(Recipient).all()
        for r in people:  # every category rule holds on the survey date
            assert category_rule_errors(rule_facts(r, r.surveyed_on)) == [], (r.name, r.categories)
        carers = {g.recipient_id for g in s.query(Guardian).all()}
        away = {}
        for m in s.query(HouseholdMember).filter(HouseholdMember.relation.in_(["father", "mother"])):
            away.setdefault(m.recipient_id, []).append(m.works_away)
        children = [r for r in people if "left_behind_child" in r.categories and r.status == "confirmed"]
        alone = [r for r in children if r.id not in carers and all(away.get(r.id, [False]))]
        assert children and len(alone) < len(children) // 5
    engine.dispose()


def test_township_demo_fills_25_villages_and_rebuilds_its_indexes(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.db import open_database
    from app.models import Base

    db = tmp_path / "t.sqlite3"
    assert main(["--db", str(db), "demo", "--scale", "township", "--today", "2026-11-28"]) == 0
    with sqlite3.connect(db) as c:
        villages = c.execute("SELECT count(DISTINCT village_code) FROM recipients").fetchone()[0]
        people = c.execute("SELECT count(*) FROM recipients").fetchone()[0]
        assert villages == 25 and 2500 <= people <= 3500
        assert c.execute("SELECT level FROM offices WHERE code = '522631100'").fetchone() == ("township",)
        assert c.execute("SELECT count(*) FROM offices WHERE level = 'village' AND parent_code = '522631100'").fetchone() == (25,)
        # Some villages are behind: records per recipient differ widely between villages.
        rates = sorted(v for (v,) in c.execute(
            "SELECT count(cr.id) * 1.0 / count(DISTINCT r.id) FROM recipients r "
            "JOIN care_records cr ON cr.recipient_id = r.id GROUP BY r.village_code"))
        assert len(rates) == 25 and rates[-1] > 1.3 * rates[0]
        # The indexes dropped for the bulk load are back, and used.
        plan = "EXPLAIN QUERY PLAN SELECT * FROM care_records WHERE recipient_id = 'x' AND kind = 'home_visit'"
        assert "ix_care_records_done" in " ".join(str(r) for r in c.execute(plan))
    engine = open_database(db)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()


def test_log_and_status_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    capsys.readouterr()
    elder = make_id(dt.date(1950, 6, 1), "female", seq=40)
    assert main(["--db", db, "recipients", "add", "--name", "石秀英", "--id-number", elder,
                 "--category", "left_behind_elder", "--children-work-away", "yes", "--json"]) == 0
    rid = json.loads(capsys.readouterr().out)["id"]
    today = dt.date.today()
    for args in (["lifecycle", "report", rid],
                 ["lifecycle", "review", rid, "--dept", "civil_affairs", "--decision", "approve", "--doc-no", "审1"],
                 ["lifecycle", "confirm", rid, "--doc-no", "定1"]):
        assert main(["--db", db, *args]) == 0
    assert main(["--db", db, "log", "call", rid, "--reached", "no"]) == 0
    assert main(["--db", db, "log", "call", rid, "--reached", "yes", "--note", "身体好"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "log", "aid", rid, "--items", "大米50斤", "--value", "120.50", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["value_fen"] == 12050
    assert main(["--db", db, "log", "wish", rid, "--stage", "collected", "--note", "想要一副老花镜"]) == 0
    assert main(["--db", db, "log", "call", rid]) == 1  # reached or not must be said
    assert "接通" in capsys.readouterr().err
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT value_fen, items FROM care_records WHERE kind = 'material_aid'").fetchone() == (12050, "大米50斤")
        assert c.execute("SELECT count(*) FROM care_records WHERE kind = 'phone_followup'").fetchone() == (2,)
        assert c.execute("SELECT stage FROM micro_wishes").fetchone() == ("collected",)
    capsys.readouterr()
    # Confirmed today: this month is owed only from its midpoint on, so ask for next month's
    # figures too; the JSON keys are the contract of CLI.md.
    period = f"{today.year}-{today.month:02d}"
    assert main(["--db", db, "status", "--period", period, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["period"] == period
    [v] = report["villages"]
    assert set(v) >= {"code", "name", "recipients", "four_ones", "agreements", "responsibilities"}
    assert v["code"] == VILLAGE and v["recipients"] == 1
    assert set(v["four_ones"]) == {"call", "visit", "wish", "aid"}
    assert all(set(x) >= {"owed", "done"} for x in v["four_ones"].values())
    assert v["agreements"] == {"needed": 1, "signed": 0}
    assert main(["--db", db, "status", "--period", "2026-Q9"]) == 1


def test_demo_fills_the_villages_of_a_township_database(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.sqlite3")
    assert main(["--db", db, "init", "--role", "township", "--code", "520102001", "--name", "示范镇",
                 "--parent", "520102"]) == 0
    assert main(["--db", db, "demo", "--scale", "village", "--today", "2026-11-28"]) == 0
    with sqlite3.connect(db) as c:
        villages = [v for (v,) in c.execute("SELECT DISTINCT village_code FROM recipients")]
        assert len(villages) == 1 and villages[0].startswith("520102001")
        assert c.execute("SELECT parent_code, level FROM offices WHERE code = ?", (villages[0],)).fetchone() == (
            "520102001", "village")


def test_tasks_and_warnings_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite3")
    assert main(["--db", db, "demo", "--scale", "village", "--seed", "5", "--today", "2026-11-28"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "tasks", "--date", "2026-11-25", "--json"]) == 0
    tasks = json.loads(capsys.readouterr().out)
    assert tasks and all(set(t) >= {"recipient_id", "kind", "due", "overdue"} for t in tasks)
    flags = [t["overdue"] for t in tasks]
    assert flags == sorted(flags, reverse=True)  # overdue first
    assert main(["--db", db, "warnings", "--date", "2026-11-25", "--json"]) == 0
    alerts = json.loads(capsys.readouterr().out)
    order = ["child_alone", "no_responsibility", "no_teacher", "turns_16", "unsigned_agreement", "no_contact",
             "review_waiting", "over_16", "no_poverty_assessment", "no_conditions"]
    assert [order.index(w["kind"]) for w in alerts] == sorted(order.index(w["kind"]) for w in alerts)
    assert any(w["kind"] == "child_alone" for w in alerts)
    assert main(["--db", db, "tasks", "--date", "2026-11-25"]) == 0
    assert capsys.readouterr().out.startswith("⚠")

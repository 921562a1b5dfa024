"""The access log's events (issue 15, point 3) and masking that holds (point 4), through the
command line on a real database: each event writes its row; `guanai access-log` filters by
person, user and day; the roster export carries masked IDs unless full ones are chosen
(logged); no list shows a masked ID number beside the birth date it hides."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care.context import actor_for
from app.care.validation import age_on
from app.cli import main
from app.db import open_database
from app.models import AccessEntry, Recipient
from app.protection.access_log import log_sign_in, log_sign_in_failed, may_be_removed
from tests.helpers import make_id

VILLAGE = "522631100201"
TODAY = dt.date.today()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def entries(db: str) -> list[AccessEntry]:
    engine = open_database(db)
    with Session(engine) as s:
        found = list(s.scalars(select(AccessEntry).order_by(AccessEntry.hlc)))
        s.expunge_all()
    engine.dispose()
    return found


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "v.sqlite3")
    assert main(["--db", path, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                 "--parent", "522631100"]) == 0
    capsys.readouterr()
    return path


def add(capsys: pytest.CaptureFixture[str], db: str, name: str, birth: dt.date, category: str,
        *extra: str) -> str:
    code, out, err = run(capsys, "--db", db, "recipients", "add", "--name", name, "--id-number",
                         make_id(birth), "--category", category, "--json", *extra)
    assert code == 0, err
    return json.loads(out)["id"]


def test_each_event_writes_its_row(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    child = add(capsys, db, "王小明", TODAY.replace(year=TODAY.year - 9), "left_behind_child",
                "--parents-away", "both_away")
    elder = add(capsys, db, "李奶奶", dt.date(1948, 5, 6), "left_behind_elder", "--children-work-away", "yes")
    disabled = add(capsys, db, "张伟", dt.date(1980, 2, 3), "severe_disability",
                   "--disability-type", "physical", "--disability-grade", "1")
    assert entries(db) == []
    # Opening a minor's and a disabled person's record is logged; an elder's is not.
    for rid in (child, elder, disabled):
        assert run(capsys, "--db", db, "recipients", "show", rid)[0] == 0
    assert [(e.event, e.person_id) for e in entries(db)] == [("open_record", child), ("open_record", disabled)]
    # Revealing a full ID number.
    code, out, _ = run(capsys, "--db", db, "recipients", "show", elder, "--reveal-id", "--json")
    assert code == 0 and json.loads(out)["id_number"] == make_id(dt.date(1948, 5, 6))
    last = entries(db)[-1]
    assert (last.event, last.person_id, last.user, last.origin_office) == ("reveal_id", elder, last.user, VILLAGE)
    assert last.user and last.laptop_id and last.at.startswith(TODAY.isoformat()[:4])
    # Printing full ID numbers: which file, how many people.
    pdf = tmp_path / "档案.pdf"
    assert run(capsys, "--db", db, "print", "profile", elder, "--out", str(pdf))[0] == 0
    last = entries(db)[-1]
    assert (last.event, last.person_id, last.count) == ("print_full_ids", elder, 1)
    assert "profile" in last.detail and "档案.pdf" in last.detail
    # Exporting: a masked roster leaves no entry; full IDs chosen leave one with the count.
    before = len(entries(db))
    assert run(capsys, "--db", db, "roster", "export", str(tmp_path / "masked.xlsx"))[0] == 0
    assert len(entries(db)) == before
    assert run(capsys, "--db", db, "roster", "export", str(tmp_path / "full.xlsx"), "--full-ids")[0] == 0
    last = entries(db)[-1]
    assert (last.event, last.count, last.person_id) == ("export_full_ids", 3, None)
    assert "full.xlsx" in last.detail
    # Importing a roster (the full export imports back into another office's database).
    other = str(tmp_path / "o.sqlite3")
    assert main(["--db", other, "init", "--role", "village", "--code", "522631100202", "--name", "新寨村",
                 "--parent", "522631100"]) == 0
    capsys.readouterr()
    run(capsys, "--db", other, "roster", "import", str(tmp_path / "full.xlsx"))
    [imported] = [e for e in entries(other) if e.event == "import_roster"]
    assert "full.xlsx" in imported.detail and imported.count is not None
    # Sign-in and failed sign-in, as the sign-in calls them.
    engine = open_database(db)
    failed_at = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
    with Session(engine) as s, s.begin():
        actor = actor_for(s, "王主任")
        log_sign_in_failed(s, actor, "王主任", failed_at, reason="密码错误")
        log_sign_in(s, actor)
    engine.dispose()
    tail = entries(db)[-2:]
    assert [(e.event, e.user) for e in tail] == [("sign_in_failed", "王主任"), ("sign_in", "王主任")]
    assert tail[0].at == "2026-12-01T08:30:00Z"


def test_access_log_command_filters_by_person_user_and_day(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    child = add(capsys, db, "王小明", TODAY.replace(year=TODAY.year - 9), "left_behind_child",
                "--parents-away", "both_away")
    other = add(capsys, db, "王小红", TODAY.replace(year=TODAY.year - 7), "left_behind_child",
                "--parents-away", "both_away")
    run(capsys, "--db", db, "recipients", "show", child, "--reveal-id")
    run(capsys, "--db", db, "recipients", "show", other)
    engine = open_database(db)
    with Session(engine) as s, s.begin():
        log_sign_in(s, actor_for(s, "李会计"))
        log_sign_in_failed(s, actor_for(s), "张三", dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    engine.dispose()

    def listed(*args: str) -> list[dict]:
        code, out, err = run(capsys, "--db", db, "access-log", "--json", *args)
        assert code == 0, err
        return json.loads(out)

    everything = listed()
    assert len(everything) == 5
    assert {r["event"] for r in everything} == {"open_record", "reveal_id", "sign_in", "sign_in_failed"}
    assert [r["at"] for r in everything] == sorted((r["at"] for r in everything), reverse=True)
    mine = listed("--person", child)
    assert sorted(r["event"] for r in mine) == ["open_record", "reveal_id"]
    assert {r["person_name"] for r in mine} == {"王小明"} and {r["village_code"] for r in mine} == {VILLAGE}
    assert [r["event"] for r in listed("--user", "李会计")] == ["sign_in"]
    assert [r["user"] for r in listed("--user", "张三")] == ["张三"]
    assert "sign_in_failed" not in {r["event"] for r in listed("--since", "2026-01-01")}
    assert len(listed("--since", "2025-01-02")) == 5
    assert listed("--person", "no-such-person") == []
    code, out, _ = run(capsys, "--db", db, "access-log", "--person", child)
    assert code == 0 and "显示完整身份证号" in out and "王小明" in out
    with pytest.raises(SystemExit) as bad:
        main(["--db", db, "access-log", "--since", "yesterday"])
    assert bad.value.code == 2


def test_the_log_is_kept_three_years() -> None:
    assert not may_be_removed("2024-02-29T10:00:00Z", dt.date(2027, 2, 28))
    assert may_be_removed("2024-02-29T10:00:00Z", dt.date(2027, 3, 1))
    assert not may_be_removed("2026-12-07T10:00:00Z", dt.date(2029, 12, 7))


def test_a_masked_roster_export_has_no_full_id_and_no_birth_date(db: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    birth = TODAY.replace(year=TODAY.year - 9)
    add(capsys, db, "王小明", birth, "left_behind_child", "--parents-away", "both_away")
    number = make_id(birth)
    out = tmp_path / "unit.xlsx"
    assert run(capsys, "--db", db, "roster", "export", str(out))[0] == 0
    book = load_workbook(out)
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert number not in " ".join(cells)
    assert number[:6] + "********" + number[-4:] in cells
    assert f"{birth:%Y%m%d}" not in " ".join(cells) and birth.isoformat() not in " ".join(cells)
    headers = [c for row in book["花名册"].iter_rows(values_only=True) for c in row]
    assert "出生日期" not in headers and "年龄" in headers and 9 in headers
    full = tmp_path / "full.xlsx"
    assert run(capsys, "--db", db, "roster", "export", str(full), "--full-ids")[0] == 0
    cells = [str(c) for ws in load_workbook(full).worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert number in cells


def _rebuilds(masked: str, age: int) -> int:
    """How many valid ID numbers fit a masked number and an age (birth dates of that age)."""
    found = 0
    day = TODAY.replace(year=TODAY.year - age - 1) + dt.timedelta(days=1)
    while age_on(day, TODAY) >= age:
        if age_on(day, TODAY) == age:
            body = masked[:6] + f"{day:%Y%m%d}" + masked[14:17]
            if ric.calc_check_digit(body + "0") == masked[17]:
                found += 1
        day += dt.timedelta(days=1)
    return found


def test_no_row_of_the_demo_list_lets_the_masked_digits_be_rebuilt(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "demo", "--scale", "village", "--seed", "7"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "--db", db, "recipients", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) > 100
    engine = open_database(db)
    with Session(engine) as s:
        births = {rid: born for rid, born in s.execute(select(Recipient.id, Recipient.birth_date))}
    engine.dispose()
    for row in rows:
        assert "birth_date" not in row and "id_number" not in row
        hidden = f"{births[row['id']]:%Y%m%d}"
        text = json.dumps(row, ensure_ascii=False)
        assert hidden not in text and births[row["id"]].isoformat() not in text
        assert row["id_number_masked"][6:14] == "********"
        assert _rebuilds(row["id_number_masked"], row["age"]) > 1, row
    # `recipients show` without --reveal-id: the age, not the birth date, beside the mask.
    code, out, _ = run(capsys, "--db", db, "recipients", "show", rows[0]["id"], "--json")
    shown = json.loads(out)
    assert "birth_date" not in shown and "id_number" not in shown and shown["age"] == rows[0]["age"]


def test_conflicts_show_an_id_number_masked_unless_revealed(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from app.sync.conflicts import keep_conflict

    birth = TODAY.replace(year=TODAY.year - 9)
    child = add(capsys, db, "王小明", birth, "left_behind_child", "--parents-away", "both_away")
    theirs = make_id(birth.replace(year=birth.year - 1))
    engine = open_database(db)
    with Session(engine) as s, s.begin():
        keep_conflict(s.connection(), "recipients", child, "id_number", "sensitive", make_id(birth), theirs,
                      {VILLAGE: "1"}, {"522631100": "2"}, VILLAGE, "522631100", "local", None)
    engine.dispose()
    code, out, _ = run(capsys, "--db", db, "conflicts", "--json")
    [c] = json.loads(out)
    assert code == 0 and c["local_value"] == make_id(birth)[:6] + "********" + make_id(birth)[-4:]
    assert theirs not in out and make_id(birth) not in out and entries(db) == []
    code, out, _ = run(capsys, "--db", db, "conflicts", "--reveal-id", "--json")
    [c] = json.loads(out)
    assert (c["local_value"], c["remote_value"]) == (make_id(birth), theirs)
    assert [(e.event, e.person_id) for e in entries(db)] == [("reveal_id", child)]

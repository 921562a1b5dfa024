"""`guanai supervision …`, `guanai assessment …` and `guanai print supervision` at a township
(issue 13, points 2 and 3): the JSON contract, the lock refusing a write with exit 1, the
printed record and the sheets."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from sqlalchemy.orm import Session

from app.care.offices import init_office
from app.cli import main
from app.db import open_database

TODAY = dt.date.today()
TOWNSHIP, VILLAGE = "522631100", "522631100201"
H = f"{TODAY.year - 1}-H1"
IN_H = dt.date(TODAY.year - 1, 4, 2).isoformat()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.sqlite3"
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code=TOWNSHIP, name="茅贡镇", parent="522631", operator="李督导")
        from app.care import writes
        from app.care.context import actor_for
        from app.models import Office

        writes.create(s, actor_for(s), Office, code=VILLAGE, name="地扪村", level="village", parent_code=TOWNSHIP)
    engine.dispose()
    return str(path)


def run(db: str, *args: str, capsys) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_supervision_record_list_close_and_print(db, tmp_path, capsys):
    deadline = (TODAY + dt.timedelta(days=10)).isoformat()
    past = (TODAY - dt.timedelta(days=1)).isoformat()
    code, out, err = run(db, "supervision", "record", "--village", VILLAGE, "--date", (TODAY - dt.timedelta(days=5)).isoformat(),
                         "--by", "李督导、王芳", "--finding", "走访记录缺照片", "--finding", "台账不规范",
                         "--item", "补齐照片", "--deadline", deadline, "--person", "张主任",
                         "--item", "规范台账", "--deadline", past, "--json", capsys=capsys)
    assert code == 0, err
    visit = json.loads(out)
    assert visit["id"] and [(i["text"], i["deadline"], i["status"]) for i in visit["items"]] == [
        ("规范台账", past, "overdue"), ("补齐照片", deadline, "open")]
    assert set(visit["items"][0]) >= {"id", "text", "deadline", "status"}
    code, out, _ = run(db, "supervision", "list", "--village", VILLAGE, "--json", capsys=capsys)
    assert code == 0 and json.loads(out)[0]["findings"] == ["走访记录缺照片", "台账不规范"]
    item = visit["items"][1]["id"]
    code, out, _ = run(db, "supervision", "close-item", item, "--date", TODAY.isoformat(), "--note", "已补拍", "--json",
                       capsys=capsys)
    assert code == 0 and json.loads(out)["status"] == "done"
    code, _, err = run(db, "supervision", "close-item", item, "--date", TODAY.isoformat(), "--note", "x", capsys=capsys)
    assert code == 1 and "已于" in err
    code, _, err = run(db, "supervision", "record", "--village", VILLAGE, "--date", TODAY.isoformat(), "--by", "李",
                       "--item", "没有期限", capsys=capsys)
    assert code == 1 and "--deadline" in err
    pdf = tmp_path / "record.pdf"
    code, _, err = run(db, "print", "supervision", visit["id"], "--out", str(pdf), capsys=capsys)
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "督导记录表" in text and "补齐照片" in text and "已整改" in text


def test_assessment_score_submit_lock_and_list(db, tmp_path, capsys):
    from app.care.context import actor_for
    from app.care.recipients import add_recipient
    from tests.helpers import make_id

    engine = open_database(db)
    with Session(engine) as s, s.begin():
        rid = add_recipient(s, actor_for(s), name="赵大爷", id_number=make_id(dt.date(1950, 1, 1)),
                            categories=["left_behind_elder"], village_code=VILLAGE, surveyed_on=dt.date(TODAY.year - 2, 1, 1)).id
    engine.dispose()
    assert run(db, "log", "call", rid, "--date", IN_H, "--reached", "yes", capsys=capsys)[0] == 0
    code, out, err = run(db, "assessment", "score", "--village", VILLAGE, "--period", H,
                         "--item", "records=4:台账基本齐全", "--json", capsys=capsys)
    assert code == 0, err
    sheet = json.loads(out)
    assert sheet["status"] == "draft" and sheet["grade"] in ("excellent", "good", "passed", "failed")
    assert sum(i["score"] for i in sheet["items"]) == sheet["total"]
    code, _, err = run(db, "assessment", "score", "--village", VILLAGE, "--period", H, "--item", "records=9", capsys=capsys)
    assert code == 1 and "最高" in err
    code, _, err = run(db, "assessment", "score", "--village", VILLAGE, "--period", "2025-Q1", capsys=capsys)
    assert code == 1 and "半年" in err
    assert run(db, "assessment", "submit", "--village", VILLAGE, "--period", H, capsys=capsys)[0] == 0
    code, _, err = run(db, "log", "call", rid, "--date", IN_H, "--reached", "yes", capsys=capsys)
    assert code == 1 and H in err and "锁定" in err
    code, _, err = run(db, "assessment", "unlock", "--village", VILLAGE, "--period", H, "--reason", "x", capsys=capsys)
    assert code == 1 and "只有县" in err
    code, out, _ = run(db, "assessment", "list", "--period", H, "--json", capsys=capsys)
    (row,) = json.loads(out)["villages"]
    assert (row["code"], row["status"], row["total"]) == (VILLAGE, "submitted", sheet["total"])
    assert {"items", "total", "grade", "status"} <= set(row)
    pdf, xlsx = tmp_path / "sheet.pdf", tmp_path / "all.xlsx"
    assert run(db, "assessment", "export", "--period", H, "--village", VILLAGE, "--out", str(pdf), capsys=capsys)[0] == 0
    assert "半年考核评分表" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert run(db, "assessment", "export", "--period", H, "--out", str(xlsx), capsys=capsys)[0] == 0
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert any(c.value == "地扪村" for row in ws.iter_rows() for c in row)

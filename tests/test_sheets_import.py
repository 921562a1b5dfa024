"""Importing rosters as offices really keep them: a workbook built here with every
irregularity of issue 6 (title rows, a two-row merged header, header synonyms, full-width
digits, stray spaces, a lowercase x, every date style, several categories in a cell, an ID
number stored as a number, duplicates, rule breaks) imports exactly the rows it should,
reports each refused row with its reason, and a dry run or an all-or-nothing import with a
refusal leaves every table as it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.cli import main
from app.models import Guardian, Recipient, StatusEvent
from app.reports.roster_import import run_import
from app.reports.roster_import_read import read_roster
from app.reports.sheets_template import write_template
from tests.helpers import make_id

D = dt.date
FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _x_id(birth: dt.date, sex: str) -> str:
    """An ID number whose check digit is X."""
    for seq in range(1, 400):
        n = make_id(birth, sex, seq=seq)
        if n.endswith("X"):
            return n
    raise AssertionError("no X check digit found")


CHILD = make_id(D(2016, 4, 5), "female", seq=14)
ELDER_X = _x_id(D(1950, 3, 7), "male")
WOMAN = make_id(D(1985, 7, 12), "female", seq=3)
NUMBER_ID = make_id(D(1950, 3, 7), "male", seq=41)
BAD_CHECK = WOMAN[:-1] + ("1" if WOMAN[-1] != "1" else "2")
ADULT_AS_CHILD = make_id(D(1990, 1, 1), "male", seq=5)
CHILD2 = make_id(D(2015, 3, 7), "male", seq=6)
UNKNOWN_CAT = make_id(D(1948, 2, 2), "male", seq=7)
NO_NAME = make_id(D(1947, 2, 2), "male", seq=8)
WRONG_BIRTH = make_id(D(2014, 6, 1), "female", seq=9)
IN_DB = make_id(D(1946, 1, 1), "female", seq=10)
BAD_PHONE = make_id(D(1945, 1, 1), "male", seq=11)

# (row in the sheet, what should happen, a word the reason must contain)
EXPECTED = {
    5: ("imported", ""), 6: ("imported", ""), 7: ("imported", ""), 8: ("refused", "存成了数字"),
    9: ("duplicate", "第5行"), 10: ("refused", "校验位"), 11: ("refused", "留守儿童须未满16周岁"),
    12: ("imported", ""), 13: ("refused", "贫困户"), 15: ("refused", "姓名"),
    16: ("refused", "出生日期"), 17: ("duplicate", "已在登记册中"), 18: ("refused", "电话"),
}


def messy_roster(path: Path, *, fixed: bool = False) -> Path:
    """The spreadsheet a village office really has. `fixed` is the same file after the
    director corrected the refused rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "岩寨村2026年困难群体关爱对象花名册"
    ws.merge_cells("A1:M1")
    ws["A2"] = "填报单位（盖章）：岩寨村村民委员会        填报日期：2026年3月"
    ws.merge_cells("A2:M2")
    top = ["序号", "姓 名", "性别", "公民身份号码", "出生日期", "手机号码", "住址", "人员类别",
           "重点监护", "自理能力", "监护人", None, "备注"]
    for c, v in enumerate(top, start=1):
        ws.cell(3, c, v)
    ws.cell(4, 11, "姓名")
    ws.cell(4, 12, "电话")
    for c in range(1, 11):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("M3:M4")
    ws.merge_cells("K3:L3")
    fw_child = CHILD.translate(FW)
    rows: list[list[Any]] = [
        [1, " 张 小花 ", "女", fw_child, dt.datetime(2016, 4, 5), "139 8556 1234", "岩寨村三组", "留守儿童",
         "是", "完全自理", "张大山", "13985567890", "父母在浙江宁波"],
        [2, "吴老汉", "男", ELDER_X.lower(), "1950/3/7", "13985561235", "岩寨村一组",
         "留守老人、分散供养特困人员", "否", "部分自理", "吴大", "13985561236", None],
        [3, "杨秀英", "女", WOMAN, "1985.7.12", "１３９８５５６１２３７", "岩寨村二组",
         "留守妇女；重度残疾人", "否", "完全自理", None, None, "丈夫在广东务工"],
        [4, "龙老四", "男", int(NUMBER_ID) if not fixed else NUMBER_ID, "1950-03-07", None, None,
         "留守老人", "否", None, None, None, None],
        [5, "张小花", "女", CHILD, "2016-04-05", None, None, "留守儿童", "是", None, None, None, None],
        [6, "陈红", "女", BAD_CHECK if not fixed else make_id(D(1985, 8, 1), "female", seq=21),
         None, None, None, "留守妇女", None, None, None, None, None],
        [7, "石大", "男", ADULT_AS_CHILD, None, None, None,
         "留守儿童" if not fixed else "分散供养特困人员", None, None, None, None, None],
        [8, "龙小明", "男", CHILD2, "2015年3月7日", None, None, "留守儿童", "否", None, "龙奶奶",
         None, None],
        [9, "潘老汉", "男", UNKNOWN_CAT, None, None, None, "贫困户" if not fixed else "留守老人",
         None, None, None, None, None],
        [None] * 13,
        [11, None if not fixed else "欧阳老汉", "男", NO_NAME, None, None, None, "留守老人",
         None, None, None, None, None],
        [12, "杨小妹", "女", WRONG_BIRTH, "2015-03-08" if not fixed else "2014-06-01", None, None,
         "留守儿童", None, None, None, None, None],
        [13, "老登记", "女", IN_DB, None, None, None, "留守老人", None, None, None, None, None],
        [14, "吴二", "男", BAD_PHONE, None, "12345" if not fixed else "13985561299", None,
         "分散供养特困人员", None, None, None, None, None],
    ]
    for r, values in enumerate(rows, start=5):
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(r, c, v)
    ws.cell(20, 1, "填表人：王主任            审核人：")
    ws.merge_cells("A20:M20")
    # the disability sits in its own columns in some offices' sheets: here in 备注's neighbour
    ws.cell(3, 14, "残疾类别")
    ws.merge_cells("N3:N4")
    ws.cell(7, 14, "肢体二级")
    wb.save(path)
    return path


def _count(engine: Engine) -> dict[str, int]:
    with engine.connect() as c:
        return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("recipients", "status_events", "guardians", "audit_log")}


@pytest.fixture
def registered(village: Engine) -> Engine:
    with Session(village) as s, s.begin():
        add_recipient(s, actor_for(s), name="老登记", id_number=IN_DB, categories=["left_behind_elder"],
                      surveyed_on=D(2026, 1, 5))
    return village


def test_header_found_under_titles_and_merged_two_row_header(tmp_path: Path) -> None:
    sheet = read_roster(messy_roster(tmp_path / "r.xlsx"))
    assert sheet.header_rows == (3, 4)
    assert set(sheet.headers) >= {"seq", "name", "sex", "id_number", "birth_date", "phone", "address",
                                  "categories", "key_monitoring", "self_care", "guardian_name",
                                  "guardian_phone", "notes", "disability_type"}
    assert sheet.headers["guardian_phone"] == "监护人电话"
    assert [n for n, _v in sheet.rows][:2] == [5, 6]


def test_messy_roster_imports_exactly_the_rows_it_should(registered: Engine, tmp_path: Path) -> None:
    before = _count(registered)
    report = run_import(registered, messy_roster(tmp_path / "r.xlsx"))
    got = {o.row: o for o in report.outcomes}
    assert set(got) == set(EXPECTED), sorted(got)
    for row, (status, word) in EXPECTED.items():
        assert got[row].status == status, (row, got[row])
        assert word in got[row].reason_zh, (row, got[row].reason_zh)
    after = _count(registered)
    assert after["recipients"] == before["recipients"] + 4
    with Session(registered) as s:
        people = {r.id_number: r for r in s.scalars(select(Recipient))}
        child = people[CHILD]
        assert (child.name, child.phone, child.key_monitoring, child.categories) == (
            "张小花", "13985561234", True, ("left_behind_child",))
        elder = people[ELDER_X]
        assert elder.categories == ("extreme_poverty_dispersed", "left_behind_elder")
        assert elder.self_care == "partial" and elder.birth_date == D(1950, 3, 7)
        woman = people[WOMAN]
        assert (woman.disability_type, woman.disability_grade, woman.phone) == ("physical", 2, "13985561237")
        assert woman.categories == ("left_behind_woman", "severe_disability")
        assert NUMBER_ID not in people and NUMBER_ID[:15] + "000" not in people
        guardians = {g.name: g for g in s.scalars(select(Guardian))}
        assert guardians["张大山"].kind == "entrusted" and guardians["张大山"].phone == "13985567890"
        assert guardians["吴大"].kind == "supporter"
        assert all(r.status == "surveyed" for r in people.values())
        # audited: each new recipient has its create entry
        audited = s.execute(text("SELECT count(*) FROM audit_log WHERE table_name = 'recipients' "
                                 "AND action = 'create'")).scalar_one()
        assert audited == after["recipients"]
    # importing the corrected file adds only what is new
    second = run_import(registered, messy_roster(tmp_path / "fixed.xlsx", fixed=True))
    again = {o.row: o.status for o in second.outcomes}
    assert [r for r, st in again.items() if st == "imported"] == [8, 10, 11, 13, 15, 16, 18]
    assert again[5] == again[6] == again[7] == again[12] == again[17] == "duplicate"
    assert again[9] == "duplicate" and not second.rejected
    assert _count(registered)["recipients"] == after["recipients"] + 7
    third = run_import(registered, messy_roster(tmp_path / "fixed.xlsx", fixed=True))
    assert not third.imported and len(third.duplicates) == 13


def test_dry_run_and_all_or_nothing_change_nothing(registered: Engine, tmp_path: Path) -> None:
    path = messy_roster(tmp_path / "r.xlsx")
    before = _count(registered)
    dry = run_import(registered, path, dry_run=True)
    assert _count(registered) == before
    assert [o.row for o in dry.passed] == [5, 6, 7, 12] and not dry.imported and not dry.committed
    strict = run_import(registered, path, all_or_nothing=True)
    assert _count(registered) == before
    assert len(strict.passed) == 4 and len(strict.rejected) == 7 and not strict.committed


def test_confirmed_roster_keeps_the_decision_as_source(village: Engine, tmp_path: Path) -> None:
    path = messy_roster(tmp_path / "fixed.xlsx", fixed=True)
    report = run_import(village, path, confirmed_by="黎民发〔2026〕12号")
    assert len(report.imported) == 12, [(o.row, o.reason_zh) for o in report.rejected]
    with Session(village) as s:
        assert set(s.scalars(select(Recipient.status))) == {"confirmed"}
        confirms = s.scalars(select(StatusEvent).where(StatusEvent.step == "confirm")).all()
        assert len(confirms) == 12
        assert {(e.doc_no, e.source) for e in confirms} == {("黎民发〔2026〕12号", "roster_import")}
        reviews = s.scalar(select(func.count()).select_from(StatusEvent).where(
            StatusEvent.step == "review", StatusEvent.source == "roster_import"))
        assert reviews >= 12


def test_cli_json_and_exit_codes(registered: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(registered.url.database)
    path = messy_roster(tmp_path / "r.xlsx")
    before = _count(registered)
    assert main(["--db", db, "roster", "import", str(path), "--dry-run", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 0 and out["passed"] == 4 and out["dry_run"] is True
    assert {r["row"] for r in out["rejected"]} == {8, 10, 11, 13, 15, 16, 18}
    assert {d["row"] for d in out["duplicates"]} == {9, 17}
    assert _count(registered) == before
    assert main(["--db", db, "roster", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "第8行" in err and "存成了数字" in err and "第13行" in err
    assert _count(registered)["recipients"] == before["recipients"] + 4
    fixed = messy_roster(tmp_path / "fixed.xlsx", fixed=True)
    assert main(["--db", db, "roster", "import", str(fixed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 7


def test_template_has_headers_dropdowns_and_an_example_that_imports(village: Engine, tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[3]]
    assert headers[:4] == ["序号", "姓名", "性别", "身份证号"] and "类别" in headers and "是否重点监护" in headers
    assert ws.freeze_panes == "C4"
    assert ws.cell(4, headers.index("身份证号") + 1).data_type == "s"
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    cat_col = chr(ord("A") + headers.index("类别"))
    key_col = chr(ord("A") + headers.index("是否重点监护"))
    assert "留守儿童" in lists[cat_col] and lists[key_col] == '"是,否"'
    assert ws.cell(4, 1).value == "示例"
    assert run_import(village, path, dry_run=True).outcomes == ()  # the example is not imported
    ws.cell(4, 1).value = 1
    wb.save(path)
    report = run_import(village, path, dry_run=True)
    assert [o.status for o in report.outcomes] == ["ready"], report.outcomes


def test_a_refused_line_leaves_its_corrected_copy_below_its_chance(village: Engine, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "类别", "电话"])
    ws.append(["吴老汉", ELDER_X, "留守老人", "12345"])
    ws.append(["吴老汉", ELDER_X, "留守老人", "13985561235"])
    ws.append(["吴老汉", ELDER_X, "留守老人", "13985561235"])
    wb.save(tmp_path / "d.xlsx")
    report = run_import(village, tmp_path / "d.xlsx")
    assert [(o.row, o.status) for o in report.outcomes] == [(2, "refused"), (3, "imported"), (4, "duplicate")]
    assert "第3行" in report.outcomes[2].reason_zh

"""Nothing in a roster file is dropped without a word (issue 14, point 10): two columns of one
meaning (a visible 手机号码 and a hidden 联系电话) are both read, the mobile number wins and the
other is kept in the notes; a column not recognised is kept in the notes; every sheet of the
workbook is read (a second and a hidden sheet of people imported, a sheet of remarks listed as
skipped with its reason); .xls and .csv (UTF-8 with or without BOM, GBK) are read; and the
JSON lists every sheet and every column with what was done with it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.cli import main
from app.models import Recipient
from app.reports.roster_import import run_import
from app.reports.roster_import_read import decode_csv
from tests.helpers import make_id

D = dt.date
ELDER_A = make_id(D(1950, 3, 7), "male", seq=31)
ELDER_B = make_id(D(1948, 5, 2), "female", seq=32)
SECOND_1 = make_id(D(1952, 1, 9), "male", seq=33)
SECOND_2 = make_id(D(1951, 7, 19), "female", seq=34)
HIDDEN_1 = make_id(D(1949, 11, 1), "male", seq=35)


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "一组"
    ws.append(["岩寨村关爱对象花名册（一组）"])
    ws.append(["序号", "姓名", "身份证号", "类别", "手机号码", "联系电话", "低保证号", "备注"])
    ws.append([1, "吴老汉", ELDER_A, "留守老人", "13985561234", "0855-8223456", "DB-0012", "独居"])
    ws.append([2, "杨秀兰", ELDER_B, "留守老人", None, "13985567777", None, None])
    ws.column_dimensions["F"].hidden = True  # 联系电话 hidden, as offices do with an old column
    second = wb.create_sheet("二组")
    second.append(["姓名", "身份证号", "类别", "联系电话"])
    second.append(["石老三", SECOND_1, "留守老人", "13985560003"])
    second.append(["龙二妹", SECOND_2, "留守老人", None])
    hidden = wb.create_sheet("三组")
    hidden.append(["姓名", "身份证号", "类别"])
    hidden.append(["潘老四", HIDDEN_1, "留守老人"])
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("填表说明")
    notes.append(["请按村民小组分表填写。"])
    notes.append(["身份证号按文本录入。"])
    wb.save(path)
    return path


def _by_number(engine: Engine) -> dict[str, Recipient]:
    with Session(engine) as s:
        return {r.id_number: r for r in s.scalars(select(Recipient))}


def test_every_sheet_and_column_is_read_or_reported(village: Engine, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _workbook(tmp_path / "r.xlsx")
    assert main(["--db", str(village.url.database), "roster", "import", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 5 and out["rejected"] == []

    people = _by_number(village)
    assert set(people) == {ELDER_A, ELDER_B, SECOND_1, SECOND_2, HIDDEN_1}
    a, b = people[ELDER_A], people[ELDER_B]
    assert a.phone == "13985561234"  # the mobile wins
    assert a.notes == "独居；联系电话：0855-8223456；低保证号：DB-0012"  # the other phone and the unknown column kept
    assert b.phone == "13985567777"  # the mobile column empty: the other one fills it
    assert b.notes is None
    assert people[SECOND_1].phone == "13985560003"

    sheets = {s["sheet"]: s for s in out["sheets"]}
    assert [s["sheet"] for s in out["sheets"]] == ["一组", "二组", "三组", "填表说明"]
    assert (sheets["二组"]["kind"], sheets["二组"]["rows"]) == ("roster", 2)
    assert (sheets["三组"]["kind"], sheets["三组"]["hidden"]) == ("roster", True)
    assert sheets["填表说明"]["kind"] == "skipped" and "找不到表头" in sheets["填表说明"]["reason"]
    assert "2 行内容" in sheets["填表说明"]["reason"]

    columns = {(c["sheet"], c["header"]): c for c in out["columns_read"]}
    first = [c for c in out["columns_read"] if c["sheet"] == "一组"]
    assert [c["column"] for c in first] == list("ABCDEFGH")  # every column listed
    assert columns[("一组", "手机号码")]["action"] == "read" and columns[("一组", "手机号码")]["field"] == "phone"
    hidden_phone = columns[("一组", "联系电话")]
    assert (hidden_phone["action"], hidden_phone["field"], hidden_phone["hidden"]) == ("also_read", "phone", True)
    assert "手机号码" in hidden_phone["detail"]
    assert columns[("一组", "手机号码")]["hidden"] is False
    assert columns[("一组", "低保证号")]["action"] == "kept_in_notes"
    assert columns[("一组", "序号")]["action"] == "not_imported"
    assert {c["sheet"] for c in out["columns_read"]} == {"一组", "二组", "三组"}


def test_duplicates_across_sheets_are_named_with_their_sheet(village: Engine, tmp_path: Path) -> None:
    wb = Workbook()
    one = wb.active
    one.title = "一组"
    one.append(["姓名", "身份证号", "类别"])
    one.append(["吴老汉", ELDER_A, "留守老人"])
    two = wb.create_sheet("二组")
    two.append(["姓名", "身份证号", "类别"])
    two.append(["吴老汉", ELDER_A, "留守老人"])
    wb.save(tmp_path / "d.xlsx")
    report = run_import(village, tmp_path / "d.xlsx", dry_run=True)
    (dup,) = report.duplicates
    assert dup.sheet == "二组" and "“一组”表第2行" in dup.reason_zh


def test_xls_is_read(village: Engine, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    first = book.add_sheet("花名册")
    second = book.add_sheet("二组")
    for sheet, rows in ((first, [["姓名", "身份证号", "类别", "手机号码"], ["吴老汉", ELDER_A, "留守老人", "13985561234"]]),
                        (second, [["姓名", "身份证号", "类别"], ["石老三", SECOND_1, "留守老人"]])):
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                sheet.write(r, c, v)
    book.save(str(tmp_path / "old.xls"))
    report = run_import(village, tmp_path / "old.xls")
    assert len(report.imported) == 2 and not report.rejected
    assert _by_number(village)[ELDER_A].phone == "13985561234"
    assert all(c.hidden is None for c in report.columns)  # the old format does not say


ROWS = [["姓名", "身份证号", "类别", "联系电话", "家庭住址"],
        ["吴老汉", ELDER_A, "留守老人", "13985561234", "岩寨村一组"],
        ["杨秀兰", ELDER_B, "留守老人、分散供养特困人员", "", "岩寨村二组"]]


def _csv(rows: list[list[Any]]) -> str:
    return "\r\n".join(",".join(str(v) for v in r) for r in rows) + "\r\n"


@pytest.mark.parametrize(("encoding", "said"), [("utf-8-sig", "UTF-8 (BOM)"), ("utf-8", "UTF-8"), ("gbk", "GBK")])
def test_csv_in_the_encodings_offices_save(village: Engine, tmp_path: Path, encoding: str, said: str) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(_csv(ROWS).encode(encoding))
    report = run_import(village, path)
    assert report.encoding == said and report.to_json()["encoding"] == said
    assert len(report.imported) == 2 and not report.rejected
    people = _by_number(village)
    assert people[ELDER_A].address == "岩寨村一组" and people[ELDER_B].name == "杨秀兰"
    assert set(people[ELDER_B].categories) == {"left_behind_elder", "extreme_poverty_dispersed"}


def test_an_undecodable_csv_is_refused_in_chinese(tmp_path: Path) -> None:
    from app.care.errors import ServiceError

    with pytest.raises(ServiceError, match="编码"):
        decode_csv(b"\xff\xfe\x00\xd8\x00\xd8broken\x81")


def test_guardian_and_member_lines_are_imported_or_reported(village: Engine, tmp_path: Path) -> None:
    """The 监护人 and 家庭成员 sheets: a line of an imported person goes in with them; a line of a
    refused row is skipped, one naming nobody on the roster refused, a bad relation refused."""
    from app.models import Guardian, HouseholdMember

    refused_row = make_id(D(1990, 1, 1), "male", seq=36)  # an adult as a left-behind child
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号", "类别"])
    ws.append(["吴老汉", ELDER_A, "留守老人"])
    ws.append(["石大", refused_row, "留守儿童"])
    g = wb.create_sheet("监护人")
    g.append(["对象姓名", "对象身份证号", "监护类型", "监护人姓名", "与对象关系", "监护人电话"])
    g.append(["吴老汉", ELDER_A, "赡养人", "吴大", "儿子", "13985560011"])
    g.append(["吴老汉", ELDER_A, "赡养人", "吴二", "女儿", "13985560012"])
    g.append(["石大", refused_row, "委托监护", "石奶奶", "祖母/外祖母", None])
    g.append(["无名", ELDER_B, "赡养人", "杨大", "儿子", None])
    g.append(["吴老汉", ELDER_A, "赡养人", "吴三", "表哥", None])
    m = wb.create_sheet("家庭成员")
    m.append(["对象姓名", "对象身份证号", "成员姓名", "与对象关系", "是否外出务工", "务工地点", "能否监护"])
    m.append(["吴老汉", ELDER_A, "吴大", "儿子", "是", "浙江省宁波市", "是"])
    wb.save(tmp_path / "g.xlsx")
    report = run_import(village, tmp_path / "g.xlsx")
    by_row = {(o.sheet, o.row): o for o in report.lines}
    assert [by_row[("监护人", r)].status for r in range(2, 7)] == ["imported", "imported", "skipped", "refused", "refused"]
    assert "找不到" in by_row[("监护人", 5)].reason_zh and "表哥" in by_row[("监护人", 6)].reason_zh
    assert by_row[("家庭成员", 2)].status == "imported"
    # (a roster of one sheet names its rows by number alone, as before)
    assert {(o.sheet, o.row) for o in report.rejected} == {("", 3), ("监护人", 5), ("监护人", 6)}
    with Session(village) as s:
        elder = s.scalars(select(Recipient).where(Recipient.id_number == ELDER_A)).one()
        kept = {(x.kind, x.name, x.relation) for x in s.scalars(select(Guardian).where(Guardian.recipient_id == elder.id))}
        member = s.scalars(select(HouseholdMember).where(HouseholdMember.recipient_id == elder.id)).one()
    assert kept == {("supporter", "吴大", "son"), ("supporter", "吴二", "daughter")}
    assert (member.name, member.works_away, member.work_place) == ("吴大", True, "浙江省宁波市")

"""app/care/text_rules.py: what text may go into a record, and every write door applying it
(one by one, batches, roster import), and `guanai check` finding stored text that breaks it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.errors import ValidationError, ValidationErrors
from app.care.household import add_guardian
from app.care.maintenance import check
from app.care.recipients import add_recipient, edit_recipient
from app.care.text_rules import LIMITS, check_text, text_problem
from app.cli import main
from app.models import SYNCED_MODELS, AuditEntry, CareRecord, Recipient, Synced
from tests.helpers import make_id

VILLAGE = "522631100201"
D = dt.date
BAD = {
    "control": "张\x07三", "tab": "张\t三", "newline": "张\n三", "bidi override": "张\u202e三",
    "bidi isolate": "张\u2067三", "mark": "张\u200f三", "arabic mark": "张\u061c三", "zero width": "张\u200b三",
    "joiner": "张\u200d三", "word joiner": "张\u2060三", "bom": "\ufeff张三", "surrogate": "张\udcff",
    "line separator": "张\u2028三", "c1": "张\x85三", "delete": "张\x7f三",
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_name_refuses_invisible_and_control_characters(kind: str) -> None:
    found = text_problem("recipients", "name", BAD[kind])
    assert found is not None
    zh, en = found
    assert zh.startswith("关爱对象 · 姓名：") and en.startswith("Care recipient · Name: ")
    assert "U+" in zh and "\udcff" not in zh  # says which character, printable itself


def test_notes_keep_line_breaks_and_tabs_but_nothing_else_invisible() -> None:
    assert text_problem("recipients", "notes", "第一行\r\n第二行\t完") is None
    assert text_problem("recipients", "notes", "备注\u202e") is not None
    assert text_problem("recipients", "notes", "备注\x00") is not None
    assert text_problem("care_records", "note", "x" * 2000) is None
    assert "最多2000个字" in text_problem("care_records", "note", "x" * 2001)[0]  # type: ignore[index]


def test_lengths_fit_the_printed_documents() -> None:
    assert text_problem("recipients", "name", "张" * 30) is None
    zh, en = text_problem("recipients", "name", "张" * 31)  # type: ignore[misc]
    assert zh == "关爱对象 · 姓名：太长：最多30个字，现在是31个字，请精简。"
    assert en == "Care recipient · Name: too long: 30 characters at most, got 31."
    assert text_problem("guardians", "address", "路" * 120) is None
    assert text_problem("guardians", "address", "路" * 121) is not None


def test_unlisted_columns_keep_the_characters_rule_and_their_columns_width() -> None:
    assert text_problem("recipients", "status", "x" * 10) is None
    assert "最多10个字" in text_problem("recipients", "status", "x" * 11)[0]  # type: ignore[index]  # String(10)
    assert text_problem("recipients", "status", "surveyed\u200b") is not None
    assert text_problem("sync_bundles", "reason", "x" * 5000) is None  # Text: no width


def test_check_text_raises_a_validation_error_naming_the_field() -> None:
    assert check_text("recipients", "address", "岩寨村3组") == "岩寨村3组"
    with pytest.raises(ValidationError) as e:
        check_text("recipients", "address", "岩寨村\n3组")
    assert e.value.field == "address" and "住址" in e.value.zh


def test_every_limit_fits_its_column_and_every_typed_column_is_listed() -> None:
    columns = {(m.__tablename__, c.name): c for m in SYNCED_MODELS for c in m.__table__.columns}
    for (table, column), rule in LIMITS.items():
        col = columns[(table, column)]
        assert type(col.type) in (String, Text), (table, column)
        if type(col.type) is String:
            assert rule.limit <= col.type.length, (table, column)  # type: ignore[attr-defined]
            assert not rule.multiline, (table, column)
    # Every Text column (free text by nature) and every column named like a person or a place.
    for (table, column), col in columns.items():
        if column in Synced.SYNC_COLUMNS:
            continue
        typed = type(col.type) is Text or column.endswith(("name", "address", "note", "notes")) \
            and column not in ("name_pinyin", "owner_table", "mime_type")
        if typed:
            assert (table, column) in LIMITS, (table, column)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_every_write_door_refuses_bad_text_and_writes_nothing(session: Session) -> None:
    from app.care.context import actor_for

    actor = actor_for(session)
    before = _count(session, AuditEntry)
    with pytest.raises(ValidationError) as e:
        add_recipient(session, actor, name="张\u202e三", id_number=make_id(D(2015, 3, 6)),
                      categories=["left_behind_child"])
    assert e.value.field == "name"
    with pytest.raises((ValidationError, ValidationErrors)) as e2:
        add_recipient(session, actor, name="龙浩宇", id_number=make_id(D(2015, 3, 6)),
                      categories=["left_behind_child"], address="x\x00", notes="a" * 2001)
    assert {"address", "notes"} <= {err.field for err in getattr(e2.value, "errors", [e2.value])}
    r = add_recipient(session, actor, name="龙浩宇", id_number=make_id(D(2015, 3, 6)),
                      categories=["left_behind_child"], notes="第一行\n第二行")
    with pytest.raises(ValidationError):
        edit_recipient(session, actor, r.id, address="岩寨\u200b村")
    with pytest.raises(ValidationError):
        add_guardian(session, actor, r.id, kind="entrusted", name="龙\u2066奶奶", relation="grandparent")
    # The door itself (writes.create/update), for whatever calls it directly.
    with pytest.raises(ValidationError):
        writes.create(session, actor, CareRecord, recipient_id=r.id, kind="phone_followup",
                      occurred_on=r.surveyed_on, recorded_by="王主任", note="\x1b[31m")
    stored = session.get(Recipient, r.id)
    assert stored is not None
    with pytest.raises(ValidationError):
        writes.update(session, actor, stored, name="龙\ufeff浩宇")
    assert stored.name == "龙浩宇"
    session.commit()
    assert _count(session, Recipient) == 1
    assert _count(session, CareRecord) == 0
    assert _count(session, AuditEntry) == before + 2  # the recipient and its survey step only


def test_a_record_stored_before_the_rules_stays_editable(session: Session) -> None:
    from app.care.context import actor_for

    actor = actor_for(session)
    r = add_recipient(session, actor, name="龙浩宇", id_number=make_id(D(2015, 3, 6)),
                      categories=["left_behind_child"])
    session.commit()
    session.connection().exec_driver_sql("UPDATE recipients SET address = 'old\x07' WHERE id = ?", (r.id,))
    session.commit()
    assert edit_recipient(session, actor, r.id, phone="13812345678")  # the address is not touched


def test_roster_import_refuses_the_row_with_its_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "类别", "住址"])
    ws.append(["龙浩宇", make_id(D(2015, 3, 6)), "留守儿童", "岩寨村3组"])
    ws.append(["龙\u202e浩", make_id(D(2014, 3, 6), seq=2), "留守儿童", None])
    ws.append(["吴梅", make_id(D(2013, 3, 6), seq=3), "留守儿童", "岩寨村\u200b3组"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    capsys.readouterr()
    assert main(["--db", db, "roster", "import", str(path), "--all-or-nothing"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "Traceback" not in "".join(err)
    assert err[0].startswith("第3行") and "姓名" in err[0] and "U+202E" in err[0]
    assert err[1].startswith("第4行") and "住址" in err[1] and "U+200B" in err[1]
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM recipients").fetchone()[0] == 0
    assert main(["--db", db, "roster", "import", str(path)]) == 1  # the good row goes in alone
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT name FROM recipients").fetchall() == [("龙浩宇",)]


def test_check_lists_stored_text_that_breaks_the_rules_without_changing_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    assert main(["--db", db, "recipients", "add", "--name", "龙浩宇", "--id-number", make_id(D(2015, 3, 6)),
                 "--category", "left_behind_child", "--json"]) == 0
    assert main(["--db", db, "check"]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as c:
        rid = c.execute("SELECT id FROM recipients").fetchone()[0]
        c.execute("UPDATE recipients SET name = ?, address = ? WHERE id = ?", ("龙\u202e浩宇", "路" * 130, rid))
    with sqlite3.connect(db) as c:
        before = c.execute("SELECT name, address, hlc FROM recipients").fetchall()
    assert main(["--db", db, "check"]) == 1
    err = capsys.readouterr().err
    assert f"recipients {rid} name：关爱对象 · 姓名：含有看不见的文字方向控制符" in err
    assert f"recipients {rid} address：关爱对象 · 住址：太长：最多120个字，现在是130个字" in err
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT name, address, hlc FROM recipients").fetchall() == before
    assert any("文字不合规" in p for p in check(__import__("app.db", fromlist=["open_database"]).open_database(db)))


def test_init_refuses_an_operator_or_office_name_that_would_sign_every_record_badly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                 "--operator", "王\u202e主任"]) == 1
    assert "记录人：含有看不见的文字方向控制符" in capsys.readouterr().err
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨\n村"]) == 1
    assert "单位 · 名称：含有换行" in capsys.readouterr().err
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM offices").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM local_settings WHERE key = 'office_code'").fetchone()[0] == 0

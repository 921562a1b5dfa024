"""Several clerks at once on one database (issue 17, point 1): four processes register the same
people and edit the same phone number for a few seconds, through `guanai` commands, on a
SQLite file (and, in the suite's server pass, on PostgreSQL). Every ID number is registered
once; every edit is applied or refused with both values, none lost; no traceback anywhere."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import app.db
from app.care import writes
from app.care.context import actor_for
from app.care.failures import describe
from app.care.profile import recipient_fields
from app.care.recipients import add_recipient, edit_recipient, get_recipient
from app.care.write_turn import EditConflict, StaleRead
from app.cli import main
from app.db import Busy, open_database, transact
from app.models import AuditEntry, Recipient
from tests.helpers import LEFT_BEHIND, make_id

VILLAGE, TOWNSHIP = "522631100201", "522631100"
CLERKS = 4
SECONDS = 3.0
ROOT = Path(__file__).resolve().parent.parent


def test_four_clerks_register_and_edit_one_database(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = app.db.database_url(tmp_path / "office.sqlite3")  # a server database in the server pass
    assert main(["--db", url, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                 "--parent", TOWNSHIP, "--operator", "王主任"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "recipients", "add", "--name", "吴梅", "--id-number", make_id(dt.date(2014, 5, 1), seq=99),
                 "--category", "left_behind_child", "--phone", "13800000000", "--json"]) == 0
    target = json.loads(capsys.readouterr().out)["id"]
    numbers = [make_id(dt.date(2015, 1, 1) + dt.timedelta(days=40 * i), seq=i + 1) for i in range(12)]

    # A roster import meanwhile, of the same people and thirty others: the same write turn.
    others = [make_id(dt.date(2016, 1, 1) + dt.timedelta(days=9 * i), "female", seq=200 + i) for i in range(30)]
    book = Workbook()
    book.active.append(["姓名", "身份证号", "类别", "住址"])
    for n in [*numbers[::2], *others, *numbers[1::2]]:
        book.active.append(["杨小梅", n, "留守儿童", "岩寨村三组"])
    roster = tmp_path / "roster.xlsx"
    book.save(roster)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = [sys.executable, "-m", "tests.clerk_worker", url]
    clerks = [subprocess.Popen([*worker, str(i), str(SECONDS), target, *numbers], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(CLERKS)]
    clerks.append(subprocess.Popen([*worker, "import", str(roster)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True))
    results = []
    for p in clerks:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in out and "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    for r in results:
        assert r["unexpected"] == [], r["unexpected"][:3]
    imported = results.pop()
    assert imported["report"] is not None, imported
    imported = imported["report"]
    assert imported["imported"] + len(imported["duplicates"]) == len(numbers) + len(others), imported
    # Every ID number registered once: one clerk's add or the import succeeded, the others were told.
    registered = Counter(n for r in results for n in r["registered"])
    assert set(registered.values()) <= {1} and registered.keys() <= set(numbers)
    assert sum(registered.values()) + imported["imported"] == len(numbers) + len(others)
    for r in results:
        assert sorted(r["registered"] + r["already"]) == sorted(numbers)

    engine = open_database(url)
    try:
        with Session(engine) as s:
            stored = Counter(s.scalars(select(Recipient.id_number).where(Recipient.deleted.is_(False))))
            assert all(stored[n] == 1 for n in [*numbers, *others]), stored
            changes = [json.loads(c) for c in s.scalars(
                select(AuditEntry.changes_json).where(AuditEntry.table_name == "recipients",
                                                      AuditEntry.record_id == target,
                                                      AuditEntry.action == "update")
                .order_by(AuditEntry.hlc))]
            phone = s.scalar(select(Recipient.phone).where(Recipient.id == target))
            assert s.scalar(select(func.count()).select_from(Recipient)) == len(numbers) + len(others) + 1
    finally:
        engine.dispose()
    # Every edit applied or refused, none silently lost: each applied edit is one audited change,
    # made from the value the clerk read, and each change starts from the one before it.
    applied = [tuple(a) for r in results for a in r["applied"]]
    refused = sum(r["refused"] for r in results)
    assert applied, "no edit went through"
    trail = [tuple(c["phone"]) for c in changes]
    assert sorted(trail) == sorted(applied)
    assert trail[0][0] == "13800000000"
    assert all(trail[i][1] == trail[i + 1][0] for i in range(len(trail) - 1))
    assert phone == trail[-1][1]
    print(f"{len(applied)} edits applied, {refused} refused with both values")


# ---- the pieces, one clerk against another in one process -----------------------------------------

def _person(engine: Engine) -> str:
    with Session(engine) as s, s.begin():
        return add_recipient(s, actor_for(s), **LEFT_BEHIND, name="龙浩宇", id_number=make_id(dt.date(2015, 3, 6)),
                             categories=["left_behind_child"], phone="13800000000", address="岩寨村三组").id


def _edit(engine: Engine, rid: str, **kwargs: Any) -> dict[str, Any]:
    return transact(engine, lambda s: edit_recipient(s, actor_for(s), rid, **kwargs))


def test_an_edit_from_a_value_another_clerk_changed_is_refused_with_both_values(village: Engine) -> None:
    rid = _person(village)
    with Session(village) as s:
        read = recipient_fields(s, rid)  # clerk A opens the record
    _edit(village, rid, phone="13911111111")  # clerk B saves first
    with Session(village) as s:
        audited = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(EditConflict) as e:
        _edit(village, rid, phone="13722222222", read_stamp=read.stamp, read_values=read.read_of({"phone": 1}))
    assert e.value.field == "phone"
    assert "另一位工作人员已改为“13911111111”" in e.value.zh and "您打开时是“13800000000”" in e.value.zh
    assert "您要改为“13722222222”" in e.value.zh and "没有保存" in e.value.zh
    # With the stamp alone (the command line), the field's last write tells the same.
    with pytest.raises(EditConflict, match="13911111111"):
        _edit(village, rid, phone="13722222222", read_stamp=read.stamp)
    with Session(village) as s:
        assert s.scalar(select(Recipient.phone).where(Recipient.id == rid)) == "13911111111"
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audited  # nothing written
    # A field B did not touch is A's to change, from either door.
    assert _edit(village, rid, address="岩寨村四组", read_stamp=read.stamp, read_values=read.read_of({"address": 1}))
    assert _edit(village, rid, notes="电话已核实", read_stamp=read.stamp)


def test_the_command_line_refuses_a_stale_edit_in_words(village: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    rid = _person(village)
    db = village.url.render_as_string(hide_password=False)
    assert main(["--db", db, "recipients", "show", rid, "--json"]) == 0
    stamp = json.loads(capsys.readouterr().out)["stamp"]
    assert main(["--db", db, "recipients", "edit", rid, "--phone", "13911111111", "--stamp", stamp]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recipients", "edit", rid, "--phone", "13722222222", "--stamp", stamp]) == 1
    err = capsys.readouterr().err
    assert "13911111111" in err and "13722222222" in err and "Traceback" not in err
    assert "龙浩宇" not in err and make_id(dt.date(2015, 3, 6)) not in err


def test_a_record_changed_between_read_and_write_runs_the_unit_again(village: Engine) -> None:
    """A unit of work reads a person, another clerk changes them before the first write takes
    the write turn: the write refuses to build on the stale read and the whole unit runs again."""
    rid = _person(village)
    runs: list[str | None] = []

    def work(s: Session) -> dict[str, Any]:
        r = get_recipient(s, rid)
        runs.append(r.notes)
        if len(runs) == 1:
            _edit(village, rid, notes="另一位工作人员的备注")
        return writes.update(s, actor_for(s), r, address=f"{r.notes}：岩寨村四组")

    transact(village, work, pause=lambda _s: None)
    assert runs == [None, "另一位工作人员的备注"]
    with Session(village) as s:
        assert s.scalar(select(Recipient.address).where(Recipient.id == rid)) == "另一位工作人员的备注：岩寨村四组"


def test_past_every_attempt_the_clerk_is_told_in_words(village: Engine) -> None:
    def always_stale(_s: Session) -> None:
        raise StaleRead("changed")

    with pytest.raises(Busy) as e:
        transact(village, always_stale, pause=lambda _s: None)
    assert "数据未被修改" in e.value.zh


def test_a_refused_write_never_shows_the_row(village: Engine) -> None:
    """The database's own refusal (here a duplicate key) prints the row, names and ID numbers:
    the clerk sees words without them."""
    rid = _person(village)
    with pytest.raises(IntegrityError) as e, Session(village) as s, s.begin():
        s.connection().execute(Recipient.__table__.insert().from_select(
            [c.name for c in Recipient.__table__.columns],
            select(*Recipient.__table__.columns).where(Recipient.id == rid)))
    words = describe(e.value)
    assert words is not None and "数据未被修改" in words[0]
    assert all("龙浩宇" not in w and rid not in w for w in words)

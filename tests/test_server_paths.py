"""The core paths from the command line, checked through SQLAlchemy rather than the SQLite
file: they run on SQLite by default and on PostgreSQL with GUANAI_TEST_DB_URL set (see
tests/server_db.py), where the other CLI tests, which read the file with sqlite3, cannot."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.cli import main
from app.db import open_database
from app.models import AuditEntry, CareRecord, MicroWish, Recipient, StatusEvent
from tests.helpers import make_id

VILLAGE = "522631100201"
TODAY = "2026-11-28"


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_register_lifecycle_and_log_end_in_the_database(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "core.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村"]) == 0
    capsys.readouterr()
    child = make_id(dt.date.today() - dt.timedelta(days=9 * 365), "male")
    assert main(["--db", db, "recipients", "add", "--name", "龙浩宇", "--id-number", child,
                 "--category", "left_behind_child", "--key-monitoring", "--parents-away", "both_away", "--json"]) == 0
    rid = _json(capsys)["id"]  # type: ignore[index]
    assert main(["--db", db, "recipients", "list", "--json", "--search", "lhy"]) == 0
    assert [r["id"] for r in _json(capsys)] == [rid]  # type: ignore[union-attr,index]
    assert main(["--db", db, "recipients", "edit", rid, "--phone", "13812345678", "--key-monitoring", "no"]) == 0
    assert main(["--db", db, "lifecycle", "report", rid]) == 0
    for dept in ("civil_affairs", "youth_league"):
        assert main(["--db", db, "lifecycle", "review", rid, "--dept", dept, "--decision", "approve",
                     "--doc-no", "黎民审〔2026〕2号"]) == 0
    assert main(["--db", db, "lifecycle", "confirm", rid, "--doc-no", "黎民发〔2026〕3号"]) == 0
    assert main(["--db", db, "log", "call", rid, "--reached", "yes", "--note", "身体好"]) == 0
    assert main(["--db", db, "log", "aid", rid, "--items", "书包", "--value", "80.50"]) == 0
    assert main(["--db", db, "log", "wish", rid, "--stage", "collected", "--note", "想要一个书包"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "recipients", "show", rid, "--reveal-id", "--json"]) == 0
    shown = _json(capsys)
    assert shown["id_number"] == child and shown["status"] == "confirmed"  # type: ignore[index]
    assert [h["step"] for h in shown["history"]] == ["survey", "report", "review", "review", "confirm"]  # type: ignore[index]

    engine = open_database(db)
    with Session(engine) as s:
        r = s.get(Recipient, rid)
        assert r is not None and r.phone == "13812345678" and r.key_monitoring is False
        assert r.categories == ("left_behind_child",) and r.status == "confirmed"
        assert s.scalar(select(func.count()).select_from(StatusEvent).where(StatusEvent.recipient_id == rid)) == 5
        assert sorted((c.kind, c.reached, c.value_fen) for c in s.scalars(select(CareRecord))) == [
            ("material_aid", None, 8050), ("phone_followup", True, None)]
        assert s.scalars(select(MicroWish.stage)).all() == ["collected"]
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "reveal", AuditEntry.record_id == rid)) == 1
        # every write went into the change log the next bundle is cut from
        logged = s.execute(text("SELECT count(*) FROM sync_changes WHERE record_id = :r"), {"r": rid}).scalar()
        assert logged == 1
    engine.dispose()


def test_demo_figures_exports_and_printing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo", "--scale", "village", "--seed", "5", "--today", TODAY]) == 0
    engine = open_database(db)
    with Session(engine) as s:
        people = s.scalars(select(Recipient).where(Recipient.deleted.is_(False))).all()
        confirmed = [r for r in people if r.status == "confirmed"]
        assert len(people) > 100 and all(r.categories and all("_" in c or c.isalpha() for c in r.categories)
                                         for r in people)
    engine.dispose()
    capsys.readouterr()
    assert main(["--db", db, "recipients", "list", "--json"]) == 0
    listed = _json(capsys)
    assert {r["id"] for r in listed} == {r.id for r in people}  # type: ignore[union-attr,index]
    assert main(["--db", db, "tasks", "--date", "2026-11-25", "--json"]) == 0
    tasks = _json(capsys)
    assert tasks and {t["recipient_id"] for t in tasks} <= {r.id for r in people}  # type: ignore[union-attr,index]
    assert main(["--db", db, "warnings", "--date", "2026-11-25", "--json"]) == 0
    assert any(w["kind"] == "child_alone" for w in _json(capsys))  # type: ignore[union-attr,index]
    assert main(["--db", db, "status", "--period", "2026-Q3", "--json"]) == 0
    [village] = _json(capsys)["villages"]  # type: ignore[index]
    assert village["code"] == VILLAGE and village["recipients"] > 50
    assert village["four_ones"]["call"]["owed"] >= village["four_ones"]["call"]["done"] > 0

    sheet = tmp_path / "roster.xlsx"
    assert main(["--db", db, "roster", "export", str(sheet)]) == 0
    ws = load_workbook(sheet, read_only=True).active
    names = {row[1] for row in ws.iter_rows(values_only=True) if len(row) > 1}
    assert {r.name for r in confirmed} <= names
    pdf = tmp_path / "roster.pdf"
    assert main(["--db", db, "print", "roster", "--out", str(pdf)]) == 0
    printed = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert confirmed and all(r.name in printed for r in confirmed[:5])

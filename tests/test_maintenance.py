"""guanai backup / restore / check: a consistent copy, putting it back (refused with nothing
changed when it is not this office's sound database), and the integrity check."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.errors import ServiceError
from app.care.maintenance import backup, check, restore
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.cli import main
from app.db import open_database
from app.models import Recipient
from tests.conftest import VILLAGE
from tests.helpers import make_id

D = dt.date


def count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(Recipient)) or 0


def add(engine: Engine, name: str, seq: int) -> str:
    with Session(engine) as s, s.begin():
        return add_recipient(s, actor_for(s), name=name, id_number=make_id(D(1950, 3, 3), seq=seq),
                             categories=["left_behind_elder"], surveyed_on=D(2026, 1, 5)).id


def test_backup_then_restore_brings_back_what_was_saved(village: Engine, tmp_path: Path) -> None:
    add(village, "吴老汉", 11)
    out = tmp_path / "usb" / "backup.sqlite3"
    result = backup(village, out)
    assert result.recipients == 1 and result.office_code == VILLAGE
    assert [p.name for p in out.parent.iterdir()] == ["backup.sqlite3"]  # no temporary file left
    with closing(sqlite3.connect(out)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    add(village, "杨阿婆", 12)
    assert count(village) == 2
    done = restore(village, out, current_office=VILLAGE)
    assert count(village) == 1
    assert done.previous_saved_as is not None
    with closing(sqlite3.connect(done.previous_saved_as)) as db:  # the restore can be undone
        assert db.execute("SELECT count(*) FROM recipients").fetchone() == (2,)
    assert check(village) == []


def test_restore_refuses_another_offices_backup_and_junk(village: Engine, tmp_path: Path) -> None:
    add(village, "吴老汉", 11)
    other = open_database(tmp_path / "other.sqlite3")
    with Session(other) as s, s.begin():
        init_office(s, role="village", code="522631100202", name="高岩村", parent="522631100")
    other_backup = backup(other, tmp_path / "other-backup.sqlite3").path
    other.dispose()
    with pytest.raises(ServiceError, match="属于单位 522631100202"):
        restore(village, other_backup, current_office=VILLAGE)
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff not a database")
    with pytest.raises(ServiceError, match="数据库未改动"):
        restore(village, junk, current_office=VILLAGE)
    newer = tmp_path / "newer.sqlite3"
    backup(village, newer)
    with closing(sqlite3.connect(newer)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(ServiceError, match="更新版本"):
        restore(village, newer, current_office=VILLAGE)
    assert count(village) == 1
    assert not list(tmp_path.glob("*before-restore*"))


def test_check_names_what_is_wrong(village: Engine) -> None:
    rid = add(village, "吴老汉", 11)
    assert check(village) == []
    path = village.url.database
    village.dispose()
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT INTO guardians (id, origin_office, modified_office, hlc, deleted, recipient_id, kind, "
                   "name, relation, start_date) SELECT id || 'x', origin_office, modified_office, hlc, 0, "
                   "'no-such-person', 'supporter', '某某', 'son', '2026-01-01' FROM recipients")
        cols = _columns(db)  # the same person registered twice
        db.execute(f"INSERT INTO recipients ({', '.join(cols)}) SELECT "
                   + ", ".join("id || 'y'" if c == "id" else c for c in cols) + " FROM recipients")
    problems = check(village)
    assert any(p.startswith("guardians：1 条记录指向不存在的关爱对象") for p in problems)
    assert any("登记了 2 次" in p for p in problems)
    assert rid


def _columns(db: sqlite3.Connection) -> list[str]:
    return [r[1] for r in db.execute("PRAGMA table_info(recipients)")]


def test_cli_backup_restore_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite3")
    assert main(["--db", db, "init", "--role", "village", "--code", VILLAGE, "--name", "岩寨村",
                 "--parent", "522631100"]) == 0
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.sqlite3"), "--json"]) == 0
    assert '"office_code": "522631100201"' in capsys.readouterr().out
    assert main(["--db", db, "check"]) == 0
    assert main(["--db", db, "restore", str(tmp_path / "missing.sqlite3")]) == 1
    assert "找不到文件" in capsys.readouterr().err
    assert main(["--db", db, "restore", str(tmp_path / "b.sqlite3")]) == 0

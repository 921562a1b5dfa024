"""Issue 12, point 8: `guanai restore` refuses a backup that names no office, or whose schema
holds objects the migrations did not make (a trigger, a view, an index or table of its own,
a table defined otherwise), with a clear reason and nothing changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.care.errors import ServiceError
from app.care.maintenance import backup, restore
from app.care.schema_check import expected_objects, foreign_objects
from app.cli import main
from app.db import open_database, upgrade
from tests.conftest import VILLAGE
from tests.test_maintenance import add


def _state(engine: Engine) -> tuple[str, list[str]]:
    """The database file's bytes (hash) and the folder's names: both unchanged by a refusal."""
    path = Path(engine.url.database or "")
    engine.dispose()
    # (-wal and -shm come and go as SQLite opens the file; their content is in the hash once folded in)
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(
        p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))


def _tampered(village: Engine, tmp_path: Path, sql: str | Callable[[sqlite3.Connection], None]) -> Path:
    out = tmp_path / "usb" / "backup.sqlite3"
    backup(village, out)
    with closing(sqlite3.connect(out)) as db:
        if callable(sql):
            sql(db)
        else:
            db.executescript(sql)
        db.commit()
    return out


def _refused(village: Engine, source: Path, *words: str) -> ServiceError:
    before = _state(village)
    with pytest.raises(ServiceError) as e:
        restore(village, source, current_office=VILLAGE)
    assert e.value.zh.startswith("无法恢复") and "数据库未改动" in e.value.zh
    for w in words:
        assert w in e.value.zh or w in e.value.en, (w, e.value.zh)
    assert _state(village) == before
    return e.value


TAMPERING = {
    "trigger": ("CREATE TRIGGER spy AFTER INSERT ON recipients BEGIN "
                "UPDATE local_settings SET value = 'x' WHERE key = 'operator'; END;", ("触发器", "spy")),
    "view": ("CREATE VIEW everyone AS SELECT * FROM recipients;", ("视图", "everyone")),
    "table": ("CREATE TABLE notes_of_mine (x TEXT);", ("表", "notes_of_mine")),
    "index": ("CREATE INDEX ix_mine ON recipients (phone);", ("索引", "ix_mine")),
}


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_a_backup_with_schema_objects_the_migrations_did_not_make_is_refused(
        village: Engine, tmp_path: Path, kind: str) -> None:
    add(village, "吴老汉", 11)
    sql, words = TAMPERING[kind]
    err = _refused(village, _tampered(village, tmp_path, sql), "迁移", *words)
    assert "not made by the migrations" in err.en


def test_a_table_defined_otherwise_is_refused(village: Engine, tmp_path: Path) -> None:
    def widen(db: sqlite3.Connection) -> None:  # same name, another definition
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'local_settings'").fetchone()[0]
        db.execute("PRAGMA writable_schema = ON")
        db.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'local_settings'",
                   (sql.rstrip()[:-1] + ", CHECK (length(key) > 0))",))
        db.execute("PRAGMA writable_schema = OFF")

    _refused(village, _tampered(village, tmp_path, widen), "local_settings", "定义与迁移所建的不同")


def test_a_backup_naming_no_office_is_refused(village: Engine, tmp_path: Path) -> None:
    add(village, "吴老汉", 11)
    no_setting = _tampered(village, tmp_path, "DELETE FROM local_settings WHERE key = 'office_code';")
    _refused(village, no_setting, "没有写明属于哪个单位")
    shutil.rmtree(no_setting.parent)
    no_row = _tampered(village, tmp_path, f"DELETE FROM offices WHERE code = '{VILLAGE}';")
    _refused(village, no_row, "没有写明属于哪个单位")


def test_through_the_cli_exit_1_and_the_reason(village: Engine, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = _tampered(village, tmp_path, TAMPERING["trigger"][0])
    db = village.url.database or ""
    before = _state(village)
    assert main(["--db", db, "restore", str(source)]) == 1
    assert "触发器" in capsys.readouterr().err
    assert _state(village) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_a_fifo_or_an_oversized_backup_is_refused(village: Engine, tmp_path: Path) -> None:
    fifo = tmp_path / "backup.sqlite3"
    os.mkfifo(fifo)
    _refused(village, fifo, "管道")
    out = tmp_path / "usb" / "b.sqlite3"
    backup(village, out)
    before = _state(village)
    with pytest.raises(ServiceError, match="太大"):
        restore(village, out, current_office=VILLAGE, max_bytes=out.stat().st_size - 1)
    assert _state(village) == before


def test_a_sound_backup_still_restores_and_an_upgraded_one_matches_the_migrations(
        village: Engine, tmp_path: Path) -> None:
    add(village, "吴老汉", 11)
    out = tmp_path / "usb" / "backup.sqlite3"
    backup(village, out)
    restore(village, out, current_office=VILLAGE)
    # a database built at an older revision is compared with that revision's schema
    old = open_database(tmp_path / "old.sqlite3", migrate=False)
    upgrade(old, "0005")
    old.dispose()
    assert foreign_objects(tmp_path / "old.sqlite3", "0005") == []
    assert expected_objects("0005") != expected_objects("0011")
    # and a database upgraded step by step to head is what the migrations make at head
    upgrade(open_database(tmp_path / "old.sqlite3", migrate=False))
    from app.migration_head import head_revision

    assert foreign_objects(tmp_path / "old.sqlite3", head_revision()) == []

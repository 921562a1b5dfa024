"""The demo generator's machinery: the spooled load of many villages, its single transaction,
and the shortcut for the names' search keys. (Its data is checked in test_cli.py.)"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.care.search import name_keys
from app.db import open_database
from app.demo import names as N
from app.demo import pipeline
from app.demo.generate import generate_demo
from app.demo.village import demo_name_keys

TODAY = dt.date(2026, 11, 28)
COMPARED = ("recipients", "household_members", "guardians", "status_events", "care_records",
            "micro_wishes", "agreements", "mutual_aid_services")


def test_demo_name_keys_are_those_the_app_computes() -> None:
    """Character by character equals pypinyin's phrase-aware keys for the demo's word lists
    (all 136,570 names they can form were compared once; this checks a sample)."""
    rng = random.Random(1)
    surnames = [s for s, _ in N.SURNAMES]
    pools = (N.MALE_CHARS, N.FEMALE_CHARS, N.CHILD_MALE, N.CHILD_FEMALE)
    names = [s + c for s in surnames for pool in pools for c in pool]
    names += [rng.choice(surnames) + rng.choice(pool) + rng.choice(pool) for pool in pools for _ in range(500)]
    assert [demo_name_keys(n) for n in names] == [name_keys(n) for n in names]


def _demo(path: Path) -> Path:
    engine = open_database(path)
    generate_demo(engine, scale="township", today=TODAY)
    engine.dispose()
    return path


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as c:
        return c.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def test_spooled_load_gives_the_rows_of_the_plain_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spooled = _demo(tmp_path / "spooled.sqlite3")
    monkeypatch.setattr("app.demo.generate.spooled", lambda _engine, _tasks: False)
    plain = _demo(tmp_path / "plain.sqlite3")
    for table in COMPARED:
        assert _rows(spooled, table) == _rows(plain, table), table
    with closing(sqlite3.connect(spooled)) as c:
        # Unique but for the few people the demo registers in two villages on purpose (issue 13).
        assert c.execute("SELECT count(DISTINCT id_number) = count(*) FROM recipients "
                         "WHERE notes IS NULL OR notes <> '随子女居住'").fetchone() == (1,)
        assert c.execute("SELECT count(*) FROM recipients r WHERE notes = '随子女居住' AND EXISTS "
                         "(SELECT 1 FROM recipients o WHERE o.id <> r.id AND o.name = r.name "
                         "AND o.birth_date = r.birth_date)").fetchone() == (2,)
        assert c.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("guanai-demo-")] == []


def test_an_interrupted_load_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction, index drops included; the spool files go, the journal mode returns."""
    db = tmp_path / "t.sqlite3"
    engine = open_database(db)
    with closing(sqlite3.connect(db)) as c:
        indexes = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()
    copied = []

    def copy_then_fail(conn: object, name: str) -> None:
        if len(copied) == 3:
            raise RuntimeError("interrupted")
        copied.append(name)
        copy_spool(conn, name)

    copy_spool = pipeline.copy_spool
    monkeypatch.setattr(pipeline, "copy_spool", copy_then_fail)
    with pytest.raises(RuntimeError, match="interrupted"):
        generate_demo(engine, scale="township", today=TODAY)
    engine.dispose()
    with closing(sqlite3.connect(db)) as c:
        assert c.execute("SELECT count(*) FROM recipients").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM care_records").fetchone() == (0,)
        assert c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall() == indexes
        assert c.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("guanai-demo-")] == []


def test_a_demo_loads_beside_another_open_connection(tmp_path: Path) -> None:
    """The app open on the same file: the load keeps the WAL journal instead of waiting."""
    db = tmp_path / "t.sqlite3"
    open_database(db).dispose()
    with closing(sqlite3.connect(db)) as other:
        other.execute("SELECT count(*) FROM offices").fetchone()
        _demo(db)
        assert other.execute("SELECT count(DISTINCT village_code) FROM recipients").fetchone() == (25,)
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)

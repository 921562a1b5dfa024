"""Whether a database file's schema is the one the migrations make (`guanai restore`).

A backup is a whole SQLite database, and SQLite keeps code in it: a trigger runs on every
write, a view can stand where a table is expected. A file that went round on a USB stick and
came back with a trigger of somebody's own must not become the office's database. So the
backup's `sqlite_master` (tables, indexes, triggers, views: names and SQL) is compared with a
database the migrations build at the same revision, in memory; SQLite's own objects
(`sqlite_autoindex_*`, `sqlite_sequence`, `sqlite_stat*`) are left out.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.protection.at_rest import connect

_SQLITE_OWN = re.compile(r"^sqlite_(autoindex_.*|sequence|stat\d)$")
KINDS_ZH = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}

Objects = dict[tuple[str, str], str]  # (type, name) -> normalised SQL


@dataclass(frozen=True)
class SchemaDifference:
    kind: str  # table | index | trigger | view
    name: str
    what_zh: str
    what_en: str

    @property
    def kind_zh(self) -> str:
        return KINDS_ZH.get(self.kind, self.kind)


def normalise(sql: str | None) -> str:
    """SQL compared without regard to spacing or quoting of names."""
    text = re.sub(r"\s+", " ", sql or "").strip()
    text = re.sub(r"\s*([(),])\s*", r"\1", text)
    return text.replace('"', "").replace("`", "").replace("[", "").replace("]", "")


def _objects(db: Any) -> Objects:
    return {(kind, name): normalise(sql)
            for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master")
            if not _SQLITE_OWN.match(name)}


def objects_of(path: Path, key: bytes | None = None) -> Objects:
    with closing(connect(path, key, readonly=True)) as db:
        return _objects(db)


@cache
def expected_objects(revision: str) -> Objects:
    """What the migrations make at `revision`, built in an in-memory database (once per process)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from app.db import upgrade

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        upgrade(engine, revision)
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return _objects(raw)
    finally:
        engine.dispose()


def foreign_objects(path: Path, revision: str | None, key: bytes | None = None) -> list[SchemaDifference]:
    """How the schema of the database at `path` differs from the migrations' at `revision`:
    objects they did not make, objects made differently, objects missing. Empty: the same."""
    if revision is None:
        return [SchemaDifference("table", "alembic_version", "没有结构版本", "no schema revision")]
    found, expected = objects_of(path, key), expected_objects(revision)
    out = []
    for obj in sorted(found.keys() - expected.keys()):
        out.append(SchemaDifference(*obj, "迁移没有建过它", "not made by the migrations"))
    for obj in sorted(found.keys() & expected.keys()):
        if found[obj] != expected[obj]:
            out.append(SchemaDifference(*obj, "定义与迁移所建的不同", "defined otherwise than by the migrations"))
    for obj in sorted(expected.keys() - found.keys()):
        out.append(SchemaDifference(*obj, "缺少", "missing"))
    return out

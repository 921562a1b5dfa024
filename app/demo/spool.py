"""Spool files for large SQLite demos: worker processes write their villages' rows into plain
SQLite files, and the one writing process copies each file into the database in C.

Why: with sqlite3's executemany the writer spent about 13 µs a row, a third of it binding
Python values one by one; binding now happens in the workers, into tables without keys or
indexes (the cheapest insert SQLite has, a hundred rows a statement), and the writer's
`INSERT … SELECT` only pays for the database's own keys (about 6 µs a row).

The files must be attached before the load's transaction begins (SQLite refuses ATTACH
inside one), so their names are fixed up front and each is read only once complete: the
writer's first read of a file holds it until the end of the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.demo.load import Rows, columns, null_adapter

Counts = dict[str, int]
SPOOL_MMAP = 1 << 28  # bytes; a county's spool file holds about 80 MB


def write_spool(path: Path, villages: Iterable[Rows]) -> list[Counts]:
    """Write villages' rows (tuples in column order, dates as text) into an empty file (the
    writer attached it already); returns each village's row counts. A scratch file: no
    journal, no syncing."""
    db = sqlite3.connect(path, isolation_level=None)
    counts: list[Counts] = []
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        made: set[str] = set()
        with null_adapter():
            for rows in villages:
                for table, batch in rows.items():
                    if table not in made:
                        db.execute(f"CREATE TABLE {table} ({', '.join(columns(table))})")
                        made.add(table)
                    _insert_plain(db, table, batch)
                counts.append({table: len(batch) for table, batch in rows.items()})
        db.execute("COMMIT")
    finally:
        db.close()
    return counts


def _insert_plain(db: sqlite3.Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Many rows a statement: sqlite3's per-row overhead (reset, step, releasing the GIL)
    was as large as the insert itself."""
    width = len(columns(table))
    one = f"({', '.join('?' * width)})"
    per = max(1, min(100, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    whole = len(rows) - len(rows) % per
    if whole:
        db.executemany(f"INSERT INTO {table} VALUES {', '.join([one] * per)}",
                       [tuple(chain.from_iterable(rows[i:i + per])) for i in range(0, whole, per)])
    if whole < len(rows):
        db.executemany(f"INSERT INTO {table} VALUES {one}", rows[whole:])


def attach(conn: Connection, paths: list[Path]) -> list[str]:
    """Attach the spool files (outside any transaction); returns their schema names."""
    names = []
    for k, path in enumerate(paths):
        conn.exec_driver_sql(f"ATTACH DATABASE ? AS spool{k}", (str(path),))
        # Read through a memory map: no system call per page, no copy in the page cache.
        conn.exec_driver_sql(f"PRAGMA spool{k}.mmap_size={SPOOL_MMAP}")
        names.append(f"spool{k}")
    return names


def detach(conn: Connection, names: list[str]) -> None:
    for name in names:
        conn.exec_driver_sql(f"DETACH DATABASE {name}")


def spooled_tables(conn: Connection, name: str) -> list[str]:
    return list(conn.exec_driver_sql(f"SELECT name FROM {name}.sqlite_master WHERE type = 'table' ORDER BY rowid")
                .scalars())


def copy_spool(conn: Connection, name: str) -> None:
    """Copy every table of one attached spool file into the database's own tables."""
    for table in spooled_tables(conn, name):
        cols = ", ".join(columns(table))
        conn.exec_driver_sql(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM {name}.{table}")


def max_spools(conn: Connection) -> int:
    """How many files this SQLite lets one connection attach (10 unless built otherwise)."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)

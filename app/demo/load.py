"""Bulk loading of generated rows: tuples in table-column order, inserted with the DBAPI's
executemany on SQLite (SQLAlchemy Core elsewhere)."""

from __future__ import annotations

import datetime as dt
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, insert

from app.models import Base

Rows = dict[str, list[tuple[Any, ...]]]


def columns(table: str) -> list[str]:
    return [c.name for c in Base.metadata.tables[table].columns]


def _sqlite_value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def as_tuples(rows: dict[str, list[dict[str, Any]]], *, sqlite: bool = False) -> Rows:
    """Dict rows to tuples in column order; a missing column is a generator bug (KeyError).
    With `sqlite`, dates become the ISO text SQLAlchemy stores, so that work happens in the
    generating worker process rather than in the single process that writes."""
    out: Rows = {}
    for table, batch in rows.items():
        if batch:
            get = itemgetter(*columns(table))
            if sqlite:
                out[table] = [tuple(map(_sqlite_value, get(r))) for r in batch]
            else:
                out[table] = [get(r) for r in batch]
    return out


def insert_rows(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    cols = columns(table)
    if conn.dialect.name == "sqlite":
        # Values are already what SQLAlchemy would bind (dates via the adapter registered in
        # app.db, bools as ints), so the driver's executemany can take them directly.
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.exec_driver_sql(sql, rows)
    else:
        conn.execute(insert(Base.metadata.tables[table]), [dict(zip(cols, r, strict=True)) for r in rows])

"""Bulk loading of generated rows: tuples in table-column order, inserted with the DBAPI's
executemany on SQLite (SQLAlchemy Core elsewhere), inside one transaction set up for a bulk
load (`bulk_transaction`)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Index, insert
from sqlalchemy.exc import OperationalError

from app.models import SYNCED_MODELS, Base, Office
from app.models.base import CodeSet, table_of

Rows = dict[str, list[tuple[Any, ...]]]


def columns(table: str) -> list[str]:
    return [c.name for c in Base.metadata.tables[table].columns]


@cache
def _layout(table: str) -> tuple[itemgetter[Any], tuple[int, ...], tuple[int, ...]]:
    """A getter of a row's values in column order, and where its dates and booleans are."""
    cols = Base.metadata.tables[table].columns
    dates = tuple(i for i, c in enumerate(cols) if isinstance(c.type, Date))
    bools = tuple(i for i, c in enumerate(cols) if isinstance(c.type, Boolean))
    return itemgetter(*[c.name for c in cols]), dates, bools


def as_tuples(rows: dict[str, list[dict[str, Any]]], *, sqlite: bool = False) -> Rows:
    """Dict rows to tuples in column order; a missing column is a generator bug (KeyError).
    With `sqlite`, dates become the ISO text SQLAlchemy stores and booleans 0/1, so that work
    happens in the generating worker process rather than in the one that writes (sqlite3
    would otherwise look up an adapter for every such value while inserting). Converted a
    column at a time, by dictionary lookups that map() runs in C."""
    out: Rows = {}
    for table, batch in rows.items():
        if not batch:
            continue
        get, dates, bools = _layout(table)
        tuples = list(map(get, batch))
        if sqlite and (dates or bools):
            cols = list(zip(*tuples, strict=True))
            for i in dates:
                cols[i] = tuple(map(_ISO.__getitem__, cols[i]))
            for i in bools:
                cols[i] = tuple(map(_BOOL.__getitem__, cols[i]))
            tuples = list(zip(*cols, strict=True))
        out[table] = tuples
    return out


class _IsoDates(dict[dt.date | None, str | None]):
    """date → ISO text, remembered: a demo's two years hold fewer than a thousand dates."""

    def __missing__(self, day: dt.date) -> str:
        text = self[day] = day.isoformat()
        return text


_ISO = _IsoDates({None: None})
_BOOL = {False: 0, True: 1, None: None}


def insert_rows(conn: Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    cols = columns(table)
    if conn.dialect.name == "sqlite":
        # Values are already what SQLAlchemy would bind (see as_tuples), so the driver's
        # executemany can take them directly.
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.exec_driver_sql(sql, rows)
    else:
        # The generator writes code sets as the stored ",a,b," text; Core binds a tuple.
        codes = [c for c in cols if isinstance(Base.metadata.tables[table].c[c].type, CodeSet)]
        dicts = [dict(zip(cols, r, strict=True)) for r in rows]
        for d in dicts:
            for c in codes:
                if isinstance(d[c], str):
                    d[c] = tuple(x for x in d[c].split(",") if x)
        conn.execute(insert(Base.metadata.tables[table]), dicts)


@contextmanager
def null_adapter() -> Iterator[None]:
    """Bind None without sqlite3's search for an adapter. sqlite3 binds int, float and str
    directly but sends any other value, None included, through that search (a tuple built,
    a dict probed, two attribute lookups) before binding NULL; a demo row holds four NULLs
    on average, and the search cost a fifth of writing the row. An adapter registered for
    NoneType answers the first probe and returns None, so NULL is bound all the same.
    Removed afterwards: the registry is shared by the whole process."""
    key = (type(None), sqlite3.PrepareProtocol)
    before = sqlite3.adapters.get(key)
    # {}.get(None) is None, called in C (typeshed's overloads of dict.get do not show it)
    sqlite3.register_adapter(type(None), {}.get)  # type: ignore[arg-type]
    try:
        yield
    finally:
        if before is None:
            sqlite3.adapters.pop(key, None)
        else:
            sqlite3.adapters[key] = before


def secondary_indexes() -> list[Index]:
    """The non-unique indexes of the tables a demo bulk-loads."""
    return [ix for model in SYNCED_MODELS if model is not Office
            for ix in sorted(table_of(model).indexes, key=lambda i: i.name or "") if not ix.unique]


@contextmanager
def bulk_transaction(conn: Connection, *, large: bool, say: Callable[[str], None],
                     after: list[Callable[[], None]] | None = None) -> Iterator[None]:
    """One transaction for a whole load. For a large load on SQLite, secondary indexes are
    dropped first and built once at the end (a sort, instead of updating them row by row),
    and the file uses a rollback journal meanwhile. SQLite's DDL is transactional, so an
    interrupted load leaves the database, indexes included, as it was. `after`: what runs
    once the indexes are built, still in the transaction (work that queries what was loaded)."""
    sqlite = conn.dialect.name == "sqlite"
    switched = False
    try:
        if sqlite:
            # A bulk load touches index pages all over; a large page cache for this one
            # connection keeps them in memory instead of re-reading them from disk.
            conn.exec_driver_sql("PRAGMA main.cache_size=-524288")
            # Building the deferred indexes sorts each table; helper threads share the sort
            # (the generating workers have finished by then, so their cores are free).
            conn.exec_driver_sql(f"PRAGMA threads={min(4, os.cpu_count() or 1)}")
            switched = large and _rollback_journal(conn)
            conn.commit()
        with conn.begin():
            if sqlite:
                # Python's sqlite3 opens a transaction only before the first INSERT: begin
                # here, so that the index drops below are part of the transaction too.
                # Deferred: IMMEDIATE would also lock the spool files attached for writing.
                conn.exec_driver_sql("BEGIN")
            deferred = secondary_indexes() if sqlite and large else []
            for index in deferred:
                index.drop(conn)
            yield
            if deferred:
                say("演示数据：正在建立索引……")
            for index in deferred:
                index.create(conn)
            for step in after or ():
                step()
    finally:
        if switched:
            conn.exec_driver_sql("PRAGMA main.journal_mode=WAL")
            conn.exec_driver_sql("PRAGMA main.synchronous=NORMAL")
            conn.commit()


def _rollback_journal(conn: Connection) -> bool:
    """Switch the file from WAL to a rollback journal (DELETE), if no other connection has it
    open. In WAL mode every page of the load is written twice, to the log and again by the
    checkpoint after the commit; with a rollback journal the new pages go to the file once
    and only the few pages that existed before are journalled, so the load stays one atomic,
    crash-safe transaction (synchronous=FULL while it lasts)."""
    # "main." throughout: without it, journal_mode would switch attached spool files too.
    if conn.exec_driver_sql("PRAGMA main.journal_mode").scalar() != "wal":
        return False
    wait = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    conn.exec_driver_sql("PRAGMA busy_timeout=0")  # another connection: do not wait for it
    try:
        switched = conn.exec_driver_sql("PRAGMA main.journal_mode=DELETE").scalar() == "delete"
    except OperationalError:  # the file is open elsewhere: load in WAL mode
        conn.rollback()
        switched = False
    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait or 0)}")
    if switched:
        conn.exec_driver_sql("PRAGMA main.synchronous=FULL")
    return switched

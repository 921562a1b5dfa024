"""Change capture and per-field version vectors.

Every write (app.care.writes) and every merge moves the record to the end of the change log
(`sync_changes`), which is what export selects from. Every change of a field after the
record's creation also advances that field's version vector {office: hlc of its latest
change of the field}. Two vectors tell whether one office had seen the other's change when
it made its own: if neither covers the other, the two offices changed the field "since they
last agreed" and the merge keeps a conflict instead of deciding silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

Vector = dict[str, str]  # office → hlc of that office's latest change of the field; BY → author
Vectors = dict[str, Vector]  # field → vector

# The stamp of the write whose value the field holds (its office is the value's author, which
# ownership checks): after a concurrent merge the vector covers both writes, but the value is
# one of them.
BY = "by"


def _counters(v: Vector) -> dict[str, str]:
    return {k: s for k, s in v.items() if k != BY}


def dominates(a: Vector, b: Vector) -> bool:
    """a has seen everything b has (a ≥ b component-wise)."""
    return all(a.get(office, "") >= stamp for office, stamp in _counters(b).items())


def compare(local: Vector, remote: Vector) -> str:
    """"same", "local" (local is newer and has seen remote), "remote", or "concurrent"."""
    ge, le = dominates(local, remote), dominates(remote, local)
    if ge and le:
        return "same"
    if ge:
        return "local"
    if le:
        return "remote"
    return "concurrent"


def join(a: Vector, b: Vector, by: str | None = None) -> Vector:
    """Both vectors' counters; the author is `by` (default: the later of the two authors)."""
    out = _counters(a)
    for office, stamp in _counters(b).items():
        if stamp > out.get(office, ""):
            out[office] = stamp
    author = by if by is not None else max(by_stamp(a), by_stamp(b))
    if author:
        out[BY] = author
    return out


def by_stamp(v: Vector) -> str:
    """The stamp of the value's write ("" for a field unchanged since its creation)."""
    return v.get(BY) or max(_counters(v).values(), default="")


def author(v: Vector, origin: str) -> str:
    """The office that wrote the field's current value (the record's creator if unchanged)."""
    stamp = by_stamp(v)
    return stamp.split(".", 2)[2] if stamp else origin


def load_vectors(text_: str | None) -> Vectors:
    return json.loads(text_) if text_ else {}


def dump_vectors(vectors: Vectors | Vector) -> str:  # (a conflict keeps one field's vector)
    return json.dumps(vectors, sort_keys=True, separators=(",", ":"))


# ---- writing the log -----------------------------------------------------------------------

def log_changes(conn: Connection, table: str, ids: Iterable[str], via: str | None = None) -> None:
    """Move these records to the end of the change log (one row per record)."""
    rows = [(table, rid, via) for rid in ids]
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        # REPLACE deletes the record's old row and inserts it again with the next seq.
        conn.exec_driver_sql("INSERT OR REPLACE INTO sync_changes (table_name, record_id, via_office) "
                             "VALUES (?, ?, ?)", rows)
        return
    params = [{"t": t, "r": r, "v": v} for t, r, v in rows]
    conn.execute(text("DELETE FROM sync_changes WHERE table_name = :t AND record_id = :r"), params)
    conn.execute(text("INSERT INTO sync_changes (table_name, record_id, via_office) VALUES (:t, :r, :v)"),
                 params)


def read_vectors(conn: Connection, table: str, record_id: str) -> Vectors:
    found = conn.execute(text("SELECT vectors_json FROM sync_field_versions WHERE table_name = :t "
                              "AND record_id = :r"), {"t": table, "r": record_id}).scalar()
    return load_vectors(found)


def write_vectors(conn: Connection, table: str, record_id: str, vectors: Vectors) -> None:
    params = {"t": table, "r": record_id, "v": dump_vectors(vectors)}
    conn.execute(text("DELETE FROM sync_field_versions WHERE table_name = :t AND record_id = :r"), params)
    if vectors:
        conn.execute(text("INSERT INTO sync_field_versions (table_name, record_id, vectors_json) "
                          "VALUES (:t, :r, :v)"), params)


def note_write(session: Session, table: str, record_id: str, fields: Iterable[str], stamp: str,
               office: str) -> None:
    """A local write (app.care.writes): log the record, advance the changed fields' vectors."""
    conn = session.connection()
    log_changes(conn, table, [record_id])
    fields = list(fields)
    if fields:
        vectors = read_vectors(conn, table, record_id)
        for f in fields:
            vector = vectors.setdefault(f, {})
            vector[office] = stamp
            vector[BY] = stamp
        write_vectors(conn, table, record_id, vectors)


def jsonable(value: Any) -> Any:
    """A value as it appears in a conflict's stored JSON."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return sorted(value)
    return value

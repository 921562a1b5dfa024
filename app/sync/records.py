"""The wire form of travelling records: one JSON object per record, one JSON line per record
in the part `<table>.jsonl`.

Values are JSON-native: text, integers, booleans, null; dates as "YYYY-MM-DD"; a category
set as its stored canonical text (",a,b,"). A record's field version vectors ride along
under the key "_v" (no column begins with an underscore). On SQLite the wire values are
exactly what the database stores, so rows go in and out through the driver unchanged but
for booleans; elsewhere they are converted to Python values for SQLAlchemy Core.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Integer, insert, select, text

from app.care.errors import ServiceError
from app.models import SYNCED_MODELS, Base
from app.models.base import CodeSet

VECTORS_KEY = "_v"
TABLES = tuple(m.__tablename__ for m in SYNCED_MODELS)
ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HLC = re.compile(r"^\d{13}\.\d{5}\.\d{6,12}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OFFICE = re.compile(r"^\d{6,12}$")


class BadRecord(ServiceError):
    """A record in a bundle that this app cannot take: the whole bundle is refused."""

    code = "bad_record"


@dataclass(frozen=True)
class Layout:
    table: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # per column: "str", "int", "bool", "date", "codes"
    nullable: tuple[bool, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns a merge compares field by field (all but the record's own stamps)."""
        return tuple(c for c in self.columns if c not in ("id", "origin_office", "modified_office", "hlc"))


@cache
def layout(table: str) -> Layout:
    t = Base.metadata.tables[table]
    kinds = []
    for c in t.columns:
        if isinstance(c.type, CodeSet):
            kinds.append("codes")
        elif isinstance(c.type, Boolean):
            kinds.append("bool")
        elif isinstance(c.type, Date):
            kinds.append("date")
        elif isinstance(c.type, Integer):  # BigInteger too
            kinds.append("int")
        else:
            kinds.append("str")
    return Layout(table, tuple(c.name for c in t.columns), tuple(kinds),
                  tuple(bool(c.nullable) and not c.primary_key for c in t.columns))


# ---- reading rows out of the database -----------------------------------------------------

def read_rows(conn: Connection, table: str, from_sql: str, where_sql: str,
              params: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows as wire dicts (with "_v" when the record has field vectors). `from_sql` names the
    table as `t` and may join; `where_sql` filters."""
    lay = layout(table)
    cols = ", ".join(f"t.{c}" for c in lay.columns)
    sql = (f"SELECT {cols}, v.vectors_json FROM {from_sql} LEFT JOIN sync_field_versions v "
           f"ON v.table_name = '{table}' AND v.record_id = t.id WHERE {where_sql}")
    raw = conn.dialect.name == "sqlite"
    out = []
    result = conn.exec_driver_sql(_positional(sql), _ordered(sql, params)) if raw else conn.execute(text(sql), params)
    converters = [_to_wire(k, raw) for k in lay.kinds]
    for row in result:
        rec = {c: (conv(v) if conv and v is not None else v)
               for c, conv, v in zip(lay.columns, converters, row, strict=False)}
        if row[-1]:
            rec[VECTORS_KEY] = json.loads(row[-1])
        out.append(rec)
    return out


_NAMED = re.compile(r":(\w+)")


def _positional(sql: str) -> str:
    return _NAMED.sub("?", sql)


def _ordered(sql: str, params: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(params[m] for m in _NAMED.findall(sql))


def _to_wire(kind: str, raw: bool) -> Any:
    if kind == "bool":
        return bool
    if raw:
        return None  # dates and code sets are stored as their wire text
    if kind == "date":
        return dt.date.isoformat
    if kind == "codes":
        return lambda v: "," + ",".join(sorted(set(v))) + "," if v else ","
    return None


# ---- checking and writing incoming rows ---------------------------------------------------

def check_record(table: str, rec: Any) -> dict[str, Any]:
    """A record from a bundle, checked value by value against the table's columns."""
    lay = layout(table)
    if not isinstance(rec, dict):
        raise _bad(table, "?", "不是一条记录")
    rid = rec.get("id")
    if not isinstance(rid, str) or not ID.match(rid):
        raise _bad(table, str(rid)[:40], "编号格式不对")
    unknown = set(rec) - set(lay.columns) - {VECTORS_KEY}
    if unknown:
        raise _bad(table, rid, f"有本软件不认识的字段 {sorted(unknown)[:3]}")
    for col, kind, nullable in zip(lay.columns, lay.kinds, lay.nullable, strict=True):
        value = rec.get(col)
        if value is None:
            if not nullable and col not in ("deleted",):
                raise _bad(table, rid, f"缺少字段 {col}")
            continue
        if not _fits(kind, value):
            raise _bad(table, rid, f"字段 {col} 的值类型不对")
    if not HLC.match(rec["hlc"]) or not OFFICE.match(rec["origin_office"]) or not OFFICE.match(rec["modified_office"]):
        raise _bad(table, rid, "时钟或单位代码格式不对")
    rec.setdefault("deleted", False)
    vectors = rec.get(VECTORS_KEY)
    if vectors is not None and not _vectors_ok(vectors, lay):
        raise _bad(table, rid, "字段版本格式不对")
    return rec


def _fits(kind: str, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, str) and bool(ISO_DATE.match(value))
    if kind == "codes":
        return isinstance(value, str) and value.startswith(",") and value.endswith(",")
    return isinstance(value, str)


def _vectors_ok(vectors: Any, lay: Layout) -> bool:
    if not isinstance(vectors, dict):
        return False
    for field, vec in vectors.items():
        if field not in lay.fields or not isinstance(vec, dict):
            return False
        for office, stamp in vec.items():
            if not (isinstance(office, str) and (office == "by" or OFFICE.match(office))
                    and isinstance(stamp, str) and HLC.match(stamp)):
                return False
    return True


def _bad(table: str, rid: str, what: str) -> BadRecord:
    return BadRecord(f"数据包中 {table} 表的记录 {rid} {what}，整个数据包未导入。请让发送单位升级软件后重新导出。",
                     f"Record {rid} of {table} in the bundle is malformed ({what}); nothing was imported.")


def insert_records(conn: Connection, table: str, records: list[dict[str, Any]]) -> None:
    if not records:
        return
    lay = layout(table)
    if conn.dialect.name == "sqlite":
        sql = f"INSERT INTO {table} ({', '.join(lay.columns)}) VALUES ({', '.join('?' * len(lay.columns))})"
        conn.exec_driver_sql(sql, [tuple(map(r.get, lay.columns)) for r in records])
        return
    conn.execute(insert(Base.metadata.tables[table]), [_typed(lay, r) for r in records])


def update_record(conn: Connection, table: str, rid: str, values: dict[str, Any]) -> None:
    lay = layout(table)
    if conn.dialect.name == "sqlite":
        cols = list(values)
        conn.exec_driver_sql(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                             (*[values[c] for c in cols], rid))
        return
    t = Base.metadata.tables[table]
    conn.execute(t.update().where(t.c.id == rid).values(**_typed(lay, values)))


def _typed(lay: Layout, rec: dict[str, Any]) -> dict[str, Any]:
    kinds = dict(zip(lay.columns, lay.kinds, strict=True))
    out = {}
    for col, value in rec.items():
        if col not in kinds:
            continue
        if value is not None and kinds[col] == "date":
            value = dt.date.fromisoformat(value)
        elif value is not None and kinds[col] == "codes":
            value = tuple(c for c in value.split(",") if c)
        out[col] = value
    return out


def existing(conn: Connection, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The local versions of these records, as wire dicts, by id."""
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join(f":i{k}" for k in range(len(chunk)))
        rows = read_rows(conn, table, f"{table} t", f"t.id IN ({marks})",
                         {f"i{k}": v for k, v in enumerate(chunk)})
        found.update((r["id"], r) for r in rows)
    return found


def known_ids(conn: Connection, table: str, ids: list[str]) -> set[str]:
    t = Base.metadata.tables[table]
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        out.update(conn.execute(select(t.c.id).where(t.c.id.in_(ids[i:i + 500]))).scalars())
    return out

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
from operator import itemgetter
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

VIA_KEY = "_via"  # read_rows(…, via=True): the office whose bundle brought the version


def read_rows(conn: Connection, table: str, from_sql: str, where_sql: str,
              params: dict[str, Any], *, via: bool = False) -> list[dict[str, Any]]:
    """Rows as wire dicts (with "_v" when the record has field vectors). `from_sql` names the
    table as `t` and may join; `where_sql` filters. `via`: `from_sql` joins the change log as
    `c`, and each row has its `via_office` under VIA_KEY (for the caller to take out)."""
    lay = layout(table)
    cols = ", ".join(f"t.{c}" for c in lay.columns)
    sql = (f"SELECT {cols}, v.vectors_json{', c.via_office' if via else ''} FROM {from_sql} "
           f"LEFT JOIN sync_field_versions v ON v.table_name = '{table}' AND v.record_id = t.id WHERE {where_sql}")
    raw = conn.dialect.name == "sqlite"
    out = []
    result = conn.exec_driver_sql(_positional(sql), _ordered(sql, params)) if raw else conn.execute(text(sql), params)
    converted = [(c, conv) for c, conv in zip(lay.columns, (_to_wire(k, raw) for k in lay.kinds), strict=True)
                 if conv is not None]
    n = len(lay.columns)
    for row in result.fetchall():  # one driver call, not one per row
        rec = dict(zip(lay.columns, row[:n], strict=True))
        for c, conv in converted:
            if rec[c] is not None:
                rec[c] = conv(rec[c])
        if row[n]:
            rec[VECTORS_KEY] = json.loads(row[n])
        if via:
            rec[VIA_KEY] = row[n + 1]
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
        # a textual SELECT hands back the stored ",a,b," text; a typed one a tuple
        return lambda v: v if isinstance(v, str) else "," + ",".join(sorted(set(v))) + "," if v else ","
    return None


# ---- checking and writing incoming rows ---------------------------------------------------

def check_records(table: str, records: list[Any]) -> list[dict[str, Any]]:
    """Records from a bundle, checked value by value against the table's columns. Checked a
    column at a time, with the per-value tests run by map() in C: a township imports a
    hundred thousand records at once."""
    lay = layout(table)
    allowed = set(lay.columns) | {VECTORS_KEY}
    for rec in records:
        if not isinstance(rec, dict):
            raise _bad(table, "?", "不是一条记录")
        if not rec.keys() <= allowed:
            rid = str(rec.get("id"))[:40]
            raise _bad(table, rid, f"有本软件不认识的字段 {sorted(set(rec) - allowed)[:3]}")
        if rec.get("deleted") is None:
            rec["deleted"] = False
    try:  # every column present, as export writes them: tuples built in C
        rows = list(map(itemgetter(*lay.columns), records))
    except KeyError:
        rows = [tuple(r.get(c) for c in lay.columns) for r in records]
    by_column = dict(zip(lay.columns, zip(*rows, strict=True), strict=True)) if rows else {}
    for col, kind, nullable in zip(lay.columns, lay.kinds, lay.nullable, strict=True):
        values = list(by_column.get(col, ()))
        present = [v for v in values if v is not None] if nullable else values
        if not nullable and None in values:
            raise _bad(table, _first_id(records, values, None), f"缺少字段 {col}")
        types = set(map(type, present))
        if not types <= _TYPES[kind] or (kind in _PATTERN and not all(map(_PATTERN[kind].match, present))):
            bad = next(v for v in present if type(v) not in _TYPES[kind] or
                       (kind in _PATTERN and not _PATTERN[kind].match(v)))
            raise _bad(table, _first_id(records, values, bad), f"字段 {col} 的值类型不对")
        if kind == "date":
            try:  # a real calendar date (the pattern lets 2026-02-30 through)
                for _ in map(dt.date.fromisoformat, present):
                    pass
            except ValueError:
                bad = next(v for v in present if not _is_date(v))
                raise _bad(table, _first_id(records, values, bad), f"字段 {col} 不是有效日期") from None
    for pattern, col, what in ((ID, "id", "编号格式不对"), (HLC, "hlc", "时钟格式不对"),
                               (OFFICE, "origin_office", "单位代码格式不对"),
                               (OFFICE, "modified_office", "单位代码格式不对")):
        values = list(by_column.get(col, ()))
        if not all(map(pattern.match, values)):
            bad = next(v for v in values if not pattern.match(v))
            raise _bad(table, _first_id(records, values, bad), what)
    for rec in records:
        vectors = rec.get(VECTORS_KEY)
        if vectors is not None and not _vectors_ok(vectors, lay):
            raise _bad(table, rec["id"], "字段版本格式不对")
    from app.sync.incoming import (  # the checks a local write passes
        check_category_rules,
        check_values,
    )

    check_values(table, lay.columns, lay.kinds, by_column,
                 lambda values, v: _first_id(records, values, v), lambda rid, what: _bad(table, rid, what))
    if table == "recipients":
        check_category_rules(records, lambda rid, what: _bad(table, rid, what))
    return records


def check_record(table: str, rec: Any) -> dict[str, Any]:
    return check_records(table, [rec])[0]


def _is_date(text_: str) -> bool:
    try:
        dt.date.fromisoformat(text_)
    except ValueError:
        return False
    return True


def _first_id(records: list[dict[str, Any]], values: list[Any], bad: Any) -> str:
    return str(records[values.index(bad)].get("id"))[:40]


_TYPES: dict[str, set[type]] = {"bool": {bool}, "int": {int}, "date": {str}, "codes": {str}, "str": {str}}
_CODES = re.compile(r"^,([a-z_]+,)*$")
_PATTERN = {"date": ISO_DATE, "codes": _CODES}


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
    """The local versions of these records, as wire dicts, by id. The ids are looked up first
    (an index-only probe), so a township's first import reads no rows at all."""
    found: dict[str, dict[str, Any]] = {}
    here = known_ids(conn, table, ids)
    hits = [i for i in ids if i in here]
    for i in range(0, len(hits), 500):
        chunk = hits[i:i + 500]
        marks = ", ".join(f":i{k}" for k in range(len(chunk)))
        rows = read_rows(conn, table, f"{table} t", f"t.id IN ({marks})",
                         {f"i{k}": v for k, v in enumerate(chunk)})
        found.update((r["id"], r) for r in rows)
    return found


def known_ids(conn: Connection, table: str, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        if conn.dialect.name == "sqlite":
            sql = f"SELECT id FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})"
            out.update(r[0] for r in conn.exec_driver_sql(sql, tuple(chunk)))
        else:
            t = Base.metadata.tables[table]
            out.update(conn.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
    return out

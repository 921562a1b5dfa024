"""Merging the records of a bundle into this database without losing anything.

- A record not here is inserted as it came, with its original office and clock.
- A record here in the same version (same clock, same field versions) is unchanged: merging
  the same immutable event (care record, school-file entry, service, attachment) twice, or
  the same bundle twice, changes nothing.
- Otherwise field by field, using the fields' version vectors (app/sync/versions.py):
  the side that has seen the other's change wins; when neither has ("changed since they last
  agreed") both values are kept in a conflict and the row shows the later one (hybrid
  logical clock, the office code breaking ties) — unless only one of the two writers owns the
  field (app/sync/ownership.py), whose value is then shown. A newer change by an office that
  does not own the field is not applied and is kept as a conflict. The ID number, birth date,
  categories and health fields are never decided silently: whenever the versions diverge
  there is a conflict.
- Deletions are tombstones, the field `deleted` like any other. A deletion against an edit
  the deleting office had not seen: the deletion wins (the record stays deleted) and a
  conflict "deleted while edited elsewhere" is listed, with the edit kept in the row, so a
  person can restore it. Why the deletion wins regardless of clock order: an edit made
  without knowing of the deletion says nothing about whether the record should exist (it
  was a duplicate, or entered in error), and clocks of offices that had not seen each other
  order nothing meaningful; the result is the same in every office in any order.

Both sides of any merge compute the same result from the same two versions, so offices
that have exchanged everything hold the same data whatever order bundles arrived in.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, clock, save_clock
from app.care.hlc import Stamp
from app.care.name_index import refresh_name_keys
from app.care.search import name_keys
from app.sync import ownership, versions
from app.sync.conflicts import keep_conflict, settle_conflicts
from app.sync.records import (
    TABLES,
    VECTORS_KEY,
    BadRecord,
    check_records,
    existing,
    insert_records,
    layout,
    update_record,
)
from app.sync.versions import Vectors

# Test hook for the kill test: after merging this many tables, write the file named by
# GUANAI_SYNC_PAUSE_FILE and wait, so a test can kill the process in the middle of a merge.
PAUSE_ENV = "GUANAI_SYNC_PAUSE_FILE"
MAX_AHEAD_S = 86_400  # how far ahead of this laptop's clock a remote stamp may pull it


@dataclass
class MergeStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    duplicates: int = 0
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)
    inserted_ids: dict[str, list[str]] = field(default_factory=dict)
    recipient_ids: list[str] = field(default_factory=list)

    def count(self, table: str, what: str, n: int = 1) -> None:
        setattr(self, what, getattr(self, what) + n)
        t = self.by_table.setdefault(table, {})
        t[what] = t.get(what, 0) + n


def parse_part(table: str, data: bytes) -> list[dict[str, Any]]:
    """A `<table>.jsonl` part, decoded and checked. JSON text never holds a raw newline, so
    the lines joined with commas are one JSON array: one decoder call for the whole part."""
    body = b",".join(line for line in data.split(b"\n") if line.strip())
    try:
        records = json.loads(b"[" + body + b"]")
    except ValueError:
        n = next(i for i, line in enumerate(data.split(b"\n"), 1) if line.strip() and not _json_ok(line))
        raise BadRecord(f"数据包中 {table} 表第 {n} 行不是有效的 JSON，整个数据包未导入。",
                        f"Line {n} of {table} is not valid JSON; nothing was imported.") from None
    return check_records(table, records)


def _json_ok(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


# Fields worked out from others (the name's search keys): each office computes them itself
# from the merged name, so an office on another version of the rule never makes a conflict
# or an echo of them.
DERIVED: dict[str, frozenset[str]] = {"recipients": frozenset({"name_pinyin", "name_initials"})}


def merge_records(session: Session, actor: Actor, tables: dict[str, list[dict[str, Any]]], *,
                  from_office: str, bundle_id: str | None) -> MergeStats:
    """Merge checked records (table → wire dicts) inside the caller's transaction."""
    conn = session.connection()
    stats = MergeStats()
    top = max((r["hlc"] for recs in tables.values() for r in recs), default=None)
    if top:  # the receiving clock observes remote stamps: later local edits come after them
        # ... but a laptop whose clock runs days ahead does not drag this office's clock along
        # (its records keep their stamps; what is newer is decided by version vectors).
        limit = int((time.time() + MAX_AHEAD_S) * 1000)
        stamp = Stamp.decode(top)
        clock(session, actor).observe(stamp if stamp.wall_ms <= limit else Stamp(limit, 0, stamp.office))
        save_clock(session)
    villages = _VillageLookup(conn)
    merged_tables = 0
    for table in TABLES:
        records = tables.get(table)
        if not records:
            continue
        if table == "recipients":
            villages.add(records)
        _merge_table(session, conn, actor, table, records, from_office, bundle_id, villages, stats)
        merged_tables += 1
        _maybe_pause(merged_tables)
    if tables.get("recipients"):  # keys from an office on an older version: as this one computes them
        refresh_name_keys(conn, (r["id"] for r in tables["recipients"]))
    return stats


def _maybe_pause(done: int) -> None:
    path = os.environ.get(PAUSE_ENV)
    if path and done == 1:
        with open(path, "w") as f:
            f.write("merging")
        time.sleep(120)


class _VillageLookup:
    """A recipient's village, from this bundle or this database (for ownership)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[str, str | None] = {}

    def add(self, recipients: list[dict[str, Any]]) -> None:
        self.known.update((r["id"], r["village_code"]) for r in recipients)

    def __call__(self, recipient_id: str) -> str | None:
        if recipient_id not in self.known:
            self.known[recipient_id] = self.conn.execute(
                text("SELECT village_code FROM recipients WHERE id = :i"), {"i": recipient_id}).scalar()
        return self.known[recipient_id]


def _merge_table(session: Session, conn: Connection, actor: Actor, table: str,
                 records: list[dict[str, Any]], from_office: str, bundle_id: str | None,
                 villages: Callable[[str], str | None], stats: MergeStats) -> None:
    # A record twice in one part (a sender never writes that): its later version.
    by_id: dict[str, dict[str, Any]] = {}
    for rec in records:
        if rec["id"] not in by_id or rec["hlc"] >= by_id[rec["id"]]["hlc"]:
            by_id[rec["id"]] = rec
    here = existing(conn, table, list(by_id))
    new = [r for rid, r in by_id.items() if rid not in here]
    if table == "offices":
        new = _new_offices(conn, new, stats)
    elif ownership.TABLE_OWNER.get(table) == ownership.COUNTY:
        new = _county_records(conn, table, new, bundle_id, stats)
    insert_records(conn, table, new)
    vectors = [(r["id"], r[VECTORS_KEY]) for r in new if r.get(VECTORS_KEY)]
    if vectors:
        conn.execute(text("INSERT INTO sync_field_versions (table_name, record_id, vectors_json) "
                          "VALUES (:t, :r, :v)"),
                     [{"t": table, "r": rid, "v": versions.dump_vectors(v)} for rid, v in vectors])
    versions.log_changes(conn, table, [r["id"] for r in new], via=from_office)
    if new:
        stats.count(table, "inserted", len(new))
        stats.inserted_ids.setdefault(table, []).extend(r["id"] for r in new)
        if table == "recipients":
            stats.recipient_ids.extend(r["id"] for r in new)
    if table == "offices":
        return  # an office already known is kept as it is (offices merge by code)
    for rid, remote in by_id.items():
        if rid in here:
            _merge_one(session, conn, actor, table, here[rid], remote, from_office, bundle_id,
                       villages, stats)


def _new_offices(conn: Connection, new: list[dict[str, Any]], stats: MergeStats) -> list[dict[str, Any]]:
    """Each database registers the offices it knows under ids of its own: match by code."""
    codes = set(conn.execute(text("SELECT code FROM offices")).scalars())
    fresh = []
    for r in new:
        if r["code"] not in codes:
            codes.add(r["code"])
            fresh.append(r)
    if len(fresh) < len(new):
        stats.count("offices", "unchanged", len(new) - len(fresh))
    return fresh


def _county_records(conn: Connection, table: str, new: list[dict[str, Any]], bundle_id: str | None,
                    stats: MergeStats) -> list[dict[str, Any]]:
    """County policy made by another office is not taken in: listed for a person instead."""
    ok = [r for r in new if len(r["origin_office"]) == ownership.COUNTY_CODE_LENGTH]
    for r in new:
        if len(r["origin_office"]) != ownership.COUNTY_CODE_LENGTH:
            stats.count(table, "conflicts", keep_conflict(
                conn, table, r["id"], "id", "not_owner", None, {k: v for k, v in r.items() if k != VECTORS_KEY},
                {}, {}, "", r["origin_office"], "local", bundle_id))
    return ok


def _merge_one(session: Session, conn: Connection, actor: Actor, table: str, local: dict[str, Any],
               remote: dict[str, Any], from_office: str, bundle_id: str | None,
               villages: Callable[[str], str | None], stats: MergeStats) -> None:
    lv_all: Vectors = local.get(VECTORS_KEY) or {}
    rv_all: Vectors = remote.get(VECTORS_KEY) or {}
    if local["hlc"] == remote["hlc"] and lv_all == rv_all:
        stats.count(table, "unchanged")
        return
    lay = layout(table)
    values: dict[str, Any] = {}
    merged: Vectors = {}
    conflicts = 0
    creation = _creation_winner(local, remote)
    derived = DERIVED.get(table, frozenset())
    for f in lay.fields:
        lv, rv = lv_all.get(f, {}), rv_all.get(f, {})
        if f in derived:  # worked out here from the merged fields, below: never a conflict
            if lv or rv:
                merged[f] = versions.join(lv, rv)
            continue
        a, b = local.get(f), remote.get(f)
        order = versions.compare(lv, rv)
        if a == b:
            if lv or rv:
                merged[f] = versions.join(lv, rv)
            continue
        l_auth = versions.author(lv, local["origin_office"])
        r_auth = versions.author(rv, remote["origin_office"])
        if order == "local":
            merged[f] = lv
            continue
        if order == "remote":
            if ownership.may_change(table, f, local, r_auth, villages):
                values[f], merged[f] = b, rv
                settle_conflicts(conn, table, local["id"], f, rv)
            else:  # a change by an office that does not own the field: kept, not applied
                if lv:
                    merged[f] = lv
                conflicts += keep_conflict(conn, table, local["id"], f, "not_owner", a, b, lv, rv,
                                           l_auth, r_auth, "local", bundle_id)
            continue
        sensitive = ownership.is_sensitive(table, f)
        if order == "same":  # nobody changed it, yet it differs: two creations of one seeded id
            if lv:
                merged[f] = lv
            shown = creation
            if not sensitive:  # the same choice in every office: nothing for a person to decide
                if shown == "remote":
                    values[f] = b
                continue
        else:  # concurrent: both changed it since they last agreed
            shown = _shown(table, f, local, lv, rv, l_auth, r_auth, villages)
            merged[f] = versions.join(lv, rv, by=versions.by_stamp(rv if shown == "remote" else lv))
        if shown == "remote":
            values[f] = b
        conflicts += keep_conflict(conn, table, local["id"], f, "sensitive" if sensitive else "concurrent",
                                   a, b, lv, rv, l_auth, r_auth, shown, bundle_id)
    conflicts += _deleted_against_edit(conn, table, local, remote, lv_all, rv_all, bundle_id)
    if derived and "name" in values:
        values["name_pinyin"], values["name_initials"] = name_keys(values["name"] or "")
    if creation == "remote":
        values["origin_office"] = remote["origin_office"]
    changed = bool(values) or merged != lv_all
    if changed and remote["hlc"] > local["hlc"]:  # the record's clock: the later of the two
        values["hlc"] = remote["hlc"]
        values["modified_office"] = remote["modified_office"]
    if values:
        update_record(conn, table, local["id"], values)
    if merged != lv_all:
        versions.write_vectors(conn, table, local["id"], merged)
    if conflicts:
        stats.count(table, "conflicts", conflicts)
    if not changed:
        stats.count(table, "unchanged")
        return
    after = {**local, **values}
    took_all = merged == rv_all and all(after.get(c) == remote.get(c) for c in lay.columns if c not in derived)
    # A version exactly as the sender has it is not sent back there; a merged one is.
    versions.log_changes(conn, table, [local["id"]], via=from_office if took_all else None)
    stats.count(table, "updated")
    if table == "recipients":
        stats.recipient_ids.append(local["id"])
    shown = {k: [versions.jsonable(local.get(k)), versions.jsonable(v)] for k, v in values.items()
             if k not in ("hlc", "modified_office")}
    writes.audit(session, actor, "merge", table, local["id"],
                 shown or {"versions": [None, "merged"]}, values.get("hlc", local["hlc"]))


def _creation_winner(local: dict[str, Any], remote: dict[str, Any]) -> str:
    """Two creations of one record id (records every office seeds alike, such as the care
    rules): the higher office's creation stands (a shorter code), then the lower code."""
    lo, ro = local["origin_office"], remote["origin_office"]
    if lo == ro:
        return "local"
    return "remote" if (len(ro), ro) < (len(lo), lo) else "local"


def _shown(table: str, f: str, local: dict[str, Any], lv: dict[str, str], rv: dict[str, str],
           l_auth: str, r_auth: str, villages: Callable[[str], str | None]) -> str:
    """Which of two concurrent values the row shows: the owner's when only one side owns the
    field, otherwise the later (hybrid logical clock; the office code breaks ties)."""
    l_owns = ownership.may_change(table, f, local, l_auth, villages)
    r_owns = ownership.may_change(table, f, local, r_auth, villages)
    if l_owns != r_owns:
        return "local" if l_owns else "remote"
    return "remote" if versions.by_stamp(rv) > versions.by_stamp(lv) else "local"


def _deleted_against_edit(conn: Connection, table: str, local: dict[str, Any], remote: dict[str, Any],
                          lv_all: Vectors, rv_all: Vectors, bundle_id: str | None) -> int:
    """One side deleted the record without having seen an edit the other side made: the
    deletion stands (merged as the field `deleted`) and the edit stays in the row; listed."""
    l_del, r_del = bool(local.get("deleted")), bool(remote.get("deleted"))
    if l_del == r_del:
        return 0
    deleter_v, editor_v = (lv_all, rv_all) if l_del else (rv_all, lv_all)
    unseen = [f for f, v in editor_v.items()
              if f != "deleted" and not versions.dominates(deleter_v.get(f, {}), v)]
    if not unseen:
        return 0
    d_auth = versions.author(deleter_v.get("deleted", {}), (local if l_del else remote)["origin_office"])
    e_auth = versions.author(editor_v[unseen[0]], (remote if l_del else local)["origin_office"])
    l_auth, r_auth = (d_auth, e_auth) if l_del else (e_auth, d_auth)
    return keep_conflict(conn, table, local["id"], "deleted", "deleted_edited", l_del, r_del,
                         lv_all.get("deleted", {}), rv_all.get("deleted", {}), l_auth, r_auth,
                         "local" if l_del else "remote", bundle_id)

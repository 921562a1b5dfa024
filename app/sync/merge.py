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
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app.care import locks as period_locks
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
from app.sync.scope import UnitLookup, may_create, may_write
from app.sync.versions import Vectors

MAX_AHEAD_S = 2 * 86_400  # how far ahead of this laptop's clock a stamp in a bundle may be


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
    # Records not taken in yet (see LayerData): {"table", "id", "office", "claimed", "reason", "detail"}
    held_records: list[dict[str, str]] = field(default_factory=list)
    released: int = 0  # records held by earlier bundles taken in now

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


@dataclass
class LayerData:
    """The records of one layer (app/sync/layers.py): one office's, as it signed them."""

    author: str
    sha256: str | None  # the kept layer's (None: not kept, e.g. a format-1 bundle)
    tables: dict[str, list[dict[str, Any]]]


class ScopeRefused(BadRecord):
    """A record outside its author's part of the tree: the whole bundle is refused."""

    code = "out_of_scope"


def _refuse_scope(table: str, rid: str, author: str, unit: str | None) -> ScopeRefused:
    where = f"属于 {unit}" if unit else "所属单位不明"
    return ScopeRefused(
        f"数据包中 {_table_words(table)}（{table}）的记录 {rid} {where}，不在写入它的单位 {author} 的管辖范围内："
        f"{author} 无权新建或修改它。整个数据包未导入，请与 {author} 核实。",
        f"Record {rid} of {table} ({_table_words_en(table)}) belongs to {unit or 'an unknown unit'}, outside the scope "
        f"of {author}, which wrote it; "
        "nothing was imported.")


def _table_words_en(table: str) -> str:
    from app.models.codes import table_noun

    return table_noun(table, "en")


def _table_words(table: str) -> str:
    from app.models.codes import table_noun

    return table_noun(table)


def merge_records(session: Session, actor: Actor, tables: dict[str, list[dict[str, Any]]], *,
                  from_office: str, bundle_id: str | None, author: str | None = None) -> MergeStats:
    """Merge checked records of one office (`author`, default the sender) — see merge_layers."""
    return merge_layers(session, actor, [LayerData(author or from_office, None, tables)],
                        from_office=from_office, bundle_id=bundle_id)


def merge_layers(session: Session, actor: Actor, layers: list[LayerData], *, from_office: str,
                 bundle_id: str | None, retry: bool = True) -> MergeStats:
    """Merge the layers of a bundle (relayed ones first, the sender's own last) inside the
    caller's transaction. Each layer is believed only for what its author wrote: a value
    another office is said to have written, or a record another office made, waits for that
    office's own layer (held, listed, nothing written). A record outside its author's scope
    refuses the bundle (ScopeRefused)."""
    conn = session.connection()
    stats = MergeStats()
    here_code = actor.office_code
    _check_stamps(layers)
    top = max((r["hlc"] for layer in layers for recs in layer.tables.values() for r in recs), default=None)
    if top:  # the receiving clock observes remote stamps: later local edits come after them
        clock(session, actor).observe(Stamp.decode(top))
        save_clock(session)
    units = UnitLookup(conn, here_code)
    for layer in layers:
        for table in ("recipients", "mutual_aid_families"):
            units.add(table, layer.tables.get(table, ()))
    owners = {(a["owner_table"], a["owner_id"]) for layer in layers for a in layer.tables.get("attachments", ())}
    if owners:  # attachments may belong to records arriving in this same bundle
        for layer in layers:
            for table, records in layer.tables.items():
                units.add_owners(table, [r for r in records if (table, r["id"]) in owners])
    held: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    for table in TABLES:
        arriving = [(layer, layer.tables[table]) for layer in layers if layer.tables.get(table)]
        if not arriving:
            continue
        _merge_table(session, conn, actor, table, arriving, from_office, bundle_id, units, stats, held)
    recipients = [r for layer in layers for r in layer.tables.get("recipients", ())]
    if recipients:  # keys from an office on an older version: as this one computes them
        refresh_name_keys(conn, (r["id"] for r in recipients))
    _note_held(session, held, stats)
    if retry:  # what this bundle's authors (or new records, or an unlock) may now prove
        _retry_held(session, actor, from_office, bundle_id, stats, exclude={k[0] for k in held},
                    authors={layer.author for layer in layers if any(layer.tables.values())},
                    references=stats.inserted > 0, unlocked="period_locks" in stats.by_table)
    return stats


def _check_stamps(layers: list[LayerData]) -> None:
    """No clock stamp further ahead of this laptop's clock than MAX_AHEAD_S: a stamp years
    ahead would win every later comparison (an office could silence another's edits)."""
    limit = int((time.time() + MAX_AHEAD_S) * 1000)
    for layer in layers:
        for table, recs in layer.tables.items():
            for r in recs:
                stamps = [r["hlc"]] + [st for vec in (r.get(VECTORS_KEY) or {}).values() for st in vec.values()]
                for st in stamps:
                    if int(st[:13]) > limit:
                        ahead = (int(st[:13]) - time.time() * 1000) / 86_400_000
                        raise BadRecord(
                            f"数据包中 {table} 表的记录 {r['id']} 的时钟比本机快 {ahead:.0f} 天（{st[-12:].lstrip('.')} 的电脑日期可能设错了），"
                            f"超过允许的 {MAX_AHEAD_S // 86_400} 天，整个数据包未导入。请对方把电脑日期改正后重新导出，或先检查本机日期。",
                            f"Record {r['id']} of {table} carries a clock {ahead:.0f} days ahead of this laptop "
                            f"(more than {MAX_AHEAD_S // 86_400}); nothing was imported. Fix the sender's date.")


def _by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # A record twice in one layer (a down layer's parts overlap; a sender never writes that
    # otherwise): its later version.
    out: dict[str, dict[str, Any]] = {}
    for rec in records:
        if rec["id"] not in out or rec["hlc"] >= out[rec["id"]]["hlc"]:
            out[rec["id"]] = rec
    return out


def _merge_table(session: Session, conn: Connection, actor: Actor, table: str,
                 arriving: list[tuple[LayerData, list[dict[str, Any]]]], from_office: str,
                 bundle_id: str | None, units: UnitLookup, stats: MergeStats,
                 held: dict[tuple[str, str, str], tuple[str, str, str, str]]) -> None:
    per_layer = [(layer, _by_id(records)) for layer, records in arriving]
    if table == "offices":  # offices merge by code: one known here is kept as it is, whoever sent it
        codes = set(conn.execute(text("SELECT code FROM offices")).scalars())
        known = {rid for _, by_id in per_layer for rid, r in by_id.items() if r["code"] in codes}
        if known:
            stats.count("offices", "unchanged", len(known))
            per_layer = [(layer, {rid: r for rid, r in by_id.items() if rid not in known}) for layer, by_id in per_layer]
    ids = list(dict.fromkeys(rid for _, by_id in per_layer for rid in by_id))
    here = existing(conn, table, ids)
    lay = layout(table)
    # Records not here: made from the newest version whose every value some layer's author
    # signed (the maker's own layer for values unchanged since; the writer's for the others).
    new_rows: list[dict[str, Any]] = []
    made: set[str] = set()
    for rid in ids:
        if rid in here:
            continue
        found = [(layer, by_id[rid]) for layer, by_id in per_layer if rid in by_id]
        # Made from the newest version whose every value is proven; a version that is not (a
        # forgery beside the honest one) is merged after it, value by value, and held.
        candidate, problem = None, None
        for layer, version in sorted(found, key=lambda lv: lv[1]["hlc"], reverse=True):
            maker, writers = version["origin_office"], _writers(lay, version)
            # (the usual case, a record and every value of it by the layer's author, needs no search)
            found_problem = None if maker == layer.author and writers <= {maker} else \
                _unproven_creation(table, lay, version, found)
            if found_problem is None:
                candidate = version
                break
            problem = problem or found_problem
        if candidate is None:
            assert problem is not None
            claimed, detail = problem
            for lyr, _ in found:
                held[(lyr.sha256 or "", table, rid)] = (lyr.author, claimed, "unproven", detail)
            continue
        maker, writers = candidate["origin_office"], _writers(lay, candidate)
        unit = units(table, candidate)
        if unit is None and lay.columns and _refers(table):
            for lyr, _ in found:
                held[(lyr.sha256 or "", table, rid)] = (lyr.author, maker, "missing_reference",
                                                         "refers to a record not here")
            continue
        if not may_create(maker, table, unit):
            raise _refuse_scope(table, rid, maker, unit)
        for writer in writers:
            if not may_write(writer, table, unit):
                raise _refuse_scope(table, rid, writer, unit)
        locked = _locked_period(session, table, None, candidate, writers | {maker})
        if locked is not None:
            for lyr, _ in found:
                held[(lyr.sha256 or "", table, rid)] = (lyr.author, maker, LOCKED, locked)
            continue
        new_rows.append(candidate)
        made.add(rid)
    if table == "offices":
        new_rows = _new_offices(conn, new_rows, stats)
    insert_records(conn, table, new_rows)
    vectors = [(r["id"], r[VECTORS_KEY]) for r in new_rows if r.get(VECTORS_KEY)]
    if vectors:
        conn.execute(text("INSERT INTO sync_field_versions (table_name, record_id, vectors_json) "
                          "VALUES (:t, :r, :v)"),
                     [{"t": table, "r": rid, "v": versions.dump_vectors(v)} for rid, v in vectors])
    versions.log_changes(conn, table, [r["id"] for r in new_rows], via=from_office)
    if new_rows:
        stats.count(table, "inserted", len(new_rows))
        stats.inserted_ids.setdefault(table, []).extend(r["id"] for r in new_rows)
        if table == "recipients":
            stats.recipient_ids.extend(r["id"] for r in new_rows)
    if table == "offices":
        return  # an office already known is kept as it is (offices merge by code)
    if table == "period_locks":  # a lock (or an unlock) arriving: later tables are checked against it
        period_locks.forget(session)
    # Records here (and the other versions of those just made): each layer's version in turn,
    # the record read again when an earlier layer of this bundle changed it.
    made_from = {r["id"]: r for r in new_rows}
    dirty: set[str] = set()
    for layer, by_id in per_layer:
        stale = [rid for rid, remote in by_id.items() if (rid in dirty or rid not in here) and rid in made
                 and made_from[rid] is not remote and made_from[rid] != remote]
        here.update(existing(conn, table, stale))  # read once, together
        dirty -= set(stale)
        for rid, remote in by_id.items():
            if rid not in here and rid not in made:
                continue
            if made_from.get(rid) is remote or made_from.get(rid) == remote and rid not in dirty:
                continue  # the version the record was made from (or a copy of it from another layer)
            if rid in dirty:
                here[rid] = existing(conn, table, [rid])[rid]
            if _merge_one(session, conn, actor, table, here[rid], remote, from_office, bundle_id,
                          units, stats, layer, held):
                dirty.add(rid)
    if table == "period_locks":
        period_locks.forget(session)


def _refers(table: str) -> bool:
    from app.sync.scope import UNIT_OF

    rule = UNIT_OF.get(table)
    return rule is None or rule.kind in ("recipient", "family", "owner")


def _writers(lay: Any, row: dict[str, Any]) -> set[str]:
    """The offices the row's field versions name as the writers of its values."""
    out = set()
    for f, vec in (row.get(VECTORS_KEY) or {}).items():
        if f in lay.fields:
            out.add(versions.author(vec, row["origin_office"]))
    return out


def _unproven_creation(table: str, lay: Any, candidate: dict[str, Any],
                       found: list[tuple[LayerData, dict[str, Any]]]) -> tuple[str, str] | None:
    """None when every value of the candidate version (and its making) is signed by the
    office said to have written it; else (that office, what is missing)."""
    maker = candidate["origin_office"]
    if not any(layer.author == maker and rec["origin_office"] == maker for layer, rec in found):
        return maker, "created by an office whose own layer did not bring it"
    derived = DERIVED.get(table, frozenset())
    cv = candidate.get(VECTORS_KEY) or {}
    for f in lay.fields:
        if f in derived:
            continue
        vec = cv.get(f, {})
        writer, stamp = versions.author(vec, maker), versions.by_stamp(vec)
        if not any(layer.author == writer and rec.get(f) == candidate.get(f)
                   and versions.by_stamp((rec.get(VECTORS_KEY) or {}).get(f, {})) == stamp
                   for layer, rec in found):
            return writer, f"field {f} said to be written by {writer}"
    return None


def _note_held(session: Session, held: dict[tuple[str, str, str], tuple[str, str, str, str]],
               stats: MergeStats) -> None:
    """Keep what could not be believed yet, to try again and to list."""
    import datetime as dt

    from app.models import SyncHeld

    now = dt.datetime.now(dt.UTC)
    for (sha, table, rid), (author, claimed, reason, detail) in held.items():
        stats.held_records.append({"table": table, "id": rid, "office": author, "claimed": claimed,
                                   "reason": reason, "detail": detail})
        if not sha:
            continue
        row = session.get(SyncHeld, (sha, table, rid))
        if row is None:
            session.add(SyncHeld(layer_sha256=sha, table_name=table, record_id=rid, author=author,
                                 claimed=claimed, reason=reason, detail=detail, held_at=now))
    session.flush()


def release_unlocked(session: Session, actor: Actor) -> MergeStats:
    """Records held because their half year was locked, tried again after this office wrote
    an unlock (the county); an unlock arriving in a bundle does the same in merge_layers."""
    from sqlalchemy import select

    from app.models import SyncBlob, SyncHeld

    stats = MergeStats()
    period_locks.forget(session)
    layers = set(session.scalars(select(SyncHeld.layer_sha256).where(SyncHeld.reason == LOCKED)))
    if not layers:
        return stats
    # Each layer as if it arrived now from the office that sent it (it has the layer, so the
    # records are not sent back to it): the office we received it from.
    senders: dict[str, set[str]] = {}
    for sha in sorted(layers):
        sender = session.scalars(select(SyncBlob.office_code).where(
            SyncBlob.sha256 == sha, SyncBlob.sequence == 0).order_by(SyncBlob.office_code)).first()
        senders.setdefault(sender or actor.office_code, set()).add(sha)
    for sender, shas in senders.items():
        _retry_held(session, actor, sender, None, stats, exclude=layers - shas, authors=set(),
                    references=False, unlocked=True)
    return stats


def _retry_held(session: Session, actor: Actor, from_office: str, bundle_id: str | None,
                stats: MergeStats, exclude: set[str], authors: set[str], references: bool,
                unlocked: bool = False) -> None:
    """Records held by earlier bundles, tried again now that more has arrived (an honest
    relay whose proof travelled in a bundle that was lost and sent again): those said to
    be written by an author of this bundle, (when it added records) those that referred
    to a record not here, and (when a lock changed) those dated in a locked half year."""
    from sqlalchemy import ColumnElement, delete, or_, select

    from app.models import SyncHeld
    from app.sync import layers as L

    wanted_rows: list[ColumnElement[bool]] = [SyncHeld.claimed.in_(sorted(authors))]
    if references:
        wanted_rows.append(SyncHeld.reason == "missing_reference")
    if unlocked:
        wanted_rows.append(SyncHeld.reason == LOCKED)
    rows = list(session.scalars(select(SyncHeld).where(or_(*wanted_rows))))
    by_layer: dict[str, list[SyncHeld]] = {}
    for row in rows:
        if row.layer_sha256 not in exclude:
            by_layer.setdefault(row.layer_sha256, []).append(row)
    if not by_layer:
        return
    retried: list[LayerData] = []
    wanted: dict[str, set[str]] = {}
    for sha, held_rows in by_layer.items():
        layer = L.load(session, sha)
        if layer is None:
            continue
        ids = {(h.table_name, h.record_id) for h in held_rows}
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, datas in layer.tables().items():
            if any(t == table for t, _ in ids):
                recs = parse_part(table, b"\n".join(datas))
                tables[table] = [r for r in recs if (table, r["id"]) in ids]
        retried.append(LayerData(layer.author, sha, tables))
        wanted[sha] = {f"{t}:{i}" for t, i in ids}
    for sha, held_rows in by_layer.items():  # only those tried again (a layer may hold others)
        for h in held_rows if sha in wanted else ():
            session.execute(delete(SyncHeld).where(SyncHeld.layer_sha256 == sha, SyncHeld.table_name == h.table_name,
                                                   SyncHeld.record_id == h.record_id))
    again = merge_layers(session, actor, retried, from_office=from_office, bundle_id=bundle_id, retry=False)
    still = {(h["table"], h["id"]) for h in again.held_records}
    stats.released += sum(1 for sha, keys in wanted.items() for k in keys
                          if tuple(k.split(":", 1)) not in still)
    for what in ("inserted", "updated", "conflicts"):
        setattr(stats, what, getattr(stats, what) + getattr(again, what))
    stats.held_records = [h for h in stats.held_records if (h["table"], h["id"]) not in
                          {(t, i) for sha, keys in wanted.items() for t, i in (k.split(":", 1) for k in keys)}
                          or (h["table"], h["id"]) in still]


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


def _merge_one(session: Session, conn: Connection, actor: Actor, table: str, local: dict[str, Any],
               remote: dict[str, Any], from_office: str, bundle_id: str | None,
               units: UnitLookup, stats: MergeStats, layer: LayerData,
               held: dict[tuple[str, str, str], tuple[str, str, str, str]]) -> bool:
    """Merge one layer's version of a record here; True if the record changed. Only values
    the layer's author wrote are believed; one another office is said to have written is
    held back (listed) until that office's own layer brings it."""
    lv_all: Vectors = local.get(VECTORS_KEY) or {}
    rv_all: Vectors = remote.get(VECTORS_KEY) or {}
    if local["hlc"] == remote["hlc"] and lv_all == rv_all:
        stats.count(table, "unchanged")
        return False
    lay = layout(table)
    locked = _locked_change(session, table, lay, local, remote, lv_all, rv_all, layer)
    if locked is not None:
        held[(layer.sha256 or "", table, local["id"])] = (layer.author, layer.author, LOCKED, locked)
        return False
    unit = units(table, local)  # where the record belongs here: the owner rules read it
    unproven: list[tuple[str, str]] = []
    asserted = False  # the author says it changed something here: its scope is checked
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
        if r_auth != layer.author:  # said to be another office's value: believed from its own layer only
            unproven.append((f, r_auth))
            if lv:
                merged[f] = lv
            continue
        asserted = True
        if order == "remote":
            if ownership.may_change(table, f, local, r_auth, unit):
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
            shown = _shown(table, f, local, lv, rv, l_auth, r_auth, unit)
            merged[f] = versions.join(lv, rv, by=versions.by_stamp(rv if shown == "remote" else lv))
        if shown == "remote":
            values[f] = b
        conflicts += keep_conflict(conn, table, local["id"], f, "sensitive" if sensitive else "concurrent",
                                   a, b, lv, rv, l_auth, r_auth, shown, bundle_id)
    if asserted:
        after_unit = units(table, {**local, **values})
        if not (may_write(layer.author, table, unit) or may_write(layer.author, table, after_unit)):
            raise _refuse_scope(table, local["id"], layer.author, unit)
    if unproven:
        f, claimed = unproven[0]
        held[(layer.sha256 or "", table, local["id"])] = (
            layer.author, claimed, "unproven", f"field {f} said to be written by {claimed}")
    if not any(f == "deleted" for f, _ in unproven):
        conflicts += _deleted_against_edit(conn, table, local, remote, lv_all, rv_all, bundle_id)
    if derived and "name" in values:
        values["name_pinyin"], values["name_initials"] = name_keys(values["name"] or "")
    if creation == "remote" and remote["origin_office"] == layer.author:
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
        return False
    after = {**local, **values}
    took_all = merged == rv_all and all(after.get(c) == remote.get(c) for c in lay.columns if c not in derived)
    # A version exactly as the sender has it is not sent back there; a merged one is.
    versions.log_changes(conn, table, [local["id"]], via=from_office if took_all else None)
    stats.count(table, "updated")
    if table == "recipients":
        stats.recipient_ids.append(local["id"])
    diff = {k: [versions.jsonable(local.get(k)), versions.jsonable(v)] for k, v in values.items()
            if k not in ("hlc", "modified_office")}
    writes.audit(session, actor, "merge", table, local["id"],
                 diff or {"versions": [None, "merged"]}, values.get("hlc", local["hlc"]))
    return True


LOCKED = "period_locked"  # the sync_held reason of a record dated in a locked half year


def _locked_period(session: Session, table: str, old: dict[str, Any] | None, new: dict[str, Any] | None,
                   writers: set[str]) -> str | None:
    """Why a record (or change) arriving here may not be written yet: it is dated in a half
    year whose assessment was submitted (app/care/locks.py), and none of its writers is the
    office that locked it or one above (a village's back-dated call made offline before the
    lock reached it; the township's own records, and the county's, pass). None: write it."""
    found = period_locks.lock_touched(session, table, old=old, new=new)
    if found is None:
        return None
    lock, day, dated_table = found
    if any(lock.locked_by_office.startswith(w) for w in writers):
        return None
    return period_locks.refusal(lock, dated_table, day, attachment=table == "attachments").message()


def _locked_change(session: Session, table: str, lay: Any, local: dict[str, Any], remote: dict[str, Any],
                   lv_all: Vectors, rv_all: Vectors, layer: LayerData) -> str | None:
    """The lock a layer's version of a record here would break: the values it brings that
    are newer than (or concurrent with) this office's, checked as an edit (or a deletion)."""
    if table not in period_locks.DATED and table != "attachments":
        return None
    changes = {f: remote.get(f) for f in lay.fields if remote.get(f) != local.get(f)
               and versions.compare(lv_all.get(f, {}), rv_all.get(f, {})) != "local"}
    if not changes:
        return None
    if changes.get("deleted") and not local.get("deleted"):  # a deletion: every date of the record
        return _locked_period(session, table, local, None, {layer.author})
    return _locked_period(session, table, local, changes, {layer.author})


def _creation_winner(local: dict[str, Any], remote: dict[str, Any]) -> str:
    """Two creations of one record id (records every office seeds alike, such as the care
    rules): the higher office's creation stands (a shorter code), then the lower code."""
    lo, ro = local["origin_office"], remote["origin_office"]
    if lo == ro:
        return "local"
    return "remote" if (len(ro), ro) < (len(lo), lo) else "local"


def _shown(table: str, f: str, local: dict[str, Any], lv: dict[str, str], rv: dict[str, str],
           l_auth: str, r_auth: str, unit: str | None) -> str:
    """Which of two concurrent values the row shows: the owner's when only one side owns the
    field, otherwise the later (hybrid logical clock; the office code breaks ties)."""
    l_owns = ownership.may_change(table, f, local, l_auth, unit)
    r_owns = ownership.may_change(table, f, local, r_auth, unit)
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

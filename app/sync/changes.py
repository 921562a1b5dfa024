"""What a bundle to another office carries: the records in that office's scope that no
earlier bundle to it carried (and again those of bundles it reports lost), the
acknowledgements of what we received from it, and the attachment files those records refer
to that it does not have yet.

Part layout (parts are EXCHANGE's business; the envelope signs, encrypts and compresses them):
    <table>.jsonl            one JSON record per line (app/sync/records.py), per travelling table
    acks.json                {"imported": [sequences of the addressee's bundles imported here],
                              "imported_max": n, "missing": [those below n whose records have
                              not arrived], "resent": [the sender's own earlier bundles whose
                              records this one carries again; absent when none]}
    attachments/<sha256>     an attachment file, by content hash, sent once

Scope. Up (to the parent office): everything this office holds, including records relayed
from its villages with their original office and clock, except county policy (care rules),
which travels down only. Down (to a child office): only what concerns that office: records of
its recipients (status events, pairings, responsibilities, assignments, care work…), its
villages' mutual-aid families, supervision and assessments, assisting units, care rules and
the offices above it. A version that came from the addressee itself is never sent back.

What is sent (app/sync/exchange.py decides the ranges, app/sync/coverage.py explains them):
each bundle records the ranges of change-log positions it carried. The next bundle carries
the positions past the last bundle's, so exporting twice with nothing new gives a bundle with
no records. When the addressee's acknowledgements show that a bundle of ours never arrived
(it imported a later one, or names it missing), the next bundle carries that bundle's ranges
again; `resend` carries every range the addressee has not acknowledged. The first bundle
carries everything in scope, rows never logged (loaded in bulk, or written before sync
existed) included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from app.care.attachments import blob_path, read_blob
from app.changes import versions
from app.sync import coverage
from app.sync.layers import SHARED
from app.sync.ownership import DOWN_ONLY
from app.sync.records import TABLES, VECTORS_KEY, VIA_KEY, read_rows
from app.sync.scope import down_scope

ACKS = "acks.json"
RESENT = "resent"  # in acks.json: the sender's earlier bundles whose records this one carries again
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
BLOB_PREFIX = "attachments/"
@dataclass
class Selection:
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    change_seq: int = 0
    blobs: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {t: len(r) for t, r in self.records.items() if r}
        if self.blobs:
            out["attachment_files"] = len(self.blobs)
        return out

    @property
    def empty(self) -> bool:
        return not any(self.records.values())


def select_changes(conn: Connection, *, peer: str, direction: str, since: int | None = None,
                   ranges: coverage.Ranges | None = None, scope_prefix: str | None = None,
                   echo: bool = False, relayed_from: frozenset[str] = frozenset()) -> Selection:
    """The records to send to `peer`, in scope, whose change-log positions lie in `ranges`
    (default: past `since`; everything when both are None). A record last changed by what
    came from `peer` is not sent back to it — unless `echo` (the peer lost its data). Nor is
    one exactly as it came from an office in `relayed_from`: that office's own layer, relayed,
    carries it (signed by its author)."""
    top = conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_changes")).scalar() or 0
    sel = Selection(change_seq=top)
    if ranges is None:
        ranges = [(coverage.EVERYTHING if since is None else since, top)]
    ranges = coverage.normalize((lo, min(hi, top)) for lo, hi in ranges)
    if not ranges:
        return sel
    # Rows never logged count as position 0: reached only through the table itself.
    unlogged = ranges[0][0] < 0
    position = "coalesce(c.seq, 0)" if unlogged else "c.seq"
    within = " OR ".join(f"({position} > :lo{i} AND {position} <= :hi{i})" for i in range(len(ranges)))
    params: dict[str, Any] = {"peer": peer, "prefix": (scope_prefix or peer) + "%"}
    for i, (lo, hi) in enumerate(ranges):
        params[f"lo{i}"], params[f"hi{i}"] = lo, hi
    for i, code in enumerate(sorted(relayed_from)):
        params[f"rf{i}"] = code
    for table in TABLES:
        if direction == "up" and table in DOWN_ONLY:
            continue
        where = [f"({within})"] if echo else ["(c.via_office IS NULL OR c.via_office <> :peer)", f"({within})"]
        relaying = bool(relayed_from) and not echo
        if relaying:
            # Versions exactly as an office's layer has them travel in it, when that office
            # wrote all of it: made and last changed by it, no field changed by another (those
            # with field versions are looked at one by one below).
            where.append(f"(c.via_office IS NULL OR c.via_office NOT IN "
                         f"({', '.join(f':rf{i}' for i in range(len(relayed_from)))}) "
                         "OR t.origin_office <> c.via_office OR t.modified_office <> c.via_office "
                         "OR v.vectors_json IS NOT NULL)")
        if direction == "down" or scope_prefix:
            where.append(down_scope(table))
        if unlogged:
            source = (f"{table} t LEFT JOIN sync_changes c ON c.table_name = '{table}' "
                      "AND c.record_id = t.id")
        else:
            source = f"sync_changes c JOIN {table} t ON t.id = c.record_id"
            where.append(f"c.table_name = '{table}'")
        rows = read_rows(conn, table, source, " AND ".join(where), params, via=relaying)
        if relaying:
            rows = [r for r in rows if not _carried_by_layer(r, relayed_from)]
        if rows:
            sel.records[table] = rows
    return sel


def _carried_by_layer(row: dict[str, Any], relayed_from: frozenset[str]) -> bool:
    """The version came in the layer of an office relayed to the addressee, and that office
    wrote every value of it, so its layer, signed by it, is believed for all of it. A version
    with a value another office wrote (ours, joined with the relayed office's in a merge) is
    sent in our own bundle: the addressee believes a value only from its writer's layer, and
    would hold the record back for ever waiting for ours (app/sync/layers.py)."""
    via = row.pop(VIA_KEY)
    if via not in relayed_from:
        return False
    origin = row["origin_office"]
    writers = {origin, row["modified_office"]}
    writers.update(versions.author(vec, origin) for vec in (row.get(VECTORS_KEY) or {}).values())
    return writers == {via}


def referenced_blobs(sel: Selection) -> list[str]:
    """Content hashes of the files the selected records refer to."""
    found = {r["sha256"] for r in sel.records.get("attachments", ()) if not r.get("deleted")}
    found |= {r["scan_sha256"] for r in sel.records.get("agreements", ()) if r.get("scan_sha256")}
    return sorted(found)


def blobs_to_send(conn: Connection, store: Path, peer: str, arrived: set[int], wanted: list[str],
                  echo: bool = False) -> list[str]:
    """Of the files wanted, those present here and not at the peer (see not_at_peer)."""
    return [h for h in not_at_peer(conn, peer, arrived, wanted, echo) if blob_path(store, h).is_file()]


def not_at_peer(conn: Connection, peer: str, arrived: set[int], wanted: list[str], echo: bool = False) -> list[str]:
    """Of the files or kept layers wanted (by hash), those the peer does not have: not
    received from it, and last sent in none of our bundles `arrived` (acknowledged, or on
    their way). With `echo` (the peer lost its data), every one."""
    have = set()
    for i in range(0, len(wanted) if not echo else 0, 500):
        chunk = wanted[i:i + 500]
        marks = ", ".join(f":h{k}" for k in range(len(chunk)))
        for sha, sequence in conn.execute(text(
                f"SELECT sha256, sequence FROM sync_blobs WHERE office_code = :p AND sha256 IN ({marks})"),
                {"p": peer, **{f"h{k}": h for k, h in enumerate(chunk)}}):
            if sequence == 0 or sequence in arrived:
                have.add(sha)
    return [h for h in wanted if h not in have]


def received_from(conn: Connection, peer: str) -> tuple[list[int], list[int]]:
    """(the peer's bundles imported here, those of the rest below the highest whose records
    have not arrived): a bundle that never arrived is not missing once a later one said it
    carries its records again."""
    imported: set[int] = set()
    resent: set[int] = set()
    for sequence, counts in conn.execute(text(
            "SELECT sequence, counts_json FROM sync_bundles WHERE way = 'in' AND from_office = :p "
            "AND result = 'imported'"), {"p": peer}):
        imported.add(sequence)
        resent.update(json.loads(counts or "{}").get(RESENT, ()))
    top = max(imported, default=0)
    return sorted(imported), [n for n in range(1, top) if n not in imported and n not in resent]


def acks_for(conn: Connection, peer: str, resent: list[int] | None = None) -> dict[str, Any]:
    """Which of the peer's bundles arrived here, and which below the highest are missing:
    the peer packs their records again in its next bundle. `resent`: our bundles whose
    records this one carries again (the peer need not wait for them)."""
    imported, missing = received_from(conn, peer)
    acks: dict[str, Any] = {"imported": imported, "imported_max": max(imported, default=0), "missing": missing}
    if resent:
        acks[RESENT] = resent
    return acks


def build_parts(sel: Selection, acks: dict[str, Any], store: Path,
                tables: dict[str, bytes] | None = None, key: bytes | None = None) -> dict[str, bytes]:
    """The bundle's parts: the table parts (by default one per table), the acknowledgements
    and the files (their plaintext: `key` unseals them; the bundle is encrypted for its
    recipient as a whole)."""
    parts: dict[str, bytes] = dict(tables) if tables is not None else {
        f"{table}.jsonl": _lines(rows) for table, rows in sel.records.items()}
    parts[ACKS] = json.dumps(acks, sort_keys=True).encode()
    for sha in sel.blobs:
        parts[BLOB_PREFIX + sha] = read_blob(store, sha, key)
    return parts


def split_parts(parts: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, Any] | None, dict[str, bytes],
                                                 dict[str, bytes]]:
    """(the sender's own table parts by part name, acks, files by hash, relayed layers by part
    name) of a received bundle."""
    from app.sync.layers import RELAYED_PREFIX, table_of
    from app.sync.records import BadRecord

    tables: dict[str, bytes] = {}
    blobs: dict[str, bytes] = {}
    relayed: dict[str, bytes] = {}
    acks = None
    for name, data in parts.items():
        if name == ACKS:
            try:
                acks = json.loads(data)
            except ValueError:
                raise BadRecord("数据包的确认信息不是有效的 JSON，整个数据包未导入。",
                                "The acknowledgements are not valid JSON; nothing was imported.") from None
        elif name.startswith(BLOB_PREFIX):
            blobs[name[len(BLOB_PREFIX):]] = data
        elif name.startswith(RELAYED_PREFIX):
            relayed[name] = data
        elif table_of(name) in TABLES:
            tables[name] = data
        else:
            raise BadRecord(f"数据包含有本软件不认识的部分“{name}”，整个数据包未导入。请让发送单位升级软件后重新导出。",
                            f"Unknown part {name!r}; nothing was imported.")
    return tables, acks, blobs, relayed


def partition_parts(conn: Connection, sel: Selection, *, peer: str, direction: str, ranges: coverage.Ranges,
                    echo: bool) -> dict[str, bytes]:
    """The table parts of a bundle. Down to an office with villages below it, the records of
    each village go in parts of their own (`v<village>/<table>.jsonl`, the rows that village's
    own down-bundle would hold), so that office can relay to each village its part and no
    other's; the rest stays in `<table>.jsonl`."""
    if direction != "down" or len(peer) >= 12 or sel.empty:
        return {f"{t}.jsonl": _lines(rows) for t, rows in sel.records.items()}
    villages = sorted({*conn.execute(text("SELECT DISTINCT village_code FROM recipients WHERE village_code LIKE :p"),
                                     {"p": peer + "%"}).scalars(),
                       *conn.execute(text("SELECT code FROM offices WHERE parent_code = :p"), {"p": peer}).scalars()})
    parts: dict[str, bytes] = {}
    placed: dict[str, set[str]] = {}
    # What concerns every village below the peer (county policy, the offices above it, their
    # activities) goes once, in `all/<table>.jsonl`, relayed to each of them.
    for t, rows in sel.records.items():
        general = [r for r in rows if _for_every_village(t, r, peer)]
        if general:
            parts[f"all/{t}.jsonl"] = _lines(general)
            placed.setdefault(t, set()).update(r["id"] for r in general)
    for t in SHARED:  # shared records: one part each, relayed to each village once it concerns it
        for r in sel.records.get(t, ()):
            if r["id"] not in placed.get(t, ()):
                parts[f"r{r['id'].replace('-', '')}/{t}.jsonl"] = _lines([r])
                placed.setdefault(t, set()).add(r["id"])
    shared = {t: set(ids) for t, ids in placed.items()}
    for v in villages:
        if not (v.startswith(peer) and len(v) == 12 and v.isdigit()):
            continue
        sub = select_changes(conn, peer=peer, direction=direction, ranges=ranges, scope_prefix=v, echo=echo)
        for t, rows in sub.records.items():
            rows = [r for r in rows if r["id"] not in shared.get(t, ())]
            if rows:
                parts[f"v{v}/{t}.jsonl"] = _lines(rows)
                placed.setdefault(t, set()).update(r["id"] for r in rows)
    for t, rows in sel.records.items():
        rest = [r for r in rows if r["id"] not in placed.get(t, ())]
        if rest:
            parts[f"{t}.jsonl"] = _lines(rest)
    return parts


def _for_every_village(table: str, row: dict[str, Any], peer: str) -> bool:
    if table in ("care_rules", "retention_rules"):
        return True
    if table == "offices":
        return peer.startswith(row["code"])
    if table == "activities":
        return peer.startswith(row["office_code"])
    return False


def _lines(rows: list[dict[str, Any]]) -> bytes:
    return "\n".join(map(_ENCODE, rows)).encode() + b"\n"


__all__ = ["ACKS", "VECTORS_KEY", "RESENT", "Selection", "acks_for", "blobs_to_send", "build_parts",
           "received_from", "referenced_blobs", "select_changes", "split_parts"]

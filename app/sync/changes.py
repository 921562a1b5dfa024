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

from app.care.attachments import blob_path
from app.sync import coverage
from app.sync.ownership import DOWN_ONLY
from app.sync.records import TABLES, VECTORS_KEY, layout, read_rows

ACKS = "acks.json"
RESENT = "resent"  # in acks.json: the sender's earlier bundles whose records this one carries again
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
BLOB_PREFIX = "attachments/"
RECIPIENT_IN = "t.{col} IN (SELECT id FROM recipients WHERE village_code LIKE :prefix)"
ABOVE = ":peer LIKE t.{col} || '%'"  # an office above the addressee (or itself)

# Down-bundles: which rows of each table concern the addressee (`:prefix` = its code + "%").
DOWN_SCOPE: dict[str, str] = {
    "offices": "(t.code LIKE :prefix OR " + ABOVE.format(col="code") + ")",
    "recipients": "t.village_code LIKE :prefix",
    "mutual_aid_families": "t.village_code LIKE :prefix",
    "unit_villages": "t.village_code LIKE :prefix",
    "supervision_visits": "t.village_code LIKE :prefix",
    "semiannual_assessments": "t.village_code LIKE :prefix",
    "subsidy_payments": "t.family_id IN (SELECT id FROM mutual_aid_families WHERE village_code LIKE :prefix)",
    "activities": ("(t.office_code LIKE :prefix OR " + ABOVE.format(col="office_code")
                   + " OR t.id IN (SELECT activity_id FROM attendances WHERE "
                   + RECIPIENT_IN.format(col="recipient_id").replace("t.recipient_id", "recipient_id") + "))"),
    "assisting_units": "1 = 1",
    "responsible_persons": "1 = 1",
    "care_rules": "1 = 1",
}


def down_scope(table: str) -> str:
    if table in DOWN_SCOPE:
        return DOWN_SCOPE[table]
    if "recipient_id" in layout(table).columns:
        return RECIPIENT_IN.format(col="recipient_id")
    if table == "attachments":
        owners = " OR ".join(
            f"(t.owner_table = '{o}' AND t.owner_id IN (SELECT t.id FROM {o} t WHERE {down_scope(o)}))"
            for o in TABLES if o != "attachments")
        return f"({owners})"
    raise KeyError(f"no down-bundle scope for {table}")


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
                   echo: bool = False) -> Selection:
    """The records to send to `peer`, in scope, whose change-log positions lie in `ranges`
    (default: past `since`; everything when both are None). A record last changed by what
    came from `peer` is not sent back to it — unless `echo` (the peer lost its data)."""
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
    for table in TABLES:
        if direction == "up" and table in DOWN_ONLY:
            continue
        where = [f"({within})"] if echo else ["(c.via_office IS NULL OR c.via_office <> :peer)", f"({within})"]
        if direction == "down" or scope_prefix:
            where.append(down_scope(table))
        if unlogged:
            source = (f"{table} t LEFT JOIN sync_changes c ON c.table_name = '{table}' "
                      "AND c.record_id = t.id")
        else:
            source = f"sync_changes c JOIN {table} t ON t.id = c.record_id"
            where.append(f"c.table_name = '{table}'")
        rows = read_rows(conn, table, source, " AND ".join(where), params)
        if rows:
            sel.records[table] = rows
    return sel


def referenced_blobs(sel: Selection) -> list[str]:
    """Content hashes of the files the selected records refer to."""
    found = {r["sha256"] for r in sel.records.get("attachments", ()) if not r.get("deleted")}
    found |= {r["scan_sha256"] for r in sel.records.get("agreements", ()) if r.get("scan_sha256")}
    return sorted(found)


def blobs_to_send(conn: Connection, store: Path, peer: str, arrived: set[int], wanted: list[str],
                  echo: bool = False) -> list[str]:
    """Of the files wanted, those present here and not at the peer: not received from it,
    and last sent in none of our bundles `arrived` (acknowledged, or on their way). With
    `echo` (the peer lost its data), every one present here."""
    have = set()
    for i in range(0, len(wanted) if not echo else 0, 500):
        chunk = wanted[i:i + 500]
        marks = ", ".join(f":h{k}" for k in range(len(chunk)))
        for sha, sequence in conn.execute(text(
                f"SELECT sha256, sequence FROM sync_blobs WHERE office_code = :p AND sha256 IN ({marks})"),
                {"p": peer, **{f"h{k}": h for k, h in enumerate(chunk)}}):
            if sequence == 0 or sequence in arrived:
                have.add(sha)
    return [h for h in wanted if h not in have and blob_path(store, h).is_file()]


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


def build_parts(sel: Selection, acks: dict[str, Any], store: Path) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    for table, rows in sel.records.items():
        parts[f"{table}.jsonl"] = "\n".join(map(_ENCODE, rows)).encode() + b"\n"
    parts[ACKS] = json.dumps(acks, sort_keys=True).encode()
    for sha in sel.blobs:
        parts[BLOB_PREFIX + sha] = blob_path(store, sha).read_bytes()
    return parts


def split_parts(parts: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, Any] | None, dict[str, bytes]]:
    """(table parts by table name, acks, files by hash) of a received bundle."""
    tables: dict[str, bytes] = {}
    blobs: dict[str, bytes] = {}
    acks = None
    for name, data in parts.items():
        if name == ACKS:
            try:
                acks = json.loads(data)
            except ValueError:
                from app.sync.records import BadRecord

                raise BadRecord("数据包的确认信息不是有效的 JSON，整个数据包未导入。",
                                "The acknowledgements are not valid JSON; nothing was imported.") from None
        elif name.startswith(BLOB_PREFIX):
            blobs[name[len(BLOB_PREFIX):]] = data
        elif name.endswith(".jsonl") and name[:-6] in TABLES:
            tables[name[:-6]] = data
        else:
            from app.sync.records import BadRecord

            raise BadRecord(f"数据包含有本软件不认识的部分“{name}”，整个数据包未导入。请让发送单位升级软件后重新导出。",
                            f"Unknown part {name!r}; nothing was imported.")
    return tables, acks, blobs


__all__ = ["ACKS", "VECTORS_KEY", "RESENT", "Selection", "acks_for", "blobs_to_send", "build_parts",
           "received_from", "referenced_blobs", "select_changes", "split_parts"]

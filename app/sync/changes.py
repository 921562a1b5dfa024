"""What a bundle to another office carries: every record in that office's scope that it has
not acknowledged yet, the acknowledgements of what we received from it, and the attachment
files those records refer to that it does not have yet.

Part layout (parts are EXCHANGE's business; the envelope signs, encrypts and compresses them):
    <table>.jsonl            one JSON record per line (app/sync/records.py), per travelling table
    acks.json                {"imported": [sequences of the addressee's bundles imported here],
                              "imported_max": n}
    attachments/<sha256>     an attachment file, by content hash, sent once

Scope. Up (to the parent office): everything this office holds, including records relayed
from its villages with their original office and clock, except county policy (care rules),
which travels down only. Down (to a child office): only what concerns that office: records of
its recipients (status events, pairings, responsibilities, assignments, care work…), its
villages' mutual-aid families, supervision and assessments, assisting units, care rules and
the offices above it. A version that came from the addressee itself is never sent back.

Acknowledgement. Each bundle records the change-log position it covers. When the addressee's
next bundle says it imported bundle n, everything up to n's position has arrived there, and
later bundles carry only what changed after it. Until a first acknowledgement, a bundle
carries everything in scope (which also covers rows written before sync existed, and demo
data loaded in bulk). Exporting with nothing unacknowledged gives a bundle with no records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from app.care.attachments import blob_path
from app.sync.ownership import DOWN_ONLY
from app.sync.records import TABLES, VECTORS_KEY, layout, read_rows

ACKS = "acks.json"
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


def select_changes(conn: Connection, *, peer: str, direction: str, since: int | None,
                   scope_prefix: str | None = None) -> Selection:
    """The records to send to `peer`: changed past `since` (everything when None), in scope."""
    sel = Selection(change_seq=conn.execute(text("SELECT coalesce(max(seq), 0) FROM sync_changes")).scalar() or 0)
    params = {"peer": peer, "prefix": (scope_prefix or peer) + "%", "since": since or 0}
    for table in TABLES:
        if direction == "up" and table in DOWN_ONLY:
            continue
        where = ["(c.via_office IS NULL OR c.via_office <> :peer)"]
        if direction == "down" or scope_prefix:
            where.append(down_scope(table))
        if since is None:
            source = (f"{table} t LEFT JOIN sync_changes c ON c.table_name = '{table}' "
                      "AND c.record_id = t.id")
        else:
            source = f"sync_changes c JOIN {table} t ON t.id = c.record_id"
            where += [f"c.table_name = '{table}'", "c.seq > :since"]
        rows = read_rows(conn, table, source, " AND ".join(where), params)
        if rows:
            sel.records[table] = rows
    return sel


def referenced_blobs(sel: Selection) -> list[str]:
    """Content hashes of the files the selected records refer to."""
    found = {r["sha256"] for r in sel.records.get("attachments", ()) if not r.get("deleted")}
    found |= {r["scan_sha256"] for r in sel.records.get("agreements", ()) if r.get("scan_sha256")}
    return sorted(found)


def blobs_to_send(conn: Connection, store: Path, peer: str, acked_seq: int, wanted: list[str]) -> list[str]:
    """Of the files wanted, those present here and not yet at the peer: not received from it,
    not sent in a bundle it acknowledged. (A file sent in an unacknowledged bundle goes again.)"""
    have = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        marks = ", ".join(f":h{k}" for k in range(len(chunk)))
        have.update(conn.execute(text(
            f"SELECT sha256 FROM sync_blobs WHERE office_code = :p AND sequence <= :acked AND sha256 IN ({marks})"),
            {"p": peer, "acked": acked_seq, **{f"h{k}": h for k, h in enumerate(chunk)}}).scalars())
    return [h for h in wanted if h not in have and blob_path(store, h).is_file()]


def acks_for(conn: Connection, peer: str) -> dict[str, Any]:
    seqs = sorted(conn.execute(text("SELECT DISTINCT sequence FROM sync_bundles WHERE way = 'in' "
                                    "AND from_office = :p AND result = 'imported'"), {"p": peer}).scalars())
    return {"imported": seqs, "imported_max": max(seqs, default=0)}


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
            acks = json.loads(data)
        elif name.startswith(BLOB_PREFIX):
            blobs[name[len(BLOB_PREFIX):]] = data
        elif name.endswith(".jsonl") and name[:-6] in TABLES:
            tables[name[:-6]] = data
        else:
            from app.sync.records import BadRecord

            raise BadRecord(f"数据包含有本软件不认识的部分“{name}”，整个数据包未导入。请让发送单位升级软件后重新导出。",
                            f"Unknown part {name!r}; nothing was imported.")
    return tables, acks, blobs


__all__ = ["ACKS", "VECTORS_KEY", "Selection", "acks_for", "blobs_to_send", "build_parts",
           "referenced_blobs", "select_changes", "split_parts"]

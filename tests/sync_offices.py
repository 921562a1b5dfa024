"""Offices for the sync tests: a county, a township and villages, each with its own database
file, keys and trust between parents and children; and small helpers to exchange bundles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.care.context import Actor, actor_for
from app.care.offices import init_office
from app.care.recipients import add_recipient
from app.db import open_database
from app.sync import exchange
from app.sync.records import TABLES, layout
from tests.helpers import LEFT_BEHIND, make_id

COUNTY, TOWNSHIP = "522631", "522631100"
VILLAGE, VILLAGE2 = "522631100201", "522631100202"
START = dt.date(2026, 1, 1)
LEVELS = {6: "county", 9: "township", 12: "village"}


@dataclass
class Office:
    code: str
    engine: Engine
    dir: Path
    sent: list[Path] = field(default_factory=list)

    def session(self) -> Session:
        return Session(self.engine)

    def actor(self, s: Session) -> Actor:
        return actor_for(s)

    def export(self, to: Office, *, resend: bool = False, everything: bool = False) -> exchange.BundleExport:
        path = self.dir / f"to-{to.code}-{len(self.sent) + 1}.bundle"
        self.sent.append(path)
        return exchange.export_bundle(self.engine, to_office=to.code, out=path, resend=resend,
                                      everything=everything)

    def import_(self, *paths: Path) -> list[exchange.ImportResult]:
        return exchange.import_bundles(self.engine, list(paths))


def make_office(tmp: Path, code: str, name: str | None = None) -> Office:
    directory = tmp / code
    directory.mkdir(parents=True, exist_ok=True)
    engine = open_database(directory / "db.sqlite3")
    level = LEVELS[len(code)]
    parent = {"village": code[:9], "township": code[:6]}.get(level)
    with Session(engine) as s, s.begin():
        init_office(s, role=level, code=code, name=name or f"{level}{code[-3:]}", parent=parent,
                    operator=f"主任{code[-3:]}")
    return Office(code, engine, directory)


def trust_pair(parent: Office, child: Office) -> None:
    from app.sync.trust import identity_document, read_identity, trust_identity

    with parent.session() as ps, child.session() as cs:
        p_doc, c_doc = identity_document(ps), identity_document(cs)
    with parent.session() as ps, ps.begin():
        trust_identity(ps, actor_for(ps), read_identity(c_doc))
    with child.session() as cs, cs.begin():
        trust_identity(cs, actor_for(cs), read_identity(p_doc))


def chain(tmp: Path, *codes: str) -> dict[str, Office]:
    """Offices set up and trusting their parents/children among those given."""
    offices = {c: make_office(tmp, c) for c in codes}
    for c, o in offices.items():
        parent = {12: c[:9], 9: c[:6]}.get(len(c))
        if parent in offices:
            trust_pair(offices[parent], o)
    return offices


def register(office: Office, name: str, birth: dt.date = dt.date(1950, 3, 1), seq: int = 12,
             categories: tuple[str, ...] = ("left_behind_elder",), village: str | None = None,
             sex: str = "female") -> str:
    with office.session() as s, s.begin():
        d = add_recipient(s, office.actor(s), **LEFT_BEHIND, name=name, id_number=make_id(birth, sex, seq=seq),
                          categories=list(categories), village_code=village, surveyed_on=START)
        return d.id


def snapshot(engine: Engine, tables: tuple[str, ...] = TABLES, where: dict[str, str] | None = None,
             skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every travelling row (all columns), sorted, per table."""
    out = {}
    with engine.connect() as conn:
        for t in tables:
            cond = (where or {}).get(t, "1 = 1")
            cols = [c for c in layout(t).columns if c not in skip]
            rows = conn.execute(text(f"SELECT {', '.join(cols)} FROM {t} WHERE {cond}")).all()
            out[t] = sorted(tuple(r) for r in rows)
    return out


def dump(engine: Engine) -> list[str]:
    """The whole database as SQL text (for "nothing changed" checks)."""
    if engine.dialect.name != "sqlite":  # a server database (tests/server_db.py): every row
        from sqlalchemy import select

        from app.models import Base

        with engine.connect() as conn:
            return [f"{t.name} {tuple(r)}" for t in Base.metadata.sorted_tables
                    for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
    raw = engine.raw_connection()
    try:
        return list(raw.driver_connection.iterdump())
    finally:
        raw.close()


# ---- forging: what a lying office can make with its own keys and the project's code ------------

def now_stamp(office: str, ahead_ms: int = 0) -> str:
    import time

    return f"{int(time.time() * 1000) + ahead_ms:013d}.00000.{office}"


def row(office: Office, table: str, rid: str) -> dict[str, Any]:
    from app.sync.records import read_rows

    with office.engine.connect() as conn:
        [r] = read_rows(conn, table, f"{table} t", "t.id = :i", {"i": rid})
    return r


def seal_from(office: Office, to: str, tables: dict[str, list[dict[str, Any]]], *,
              parts: dict[str, bytes] | None = None, vouches: list[dict[str, Any]] | None = None,
              sequence: int | None = None, name: str = "forged") -> Path:
    """A bundle sealed and signed by `office` with its own key, holding what the attacker
    wants (the next number in its chain, as an honest export would use)."""
    import json

    from app.models import SyncPeer
    from app.sync import envelope

    body = {f"{t}.jsonl": ("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n").encode()
            for t, recs in tables.items()}
    body["acks.json"] = b'{"imported": [], "imported_max": 0, "missing": []}'
    body.update(parts or {})
    with office.session() as s, s.begin():
        peer = s.get(SyncPeer, to)
        seq = sequence or ((peer.last_seq_out if peer else 0) + 1)
        data, _ = envelope.seal(s, to_office=to, sequence=seq, previous_sha256=peer.last_sha256_out if peer else None,
                                parts=body, counts={t: len(r) for t, r in tables.items()}, vouches=vouches)
        if sequence is None:  # the next forgery takes the next number, as an export would
            import hashlib

            if peer is None:
                peer = SyncPeer(office_code=to, last_seq_out=0, acked_seq_out=0, max_seq_in=0)
                s.add(peer)
            peer.last_seq_out, peer.last_sha256_out = seq, hashlib.sha256(data).hexdigest()
    path = office.dir / f"{name}-{seq}.bundle"
    path.write_bytes(data)
    return path



"""Sync benchmark (issue 5, point 8): exporting one township-demo village's full history, and
merging the 25 villages' bundles (≈3,000 recipients, their records and some photos) into a
fresh township database, beside raw `sqlite3.executemany` of the same rows in the same run.

    .venv/bin/python -m bench.sync

Builds the township demo, then one database per village holding that village's rows (copied
from the demo with INSERT … SELECT) and a few photos, each office with its keys and trust,
so that every bundle is a real one: signed by its village, encrypted to the township.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.run import DATA, TODAY, Result, machine, table, timed

PHOTOS_PER_VILLAGE = 8
PHOTO_BYTES = 60_000


def _fresh_dir(path: Path) -> Path:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _office(path: Path, role: str, code: str, name: str, parent: str | None):  # type: ignore[no-untyped-def]
    from app.care.offices import init_office
    from app.db import open_database

    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role=role, code=code, name=name, parent=parent, operator="基准")
    return engine


def _trust(a, b) -> None:  # type: ignore[no-untyped-def]
    from app.care.context import actor_for
    from app.sync.trust import identity_document, read_identity, trust_identity

    with Session(a) as sa, Session(b) as sb:
        da, db = identity_document(sa), identity_document(sb)
    with Session(a) as s, s.begin():
        trust_identity(s, actor_for(s), read_identity(db))
    with Session(b) as s, s.begin():
        trust_identity(s, actor_for(s), read_identity(da))


def _copy_village(engine, demo: Path, village: str) -> int:  # type: ignore[no-untyped-def]
    """The village's rows of the township demo into its own database (as a village laptop
    would hold them): its recipients and everything about them, units, and so on."""
    from app.sync.changes import down_scope
    from app.sync.records import TABLES, layout

    n = 0
    with engine.connect() as conn:
        conn.exec_driver_sql(f"ATTACH DATABASE '{demo}' AS demo")
        conn.commit()
        for t in TABLES:
            if t in ("offices", "care_rules"):  # the village has its own (set up at init)
                continue
            cols = ", ".join(layout(t).columns)
            where = down_scope(t).replace(":prefix", f"'{village}%'").replace(":peer", f"'{village}'")
            n += conn.exec_driver_sql(f"INSERT INTO main.{t} ({cols}) SELECT {', '.join('t.' + c for c in layout(t).columns)} "
                                      f"FROM demo.{t} AS t WHERE {where}").rowcount
        conn.commit()
        conn.exec_driver_sql("DETACH DATABASE demo")
    return n


def _photos(engine, tmp: Path, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    from app.care.attachments import attach_file, store_dir_for
    from app.care.context import actor_for

    with Session(engine) as s, s.begin():
        ids = s.execute(text("SELECT id FROM recipients ORDER BY id LIMIT :n"), {"n": PHOTOS_PER_VILLAGE}).scalars().all()
        actor = actor_for(s)
        for rid in ids:
            photo = tmp / f"{rid}.jpg"
            photo.write_bytes(b"\xff\xd8\xff" + rng.randbytes(PHOTO_BYTES))
            attach_file(s, actor, store_dir_for(engine), source=photo, owner_table="recipients", owner_id=rid)
            photo.unlink()


def _rows_of(engine, peer: str) -> dict[str, list[tuple]]:  # type: ignore[type-arg,no-untyped-def]
    """The rows a village's first bundle carries, as tuples in column order."""
    from app.sync.changes import select_changes
    from app.sync.records import layout

    with engine.connect() as conn:
        sel = select_changes(conn, peer=peer, direction="up", since=None)
    return {t: [tuple(r.get(c) for c in layout(t).columns) for r in rows] for t, rows in sel.records.items()}


def _raw_insert(path: Path, rows: list[dict[str, list[tuple]]]) -> float:  # type: ignore[type-arg]
    """Baseline: bare sqlite3.executemany of the same rows into the same (fresh) schema, in one
    transaction, offices aside (they exist already there)."""
    from app.sync.records import layout

    conn = sqlite3.connect(path)
    try:
        t0 = time.perf_counter()
        with conn:
            for village in rows:
                for table_name, batch in village.items():
                    if table_name == "offices":
                        continue
                    cols = layout(table_name).columns
                    conn.executemany(f"INSERT OR IGNORE INTO {table_name} ({', '.join(cols)}) "
                                     f"VALUES ({', '.join('?' * len(cols))})", batch)
        return time.perf_counter() - t0
    finally:
        conn.close()


def main() -> int:
    from app.db import open_database
    from app.demo.generate import generate_demo
    from app.demo.plan import township_code, township_name, villages_of_township
    from app.sync.exchange import export_bundle, import_bundles

    root = _fresh_dir(DATA / "sync")
    os.environ["GUANAI_HOME"] = str(root / "home")
    results: list[Result] = []
    print("… township demo", file=sys.stderr)
    demo = root / "demo.sqlite3"
    engine = open_database(demo)
    generate_demo(engine, scale="township", today=TODAY)
    engine.dispose()

    t_code, t_name = township_code(0), township_name(0)
    plan = villages_of_township(1, 0, t_code, t_name, 25, 0)
    fresh = _office(root / "township.sqlite3", "township", t_code, t_name, "522631")
    raw_db = _office(root / "raw.sqlite3", "township", t_code, t_name, "522631")
    raw_db.dispose()
    print("… 25 village databases", file=sys.stderr)
    rng = random.Random(5)
    villages = []
    for v in plan:
        e = _office(root / f"v{v.code}.sqlite3", "village", v.code, v.name, t_code)
        _trust(fresh, e)
        _copy_village(e, demo, v.code)
        _photos(e, root, rng)
        villages.append(e)

    print("… export", file=sys.stderr)
    rows = [_rows_of(e, t_code) for e in villages]
    total = sum(len(b) for village in rows for b in village.values())
    recipients = sum(len(v.get("recipients", ())) for v in rows)
    paths = [root / f"up-{v.code}.bundle" for v in plan]
    first_rows = sum(len(b) for b in rows[0].values())
    t_one = timed(lambda: export_bundle(villages[0], to_office=t_code, out=paths[0]))
    results.append(Result("export one village's full history (`bundle export`)", t_one,
                          note=f"{first_rows:,} records, {PHOTOS_PER_VILLAGE} photos; "
                               f"{paths[0].stat().st_size / 1e6:.1f} MB file; {first_rows / t_one:,.0f} records/s"))
    for e, p in zip(villages[1:], paths[1:], strict=True):
        export_bundle(e, to_office=t_code, out=p)
    size = sum(p.stat().st_size for p in paths)

    print("… raw baseline", file=sys.stderr)
    raw = _raw_insert(root / "raw.sqlite3", rows)
    print("… import 25 bundles", file=sys.stderr)
    t_import = 0.0
    t0 = time.perf_counter()
    res = import_bundles(fresh, paths)
    t_import = time.perf_counter() - t0
    bad = [r for r in res if not r.accepted]
    if bad:
        print(bad[0], file=sys.stderr)
        return 1
    inserted = sum(r.inserted for r in res)
    results.append(Result("`bundle import` of 25 village bundles into a fresh township (verify, decrypt, merge)",
                          t_import, "raw sqlite3.executemany of the same rows", raw, "< 30 s; merge within 5×",
                          f"{recipients:,} recipients, {total:,} records ({inserted:,} inserted), "
                          f"{25 * PHOTOS_PER_VILLAGE} photos, {size / 1e6:.1f} MB of bundles; "
                          f"{total / t_import:,.0f} records/s (raw {total / raw:,.0f}/s)"))
    print("… the township relays it all up to a fresh county", file=sys.stderr)
    county = _office(root / "county.sqlite3", "county", "522631", "黎平县", None)
    _trust(county, fresh)
    up = root / "up-township.bundle"
    t_relay = timed(lambda: export_bundle(fresh, to_office="522631", out=up))
    t0 = time.perf_counter()
    [relayed] = import_bundles(county, [up])
    t_county = time.perf_counter() - t0
    results.append(Result("township → county: `bundle export` of everything relayed", t_relay,
                          note=f"{up.stat().st_size / 1e6:.1f} MB file"))
    results.append(Result("township → county: `bundle import` into a fresh county", t_county,
                          "raw sqlite3.executemany of the same rows", raw, "",
                          f"accepted: {relayed.accepted}; {relayed.inserted:,} inserted; "
                          f"{relayed.inserted / t_county:,.0f} records/s"))
    for e in (*villages, fresh, county):
        e.dispose()
    print(f"\n{dt.date.today().isoformat()} — {machine()}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

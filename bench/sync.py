"""Sync benchmark (issue 5, point 8): exporting one township-demo village's full history, and
merging the 25 villages' bundles (≈3,000 recipients, their records and some photos) into a
fresh township database, beside raw `sqlite3.executemany` of the same rows in the same run.

    .venv/bin/python -m bench.sync [--rounds 3] [--villages 25]

Builds the township demo, then one database per village holding that village's rows (copied
from the demo with INSERT … SELECT) and a few photos, each office with its keys and trust,
so that every bundle is a real one: signed by its village, encrypted to the township. Every
row is the median of --rounds runs, each side once per round in turn (ours into a fresh copy
of the same empty township or county database, the raw baseline into a fresh copy of its own),
the note giving the ranges.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.run import DATA, TODAY, Result, Runs, compared, machine, table, timed

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


def _copy_db(template: Path, work: Path) -> Path:
    """A fresh copy of an office database (disposed, so checkpointed) and its file store: each
    round starts from the same state with the same keys and trust."""
    for p in work.parent.glob(work.name + "*"):
        p.unlink()
    shutil.rmtree(work.with_name(work.stem + "-files"), ignore_errors=True)
    shutil.copyfile(template, work)
    files = template.with_name(template.stem + "-files")
    if files.exists():
        shutil.copytree(files, work.with_name(work.stem + "-files"))
    return work


def main(argv: list[str] | None = None) -> int:
    from app.db import open_database
    from app.demo.generate import generate_demo
    from app.demo.plan import township_code, township_name, villages_of_township
    from app.sync.exchange import export_bundle, import_bundles

    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved runs of ours and of the baseline for each row (medians reported)")
    parser.add_argument("--villages", type=int, default=25, help="villages of the township demo bundled (25)")
    args = parser.parse_args(argv)
    root = _fresh_dir(DATA / "sync")
    os.environ["GUANAI_HOME"] = str(root / "home")
    results: list[Result] = []
    # One village: the village demo holds it (its village is the township demo's first).
    scale = "village" if args.villages == 1 else "township"
    print(f"… {scale} demo", file=sys.stderr)
    demo = root / "demo.sqlite3"
    engine = open_database(demo)
    generate_demo(engine, scale=scale, today=TODAY)
    engine.dispose()

    t_code, t_name = township_code(0), township_name(0)
    plan = villages_of_township(1, 0, t_code, t_name, 25, 0)[:args.villages]
    township_db, raw_db, county_db = root / "township.sqlite3", root / "raw.sqlite3", root / "county.sqlite3"
    township = _office(township_db, "township", t_code, t_name, "522631")
    _office(raw_db, "township", t_code, t_name, "522631").dispose()
    print(f"… {len(plan)} village databases", file=sys.stderr)
    rng = random.Random(5)
    villages = []
    for v in plan:
        e = _office(root / f"v{v.code}.sqlite3", "village", v.code, v.name, t_code)
        _trust(township, e)
        _copy_village(e, demo, v.code)
        _photos(e, root, rng)
        villages.append(e)
    county = _office(county_db, "county", "522631", "黎平县", None)
    _trust(county, township)
    township.dispose()
    county.dispose()

    rows = [_rows_of(e, t_code) for e in villages]
    total = sum(len(b) for village in rows for b in village.values())
    recipients = sum(len(v.get("recipients", ())) for v in rows)
    first_rows = sum(len(b) for b in rows[0].values())
    villages[0].dispose()  # checkpointed, so a copy of the file is the whole database
    # Before its bundle is exported: each round's export of a copy is a first bundle.
    village0 = _copy_db(Path(str(villages[0].url.database)), root / "template-village.sqlite3")
    print("… export", file=sys.stderr)
    paths = [root / f"up-{v.code}.bundle" for v in plan]
    for e, p in zip(villages, paths, strict=True):
        export_bundle(e, to_office=t_code, out=p)
        e.dispose()
    size = sum(p.stat().st_size for p in paths)

    # Each round, in turn: one village's export (from a fresh copy: its first bundle), the raw
    # baseline into a fresh copy of the empty township, the bundles into another such copy, the
    # township's relay export and its import into a fresh copy of the county.
    times: dict[str, list[float]] = {}
    inserted = relayed_inserted = 0
    relay_size = 0
    for i in range(args.rounds):
        print(f"… round {i + 1}/{args.rounds}: export, raw baseline, import, relay", file=sys.stderr)
        one = open_database(_copy_db(village0, root / "work-village.sqlite3"))
        times.setdefault("export", []).append(
            timed(lambda: export_bundle(one, to_office=t_code, out=root / "work-one.bundle")))  # noqa: B023
        one.dispose()
        times.setdefault("raw", []).append(_raw_insert(_copy_db(raw_db, root / "work-raw.sqlite3"), rows))
        fresh = open_database(_copy_db(township_db, root / "work-township.sqlite3"))
        t0 = time.perf_counter()
        res = import_bundles(fresh, paths)
        times.setdefault("import", []).append(time.perf_counter() - t0)
        bad = [r for r in res if not r.accepted]
        if bad:
            print(bad[0], file=sys.stderr)
            return 1
        inserted = sum(r.inserted for r in res)
        up = root / "up-township.bundle"
        times.setdefault("relay", []).append(timed(lambda: export_bundle(fresh, to_office="522631", out=up)))  # noqa: B023
        relay_size = up.stat().st_size
        fresh.dispose()
        above = open_database(_copy_db(county_db, root / "work-county.sqlite3"))
        t0 = time.perf_counter()
        [relayed] = import_bundles(above, [up])
        times.setdefault("county", []).append(time.perf_counter() - t0)
        if not relayed.accepted:
            print(relayed, file=sys.stderr)
            return 1
        relayed_inserted = relayed.inserted
        above.dispose()

    runs = {k: Runs(tuple(v)) for k, v in times.items()}
    raw_name = "raw sqlite3.executemany of the same rows, one transaction"
    export = runs["export"]
    results.append(Result("export one village's full history (`bundle export`)", export.median,
                          note=f"{first_rows:,} records, {PHOTOS_PER_VILLAGE} photos; "
                               f"{paths[0].stat().st_size / 1e6:.1f} MB file; {first_rows / export.median:,.0f} records/s; "
                               f"median of {len(export.times)} runs, {export.spread()} s"))
    results.append(compared(f"`bundle import` of {len(plan)} village bundles into a fresh township "
                            "(verify, decrypt, merge)", runs["import"], raw_name, runs["raw"],
                            "< 30 s; merge within 5×",
                            f"{recipients:,} recipients, {total:,} records ({inserted:,} inserted), "
                            f"{len(plan) * PHOTOS_PER_VILLAGE} photos, {size / 1e6:.1f} MB of bundles; "
                            f"{total / runs['import'].median:,.0f} records/s (raw {total / runs['raw'].median:,.0f}/s)"))
    relay = runs["relay"]
    results.append(Result("township → county: `bundle export` of everything relayed", relay.median,
                          note=f"{relay_size / 1e6:.1f} MB file; median of {len(relay.times)} runs, {relay.spread()} s"))
    results.append(compared("township → county: `bundle import` into a fresh county", runs["county"], raw_name,
                            runs["raw"], "", f"{relayed_inserted:,} inserted; "
                            f"{relayed_inserted / runs['county'].median:,.0f} records/s"))
    print(f"\n{dt.date.today().isoformat()} — {machine()}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Guanai benchmarks: generate the demo scales and time the core operations, each beside a
raw baseline measured in the same run, and print one table (Markdown, for RESULTS.md).

    ./dev bench                 all scales
    ./dev bench --quick         village and township only (a minute or so)

Data lives in bench/.data/ (ignored by git) and is rebuilt every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.offices import init_office
from app.db import open_database
from app.demo.generate import _units, generate_demo
from app.demo.load import bulk_transaction, columns
from app.demo.pipeline import VillageTask, load_spools, runs_of, spool_count, spool_files, villages
from app.demo.plan import (
    DEMO_COUNTY,
    VillagePlan,
    township_code,
    township_name,
    villages_of_township,
)
from app.demo.spool import write_spool
from app.demo.village import quarter_start, years_ago

DATA = Path(__file__).resolve().parent / ".data"
TODAY = dt.date(2026, 11, 28)


@dataclass
class Result:
    name: str
    seconds: float
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""
    note: str = ""

    @property
    def ratio(self) -> str:
        return f"{self.seconds / self.baseline:.2f}×" if self.baseline else ""


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def fresh(path: Path) -> Path:
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    return path


def bench_demo(scale: str, results: list[Result]) -> Path:
    db = fresh(DATA / f"{scale}.sqlite3")
    engine = open_database(db)
    t = timed(lambda: generate_demo(engine, scale=scale, today=TODAY))
    engine.dispose()
    with sqlite3.connect(db) as c:
        n = c.execute("SELECT count(*) FROM recipients").fetchone()[0]
        m = c.execute("SELECT count(*) FROM care_records").fetchone()[0]
    target = {"county": "< 60 s"}.get(scale, "")
    results.append(Result(f"`guanai demo --scale {scale}` (generate + load)", t, target=target,
                          note=f"{n:,} recipients, {m:,} care records"))
    return db


def county_plan() -> tuple[list[VillagePlan], list[VillageTask]]:
    start = quarter_start(years_ago(TODAY, 2))
    units, persons = _units(1, start, DEMO_COUNTY[0])
    plan: list[VillagePlan] = []
    for i in range(20):
        plan += villages_of_township(1, i, township_code(i), township_name(i), 25, len(plan))
    return plan, [VillageTask(v, 1, TODAY, start, 120, units, persons) for v in plan]


def bench_county_load(results: list[Result]) -> None:
    """The demo's loader against bare sqlite3.executemany of the same tuples into the same
    schema, in one transaction with the indexes in place, as a straightforward loader would
    do it. The loader's part, timed from the same tuples in this one process: writing them
    into spool files, then copying those in, in one transaction with the indexes built after
    and an audit entry per village (in the demo itself the workers write the spool files)."""
    plan, tasks = county_plan()
    t0 = time.perf_counter()
    all_rows = list(villages(tasks))
    gen = time.perf_counter() - t0
    n = sum(len(b) for rows in all_rows for b in rows.values())

    ours_db = fresh(DATA / "load-ours.sqlite3")
    engine = open_database(ours_db)
    with Session(engine) as s, s.begin():
        init_office(s, role="county", code=DEMO_COUNTY[0], name=DEMO_COUNTY[1])
    with Session(engine) as s:
        actor = actor_for(s)
    with engine.connect() as conn:
        runs = runs_of(list(zip(plan, all_rows, strict=True)), spool_count(conn, len(plan)))
        with spool_files(engine, conn, len(runs)) as (paths, names):
            def ours() -> None:
                counts = [write_spool(path, [rows for _v, rows in run]) for run, path in zip(runs, paths, strict=True)]
                with bulk_transaction(conn, large=True, say=lambda _t: None):
                    load_spools(conn, actor, [[v for v, _rows in run] for run in runs], names, counts,
                                seed=1, totals={}, say=lambda _t: None)
            t_ours = timed(ours)
    engine.dispose()

    raw_db = fresh(DATA / "load-raw.sqlite3")
    open_database(raw_db).dispose()
    c = sqlite3.connect(raw_db, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=NORMAL")
    c.execute("PRAGMA cache_size=-524288")

    def raw() -> None:
        c.execute("BEGIN")
        for rows in all_rows:
            for table, batch in rows.items():
                cols = columns(table)
                c.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", batch)
        c.execute("COMMIT")

    t_raw = timed(raw)
    c.close()
    results.append(Result("county demo: generate rows (worker processes)", gen,
                          note=f"{n:,} rows, {len(all_rows)} villages, {os.cpu_count()} cores"))
    results.append(Result("county demo: load the rows (app loader + audit)", t_ours,
                          "raw sqlite3.executemany, same rows", t_raw, "within 3×",
                          f"{n / t_ours:,.0f} rows/s"))


def best_of(fn: Callable[[], object], n: int = 5) -> float:
    return min(timed(fn) for _ in range(n))


def bench_schedule(scale: str, db: Path, results: list[Result]) -> None:
    """tasks (village) and status (township, county) beside one raw aggregate over the same
    period's care records."""
    from app.care.status import status_report
    from app.care.tasks import week_tasks
    from app.db import unit_of_work

    engine = open_database(db)
    on = TODAY - dt.timedelta(days=3)
    quarter = "2026-Q3"
    raw_sql = ("SELECT recipient_id, kind, count(*) FROM care_records WHERE deleted = 0 "
               "AND occurred_on BETWEEN '2026-07-01' AND '2026-09-30' GROUP BY recipient_id, kind")
    with sqlite3.connect(db) as c:
        t_raw = best_of(lambda: c.execute(raw_sql).fetchall(), 3)
    if scale == "village":
        def tasks() -> None:
            with unit_of_work(engine) as s:
                week_tasks(s, on)
        results.append(Result("`tasks` for one village (service call)", best_of(tasks),
                              "raw GROUP BY of the quarter's care records", t_raw, "< 0.05 s"))
    else:
        def status() -> None:
            with unit_of_work(engine) as s:
                status_report(s, quarter)
        target = "< 0.5 s" if scale == "township" else "< 3 s"
        results.append(Result(f"`status --period {quarter}`, {scale} (service call)", best_of(status, 3),
                              "raw GROUP BY of the quarter's care records", t_raw, target))
    engine.dispose()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def table(results: list[Result]) -> str:
    lines = ["| operation | seconds | baseline | baseline s | ratio | target | note |",
             "|---|---:|---|---:|---:|---|---|"]
    for r in results:
        base = f"{r.baseline:.3f}" if r.baseline else ""
        lines.append(f"| {r.name} | {r.seconds:.3f} | {r.baseline_name} | {base} | {r.ratio} | {r.target} | {r.note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the county scale")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    scales = ["village", "township"] + ([] if args.quick else ["county"])
    for scale in scales:
        print(f"… demo {scale}", file=sys.stderr)
        db = bench_demo(scale, results)
        print(f"… schedule on {scale}", file=sys.stderr)
        bench_schedule(scale, db, results)
    if not args.quick:
        print("… county load vs raw executemany", file=sys.stderr)
        bench_county_load(results)
        # Imported here: bench.ui imports this module.
        from bench.ui import bench_ui

        bench_ui(DATA / "county.sqlite3", results)
    print(f"\n{dt.date.today().isoformat()} — {machine()}\n")
    print(table(results))
    return 0

"""Guanai benchmarks: generate the demo scales and time the core operations, each beside a
raw baseline measured in the same run, and print one table (Markdown, for RESULTS.md).

    python -m bench.run             all scales
    python -m bench.run --quick     village and township only (a minute or so)
    python -m bench.run --tiny      the village only, the app on it (a smoke test)

(`python -m bench`, `./dev bench`, runs this and every other bench: bench/all.py.)

Data lives in bench/.data/ (ignored by git) and is rebuilt every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import statistics
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

# Where every bench builds its data (ignored by git); GUANAI_BENCH_DATA moves it (the smoke test).
DATA = Path(os.environ.get("GUANAI_BENCH_DATA") or Path(__file__).resolve().parent / ".data")
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


@dataclass(frozen=True)
class Runs:
    """Several timings of one thing: its median and its spread are reported, never the best
    alone (the best of a noisy machine flatters whichever side had the quiet moment)."""

    times: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def spread(self) -> str:
        return f"{min(self.times):.3f}–{max(self.times):.3f}"


def interleaved(ours: Callable[[], object], baseline: Callable[[], object], n: int) -> tuple[Runs, Runs]:
    """n runs of each, taking turns (ours, baseline, ours, …), so drift of the machine's speed
    within the run falls on both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(n):
        a.append(timed(ours))
        b.append(timed(baseline))
    return Runs(tuple(a)), Runs(tuple(b))


def compared(name: str, ours: Runs, baseline_name: str, baseline: Runs, target: str = "", note: str = "") -> Result:
    """A row of medians, the note giving each side's range and the number of runs."""
    spread = f"median of {len(ours.times)} interleaved runs each; ours {ours.spread()} s, baseline {baseline.spread()} s"
    return Result(name, ours.median, baseline_name, baseline.median, target, f"{note}; {spread}" if note else spread)


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


def bench_county_load(results: list[Result], rounds: int = 3) -> None:
    """The demo's loader against bare sqlite3.executemany of the same tuples into the same
    schema, each in one transaction with the same index strategy: the secondary indexes
    dropped first and built once at the end, a rollback journal meanwhile (what
    app.demo.load.bulk_transaction does for a large load). The loader's part, timed from the
    same tuples in this one process: writing them into spool files, then copying those in,
    with an audit entry per village (in the demo itself the workers write the spool files).
    Each side runs `rounds` times into a fresh database, taking turns; medians reported."""
    from app.demo.load import secondary_indexes

    plan, tasks = county_plan()
    t0 = time.perf_counter()
    all_rows = list(villages(tasks))
    gen = time.perf_counter() - t0
    n = sum(len(b) for rows in all_rows for b in rows.values())
    deferred = {ix.name for ix in secondary_indexes()}

    def ours() -> float:
        ours_db = fresh(DATA / "load-ours.sqlite3")
        engine = open_database(ours_db)
        with Session(engine) as s, s.begin():
            init_office(s, role="county", code=DEMO_COUNTY[0], name=DEMO_COUNTY[1])
        with Session(engine) as s:
            actor = actor_for(s)
        with engine.connect() as conn:
            runs = runs_of(list(zip(plan, all_rows, strict=True)), spool_count(conn, len(plan)))
            with spool_files(engine, conn, len(runs)) as (paths, names):
                def load() -> None:
                    counts = [write_spool(path, [rows for _v, rows in run]) for run, path in zip(runs, paths, strict=True)]
                    with bulk_transaction(conn, large=True, say=lambda _t: None):
                        load_spools(conn, actor, [[v for v, _rows in run] for run in runs], names, counts,
                                    seed=1, totals={}, say=lambda _t: None)
                seconds = timed(load)
        engine.dispose()
        return seconds

    def raw() -> float:
        raw_db = fresh(DATA / "load-raw.sqlite3")
        open_database(raw_db).dispose()
        c = sqlite3.connect(raw_db, isolation_level=None)
        c.execute("PRAGMA journal_mode=DELETE")  # as the loader switches from WAL for a large load,
        c.execute("PRAGMA synchronous=FULL")  # with FULL while the rollback journal lasts
        c.execute("PRAGMA cache_size=-524288")
        c.execute(f"PRAGMA threads={min(4, os.cpu_count() or 1)}")
        indexes = [(name, sql) for name, sql in c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
                   if name in deferred]

        def load() -> None:
            c.execute("BEGIN")
            for name, _sql in indexes:
                c.execute(f'DROP INDEX "{name}"')
            for rows in all_rows:
                for table, batch in rows.items():
                    cols = columns(table)
                    c.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                  batch)
            for _name, sql in indexes:
                c.execute(sql)
            c.execute("COMMIT")

        seconds = timed(load)
        c.execute("PRAGMA journal_mode=WAL")
        c.close()
        return seconds

    t_ours: list[float] = []
    t_raw: list[float] = []
    for _ in range(rounds):
        t_ours.append(ours())
        t_raw.append(raw())
    results.append(Result("county demo: generate rows (worker processes)", gen,
                          note=f"{n:,} rows, {len(all_rows)} villages, {os.cpu_count()} cores"))
    results.append(compared("county demo: load the rows (app loader + audit)", Runs(tuple(t_ours)),
                            "raw sqlite3.executemany, same rows, same index strategy", Runs(tuple(t_raw)),
                            "within 3×", f"{n / statistics.median(t_ours):,.0f} rows/s; "
                            f"{len(deferred)} indexes dropped and rebuilt by both"))


def bench_schedule(scale: str, db: Path, results: list[Result], rounds: int = 5) -> None:
    """tasks (village) and status (township, county) beside one raw aggregate over the same
    period's care records, taking turns; medians."""
    from app.care.status import status_report
    from app.care.tasks import week_tasks
    from app.db import unit_of_work

    engine = open_database(db)
    on = TODAY - dt.timedelta(days=3)
    quarter = "2026-Q3"
    raw_sql = ("SELECT recipient_id, kind, count(*) FROM care_records WHERE deleted = 0 "
               "AND occurred_on BETWEEN '2026-07-01' AND '2026-09-30' GROUP BY recipient_id, kind")
    c = sqlite3.connect(db)

    def raw() -> None:
        c.execute(raw_sql).fetchall()

    if scale == "village":
        def tasks() -> None:
            with unit_of_work(engine) as s:
                week_tasks(s, on)
        ours, base = interleaved(tasks, raw, rounds)
        results.append(compared("`tasks` for one village (service call)", ours,
                                "raw GROUP BY of the quarter's care records", base, "< 0.05 s"))
    else:
        def status() -> None:
            with unit_of_work(engine) as s:
                status_report(s, quarter)
        target = "< 0.5 s" if scale == "township" else "< 3 s"
        ours, base = interleaved(status, raw, rounds)
        results.append(compared(f"`status --period {quarter}`, {scale} (service call)", ours,
                                "raw GROUP BY of the quarter's care records", base, target))
    c.close()
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
    parser.add_argument("--tiny", action="store_true", help="the village only, the desktop app on it, one round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved runs of ours and of the baseline for each row (medians reported)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    scales = ["village"] if args.tiny else ["village", "township"] + ([] if args.quick else ["county"])
    for scale in scales:
        print(f"… demo {scale}", file=sys.stderr)
        db = bench_demo(scale, results)
        print(f"… schedule on {scale}", file=sys.stderr)
        bench_schedule(scale, db, results, args.rounds if args.tiny else max(args.rounds, 5))
    if args.tiny:
        from bench.ui import bench_ui

        bench_ui(DATA / "village.sqlite3", results, args.rounds)
    elif not args.quick:
        print("… county load vs raw executemany", file=sys.stderr)
        bench_county_load(results, args.rounds)
        # Imported here: bench.ui imports this module.
        from bench.ui import bench_ui

        bench_ui(DATA / "county.sqlite3", results, args.rounds)
    print(f"\n{dt.date.today().isoformat()} — {machine()}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

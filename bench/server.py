"""Issue 17 point 8: the county demo's `status`, `tasks` and the overview on PostgreSQL beside
SQLite, in the same run, each beside a raw-SQL baseline run on the same engine.

    python -m bench.server                       # builds both (a throw-away server), then times
    python -m bench.server --pg-url postgresql+psycopg://guanai@localhost:PORT/county \\
                           --sqlite bench/.data/county.sqlite3        # reuse loaded databases
    python -m bench.server --scale township      # the smaller scale

The raw baselines are one plain aggregate each, sent through the engine's own driver (sqlite3,
psycopg) with no ORM: they count records, knowing nothing of confirmed spans, rules or periods
owed, so a ratio is the price of counting what the plan asks on that engine. Each figure is the
median of --rounds runs (5), ours and the baseline taking turns; the note gives the ranges.
Building the county demo on a server takes several minutes (see bench/RESULTS.md); the same
demo (seed 1, today 2026-11-28) is built in both databases, so the answers must be equal —
checked before anything is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.run import DATA, TODAY, Result, compared, interleaved, machine, table

PERIOD = "2026-Q4"  # the quarter holding TODAY: the overview's
STATUS_PERIOD = "2026-Q3"  # the last whole quarter: status's
# Engine-neutral SQL: booleans tested bare, dates as ISO literals (both engines compare them).
RAW_STATUS = """
    SELECT r.village_code, c.kind, count(*) FROM care_records c JOIN recipients r ON r.id = c.recipient_id
    WHERE NOT c.deleted AND c.occurred_on BETWEEN '2026-07-01' AND '2026-09-30'
    GROUP BY r.village_code, c.kind
"""
RAW_TASKS = """
    SELECT c.recipient_id, c.kind, max(c.occurred_on) FROM care_records c
    WHERE NOT c.deleted AND (c.kind != 'phone_followup' OR c.reached) GROUP BY c.recipient_id, c.kind
"""
RAW_OVERVIEW = """
    SELECT r.village_code, c.kind, count(DISTINCT c.recipient_id) FROM care_records c
    JOIN recipients r ON r.id = c.recipient_id
    WHERE NOT c.deleted AND c.occurred_on BETWEEN '2026-10-01' AND '2026-12-31'
      AND (c.kind != 'phone_followup' OR c.reached)
    GROUP BY r.village_code, c.kind
"""


def build(url: str, scale: str) -> float:
    """The demo into an empty database; seconds taken."""
    from app.db import open_database
    from app.demo.generate import generate_demo

    engine = open_database(url)
    t = time.perf_counter()
    generate_demo(engine, scale=scale, today=TODAY)
    seconds = time.perf_counter() - t
    engine.dispose()
    return seconds


def raw_connection(url: str) -> Any:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sqlite3.connect(parsed.database)
    import psycopg

    conn = psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False))
    conn.autocommit = True
    return conn


def answers(url: str) -> dict[str, Any]:
    """What the three services answer, to check both engines say the same."""
    from app.care.status import status_report
    from app.care.tasks import week_tasks
    from app.db import open_database, unit_of_work
    from app.oversight import overview as service

    engine = open_database(url)
    service._KEPT.clear()
    with unit_of_work(engine) as s:
        out = {"status": status_report(s, STATUS_PERIOD),
               "tasks": [(t.recipient_id, t.kind, str(t.due)) for t in week_tasks(s, TODAY)],
               "overview": [repr(u) for u in service.overview(s, PERIOD, today=TODAY).units]}
    engine.dispose()
    return out


def bench_engine(label: str, url: str, scale: str, results: list[Result], rounds: int) -> None:
    from app.care.status import status_report
    from app.care.tasks import week_tasks
    from app.db import open_database, unit_of_work
    from app.oversight import overview as service

    engine = open_database(url)
    raw = raw_connection(url)

    def query(sql: str) -> Callable[[], object]:
        def run() -> object:
            cur = raw.cursor()
            cur.execute(sql)
            return cur.fetchall()
        return run

    def status() -> None:
        with unit_of_work(engine) as s:
            status_report(s, STATUS_PERIOD)

    def tasks() -> None:
        with unit_of_work(engine) as s:
            week_tasks(s, TODAY)

    def overview() -> None:
        service._KEPT.clear()
        with unit_of_work(engine) as s:
            service.overview(s, PERIOD, today=TODAY)

    for fn in (status, tasks, overview, query(RAW_STATUS), query(RAW_TASKS), query(RAW_OVERVIEW)):
        fn()  # warm, both sides: the first call after opening pays for the connection and caches
    ours, base = interleaved(status, query(RAW_STATUS), rounds)
    results.append(compared(f"`status --period {STATUS_PERIOD}`, {scale}, {label}", ours,
                            f"raw GROUP BY of the quarter's care records ({label})", base))
    ours, base = interleaved(tasks, query(RAW_TASKS), rounds)
    results.append(compared(f"`tasks`, {scale}, {label}", ours,
                            f"raw last care record per recipient and kind ({label})", base))
    ours, base = interleaved(overview, query(RAW_OVERVIEW), rounds)
    results.append(compared(f"`overview --period {PERIOD}`, {scale}, {label} (nothing kept)", ours,
                            f"raw GROUP BY of the quarter per village ({label})", base))
    raw.close()
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["township", "county"], default="county")
    parser.add_argument("--pg-url", help="a server database holding the demo already (else one is built)")
    parser.add_argument("--sqlite", type=Path, help="a SQLite file holding the demo already (else one is built)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    built: list[str] = []
    sqlite_path = args.sqlite or DATA / f"server-{args.scale}.sqlite3"
    if args.sqlite is None:
        for p in DATA.glob(sqlite_path.name + "*"):
            p.unlink()
        print(f"… the {args.scale} demo into SQLite", file=sys.stderr)
        built.append(f"SQLite {build(f'sqlite:///{sqlite_path}', args.scale):.0f} s")
    server = None
    pg_url = args.pg_url
    if pg_url is None:
        from bench import pgserver

        server = pgserver.start()
        pg_url = server.create_database(args.scale)
        print(f"… the {args.scale} demo into PostgreSQL", file=sys.stderr)
        built.append(f"PostgreSQL {build(pg_url, args.scale):.0f} s")
    try:
        sqlite_url = f"sqlite:///{sqlite_path}"
        print("… the answers on both engines", file=sys.stderr)
        same = answers(sqlite_url) == answers(pg_url)
        for label, url in (("SQLite", sqlite_url), ("PostgreSQL", pg_url)):
            print(f"… timing on {label}", file=sys.stderr)
            bench_engine(label, url, args.scale, results, args.rounds)
    finally:
        if server is not None:
            server.stop()
    from bench import pgserver as _pg

    print(f"\n{dt.date.today().isoformat()} — {machine()}, PostgreSQL {_pg.version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
          + (f"; demo built in {', '.join(built)}" if built else "") + "\n")
    print(f"Answers of status, tasks and overview equal on both engines: {'yes' if same else '**NO**'}\n")
    print(table(results))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

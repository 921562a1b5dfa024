"""Issue 13: the overview of the offices above the village at county scale.

    python -m bench.oversight [--rounds N] [--rebuild]

Builds the county demo (500 villages, 60,000 recipients) once under bench/.data/ (about a
minute; --rebuild makes it again) and the township demo, then times, each beside a raw-SQL
baseline in the same run:

* the overview of this quarter (`guanai overview`'s service: the four ones per village with the
  overdue periods, agreements, responsibilities, warnings, open items, last bundles), county
  and township, nothing kept from an earlier call; at county scale the service counts the
  warnings on a second connection meanwhile (app/oversight/second_reader.py), so the county
  is timed again on one connection (`beside=False`), and its CPU seconds (both threads) exceed
  its wall-clock ones; and the county again encrypted at rest (a copy made once with
  SQLCipher, as a county's laptop keeps its file), and the first call after opening the
  database, plain and encrypted, when the connection's page cache is still empty;
* the eight-quarter trend, nothing kept, and again with the quarters kept from the first call
  (as the desktop app asks for it going down a level and back up);
* the overview with its trend (`overview --trend 8`): the quarter counted in the trend's pass.

Each figure is the median of --rounds runs (3) of each side, ours and the baseline taking
turns; the note gives the ranges, and the median CPU seconds of each side with their ratio and
the load average: SQLite runs in this process for both, so on a shared, loaded machine the CPU
time says what the wall clock cannot (it moves little with the load).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sqlite3
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from bench.run import DATA, TODAY, Result, compared, fresh, interleaved, machine, table

PERIOD = "2026-Q4"  # the quarter holding TODAY
SEALED_KEY = bytes(range(32))  # the encrypted copy's key: the figures do not depend on its value
TREND_START = "2025-01-01"  # the first day of the eight quarters up to PERIOD


def build(scale: str, rebuild: bool, *, reuse: bool = False, tiny: bool = False) -> Path:
    """The demo database of a scale, built once. `reuse`: the one `python -m bench.run` builds
    (bench/.data/<scale>.sqlite3), if there. `tiny`: a township office holding one village."""
    from app.care.offices import init_office
    from app.db import open_database
    from app.demo.generate import generate_demo
    from app.demo.plan import DEMO_COUNTY, township_code, township_name

    if reuse and not tiny and (DATA / f"{scale}.sqlite3").exists():
        return DATA / f"{scale}.sqlite3"
    db = DATA / f"oversight-{'tiny' if tiny else scale}.sqlite3"
    if db.exists() and not rebuild:
        return db
    print(f"… building the {scale} demo in {db}", file=sys.stderr)
    engine = open_database(fresh(db))
    if tiny:
        from sqlalchemy.orm import Session

        with Session(engine) as s, s.begin():
            init_office(s, role="township", code=township_code(0), name=township_name(0), parent=DEMO_COUNTY[0],
                        operator="基准")
    generate_demo(engine, scale="village" if tiny else scale, today=TODAY)
    engine.dispose()
    return db


# The baselines: one plain aggregate of the same care records per village, as someone would
# write it straight into sqlite3 (no confirmed spans, no rules, no obligations).
RAW_QUARTER = """
    SELECT r.village_code, c.kind, count(DISTINCT c.recipient_id) FROM care_records c
    JOIN recipients r ON r.id = c.recipient_id
    WHERE c.deleted = 0 AND c.occurred_on BETWEEN :start AND :end AND (c.kind != 'phone_followup' OR c.reached = 1)
    GROUP BY r.village_code, c.kind
"""
RAW_TREND = """
    SELECT r.village_code, c.kind, substr(c.occurred_on, 1, 4) || '-Q' || ((CAST(substr(c.occurred_on, 6, 2) AS INTEGER) + 2) / 3),
           count(DISTINCT c.recipient_id) FROM care_records c
    JOIN recipients r ON r.id = c.recipient_id
    WHERE c.deleted = 0 AND c.occurred_on BETWEEN :start AND :end AND (c.kind != 'phone_followup' OR c.reached = 1)
    GROUP BY 1, 2, 3
"""


class CpuTimed:
    """A callable that keeps the CPU seconds (user + system) of this process for each call."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn
        self.times: list[float] = []

    def __call__(self) -> None:
        before = _cpu()
        self.fn()
        self.times.append(_cpu() - before)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_note(ours: CpuTimed, baseline: CpuTimed) -> str:
    a, b = statistics.median(ours.times), statistics.median(baseline.times)
    return f"CPU ours {a:.3f} s, baseline {b:.3f} s ({a / b:.2f}×); load {os.getloadavg()[0]:.1f}"


def sealed_copy(db: Path, rebuild: bool) -> Path:
    """The demo encrypted at rest as an office's file is (SQLCipher, `encrypt_file`), made once
    (about a minute for the county)."""
    from app.protection.at_rest import encrypt_file

    out = DATA / f"{db.stem}-sqlcipher.sqlite3"
    if out.exists() and not rebuild:
        return out
    print(f"… encrypting a copy of {db.name} into {out.name}", file=sys.stderr)
    shutil.copyfile(db, fresh(out))
    encrypt_file(out, SEALED_KEY)
    return out


def bench_county_overview(db: Path, engine: Engine, conn: sqlite3.Connection, results: list[Result], n: int,
                          rebuild: bool) -> None:
    """The county overview again: on one connection (the warnings counted after the four ones,
    not beside them), encrypted at rest, and the first call after opening the database."""
    from app.db import open_database, unit_of_work
    from app.oversight import overview as service

    quarter = {"start": "2026-10-01", "end": "2026-12-31"}
    sealed = sealed_copy(db, rebuild)
    sealed_engine = open_database(sealed, key=SEALED_KEY)

    def ours(on: Engine, beside: bool | None = None) -> Callable[[], None]:
        def run() -> None:
            service._KEPT.clear()
            with unit_of_work(on) as s:
                service.overview(s, PERIOD, today=TODAY, beside=beside)
        return run

    def raw() -> CpuTimed:
        return CpuTimed(lambda: conn.execute(RAW_QUARTER, quarter).fetchall())

    mine, base = CpuTimed(ours(engine, beside=False)), raw()
    t_ours, t_raw = interleaved(mine, base, n)
    results.append(compared(f"`overview --period {PERIOD}`, county (service, one connection)", t_ours,
                            "the same raw GROUP BY", t_raw, "",
                            f"the warnings counted after the four ones, not beside them; {cpu_note(mine, base)}"))
    ours(sealed_engine)()  # its page cache filled, as the plain engine's was by the rows above
    mine, base = CpuTimed(ours(sealed_engine)), raw()
    t_ours, t_raw = interleaved(mine, base, n)
    results.append(compared(f"`overview --period {PERIOD}`, county, encrypted at rest (SQLCipher)", t_ours,
                            "the same raw GROUP BY (plain file)", t_raw, "< 2 s",
                            f"as a county's laptop keeps it; {cpu_note(mine, base)}"))
    sealed_engine.dispose()

    def first(path: Path, key: bytes | None) -> Callable[[], None]:
        def run() -> None:
            fresh_engine = open_database(path, key=key)
            ours(fresh_engine)()
            fresh_engine.dispose()
        return run

    def raw_first() -> None:
        fresh = sqlite3.connect(db)
        fresh.execute(RAW_QUARTER, quarter).fetchall()
        fresh.close()

    for label, path, key in (("plain", db, None), ("encrypted at rest", sealed, SEALED_KEY)):
        t_ours, t_raw = interleaved(first(path, key), raw_first, n)
        results.append(compared(f"`overview --period {PERIOD}`, county, {label}: the first call after opening",
                                t_ours, "the same raw GROUP BY on a new connection", t_raw, "",
                                "a new connection's page cache is empty: every page read (and decrypted) once"))


def bench_scale(scale: str, db: Path, results: list[Result], n: int, rebuild: bool = False) -> None:
    from app.db import open_database, unit_of_work
    from app.oversight import overview as service

    engine = open_database(db)
    conn = sqlite3.connect(db)
    quarter = {"start": "2026-10-01", "end": "2026-12-31"}
    window = {"start": TREND_START, "end": "2026-12-31"}
    units: list[int] = []

    def ours_overview() -> None:
        service._KEPT.clear()
        with unit_of_work(engine) as s:
            units.append(len(service.overview(s, PERIOD, today=TODAY).units))

    def ours_trend() -> None:
        service._KEPT.clear()
        with unit_of_work(engine) as s:
            service.overview_trend(s, PERIOD, 8, today=TODAY)

    def ours_trend_kept() -> None:
        with unit_of_work(engine) as s:
            service.overview_trend(s, PERIOD, 8, today=TODAY)

    def raw_trend() -> CpuTimed:
        return CpuTimed(lambda: conn.execute(RAW_TREND, window).fetchall())

    ours, raw = CpuTimed(ours_overview), CpuTimed(lambda: conn.execute(RAW_QUARTER, quarter).fetchall())
    t_ours, t_raw = interleaved(ours, raw, n)
    with conn:
        recipients = conn.execute("SELECT count(*) FROM recipients").fetchone()[0]
    results.append(compared(f"`overview --period {PERIOD}`, {scale} (service, nothing kept)", t_ours,
                          "raw GROUP BY of the quarter's care records per village", t_raw,
                          "< 2 s" if scale == "county" else "",
                          f"{units[-1]} rows, {recipients:,} recipients; {cpu_note(ours, raw)}"))
    if scale == "county":
        bench_county_overview(db, engine, conn, results, n, rebuild)
    ours, raw = CpuTimed(ours_trend), raw_trend()
    t_ours, t_raw = interleaved(ours, raw, n)
    results.append(compared(f"8-quarter trend, {scale} (service, nothing kept)", t_ours,
                          "raw GROUP BY of 8 quarters' care records per village and quarter", t_raw,
                          "< 5 s" if scale == "county" else "", cpu_note(ours, raw)))
    def ours_both() -> None:
        service._KEPT.clear()
        with unit_of_work(engine) as s:
            service.overview(s, PERIOD, trend=8, today=TODAY)

    ours, raw = CpuTimed(ours_both), raw_trend()
    t_ours, t_raw = interleaved(ours, raw, n)
    results.append(compared(f"`overview --period {PERIOD} --trend 8`, {scale} (service, nothing kept)", t_ours,
                          "the same raw GROUP BY", t_raw, "",
                          f"the quarter counted in the trend's pass; {cpu_note(ours, raw)}"))
    ours_trend()
    ours, raw = CpuTimed(ours_trend_kept), raw_trend()
    t_ours, t_raw = interleaved(ours, raw, n)
    results.append(compared(f"8-quarter trend, {scale} (quarters kept, data unchanged)", t_ours,
                          "the same raw GROUP BY", t_raw, "", f"as the app asks again; {cpu_note(ours, raw)}"))
    conn.close()
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.oversight", description=__doc__)
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("GUANAI_BENCH_REPEAT", "3")))
    parser.add_argument("--rebuild", action="store_true", help="build the demo databases again")
    parser.add_argument("--reuse", action="store_true",
                        help="the demos `python -m bench.run` left in bench/.data/ (township, county), if there")
    parser.add_argument("--tiny", action="store_true", help="a township office holding one village (a smoke test)")
    parser.add_argument("--scale", choices=("township", "county"), action="append",
                        help="only this scale (again for both; default both)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    DATA.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    for scale in ("township",) if args.tiny else args.scale or ("township", "county"):
        db = build(scale, args.rebuild, reuse=args.reuse, tiny=args.tiny)
        print(f"… overview on {scale}", file=sys.stderr)
        bench_scale(scale, db, results, args.rounds, args.rebuild)
    print(f"\n{dt.date.today().isoformat()} — {machine()}; load average {os.getloadavg()[0]:.1f} at the end\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

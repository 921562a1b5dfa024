"""Encryption at rest (issue 15 point 2): the cost of a SQLCipher database against the same
database as a plain SQLite file, measured in the same run, each operation on both in turn.
The table gives the medians with each side's range and the median CPU-time ratio.

    .venv/bin/python -m bench.protection            # village and township demos
    .venv/bin/python -m bench.protection --rounds 9

Builds the village and township demos as plain files, then encrypted copies of them made by
the conversion (`encrypt_file`, timed too). Measured on both, `--rounds` rounds taken
in turn (this machine's speed drifts within a minute; a ratio of figures taken apart would
measure the drift): `tasks` (village), `status` (township), the roster filter (township, the
keystrokes of a search, each to the first screen of rows and the whole list's count), a
2,000-row roster import into a fresh village database, and merging one village's bundle
(its full history and 8 photos: signed, encrypted, checked, merged, files sealed) into a
township database. Target: encrypted within 15 % of plain.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bench.run import DATA, TODAY, Result, Runs, compared, machine, table

HERE = DATA / "protection"
KEY = bytes(range(32))  # a fixed key: the figures do not depend on its value
VILLAGE, TOWNSHIP = "522631100201", "522631100"
ROSTER_ROWS = 2_000
KEYSTROKES = ["王", "王秀", "w", "wa", "wang", "wx", "李", "5226", "张建"]


def _fresh(path: Path) -> Path:
    for p in path.parent.glob(path.name + "*"):
        p.unlink() if p.is_file() else shutil.rmtree(p)
    return path


def _demo(scale: str) -> Path:
    from app.db import open_database
    from app.demo.generate import generate_demo

    path = _fresh(HERE / f"plain-{scale}.sqlite3")
    engine = open_database(path)
    generate_demo(engine, scale=scale, today=TODAY)
    engine.dispose()
    return path


def _encrypted_copy(plain: Path, results: list[Result], rounds: int) -> Path:
    """A copy of `plain` converted by encrypt_file, the conversion timed `rounds` times beside a
    plain file copy, in turn (medians); the last converted copy is the one benched."""
    from app.protection.at_rest import encrypt_file

    copy = plain.with_name(plain.name.replace("plain-", "encrypted-"))
    copies: list[float] = []
    converts: list[float] = []
    rows = 0
    for _ in range(rounds):
        _fresh(copy)
        t0 = time.perf_counter()
        shutil.copyfile(plain, copy)
        copies.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        rows = encrypt_file(copy, KEY).rows
        converts.append(time.perf_counter() - t0)
    results.append(compared(f"converting the {plain.stem.split('-')[1]} demo to SQLCipher ({rows:,} rows, "
                            "export + every table checked + swap)", Runs(tuple(converts)), "copying the plain file",
                            Runs(tuple(copies)), note=f"{plain.stat().st_size >> 20} MB; once per database"))
    return copy


Times = list[tuple[float, float]]  # (wall, CPU of this process) per run


def _measure(fn: Callable[[], object]) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def _turns(rounds: int, plain: Callable[[], object], encrypted: Callable[[], object]) -> tuple[Times, Times]:
    """Each side's times, the two run in turn `rounds` times."""
    times: tuple[Times, Times] = ([], [])
    for _ in range(rounds):
        times[0].append(_measure(plain))
        times[1].append(_measure(encrypted))
    return times


def _result(name: str, plain: Times, encrypted: Times, note: str = "") -> Result:
    """Median wall times in the table, the note giving each side's range and the median CPU
    ratio (CPU time of this process: what the encryption costs, less disturbed than the wall
    clock by the other sessions sharing the machine)."""
    wall_p, wall_e = Runs(tuple(w for w, _ in plain)), Runs(tuple(w for w, _ in encrypted))
    cpu_p, cpu_e = statistics.median(c for _, c in plain), statistics.median(c for _, c in encrypted)
    detail = f"median CPU {cpu_e:.3f} / {cpu_p:.3f} s = **{cpu_e / cpu_p:.2f}×**"
    return compared(name, wall_e, "the same, plain SQLite", wall_p, "within 1.15×",
                    "; ".join(filter(None, [note, detail])))


def _pair(name: str, rounds: int, plain: Callable[[], object], encrypted: Callable[[], object],
          results: list[Result], note: str = "") -> None:
    t_plain, t_enc = _turns(rounds, plain, encrypted)
    results.append(_result(f"{name}, encrypted", t_plain, t_enc, note))


def _engines(plain: Path, encrypted: Path) -> tuple[Engine, Engine]:
    from app.db import open_database

    return open_database(plain), open_database(encrypted, key=KEY)


def bench_schedule(village: tuple[Path, Path], township: tuple[Path, Path], rounds: int,
                   results: list[Result]) -> None:
    from app.care.recipients import count_recipients, roster_ids, rows_by_id
    from app.care.status import status_report
    from app.care.tasks import week_tasks
    from app.db import unit_of_work

    on = TODAY - dt.timedelta(days=3)
    vp, ve = _engines(*village)

    def tasks(engine: Engine) -> Callable[[], None]:
        def run() -> None:
            with unit_of_work(engine) as s:
                week_tasks(s, on)
        return run

    _pair("`tasks` for one village (service call)", rounds * 2, tasks(vp), tasks(ve), results)
    vp.dispose()
    ve.dispose()
    tp, te = _engines(*township)

    def status(engine: Engine) -> Callable[[], None]:
        def run() -> None:
            with unit_of_work(engine) as s:
                status_report(s, "2026-Q3")
        return run

    _pair("`status --period 2026-Q3`, township (service call)", rounds, status(tp), status(te), results)

    def roster(engine: Engine) -> Callable[[], None]:
        def run() -> None:
            for text in KEYSTROKES:
                with unit_of_work(engine) as s:
                    first = roster_ids(s, sort="name", search=text, limit=60)
                    rows_by_id(s, first)
                    roster_ids(s, sort="name", search=text)
                    count_recipients(s)
        return run

    # Each keystroke takes about a millisecond: many rounds, or the scheduler's noise is the figure.
    _pair(f"roster filter, township, {len(KEYSTROKES)} keystrokes (first rows, whole list, count)", rounds * 5,
          roster(tp), roster(te), results)
    # The plain file read by sqlcipher3 without a key: the same SQLite (sqlcipher3 bundles a
    # newer one than Python's sqlite3), so the difference is the encryption alone.
    same = _same_engine(township[0])
    for name, fn, n in (("`status`", status, rounds), ("roster filter", roster, rounds * 5)):
        t_same, t_enc = _turns(n, fn(same), fn(te))
        row = _result(f"{name}, township, encrypted", t_same, t_enc)
        row.baseline_name = "the same, plain file through sqlcipher3 (same SQLite)"
        results.append(row)
    same.dispose()
    tp.dispose()
    te.dispose()


def _same_engine(plain: Path) -> Engine:
    from functools import partial

    from sqlalchemy import create_engine, event

    from app.db import _sqlite_pragmas
    from app.protection.at_rest import sqlcipher

    engine = create_engine(f"sqlite:///{plain}", module=sqlcipher())
    event.listen(engine, "connect", partial(_sqlite_pragmas))
    return engine


def bench_roster_import(rounds: int, results: list[Result], roster_rows: int = ROSTER_ROWS) -> None:
    from app.care.offices import init_office
    from app.db import open_database
    from app.reports.roster_import import run_import
    from bench.sheets import make_roster_file

    sheet = make_roster_file(HERE / f"roster-{roster_rows}.xlsx", roster_rows)

    def importing(key: bytes | None) -> Callable[[], None]:
        def run() -> None:
            path = _fresh(HERE / f"import-{'e' if key else 'p'}.sqlite3")
            engine = open_database(path, key=key)
            with Session(engine) as s, s.begin():
                init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
            done: Any = None

            def run_it() -> None:
                nonlocal done
                done = run_import(engine, sheet)
            timings.append(_measure(run_it))
            assert len(done.imported) == roster_rows, len(done.imported)
            engine.dispose()
        return run

    timings: Times = []
    times: dict[str, Times] = {"p": [], "e": []}
    for _ in range(rounds):
        for which, key in (("p", None), ("e", KEY)):
            importing(key)()
            times[which].append(timings[-1])
    results.append(_result(f"`roster import`, {roster_rows:,} rows committed (with audit), encrypted",
                           times["p"], times["e"], "the import alone, not the set-up"))


def bench_merge(township_demo: Path, rounds: int, results: list[Result]) -> None:
    """One village's first bundle merged into a township database, plain and encrypted."""
    from app.care.offices import init_office
    from app.db import open_database
    from app.sync import exchange
    from bench.sync import _copy_village, _office, _photos, _trust

    # One village office per kind (a village trusts one township key): the same rows and
    # photos, so the two bundles carry the same records.
    templates: dict[str, Path] = {}
    bundles: dict[str, Path] = {}
    for which, key in (("p", None), ("e", KEY)):
        village = _office(_fresh(HERE / f"village-{which}.sqlite3"), "village", VILLAGE, "岩寨村", TOWNSHIP)
        _copy_village(village, township_demo, VILLAGE)
        _photos(village, HERE, random.Random(15))
        path = _fresh(HERE / f"township-{which}.sqlite3")
        engine = open_database(path, key=key)
        with Session(engine) as s, s.begin():
            init_office(s, role="township", code=TOWNSHIP, name="乡", parent=TOWNSHIP[:6], operator="基准")
        _trust(village, engine)
        engine.dispose()
        templates[which] = path
        bundles[which] = HERE / f"village-{which}.bundle"
        sent = exchange.export_bundle(village, to_office=TOWNSHIP, out=bundles[which])
        village.dispose()

    times: dict[str, Times] = {"p": [], "e": []}
    for _ in range(rounds):
        for which, key in (("p", None), ("e", KEY)):
            work = _fresh(HERE / f"merge-{which}.sqlite3")
            shutil.copyfile(templates[which], work)
            files = templates[which].with_name(templates[which].stem + "-files")
            if files.exists():
                shutil.copytree(files, work.with_name(work.stem + "-files"))
            engine = open_database(work, key=key)
            got: Any = None

            def merge() -> None:
                nonlocal got
                got = exchange.import_bundles(engine, [bundles[which]])  # noqa: B023 - called at once
            times[which].append(_measure(merge))
            assert got[0].accepted, got[0].reason
            engine.dispose()
    rows = sum(sent.counts.values())
    results.append(_result(f"`bundle import` of one village's full history ({rows:,} records, 8 photos), encrypted",
                           times["p"], times["e"], "verify, decrypt, merge; the photos sealed into the store"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.protection", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--roster-rows", type=int, default=ROSTER_ROWS)
    parser.add_argument("--tiny", action="store_true",
                        help="the village demo stands in for the township's (a smoke test; 20 roster rows)")
    args = parser.parse_args(argv)
    if args.tiny:
        args.roster_rows = min(args.roster_rows, 20)
    os.environ.setdefault("GUANAI_HOME", str(HERE / "home"))
    HERE.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    load_before = os.getloadavg()
    print("… demos (plain) and their encrypted copies", file=sys.stderr)
    village = _demo("village")
    township = village if args.tiny else _demo("township")
    convert_rounds = max(1, min(args.rounds, 3))  # the township's conversion takes seconds
    pairs: dict[str, Any] = {"village": (village, _encrypted_copy(village, results, convert_rounds))}
    pairs["township"] = pairs["village"] if args.tiny else (township, _encrypted_copy(township, results,
                                                                                       convert_rounds))
    print("… tasks, status, roster filter", file=sys.stderr)
    bench_schedule(pairs["village"], pairs["township"], args.rounds, results)
    print("… roster import", file=sys.stderr)
    bench_roster_import(args.rounds, results, args.roster_rows)
    print("… bundle merge", file=sys.stderr)
    bench_merge(township, args.rounds, results)
    load_after = os.getloadavg()
    print(f"\n{dt.date.today().isoformat()} — {machine()}; load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

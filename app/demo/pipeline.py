"""Generating villages in worker processes while this process writes them, in one transaction
(the demo's setup included: a demo completes or leaves the database as it was).

Two ways through, the same rows either way:
- few villages, or a database other than SQLite: rows come back as tuples and are inserted
  with executemany (`load_villages`);
- many villages on SQLite: each worker writes a run of villages into a spool file, and the
  writer copies each file in with `INSERT … SELECT` as soon as it is complete
  (`generate_spooled`; see app/demo/spool.py for why).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care import writes
from app.care.collector import paused_collector
from app.care.context import Actor
from app.care.intake import clean_leftovers, temp_dir
from app.demo.load import Rows, as_tuples, bulk_transaction, columns, insert_rows
from app.demo.plan import VILLAGES_PER_TOWNSHIP, VillagePlan
from app.demo.spool import Counts, attach, copy_spool, detach, max_spools, write_spool
from app.demo.village import VillageDemo
from app.protection.at_rest import office_key

Say = Callable[[str], None]
T = TypeVar("T")


@dataclass(frozen=True)
class VillageTask:
    plan: VillagePlan
    seed: int
    today: dt.date
    start: dt.date
    recipients: int
    units: list[dict[str, Any]]
    persons: dict[str, list[dict[str, Any]]]
    sqlite: bool = True


def build_village(task: VillageTask) -> Rows:
    """One village's rows, as tuples (cheap to send back from a worker)."""
    gen = VillageDemo(task.plan, seed=task.seed, today=task.today, start=task.start,
                      recipients=task.recipients, used_ids=set(), unit_pool=task.units,
                      persons_by_unit=task.persons)
    return as_tuples(gen.build(), sqlite=task.sqlite)


def workers() -> int:
    # As many generating processes as cores: measured faster on 2 cores than leaving one
    # core to the writing process alone (98 s against 119 s for the county).
    return min(max(1, (os.cpu_count() or 1)), 4)


def _pool(n: int) -> Pool:
    return mp.get_context("spawn" if sys.platform == "win32" else "fork").Pool(n)


def villages(tasks: list[VillageTask]) -> Iterator[Rows]:
    """Generate in worker processes while this one loads; in-process for a village or two."""
    if len(tasks) < 3 or workers() < 2:
        yield from map(build_village, tasks)
        return
    with _pool(workers()) as pool:
        yield from pool.imap(build_village, tasks, chunksize=1)


def spooled(engine: Engine, tasks: list[VillageTask]) -> bool:
    """Whether a load takes the spool way: SQLite, and enough villages to be worth it. Not for
    an encrypted file (an office key): the spool files are plain scratch files that hold the
    people's names until the load ends, which an encrypted database must never leave on disk."""
    return (engine.dialect.name == "sqlite" and office_key(engine) is None
            and len(tasks) >= VILLAGES_PER_TOWNSHIP and workers() >= 2)


# ---- the writer, for both ways ---------------------------------------------------------

def _free_number(number: str, used: set[str]) -> str:
    """Villages are generated apart, so two may draw the same ID number: the later one
    takes the next free sequence number, deterministically."""
    while number in used:
        body = f"{number[:14]}{(int(number[14:17]) + 2) % 1000:03d}"
        number = body + ric.calc_check_digit(body + "0")
    used.add(number)
    return number


def _audit(conn: Connection, actor: Actor, plan: list[VillagePlan], counts: list[Counts], *,
           seed: int, totals: dict[str, int]) -> None:
    """One audit entry per village: auditing a million generated rows one by one would
    only bury the real trail."""
    with Session(bind=conn) as s:
        for v, c in zip(plan, counts, strict=True):
            writes.audit(s, actor, "bulk", "*", None, {"demo": [None, {"village": v.code, "seed": seed, **c}]})
            for k, n in c.items():
                totals[k] = totals.get(k, 0) + n
        s.flush()


def _progress(say: Say, done: int, plan: list[VillagePlan], totals: dict[str, int]) -> None:
    say(f"演示数据：{done}/{len(plan)} 个村，{totals.get('recipients', 0)} 名关爱对象，"
        f"{totals.get('care_records', 0)} 条关爱记录")


def load_villages(conn: Connection, actor: Actor, plan: list[VillagePlan], rows: Iterable[Rows], *,
                  seed: int, totals: dict[str, int], say: Say) -> None:
    """Insert villages given as tuples, inside the load's transaction."""
    used: set[str] = set()
    idx = columns("recipients").index("id_number")
    for i, (v, village) in enumerate(zip(plan, rows, strict=True)):
        if "recipients" in village:
            village["recipients"] = [(*r[:idx], _free_number(r[idx], used), *r[idx + 1:])
                                     for r in village["recipients"]]
        counts = {}
        for table, batch in village.items():
            insert_rows(conn, table, batch)
            counts[table] = len(batch)
        _audit(conn, actor, [v], [counts], seed=seed, totals=totals)
        if (i + 1) % 25 == 0 or i + 1 == len(plan):
            _progress(say, i + 1, plan, totals)


def load_spools(conn: Connection, actor: Actor, runs: list[list[VillagePlan]], names: list[str],
                counts: Iterable[list[Counts]], *, seed: int, totals: dict[str, int], say: Say) -> None:
    """Inside the load's transaction, copy each attached spool file (`names`, one per run of
    villages) as its villages' counts arrive, in plan order."""
    used: set[str] = set()
    plan = [v for run in runs for v in run]
    done = 0
    for run, name, run_counts in zip(runs, names, counts, strict=True):
        copy_spool(conn, name)
        numbers = conn.exec_driver_sql(f"SELECT id, id_number FROM {name}.recipients ORDER BY rowid")
        for rid, number in numbers.all():
            free = _free_number(number, used)
            if free != number:
                conn.exec_driver_sql("UPDATE recipients SET id_number = ? WHERE id = ?", (free, rid))
        _audit(conn, actor, run, run_counts, seed=seed, totals=totals)
        done += len(run)
        _progress(say, done, plan, totals)


# ---- the spool way ---------------------------------------------------------------------

def runs_of(items: list[T], n: int) -> list[list[T]]:
    """Split villages, in plan order, into n runs, the last two half as long as the others:
    two workers finish their last runs together, and the writer copies those while nothing
    else can run."""
    weights = [2] * (n - 2) + [1, 1] if n >= 4 else [1] * n
    bounds = [len(items) * sum(weights[:k]) // sum(weights) for k in range(n + 1)]
    return [items[bounds[k]:bounds[k + 1]] for k in range(n)]


def spool_count(conn: Connection, villages: int) -> int:
    """As many spool files as SQLite lets one connection attach, up to 10: the writer can
    copy a run only once it is complete, so shorter runs overlap better."""
    return min(max_spools(conn), 10, villages)


@contextmanager
def spool_files(engine: Engine, conn: Connection, n: int) -> Iterator[tuple[list[Path], list[str]]]:
    """n empty spool files, attached to `conn`, in a temporary directory beside the database
    (a county's take about 0.8 GB); detached and removed afterwards."""
    database = engine.url.database
    beside = Path(database).parent if database and database != ":memory:" else Path(tempfile.gettempdir())
    clean_leftovers(beside)  # spool folders of a demo killed before (and whatever else it left)
    directory = temp_dir(beside, "guanai-demo")
    names: list[str] = []
    try:
        paths = [directory / f"spool{k}.sqlite3" for k in range(n)]
        names = attach(conn, paths)  # creates the empty files
        conn.commit()
        yield paths, names
    finally:
        detach(conn, names)
        conn.commit()
        shutil.rmtree(directory, ignore_errors=True)


def _spool_run(job: tuple[list[VillageTask], Path]) -> list[Counts]:
    """In a worker: generate a run of villages into its spool file, without the cyclic
    garbage collector (see paused_collector)."""
    tasks, path = job
    with paused_collector():
        return write_spool(path, map(build_village, tasks))


def load_demo(engine: Engine, tasks: list[VillageTask], *, spool: bool, prepare: Callable[[Connection], Actor],
              finish: Callable[[Connection, Actor], None], seed: int, totals: dict[str, int], say: Say,
              last: Callable[[Connection, Actor], None] | None = None) -> None:
    """The whole demo in one transaction on one connection: `prepare` (the office, its villages
    and units; returns the actor), the villages, then `finish`. Were anything to fail or the
    process be killed, the database is as it was. With `spool`, workers fill the spool files
    while this process copies each finished one in."""
    plan = [t.plan for t in tasks]
    actors: list[Actor] = []
    with engine.connect() as conn:
        # `last` runs once the deferred indexes are built (it queries what was loaded)
        after = [lambda: last(conn, actors[0])] if last is not None else []
        if not spool:
            with bulk_transaction(conn, large=len(plan) >= VILLAGES_PER_TOWNSHIP, say=say, after=after):
                actor = prepare(conn)
                actors.append(actor)
                load_villages(conn, actor, plan, villages(tasks), seed=seed, totals=totals, say=say)
                finish(conn, actor)
            return
        runs = runs_of(tasks, spool_count(conn, len(tasks)))
        with spool_files(engine, conn, len(runs)) as (paths, names):
            pool = _pool(workers())
            try:
                counts = pool.imap(_spool_run, zip(runs, paths, strict=True), chunksize=1)
                with bulk_transaction(conn, large=True, say=say, after=after):
                    actor = prepare(conn)
                    actors.append(actor)
                    load_spools(conn, actor, [[t.plan for t in run] for run in runs], names, counts,
                                seed=seed, totals=totals, say=say)
                    pool.close()  # all runs are in: the workers exit while the indexes are built
                    finish(conn, actor)
                pool.join()
            except BaseException:
                pool.terminate()
                raise

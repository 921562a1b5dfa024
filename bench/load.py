"""Issue 17 point 8: several clerks writing to one office database at once.

    python -m bench.load                         # SQLite file and a throw-away PostgreSQL server
    python -m bench.load --engines postgresql --clerks 2 4 8 --seconds 20
    python -m bench.load --url postgresql+psycopg://…/db   # an existing, empty server database

Each clerk is a separate process with its own engine, as each computer of an office is: it
opens the database once and then, until the time is up, logs phone calls to recipients of the
township demo and registers new people, each action one transaction through the service layer
(`unit_of_work` + `work.log_call` / `recipients.add_recipient`, what `guanai log call` and
`guanai recipients add` run). Half the registrations are of people every clerk registers in the
same order at the same moment (the same person brought to the office twice), half of people
only that clerk registers. Errors are sorted the way the CLI and the app sort them: a refusal of
the service (ServiceError, in words), a failure of the machine in words (app.care.failures), or
anything else — a traceback.

After the run the database is read back and checked against what the clerks were told:

- duplicates: ID numbers stored more than once (target 0);
- lost: writes a clerk was told succeeded that are not in the database (target 0);
- phantom: writes a clerk was told failed that are in the database anyway (target 0);
- errors: refusals other than "already registered" for a person another clerk registered
  first, and failures in words (target 0: retries should absorb conflicts);
- tracebacks (target 0), and messages of errors or tracebacks holding an ID number or a name
  (target 0; the refusal "already registered" names the person on purpose).

Figures: successful writes per second (all clerks together) and the latency of a write (p50,
p95) from the start of its transaction to its commit. The database is the township demo (25
villages, about 3,000 recipients), copied fresh for every run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
import shutil
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.run import DATA, TODAY, machine

HERE = DATA / "load"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓韩冯曹彭曾肖田董潘袁蔡蒋"
GIVEN = "小花明华丽军英芳建国秀兰志强玉梅海燕红霞金凤德成桂珍永福春生秋月文杰"
ALREADY = "已登记"  # the words of the refusal of a second registration (app/care/recipients.py)


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    village_code: str


@dataclass(frozen=True)
class Attempt:
    clerk: int
    kind: str  # "call" | "register"
    key: str  # the call's token in its note, or the person's ID number
    shared: bool  # a person every clerk registers (a duplicate is expected to be refused)
    outcome: str  # "ok" | "refused" | "failed" (in words) | "traceback"
    seconds: float
    message: str = ""  # the words shown, or the exception's type and first line


@dataclass(frozen=True)
class Stored:
    """What the database holds of what the clerks tried to write."""

    id_numbers: dict[str, int]  # ID number -> live rows with it
    call_tokens: set[str]


@dataclass
class Tally:
    attempts: int = 0
    ok: int = 0
    duplicates: int = 0
    lost: int = 0
    phantom: int = 0
    refused_duplicate: int = 0  # a shared person refused because another clerk was first: correct
    errors: int = 0
    tracebacks: int = 0
    leaks: int = 0  # messages holding an ID number or a name
    kinds: Counter[str] = field(default_factory=Counter)  # error and traceback kinds, no personal data

    def clean(self) -> bool:
        return not (self.duplicates or self.lost or self.phantom or self.errors or self.tracebacks or self.leaks)


def _kind(message: str) -> str:
    """An error's kind for the report: its first words, with digits and the names cut out."""
    head = message.split(":", 1)[0] if message[:1].isascii() else message.split("：", 1)[0]
    return "".join("#" if c.isdigit() else c for c in head)[:60]


def tally(attempts: Sequence[Attempt], stored: Stored, people: Iterable[Person] = ()) -> Tally:
    """The run's account: every attempt against what the database holds (pure; tested)."""
    t = Tally(attempts=len(attempts))
    secrets = {p.id_number for p in people} | {p.name for p in people}
    secrets |= {a.key for a in attempts if a.kind == "register"}
    t.duplicates = sum(n - 1 for n in stored.id_numbers.values() if n > 1)
    for a in attempts:
        present = (stored.id_numbers.get(a.key, 0) > 0) if a.kind == "register" else a.key in stored.call_tokens
        if a.outcome == "ok":
            t.ok += 1
            if not present:
                t.lost += 1
        elif a.kind == "call" and present:
            t.phantom += 1  # told it failed, stored anyway (a call's token is written once at most)
        elif a.kind == "register" and present and not a.shared:
            t.phantom += 1  # nobody else registers this person
        if a.outcome == "refused" and a.kind == "register" and a.shared and ALREADY in a.message:
            # the refusal names the person registered first, to the clerk registering them:
            # the app's message, not a leak
            t.refused_duplicate += 1
            continue
        if a.outcome in ("refused", "failed"):
            t.errors += 1
            t.kinds[f"{a.outcome}: {_kind(a.message)}"] += 1
        elif a.outcome == "traceback":
            t.tracebacks += 1
            t.kinds[f"traceback: {_kind(a.message)}"] += 1
        if a.outcome != "ok" and any(s and s in a.message for s in secrets):
            t.leaks += 1
    return t


def read_stored(url: str, attempts: Sequence[Attempt]) -> Stored:
    from sqlalchemy import func, select

    from app.db import make_engine
    from app.models import CareRecord, Recipient

    numbers = sorted({a.key for a in attempts if a.kind == "register"})
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            counts: dict[str, int] = {}
            for i in range(0, len(numbers), 500):
                rows = conn.execute(select(Recipient.id_number, func.count()).where(
                    Recipient.id_number.in_(numbers[i:i + 500]), Recipient.deleted.is_(False))
                    .group_by(Recipient.id_number))
                counts.update({number: n for number, n in rows})
            notes = conn.execute(select(CareRecord.note).where(CareRecord.note.like("load %"))).scalars()
            tokens = {n.split()[1] for n in notes if n}
    finally:
        engine.dispose()
    return Stored(counts, tokens)


# ---- the people ---------------------------------------------------------------------------

def make_people(villages: Sequence[str], n: int, seed: int, exclude: set[str]) -> list[Person]:
    """Valid elders (60 or older, a checksum that holds) of the villages' region, none of them
    already registered."""
    from stdnum.cn import ric

    rng = random.Random(seed)
    out: list[Person] = []
    while len(out) < n:
        village = rng.choice(villages)
        birth = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(365 * 25))
        body = f"{village[:6]}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + ric.calc_check_digit(body + "0")
        if number in exclude:
            continue
        exclude.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        out.append(Person(number, name, village))
    return out


# ---- one clerk ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ClerkPlan:
    clerk: int
    url: str
    seconds: float
    shared: list[Person]
    own: list[Person]
    recipients: list[str]
    out: Path
    calls_per_registration: int = 2


def _act(engine: object, plan: ClerkPlan, kind: str, key: str, person: Person | None, rid: str | None) -> None:
    from app.care import work
    from app.care.context import actor_for
    from app.care.recipients import add_recipient
    from app.db import unit_of_work

    with unit_of_work(engine) as s:  # type: ignore[arg-type]
        actor = actor_for(s)
        if kind == "call":
            work.log_call(s, actor, rid or "", reached=True, on=TODAY, note=f"load {key}")
        else:
            assert person is not None
            add_recipient(s, actor, name=person.name, id_number=person.id_number, categories=["left_behind_elder"],
                          village_code=person.village_code, children_work_away=True, surveyed_on=TODAY)


def run_clerk(plan: ClerkPlan, ready: object, go: object) -> None:
    """One clerk's process: open the database, say ready, wait for the start, then write until
    the time is up; the attempts go to plan.out as JSON lines."""
    from app.care.errors import ServiceError
    from app.care.failures import describe
    from app.db import open_database

    engine = open_database(plan.url)
    with engine.connect():
        pass  # the first connection before the clock starts, as an open app has one
    rng = random.Random(plan.clerk)
    attempts: list[Attempt] = []
    ready.put(plan.clerk)  # type: ignore[attr-defined]
    go.wait()  # type: ignore[attr-defined]
    end = time.perf_counter() + plan.seconds
    shared, own, n = iter(plan.shared), iter(plan.own), 0
    while time.perf_counter() < end:
        n += 1
        person: Person | None = None
        rid: str | None = None
        if n % (plan.calls_per_registration + 1) == 0:
            kind = "register"
            is_shared = (n // (plan.calls_per_registration + 1)) % 2 == 1
            person = next(shared if is_shared else own, None)
            if person is None:
                break
            key = person.id_number
        else:
            kind, is_shared = "call", False
            key = f"c{plan.clerk}-{n}"
            rid = rng.choice(plan.recipients)
        t = time.perf_counter()
        try:
            _act(engine, plan, kind, key, person, rid)
            outcome, message = "ok", ""
        except ServiceError as e:
            outcome, message = "refused", e.message("zh_CN")
        except Exception as e:  # noqa: BLE001 - the point is to count what escapes
            words = describe(e)
            if words is not None:
                outcome, message = "failed", words[0]
            else:
                outcome = "traceback"
                message = "".join(traceback.format_exception_only(type(e), e)).strip()
        attempts.append(Attempt(plan.clerk, kind, key, is_shared, outcome, time.perf_counter() - t, message))
    engine.dispose()  # type: ignore[attr-defined]
    with plan.out.open("w", encoding="utf-8") as f:
        for a in attempts:
            f.write(json.dumps(asdict(a), ensure_ascii=False) + "\n")


def read_attempts(paths: Iterable[Path]) -> list[Attempt]:
    out: list[Attempt] = []
    for p in paths:
        if p.exists():
            out += [Attempt(**json.loads(line)) for line in p.read_text(encoding="utf-8").splitlines()]
    return out


# ---- a run --------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoadResult:
    engine: str
    clerks: int
    seconds: float
    tally: Tally
    writes_per_s: float
    p50: float
    p95: float
    by_kind: dict[str, int]
    missing_clerks: int
    peak_connections: int | None  # a server: the most connections to the database seen during the run


def roster(url: str) -> tuple[list[str], list[str], set[str]]:
    """The demo's villages, its confirmed recipients and every ID number stored."""
    from sqlalchemy import select

    from app.db import make_engine
    from app.models import Office, Recipient

    engine = make_engine(url)
    with engine.connect() as conn:
        villages = list(conn.execute(select(Office.code).where(Office.level == "village", Office.deleted.is_(False))
                                     .order_by(Office.code)).scalars())
        rids = list(conn.execute(select(Recipient.id).where(Recipient.status == "confirmed")
                                 .order_by(Recipient.id)).scalars())
        numbers = set(conn.execute(select(Recipient.id_number)).scalars())
    engine.dispose()
    return villages, rids, numbers


def run_load(url: str, clerks: int, seconds: float, label: str) -> LoadResult:
    villages, rids, numbers = roster(url)
    per_clerk = int(seconds * 40) + 50  # more people than a clerk can register in the time
    shared = make_people(villages, per_clerk, 1000, numbers)
    folder = HERE / f"{label}-{clerks}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ctx = mp.get_context("spawn")  # a fresh interpreter per clerk, as separate computers
    ready, go = ctx.Queue(), ctx.Event()
    plans = [ClerkPlan(i, url, seconds, shared, make_people(villages, per_clerk, 2000 + i, numbers), rids,
                       folder / f"clerk-{i}.jsonl") for i in range(clerks)]
    procs = [ctx.Process(target=run_clerk, args=(p, ready, go)) for p in plans]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)
    watch = ConnectionWatch(url)
    go.set()
    for p in procs:
        p.join(timeout=seconds + 600)
    peak = watch.stop()
    attempts = read_attempts(p.out for p in plans)
    everyone = shared + [q for p in plans for q in p.own]
    t = tally(attempts, read_stored(url, attempts), everyone)
    ok = sorted(a.seconds for a in attempts if a.outcome == "ok")
    p95 = statistics.quantiles(ok, n=20)[-1] if len(ok) >= 20 else (ok[-1] if ok else 0.0)
    return LoadResult(label, clerks, seconds, t, t.ok / seconds, statistics.median(ok) if ok else 0.0, p95,
                      dict(Counter(f"{a.kind} {a.outcome}" for a in attempts)),
                      sum(1 for p in procs if p.exitcode != 0), peak)


class ConnectionWatch:
    """On a server, counts the connections to the database twice a second while the clerks
    work (its own one left out): the connection budget the README gives, measured."""

    def __init__(self, url: str) -> None:
        import threading

        self.peak: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if url.startswith("postgresql"):
            self.peak = 0
            self._thread = threading.Thread(target=self._watch, args=(url,), daemon=True)
            self._thread.start()

    def _watch(self, url: str) -> None:
        from sqlalchemy import text

        from app.db import make_engine

        engine = make_engine(url)
        with engine.connect() as conn:
            while not self._stop.wait(0.5):
                n = conn.execute(text("SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = current_database()"))
                self.peak = max(self.peak or 0, int(n.scalar_one()))
                conn.rollback()
        engine.dispose()

    def stop(self) -> int | None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        return self.peak


# ---- the databases ------------------------------------------------------------------------

def sqlite_base() -> Path:
    """The township demo in a SQLite file, built once per bench run."""
    from app.db import open_database
    from app.demo.generate import generate_demo

    base = HERE / "base-township.sqlite3"
    for p in HERE.glob(base.name + "*"):
        p.unlink()
    engine = open_database(base)
    generate_demo(engine, scale="township", today=TODAY)
    engine.dispose()
    return base


def sqlite_copy(base: Path, name: str) -> str:
    """A fresh copy of the base file (sqlite3's online backup: consistent, WAL included)."""
    import sqlite3

    path = HERE / name
    for p in HERE.glob(name + "*"):
        p.unlink()
    with sqlite3.connect(base) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{path}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--clerks", nargs="+", type=int, default=[2, 4, 8])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--fsync-off", action="store_true", help="the server without fsync (as the test server)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GUANAI_HOME", str(DATA / "home"))
    HERE.mkdir(parents=True, exist_ok=True)
    print("… the township demo (SQLite)", file=sys.stderr)
    base = sqlite_base()
    results: list[LoadResult] = []
    server_version = ""
    if "sqlite" in args.engines:
        for n in args.clerks:
            print(f"… {n} clerks on SQLite", file=sys.stderr)
            results.append(run_load(sqlite_copy(base, f"sqlite-{n}.sqlite3"), n, args.seconds, "sqlite"))
    if "postgresql" in args.engines:
        from bench import pgserver

        server_version = pgserver.version()
        with pgserver.running(fsync=not args.fsync_off) as server:
            print("… the township demo (PostgreSQL)", file=sys.stderr)
            template = server.create_database("township")
            from app.db import open_database
            from app.demo.generate import generate_demo

            engine = open_database(template)
            generate_demo(engine, scale="township", today=TODAY)
            engine.dispose()
            for n in args.clerks:
                server.psql(f'DROP DATABASE IF EXISTS "load{n}"')
                server.psql(f'CREATE DATABASE "load{n}" TEMPLATE township')
                print(f"… {n} clerks on PostgreSQL", file=sys.stderr)
                results.append(run_load(server.url(f"load{n}"), n, args.seconds, "postgresql"))
    print(f"\n{dt.date.today().isoformat()} — {machine()}"
          + (f", PostgreSQL {server_version}" if server_version else "")
          + f", load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print(load_table(results))
    return 0 if all(r.tally.clean() and not r.missing_clerks for r in results) else 1


def load_table(results: Sequence[LoadResult]) -> str:
    lines = ["| engine | clerks | s | writes | writes/s | p50 ms | p95 ms | duplicates | lost | phantom | "
             "errors | tracebacks | leaks | refused as already registered | server connections (peak) | what went wrong |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        t = r.tally
        wrong = "; ".join(f"{k} ×{v}" for k, v in t.kinds.most_common(4))
        if r.missing_clerks:
            wrong = f"{r.missing_clerks} clerk process(es) died; " + wrong
        lines.append(f"| {r.engine} | {r.clerks} | {r.seconds:.0f} | {t.ok} | {r.writes_per_s:.1f} | "
                     f"{r.p50 * 1000:.0f} | {r.p95 * 1000:.0f} | {t.duplicates} | {t.lost} | {t.phantom} | "
                     f"{t.errors} | {t.tracebacks} | {t.leaks} | {t.refused_duplicate} | "
                     f"{'' if r.peak_connections is None else r.peak_connections} | {wrong} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())

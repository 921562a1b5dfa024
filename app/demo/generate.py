"""`guanai demo`: realistic generated data at three scales, deterministic for a seed.

In an empty database it first sets up a demo office (the scale's level, in the demo county
黎平县 522631); in a database already set up it fills that office. Rows are bulk-inserted
village by village (one transaction each); each village's load is one audit entry, since
auditing a million generated rows one by one would only bury the real trail.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Index, func, select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care import writes
from app.care.context import Actor, actor_for, clock, save_clock, this_office
from app.care.errors import ServiceError
from app.care.hlc import Stamp
from app.care.offices import add_office, init_office
from app.demo import names as N
from app.demo.load import Rows, as_tuples, columns, insert_rows
from app.demo.plan import (
    DEMO_COUNTY,
    RECIPIENTS,
    VILLAGES_PER_TOWNSHIP,
    VillagePlan,
    township_code,
    township_name,
    villages_of_township,
)
from app.demo.village import VillageDemo, quarter_start, years_ago
from app.models import SYNCED_MODELS, AssistingUnit, CareRule, Office, Recipient
from app.models.codes import OfficeLevel

SCALES = ("village", "township", "county")
TOWNSHIPS_PER_COUNTY = 20


@dataclass
class DemoResult:
    scale: str
    seed: int
    office_code: str
    villages: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"scale": self.scale, "seed": self.seed, "office": self.office_code,
                "villages": self.villages, "counts": self.counts, "seconds": round(self.seconds, 2)}


def _setup_empty(session: Session, scale: str, start: dt.date) -> None:
    county, county_name = DEMO_COUNTY
    t_code, t_name = township_code(0), township_name(0)
    if scale == "county":
        init_office(session, role="county", code=county, name=county_name, operator="演示", today=start)
    elif scale == "township":
        init_office(session, role="township", code=t_code, name=t_name, parent=county,
                    operator="演示", today=start)
    else:
        plan = villages_of_township(1, 0, t_code, t_name, 1, 0)[0]
        init_office(session, role="village", code=plan.code, name=plan.name, parent=t_code,
                    operator="演示", today=start)
        actor = actor_for(session)
        add_office(session, actor, code=t_code, name=t_name, level="township", parent=county)


def _plan(session: Session, scale: str, seed: int) -> list[VillagePlan]:
    office = this_office(session)
    level = OfficeLevel(office.level)
    order = {"village": 0, "township": 1, "county": 2}
    if order[scale] > order[level.value]:
        raise ServiceError(
            f"本数据库属于{level.zh}“{office.name}”，只能生成不超过本级的演示数据（--scale {level.value}）。",
            f"This {level.value} database can hold at most a {level.value}-scale demo.")
    if level == OfficeLevel.village:
        parent = office.parent_code or office.code[:9]
        return [VillagePlan(office.code, office.name, parent, _name_of(session, parent), 0)]
    if level == OfficeLevel.township:
        n = 1 if scale == "village" else VILLAGES_PER_TOWNSHIP
        return villages_of_township(seed, 0, office.code, office.name, n, 0)
    townships = 1 if scale != "county" else TOWNSHIPS_PER_COUNTY
    villages: list[VillagePlan] = []
    for i in range(townships):
        n = 1 if scale == "village" else VILLAGES_PER_TOWNSHIP
        code = f"{office.code}{100 + i:03d}"
        villages += villages_of_township(seed, i, code, township_name(i), n, len(villages))
    return villages


def _name_of(session: Session, code: str) -> str:
    o = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    return o.name if o else ""


def _units(seed: int, start: dt.date, county: str) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The county's assisting units and their responsible persons (shared by all villages)."""
    gen = VillageDemo(VillagePlan(county, "", county, "", -1), seed=seed, today=start, start=start,
                      recipients=0, used_ids=set(), unit_pool=[], persons_by_unit={})
    gen.office = county
    units = []
    persons: dict[str, list[dict[str, Any]]] = {}
    for name, kind in N.UNITS:
        unit = gen.add("assisting_units", start, name=name, unit_type=kind,
                       contact_person=gen.person_name("male"), phone=gen.phone(), address="黎平县")
        units.append(unit)
        persons[unit["id"]] = [
            gen.add("responsible_persons", start, unit_id=unit["id"], name=gen.person_name(sex),
                    position=gen.rng.choice(N.POSITIONS), phone=gen.phone(), id_number=None)
            for sex in ("male", "female", "male", "female", "male", "male")]
    return units, persons


def _load(conn: Connection, rows: Rows) -> dict[str, int]:
    counts = {}
    for table, batch in rows.items():
        insert_rows(conn, table, batch)
        counts[table] = len(batch)
    return counts


@dataclass(frozen=True)
class _Task:
    plan: VillagePlan
    seed: int
    today: dt.date
    start: dt.date
    recipients: int
    units: list[dict[str, Any]]
    persons: dict[str, list[dict[str, Any]]]
    sqlite: bool = True


def _build_village(task: _Task) -> Rows:
    """Runs in a worker process: one village's rows, as tuples (cheap to send back)."""
    gen = VillageDemo(task.plan, seed=task.seed, today=task.today, start=task.start,
                      recipients=task.recipients, used_ids=set(), unit_pool=task.units,
                      persons_by_unit=task.persons)
    return as_tuples(gen.build(), sqlite=task.sqlite)


def _make_unique(rows: Rows, used: set[str]) -> None:
    """Villages are generated apart, so two may draw the same ID number: the later one
    takes the next free sequence number, deterministically."""
    idx = columns("recipients").index("id_number")
    fixed = []
    for row in rows.get("recipients", []):
        number = row[idx]
        while number in used:
            body = f"{number[:14]}{(int(number[14:17]) + 2) % 1000:03d}"
            number = body + ric.calc_check_digit(body + "0")
        used.add(number)
        fixed.append(row if number == row[idx] else (*row[:idx], number, *row[idx + 1:]))
    if fixed:
        rows["recipients"] = fixed


def _villages(tasks: list[_Task]) -> Iterator[Rows]:
    """Generate in worker processes while this one loads; in-process for a single village."""
    # As many generating processes as cores: measured faster on 2 cores than leaving one
    # core to the writing process alone (98 s against 119 s for the county).
    workers = min(max(1, (os.cpu_count() or 1)), 4)
    if len(tasks) < 3 or workers < 2:
        yield from map(_build_village, tasks)
        return
    ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_build_village, tasks, chunksize=1)


def load_villages(engine: Engine, actor: Actor, plan: list[VillagePlan], villages: Iterable[Rows], *,
                  seed: int, totals: dict[str, int], say: Callable[[str], None]) -> None:
    """Insert generated villages in one transaction, one audit entry per village. For the
    large scales, secondary indexes are built once after the load (a sort) instead of being
    updated row by row; SQLite's DDL is transactional, so an interrupted load leaves the
    database, indexes included, as it was."""
    used_ids: set[str] = set()
    conn = engine.connect()
    try:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A bulk load touches index pages all over; a large page cache for this one
            # connection keeps them in memory instead of re-reading them from disk.
            conn.exec_driver_sql("PRAGMA cache_size=-524288")
            conn.commit()
        with conn.begin():
            deferred = _secondary_indexes() if sqlite and len(plan) >= VILLAGES_PER_TOWNSHIP else []
            for index in deferred:
                index.drop(conn)
            for i, (v, rows) in enumerate(zip(plan, villages, strict=True)):
                _make_unique(rows, used_ids)
                counts = _load(conn, rows)
                with Session(bind=conn) as s:
                    writes.audit(s, actor, "bulk", "*", None,
                                 {"demo": [None, {"village": v.code, "seed": seed, **counts}]})
                    s.flush()
                for k, n in counts.items():
                    totals[k] = totals.get(k, 0) + n
                if (i + 1) % 25 == 0 or i + 1 == len(plan):
                    say(f"演示数据：{i + 1}/{len(plan)} 个村，{totals.get('recipients', 0)} 名关爱对象，"
                        f"{totals.get('care_records', 0)} 条关爱记录")
            if deferred:
                say("演示数据：正在建立索引……")
            for index in deferred:
                index.create(conn)
    finally:
        conn.close()


def _secondary_indexes() -> list[Index]:
    """The non-unique indexes of the tables a demo bulk-loads."""
    return [ix for model in SYNCED_MODELS if model is not Office
            for ix in sorted(model.__table__.indexes, key=lambda i: i.name or "") if not ix.unique]


def _advance_clock(engine: Engine, actor: Actor) -> None:
    """Generated rows carry stamps of their own dates; the office clock must run past all of
    them so that the next real edit is later than any of them."""
    with Session(engine) as s, s.begin():
        clk = clock(s, actor)
        for model in SYNCED_MODELS:
            top = s.scalar(select(func.max(model.hlc)))
            if top:
                clk.observe(Stamp.decode(top))
        save_clock(s)


def generate_demo(engine: Engine, *, scale: str, seed: int = 1, years: int | None = None,
                  today: dt.date | None = None,
                  progress: Callable[[str], None] | None = None) -> DemoResult:
    if scale not in SCALES:
        raise ServiceError(f"规模：应为 {'、'.join(SCALES)} 之一。", f"Scale must be one of {SCALES}.")
    t0 = time.perf_counter()
    today = today or dt.date.today()
    years = years or 2
    start = quarter_start(years_ago(today, years))
    say = progress or (lambda _text: None)
    with Session(engine) as s, s.begin():
        from app.care.context import this_office_code

        if this_office_code(s) is None:
            _setup_empty(s, scale, start)
        office = this_office(s)
        office_code = office.code
        actor = actor_for(s)
        plan = _plan(s, scale, seed)
        codes = [v.code for v in plan]
        existing = s.scalar(select(func.count()).select_from(Recipient)
                            .where(Recipient.village_code.in_(codes[:900])))
        if existing:
            raise ServiceError("本单位已有关爱对象，演示数据只能生成在没有数据的单位里；请用新的数据库文件（--db）。",
                               "This office already has recipients; use a fresh database for a demo.")
        # Townships and villages of the plan become known offices here.
        for t_code in dict.fromkeys(v.township_code for v in plan):
            if t_code != office.code and office.level == OfficeLevel.county:
                add_office(s, actor, code=t_code, name=next(v.township_name for v in plan if v.township_code == t_code),
                           level="township", parent=office.code)
        for v in plan:
            if v.code != office.code:
                add_office(s, actor, code=v.code, name=v.name, level="village", parent=v.township_code)
        # The demo's history starts before today: the seeded four ones must cover it.
        for rule in s.scalars(select(CareRule).where(CareRule.valid_from > start)):
            writes.update(s, actor, rule, valid_from=start)
        units, persons = _units(seed, start, office_code[:6])
        # Units have seeded ids: after an interrupted run they are there already.
        known = set(s.scalars(select(AssistingUnit.id).where(AssistingUnit.id.in_([u["id"] for u in units]))))
        unit_counts = _load(s.connection(), as_tuples({
            "assisting_units": [u for u in units if u["id"] not in known],
            "responsible_persons": [p for u in units if u["id"] not in known for p in persons[u["id"]]]}))
        writes.audit(s, actor, "bulk", "*", None, {"demo": [None, {"scale": scale, "seed": seed, **unit_counts}]})
    totals: dict[str, int] = dict(unit_counts)
    sqlite = engine.dialect.name == "sqlite"
    tasks = [_Task(v, seed, today, start, RECIPIENTS[scale], units, persons, sqlite) for v in plan]
    load_villages(engine, actor, plan, _villages(tasks), seed=seed, totals=totals, say=say)
    _advance_clock(engine, actor)
    return DemoResult(scale, seed, office_code, len(plan), dict(sorted(totals.items())),
                      time.perf_counter() - t0)

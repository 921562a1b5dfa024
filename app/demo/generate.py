"""`guanai demo`: realistic generated data at three scales, deterministic for a seed.

In an empty database it first sets up a demo office (the scale's level, in the demo county
黎平县 522631); in a database already set up it fills that office. The villages are generated
in worker processes and bulk-inserted in the same one transaction as the setup
(app/demo/pipeline.py), so a demo completes or leaves the database as it was; each
village's load is one audit entry, since auditing a million generated rows one by one would
only bury the real trail.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care import writes
from app.care.context import Actor, actor_for, clock, save_clock, this_office
from app.care.errors import ServiceError
from app.care.hlc import Stamp
from app.care.offices import add_office, init_office
from app.db import analyze
from app.demo import names as N
from app.demo.load import as_tuples, insert_rows
from app.demo.pipeline import VillageTask, load_demo, spooled
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
from app.models import SYNCED_MODELS, AssistingUnit, Base, CareRule, Office, Recipient
from app.models.base import table_of
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


def _setup_empty(session: Session, scale: str) -> None:
    county, county_name = DEMO_COUNTY
    t_code, t_name = township_code(0), township_name(0)
    if scale == "county":
        init_office(session, role="county", code=county, name=county_name, operator="演示")
    elif scale == "township":
        init_office(session, role="township", code=t_code, name=t_name, parent=county,
                    operator="演示")
    else:
        plan = villages_of_township(1, 0, t_code, t_name, 1, 0)[0]
        init_office(session, role="village", code=plan.code, name=plan.name, parent=t_code,
                    operator="演示")
        actor = actor_for(session)
        add_office(session, actor, code=t_code, name=t_name, level="township", parent=county)


@dataclass(frozen=True)
class _Target:
    """The office a demo fills: the database's own, or the one it sets up in an empty database."""

    code: str
    name: str
    level: OfficeLevel
    parent_code: str | None
    parent_name: str


def _target(session: Session, scale: str) -> _Target:
    from app.care.context import this_office_code

    if this_office_code(session) is not None:
        office = this_office(session)
        parent = office.parent_code or (office.code[:9] if office.level == OfficeLevel.village else None)
        return _Target(office.code, office.name, OfficeLevel(office.level), parent,
                       _name_of(session, parent) if parent else "")
    county, county_name = DEMO_COUNTY
    t_code, t_name = township_code(0), township_name(0)
    if scale == "county":
        return _Target(county, county_name, OfficeLevel.county, None, "")
    if scale == "township":
        return _Target(t_code, t_name, OfficeLevel.township, county, county_name)
    plan = villages_of_township(1, 0, t_code, t_name, 1, 0)[0]  # as _setup_empty sets it up
    return _Target(plan.code, plan.name, OfficeLevel.village, t_code, t_name)


def _plan(office: _Target, scale: str, seed: int) -> list[VillagePlan]:
    level = office.level
    order = {"village": 0, "township": 1, "county": 2}
    if order[scale] > order[level.value]:
        raise ServiceError(
            f"本数据库属于{level.zh}“{office.name}”，只能生成不超过本级的演示数据（--scale {level.value}）。",
            f"This {level.value} database can hold at most a {level.value}-scale demo.")
    if level == OfficeLevel.village:
        parent = office.parent_code or office.code[:9]
        return [VillagePlan(office.code, office.name, parent, office.parent_name, 0)]
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


def _refuse_filled(session: Session, plan: list[VillagePlan]) -> None:
    codes = [v.code for v in plan]
    existing = session.scalar(select(func.count()).select_from(Recipient)
                              .where(Recipient.village_code.in_(codes[:900])))
    if existing:
        raise ServiceError("本单位已有关爱对象，演示数据只能生成在没有数据的单位里；请用新的数据库文件（--db）。",
                           "This office already has recipients; use a fresh database for a demo.")


def _name_of(session: Session, code: str) -> str:
    o = session.scalars(select(Office).where(Office.code == code)).one_or_none()
    return o.name if o else ""


def _units(seed: int, start: dt.date, county: str) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The county's assisting units and their responsible persons (shared by all villages)."""
    gen = VillageDemo(VillagePlan(county, "", county, "", -1), seed=seed, today=start, start=start,
                      recipients=0, used_ids=set(), unit_pool=[], persons_by_unit={})
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


def _insert(conn: Connection, rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    for table, batch in rows.items():
        insert_rows(conn, table, batch)
    return {table: len(batch) for table, batch in rows.items()}


def _advance_clock(conn: Connection, actor: Actor) -> None:
    """Generated rows carry stamps of their own dates; the office clock must run past all of
    them so that the next real edit is later than any of them."""
    with Session(bind=conn) as s:
        clk = clock(s, actor)
        for model in SYNCED_MODELS:
            top = s.scalar(select(func.max(model.hlc)))
            if top:
                clk.observe(Stamp.decode(top))
        save_clock(s)
        s.flush()


DUPLICATE_EVERY = 80  # villages per person registered twice (at least two in a township demo)


def _demo_id(rng: Any, on: dt.date) -> tuple[str, int]:
    """A UUIDv7 of the day `on` (10 o'clock), its random bits from the demo's generator."""
    ms = int(dt.datetime(on.year, on.month, on.day, 10, tzinfo=dt.UTC).timestamp() * 1000)
    rand = rng.getrandbits(74)
    return (f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-{0x7000 | rand >> 62:04x}-"
            f"{0x8000 | (rand >> 48) & 0x3FFF:04x}-{rand & 0xFFFFFFFFFFFF:012x}"), ms


def _duplicates(conn: Connection, plan: list[VillagePlan], seed: int, today: dt.date) -> int:
    """A few people registered in two neighbouring villages (issue 13, point 5): an elder
    surveyed again where a child lives, with the same ID number, or (one in three) under a
    mistyped ID number with the same name and birth date. Both sit in the duplicates list."""
    import random

    from sqlalchemy import insert

    if len(plan) < 2:
        return 0
    rng = random.Random(f"{seed}:duplicates")
    table = table_of(Recipient)
    events = Base.metadata.tables["status_events"]
    made = 0
    for k in range(max(2, len(plan) // DUPLICATE_EVERY)):
        i = rng.randrange(len(plan) - 1)
        home, other = plan[i], plan[i + 1]
        row = conn.execute(select(table).where(
            table.c.village_code == home.code, table.c.status == "confirmed",
            text("recipients.categories LIKE '%,left_behind_elder,%'")).order_by(table.c.id)
            .offset(rng.randrange(10)).limit(1)).mappings().first()
        if row is None:
            continue
        copy = dict(row)
        on = copy["surveyed_on"] + dt.timedelta(days=rng.randrange(30, 200))
        if on > today:
            on = copy["surveyed_on"]
        rid, ms = _demo_id(rng, on)
        stamp = f"{ms:013d}.00000.{other.code}"
        if k % 3 == 2:  # one digit of the sequence mistyped: a valid number of its own
            body = copy["id_number"][:14] + f"{(int(copy['id_number'][14:17]) + 2) % 1000:03d}"
            copy["id_number"] = body + ric.calc_check_digit(body + "0")
        copy.update(id=rid, village_code=other.code, origin_office=other.code, modified_office=other.code,
                    hlc=stamp, status="surveyed", status_date=on, surveyed_on=on, key_monitoring=False,
                    address=f"贵州省黎平县{other.township_name}{other.name}", notes="随子女居住")
        conn.execute(insert(table), [copy])
        conn.execute(insert(events), [{
            "id": _demo_id(rng, on)[0], "recipient_id": rid, "step": "survey", "from_status": None, "to_status": "surveyed",
            "department": None, "decision": None, "reason": None, "doc_no": None, "decided_on": on,
            "decided_by": copy["surveyed_by"] or "演示", "source": "local", "origin_office": other.code,
            "modified_office": other.code, "hlc": stamp, "deleted": False}])
        made += 1
    return made


def generate_demo(engine: Engine, *, scale: str, seed: int = 1, years: int | None = None,
                  today: dt.date | None = None,
                  progress: Callable[[str], None] | None = None) -> DemoResult:
    """Fill the database with a demo, all in one transaction: it completes, or (an error, a
    kill, a power cut) leaves the database as it was. What it would fill is worked out and
    refused, if need be, before anything is written."""
    if scale not in SCALES:
        raise ServiceError(f"规模：应为 {'、'.join(SCALES)} 之一。", f"Scale must be one of {SCALES}.")
    t0 = time.perf_counter()
    today = today or dt.date.today()
    years = years or 2
    start = quarter_start(years_ago(today, years))
    say = progress or (lambda _text: None)
    with Session(engine) as s:  # read only
        target = _target(s, scale)
        plan = _plan(target, scale, seed)
        _refuse_filled(s, plan)
    units, persons = _units(seed, start, target.code[:6])
    totals: dict[str, int] = {}

    def prepare(conn: Connection) -> Actor:
        from app.care.context import this_office_code

        with Session(bind=conn) as s:
            if this_office_code(s) is None:
                _setup_empty(s, scale)
            office = this_office(s)
            if office.code != target.code:  # another process set the database up meanwhile
                raise ServiceError("数据库在生成演示数据的同时被设置成了别的单位，已停止，数据库未改动。",
                                   "The database was set up for another office meanwhile; nothing was changed.")
            _refuse_filled(s, plan)
            actor = actor_for(s)
            # Townships and villages of the plan become known offices here.
            for t_code in dict.fromkeys(v.township_code for v in plan):
                if t_code != office.code and office.level == OfficeLevel.county:
                    add_office(s, actor, code=t_code, name=next(v.township_name for v in plan
                                                                if v.township_code == t_code),
                               level="township", parent=office.code)
            for v in plan:
                if v.code != office.code:
                    add_office(s, actor, code=v.code, name=v.name, level="village", parent=v.township_code)
            # The demo's history starts before today: the seeded four ones must cover it.
            for rule in s.scalars(select(CareRule).where(CareRule.valid_from > start)):
                writes.update(s, actor, rule, valid_from=start)
            known = set(s.scalars(select(AssistingUnit.id).where(AssistingUnit.id.in_([u["id"] for u in units]))))
            unit_counts = _insert(conn, as_tuples({
                "assisting_units": [u for u in units if u["id"] not in known],
                "responsible_persons": [p for u in units if u["id"] not in known for p in persons[u["id"]]]}))
            writes.audit(s, actor, "bulk", "*", None, {"demo": [None, {"scale": scale, "seed": seed, **unit_counts}]})
            s.flush()
        totals.update(unit_counts)
        return actor

    sqlite = engine.dialect.name == "sqlite"
    tasks = [VillageTask(v, seed, today, start, RECIPIENTS[scale], units, persons, sqlite) for v in plan]
    def finish(conn: Connection, actor: Actor) -> None:
        made = _duplicates(conn, plan, seed, today)
        if made:
            totals["recipients"] = totals.get("recipients", 0) + made
            totals["status_events"] = totals.get("status_events", 0) + made
        _advance_clock(conn, actor)

    def oversight(conn: Connection, actor: Actor) -> None:
        """Supervision and assessment (township, county), once the indexes are built."""
        from app.demo.oversight import add_oversight

        for table, n in add_oversight(conn, actor, today, seed).items():
            totals[table] = totals.get(table, 0) + n

    load_demo(engine, tasks, spool=spooled(engine, tasks), prepare=prepare, finish=finish, last=oversight,
              seed=seed, totals=totals, say=say)
    analyze(engine)  # the planner's statistics for what was just loaded (a server's first status)
    return DemoResult(scale, seed, target.code, len(plan), dict(sorted(totals.items())),
                      time.perf_counter() - t0)

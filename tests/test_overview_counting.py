"""The overview's fast counts pinned to the plain way (issue 13): whatever the data, the
overview's quarter, its eight-quarter trend (counted by sets, app/oversight/counting.py) and
the single quarter (one look-up per obligation) give the same owed and done per village and
rule period as `schedule.four_ones_by_village`, and the same recipients, agreements and
responsibilities as `status`.

Generated townships: three villages; people confirmed, exiting and confirmed again mid-quarter,
a decision entered twice, key-monitoring people (weekly calls), flags that changed (the
schedule counts by what held on a period's midpoint), records on the edges of weeks,
months and quarters, unreached calls, fulfilled wishes, and a county rule of its own (two
visits a month for left-behind elders, in force from mid-window) beside the seeded ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import work, writes
from app.care.context import Actor, actor_for
from app.care.offices import add_office, init_office
from app.care.periods import Span, parse_period
from app.care.recipients import add_recipient
from app.care.schedule import four_ones_by_village, prepare_spans
from app.care.status import status_report
from app.models import CareRule, FlagChange, StatusEvent
from app.oversight import overview as ov
from app.oversight.counting import count_four_ones
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date
TOWNSHIP = "522631100"
VILLAGES = ("522631100201", "522631100202", "522631100203")
QUARTERS = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)][3:11]  # 2024-Q4 … 2026-Q3
FIRST, LAST = D(2024, 7, 1), D(2026, 9, 30)
TODAY = D(2026, 10, 15)


def _edges() -> list[D]:
    """Days on the edges of weeks, months and quarters in the window."""
    out = []
    day = FIRST
    while day <= LAST:
        nxt, prev = day + dt.timedelta(days=1), day - dt.timedelta(days=1)
        if day.day == 1 or nxt.day == 1 or day.weekday() in (0, 3, 6) and day.day % 9 == 0 or prev.month != day.month:
            out.append(day)
        day = nxt
    return out


EDGES = _edges()
day = st.one_of(st.sampled_from(EDGES), st.dates(FIRST, LAST))
record = st.tuples(st.sampled_from(("call", "call", "missed", "visit", "aid", "wish")), day)
person = st.fixed_dictionaries({
    "village": st.integers(0, 2),
    "key": st.booleans(),
    "elder": st.booleans(),
    "confirmed": day,
    "exit_after": st.one_of(st.none(), st.integers(1, 400)),
    "again_after": st.one_of(st.none(), st.integers(0, 200)),
    "twice": st.booleans(),
    "records": st.lists(record, max_size=14),
    # what held before a change of the flags (as flag_changes keeps it): (until, key, elder)
    "flags": st.lists(st.tuples(day, st.booleans(), st.booleans()), max_size=2),
})


@pytest.fixture
def township(engine: Engine) -> Iterator[Engine]:
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code=TOWNSHIP, name="德凤镇", parent="522631", operator="吴督导")
        actor = actor_for(s)
        for code, name in zip(VILLAGES, ("岩寨村", "高坪村", "木寨村"), strict=True):
            add_office(s, actor, code=code, name=name, level="village", parent=TOWNSHIP)
        # a rule of the county's own: two visits a month for left-behind elders, from mid-window
        writes.create(s, actor, CareRule, name="留守老人每月两次走访", kind="home_visit", category="left_behind_elder",
                      key_monitoring=None, applies_to_status="confirmed", period="month", count_per_period=2,
                      valid_from=D(2025, 5, 17), valid_to=D(2026, 4, 30), set_by_office="522631")
    yield engine


def _add(s: Session, actor: Actor, n: int, p: dict) -> None:  # type: ignore[type-arg]
    categories = ["left_behind_elder"] if p["elder"] else ["extreme_poverty_dispersed"]
    on: D = p["confirmed"]
    rid = add_recipient(s, actor, **LEFT_BEHIND, name="对象" + "甲乙丙丁戊己庚辛壬癸"[n], id_number=make_id(D(1950, 1, 1), seq=100 + n),
                        categories=categories, key_monitoring=p["key"], surveyed_on=on,
                        village_code=VILLAGES[p["village"]]).id
    lc.report(s, actor, rid, on=on)
    for department in lc.departments_concerned(categories):
        lc.review(s, actor, rid, department=department, decision="approve", on=on, doc_no="审")
    lc.confirm(s, actor, rid, doc_no="定", on=on)
    if p["twice"]:  # the same decision again, as the paper entry and the bundle both bring it
        writes.create(s, actor, StatusEvent, recipient_id=rid, step="confirm", from_status="reviewed",
                      to_status="confirmed", decided_on=on + dt.timedelta(days=3), decided_by="县民政局",
                      source="bundle")
    if p["exit_after"] is not None and on + dt.timedelta(days=p["exit_after"]) <= LAST:
        out = on + dt.timedelta(days=p["exit_after"])
        lc.exit_care(s, actor, rid, reason="父母返乡", on=out)
        if p["again_after"] is not None and out + dt.timedelta(days=p["again_after"]) <= LAST:
            back = out + dt.timedelta(days=p["again_after"])  # the same day too
            lc.report(s, actor, rid, on=back)
            for department in lc.departments_concerned(categories):
                lc.review(s, actor, rid, department=department, decision="approve", on=back, doc_no="审")
            lc.confirm(s, actor, rid, doc_no="定", on=back)
    for until, key, elder in p["flags"]:
        writes.create(s, actor, FlagChange, recipient_id=rid, changed_on=until, key_monitoring=key,
                      categories=["left_behind_elder"] if elder else ["extreme_poverty_dispersed"])
    for kind, when in p["records"]:
        if kind in ("call", "missed"):
            work.log_call(s, actor, rid, reached=kind == "call", on=when)
        elif kind == "visit":
            work.log_visit(s, actor, rid, on=when)
        elif kind == "aid":
            work.log_aid(s, actor, rid, items="大米", on=when)
        else:
            work.move_wish(s, actor, rid, stage="fulfilled", on=when, description="书包", by="团委")


def _plain(s: Session, label: str) -> dict[str, dict[str, dict[str, int]]]:
    return four_ones_by_village(s, parse_period(label), TOWNSHIP)


def _fast(counts: ov.Counts) -> dict[str, dict[str, dict[str, int]]]:
    return ov._by_village(counts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(people=st.lists(person, min_size=1, max_size=9))
def test_the_fast_counts_equal_the_plain_way(township: Engine, people: list[dict]) -> None:  # type: ignore[type-arg]
    with Session(township) as s:
        s.begin()
        try:
            actor = actor_for(s)
            for n, p in enumerate(people):
                _add(s, actor, n, p)
            s.flush()
            plain = {q: _plain(s, q) for q in QUARTERS}
            # the trend: eight quarters counted by sets in one pass
            ov._KEPT.clear()
            prepare_spans(s)
            by_quarter = ov.quarter_counts(s, [parse_period(q) for q in QUARTERS], TOWNSHIP, spans_ready=True)
            assert {q: _fast(c) for q, c in by_quarter.items()} == plain
            # each quarter alone: one look-up per obligation
            for q in QUARTERS:
                span = parse_period(q)
                assert _fast(ov.four_ones_counts(s, span.start, span.end, TOWNSHIP, spans_ready=True)) == plain[q]
            # by sets, a quarter alone and a half year
            q = parse_period(QUARTERS[-1])
            assert _fast(count_four_ones(s, q.start, q.end, TOWNSHIP)) == plain[QUARTERS[-1]]
            half = Span(D(2026, 1, 1), D(2026, 6, 30), "half_year")
            assert _fast(count_four_ones(s, half.start, half.end, TOWNSHIP)) == _plain(s, "2026-H1")
            # the overview with its trend, against status
            ov._KEPT.clear()
            report = ov.overview(s, QUARTERS[-1], trend=8, today=TODAY)
            status = {v["code"]: v for v in status_report(s, QUARTERS[-1])["villages"]}
            for unit in report.units:
                got, want = unit.to_json(), status.get(unit.code)
                if want is None:
                    assert unit.recipients == 0 and unit.owed == 0
                    continue
                for key in ("recipients", "four_ones", "agreements", "responsibilities"):
                    assert got[key] == want[key], (unit.code, key)
            for point in report.trend:
                for code, rates in point.rates.items():
                    figures = plain[point.period].get(code, {})
                    for kind, rate in rates.items():
                        f = figures.get(kind, {"owed": 0, "done": 0})
                        assert rate == (f["done"] / f["owed"] if f["owed"] else None), (point.period, code, kind)
        finally:
            s.rollback()
            ov._KEPT.clear()

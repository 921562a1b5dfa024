"""The four ones owed and done per village and rule period, counted by sets (issue 13).

The same owed and done as `app.care.schedule` (README, "How the schedule counts"), without
listing the obligations one by one: at county scale eight quarters hold two million of them,
and one index look-up each plus grouping them took longer than the supervisor waits.

* **Owed**: each confirmed span (cut where the recipient's flags changed) owes, of each rule
  matching the categories and key-monitoring flag that held on it, the rule's periods whose midpoint lies in the span. A rule's periods are
  in midpoint order, so those are a run of consecutive periods, found by two bisections; the
  runs of a village are added up with a difference array (+1 where a run starts, -1 after it
  ends), so the cost is per span, not per obligation.
* **Done**: the qualifying dates of each owing recipient and kind come from the database as
  one joined string per recipient (a scalar subquery over the records' own index: no sort, no
  row per record); each date is put in its period by a dictionary of the window's days, and a
  period of the span's run with at least the rule's count of dates is done.

`tests/test_overview_counting.py` pins this to `schedule.four_ones_by_village` (the plain way,
one EXISTS per obligation) on generated data.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import groupby, repeat
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care.periods import Span
from app.care.schedule import FOUR_ONES, Rule, dialect_of, prepare_spans, rule_periods
from app.care.schedule import active_rules as schedule_rules

# (village, short kind, period start, period end) -> [owed, done]
Counts = dict[tuple[str, str, dt.date, dt.date], list[int]]

_SHORT = {v: k for k, v in FOUR_ONES.items()}


def _iso(value: str | dt.date) -> str:
    """A date from the database as ISO text: SQLite stores it so, a server returns a date."""
    return value if isinstance(value, str) else value.isoformat()


@dataclass
class _RulePlan:
    """One rule's periods in the window, in midpoint order."""

    rule: Rule
    periods: list[Span]
    mids: list[str]  # ISO, for bisecting against the spans' ISO dates
    day_index: dict[str, int]  # every day of every period -> the period's index

    @classmethod
    def of(cls, rule: Rule, periods: list[Span]) -> _RulePlan:
        days: dict[str, int] = {}
        for i, p in enumerate(periods):
            day = p.start
            while day <= p.end:
                days[day.isoformat()] = i
                day += dt.timedelta(days=1)
        return cls(rule, periods, [p.midpoint.isoformat() for p in periods], days)

    def matches(self, key_monitoring: Any, categories: str | None) -> bool:
        """The rule applies to a recipient with this flag and these categories (",a,b,")."""
        r = self.rule
        if r.key_monitoring is not None and (key_monitoring is None or bool(key_monitoring) != r.key_monitoring):
            return False
        return r.category is None or f",{r.category}," in (categories or "")


def _plans(session: Session, start: dt.date, end: dt.date) -> list[_RulePlan]:
    by_rule: dict[Rule, list[Span]] = {}
    for rule, span in rule_periods(schedule_rules(session), start, end):
        by_rule.setdefault(rule, []).append(span)
    return [_RulePlan.of(rule, sorted(spans, key=lambda p: p.midpoint)) for rule, spans in by_rule.items()]


def _joined_days(session: Session, kinds: set[str], lo: dt.date, hi: dt.date) -> list[Any]:
    """(recipient, kind, "day,day,…") of the qualifying records between lo and hi of each
    recipient in the temporary table `overview_owing`: a call only if reached, a micro-wish when
    fulfilled (on its fulfilment date), as schedule.DONE_SQL counts them. Grouped in the order
    of the records' own indexes (recipient first), so the database sorts nothing."""
    sqlite = dialect_of(session) == "sqlite"

    def joined(column: str) -> str:
        return f"group_concat({column})" if sqlite else f"string_agg(CAST({column} AS TEXT), ',')"

    params: dict[str, Any] = {"lo": lo.isoformat(), "hi": hi.isoformat()} if sqlite else {"lo": lo, "hi": hi}
    out: list[Any] = []
    for kind in sorted(kinds - {FOUR_ONES["wish"]}):
        # one kind at a time: the index is searched by recipient, kind and date
        reached = " AND c.reached = TRUE" if kind == FOUR_ONES["call"] else ""
        out += session.execute(text(f"""
            SELECT c.recipient_id, c.kind, {joined("c.occurred_on")} FROM care_records c
            WHERE c.recipient_id IN (SELECT o.rid FROM overview_owing o) AND c.kind = :kind
              AND c.occurred_on BETWEEN :lo AND :hi AND c.deleted = FALSE{reached}
            GROUP BY c.recipient_id, c.kind"""), {**params, "kind": kind}).all()
    if FOUR_ONES["wish"] in kinds:
        out += session.execute(text(f"""
            SELECT w.recipient_id, 'micro_wish', {joined("w.fulfilled_on")} FROM micro_wishes w
            WHERE w.recipient_id IN (SELECT o.rid FROM overview_owing o)
              AND w.fulfilled_on BETWEEN :lo AND :hi AND w.stage = 'fulfilled' AND w.deleted = FALSE
            GROUP BY w.recipient_id"""), params).all()
    return out


def count_four_ones(session: Session, start: dt.date, end: dt.date, prefix: str, *,
                    spans_ready: bool = False) -> Counts:
    """The four ones owed and done per village and rule period, for every rule period whose
    midpoint lies in [start, end] (as `status` counts a period), for the villages whose code
    starts with `prefix`. `spans_ready`: the caller built `confirmed_spans`
    (schedule.prepare_spans) in this transaction already."""
    plans = _plans(session, start, end)
    out: Counts = {}
    if not plans:
        return out
    if not spans_ready:
        prepare_spans(session)
    sqlite = dialect_of(session) == "sqlite"
    lo = min(p.periods[0].midpoint for p in plans)
    hi = max(p.periods[-1].midpoint for p in plans)
    area = """FROM confirmed_spans s JOIN recipients r ON r.id = s.rid
              WHERE r.deleted = FALSE AND r.village_code LIKE :prefix AND s.s <= :hi AND s.e > :lo"""
    params = {"prefix": f"{prefix}%", "lo": lo.isoformat() if sqlite else lo, "hi": hi.isoformat() if sqlite else hi}
    # Spans grouped by the recipient's key-monitoring flag and categories (which rules apply),
    # so each rule's runs are found a column at a time (map, zip and Counter work in C).
    rows = session.execute(text(f"""SELECT s.km, s.cats, s.rid, r.village_code, s.s, s.e {area}
                                    ORDER BY s.km, s.cats"""), params).all()
    # a recipient with two spans or more (exited and confirmed again, or flags changed)
    seen = Counter(row[2] for row in rows)
    twice = {rid for rid, n in seen.items() if n > 1} if len(seen) < len(rows) else set()
    starts: list[Counter[tuple[str, int]]] = [Counter() for _ in plans]  # (village, index) -> spans
    ends: list[Counter[tuple[str, int]]] = [Counter() for _ in plans]
    run_of: list[dict[str, tuple[str, int, int]]] = [{} for _ in plans]  # rid -> (village, i, j)
    more_runs: list[dict[str, list[tuple[str, int, int]]]] = [{} for _ in plans]  # a second span or more
    for (key_monitoring, categories), group in groupby(rows, key=lambda row: (row[0], row[1])):
        _km, _cats, rids, villages, ss, es = zip(*group, strict=True)
        if not sqlite:
            ss, es = tuple(map(_iso, ss)), tuple(map(_iso, es))
        for n, plan in enumerate(plans):
            if not plan.matches(key_monitoring, categories):
                continue
            firsts = list(map(bisect_left, repeat(plan.mids), ss))
            afters = list(map(bisect_left, repeat(plan.mids), es))
            starts[n].update(zip(villages, firsts, strict=True))
            ends[n].update(zip(villages, afters, strict=True))
            run_of[n].update(zip(rids, zip(villages, firsts, afters, strict=True), strict=True))
            if twice:
                for rid, village, i, j in zip(rids, villages, firsts, afters, strict=True):
                    if rid in twice:
                        more_runs[n].setdefault(rid, []).append((village, i, j))

    # Done: each owing recipient's qualifying days of a kind, put in the rule's periods.
    hits: list[dict[str, list[int]]] = [{} for _ in plans]  # village -> done period indexes
    if rows:
        session.execute(text("DROP TABLE IF EXISTS overview_owing"))
        session.execute(text(f"CREATE TEMPORARY TABLE overview_owing AS SELECT DISTINCT s.rid {area}"), params)
        first = min(p.periods[0].start for p in plans)
        last = max(p.periods[-1].end for p in plans)
        of_kind: dict[str, list[int]] = {}
        for n, plan in enumerate(plans):
            of_kind.setdefault(plan.rule.kind, []).append(n)
        for rid, kind, joined in _joined_days(session, set(of_kind), first, last):
            if not joined:
                continue
            days = joined.split(",")
            for n in of_kind[kind]:
                run = run_of[n].get(rid)
                if run is None:
                    continue
                plan = plans[n]
                found = {x for x in map(plan.day_index.get, days) if x is not None}
                if plan.rule.count > 1:
                    many = Counter(map(plan.day_index.get, days))
                    found = {x for x in found if many[x] >= plan.rule.count}
                for village, i, j in more_runs[n].get(rid, (run,)):
                    mine = found if i == 0 and j == len(plan.mids) else {x for x in found if i <= x < j}
                    hits[n].setdefault(village, []).extend(mine)
        session.execute(text("DROP TABLE overview_owing"))

    for n, plan in enumerate(plans):
        kind = _SHORT[plan.rule.kind]
        diff: dict[str, list[int]] = {}
        for (village, i), c in starts[n].items():
            diff.setdefault(village, [0] * (len(plan.mids) + 1))[i] += c
        for (village, j), c in ends[n].items():
            diff.setdefault(village, [0] * (len(plan.mids) + 1))[j] -= c
        for village, d in diff.items():
            made = Counter(hits[n].get(village, ()))
            owed = 0
            for i, p in enumerate(plan.periods):
                owed += d[i]
                if owed:
                    slot = out.setdefault((village, kind, p.start, p.end), [0, 0])  # two rules may share a period
                    slot[0] += owed
                    slot[1] += made[i]
    return out

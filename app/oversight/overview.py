"""`guanai overview`: how each unit under this office stands in a period, worst first (issue 13).

A township sees one row per village, a county one per township (or, narrowed to a township
with `area`, one per village of it). Each row has the figures of `status` (the four ones
owed and done with their rate, agreements, responsibilities), and beside them what a
supervisor looks at next: the open warnings by kind (`app.care.warnings`, as of the period's
last day or today if sooner), the overdue periods (owed periods already ended and not done),
the open rectification items, and the last bundle received from the unit.

* **Last bundle**: the newest bundle this office imported from the unit (`sync_bundles`); a
  village seen from the county, whose bundles reach it inside its township's, by the newest
  of its layers the county keeps (`sync_layers`). `days` counts from today. A unit from which
  nothing came for more than SILENT_DAYS days (or ever) carries the warning `silent`.
* **Worst first**: by the four ones' rate over the four kinds together (done of owed), lowest
  first; then more warnings, then more overdue periods, then by code. A unit that owes nothing
  comes last.
* **Trend**: the four ones' rate of each unit in each of the last N quarters up to the
  period's (one query over the whole window, grouped by rule period and village).

Open rectification items are counted by `OPEN_ITEMS`, a function (session, prefix, on) ->
{village: n}: the supervision visits' rectification items not closed on that day
(`open_rectification_items`; `latest_visit_items` is the older count from a visit's free text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.errors import ValidationError
from app.care.periods import Span, parse_period, period_of
from app.care.recipients import RecipientSummary, list_recipients
from app.care.schedule import (
    FOUR_ONES,
    Figures,
    active_rules,
    prepare_spans,
    rule_periods,
)
from app.care.warnings import ORDER as WARNING_ORDER
from app.care.warnings import warning_counts
from app.care.workbench_views import BenchTasks, bench_tasks
from app.models import Office, Recipient, SyncBundle, SyncLayer
from app.models.codes import OfficeLevel
from app.models.codes import Period as PeriodKind
from app.oversight.counting import Counts, count_four_ones
from app.oversight.figures import compliance_of_people, four_ones_of_people, prepare_people
from app.oversight.second_reader import SecondReader, data_stamp
from app.oversight.supervision import unvisited_villages

SILENT_DAYS = 40
KINDS = tuple(FOUR_ONES)  # call, visit, wish, aid
WARNING_KINDS = (*WARNING_ORDER, "silent")
CODE_LENGTH = {OfficeLevel.county: 6, OfficeLevel.township: 9, OfficeLevel.village: 12}

# A window longer than this is counted by sets (two quarters and more).
SET_COUNTING_DAYS = 100
# An area with at least this many recipients has its warnings counted on a second connection
# while the four ones are counted (app.oversight.second_reader): at county scale they are a
# third of the time; a township's whole overview takes a tenth of a second.
BESIDE_FROM = 10_000


@dataclass(frozen=True)
class LastBundle:
    sequence: int
    received: dt.date
    days: int

    def to_json(self) -> dict[str, Any]:
        return {"sequence": self.sequence, "received": self.received.isoformat(), "days": self.days}


@dataclass(frozen=True)
class AreaRow:
    """One village or township of the overview."""

    code: str
    name: str
    level: str
    recipients: int
    four_ones: dict[str, tuple[int, int]]  # kind -> (owed, done)
    agreements: tuple[int, int]  # (needed, signed)
    responsibilities: tuple[int, int]  # (needed, assigned)
    warnings: dict[str, int]  # kind -> open warnings (only kinds with some)
    overdue: int  # owed periods ended and not done
    open_items: int
    last_bundle: LastBundle | None
    unvisited: int = 0  # villages with no supervision visit in the period (每季度一督导)

    def rate(self, kind: str) -> float | None:
        owed, done = self.four_ones[kind]
        return done / owed if owed else None

    @property
    def owed(self) -> int:
        return sum(o for o, _d in self.four_ones.values())

    @property
    def done(self) -> int:
        return sum(d for _o, d in self.four_ones.values())

    @property
    def overall(self) -> float | None:
        """The four ones together: done of owed."""
        return self.done / self.owed if self.owed else None

    @property
    def warning_total(self) -> int:
        return sum(self.warnings.values())

    @property
    def silent(self) -> bool:
        return self.warnings.get("silent", 0) > 0

    def sort_key(self) -> tuple[Any, ...]:
        overall = self.overall
        return (overall is None, overall if overall is not None else 0.0, -self.warning_total,
                -self.overdue, self.code)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "recipients": self.recipients,
            "four_ones": {k: {"owed": o, "done": d, "rate": round(d / o, 4) if o else None}
                          for k, (o, d) in self.four_ones.items()},
            "agreements": {"needed": self.agreements[0], "signed": self.agreements[1]},
            "responsibilities": {"needed": self.responsibilities[0], "assigned": self.responsibilities[1]},
            "warnings": dict(self.warnings), "overdue": self.overdue, "open_items": self.open_items,
            "last_bundle": self.last_bundle.to_json() if self.last_bundle else None,
            "unvisited": self.unvisited,
        }


@dataclass(frozen=True)
class TrendPoint:
    period: str
    rates: dict[str, dict[str, float | None]]  # unit code -> kind -> rate

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period,
                "units": [{"code": c, **{k: None if r is None else round(r, 4) for k, r in rates.items()}}
                          for c, rates in self.rates.items()]}


@dataclass(frozen=True)
class Overview:
    period: str
    start: dt.date
    end: dt.date
    level: str  # this office's
    unit_level: str  # the rows'
    area: str  # the code the rows are under
    units: tuple[AreaRow, ...]
    trend: tuple[TrendPoint, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"period": self.period, "start": self.start.isoformat(), "end": self.end.isoformat(),
                               "level": self.level, "unit_level": self.unit_level, "area": self.area,
                               "units": [u.to_json() for u in self.units]}
        out["trend"] = [p.to_json() for p in self.trend]
        return out


# ---- the pieces ----------------------------------------------------------------------------


def four_ones_counts(session: Session, start: dt.date, end: dt.date, prefix: str, *,
                     spans_ready: bool = False, people: tuple[dt.date, dt.date] | None = None) -> Counts:
    """The four ones owed and done per village and rule period, for every rule period whose
    midpoint lies in [start, end] (as `status` counts a period), in one pass however many
    quarters the window holds.

    The same owed and done as `app.care.schedule` (its DONE_SQL), driven the other way round:
    each confirmed span of the area's recipients (cut where its flags changed, joined to its
    recipient once: `app.oversight.figures`) finds the periods of the rules for its
    key-monitoring flag through an index on their midpoints, instead of every rule period
    scanning every span; what is left is one look-up per obligation and the grouping.
    `spans_ready`: the caller has built `confirmed_spans` (schedule.prepare_spans) in this
    transaction already; `people`: the window (first and last day) for which the caller has
    built `overview_people` (figures.prepare_people) in this transaction.

    A window longer than a quarter (the trend) is counted by sets instead
    (`app.oversight.counting`): one look-up per obligation costs more than reading each
    owing recipient's records once when there are many periods per recipient, less when there
    are a handful."""
    if (end - start).days > SET_COUNTING_DAYS:
        return count_four_ones(session, start, end, prefix, spans_ready=spans_ready)
    periods = rule_periods(active_rules(session), start, end)
    if not periods:
        return {}
    if people is None or not people[0] <= start <= end <= people[1]:
        prepare_people(session, prefix, start, end, spans_ready=spans_ready)
    return four_ones_of_people(session, periods)


# Whole quarters' counts, kept for this process: a quarter's four ones change only with the
# data, and every write or merge moves the change log on (its highest position), so a kept
# quarter is used while that position is the same. The desktop app asks again for the same
# quarters as one goes down and back up, or changes the period.
_KEPT: dict[tuple[str, str, str], tuple[int, Counts]] = {}
KEEP = 400


@lru_cache(maxsize=4096)
def _quarter_of(start: dt.date, end: dt.date) -> str:
    """The quarter holding a rule period's midpoint (asked once per village and period)."""
    return period_of(Span(start, end, PeriodKind.quarter).midpoint, PeriodKind.quarter).label


def quarter_counts(session: Session, quarters: list[Span], prefix: str, *,
                   spans_ready: bool = False, people: tuple[dt.date, dt.date] | None = None) -> dict[str, Counts]:
    """four_ones_counts of each quarter (given in order), those not kept in one query.
    `spans_ready`, `people`: as four_ones_counts."""
    url = session.get_bind().engine.url  # (a Session bound to a Connection too)
    keep = bool(url.database) and url.database != ":memory:"
    where = url.render_as_string(hide_password=True)
    stamp = data_stamp(session)
    out: dict[str, Counts] = {}
    missing = []
    for q in quarters:
        kept = _KEPT.get((where, prefix, q.label)) if keep else None
        if kept is not None and kept[0] == stamp:
            out[q.label] = kept[1]
        else:
            missing.append(q)
    if missing:
        found = four_ones_counts(session, missing[0].start, missing[-1].end, prefix, spans_ready=spans_ready,
                                 people=people)
        split: dict[str, Counts] = {q.label: {} for q in missing}
        for key, value in found.items():
            label = _quarter_of(key[2], key[3])
            if label in split:
                split[label][key] = value
        out.update(split)
        if keep:
            if len(_KEPT) > KEEP:
                _KEPT.clear()
            for label, counts in split.items():
                _KEPT[(where, prefix, label)] = (stamp, counts)
    return out


def _by_village(counts: Counts) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for (village, kind, _ps, _pe), (owed, done) in counts.items():
        slot = out.setdefault(village, {k: {"owed": 0, "done": 0} for k in KINDS})[kind]
        slot["owed"] += owed
        slot["done"] += done
    return out


def _overdue(counts: Counts, on: dt.date) -> dict[str, int]:
    out: dict[str, int] = {}
    for (village, _kind, _ps, pe), (owed, done) in counts.items():
        if pe < on and owed > done:
            out[village] = out.get(village, 0) + owed - done
    return out


def last_bundles(session: Session, today: dt.date) -> dict[str, LastBundle]:
    """The newest bundle received from each office: its own bundles imported here, else the
    newest of its layers relayed to us (a village seen from the county)."""
    found: dict[str, LastBundle] = {}

    def put(code: str, seq: int | None, at: dt.datetime | None) -> None:
        if at is not None and code not in found:
            day = at.date()
            found[code] = LastBundle(int(seq or 0), day, (today - day).days)

    for code, seq, at in session.execute(
            select(SyncBundle.from_office, func.max(SyncBundle.sequence), func.max(SyncBundle.at))
            .where(SyncBundle.way == "in", SyncBundle.result == "imported").group_by(SyncBundle.from_office)):
        put(code, seq, at)
    for code, seq, at in session.execute(
            select(SyncLayer.author, func.max(SyncLayer.sequence), func.max(SyncLayer.received_at))
            .group_by(SyncLayer.author)):
        put(code, seq, at)
    return found


def latest_visit_items(session: Session, prefix: str, on: dt.date) -> dict[str, int]:
    """A village whose latest supervision visit (up to `on`) wrote a rectification to do."""
    rows = session.execute(text("""
        SELECT v.village_code, v.rectification FROM supervision_visits v
        WHERE v.deleted = FALSE AND v.village_code LIKE :prefix AND v.visited_on <= :on
        ORDER BY v.village_code, v.visited_on, v.id"""), {"prefix": f"{prefix}%", "on": on.isoformat()})
    latest: dict[str, str | None] = {}
    for village, rectification in rows:
        latest[village] = rectification
    return {v: 1 for v, r in latest.items() if r and r.strip()}


def open_rectification_items(session: Session, prefix: str, on: dt.date) -> dict[str, int]:
    """Rectification items (整改事项) a supervision visit gave a village, not yet closed on `on`."""
    rows = session.execute(text("""
        SELECT i.village_code, count(*) FROM rectification_items i
        WHERE i.deleted = FALSE AND i.village_code LIKE :prefix
          AND (i.status <> 'done' OR i.closed_on > :on)
          AND i.visit_id IN (SELECT v.id FROM supervision_visits v WHERE v.visited_on <= :on)
        GROUP BY i.village_code"""), {"prefix": f"{prefix}%", "on": on.isoformat()})
    return {village: int(n) for village, n in rows}


OPEN_ITEMS: Callable[[Session, str, dt.date], dict[str, int]] = open_rectification_items


def _area(session: Session, area: str | None) -> tuple[Office, str, str]:
    """(this office, the code the rows are under, the rows' level)."""
    office = this_office(session)
    code = (area or office.code).strip()
    if not code.startswith(office.code) or len(code) not in (6, 9, 12):
        raise ValidationError(f"范围：{code} 不在本单位（{office.name}）的辖区内。",
                              f"Area {code} is outside this office.", field="area")
    level = {6: OfficeLevel.county, 9: OfficeLevel.township, 12: OfficeLevel.village}[len(code)]
    unit_level = {OfficeLevel.county: OfficeLevel.township}.get(level, OfficeLevel.village)
    return office, code, unit_level.value


def current_quarter(today: dt.date | None = None) -> str:
    return period_of(today or dt.date.today(), PeriodKind.quarter).label


# ---- the overview --------------------------------------------------------------------------


def overview(session: Session, period: str | None = None, *, trend: int = 0, area: str | None = None,
             today: dt.date | None = None, beside: bool | None = None) -> Overview:
    """The units under this office (or under `area`) in `period` (default: this quarter),
    worst first; with `trend`, the last `trend` quarters' rates too. `beside`: count the
    warnings on a second connection meanwhile (default: for an area of BESIDE_FROM recipients
    or more); the figures are the same either way."""
    today = today or dt.date.today()
    span = parse_period(period or current_quarter(today))
    office, prefix, unit_level = _area(session, area)
    on = min(today, span.end)
    if beside is None:
        beside = (session.scalar(select(func.count()).select_from(Recipient).where(
            Recipient.village_code.like(f"{prefix}%"))) or 0) >= BESIDE_FROM

    def read_beside(s: Session) -> tuple[dict[str, dict[str, int]], dict[str, int], dict[str, str]]:
        return warning_counts(s, on, prefix), OPEN_ITEMS(s, prefix, on), unvisited_villages(s, prefix, span.start,
                                                                                            span.end)

    # the warnings, the open items and the unvisited villages, meanwhile on a second connection
    with SecondReader(session, read_beside, enabled=beside) as second:
        by_quarter: dict[str, Counts] | None = None
        # Every confirmed span is worked out into `confirmed_spans` only when a window is counted
        # by sets (a trend, a half year); the period's own figures read the spans that touch it,
        # joined to their recipients once (app.oversight.figures).
        by_sets = trend > 1 or (span.end - span.start).days > SET_COUNTING_DAYS
        if by_sets:
            prepare_spans(session)
        prepare_people(session, prefix, span.start, span.end, spans_ready=by_sets)
        window = (span.start, span.end)
        if span.kind == PeriodKind.quarter:
            # with a trend, the period is the trend's last quarter: all of them in one pass
            quarters = trend_quarters(span, trend) if trend else [span]
            by_quarter = quarter_counts(session, quarters, prefix, spans_ready=by_sets, people=window)
            counts = by_quarter[span.label]
        else:
            counts = four_ones_counts(session, span.start, span.end, prefix, spans_ready=by_sets, people=window)
        villages = compliance_of_people(session, span, prefix, _by_village(counts))
        overdue = _overdue(counts, on)
        warned, items, quiet = second.result()
    bundles = last_bundles(session, today)
    width = CODE_LENGTH[OfficeLevel(unit_level)]
    names = dict(session.execute(select(Office.code, Office.name).where(
        Office.deleted.is_(False), Office.code.like(f"{prefix}%"))).all())
    codes = sorted({c for c in names if len(c) == width} | {v.code[:width] for v in villages})
    if len(prefix) == width:  # a village's own office: one row
        codes = [prefix]
    units = []
    for code in codes:
        total = Figures(code, names.get(code, ""))
        warnings: dict[str, int] = {}
        for v in villages:
            if v.code.startswith(code):
                total.add(v)
        for village, kinds in warned.items():
            if village.startswith(code):
                for k, n in kinds.items():
                    warnings[k] = warnings.get(k, 0) + n
        late = sum(n for v, n in overdue.items() if v.startswith(code))
        opened = sum(n for v, n in items.items() if v.startswith(code))
        last = bundles.get(code)
        if code != office.code and (last is None or last.days > SILENT_DAYS):
            warnings["silent"] = 1
        units.append(AreaRow(
            code, total.name, unit_level, total.recipients,
            {k: (v["owed"], v["done"]) for k, v in total.four_ones.items()},
            (total.agreements["needed"], total.agreements["signed"]),
            (total.responsibilities["needed"], total.responsibilities["assigned"]),
            {k: warnings[k] for k in WARNING_KINDS if warnings.get(k)}, late, opened, last,
            sum(1 for v in quiet if v.startswith(code))))
    units.sort(key=AreaRow.sort_key)
    points = (trend_of(session, span, trend, prefix, width, spans_ready=by_sets, counted=by_quarter)
              if trend else ())
    return Overview(span.label, span.start, span.end, office.level, unit_level, prefix, tuple(units), points)


def trend_quarters(span: Span, quarters: int) -> list[Span]:
    """The `quarters` quarters up to the one holding the period's last day, oldest first."""
    spans = [period_of(span.end, PeriodKind.quarter)]
    while len(spans) < quarters:
        spans.insert(0, period_of(spans[0].start - dt.timedelta(days=1), PeriodKind.quarter))
    return spans


def trend_of(session: Session, span: Span, quarters: int, prefix: str, width: int, *,
             spans_ready: bool = True, counted: dict[str, Counts] | None = None) -> tuple[TrendPoint, ...]:
    """Each unit's four-ones rates in each of the `quarters` quarters up to the one holding the
    period's last day, oldest first. `counted`: the quarters' counts already made by the caller
    (the overview counts its quarter with the trend's, in one pass)."""
    if quarters < 1:
        return ()
    spans = trend_quarters(span, quarters)
    by_quarter = (counted if counted is not None and all(q.label in counted for q in spans)
                  else quarter_counts(session, spans, prefix, spans_ready=spans_ready))
    counts = {k: v for c in by_quarter.values() for k, v in c.items()}
    names = session.scalars(select(Office.code).where(Office.deleted.is_(False), Office.code.like(f"{prefix}%")))
    units = sorted({c for c in names if len(c) == width} | {k[0][:width] for k in counts})
    if len(prefix) == width:
        units = [prefix]
    sums = {(q.label, u): {k: [0, 0] for k in KINDS} for q in spans for u in units}
    for (village, kind, ps, pe), (owed, done) in counts.items():
        label = _quarter_of(ps, pe)
        slot = sums.get((label, village[:width]))
        if slot is not None:
            slot[kind][0] += owed
            slot[kind][1] += done
    return tuple(TrendPoint(q.label, {u: {k: (d / o if o else None) for k, (o, d) in sums[(q.label, u)].items()}
                                      for u in units}) for q in spans)


def overview_trend(session: Session, period: str | None = None, quarters: int = 8, *, area: str | None = None,
                   today: dt.date | None = None) -> tuple[TrendPoint, ...]:
    """The trend alone (the desktop page loads it after the table, as a second job)."""
    span = parse_period(period or current_quarter(today))
    _office, prefix, unit_level = _area(session, area)
    return trend_of(session, span, quarters, prefix, CODE_LENGTH[OfficeLevel(unit_level)], spans_ready=False)


# ---- the end of the drill-down: one village --------------------------------------------------


@dataclass(frozen=True)
class VillageDetail:
    code: str
    name: str
    recipients: tuple[RecipientSummary, ...]
    tasks: BenchTasks


def village_detail(session: Session, code: str, on: dt.date | None = None) -> VillageDetail:
    """A village's roster and its week's tasks (as its own work bench lists them)."""
    _office, prefix, _level = _area(session, code)
    name = session.scalar(select(Office.name).where(Office.code == prefix, Office.deleted.is_(False))) or prefix
    roster = tuple(list_recipients(session, village_code=prefix))
    return VillageDetail(prefix, name, roster, bench_tasks(session, on, area=prefix))

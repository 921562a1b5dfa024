"""The four-ones schedule: what each confirmed recipient owes under the care rules, what was
done, and how a village, township or county stands, computed in SQL.

The written rules (README, "How the schedule counts"):

* A rule's period is **owed** by a recipient when the recipient was confirmed on the
  period's midpoint (a span runs from the confirmation date up to, not including, the exit
  date), the rule matches the recipient's categories and key-monitoring flag, and the rule was
  in force on that midpoint. So a recipient confirmed on the 20th of a month first owes the
  next month's call; one who exits on the 10th no longer owes that month's.
* An owed period is **done** when enough qualifying records fall inside it: a phone follow-up
  counts only if the person was reached, a micro-wish only when fulfilled (on its fulfilment
  date), visits and aid when they happened. Owed and done count obligations, not records:
  three calls in one month meet one monthly obligation.
* A report for a period (`status --period 2026-Q3`) counts each rule period whose midpoint lies
  in it: a quarter owes three monthly calls and one visit; the half-year's aid falls in the
  quarter holding its midpoint (Q4 for H2); a week belongs where its Thursday is.
* Confirmed spans pair the life-cycle events by date (confirmed_sql).
* The categories and key-monitoring flag are those that held on the period's midpoint
  (FLAGS_SQL: kept before each change in flag_changes), not today's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care.periods import Span, periods_between
from app.models import CareRule
from app.models.codes import CareKind

FOUR_ONES = {"call": CareKind.phone_followup.value, "visit": CareKind.home_visit.value,
             "wish": CareKind.micro_wish.value, "aid": CareKind.material_aid.value}
FAR_FUTURE = dt.date(9999, 12, 31)
# A completion rate below this stands out (in red) wherever rates are shown: the overview's
# table and charts, the compliance report's PDF.
LOW_RATE = 0.6


def falls_behind(rate: float | None) -> bool:
    """Work done against work owed (None: nothing owed) below LOW_RATE."""
    return rate is not None and rate < LOW_RATE


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str | None
    key_monitoring: bool | None
    period: str
    count: int
    valid_from: dt.date
    valid_to: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def active_rules(session: Session) -> list[Rule]:
    rows = session.scalars(select(CareRule).where(CareRule.deleted.is_(False),
                                                  CareRule.applies_to_status == "confirmed"))
    return [Rule(r.id, r.kind, r.category, r.key_monitoring, r.period, r.count_per_period,
                 r.valid_from, r.valid_to) for r in rows]


def rule_periods(rules: list[Rule], start: dt.date, end: dt.date) -> list[tuple[Rule, Span]]:
    """Each rule's periods whose midpoint lies in [start, end] and in the rule's window."""
    out = []
    for rule in rules:
        first = start - dt.timedelta(days=190)  # a half year can start this long before its midpoint
        for span in periods_between(first, end + dt.timedelta(days=190), rule.period):
            if start <= span.midpoint <= end and rule.in_force(span.midpoint):
                out.append((rule, span))
    return out


# Confirmed spans (issue 14): the life-cycle events are paired by their date, the order they
# were made only breaking ties on one day (an exit and a new confirmation on the same day pair
# correctly). A confirmation opens a span when the event before it is not a confirmation; one
# that follows another with no exit between them (the paper entry, then the bundle with the
# same decision, whichever date came first) is the same decision and opens nothing, so the
# span keeps the earliest date. A span ends on the first exit after it. So spans never overlap
# and never reopen after an exit, whatever order the offices entered the events in, and every
# office that holds the same events pairs them the same way.
#
# Two ways of writing it, each the quicker on its engine (county demo, 53,000 confirmations):
# one pass with window functions (LAG, and MIN over the following rows) takes PostgreSQL
# 0.41 s and SQLite 0.37-0.57 s; each confirmation looking up, in the events' own index
# (recipient, date, clock), the confirmation or exit just before it and the first exit after
# it takes SQLite 0.21 s and PostgreSQL 0.57 s. tests/test_schedule.py pins the two together.
CONFIRMED_WINDOWS_SQL = """
    SELECT w.rid, w.d AS s, COALESCE(w.e, '9999-12-31') AS e FROM (
        SELECT x.recipient_id AS rid, x.step, x.decided_on AS d,
               LAG(x.step) OVER (PARTITION BY x.recipient_id ORDER BY x.decided_on, x.hlc) AS before,
               MIN(CASE WHEN x.step = 'exit' THEN x.decided_on END) OVER (
                   PARTITION BY x.recipient_id ORDER BY x.decided_on, x.hlc
                   ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS e
        FROM status_events x
        WHERE x.step IN ('confirm', 'exit') AND x.deleted = FALSE) w
    WHERE w.step = 'confirm' AND (w.before IS NULL OR w.before <> 'confirm')
"""
CONFIRMED_SEARCHES_SQL = """
    SELECT c.recipient_id AS rid, c.decided_on AS s,
           COALESCE((SELECT MIN(x.decided_on) FROM status_events x
                     WHERE x.recipient_id = c.recipient_id AND x.step = 'exit' AND x.deleted = FALSE
                       AND (x.decided_on, x.hlc) > (c.decided_on, c.hlc)), '9999-12-31') AS e
    FROM status_events c
    WHERE c.step = 'confirm' AND c.deleted = FALSE
      AND COALESCE((SELECT p.step FROM status_events p
                    WHERE p.recipient_id = c.recipient_id AND p.step IN ('confirm', 'exit') AND p.deleted = FALSE
                      AND (p.decided_on, p.hlc) < (c.decided_on, c.hlc)
                    ORDER BY p.decided_on DESC, p.hlc DESC LIMIT 1), 'exit') <> 'confirm'
"""


def confirmed_sql(dialect: str) -> str:
    """The confirmed spans (rid, s, e) as the engine computes them quicker."""
    return CONFIRMED_SEARCHES_SQL if dialect == "sqlite" else CONFIRMED_WINDOWS_SQL

# What held when (issue 14): each change of a recipient's categories or key-monitoring flag
# (flag_changes) says what held until the day of the change, back to the change before it (the
# first one back to any day); from the last change on, the recipient's current values hold.
# Ties on one day go by the order the changes were made.
FLAGS_SQL = """
    SELECT c.recipient_id AS rid,
           COALESCE(LAG(c.changed_on) OVER (PARTITION BY c.recipient_id ORDER BY c.changed_on, c.hlc),
                    '0001-01-01') AS f,
           c.changed_on AS t, c.key_monitoring AS km, c.categories AS cats
    FROM flag_changes c WHERE c.deleted = FALSE
    UNION ALL
    SELECT r.id, (SELECT MAX(c.changed_on) FROM flag_changes c WHERE c.recipient_id = r.id AND c.deleted = FALSE),
           '9999-12-31', r.key_monitoring, r.categories
    FROM recipients r WHERE r.id IN (SELECT c.recipient_id FROM flag_changes c WHERE c.deleted = FALSE)
"""

# Confirmed spans with the flags that held on their days: (rid, s, e, km, cats). A recipient
# whose flags never changed (most) has the current ones all along; the spans of one whose flags
# changed are cut where they changed. The schedule matches rules against a piece's flags, so a
# period is counted by what held on its midpoint.
SPANS_SQL = """
    WITH confirmed AS MATERIALIZED ({confirmed})
    SELECT s.rid AS rid, s.s AS s, s.e AS e, r.key_monitoring AS km, r.categories AS cats
    FROM confirmed s JOIN recipients r ON r.id = s.rid
    WHERE NOT EXISTS (SELECT 1 FROM flag_changes c WHERE c.recipient_id = s.rid AND c.deleted = FALSE)
    UNION ALL
    SELECT s.rid, CASE WHEN f.f > s.s THEN f.f ELSE s.s END, CASE WHEN f.t < s.e THEN f.t ELSE s.e END,
           f.km, f.cats
    FROM ({flags}) f CROSS JOIN confirmed s WHERE s.rid = f.rid AND f.f < s.e AND s.s < f.t
"""


def spans_sql(dialect: str) -> str:
    """SPANS_SQL with the engine's way of pairing the events (confirmed_sql)."""
    return SPANS_SQL.format(confirmed=confirmed_sql(dialect), flags=FLAGS_SQL)

_WISHES = """FROM micro_wishes w WHERE w.recipient_id = o.rid AND w.deleted = FALSE
           AND w.stage = 'fulfilled' AND w.fulfilled_on BETWEEN o.ps AND o.pe"""
_RECORDS = """FROM care_records c WHERE c.recipient_id = o.rid AND c.kind = o.kind
           AND c.occurred_on BETWEEN o.ps AND o.pe AND c.deleted = FALSE
           AND (o.kind != 'phone_followup' OR c.reached = TRUE)"""
# One record is the usual need: EXISTS stops at the first match instead of counting.
DONE_SQL = f"""
    CASE WHEN o.need = 1 THEN
        CASE WHEN o.kind = 'micro_wish' THEN EXISTS (SELECT 1 {_WISHES})
             ELSE EXISTS (SELECT 1 {_RECORDS}) END
    ELSE
        CASE WHEN o.kind = 'micro_wish' THEN (SELECT count(*) {_WISHES})
             ELSE (SELECT count(*) {_RECORDS}) END >= o.need
    END
"""


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def as_day(value: str | dt.date) -> dt.date:
    """A period bound read back from the owed SQL: ISO text on SQLite, a date on a server."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def owed_sql(periods: list[tuple[Rule, Span]], scope_sql: str,
              dialect: str = "sqlite") -> tuple[str, dict[str, Any]]:
    """The owed (recipient, rule period) pairs as SQL, with the periods as a VALUES table.
    On SQLite the dates are ISO text (as stored); a server types the VALUES columns (a
    parameter there is untyped text, not comparable with a date or boolean column)."""
    params: dict[str, Any] = {}
    values = []
    row = ("(:k{i}, :n{i}, :ps{i}, :pe{i}, :m{i}, :c{i}, :km{i})" if dialect == "sqlite" else
           "(:k{i}, :n{i}, CAST(:ps{i} AS DATE), CAST(:pe{i} AS DATE), CAST(:m{i} AS DATE), "
           "CAST(:c{i} AS TEXT), CAST(:km{i} AS BOOLEAN))")
    for i, (rule, span) in enumerate(periods):
        values.append(row.format(i=i))
        params.update({f"k{i}": rule.kind, f"n{i}": rule.count, f"ps{i}": span.start.isoformat(),
                       f"pe{i}": span.end.isoformat(), f"m{i}": span.midpoint.isoformat(),
                       f"c{i}": f"%,{rule.category},%" if rule.category else None,
                       f"km{i}": None if rule.key_monitoring is None
                       else int(rule.key_monitoring) if dialect == "sqlite" else bool(rule.key_monitoring)})
    sql = f"""
        WITH p(kind, need, ps, pe, mid, cat, km) AS (VALUES {', '.join(values)}),
        spans AS MATERIALIZED ({spans_sql(dialect)}),
        o AS (
            SELECT r.id AS rid, r.village_code AS village, p.kind, p.need, p.ps, p.pe
            FROM p
            JOIN spans s ON s.s <= p.mid AND p.mid < s.e
            JOIN recipients r ON r.id = s.rid AND r.deleted = FALSE
            WHERE (p.cat IS NULL OR s.cats LIKE p.cat)
              AND (p.km IS NULL OR s.km = p.km)
              {scope_sql}
        )
    """
    return sql, params


@dataclass
class Figures:
    """The supervision figures of one village (or township, or the whole scope)."""

    code: str
    name: str
    recipients: int = 0
    four_ones: dict[str, dict[str, int]] = field(
        default_factory=lambda: {k: {"owed": 0, "done": 0} for k in FOUR_ONES})
    agreements: dict[str, int] = field(default_factory=lambda: {"needed": 0, "signed": 0})
    responsibilities: dict[str, int] = field(default_factory=lambda: {"needed": 0, "assigned": 0})

    def add(self, other: Figures) -> None:
        self.recipients += other.recipients
        for k, v in other.four_ones.items():
            self.four_ones[k]["owed"] += v["owed"]
            self.four_ones[k]["done"] += v["done"]
        for k in self.agreements:
            self.agreements[k] += other.agreements[k]
        for k in self.responsibilities:
            self.responsibilities[k] += other.responsibilities[k]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "recipients": self.recipients,
            "four_ones": {k: {**v, "rate": round(v["done"] / v["owed"], 4) if v["owed"] else None}
                          for k, v in self.four_ones.items()},
            "agreements": dict(self.agreements), "responsibilities": dict(self.responsibilities),
        }


def four_ones_by_village(session: Session, span: Span, village_prefix: str = "") -> dict[str, dict[str, dict[str, int]]]:
    """{village: {call|visit|wish|aid: {owed, done}}} for the rule periods reported in span."""
    periods = rule_periods(active_rules(session), span.start, span.end)
    out: dict[str, dict[str, dict[str, int]]] = {}
    if not periods:
        return out
    sql, params = owed_sql(periods, "AND r.village_code LIKE :prefix", dialect_of(session))
    params["prefix"] = f"{village_prefix}%"
    rows = session.execute(text(sql + f"""
        SELECT o.village, o.kind, count(*), sum(CAST({DONE_SQL} AS INTEGER)) FROM o GROUP BY o.village, o.kind
    """), params)
    short = {v: k for k, v in FOUR_ONES.items()}
    for village, kind, owed, done in rows:
        slot = out.setdefault(village, {k: {"owed": 0, "done": 0} for k in FOUR_ONES})
        slot[short[kind]] = {"owed": int(owed), "done": int(done or 0)}
    return out


AS_OF_SPANS = """
    SELECT DISTINCT s.rid FROM confirmed_spans s WHERE s.s <= :end AND :end < s.e
"""


def prepare_spans(session: Session) -> None:
    """Every confirmed span, computed once per report into a temporary table that the
    report's queries share (it is private to this connection and goes with it)."""
    session.execute(text("DROP TABLE IF EXISTS confirmed_spans"))
    session.execute(text(f"CREATE TEMPORARY TABLE confirmed_spans AS {spans_sql(dialect_of(session))} ORDER BY rid"))
    session.execute(text("CREATE INDEX confirmed_spans_rid ON confirmed_spans (rid)"))


def _per_village(session: Session, sql: str, params: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {v: (int(a), int(b or 0)) for v, a, b in session.execute(text(sql), params)}


def compliance(session: Session, span: Span, village_prefix: str = "", *,
               four_ones: dict[str, dict[str, dict[str, int]]] | None = None,
               spans_ready: bool = False) -> list[Figures]:
    """Per village: recipients, the four ones owed and done, agreements signed of those
    needed, responsibilities assigned of those needed: the figures of the quarterly
    supervision and the semiannual assessment.

    Recipients are those confirmed at some time in the period. Agreements and
    responsibilities are as of the period's last day: each confirmed left-behind child needs a
    signed entrusted-guardianship confirmation and each confirmed left-behind elder a signed
    family support pledge; each confirmed recipient without self-care ability needs at least
    one responsibility in force.

    `four_ones`: the four ones per village already counted by the caller (as
    `four_ones_by_village` counts them; app.oversight.overview counts them with the overdue
    periods in the same pass), so they are not counted twice; `spans_ready`: the caller built
    `confirmed_spans` (prepare_spans) in this transaction already.
    """
    params = {"start": span.start.isoformat(), "end": span.end.isoformat(), "prefix": f"{village_prefix}%"}
    plus = "+" if dialect_of(session) == "sqlite" else ""  # SQLite's planner hint; not SQL elsewhere
    if not spans_ready:
        prepare_spans(session)
    recipients = _per_village(session, """
        SELECT r.village_code, count(DISTINCT r.id), 0 FROM confirmed_spans s
        JOIN recipients r ON r.id = s.rid AND r.deleted = FALSE
        WHERE s.s <= :end AND :start < s.e AND r.village_code LIKE :prefix
        GROUP BY r.village_code""", params)
    agreements = _per_village(session, f"""
        SELECT r.village_code, count(*), sum(CAST(EXISTS (
            SELECT 1 FROM agreements a WHERE a.recipient_id = r.id AND a.deleted = FALSE
              -- unary + keeps SQLite on the recipient index instead of scanning every
              -- signed agreement through the (status, kind) index for each recipient
              AND {plus}a.status = 'signed' AND a.signed_on <= :end
              AND {plus}a.kind = CASE WHEN r.categories LIKE '%,left_behind_child,%'
                                THEN 'entrusted_guardianship' ELSE 'family_support' END) AS INTEGER))
        FROM recipients r
        WHERE r.deleted = FALSE AND r.village_code LIKE :prefix AND r.id IN ({AS_OF_SPANS})
          AND (r.categories LIKE '%,left_behind_child,%' OR r.categories LIKE '%,left_behind_elder,%')
        GROUP BY r.village_code""", params)
    responsibilities = _per_village(session, f"""
        SELECT r.village_code, count(*), sum(CAST(EXISTS (
            SELECT 1 FROM responsibilities p WHERE p.recipient_id = r.id AND p.deleted = FALSE
              AND p.start_date <= :end AND (p.end_date IS NULL OR p.end_date >= :end)) AS INTEGER))
        FROM recipients r
        WHERE r.deleted = FALSE AND r.village_code LIKE :prefix AND r.self_care = 'none'
          AND r.id IN ({AS_OF_SPANS})
        GROUP BY r.village_code""", params)
    four = four_ones_by_village(session, span, village_prefix) if four_ones is None else four_ones
    names: dict[str, str] = dict(session.execute(text(
        "SELECT code, name FROM offices WHERE deleted = FALSE AND code LIKE :prefix"), params).all())
    villages = sorted(set(recipients) | set(four) | set(agreements) | set(responsibilities)
                      | {c for c in names if len(c) == 12})
    out = []
    for code in villages:
        f = Figures(code, names.get(code, ""), recipients.get(code, (0, 0))[0])
        if code in four:
            f.four_ones = four[code]
        f.agreements = dict(zip(("needed", "signed"), agreements.get(code, (0, 0)), strict=True))
        f.responsibilities = dict(zip(("needed", "assigned"), responsibilities.get(code, (0, 0)), strict=True))
        out.append(f)
    return out


def by_township(villages: list[Figures], names: dict[str, str]) -> list[Figures]:
    townships: dict[str, Figures] = {}
    for v in villages:
        code = v.code[:9]
        townships.setdefault(code, Figures(code, names.get(code, ""))).add(v)
    return [townships[c] for c in sorted(townships)]

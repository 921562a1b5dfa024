"""The overview's figures of one period in one pass over the confirmed spans (issue 13 point 8).

`status` (app.care.schedule) counts a period with four queries that each join the confirmed
spans to the recipients again: the four ones per obligation, the recipients, the agreements
and the responsibilities. At county scale (60,000 recipients) each join is 56,000 look-ups
of a recipient by its id. Here the spans of the area that touch the period are joined to
their recipients once, into a temporary table (`overview_people`: the span, the flags that held
on it, the village, and the recipient's current categories and self-care), and the four ones
and the three compliance figures are counted from it:

* **Four ones**: the same owed and done as `schedule.four_ones_by_village` (its DONE_SQL), one
  look-up per obligation, made in the order the obligations are listed (the recipients' order,
  so each look-up lands next to the one before in the records' index) before the grouping.
* **Recipients, agreements, responsibilities**: the same as `schedule.compliance`, in one
  grouping over the table: recipients confirmed at some time in the period; agreements and
  responsibilities of those confirmed on its last day, by the recipient's current categories
  and self-care.

`tests/test_overview_figures.py` pins these to the plain way (`four_ones_by_village`,
`compliance`) on generated townships, and the overview's JSON to the one built the plain way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care.periods import Span
from app.care.schedule import DONE_SQL, FOUR_ONES, Figures, Rule, dialect_of, spans_sql
from app.oversight.counting import Counts

PEOPLE = "overview_people"
_SHORT = {v: k for k, v in FOUR_ONES.items()}


def _day(session: Session) -> Any:
    """How a date is bound: ISO text on SQLite (as stored), a date on a server."""
    return (lambda d: d.isoformat()) if dialect_of(session) == "sqlite" else (lambda d: d)


def prepare_people(session: Session, prefix: str, start: dt.date, end: dt.date, *, spans_ready: bool) -> None:
    """The confirmed spans of the recipients under `prefix` that touch [start, end], with
    their village, into the temporary table `overview_people`, in the recipients' order.
    `spans_ready`: `confirmed_spans` (schedule.prepare_spans) is built in this transaction and
    is read; otherwise the spans are worked out here (schedule.spans_sql) without keeping them all."""
    source = "confirmed_spans" if spans_ready else f"({spans_sql(dialect_of(session))})"
    day = _day(session)
    session.execute(text(f"DROP TABLE IF EXISTS {PEOPLE}"))
    # CROSS JOIN: SQLite keeps this order (each span finds its recipient by id)
    session.execute(text(f"""
        CREATE TEMPORARY TABLE {PEOPLE} AS
        SELECT s.rid AS rid, r.village_code AS village, s.s AS s, s.e AS e, CAST(s.km AS INTEGER) AS km,
               s.cats AS cats, r.categories AS rcats, r.self_care AS self_care
        FROM {source} s CROSS JOIN recipients r
        WHERE r.id = s.rid AND r.deleted = FALSE AND r.village_code LIKE :prefix
          AND s.s <= :end AND s.e > :start
        ORDER BY s.rid"""), {"prefix": f"{prefix}%", "start": day(start), "end": day(end)})


def four_ones_of_people(session: Session, periods: list[tuple[Rule, Span]]) -> Counts:
    """The four ones owed and done per village and rule period for these rule periods (their
    midpoints inside the window `overview_people` was made for), one look-up per obligation."""
    out: Counts = {}
    if not periods:
        return out
    day = _day(session)
    session.execute(text("DROP TABLE IF EXISTS overview_periods"))
    session.execute(text("CREATE TEMPORARY TABLE overview_periods (pid INTEGER, kind VARCHAR(20), "
                         "need INTEGER, ps DATE, pe DATE, mid DATE, cat VARCHAR(40), km INTEGER)"))
    session.execute(text("INSERT INTO overview_periods VALUES (:pid, :kind, :need, :ps, :pe, :mid, :cat, :km)"), [
        {"pid": i, "kind": r.kind, "need": r.count, "ps": day(p.start), "pe": day(p.end), "mid": day(p.midpoint),
         "cat": f"%,{r.category},%" if r.category else None,
         "km": -1 if r.key_monitoring is None else int(r.key_monitoring)} for i, (r, p) in enumerate(periods)])
    session.execute(text("CREATE INDEX overview_periods_km_mid ON overview_periods (km, mid)"))
    lo, hi = min(p.midpoint for _r, p in periods), max(p.midpoint for _r, p in periods)
    # CROSS JOIN: SQLite keeps this order (the spans in the recipients' order, the periods of
    # the rules for the span's key-monitoring flag, km -1 for either, by midpoint); grouped by
    # the period's number and named again below
    rows = session.execute(text(f"""
        WITH l AS (
            SELECT s.village AS village, s.rid AS rid, p.kind, p.need, p.ps, p.pe, p.pid
            FROM {PEOPLE} s CROSS JOIN overview_periods p
            WHERE s.s <= :hi AND s.e > :lo
              AND p.km IN (-1, s.km) AND p.mid >= s.s AND p.mid < s.e
              AND p.mid >= :lo AND p.mid <= :hi
              AND (p.cat IS NULL OR s.cats LIKE p.cat)),
        -- done looked up in the order the obligations are listed (a recipient's records one
        -- after the other), before the grouping sorts them: looked up in the sorted order,
        -- each look-up lands somewhere else in the records' index
        d AS MATERIALIZED (SELECT o.village, o.pid, CAST({DONE_SQL} AS INTEGER) AS done FROM l o)
        SELECT d.village, d.pid, count(*), sum(d.done) FROM d GROUP BY d.village, d.pid"""),
        {"lo": day(lo), "hi": day(hi)})
    for village, pid, owed, done in rows:
        rule, span = periods[pid]
        key = (village, _SHORT[rule.kind], span.start, span.end)
        slot = out.setdefault(key, [0, 0])  # two rules of a kind may share a period (weeks, months)
        slot[0] += int(owed)
        slot[1] += int(done or 0)
    session.execute(text("DROP TABLE overview_periods"))
    return out


def compliance_of_people(session: Session, span: Span, prefix: str,
                         four_ones: dict[str, dict[str, dict[str, int]]]) -> list[Figures]:
    """`schedule.compliance(session, span, prefix, four_ones=four_ones)` read from
    `overview_people` (made for `span`): per village the recipients confirmed at some time in
    the period, and of those confirmed on its last day, the left-behind children and elders
    needing a signed agreement (a child the entrusted-guardianship confirmation, an elder the
    family support pledge) and those without self-care ability needing a responsibility in
    force, with how many have it."""
    day = _day(session)
    plus = "+" if dialect_of(session) == "sqlite" else ""  # SQLite's planner hint; not SQL elsewhere
    child, elder = "'%,left_behind_child,%'", "'%,left_behind_elder,%'"
    # A recipient's spans do not overlap (schedule.confirmed_sql, cut where the flags changed),
    # so at most one of them holds the last day: those are counted once without a DISTINCT.
    needs_agreement = f"p.e > :end AND (p.rcats LIKE {child} OR p.rcats LIKE {elder})"
    needs_responsibility = "p.e > :end AND p.self_care = 'none'"
    rows = session.execute(text(f"""
        SELECT p.village, count(DISTINCT p.rid),
               sum(CASE WHEN {needs_agreement} THEN 1 ELSE 0 END),
               sum(CASE WHEN {needs_agreement} AND EXISTS (
                   SELECT 1 FROM agreements a WHERE a.recipient_id = p.rid AND a.deleted = FALSE
                     -- unary + keeps SQLite on the recipient index (as schedule.compliance)
                     AND {plus}a.status = 'signed' AND a.signed_on <= :end
                     AND {plus}a.kind = CASE WHEN p.rcats LIKE {child}
                                       THEN 'entrusted_guardianship' ELSE 'family_support' END)
                   THEN 1 ELSE 0 END),
               sum(CASE WHEN {needs_responsibility} THEN 1 ELSE 0 END),
               sum(CASE WHEN {needs_responsibility} AND EXISTS (
                   SELECT 1 FROM responsibilities x WHERE x.recipient_id = p.rid AND x.deleted = FALSE
                     AND x.start_date <= :end AND (x.end_date IS NULL OR x.end_date >= :end))
                   THEN 1 ELSE 0 END)
        FROM {PEOPLE} p GROUP BY p.village"""), {"end": day(span.end)}).all()
    names: dict[str, str] = dict(session.execute(text(
        "SELECT code, name FROM offices WHERE deleted = FALSE AND code LIKE :prefix"), {"prefix": f"{prefix}%"}).all())
    found = {village: tuple(int(x or 0) for x in figures) for village, *figures in rows}
    villages = sorted(set(found) | set(four_ones) | {c for c in names if len(c) == 12})
    out = []
    for code in villages:
        recipients, needed, signed, responsible, assigned = found.get(code, (0, 0, 0, 0, 0))
        f = Figures(code, names.get(code, ""), recipients)
        if code in four_ones:
            f.four_ones = four_ones[code]
        # as compliance: a village with none needed reads 0 of 0
        f.agreements = {"needed": needed, "signed": signed}
        f.responsibilities = {"needed": responsible, "assigned": assigned}
        out.append(f)
    return out

"""What the work bench (工作台) and the care-work logging dialogs show, and the few writes
they compose. No Qt: plain frozen dataclasses out, service functions of app.care.work and
app.care.attachments called for every write.

* `bench_tasks` is the engine's `tasks.week_tasks` narrowed to an area (a township or a
  village inside this office's area) and aggregated in SQL, so a county database answers
  in seconds rather than tens of seconds; it gives the same tasks in the same order.
* `area_warnings`, `quarter_progress`: the warnings and the four ones of this quarter for
  the same area.
* `log_setup`: what a logging dialog shows beside its form (the recipient, the operator,
  where the recipient stands under the kind of work, the open micro-wish).
* `log_*`: the logging services, run as the person named as recorder; a home visit and its
  photos are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.care import followups, work
from app.care.attachments import attach_file
from app.care.context import OPERATOR_KEY, Actor, get_setting, this_office
from app.care.errors import ValidationError
from app.care.periods import Span, period_of
from app.care.recipients import RecipientSummary, get_recipient, summary
from app.care.schedule import (
    DONE_SQL,
    FOUR_ONES,
    active_rules,
    dialect_of,
    four_ones_by_village,
    owed_sql,
    rule_periods,
)
from app.care.tasks import (
    LOOKBACK_DAYS,
    RuleStanding,
    Task,
    follow_up_tasks,
    recipient_schedule,
    rectification_tasks,
)
from app.care.warnings import Warning, warnings_for
from app.config import current_user
from app.models import CareRecord, MicroWish, Office
from app.models.codes import AttachmentKind, CareKind, Period

# ---- the bench -------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A township or village the bench can be narrowed to."""

    code: str
    name: str
    level: str


def areas(session: Session) -> list[Area]:
    """This office and every township and village under it, by code."""
    office = this_office(session)
    rows = session.scalars(select(Office).where(Office.deleted.is_(False), Office.code.like(f"{office.code}%"))
                           .order_by(Office.code))
    return [Area(o.code, o.name, o.level) for o in rows]


def village_names(session: Session, prefix: str) -> dict[str, str]:
    return dict(session.execute(text(
        "SELECT code, name FROM offices WHERE deleted = FALSE AND code LIKE :p"), {"p": f"{prefix}%"}).all())


def _area(session: Session, area: str | None) -> str:
    """The code prefix to look at: this office's, or an area inside it."""
    office = this_office(session)
    if not area or area == office.code:
        return office.code
    if not area.startswith(office.code):
        raise ValidationError(f"范围：{area} 不在本单位（{office.name}）的辖区内。",
                              f"Area {area} is outside this office.", field="area")
    return area


@dataclass(frozen=True)
class BenchTasks:
    week: Span
    area: str
    tasks: tuple[Task, ...]
    villages: dict[str, str]  # code → name, for the village column
    overdue: int = 0  # how many of the tasks are overdue


def bench_tasks(session: Session, on: dt.date | None = None, area: str | None = None) -> BenchTasks:
    """The week's tasks of `area` (default: this office's whole area) in the engine's order:
    overdue first, then key-monitoring recipients, then due date, then name.

    The same owed-and-not-done periods as `tasks.week_tasks`, one task per recipient and kind
    (the current period's, overdue with the count of periods missed before it), with the
    grouping done in SQL (the smallest (start, end) of each group is the smallest
    "start|end" string)."""
    on = on or dt.date.today()
    prefix = _area(session, area)
    week = period_of(on, Period.week)
    periods = [(r, s) for r, s in rule_periods(active_rules(session), on - dt.timedelta(days=LOOKBACK_DAYS),
                                                   week.end + dt.timedelta(days=190))
               if s.start <= week.end]
    names = village_names(session, prefix)
    items = rectification_tasks(session, prefix, on) + follow_up_tasks(session, prefix, on)
    if not periods:
        items.sort(key=lambda t: (not t.overdue, t.due, t.name))
        return BenchTasks(week, prefix, tuple(items), names, sum(1 for t in items if t.overdue))
    sql, params = owed_sql(periods, "AND r.village_code LIKE :prefix", dialect_of(session))
    # l.ps, l.pe: ISO text on SQLite, dates on a server; CAST AS TEXT reads ISO on both
    params.update(prefix=f"{prefix}%", on=on.isoformat())
    # r's columns are grouped by too: one value per l.rid anyway, and PostgreSQL asks for it
    rows = session.execute(text(sql + f"""
        , late AS (SELECT o.rid, o.kind, o.ps, o.pe FROM o WHERE NOT ({DONE_SQL}))
        SELECT l.rid, l.kind, r.name, r.village_code, r.key_monitoring,
               sum(CAST(l.pe < :on AS INTEGER)),
               min(CASE WHEN l.pe < :on THEN CAST(l.ps AS TEXT) || '|' || CAST(l.pe AS TEXT) END),
               min(CASE WHEN l.pe >= :on THEN CAST(l.ps AS TEXT) || '|' || CAST(l.pe AS TEXT) END)
        FROM late l JOIN recipients r ON r.id = l.rid
        GROUP BY l.rid, l.kind, r.name, r.village_code, r.key_monitoring"""), params).all()
    tasks: list[Task] = list(items)
    for rid, kind, name, village, key, missed, _first_missed, current in rows:
        if current:  # one line per person and kind, as in app.care.tasks.week_tasks
            ps, pe = (dt.date.fromisoformat(x) for x in current.split("|"))
            tasks.append(Task(rid, name, village, bool(key), kind, ps, pe, bool(missed), int(missed)))
    tasks.sort(key=lambda t: (not t.overdue, not t.key_monitoring, t.due, t.name, t.kind, t.recipient_id,
                              t.item_id or ""))
    return BenchTasks(week, prefix, tuple(tasks), names, sum(1 for t in tasks if t.overdue))


def area_warnings(session: Session, on: dt.date | None = None, area: str | None = None) -> list[Warning]:
    """The warnings (most urgent first) of the area."""
    prefix = _area(session, area)
    return [w for w in warnings_for(session, on) if w.village_code.startswith(prefix)]


@dataclass(frozen=True)
class KindProgress:
    kind: str  # a CareKind code name
    owed: int
    done: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.owed) if self.owed else None


@dataclass(frozen=True)
class QuarterProgress:
    quarter: Span
    kinds: tuple[KindProgress, ...]  # call, visit, wish, aid


def quarter_progress(session: Session, on: dt.date | None = None, area: str | None = None) -> QuarterProgress:
    """The four ones of the quarter holding `on`, owed and done, summed over the area's
    villages (as `status` counts them)."""
    quarter = period_of(on or dt.date.today(), Period.quarter)
    per_village = four_ones_by_village(session, quarter, _area(session, area))
    totals = {k: [0, 0] for k in FOUR_ONES}
    for figures in per_village.values():
        for short, f in figures.items():
            totals[short][0] += f["owed"]
            totals[short][1] += f["done"]
    return QuarterProgress(quarter, tuple(KindProgress(FOUR_ONES[k], owed, done) for k, (owed, done) in totals.items()))


# ---- the logging dialogs ---------------------------------------------------------------


@dataclass(frozen=True)
class WishView:
    id: str
    description: str
    stage: str
    collected_on: dt.date
    claimed_on: dt.date | None
    claimed_by: str | None


@dataclass(frozen=True)
class LogSetup:
    operator: str
    recipient: RecipientSummary | None
    village_name: str
    standing: RuleStanding | None  # where the recipient stands under the dialog's kind
    wish: WishView | None  # the recipient's open micro-wish
    contacts: tuple[Contact, ...] = ()  # the numbers a call may dial, the person's first


@dataclass(frozen=True)
class Contact:
    """A number to dial for the call dialog: whose, and (a parent away) where they work."""

    who: str  # 本人, or the relation / guardian kind in words
    name: str
    phone: str
    work_place: str | None = None


def call_contacts(session: Session, recipient_id: str, on: dt.date | None = None) -> tuple[Contact, ...]:
    """The person's own number, the guardians' in force, then the household members' (a
    parent away with the place they work), each number once."""
    from app.models import Guardian, HouseholdMember, Recipient
    from app.models.codes import LABELS

    def words(code: str) -> str:
        return LABELS.get(code, (code, code))[0]

    on = on or dt.date.today()
    out: list[Contact] = []
    seen: set[str] = set()

    def add(who: str, name: str, phone: str | None, work_place: str | None = None) -> None:
        number = (phone or "").strip()
        if number and number not in seen:
            seen.add(number)
            out.append(Contact(who, name, number, work_place))

    r = session.get(Recipient, recipient_id)
    if r is not None:
        add("本人", r.name, r.phone)
    for g in session.scalars(select(Guardian).where(
            Guardian.recipient_id == recipient_id, Guardian.deleted.is_(False),
            (Guardian.end_date.is_(None)) | (Guardian.end_date >= on)).order_by(Guardian.name)):
        add(f"{words(g.kind)}（{words(g.relation)}）", g.name, g.phone)
    for m in session.scalars(select(HouseholdMember).where(
            HouseholdMember.recipient_id == recipient_id, HouseholdMember.deleted.is_(False))
            .order_by(HouseholdMember.name)):
        add(words(m.relation), m.name, m.phone, m.work_place if m.works_away else None)
    return tuple(out)


def operator_name(session: Session) -> str:
    return get_setting(session, OPERATOR_KEY) or current_user()


def open_wish_view(session: Session, recipient_id: str) -> WishView | None:
    w = work.open_wish(session, recipient_id)
    if w is None:
        return None
    return WishView(w.id, w.description, w.stage, w.collected_on, w.claimed_on, w.claimed_by)


def log_setup(session: Session, recipient_id: str | None, kind: str, on: dt.date | None = None) -> LogSetup:
    operator = operator_name(session)
    if not recipient_id:
        return LogSetup(operator, None, "", None, None)
    r = get_recipient(session, recipient_id)
    village = session.scalar(select(Office.name).where(Office.code == r.village_code)) or ""
    standing = next((s for s in recipient_schedule(session, r.id, on) if s.kind == kind), None)
    wish = open_wish_view(session, r.id) if kind == CareKind.micro_wish else None
    contacts = call_contacts(session, r.id, on) if kind == CareKind.phone_followup else ()
    return LogSetup(operator, summary(r), village, standing, wish, contacts)


def _as(actor: Actor, recorder: str | None) -> Actor:
    """The actor with the person named in the dialog as recorder (default: the operator)."""
    name = (recorder or "").strip()
    if len(name) > 50:
        raise ValidationError("记录人：最多50个字。", "Recorder: 50 characters at most.", field="recorder")
    return replace(actor, user=name) if name else actor


@dataclass(frozen=True)
class FollowUpAsked:
    """The follow-up a call or visit dialog asks for: who deals with the problem, by when."""

    person: str
    due_on: dt.date


def _follow_up(session: Session, actor: Actor, record: CareRecord, asked: FollowUpAsked | None,
               problem: str | None, field: str) -> None:
    """The follow-up item of a call or a visit, in the same transaction (app.care.followups)."""
    if asked is None:
        return
    if not (problem or "").strip():
        raise ValidationError("随访事项：请写明发现的问题，才能交给跟进人处置。",
                              "Say what the problem is, for the follow-up.", field=field)
    followups.from_care_record(session, actor, record.id, problem=problem, due_on=asked.due_on,
                               person=asked.person)


def log_call(session: Session, actor: Actor, recipient_id: str, *, recorder: str | None = None,
             reached: bool | None, on: dt.date | None = None, note: str | None = None,
             problems: str | None = None, needs_action: bool = False,
             follow_up: FollowUpAsked | None = None) -> CareRecord:
    who = _as(actor, recorder)
    record = work.log_call(session, who, recipient_id, reached=reached, on=on, note=note,
                           problems=problems, needs_action=needs_action or follow_up is not None)
    _follow_up(session, who, record, follow_up, problems, "problems")
    return record


def log_visit(session: Session, actor: Actor, recipient_id: str, *, store: Path, photos: Sequence[Path] = (),
              recorder: str | None = None, on: dt.date | None = None, visitors: str | None = None,
              findings: str | None = None, note: str | None = None, needs_action: bool = False,
              follow_up: FollowUpAsked | None = None, problems: str | None = None) -> CareRecord:
    """A home visit and its photos, in the caller's one transaction: if a photo is refused
    (missing, too large) nothing of the visit is kept. The follow-up item is the problem found
    (发现的问题), or what was seen when no problem is written apart."""
    who = _as(actor, recorder)
    record = work.log_visit(session, who, recipient_id, on=on, visitors=visitors, findings=findings,
                            note=note, needs_action=needs_action or follow_up is not None, problems=problems)
    if (problems or "").strip():
        _follow_up(session, who, record, follow_up, problems, "problems")
    else:
        _follow_up(session, who, record, follow_up, findings, "findings")
    for photo in photos:
        attach_file(session, who, store, source=Path(photo), owner_table=CareRecord.__tablename__,
                    owner_id=record.id, kind=AttachmentKind.photo.value, taken_on=record.occurred_on)
    return record


def log_aid(session: Session, actor: Actor, recipient_id: str, *, recorder: str | None = None,
            items: str | None, value_fen: int | None = None, donor: str | None = None,
            on: dt.date | None = None, note: str | None = None) -> CareRecord:
    return work.log_aid(session, _as(actor, recorder), recipient_id, items=items, value_fen=value_fen,
                        donor=donor, on=on, note=note)


def move_wish(session: Session, actor: Actor, recipient_id: str, *, stage: str, recorder: str | None = None,
              on: dt.date | None = None, description: str | None = None, by: str | None = None,
              value_fen: int | None = None) -> MicroWish:
    return work.move_wish(session, _as(actor, recorder), recipient_id, stage=stage, on=on,
                          description=description, by=by, value_fen=value_fen)

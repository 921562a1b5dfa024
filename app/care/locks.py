"""Period locks (issue 13, point 3): a submitted semiannual assessment locks the village's
records dated in its half year, until the county unlocks it with a reason — as DHIS2's data
approval locks a period. A rule of the write path: app.care.writes (create, update, delete)
and app.care.bulk (the batch path) call `check_write` before they stamp anything, so every
path refuses alike, with a reason naming the half year and who locked it.

Which records a lock covers, and by which dates (`DATED`): the care work recorded about the
village's people — calls, visits and aid, micro-wishes, school files and handovers, mutual-aid
services and subsidies, third-party assessments, agreements, responsibilities and follow-up items. The
register itself (a recipient's name, phone, guardians) is not evidence of a half year's work
and stays editable.

Which dates count:
* a new record or a deletion: every date the record carries;
* an edit that changes dates: the old and the new value of each changed date (a wish
  collected in a locked half year may still be fulfilled in the next);
* any other edit: the record's latest date (the stage it has reached).

A lock is active while it has no unlocking date. Locks are read once per session (a few rows)
and read again after this session writes one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.care.errors import ServiceError

# table → (how the village is found: "recipient" | "family", its column; the date columns)
DATED: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "care_records": ("recipient", "recipient_id", ("occurred_on",)),
    "micro_wishes": ("recipient", "recipient_id", ("collected_on", "claimed_on", "fulfilled_on")),
    "school_file_entries": ("recipient", "recipient_id", ("entry_date",)),
    "school_leave_handovers": ("recipient", "recipient_id", ("left_on", "handed_over_on")),
    "mutual_aid_services": ("recipient", "recipient_id", ("served_on",)),
    "third_party_assessments": ("recipient", "recipient_id", ("assessed_on",)),
    "agreements": ("recipient", "recipient_id", ("drafted_on", "printed_on", "signed_on")),
    "responsibilities": ("recipient", "recipient_id", ("start_date",)),
    "follow_up_items": ("recipient", "recipient_id", ("opened_on", "closed_on")),
    "subsidy_payments": ("family", "family_id", ("paid_on",)),
}
_CACHE = "period_locks"
_VILLAGES = "period_lock_villages"


class PeriodLockedError(ServiceError):
    """A write refused: the record is dated in a half year whose assessment was submitted."""


@dataclass(frozen=True)
class ActiveLock:
    id: str
    village_code: str
    period: str
    start: dt.date
    end: dt.date
    locked_on: dt.date
    locked_by: str
    locked_by_office: str


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _stored_day(value: Any) -> dt.date:
    """A date of a column that is never NULL."""
    day = _day(value)
    assert day is not None
    return day


def active_locks(session: Session) -> dict[str, list[ActiveLock]]:
    """Every active lock, by village (cached for the session)."""
    cached: dict[str, list[ActiveLock]] | None = session.info.get(_CACHE)
    if cached is not None:
        return cached
    with session.no_autoflush:
        rows = session.execute(text(
            "SELECT id, village_code, period, start_date, end_date, locked_on, locked_by, locked_by_office "
            "FROM period_locks WHERE deleted = FALSE AND unlocked_on IS NULL")).all()
    out: dict[str, list[ActiveLock]] = {}
    for r in rows:
        lock = ActiveLock(r[0], r[1], r[2], _stored_day(r[3]), _stored_day(r[4]), _stored_day(r[5]), r[6], r[7])
        out.setdefault(lock.village_code, []).append(lock)
    session.info[_CACHE] = out
    return out


def forget(session: Session) -> None:
    """A lock was written in this session: read them again at the next check."""
    session.info.pop(_CACHE, None)


def lock_covering(session: Session, village: str, day: dt.date) -> ActiveLock | None:
    for lock in active_locks(session).get(village, ()):
        if lock.start <= day <= lock.end:
            return lock
    return None


def _village(session: Session, how: str, column_value: Any, pending: Mapping[str, str] | None) -> str | None:
    if not column_value:
        return None
    if pending and column_value in pending:
        return pending[column_value]
    memo: dict[tuple[str, str], str | None] = session.info.setdefault(_VILLAGES, {})
    key = (how, str(column_value))
    if key not in memo:
        table = "recipients" if how == "recipient" else "mutual_aid_families"
        with session.no_autoflush:
            memo[key] = session.execute(text(f"SELECT village_code FROM {table} WHERE id = :i"),
                                        {"i": column_value}).scalar()
    return memo[key]


def refusal(lock: ActiveLock, table: str, day: dt.date, *, attachment: bool = False) -> PeriodLockedError:
    from app.models.codes import TABLE_WORDS

    half = f"{lock.start.year}年{'上' if lock.start.month == 1 else '下'}半年"
    noun_zh, _m, noun_en, _many = TABLE_WORDS.get(table, (table, "", table, table))
    if attachment:  # the evidence of a locked record: named as such
        noun_zh, noun_en = f"附件所属的{noun_zh}", f"attachment's {noun_en}"
    return PeriodLockedError(
        f"{noun_zh}日期 {day.isoformat()} 属于{half}（{lock.period}），该村{half}的考核已于 "
        f"{lock.locked_on.isoformat()} 由 {lock.locked_by_office}（{lock.locked_by}）提交并锁定，"
        "不能新增、修改或删除该期间的记录；如确需修改，请县民政局解锁。",
        f"The {noun_en}'s date {day.isoformat()} lies in {lock.period}, locked on {lock.locked_on.isoformat()} "
        f"by {lock.locked_by_office} ({lock.locked_by}) when the village's assessment was submitted; "
        "the county must unlock it before records of that half year change.", field="period")


def check_write(session: Session, table: str, *, old: Mapping[str, Any] | None = None,
                new: Mapping[str, Any] | None = None, changed: Iterable[str] | None = None,
                pending_villages: Mapping[str, str] | None = None) -> None:
    """Refuse (PeriodLockedError) a write of `table` that touches a locked half year.

    create: new=the fields; update: old=the record's values, new=the changes; delete: old.
    `pending_villages`: recipient ids (and their villages) created in the same batch."""
    found = lock_touched(session, table, old=old, new=new, pending_villages=pending_villages)
    if found is not None:
        lock, day, dated_table = found
        raise refusal(lock, dated_table, day, attachment=table == "attachments")


def lock_touched(session: Session, table: str, *, old: Mapping[str, Any] | None = None,
                 new: Mapping[str, Any] | None = None,
                 pending_villages: Mapping[str, str] | None = None) -> tuple[ActiveLock, dt.date, str] | None:
    """The active lock a write of `table` would touch, the date that falls in it and the
    table that date belongs to (the owner's, for an attachment); None when none.

    The merge asks this too (app/sync/merge.py): a record arriving in a bundle dated in a
    locked half year is held, not written, until the county unlocks."""
    if table == "attachments":
        return _attachment_touched(session, old=old, new=new)
    rule = DATED.get(table)
    if rule is None:
        return None
    locks = active_locks(session)
    if not locks:
        return None
    how, column, dates = rule
    ref = (new or {}).get(column) or (old or {}).get(column)
    village = _village(session, how, ref, pending_villages)
    if village not in locks:
        return None
    days: list[dt.date | None]
    if old is None:  # create
        days = [_day((new or {}).get(c)) for c in dates]
    elif new is None:  # delete
        days = [_day(old.get(c)) for c in dates]
    else:
        moved = [c for c in dates if c in new and _day(new[c]) != _day(old.get(c))]
        if moved:
            days = [_day(old.get(c)) for c in moved] + [_day(new[c]) for c in moved]
        else:
            present = [d for d in (_day(old.get(c)) for c in dates) if d is not None]
            days = [max(present)] if present else []
    for day in days:
        if day is None:
            continue
        lock = lock_covering(session, village, day)
        if lock is not None:
            return lock, day, table
    return None


def _attachment_touched(session: Session, *, old: Mapping[str, Any] | None,
                        new: Mapping[str, Any] | None) -> tuple[ActiveLock, dt.date, str] | None:
    """Adding or removing evidence of a locked record changes that half year's evidence: it
    counts as an edit of the record it belongs to (its latest date). A caption or a date
    changed on an attachment already there does not."""
    removing = new is not None and old is not None and bool(new.get("deleted")) and not old.get("deleted")
    if old is not None and new is not None and not removing:
        return None
    if not active_locks(session):
        return None
    source = new if old is None else old
    owner_table, owner_id = (source or {}).get("owner_table"), (source or {}).get("owner_id")
    rule = DATED.get(str(owner_table))
    if rule is None or not owner_id:
        return None
    _how, column, dates = rule
    with session.no_autoflush:
        row = session.execute(text(f"SELECT {column}, {', '.join(dates)} FROM {owner_table} WHERE id = :i"),
                              {"i": owner_id}).first()
    if row is None:
        return None
    owner = dict(zip((column, *dates), row, strict=True))
    return lock_touched(session, str(owner_table), old=owner, new={})

"""The access log (issue 15, point 3; PIPL arts. 51, 55–56): who opened a minor's or a
disabled person's record, revealed a full ID number, printed or exported full ID numbers
(which file, how many people), imported a roster, signed in or failed to — with the user,
the time, the laptop and the office.

Each entry is a travelling record written through app.care.writes (stamped, audited, in the
change log), so it goes up with the next bundle: the township and the county see who looked
at their villages' people. It never goes down (app/sync/scope.py: its down-scope is empty),
is never changed and never deleted: nothing in the program prunes it, and KEEP_YEARS is the
floor any future retention rule must respect (`may_be_removed`).

Where the events are written: open_record — the recipient form (app/ui/store.py) and
`guanai recipients show`; reveal_id — the form's reveal button, `recipients show
--reveal-id`, a conflict's ID revealed on the sync page; print_full_ids / export_full_ids —
app/reports/audit_export.py (every PDF or workbook with full ID numbers); import_roster —
app/reports/roster_import.py's callers; sign_in / sign_in_failed — `log_sign_in` and
`log_sign_in_failed`, for the sign-in (app/protection/signin.py) to call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import ValidationError
from app.care.text_rules import text_problem
from app.care.validation import age_on
from app.models import AccessEntry, Office, Recipient
from app.models.codes import AccessEvent, Category

KEEP_YEARS = 3  # PIPL records of processing: kept at least this long, everywhere it travels
MINOR_BELOW = 18  # a minor's data is sensitive (PIPL art. 28, 31)
DETAIL_MAX = 300  # characters (the column)


def stamp_of(at: dt.datetime) -> str:
    """A time as the log keeps it: UTC, ISO, to the second."""
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(detail: str | None) -> str | None:
    """The detail as a record can hold it: characters a record refuses (a file name from
    another system) shown as �, cut to the column. Logging never fails an export."""
    if detail is None:
        return None
    out = "".join("�" if text_problem("access_log", "detail", ch) else ch for ch in detail)
    return out if len(out) <= DETAIL_MAX else out[: DETAIL_MAX - 1] + "…"


def log_access(session: Session, actor: Actor, event: str, *, person_id: str | None = None,
               count: int | None = None, detail: str | None = None,
               at: dt.datetime | None = None) -> AccessEntry:
    """One entry of the access log, in the caller's transaction. `at` defaults to now (a
    failed sign-in kept until the file could be opened passes its own time)."""
    if event not in AccessEvent.__members__:
        raise ValueError(f"unknown access event {event!r}")
    if count is not None and count < 0:
        raise ValueError("count must not be negative")
    return writes.create(session, actor, AccessEntry, at=stamp_of(at or dt.datetime.now(dt.UTC)),
                         user=actor.user[:50], laptop_id=actor.laptop_id, event=event,
                         person_id=person_id, count=count, detail=_clean(detail))


def log_sign_in(session: Session, actor: Actor) -> AccessEntry:
    """A successful sign-in of actor.user (the sign-in calls this once the file is open)."""
    return log_access(session, actor, AccessEvent.sign_in)


def log_sign_in_failed(session: Session, actor: Actor, name: str, at: dt.datetime,
                       reason: str | None = None) -> AccessEntry:
    """A failed sign-in as the name typed, at the time it happened. On an encrypted file
    nothing can be written until a sign-in succeeds: the sign-in keeps the failures (in the
    keyring) and writes them here at the next successful one."""
    who = Actor(actor.office_code, actor.laptop_id, name or "?")
    return log_access(session, who, AccessEvent.sign_in_failed, at=at, detail=reason)


def is_sensitive_person(r: Recipient, on: dt.date) -> bool:
    """A minor (under 18) or a disabled person: opening their record is logged."""
    return (age_on(r.birth_date, on) < MINOR_BELOW or r.disability_type is not None
            or Category.severe_disability in tuple(r.categories))


def note_record_opened(session: Session, actor: Actor, recipient_id: str,
                       on: dt.date | None = None) -> bool:
    """Log the opening of a recipient's record when it is a minor's or a disabled person's.
    Returns whether an entry was written."""
    r = session.get(Recipient, recipient_id)
    if r is None or not is_sensitive_person(r, on or dt.date.today()):
        return False
    log_access(session, actor, AccessEvent.open_record, person_id=recipient_id)
    return True


def may_be_removed(entry_at: str, today: dt.date) -> bool:
    """Whether an entry is old enough that a retention rule may remove it (never before
    KEEP_YEARS). Nothing removes entries today; a retention rule must ask this."""
    day = dt.date.fromisoformat(entry_at[:10])
    try:
        limit = day.replace(year=day.year + KEEP_YEARS)
    except ValueError:  # 29 February
        limit = day.replace(year=day.year + KEEP_YEARS, day=28)
    return today > limit


# ---- reading it ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AccessRow:
    id: str
    at: str  # UTC, ISO
    user: str
    laptop_id: str
    office_code: str
    office_name: str
    event: str
    person_id: str | None
    person_name: str | None
    village_code: str | None
    count: int | None
    detail: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def parse_since(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"起始日期：“{value}”不是有效日期，请写成 YYYY-MM-DD，如 2026-12-01。",
                              f"Since: {value!r} is not a date (YYYY-MM-DD).", field="since") from None


def list_access(session: Session, *, person_id: str | None = None, user: str | None = None,
                since: dt.date | None = None, until: dt.date | None = None,
                limit: int | None = None) -> list[AccessRow]:
    """The log, newest first, filtered by person (a recipient id), user (exact name) and
    days (since/until inclusive, UTC days). The director's and the auditor's to read."""
    from app.protection.roles import Permission, require

    require(session, Permission.read_access_log)
    q = (select(AccessEntry, Recipient.name, Recipient.village_code, Office.name)
         .outerjoin(Recipient, Recipient.id == AccessEntry.person_id)
         .outerjoin(Office, Office.code == AccessEntry.origin_office)
         .where(AccessEntry.deleted.is_(False)))
    if person_id:
        q = q.where(AccessEntry.person_id == person_id)
    if user:
        q = q.where(AccessEntry.user == user)
    if since is not None:
        q = q.where(AccessEntry.at >= since.isoformat())
    if until is not None:
        q = q.where(AccessEntry.at < (until + dt.timedelta(days=1)).isoformat())
    q = q.order_by(AccessEntry.at.desc(), AccessEntry.id.desc())
    if limit is not None:
        q = q.limit(limit)
    return [AccessRow(e.id, e.at, e.user, e.laptop_id, e.origin_office, office or "", e.event, e.person_id,
                      name, village, e.count, e.detail)
            for e, name, village, office in session.execute(q)]


def access_users(session: Session) -> list[str]:
    """The names that appear in the log (for the page's user filter)."""
    return list(session.scalars(select(AccessEntry.user).distinct().order_by(AccessEntry.user)))

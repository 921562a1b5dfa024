"""Several clerks at once (issue 17, point 1): one writer at a time per office database, and
what a writer read before its turn checked again once it has it.

The write turn. Every writing unit of work (app.care.writes, the batch doors of app.care.bulk,
a bundle's merge) takes the database's one write lock before its first write, and the
services whose checks must see the latest data (registration's duplicate check, an edit's
check of what the clerk read) take it before they check:
- SQLite: `BEGIN IMMEDIATE` (the busy timeout waits for the writer holding it);
- PostgreSQL: a transaction-level advisory lock, one number for the whole database, released
  at commit or rollback; waiting for it is bounded by the same busy timeout (lock_timeout).

Why one lock and not a unique index or a lock per ID number: a township or county database
holds the same ID number twice when two villages registered one person (the duplicates review
decides, app/oversight), so a unique index would refuse their bundles; and every write already
advances the office's clock row (app.care.context), so writers were queued from their first
write anyway. With one lock taken first, registration, edits, roster import and bundle merge
cannot deadlock with each other: no unit holds a row lock while waiting for the turn.

What was read before the turn may be stale: when the turn is taken, the records the session
holds are expired (read again on their next use), and a record whose stamp changed meanwhile
makes the write raise StaleRead, which app.db.transact answers by running the whole unit
again on fresh data (so its checks are made again too).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session, SessionTransaction

from app.care.errors import ServiceError

# PostgreSQL's advisory-lock number of the write turn (the one imports used before: a bundle
# import and a clerk's write wait for each other).
LOCK_NUMBER = 7242616
# How long a writer waits for the turn before giving up (then retried by app.db.transact):
# as SQLite's busy timeout (app.db.BUSY_TIMEOUT_MS).
WAIT_MS = 10_000

_HELD = "write_turn"  # session.info: the root transaction holding the turn
_BEFORE = "write_turn_read_before"  # session.info: {identity key: stamp} read before the turn


class StaleRead(Exception):  # noqa: N818 (a condition, retried, never shown)
    """A record read before the write turn was changed by another writer meanwhile: the unit
    of work runs again (app.db.transact)."""


class EditConflict(ServiceError):
    """An edit started from values another clerk has since changed: refused, nothing written,
    both values shown."""


def take(session: Session, *, wait_ms: int | None = None) -> None:
    """Take the write turn for the session's transaction (at once if it holds it already)."""
    root = session.get_transaction()
    if root is not None and session.info.get(_HELD) is root:
        return
    name = session.get_bind().dialect.name
    conn = session.connection()
    if name == "sqlite":
        dbapi = conn.connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:  # a transaction the driver began before a write: it holds the lock already; make sure
            conn.exec_driver_sql("UPDATE local_settings SET value = value WHERE 0 = 1")
    elif name == "postgresql":
        wait = WAIT_MS if wait_ms is None else wait_ms
        before = conn.execute(text("SELECT current_setting('lock_timeout')")).scalar()
        conn.execute(text("SELECT set_config('lock_timeout', :w, true)"), {"w": f"{int(wait)}ms"})
        conn.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": LOCK_NUMBER})
        conn.execute(text("SELECT set_config('lock_timeout', :w, true)"), {"w": before})
    session.info[_HELD] = session.get_transaction()
    _expire_read_before(session)


def held(session: Session) -> bool:
    root = session.get_transaction()
    return root is not None and session.info.get(_HELD) is root


def _expire_read_before(session: Session) -> None:
    """Records read before the turn are read again on their next use; their stamps are kept to
    tell whether another writer changed them meanwhile (check_fresh)."""
    from app.models import Synced

    stamps: dict[Any, str] = {}
    changed = set(session.dirty) | set(session.new)
    # (a Session's map is a WeakInstanceDict; SQLAlchemy types it as the IdentityMap base)
    for key, obj in list(session.identity_map.items()):  # type: ignore[attr-defined]
        if obj in changed:
            continue
        if isinstance(obj, Synced) and "hlc" in obj.__dict__:
            stamps[key] = obj.__dict__["hlc"]
        session.expire(obj)
    session.info[_BEFORE] = stamps
    session.info.pop("clock", None)  # the office clock is read again too (app.care.context)


def check_fresh(session: Session, obj: Any) -> None:
    """Raise StaleRead when `obj` was read before the turn and changed since by another writer."""
    stamps: dict[Any, str] = session.info.get(_BEFORE) or {}
    key = inspect(obj).identity_key
    if key is None or key not in stamps:
        return
    read = stamps.pop(key)
    if obj.hlc != read:  # read again now (expired when the turn was taken)
        raise StaleRead(f"{type(obj).__name__} changed by another writer")


@event.listens_for(Session, "after_transaction_end")
def _release(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None and session.info.get(_HELD) is transaction:
        session.info.pop(_HELD, None)
        session.info.pop(_BEFORE, None)


def retryable(error: BaseException) -> bool:
    """A failure that running the unit of work again may not meet: another writer held the
    database too long (SQLite "database is locked", PostgreSQL's lock timeout), a
    serialization failure or deadlock the server chose this transaction for, or a record
    changed under a read (StaleRead)."""
    from app.care.failures import is_locked

    if isinstance(error, StaleRead) or is_locked(error):
        return True
    code = getattr(getattr(error, "orig", None), "sqlstate", None) or getattr(
        getattr(error, "orig", None), "pgcode", None)
    return code in ("40001", "40P01", "55P03")

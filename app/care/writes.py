"""The one door every write goes through: it stamps the sync columns (UUIDv7 id, origin
office, hybrid-logical clock) and appends the audit trail (who, when, which office and
laptop, each field's old and new value).

One write path. A write is computed once, by the functions below (`check_create` and
`creation`; `edit_diff`, `check_edit` and `edition`; `deletion`): the values it sets, its
stamp, its audit row and its change-log entry, as a `Write`. `create`, `update`, `erase` and
`delete` apply it to a Session (the ORM object, the AuditEntry, app.changes.versions.note_write);
app.care.bulk.BatchWriter applies the same `Write` to its buffer (rows, audit tuples, the log
and the vectors), written at the end with one executemany per table. A rule added here is
applied on both paths; tests/test_bulk_writes.py checks they leave the same database.

The session refuses, at flush, any travelling record whose values differ from what this
module last stamped and audited (a direct attribute edit, before or after a service call),
any hard delete of one, and ORM-level bulk insert/update/delete statements on their tables.
So no UI or CLI code can write behind the audit trail's back. (The demo's bulk loader writes
through a bare Connection and audits each village's load as one entry; a bundle's merge
applies remote writes with their remote stamps, app/sync/merge.py.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from app.care import locks, write_turn
from app.care.context import Actor, clock, save_clock
from app.care.hlc import Clock, Stamp
from app.care.ids import new_id
from app.care.text_rules import check_record_text
from app.changes.versions import note_write
from app.models import AuditEntry, Synced
from app.protection.roles import require_write

T = TypeVar("T", bound=Synced)
_STAMPED = "stamped_objects"
SYNC = Synced.SYNC_COLUMNS


class UnauditedWriteError(RuntimeError):
    """A travelling record was written without going through app.care.writes."""


def plain(value: Any) -> Any:
    """A value as the audit trail holds it."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


_PLAIN_TYPES = frozenset({str, int, bool, float})  # plain() leaves these as they are: not called


def _columns(model: type[Synced]) -> list[str]:
    return [c.key for c in inspect(model).column_attrs]


def _snapshot(obj: Synced) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in _columns(type(obj))}


def _mark(session: Session, obj: Synced) -> None:
    """Remember exactly what was stamped and audited, to compare at flush."""
    session.info.setdefault(_STAMPED, {})[id(obj)] = (obj, _snapshot(obj))


# ---- the audit row -------------------------------------------------------------------------

AUDIT_COLUMNS = ("id", "at", "office_code", "laptop_id", "user", "action", "table_name", "record_id", "hlc",
                 "changes_json")


def audit_row(actor: Actor, action: str, table: str, record_id: str | None, changes: dict[str, Any],
              hlc: str | None = None) -> tuple[Any, ...]:
    """An audit entry's values in AUDIT_COLUMNS order: who (office, laptop, user), when, what
    (changes encoded now: a string is no work for the garbage collector in a batch)."""
    return (new_id(), dt.datetime.now(dt.UTC), actor.office_code, actor.laptop_id, actor.user, action, table,
            record_id, hlc, encode_changes(changes))


def audit(session: Session, actor: Actor, action: str, table: str, record_id: str | None,
          changes: dict[str, Any], hlc: str | None = None) -> None:
    session.add(AuditEntry(**dict(zip(AUDIT_COLUMNS, audit_row(actor, action, table, record_id, changes, hlc),
                                      strict=True))))


# orjson, not json: a batch (a roster import) encodes one entry per record written, and the
# standard encoder took a tenth of a 10,000-row import. Keys sorted; datetimes, dates and
# anything else unusual written as str() gives them, as json.dumps(default=str) did. The text
# is compact ({"a":[null,1]}; entries written before 0.2.1 have spaces): read it as JSON.
_CHANGES_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def encode_changes(changes: dict[str, Any]) -> str:
    """An audit entry's changes as stored: JSON, Chinese as itself."""
    return orjson.dumps(changes, option=_CHANGES_OPTIONS, default=str).decode()


# ---- a write, computed once ----------------------------------------------------------------

@dataclass(slots=True)  # not frozen: a frozen dataclass costs a setattr call per field, and a batch makes 90,000
class Write:
    """One write as computed here, before it is applied to a Session or a batch."""

    table: str
    record_id: str
    stamp: str  # the record's new hybrid-logical-clock stamp
    office: str  # the writing office (modified_office; origin_office of a creation)
    values: dict[str, Any]  # what the record's columns become (a creation: those given and the sync columns)
    diff: dict[str, list[Any]]  # {field: [old, new]} as audited
    audit: tuple[Any, ...]  # the audit row (AUDIT_COLUMNS)
    fields: tuple[str, ...]  # change log: the fields whose version vectors advance to the stamp


def check_create(session: Session, table: str, fields: Mapping[str, Any], *,
                 pending_villages: Mapping[str, str] | None = None, permitted: set[str] | None = None) -> None:
    """Every rule of a creation, before anything is stamped: no sync column given, the signed-
    in user's role (`permitted`: tables a batch has checked already), the write turn, the text
    rules, a locked half year (`pending_villages`: recipients and families of the batch)."""
    if not SYNC.isdisjoint(fields):
        bad = set(fields) & SYNC - {"id"}
        if bad:
            raise ValueError(f"sync columns are stamped here, not passed: {sorted(bad)}")
    if permitted is None or table not in permitted:
        require_write(session, table)  # the signed-in role (app/protection/roles.py)
        if permitted is not None:
            permitted.add(table)
    write_turn.take(session)  # one writer at a time, before anything is stamped
    check_record_text(table, fields)  # no control, bidi or zero-width character; not too long
    locks.check_write(session, table, new=fields, pending_villages=pending_villages)  # a submitted half year
    if table == "period_locks":
        locks.forget(session)


def creation(actor: Actor, table: str, fields: Mapping[str, Any], stamp: str,
             blank: Mapping[str, Any] | None = None) -> Write:
    """A new record: its values with the sync columns stamped, audited field by field (every
    value given but None), moved to the end of the change log (no field vector yet). `blank`:
    every column's value when not given (a batch writes whole rows)."""
    office = actor.office_code
    rid = fields.get("id") or new_id()
    values = {**(blank or {}), **fields, "id": rid, "origin_office": office, "modified_office": office,
              "hlc": stamp, "deleted": False}
    diff = {k: [None, v if type(v) in _PLAIN_TYPES else plain(v)]
            for k, v in fields.items() if v is not None and k not in SYNC}
    return Write(table, rid, stamp, office, values, diff, audit_row(actor, "create", table, rid, diff, stamp), ())


def next_stamp(clk: Clock, record_stamp: str) -> str:
    """A stamp later than the record's own, even if that came from a clock running ahead."""
    clk.observe(Stamp.decode(record_stamp))
    return clk.now().encode()


def edit_diff(current: Callable[[str], Any], changes: Mapping[str, Any], *, removed: bool = False) -> dict[str, list[Any]]:
    """{field: [old, new]} of the changes that change something (`current` gives a field's
    value now). A removal (`removed`) never writes what the field held: REMOVED instead (an
    empty field stays shown as empty)."""
    bad = set(changes) & SYNC
    if bad:
        raise ValueError(f"sync columns cannot be edited: {sorted(bad)}")
    diff = {}
    for k, v in changes.items():
        old = current(k)
        if old != v:
            diff[k] = [REMOVED if removed and old is not None else plain(old), plain(v)]
    return diff


def check_edit(session: Session, table: str, old: Mapping[str, Any], diff: Mapping[str, Any],
               changes: Mapping[str, Any], *, pending_villages: Mapping[str, str] | None = None) -> None:
    """The rules of an edit that changes something: the text rules on what changes (a record
    stored before them stays editable), a locked half year."""
    new = {k: changes[k] for k in diff}
    check_record_text(table, new)
    locks.check_write(session, table, old=old, new=new, pending_villages=pending_villages)
    if table == "period_locks":
        locks.forget(session)


def edition(actor: Actor, table: str, record_id: str, changes: Mapping[str, Any], diff: dict[str, list[Any]],
            stamp: str) -> Write:
    """An edit: the changed values with the new stamp and office, audited, and the changed
    fields' vectors advanced."""
    values = {k: changes[k] for k in diff}
    values["hlc"] = stamp
    values["modified_office"] = actor.office_code
    return Write(table, record_id, stamp, actor.office_code, values, diff,
                 audit_row(actor, "update", table, record_id, diff, stamp), tuple(diff))


def deletion(actor: Actor, table: str, record_id: str, stamp: str, reason: str | None) -> Write:
    """A tombstone: `deleted` set, audited with the reason; the field travels like any other."""
    diff: dict[str, list[Any]] = {"deleted": [False, True], **({"reason": [None, reason]} if reason else {})}
    values = {"deleted": True, "hlc": stamp, "modified_office": actor.office_code}
    return Write(table, record_id, stamp, actor.office_code, values, diff,
                 audit_row(actor, "delete", table, record_id, diff, stamp), ("deleted",))


# A recipient's fields the schedule counts by (issue 14): before they change, what held until
# today is kept (app.models.FlagChange), so each period is counted by what held on its midpoint.
FLAGS = frozenset({"categories", "key_monitoring"})


def flag_change(table: str, record_id: str, current: Callable[[str], Any],
                diff: Collection[str]) -> dict[str, Any] | None:
    """The FlagChange an edit of a recipient's flags writes first (its fields), or None."""
    if table != "recipients" or FLAGS.isdisjoint(diff):
        return None
    return dict(recipient_id=record_id, changed_on=dt.date.today(), categories=tuple(current("categories")),
                key_monitoring=bool(current("key_monitoring")))


# ---- applied to a Session ------------------------------------------------------------------

def _record(session: Session, w: Write) -> None:
    """The write's audit entry and change-log entry, in the session."""
    session.add(AuditEntry(**dict(zip(AUDIT_COLUMNS, w.audit, strict=True))))
    # Change log and field version vectors: what sync exports and how it detects conflicts.
    note_write(session, w.table, w.record_id, w.fields, w.stamp, w.office)


def _apply(session: Session, obj: Synced, w: Write) -> None:
    """An edit or a tombstone, applied to the stored record."""
    for key, value in w.values.items():
        setattr(obj, key, value)
    _mark(session, obj)
    _record(session, w)


def create(session: Session, actor: Actor, model: type[T], **fields: Any) -> T:
    """Insert one travelling record, stamped and audited."""
    table = model.__tablename__
    check_create(session, table, fields)
    w = creation(actor, table, fields, clock(session, actor).now().encode())
    obj = model(**w.values)
    _mark(session, obj)
    session.add(obj)
    _record(session, w)
    return obj


def update(session: Session, actor: Actor, obj: Synced, **changes: Any) -> dict[str, list[Any]]:
    """Change fields of one record; only real changes are stamped and audited.
    Returns {field: [old, new]} of what changed."""
    return _update(session, actor, obj, changes, removed=False)


# What the audit trail holds instead of a value removed for good (app.care.retention).
REMOVED = "〔已删除〕"


def erase(session: Session, actor: Actor, obj: Synced, **changes: Any) -> dict[str, list[Any]]:
    """Change fields like update, for a removal the law asks for (the retention period): the
    audit row says each field was removed (old value REMOVED), never what it held; the edit
    travels like any other. A tombstone's values are cleared too (it stays deleted).
    Returns {field: [REMOVED, new]}."""
    return _update(session, actor, obj, changes, removed=True)


def _update(session: Session, actor: Actor, obj: Synced, changes: dict[str, Any], *,
            removed: bool) -> dict[str, list[Any]]:
    bad = set(changes) & SYNC
    if bad:
        raise ValueError(f"sync columns cannot be edited: {sorted(bad)}")
    write_turn.take(session)
    write_turn.check_fresh(session, obj)  # read before the turn and changed since: run again
    if obj.deleted and not removed:  # a tombstone keeps its values; only a removal clears them
        raise ValueError("a deleted record cannot be edited")
    table = type(obj).__tablename__
    require_write(session, table)
    clk = clock(session, actor)  # loading it may autoflush: do it before touching obj
    def current(key: str) -> Any:
        return getattr(obj, key)

    diff = edit_diff(current, changes, removed=removed)
    if diff:
        check_edit(session, table, _snapshot(obj), diff, changes)
        flags = flag_change(table, obj.id, current, diff)
        if flags is not None:
            from app.models import FlagChange

            create(session, actor, FlagChange, **flags)
        _apply(session, obj, edition(actor, table, obj.id, changes, diff, next_stamp(clk, obj.hlc)))
    return diff


def delete(session: Session, actor: Actor, obj: Synced, *, reason: str | None = None) -> None:
    """Delete as a tombstone: the row stays, marked deleted, and travels like a change."""
    write_turn.take(session)
    write_turn.check_fresh(session, obj)
    if obj.deleted:
        return
    table = type(obj).__tablename__
    require_write(session, table)
    locks.check_write(session, table, old=_snapshot(obj))
    if table == "period_locks":
        locks.forget(session)
    stamp = next_stamp(clock(session, actor), obj.hlc)  # before touching obj (may autoflush)
    _apply(session, obj, deletion(actor, table, obj.id, stamp, reason))


@event.listens_for(Session, "before_flush")
def _refuse_unaudited(session: Session, _ctx: Any, _instances: Any) -> None:
    stamped: dict[int, tuple[Synced, dict[str, Any]]] = session.info.get(_STAMPED, {})
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise UnauditedWriteError(
                f"{type(obj).__name__} hard-deleted: travelling records are deleted as tombstones "
                "(app.care.writes.delete)")
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        entry = stamped.get(id(obj))
        if entry is None or entry[0] is not obj or entry[1] != _snapshot(obj):
            raise UnauditedWriteError(
                f"{type(obj).__name__} {obj.id} written outside app.care.writes (no stamp, no audit)")
    save_clock(session)


@event.listens_for(Session, "after_flush_postexec")
def _forget_stamped(session: Session, _ctx: Any) -> None:
    session.info.pop(_STAMPED, None)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_statements(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, Synced):
        raise UnauditedWriteError(
            f"bulk {state.statement.__visit_name__} on {mapper.class_.__name__}: travelling records "
            "change one by one through app.care.writes")

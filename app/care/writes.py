"""The one door every write goes through: it stamps the sync columns (UUIDv7 id, origin
office, hybrid-logical clock) and appends the audit trail (who, when, which office and
laptop, each field's old and new value).

The session refuses, at flush, any travelling record whose values differ from what this
module last stamped and audited (a direct attribute edit, before or after a service call),
any hard delete of one, and ORM-level bulk insert/update/delete statements on their tables.
So no UI or CLI code can write behind the audit trail's back. (The demo's bulk loader writes
through a bare Connection and audits each village's load as one entry.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import orjson
from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from app.care import locks, write_turn
from app.care.context import Actor, clock, save_clock
from app.care.hlc import Stamp
from app.care.ids import new_id
from app.care.text_rules import check_record_text
from app.changes.versions import note_write
from app.models import AuditEntry, Synced
from app.protection.roles import require_write

T = TypeVar("T", bound=Synced)
_STAMPED = "stamped_objects"


class UnauditedWriteError(RuntimeError):
    """A travelling record was written without going through app.care.writes."""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _columns(model: type[Synced]) -> list[str]:
    return [c.key for c in inspect(model).column_attrs]


def _snapshot(obj: Synced) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in _columns(type(obj))}


def _mark(session: Session, obj: Synced) -> None:
    """Remember exactly what was stamped and audited, to compare at flush."""
    session.info.setdefault(_STAMPED, {})[id(obj)] = (obj, _snapshot(obj))


def audit(session: Session, actor: Actor, action: str, table: str, record_id: str | None,
          changes: dict[str, Any], hlc: str | None = None) -> None:
    session.add(AuditEntry(
        id=new_id(), at=dt.datetime.now(dt.UTC), office_code=actor.office_code,
        laptop_id=actor.laptop_id, user=actor.user, action=action, table_name=table,
        record_id=record_id, hlc=hlc,
        changes_json=encode_changes(changes)))


# orjson, not json: a batch (a roster import) encodes one entry per record written, and the
# standard encoder took a tenth of a 10,000-row import. Keys sorted; datetimes, dates and
# anything else unusual written as str() gives them, as json.dumps(default=str) did. The text
# is compact ({"a":[null,1]}; entries written before 0.2.1 have spaces): read it as JSON.
_CHANGES_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def encode_changes(changes: dict[str, Any]) -> str:
    """An audit entry's changes as stored: JSON, Chinese as itself."""
    return orjson.dumps(changes, option=_CHANGES_OPTIONS, default=str).decode()


def create(session: Session, actor: Actor, model: type[T], **fields: Any) -> T:
    """Insert one travelling record, stamped and audited."""
    bad = set(fields) & Synced.SYNC_COLUMNS - {"id"}
    if bad:
        raise ValueError(f"sync columns are stamped here, not passed: {sorted(bad)}")
    require_write(session, model.__tablename__)  # the signed-in user's role (app/protection/roles.py)
    write_turn.take(session)  # one writer at a time, before anything is stamped
    check_record_text(model.__tablename__, fields)  # no control, bidi or zero-width character; not too long
    locks.check_write(session, model.__tablename__, new=fields)  # a submitted half year is locked
    if model.__tablename__ == "period_locks":
        locks.forget(session)
    stamp = clock(session, actor).now().encode()
    obj = model(**fields)
    obj.id = fields.get("id") or new_id()
    obj.origin_office = actor.office_code
    obj.modified_office = actor.office_code
    obj.hlc = stamp
    obj.deleted = False
    _mark(session, obj)
    session.add(obj)
    changes = {k: [None, _plain(getattr(obj, k))] for k in _columns(model)
               if k not in Synced.SYNC_COLUMNS and getattr(obj, k) is not None}
    audit(session, actor, "create", model.__tablename__, obj.id, changes, stamp)
    note_write(session, model.__tablename__, obj.id, (), stamp, actor.office_code)  # change log
    return obj


def _next_stamp(session: Session, actor: Actor, obj: Synced) -> str:
    """A stamp later than the record's own, even if that came from a clock running ahead."""
    clk = clock(session, actor)
    clk.observe(Stamp.decode(obj.hlc))
    return clk.now().encode()


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
    bad = set(changes) & Synced.SYNC_COLUMNS
    if bad:
        raise ValueError(f"sync columns cannot be edited: {sorted(bad)}")
    write_turn.take(session)
    write_turn.check_fresh(session, obj)  # read before the turn and changed since: run again
    if obj.deleted and not removed:  # a tombstone keeps its values; only a removal clears them
        raise ValueError("a deleted record cannot be edited")
    require_write(session, type(obj).__tablename__)
    clock(session, actor)  # loading it may autoflush: do it before touching obj
    # a removal never writes what the field held (an empty field stays shown as empty)
    diff = {k: [REMOVED if removed and getattr(obj, k) is not None else _plain(getattr(obj, k)), _plain(v)]
            for k, v in changes.items() if getattr(obj, k) != v}
    # Only what changes is checked: a record stored before the text rules stays editable.
    check_record_text(type(obj).__tablename__, {k: changes[k] for k in diff})
    if diff:
        table = type(obj).__tablename__
        locks.check_write(session, table, old=_snapshot(obj), new={k: changes[k] for k in diff})
        if table == "period_locks":
            locks.forget(session)
        if table == "recipients" and FLAGS & set(diff):
            _note_flags(session, actor, obj)
        stamp = _next_stamp(session, actor, obj)
        for key in diff:
            setattr(obj, key, changes[key])
        obj.hlc = stamp
        obj.modified_office = actor.office_code
        _mark(session, obj)
        audit(session, actor, "update", type(obj).__tablename__, obj.id, diff, stamp)
        # Change log and field version vectors: what sync exports and how it detects conflicts.
        note_write(session, type(obj).__tablename__, obj.id, diff, stamp, actor.office_code)
    return diff


# A recipient's fields the schedule counts by (issue 14): before they change, what held until
# today is kept (app.models.FlagChange), so each period is counted by what held on its midpoint.
FLAGS = frozenset({"categories", "key_monitoring"})


def _note_flags(session: Session, actor: Actor, recipient: Any) -> None:
    from app.models import FlagChange

    create(session, actor, FlagChange, recipient_id=recipient.id, changed_on=dt.date.today(),
           categories=tuple(recipient.categories), key_monitoring=bool(recipient.key_monitoring))


def delete(session: Session, actor: Actor, obj: Synced, *, reason: str | None = None) -> None:
    """Delete as a tombstone: the row stays, marked deleted, and travels like a change."""
    write_turn.take(session)
    write_turn.check_fresh(session, obj)
    if obj.deleted:
        return
    require_write(session, type(obj).__tablename__)
    locks.check_write(session, type(obj).__tablename__, old=_snapshot(obj))
    if type(obj).__tablename__ == "period_locks":
        locks.forget(session)
    stamp = _next_stamp(session, actor, obj)  # before touching obj (may autoflush)
    obj.deleted = True
    obj.hlc = stamp
    obj.modified_office = actor.office_code
    _mark(session, obj)
    audit(session, actor, "delete", type(obj).__tablename__, obj.id,
          {"deleted": [False, True], **({"reason": [None, reason]} if reason else {})}, stamp)
    note_write(session, type(obj).__tablename__, obj.id, ["deleted"], stamp, actor.office_code)


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

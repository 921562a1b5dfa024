"""The batch write door: many new records stamped, audited and change-logged exactly as
app.care.writes does one by one, but kept in memory and written at the end with one
executemany per table, in the caller's transaction.

One by one, a registration costs some eighteen statements (the office, the duplicate query,
the flush, the status event, the audit entries, the clock, the change log and field
versions, the record read back). In a batch the rules run in Python against what was looked
up once (app.care.recipients.check_registration, the same function add_recipient applies),
and each table is written in one statement. What the batch leaves is what the one-by-one
writes leave: the same rows, one audit entry per write with the same changes and a stamp
from the office clock (saved at the end), the change log in the same order and the same field
version vectors (tests/test_bulk_writes.py compares the two ways).

Only new records go through here (created, then possibly updated, within the batch): the
change-log and version rows they get are their first. Edits of stored records stay with
app.care.writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Dialect, insert, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session

from app.care import locks, write_turn
from app.care.collector import paused_collector  # noqa: F401  (the batch door's callers use it from here)
from app.care.context import Actor, clock, save_clock, this_office
from app.care.errors import ValidationError
from app.care.hlc import Stamp
from app.care.household import _guardian_values, _member_values
from app.care.ids import new_id
from app.care.lifecycle import departments_concerned
from app.care.recipients import Registration, check_registration, live_office, survey_event
from app.care.text_rules import check_record_text
from app.care.writes import _plain, encode_changes
from app.models import (
    AuditEntry,
    Base,
    Guardian,
    HouseholdMember,
    Office,
    Recipient,
    StatusEvent,
    Synced,
)
from app.models.codes import Decision, DecisionSource, LifecycleStep, Status
from app.protection.roles import require_write
from app.sync.versions import BY, Vectors, dump_vectors, log_changes

_SYNC = Synced.SYNC_COLUMNS
_PLAIN_TYPES = frozenset({str, int, bool, float})


@cache
def _blank(table_name: str) -> dict[str, Any]:
    """A row of the table as the ORM inserts it when a column is not given: its scalar
    default, or NULL."""
    blank: dict[str, Any] = {}
    for col in Base.metadata.tables[table_name].columns:
        if col.default is not None:
            if not col.default.is_scalar:
                raise NotImplementedError(f"{table_name}.{col.name}: a computed default")
            blank[col.name] = col.default.arg  # type: ignore[attr-defined]
        elif col.server_default is not None and not col.primary_key:
            # The ORM would leave the column out for the database to fill; no table written
            # here has such a column, and a batch could not tell the value in the audit.
            raise NotImplementedError(f"{table_name}.{col.name}: a server-side default only")
        else:
            blank[col.name] = None
    return blank


@cache
def bind_processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What a column's value becomes for the driver: SQLAlchemy's own processor, except where
    the SQLite driver adapts the value itself — a date (the adapter app/db.py registers gives
    the ISO text SQLAlchemy stores) and a boolean (an int) — which spares a Python call per
    value in a 10,000-row import. tests/test_bulk_writes.py checks the driver stores the same."""
    impl = column.type.dialect_impl(dialect)
    if dialect.name == "sqlite" and (isinstance(impl, sqlite_dialect.DATE) or isinstance(column.type, Boolean)):
        return None
    return impl.bind_processor(dialect)


def _statement(table_name: str, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[tuple[int, Any], ...]]:
    """The INSERT of these columns for the driver, and the bind processor of each column that
    has one (dates to text, booleans to 0/1, code sets, UTC timestamps)."""
    table = Base.metadata.tables[table_name]
    convert = tuple((i, proc) for i, name in enumerate(columns)
                    if (proc := bind_processor(table.c[name], dialect)) is not None)
    sql = f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    return sql, convert


_AUDIT_COLUMNS = ("id", "at", "office_code", "laptop_id", "user", "action", "table_name", "record_id", "hlc",
                  "changes_json")


@dataclass(eq=False)
class Pending:
    """A record created in the batch, not yet written: its table and every column."""

    model: type[Synced]
    values: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.values["id"])


@dataclass
class BatchWriter:
    """writes.create and writes.update for records new in this batch, held until write()."""

    session: Session
    actor: Actor
    _rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _audit: list[tuple[Any, ...]] = field(default_factory=list)
    _log: list[tuple[str, str]] = field(default_factory=list)  # note_write's calls, in order
    _vectors: dict[tuple[str, str], Vectors] = field(default_factory=dict)
    _villages: dict[str, str] = field(default_factory=dict)  # recipients/families of this batch
    _permitted: set[str] = field(default_factory=set)  # tables the signed-in role may write

    def __post_init__(self) -> None:
        write_turn.take(self.session)  # the write turn before the clock is read (app/care/write_turn.py)
        self.clock = clock(self.session, self.actor)
        a = self.actor
        self._who = (a.office_code, a.laptop_id, a.user)

    def _audit_entry(self, action: str, table: str, record_id: str, changes: dict[str, Any],
                     stamp: str) -> None:
        # app.care.writes.audit, as a row (changes encoded now: a string is no work for the
        # garbage collector, a dict of lists held until write() is)
        self._audit.append((new_id(), dt.datetime.now(dt.UTC), *self._who, action, table, record_id, stamp,
                            encode_changes(changes)))

    def create(self, model: type[Synced], **fields: Any) -> Pending:
        """As app.care.writes.create: stamped, audited, logged."""
        if not _SYNC.isdisjoint(fields):
            bad = set(fields) & _SYNC - {"id"}
            if bad:
                raise ValueError(f"sync columns are stamped here, not passed: {sorted(bad)}")
        table = model.__tablename__
        if table not in self._permitted:  # as writes.create: the signed-in user's role
            require_write(self.session, table)
            self._permitted.add(table)
        check_record_text(table, fields)  # as writes.create (the registration checks named it first)
        locks.check_write(self.session, table, new=fields, pending_villages=self._villages)
        blank = _blank(table)
        if not fields.keys() <= blank.keys():
            raise TypeError(f"{model.__name__} has no columns {sorted(fields.keys() - blank.keys())}")
        stamp = self.clock.now().encode()
        office = self.actor.office_code
        rid = fields.get("id") or new_id()
        values = {**blank, **fields, "id": rid, "origin_office": office, "modified_office": office,
                  "hlc": stamp, "deleted": False}
        self._rows.setdefault(table, []).append(values)
        if table in ("recipients", "mutual_aid_families"):  # their villages, for the lock rule
            self._villages[rid] = values["village_code"]
        changes = {k: [None, v if type(v) in _PLAIN_TYPES else _plain(v)]
                   for k, v in fields.items() if v is not None and k not in _SYNC}
        self._audit_entry("create", table, rid, changes, stamp)
        self._log.append((table, rid))
        return Pending(model, values)

    def update(self, record: Pending, **changes: Any) -> dict[str, list[Any]]:
        """As app.care.writes.update, on a record created in this batch."""
        bad = set(changes) & _SYNC
        if bad:
            raise ValueError(f"sync columns cannot be edited: {sorted(bad)}")
        values = record.values
        diff = {k: [_plain(values[k]), _plain(v)] for k, v in changes.items() if values[k] != v}
        if not diff:
            return diff
        check_record_text(record.model.__tablename__, {k: changes[k] for k in diff})
        locks.check_write(self.session, record.model.__tablename__, old=values,
                          new={k: changes[k] for k in diff}, pending_villages=self._villages)
        self.clock.observe(Stamp.decode(values["hlc"]))  # writes._next_stamp
        stamp = self.clock.now().encode()
        for key in diff:
            values[key] = changes[key]
        values["hlc"] = stamp
        values["modified_office"] = self.actor.office_code
        table = record.model.__tablename__
        self._audit_entry("update", table, record.id, diff, stamp)
        # app.sync.versions.note_write: the changed fields' vectors advance to this stamp.
        self._log.append((table, record.id))
        vectors = self._vectors.setdefault((table, record.id), {})
        for f in diff:
            vector = vectors.setdefault(f, {})
            vector[self.actor.office_code] = stamp
            vector[BY] = stamp
        return diff

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def write(self) -> None:
        """Everything, one executemany per table, in the session's transaction; the clock is
        saved as a flush saves it."""
        conn = self.session.connection()
        for table, rows in self._rows.items():
            columns = tuple(_blank(table))
            _insert(conn, table, columns, list(map(itemgetter(*columns), rows)))
        _insert(conn, AuditEntry.__tablename__, _AUDIT_COLUMNS, self._audit)
        self._write_log(conn)
        _insert(conn, "sync_field_versions", ("table_name", "record_id", "vectors_json"),
                [(t, r, dump_vectors(v)) for (t, r), v in self._vectors.items()])
        save_clock(self.session)
        self._rows, self._audit, self._log, self._vectors = {}, [], [], {}

    def _write_log(self, conn: Connection) -> None:
        if not self._log:
            return
        if conn.dialect.name == "sqlite":
            # log_changes's own statement, for every note_write of the batch in order: the
            # same REPLACE moves, so the log ends as it would one write at a time.
            conn.exec_driver_sql("INSERT OR REPLACE INTO sync_changes (table_name, record_id, via_office) "
                                 "VALUES (?, ?, NULL)", self._log)
            return
        if conn.dialect.name == "postgresql":
            # The same end state in a few statements whatever the batch's size: a position
            # drawn for every write, as one at a time would draw it, and each record's row at
            # its last write's position.
            seqs = sorted(conn.execute(text(
                "SELECT nextval(pg_get_serial_sequence('sync_changes', 'seq')) FROM generate_series(1, :n)"),
                {"n": len(self._log)}).scalars())
            last = {key: seqs[i] for i, key in enumerate(self._log)}
            params = [{"t": t, "r": r, "s": seq} for (t, r), seq in last.items()]
            conn.execute(text("DELETE FROM sync_changes WHERE table_name = :t AND record_id = :r"), params)
            conn.execute(text("INSERT INTO sync_changes (seq, table_name, record_id, via_office) "
                              "VALUES (:s, :t, :r, NULL)"), params)
            return
        run: list[str] = []
        for i, (table, rid) in enumerate(self._log):
            run.append(rid)
            if i + 1 == len(self._log) or self._log[i + 1][0] != table:
                log_changes(conn, table, run)
                run = []


@dataclass(frozen=True)
class Registered:
    """A recipient already in the database, as the duplicate rule and reports see it."""

    id: str
    name: str
    village_code: str
    status: str


def registered_by_number(session: Session, numbers: Iterable[str]) -> dict[str, Registered]:
    """Live recipients under these ID numbers, in a few queries."""
    wanted = sorted(set(numbers))
    found: dict[str, Registered] = {}
    for i in range(0, len(wanted), 500):
        q = select(Recipient.id_number, Recipient.id, Recipient.name, Recipient.village_code,
                   Recipient.status).where(Recipient.id_number.in_(wanted[i:i + 500]),
                                           Recipient.deleted.is_(False))
        for number, rid, name, village, status in session.execute(q):
            found.setdefault(number, Registered(rid, name, village, status))
    return found


class Registrations:
    """add_recipient, add_guardian and the life-cycle steps of a roster the county already
    confirmed, for many people in one batch. The office, the villages and who is already
    registered are looked up once; a person checked is written only by add(), so a person
    refused leaves nothing behind."""

    def __init__(self, session: Session, actor: Actor, id_numbers: Iterable[str] = ()) -> None:
        self.session = session
        self.actor = actor
        # The write turn before who is registered is looked up: a clerk registering one of
        # these people meanwhile waits, and is then told they are registered (write_turn.py).
        write_turn.take(session)
        self.office = this_office(session)
        self.writer = BatchWriter(session, actor)
        self._asked = set(id_numbers)
        self.registered = registered_by_number(session, self._asked)  # grows with add()
        self._offices: dict[str, Office | None] = {}

    def _office(self, code: str) -> Office | None:
        if code not in self._offices:
            self._offices[code] = live_office(self.session, code)
        return self._offices[code]

    def _registered(self, number: str) -> Registered | None:
        if number not in self._asked:  # outside the numbers given: look it up
            self._asked.add(number)
            self.registered.update(registered_by_number(self.session, [number]))
        return self.registered.get(number)

    def check(self, **fields: Any) -> Registration:
        """add_recipient's checks (keyword arguments as add_recipient's)."""
        return check_registration(self.office, find_village=self._office,
                                  find_registered=self._registered, surveyed_by=self.actor.user,
                                  **fields)

    def add(self, checked: Registration) -> Pending:
        """Register a person whose check passed: the recipient and its survey step."""
        if checked.errors or checked.fields is None:
            raise ValueError("a refused registration cannot be added")
        fields = checked.fields
        r = self.writer.create(Recipient, **fields)
        self.writer.create(StatusEvent, **survey_event(r.id, fields["surveyed_on"], self.actor.user))
        self.registered[fields["id_number"]] = Registered(r.id, fields["name"], fields["village_code"],
                                                         fields["status"])
        return r

    @staticmethod
    def check_guardian(*, kind: str, name: str, relation: str, phone: str | None = None,
                       id_number: str | None = None, address: str | None = None,
                       start_date: dt.date | None = None,
                       end_date: dt.date | None = None) -> tuple[dict[str, Any], list[ValidationError]]:
        """add_guardian's checks: the guardian's fields and every problem found."""
        errors: list[ValidationError] = []
        values = _guardian_values(errors, kind=kind, name=name, relation=relation, phone=phone,
                                  id_number=id_number, address=address,
                                  start_date=start_date or dt.date.today(), end_date=end_date)
        return values, errors

    def add_guardian(self, recipient: Pending, values: dict[str, Any]) -> Pending:
        return self.writer.create(Guardian, recipient_id=recipient.id, **values)

    @staticmethod
    def check_member(*, name: str, relation: str, phone: str | None = None, id_number: str | None = None,
                     works_away: bool = False, work_place: str | None = None, can_guard: bool = True,
                     notes: str | None = None) -> tuple[dict[str, Any], list[ValidationError]]:
        """add_member's checks: the household member's fields and every problem found."""
        errors: list[ValidationError] = []
        values = _member_values(errors, name=name, relation=relation, phone=phone, id_number=id_number,
                                works_away=works_away, work_place=work_place, can_guard=can_guard, notes=notes)
        return values, errors

    def add_member(self, recipient: Pending, values: dict[str, Any]) -> Pending:
        return self.writer.create(HouseholdMember, recipient_id=recipient.id, **values)

    def report(self, r: Pending, *, on: dt.date) -> None:
        """app.care.lifecycle's report step on a person just registered (the village's own step)."""
        self._step(r, LifecycleStep.report, Status.reported, on, source=DecisionSource.local.value)

    def confirm(self, r: Pending, *, doc_no: str | None, source: str, on: dt.date) -> None:
        """app.care.lifecycle's report, a review by each department concerned and confirm,
        with the county decision's document as their source, on a person just registered.
        Their checks hold by construction here: the steps come in order on the registration's
        own date, the departments are those concerned, and the category rules checked at
        confirmation are the registration's, on the same date."""
        doc = (doc_no or "").strip() or None
        self._step(r, LifecycleStep.report, Status.reported, on, source=DecisionSource.local.value)
        depts = departments_concerned(r.values["categories"])
        for i, dept in enumerate(depts):
            extra: dict[str, Any] = dict(department=dept, decision=Decision.approve.value, reason=None,
                                         doc_no=doc, source=source)
            if i + 1 < len(depts):  # the round is not complete yet: the status stays
                status = r.values["status"]
                self.writer.create(StatusEvent, recipient_id=r.id, step=LifecycleStep.review.value,
                                   from_status=status, to_status=status, decided_on=on,
                                   decided_by=self.actor.user, **extra)
            else:
                self._step(r, LifecycleStep.review, Status.reviewed, on, **extra)
        self._step(r, LifecycleStep.confirm, Status.confirmed, on, doc_no=doc, source=source)
        self.registered[r.values["id_number"]] = Registered(r.id, r.values["name"], r.values["village_code"],
                                                            r.values["status"])

    def _step(self, r: Pending, step: LifecycleStep, to: Status, on: dt.date, **extra: Any) -> None:
        # app.care.lifecycle._step
        self.writer.create(StatusEvent, recipient_id=r.id, step=step.value, from_status=r.values["status"],
                           to_status=to.value, decided_on=on, decided_by=self.actor.user, **extra)
        self.writer.update(r, status=to.value, status_date=on)

    def write(self) -> None:
        self.writer.write()


def _insert(conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Rows given as tuples in the order of `columns`, with Python values."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(Base.metadata.tables[table]), [dict(zip(columns, r, strict=True)) for r in rows])
        return
    # The driver's executemany on values SQLAlchemy's own bind processors prepared, a column
    # at a time (Core would prepare them row by row, with more bookkeeping).
    sql, convert = _statement(table, columns, conn.dialect)
    if convert:
        cols: list[Any] = list(zip(*rows, strict=True))
        for i, proc in convert:
            cols[i] = map(proc, cols[i])
        rows = list(zip(*cols, strict=True))
    conn.exec_driver_sql(sql, rows)

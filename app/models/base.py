"""Declarative base, shared column types and the sync mixin every travelling record carries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Boolean, DateTime, FromClause, MetaData, String, Table, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints so alembic's batch mode can drop and recreate them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and always handed back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class CodeSet(TypeDecorator[tuple[str, ...]]):
    """A set of code names (categories) stored as ",a,b," in canonical order.

    One column keeps the set a single field for last-writer-wins sync and conflict
    detection, and the delimiters make `LIKE '%,code,%'` an exact membership test in SQL.
    """

    impl = String(200)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        codes = sorted(set(value))
        return "," + ",".join(codes) + "," if codes else ","

    def process_result_value(self, value: str | None, dialect: Any) -> tuple[str, ...]:
        if not value:
            return ()
        return tuple(c for c in value.split(",") if c)


def encode_codes(codes: Any) -> str:
    """The stored form of a code set, for raw SQL and bulk inserts."""
    return CodeSet().process_bind_param(codes, None) or ","


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table_of(model: type[Base] | type[Synced]) -> Table:
    """The model's Table (SQLAlchemy types `__table__` as any FROM clause; ours are tables)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Synced:
    """Columns of every record that travels between offices.

    `id` is a UUIDv7 (time-ordered, globally unique without coordination); `origin_office`
    is the office that created the record; `hlc` is the hybrid-logical-clock stamp of its
    last change (see app.care.hlc), `modified_office` the office that made that change;
    `deleted` makes a deletion a tombstone that can travel like any other change.
    """

    if TYPE_CHECKING:  # every synced model is declared (Synced, Base), so it has these too
        __tablename__: str
        __table__: ClassVar[FromClause]

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin_office: Mapped[str] = mapped_column(String(12))
    modified_office: Mapped[str] = mapped_column(String(12))
    # Not indexed: sync selects changes from its change log (app/sync/versions.py), and the
    # stamp is only compared among one person's few records (migration 0008).
    hlc: Mapped[str] = mapped_column(String(40))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    # Columns the service layer owns; callers never pass them as fields.
    SYNC_COLUMNS = frozenset({"id", "origin_office", "modified_office", "hlc", "deleted"})

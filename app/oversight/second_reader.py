"""A read the overview makes on a second connection while it counts on the first (issue 13
point 8).

The county overview's figures fall in two parts that share nothing: the four ones and the
compliance figures (the confirmed spans, then one look-up per obligation), and the open
warnings (the checks of `app.care.warnings`, about a third of the time). Both are work inside
the database, which lets other threads run meanwhile (sqlite3 and psycopg release the
interpreter's lock while a statement runs), so on a computer with two cores or more the
warnings are counted on a second connection of the same engine at the same time.

The two connections must read the same data. Every write and every merge moves the change
log on (its highest position, `data_stamp`), so the position is taken in the caller's session
when the second reader starts, in the second reader, and in the caller's session again when
its answer is taken: unless all three are the same — a write committed meanwhile, or the
caller's own transaction holds writes not yet committed, which another connection cannot see —
its answer is thrown away and the read is made again in the caller's session, as when there
is no second reader at all. (On SQLite the caller's own statements each see the newest data,
outside a transaction, so the same check also tells that nothing was written while it counted.) A database only one connection can reach (SQLite in memory) and a
computer with one core always read in the caller's session.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from app.models import SyncChange

T = TypeVar("T")


def data_stamp(session: Session) -> int:
    """The change log's highest position: moved on by every write and every merge."""
    return int(session.scalar(select(func.max(SyncChange.seq))) or 0)


def shareable_engine(session: Session) -> Engine | None:
    """The engine behind `session` if a second connection of it reads the same database."""
    engine = session.get_bind().engine
    if isinstance(engine.pool, (StaticPool, SingletonThreadPool)):
        return None  # one connection for everyone (SQLite in memory)
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return None
    return engine


class SecondReader(Generic[T]):
    """`read(session)` started on another connection now (when `enabled`, the engine allows it
    and the computer has two cores); `result()` gives its answer, or reads in the caller's
    session when there was no second reader or it saw other data."""

    def __init__(self, session: Session, read: Callable[[Session], T], *, enabled: bool = True) -> None:
        self.session = session
        self.read = read
        self.future: Future[tuple[int, T]] | None = None
        self.pool: ThreadPoolExecutor | None = None
        self.stamp = 0
        engine = shareable_engine(session) if enabled and (os.cpu_count() or 1) > 1 else None
        if engine is not None:
            self.stamp = data_stamp(session)
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guanai-second-reader")
            self.future = self.pool.submit(self._read_beside, engine)

    def _read_beside(self, engine: Engine) -> tuple[int, T]:
        with Session(engine) as s:
            s.begin()
            try:
                return data_stamp(s), self.read(s)
            finally:
                s.rollback()  # it only read; its temporary tables go with the connection's use

    def result(self) -> T:
        if self.future is None:
            return self.read(self.session)
        try:
            stamp, answer = self.future.result()
        finally:
            assert self.pool is not None
            self.pool.shutdown(wait=True)
            self.future = None
        if stamp == self.stamp == data_stamp(self.session):
            return answer
        return self.read(self.session)

    def __enter__(self) -> SecondReader[T]:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Left without taking the answer (the caller failed): the second reader is waited for,
        so no thread nor connection outlives the call."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        self.future = None

    @property
    def beside(self) -> bool:
        """The read runs (or ran) on a second connection."""
        return self.pool is not None

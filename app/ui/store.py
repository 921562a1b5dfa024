"""The app's door to the service layer: each call opens one Session for one action and
hands back plain values (STYLE.md habit 4). Widgets call these through Background, never a
Session themselves.

`read(fn, …)` runs a service function `fn(session, …)`; `write(fn, …)` runs
`fn(session, actor, …)` as this office's operator and commits. Both are meant to run on the
background worker; a job cancelled from its progress dialog is interrupted inside SQLite
(progress handler) and rolled back, so a cancel never leaves half a change behind.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

from app.care.attachments import store_dir_for
from app.care.context import actor_for, this_office_code
from app.care.errors import ServiceError
from app.care.offices import OfficeView, init_office, office_view
from app.care.recipients import RecipientSummary, count_recipients, roster_ids, rows_by_id
from app.db import open_database, unit_of_work
from app.models.base import Base

if TYPE_CHECKING:
    from app.demo.generate import DemoResult

# SQLite calls the handler every N virtual-machine steps; ~1 ms of work on a slow laptop.
PROGRESS_STEPS = 20_000


class Cancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__("已取消，数据未被修改。", "Cancelled; nothing was changed.")


class CancelFlag:
    """Set from the UI thread, read by the worker (and by SQLite's progress handler)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


_current = threading.local()


def current_flag() -> CancelFlag | None:
    return getattr(_current, "flag", None)


def run_with_flag(flag: CancelFlag | None, job: Callable[[], Any]) -> Any:
    """Run `job` on this thread with `flag` as the cancel flag SQLite consults."""
    _current.flag = flag
    try:
        return job()
    except OperationalError as error:
        if flag is not None and flag.cancelled and "interrupt" in str(error).lower():
            raise Cancelled() from error
        raise
    finally:
        _current.flag = None


def _progress_handler() -> int:
    flag = current_flag()
    return 1 if flag is not None and flag.cancelled else 0


def _install_cancel(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.set_progress_handler(_progress_handler, PROGRESS_STEPS)

    engine.dispose()  # connections opened by the migration lack the handler


def plain(value: Any) -> Any:
    """ORM objects never leave the worker: a written row comes back as its id."""
    if isinstance(value, Base):
        return getattr(value, "id", None) or getattr(value, "code", None)
    if isinstance(value, list) and value and isinstance(value[0], Base):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class RosterFilter:
    search: str = ""
    category: str | None = None
    status: str | None = None
    sort: str = "name"
    descending: bool = False
    key_monitoring: bool = False
    overdue: bool = False

    def query_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {"search": self.search or None, "category": self.category,
                                "status": self.status}
        if self.key_monitoring:
            args["key_monitoring"] = True
        if self.overdue:
            args["overdue"] = True
        return args


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.generation = 0  # bumped by every write made through this store
        self._overdue: tuple[int, dt.date, set[str]] | None = None
        _install_cancel(engine)

    @classmethod
    def open(cls, target: str | None) -> Store:
        return cls(open_database(target))

    # ---- generic doors -------------------------------------------------------------
    def read(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        with unit_of_work(self.engine) as s:
            return plain(fn(s, *args, **kwargs))

    def write(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        with unit_of_work(self.engine) as s:
            result = plain(fn(s, actor_for(s), *args, **kwargs))
            flag = current_flag()
            if flag is not None:
                flag.check()  # cancelled while writing: roll back rather than commit
            s.flush()
        self.generation += 1
        return result

    def attachment_dir(self) -> Path:
        """Where this database keeps attached files (content-addressed; app.care.attachments)."""
        return store_dir_for(self.engine)

    # ---- office ----------------------------------------------------------------------
    def office(self) -> OfficeView | None:
        with unit_of_work(self.engine) as s:
            code = this_office_code(s)
            return office_view(s, code, with_fingerprint=False) if code else None

    def set_up_office(self, *, role: str, code: str, name: str, parent: str | None,
                      operator: str | None = None) -> OfficeView:
        with unit_of_work(self.engine) as s:
            return init_office(s, role=role, code=code, name=name, parent=parent or None,
                               operator=operator or None)

    def fill_demo(self, scale: str = "village", today: dt.date | None = None) -> DemoResult:
        from app.demo.generate import generate_demo  # the generator is big; load on demand

        return generate_demo(self.engine, scale=scale, today=today)

    # ---- roster ------------------------------------------------------------------------
    def roster_ids(self, f: RosterFilter) -> list[str]:
        args = f.query_args()
        overdue = args.pop("overdue", False)
        with unit_of_work(self.engine) as s:
            ids = roster_ids(s, sort=f.sort, descending=f.descending, **args)
            if overdue:
                late = self.overdue_ids(s)
                ids = [i for i in ids if i in late]
            return ids

    def overdue_ids(self, session: Any) -> set[str]:
        """Who has care work overdue. The schedule query takes seconds on a county
        database, so its answer is kept until this store writes or the day changes."""
        from app.care.tasks import overdue_recipient_ids

        today = dt.date.today()
        if self._overdue is None or self._overdue[:2] != (self.generation, today):
            self._overdue = (self.generation, today, overdue_recipient_ids(session, today))
        return self._overdue[2]

    def roster_rows(self, ids: list[str]) -> dict[str, RecipientSummary]:
        with unit_of_work(self.engine) as s:
            return rows_by_id(s, ids)

    def roster_total(self) -> int:
        with unit_of_work(self.engine) as s:
            return count_recipients(s)

    def close(self) -> None:
        self.engine.dispose()

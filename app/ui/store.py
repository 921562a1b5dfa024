"""The app's door to the service layer: each call opens one Session for one action and
hands back plain values (STYLE.md habit 4). Widgets call these through Background, never a
Session themselves.

`read(fn, …)` runs a service function `fn(session, …)`; `write(fn, …)` runs
`fn(session, actor, …)` as this office's operator and commits; `batch(fn, …)` runs
`fn(engine, …)`, a service that manages its own transactions (a roster import, a bundle's
import or export). All are meant to run on the background worker (`batch` refuses the UI
thread); a job cancelled from its progress dialog is interrupted inside SQLite (progress
handler) and rolled back, so a cancel never leaves half a change behind. Whatever writes
bumps `generation`, which the answers kept here (who is overdue) are checked against; the
widget that asked emits the hub's `changed` when the job is delivered (app.ui.kit).
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, overload

from app.protection.keyring import PRODUCTION
from app.ui.cancel import CancelFlag, Cancelled, current_flag, run_with_flag

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from app.care.context import Actor
    from app.care.office_view import OfficeView
    from app.care.recipients import RecipientSummary
    from app.demo.generate import DemoResult
    from app.models.base import Base
    from app.protection.roles import SignedIn
    from app.protection.users import UserView

__all__ = ["CancelFlag", "Cancelled", "RosterFilter", "Store", "current_flag", "run_with_flag"]

P = ParamSpec("P")
R = TypeVar("R")
B = TypeVar("B", bound="Base")

# SQLite calls the handler every N virtual-machine steps; ~1 ms of work on a slow laptop.
PROGRESS_STEPS = 20_000


def _progress_handler() -> int:
    flag = current_flag()
    return 1 if flag is not None and flag.cancelled else 0


def _install_cancel(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:  # sqlite3's or sqlcipher3's
        dbapi_conn.set_progress_handler(_progress_handler, PROGRESS_STEPS)

    engine.dispose()  # connections opened by the migration lack the handler


def plain(value: Any) -> Any:
    """ORM objects never leave the worker: a written row comes back as its id."""
    from app.models.base import Base

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


# On in the app. The test suite turns it off (an autouse fixture in tests/conftest.py): tests
# build many stores and windows and let them go, and frozen objects are never collected.
FREEZE_HEAP = True


def settle_heap() -> None:
    """Exclude what is alive now (modules, SQLAlchemy's and Qt's objects: about a million)
    from the garbage collector's full passes. Otherwise one of them, set off by whatever
    happens to allocate next, walks all of it and holds the interpreter for a tenth of a
    second, a visible freeze while someone types. Called once the database layer has loaded
    and again as each page is built; freeze() itself only moves a list."""
    if FREEZE_HEAP:
        gc.freeze()


class Store:
    """The database of this app, opened on first use. `Store.deferred(target)` makes one
    without touching the database or importing SQLAlchemy: the app builds and shows its
    window first, and the first job on the worker opens the engine (run_app)."""

    def __init__(self, engine: Engine | None = None, *, target: str | None = None,
                 signed: SignedIn | None = None) -> None:
        self._engine = engine
        self._target = target
        # Who signed in, on a database with users (app/protection): the engine is opened
        # with the office key and every write carries this user.
        self.signed = signed
        self.kdf = PRODUCTION  # Argon2id's cost for keys sealed here (tests set a cheap one)
        if engine is not None and signed is not None:
            from app.protection.roles import bind

            bind(engine, signed)
        self._lock = threading.Lock()
        self.generation = 0  # bumped by every write made through this store
        self._overdue: tuple[int, dt.date, set[str]] | None = None
        if engine is not None:
            _install_cancel(engine)
            settle_heap()

    @classmethod
    def open(cls, target: str | None, key: bytes | None = None) -> Store:
        """`key`: the office key the sign-in unwrapped (P1), None for a database without one."""
        from app.db import open_database

        return cls(open_database(target, key=key))

    @classmethod
    def deferred(cls, target: str | None, signed: SignedIn | None = None) -> Store:
        """For a database known to be at the current schema (see app.ui.startup)."""
        return cls(None, target=target, signed=signed)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    if self.signed is not None:
                        from app.protection.signin import open_signed_in

                        engine = open_signed_in(self._target, self.signed, migrate=False)
                    else:
                        from app.db import open_database

                        engine = open_database(self._target, migrate=False)
                    _install_cancel(engine)
                    self._engine = engine
                    settle_heap()
        return self._engine

    # ---- generic doors -------------------------------------------------------------
    # The arguments are checked against `fn`'s own; an ORM row (or a list of them) comes
    # back as its id (plain), anything else as it is.
    @overload
    def read(self, fn: Callable[Concatenate[Session, P], Base], /,
             *args: P.args, **kwargs: P.kwargs) -> Any: ...
    @overload
    def read(self, fn: Callable[Concatenate[Session, P], list[B]], /,
             *args: P.args, **kwargs: P.kwargs) -> list[Any]: ...
    @overload
    def read(self, fn: Callable[Concatenate[Session, P], R], /,
             *args: P.args, **kwargs: P.kwargs) -> R: ...
    def read(self, fn: Callable[Concatenate[Session, P], Any], /,
             *args: P.args, **kwargs: P.kwargs) -> Any:
        from app.db import unit_of_work

        with unit_of_work(self.engine) as s:
            return plain(fn(s, *args, **kwargs))

    @overload
    def write(self, fn: Callable[Concatenate[Session, Actor, P], Base], /,
              *args: P.args, **kwargs: P.kwargs) -> Any: ...
    @overload
    def write(self, fn: Callable[Concatenate[Session, Actor, P], list[B]], /,
              *args: P.args, **kwargs: P.kwargs) -> list[Any]: ...
    @overload
    def write(self, fn: Callable[Concatenate[Session, Actor, P], R], /,
              *args: P.args, **kwargs: P.kwargs) -> R: ...
    def write(self, fn: Callable[Concatenate[Session, Actor, P], Any], /,
              *args: P.args, **kwargs: P.kwargs) -> Any:
        from app.care.context import actor_for
        from app.db import transact

        def work(s: Session) -> Any:
            result = plain(fn(s, actor_for(s), *args, **kwargs))
            flag = current_flag()
            if flag is not None:
                flag.check()  # cancelled while writing: roll back rather than commit
            s.flush()
            return result

        # run again when another clerk's write held the database (app/care/write_turn.py)
        result = transact(self.engine, work)
        self.generation += 1
        return result

    def batch(self, fn: Callable[Concatenate[Engine, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """`fn(engine, …)`: a service that opens its own sessions and transactions (a roster
        import, a bundle's import or export), run on the worker; then what depends on the
        data is stale (`generation`). Like `write`: run again when it meets another clerk's
        write, then Busy in words (app.db.retrying) — so `fn` must leave nothing behind when
        it fails (one transaction, rolled back; app.reports.roster_import.run_import,
        app.sync.exchange.import_bundles). A failure changes no generation."""
        from app.db import retrying

        self._off_the_ui_thread("batch")
        result = retrying(lambda: fn(self.engine, *args, **kwargs))
        self.generation += 1
        return plain(result)

    def preview(self, fn: Callable[Concatenate[Engine, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """`fn(engine, …)` for a batch's dry run (`run_import(…, dry_run=True)`): on the worker
        like `batch`, but it writes nothing, so nothing is stale after it."""
        self._off_the_ui_thread("preview")
        return plain(fn(self.engine, *args, **kwargs))

    @staticmethod
    def _off_the_ui_thread(door: str) -> None:
        # A batch holds the database for seconds and may open it first (Store.deferred): on
        # the UI thread that is a frozen window. The worker is app.ui.background.Background.
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError(f"Store.{door} runs on the database worker, not on the UI thread")

    def office_key(self) -> bytes | None:
        """The office key the database was opened with (None: not encrypted): it unseals the
        attached files (app.care.attachments.read_blob)."""
        from app.protection.at_rest import office_key

        return office_key(self.engine)

    def attachment_dir(self) -> Path:
        """Where this database keeps attached files (content-addressed; app.care.attachments)."""
        from app.care.attachments import store_dir_for

        return store_dir_for(self.engine)

    # ---- office ----------------------------------------------------------------------
    def office(self) -> OfficeView | None:
        from app.care.context import this_office_code
        from app.care.offices import office_view
        from app.db import unit_of_work

        with unit_of_work(self.engine) as s:
            code = this_office_code(s)
            return office_view(s, code, with_fingerprint=False) if code else None

    def set_up_office(self, *, role: str, code: str, name: str, parent: str | None,
                      operator: str | None = None) -> OfficeView:
        from app.care.offices import init_office
        from app.db import unit_of_work

        with unit_of_work(self.engine) as s:
            return init_office(s, role=role, code=code, name=name, parent=parent or None,
                               operator=operator or None)

    # ---- settings and safety (app/ui/settings_dialog.py) -----------------------------------
    def operator(self) -> str:
        from app.care.context import actor_for

        return str(self.read(lambda s: actor_for(s).user))

    def set_operator(self, name: str) -> str:
        from app.care.context import set_operator

        return str(self.write(set_operator, name))

    def last_backup(self) -> Any:
        from app.care.maintenance import last_backup

        return self.read(lambda s: last_backup(s))

    def backup_to(self, out: Path) -> Any:
        """A backup of this database into `out`, remembered for the work bench's reminder."""
        from app.care.maintenance import backup, note_backup

        result = backup(self.engine, out)
        note_backup(self.engine, result)
        self.generation += 1
        return result

    def restore_from(self, source: Path) -> Any:
        """Put a backup in place of this database (the current one saved beside it first)."""
        from app.care.maintenance import inspect, restore, sqlite_path

        current = inspect(sqlite_path(self.engine), self.office_key())
        result = restore(self.engine, source, current_office=current.office_code if current.ok else None)
        self._overdue = None
        self.generation += 1
        return result

    def fill_demo(self, scale: str = "village", today: dt.date | None = None) -> DemoResult:
        from app.demo.generate import generate_demo  # the generator is big; load on demand

        return generate_demo(self.engine, scale=scale, today=today)

    # ---- roster ------------------------------------------------------------------------
    def roster_ids(self, f: RosterFilter, *, limit: int | None = None) -> list[str]:
        """The filtered roster's ids in order; with `limit`, only the first ones."""
        from app.care.recipients import roster_ids
        from app.db import unit_of_work

        args = f.query_args()
        overdue = args.pop("overdue", False)
        with unit_of_work(self.engine) as s:
            if overdue:  # filtered in Python below, so the limit comes after
                late = self.overdue_ids(s)
                ids = [i for i in roster_ids(s, sort=f.sort, descending=f.descending, **args) if i in late]
                return ids[:limit] if limit is not None else ids
            return roster_ids(s, sort=f.sort, descending=f.descending, limit=limit, **args)

    def overdue_ids(self, session: Any) -> set[str]:
        """Who has care work overdue. The schedule query takes seconds on a county
        database, so its answer is kept until this store writes or the day changes."""
        from app.care.tasks import overdue_recipient_ids

        today = dt.date.today()
        if self._overdue is None or self._overdue[:2] != (self.generation, today):
            self._overdue = (self.generation, today, overdue_recipient_ids(session, today))
        return self._overdue[2]

    def roster_rows(self, ids: list[str]) -> dict[str, RecipientSummary]:
        from app.care.recipients import rows_by_id
        from app.db import unit_of_work

        with unit_of_work(self.engine) as s:
            return rows_by_id(s, ids)

    def roster_total(self) -> int:
        from app.care.recipients import count_recipients
        from app.db import unit_of_work

        with unit_of_work(self.engine) as s:
            return count_recipients(s)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # ---- users and protection (app/protection; app/ui/users_dialog.py) ----------------------
    @property
    def unencrypted(self) -> bool:
        """A SQLite file not encrypted at rest (a database without users, or --no-encryption):
        the window title says so. A server database is the server's to protect. (Read on the
        UI thread before the database layer loads: no SQLAlchemy here.)"""
        if self.on_server:
            return False
        return not (self.signed is not None and self.signed.encrypted)

    @property
    def on_server(self) -> bool:
        """A server database (PostgreSQL), told from its address without opening it (so on
        the UI thread too; a store made from an engine alone says False)."""
        target = str(self._target or "")
        return "://" in target and not target.startswith("sqlite")

    def backed_up_here(self) -> bool:
        """A SQLite file is backed up from the app; a server database with pg_dump, by
        whoever runs the server. Opens the database: on the worker."""
        return self.engine.dialect.name == "sqlite"

    def is_director(self) -> bool:
        return self.signed is not None and self.signed.role == "director"

    def may(self, permission: str) -> bool:
        """Whether the signed-in user's role allows `permission` (app/protection/roles.py);
        everything on a database without users. For showing or hiding actions: the services
        check again."""
        if self.signed is None:
            return True
        from app.protection.roles import GRANTS, Permission

        return Permission(permission) in GRANTS.get(self.signed.role, frozenset())

    def _file(self) -> Path | None:
        url = self.engine.url
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def keyring(self) -> Any:
        from app.protection.keyring import SidecarKeyring, TableKeyring

        path = self._file()
        return SidecarKeyring(path) if path is not None else TableKeyring(self.engine)

    def users(self) -> list[UserView]:
        from app.protection.users import list_users

        return list_users(self.keyring())

    def add_user(self, name: str, role: str, password: str) -> UserView:
        from app.protection.users import add_user

        return self.write(add_user, self.keyring(), name, role, password)

    def disable_user(self, name: str) -> None:
        from app.protection.users import disable_user

        self.write(disable_user, self.keyring(), name)

    def set_password(self, name: str, password: str) -> None:
        from app.protection.users import set_password

        self.write(set_password, self.keyring(), name, password)

    def unlock(self, name: str, password: str) -> SignedIn:
        """The idle lock's sign-in: the same user again, checked against the keyring."""
        from app.protection.roles import bind
        from app.protection.signin import after_sign_in, sign_in

        store = self.keyring()
        who = sign_in(store, name, password)
        self.signed = who
        bind(self.engine, who)
        after_sign_in(self.engine, who, store)
        return who

    def idle_minutes(self) -> int:
        from app.protection.idle import idle_minutes

        return int(self.read(idle_minutes))

    def set_idle_minutes(self, minutes: int) -> int:
        from app.protection.idle import set_idle_minutes

        return int(self.write(set_idle_minutes, minutes))

    def set_up_office_with_director(self, *, role: str, code: str, name: str, parent: str | None,
                                    director: str, password: str) -> tuple[OfficeView, str]:
        """The first run's real path: the office, its director with a password, and a new
        database encrypted with the office key in place of the empty one just made.
        (office, the recovery code to show once.)"""
        from app.care.offices import init_office
        from app.protection.keyring import check_password, check_user_name
        from app.protection.users import protect_new_database

        check_user_name(director)
        check_password(password)
        if self.office() is not None:
            raise RuntimeError("this database belongs to an office already")
        path = self._file()
        target = str(path) if path is not None else self.engine.url.render_as_string(hide_password=False)
        if path is not None:
            self.close()  # the empty file made when the app opened: replaced by the encrypted one
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)

        def setup(s: Any, _actor: Any) -> OfficeView:
            return init_office(s, role=role, code=code, name=name, parent=parent or None, operator=director)

        view, recovery, engine = protect_new_database(target, director=director, password=password,
                                                      encrypted=True, setup=setup, kdf=self.kdf)
        from app.protection.roles import signed_in_engine

        self._engine, self._target, self.signed = engine, target, signed_in_engine(engine)
        _install_cancel(engine)
        self.generation += 1
        return view, recovery

    def protect_existing(self, director: str, password: str) -> str:
        """A database made before users existed: its director with a password, and the file
        encrypted in place with the new office key (app.protection.users.protect_existing_database,
        which verifies every table before the plain file goes). The engine is closed for the
        swap and reopened signed in as the director. The recovery code, to show once.
        On a failure the plain file is as it was and this store opens it again as before."""
        from app.protection.keyring import SidecarKeyring, check_password, check_user_name
        from app.protection.signin import open_signed_in, sign_in
        from app.protection.users import protect_existing_database

        check_user_name(director)
        check_password(password)
        path = self._file()
        if path is None:
            raise RuntimeError("only a database file is converted here")
        engine = self.engine
        target = str(path)
        self.close()  # nothing of this store may hold the file while it is swapped
        code = protect_existing_database(engine, target, director=director, password=password, kdf=self.kdf)
        keyring = SidecarKeyring(path)
        who = sign_in(keyring, director.strip(), password)
        self._engine = open_signed_in(target, who, migrate=False, store=keyring)
        self._target, self.signed = target, who
        _install_cancel(self._engine)
        self._overdue = None
        self.generation += 1
        return code


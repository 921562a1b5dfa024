"""Opening the database: the embedded SQLite file by default, or a server by URL. A database
whose schema is behind is upgraded all or nothing: a SQLite file is first copied to a backup
named by its revision, then a copy of it is upgraded and takes its place
(app/sqlite_upgrade.py); a server upgrades in one transaction."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from app.care.errors import ServiceError
from app.care.intake import clean_beside
from app.config import default_db_path
from app.migration_head import MIGRATIONS_DIR, head_revision
from app.protection.at_rest import (
    check_key,
    file_key,
    is_encrypted_file,
    key_pragma,
    remember_key,
    sqlcipher,
)

if TYPE_CHECKING:
    from alembic.config import Config


# Bulk loads pass dates straight to the driver: store them the way SQLAlchemy's SQLite Date
# type does (ISO text), instead of relying on sqlite3's deprecated default adapter.
sqlite3.register_adapter(dt.date, dt.date.isoformat)


def database_url(target: str | Path | None = None) -> str:
    """A SQLAlchemy URL from a path, a URL, or nothing (the default file)."""
    if target is None:
        return f"sqlite:///{default_db_path()}"
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


# How long a write waits for another program's write to finish (the app and a `guanai`
# command, two windows) before SQLite says "database is locked" (then shown in words:
# app/care/failures.py).
BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                    key: bytes | None = None) -> None:
    cur = dbapi_conn.cursor()
    if key is not None:
        # SQLCipher: the raw 256-bit key (no passphrase derivation on every connection),
        # before any statement that reads the file; a wrong key is worded by the caller.
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute(key_pragma(key))
    # Waiting first: setting WAL below may itself wait for another writer.
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    # WAL: readers (the UI) never block the single writer; NORMAL is safe with WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Up to 256 MB of pages per connection, taken only as pages are read (a village's file
    # never fills it): the county overview reads about 200 MB of indexes, which a 64 MB cache
    # read back from the operating system on every call (0.3-0.6 s of system time of ~2.5 s).
    cur.execute("PRAGMA cache_size=-262144")
    cur.close()


# A server: the longest one statement may run before the server stops it, so a runaway query
# cannot hold the office's database (GUANAI_STATEMENT_TIMEOUT_S overrides; 0 = none). Long
# enough for a county's bundle import or roster import, whose statements are many and short.
STATEMENT_TIMEOUT_S = 600

# A server's connection budget: each running app or `guanai` command holds at most
# POOL_SIZE + POOL_OVERFLOW connections (SQLAlchemy's default, 5 + 10, would let 7 computers
# take a default server's 100). The app does its database work on one worker thread, one
# Session at a time, so two kept open and three more for a moment are plenty; 20 computers
# then need at most 100 (README, "PostgreSQL (county office)": the budget).
POOL_SIZE = 2
POOL_OVERFLOW = 3


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, key: bytes | None = None) -> Engine:
    """`key`: the office's 32-byte key; a SQLite file is then a SQLCipher 4 file (created
    encrypted if new; an existing plain file is opened plain until converted). On every
    backend the engine remembers it (app.protection.at_rest.office_key) for what it seals besides the file: attachments, the office's private keys."""
    parsed = make_url(url)
    if key is not None:
        check_key(key)
    if parsed.get_backend_name() == "postgresql":
        timeout = int(os.environ.get("GUANAI_STATEMENT_TIMEOUT_S", STATEMENT_TIMEOUT_S))
        # pre-ping: after a server restart the first action reconnects instead of failing.
        # jit=off: the planner compiles the overview's and the warnings' queries (estimated
        # costly, over 60,000 recipients) to machine code, which took longer than running
        # them: 0.31 of the 0.37 s of one warning's count at county scale.
        engine = create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW,
                               connect_args={"options": f"-c statement_timeout={timeout * 1000} -c jit=off"})
        remember_key(engine, key)
        return engine
    file_key = key if parsed.get_backend_name() == "sqlite" else None
    if file_key is not None and parsed.database and parsed.database != ":memory:" \
            and _plain_file(Path(parsed.database)):
        # A plain file stays plain until encrypt_file converts it (the first sign-in after the
        # upgrade, or never for `--no-encryption`); the key still seals its attachment files
        # and the office's private keys, as on a server.
        file_key = None
    engine = create_engine(url, module=sqlcipher()) if file_key is not None else create_engine(url)
    remember_key(engine, key)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout_ms=busy_timeout_ms, key=file_key))
    return engine


def _plain_file(path: Path) -> bool:
    try:
        return path.stat().st_size > 0 and not is_encrypted_file(path)
    except FileNotFoundError:
        return False


def analyze(engine: Engine) -> None:
    """Fresh planner statistics after a bulk load (demo, roster import, bundle import): on a
    server the first `status` after loading a county took 40 s without them, 4 s with."""
    # Best effort, after the load has committed: statistics only make later queries faster, so
    # another writer holding the database (ANALYZE writes its tables) must not fail an import
    # that is done — nor make a caller that retries on "busy" run the import a second time.
    try:
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        elif engine.dialect.name == "sqlite":
            with engine.begin() as conn:
                conn.execute(text("PRAGMA optimize"))
    except (OperationalError, DBAPIError):
        pass


class SchemaMismatch(ServiceError):
    """A server database at another schema than this program's: several computers share it,
    so it is upgraded deliberately (`guanai migrate`), never by whichever starts first."""


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            return None  # a new, empty database


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: Engine, revision: str = "head", *, keep_backup: bool = True,
            on_step: Callable[[str], None] | None = None, deliberate: bool = False) -> Path | None:
    """Bring the schema to `revision`, all or nothing; returns the backup made first, if one
    was needed (a SQLite file, unless `keep_backup` is false). `on_step` is told each point
    the upgrade passes (app/sqlite_upgrade.py): a seam for tests. A server database already
    holding a schema is upgraded only when `deliberate` (`guanai migrate`): otherwise
    SchemaMismatch says what to do."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target or target is None:
        return None
    url = engine.url
    if url.get_backend_name() != "sqlite" and current is not None and not deliberate:
        raise schema_mismatch(current)
    engine.dispose()  # its pooled connections would hold the file (and its log) open
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        from app.sqlite_upgrade import upgrade_file

        return upgrade_file(Path(url.database), target, _migrate, keep_backup=keep_backup, on_step=on_step,
                            key=file_key(engine))
    # A server: alembic runs every migration in this one transaction (PostgreSQL's DDL is
    # transactional; migrations/env.py keeps transaction_per_migration off).
    with engine.begin() as conn:
        _migrate(conn, target, on_step)
    return None


def schema_mismatch(current: str) -> SchemaMismatch:
    from app.care.maintenance import _known_revisions

    if current not in _known_revisions():
        return SchemaMismatch(
            f"服务器数据库的结构版本（{current}）比本程序新：另一台电脑已用新版本升级了它。请把本电脑的关爱也升级到新版本。",
            f"The server database's schema ({current}) is newer than this program: upgrade Guanai on this computer.")
    return SchemaMismatch(
        f"服务器数据库的结构版本（{current}）比本程序（{head_revision()}）旧。服务器数据库由各台电脑共用，"
        "不会自动升级：请让所有电脑先关闭关爱，再由技术人员运行 guanai migrate（会先用 pg_dump 备份）。",
        f"The server database's schema ({current}) is older than this program's ({head_revision()}). It is shared, "
        "so it is not upgraded automatically: close Guanai on every computer, then run `guanai migrate` "
        "(it takes a pg_dump first).")


def _migrate(conn: Connection, target: str, on_step: Callable[[str], None] | None = None) -> None:
    from alembic import command

    cfg = alembic_config(conn.engine.url.render_as_string(hide_password=False))
    cfg.attributes["connection"] = conn
    if on_step is not None:
        cfg.attributes["on_version_apply"] = lambda *, step, **_kw: on_step(f"revision {step.up_revision_id}")
    command.upgrade(cfg, target)


def open_database(target: str | Path | None = None, *, migrate: bool = True,
                  busy_timeout_ms: int = BUSY_TIMEOUT_MS, key: bytes | None = None) -> Engine:
    """The engine for a database, created and migrated to the current schema on first use."""
    url = database_url(target)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # What a killed restore, backup or demo left beside the database (app/care/intake.py).
        if parsed.database != ":memory:":
            clean_beside(parsed.database)
    engine = make_engine(url, busy_timeout_ms=busy_timeout_ms, key=key)
    if migrate:
        upgrade(engine)
    if key is not None and (migrate or not needs_upgrade(engine)):
        seal_office_keys(engine)
    return engine


def seal_office_keys(engine: Engine) -> None:
    """Opened with the office key: the office's private keys still in key files moved into the
    database sealed under it, the files then deleted (app/sync/keys.py). Here because every
    way in (the app after sign-in, the CLI, a county's second computer) opens the database
    through open_database; a no-op once done."""
    from app.sync.keys import delete_key_files, seal_private_keys

    with Session(engine) as s, s.begin():
        moved = seal_private_keys(s)
    delete_key_files(moved)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One user action = one Session and one transaction (committed unless it raises)."""
    with Session(engine) as session, session.begin():
        yield session


def create_schema(engine: Engine) -> None:
    """The current schema in a new, empty database, in one transaction: for a file made
    encrypted from its first byte (`guanai init --user`), which has no plain copy to back up
    or swap as app/sqlite_upgrade.py does for an existing file."""
    from app.migration_head import head_revision

    target = head_revision()
    assert target is not None
    if current_revision(engine) is not None:
        raise ValueError("create_schema is for a new, empty database")
    with engine.begin() as conn:
        _migrate(conn, target)


T = TypeVar("T")

# How often a unit of work meeting another writer is run again before the clerk is told
# (app/care/write_turn.py: the database stayed locked past its busy timeout, a deadlock or
# serialization failure on a server, a record changed under a read).
ATTEMPTS = 4


class Busy(ServiceError):
    """Other writers kept the database past every attempt; nothing was changed."""


def transact(engine: Engine, work: Callable[[Session], T], *, attempts: int = ATTEMPTS,
             pause: Callable[[float], None] | None = None) -> T:
    """`work(session)` in one unit of work, run again when it meets another writer (retrying)."""

    def once() -> T:
        with unit_of_work(engine) as session:
            return work(session)

    return retrying(once, attempts=attempts, pause=pause)


def retrying(once: Callable[[], T], *, attempts: int = ATTEMPTS, pause: Callable[[float], None] | None = None) -> T:
    """`once()`, run again (up to `attempts` times in all, after a short random pause) when it
    meets another writer; then Busy, in words without a traceback or any of the records'
    data. `once` must be safe to run again: one transaction, rolled back when it fails
    (a unit of work, a roster import, a bundle's merge)."""
    import random
    import time

    from app.care.failures import BUSY, describe
    from app.care.write_turn import retryable

    for attempt in range(1, attempts + 1):
        try:
            return once()
        except Exception as e:
            if not retryable(e):
                raise
            if attempt == attempts:
                raise Busy(*(describe(e) or BUSY)) from None  # words only: no row, no traceback
            (pause or time.sleep)(random.uniform(0.02, 0.2) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover

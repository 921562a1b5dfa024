"""Opening the database: the embedded SQLite file by default, or a server by URL. A database
whose schema is behind is first copied to a timestamped backup beside it, then upgraded."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from app.config import default_db_path
from app.migration_head import MIGRATIONS_DIR, head_revision

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    cur = dbapi_conn.cursor()
    # Waiting first: setting WAL below may itself wait for another writer.
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    # WAL: readers (the UI) never block the single writer; NORMAL is safe with WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout_ms=busy_timeout_ms))
    return engine


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


def backup_sqlite(path: Path, *, label: str = "backup") -> Path:
    """A consistent copy beside the file (the SQLite backup API includes the WAL)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Bring the schema to `revision`; returns the backup made first, if one was needed."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target or target is None:
        return None
    backup: Path | None = None
    url = engine.url
    if current is not None and url.get_backend_name() == "sqlite" and url.database:
        engine.dispose()
        backup = backup_sqlite(Path(url.database))
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config(url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return backup


def open_database(target: str | Path | None = None, *, migrate: bool = True,
                  busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """The engine for a database, created and migrated to the current schema on first use."""
    url = database_url(target)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
    if migrate:
        upgrade(engine)
    return engine


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One user action = one Session and one transaction (committed unless it raises)."""
    with Session(engine) as session, session.begin():
        yield session

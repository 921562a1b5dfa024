"""Upgrading a SQLite database file all or nothing.

pysqlite runs DDL outside any transaction and alembic may commit as it goes, so a migration
cut short in place (a power cut, kill -9, a full disk) would leave a new column under an old
`alembic_version`, and every later start would fail. The file is therefore never migrated in
place: under a write lock on the database,

1. the database as it is goes to `NAME.backup-<revision>.sqlite3` beside it (one per revision:
   a second upgrade from the same revision replaces it, and older timestamped copies of a
   revision are pruned);
2. a consistent copy of it, `NAME.sqlite3.migrating`, is upgraded and flushed to disk;
3. the database's write-ahead log is folded into it and removed (so the log of the old file
   can never be replayed onto the new one), and with every other connection shut out the copy
   takes the database's name (`os.replace`, then the directory is flushed).

Until step 3's rename the database is the old one, untouched; after it, the new one, whole.
Leftovers of a run cut short (`NAME.sqlite3.migrating*`) are removed by the next upgrade,
which starts again from the old revision. A full disk is reported as `DiskFullError`.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.pool import NullPool

from app.care.errors import DiskFullError, StorageError
from app.files import fsync_dir, fsync_file
from app.protection.at_rest import (
    connect,
    copy_database,
    db_errors,
    key_pragma,
    remember_key,
    sqlcipher,
)

Step = Callable[[str], None]
Migrate = Callable[[Connection, str, Step | None], None]

STAGING = ".migrating"
BUSY_SECONDS = 10.0  # as long as the app waits for a lock (app.db's busy_timeout)
ATTEMPTS = 3
# Room the upgraded copy may take beyond the database's size: batch mode copies altered
# tables, and new indexes and columns add pages (measured on a township of 4,000 recipients: an eighth).
GROWTH = 0.5
SLACK = 4 * 1024 * 1024


def backup_path(path: Path, revision: str) -> Path:
    """Where the copy of `path` taken before upgrading from `revision` is kept."""
    return path.with_name(f"{path.stem}.backup-{revision}{path.suffix}")


def upgrade_file(path: Path, target: str, migrate: Migrate, *, keep_backup: bool = True,
                 on_step: Step | None = None, key: bytes | None = None) -> Path | None:
    """Bring the database file `path` to `target` by migrating a copy (see the module's
    text); returns the backup made, if any. `on_step` is called with the name of each point
    passed ("locked", "backup", "staged", "revision <rev>", "migrated", "replaced"): a seam
    for tests that stop the process there. `key`: the office key of an encrypted file; the
    backup and the upgraded copy are then encrypted under it too."""
    step = on_step or _no_step
    for _attempt in range(ATTEMPTS):
        with _Lock(path, key) as lock:
            if lock.moved:  # another process swapped the file in while we waited: look again
                continue
            current = lock.revision()
            if current == target:
                return None
            _remove_leftovers(path)  # of a run cut short: only a lock holder makes them
            step("locked")
            required, needed = _space(path, current if keep_backup else None)
            try:
                _check_space(path, required, needed)
                backup = _stage(path, current if keep_backup else None, target, migrate, step, key)
                if not lock.take_over():  # written to between our lock and the swap
                    _remove_leftovers(path)
                    continue
                _swap(path)
            except BaseException as error:
                _remove_leftovers(path)
                if _disk_full(error):
                    raise _full(path, needed) from error
                if _busy(error):
                    raise _in_use(path) from error
                raise
        step("replaced")
        _prune_backups(path, key)
        return backup
    raise _in_use(path)


def _no_step(_name: str) -> None:
    pass


class _Lock:
    """A write lock on the database file for the whole upgrade: other programs can read it
    but not change it (a change would not reach the upgraded copy)."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        before = _identity(path)
        self.conn = connect(path, key, isolation_level=None, timeout=BUSY_SECONDS)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except db_errors() as error:
            self.conn.close()
            if _busy(error):
                raise _in_use(path) from error
            raise
        self.moved = before is not None and before != _identity(path)
        self.version = self._data_version()

    def __enter__(self) -> _Lock:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()

    def _data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def revision(self) -> str | None:
        try:
            row = self.conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except db_errors() as error:
            if "no such table" in str(error):
                return None  # a new, empty database
            raise
        return row[0] if row else None

    def take_over(self) -> bool:
        """Fold the write-ahead log into the file and remove it, then shut every other
        connection out (an exclusive lock in rollback-journal mode). False when another
        connection wrote in the moment between: the copy would miss it."""
        self.conn.execute("COMMIT")
        mode = self.conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":  # another connection keeps the log open
            raise _in_use(self.path)
        self.conn.execute("BEGIN EXCLUSIVE")
        return self._data_version() == self.version


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


def _leftover(path: Path, tag: str = "") -> Path:
    return path.with_name(f"{path.name}{STAGING}{tag}")


def _remove_leftovers(path: Path) -> None:
    for name in glob.glob(glob.escape(str(_leftover(path))) + "*"):
        Path(name).unlink(missing_ok=True)


def _stage(path: Path, current: str | None, target: str, migrate: Migrate, step: Step,
           key: bytes | None = None) -> Path | None:
    """The backup (when `current` is given) and the upgraded copy, both on disk (encrypted
    under `key` as the database is)."""
    backup = None
    with closing(connect(path, key, timeout=BUSY_SECONDS)) as src:
        if current is not None:
            backup = backup_path(path, current)
            # A backup of this revision from an earlier upgrade gives way (and its room) to
            # this one: until the swap the database itself is a whole copy of the revision.
            backup.unlink(missing_ok=True)
            part = _leftover(path, "-backup")
            _copy(src, part, key)
            os.replace(part, backup)
            fsync_dir(path.parent)
            step("backup")
        staging = _leftover(path)
        _copy(src, staging, key)
    step("staged")
    _migrate_copy(staging, target, migrate, step, key)
    step("migrated")
    return backup


def _copy(src: Any, out: Path, key: bytes | None = None) -> None:
    """A consistent copy (the backup API reads through the write-ahead log) as one
    self-contained file, flushed to disk."""
    copy_database(src, out, key)
    fsync_file(out)


def _copy_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # A throwaway copy until renamed: its rollback journal in memory (no extra file on a full
    # disk), no flush per statement (one fsync when done).
    cur.execute("PRAGMA journal_mode=MEMORY")
    cur.execute("PRAGMA synchronous=OFF")
    cur.close()


def _migrate_copy(staging: Path, target: str, migrate: Migrate, step: Step, key: bytes | None = None) -> None:
    if key is None:
        engine = create_engine(f"sqlite:///{staging}", poolclass=NullPool)
    else:
        engine = create_engine(f"sqlite:///{staging}", poolclass=NullPool, module=sqlcipher())
        event.listen(engine, "connect", lambda dbapi_conn, _record: dbapi_conn.execute(key_pragma(key)))
    remember_key(engine, key)
    event.listen(engine, "connect", _copy_pragmas)
    try:
        with engine.begin() as conn:
            migrate(conn, target, step)
            reached = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    if reached != target:
        raise RuntimeError(f"the upgraded copy is at {reached}, not {target}")
    fsync_file(staging)


def _swap(path: Path) -> None:
    """The upgraded copy takes the database's name. Called with every other connection shut
    out and the old file's log folded in; a log or index left beside the old file would be
    read as the new file's, so none may remain."""
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(_leftover(path), path)
    fsync_dir(path.parent)


# ---- disk space ------------------------------------------------------------------------------

def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _space(path: Path, backup_of: str | None) -> tuple[int, int]:
    """The free space without which an upgrade cannot even start (the backup, unless there
    is none to make, and the copy; a backup of the same revision gives its room up first), and
    the space it may take with what the migrations add, which the error names."""
    size = _size(path)
    copies = size * (1 if backup_of is None else 2)
    needed = copies + int(size * GROWTH) + SLACK
    if backup_of is not None and (existing := backup_path(path, backup_of)).exists():
        room = existing.stat().st_size
        copies, needed = copies - room, needed - room
    return copies, needed


def _free(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return None


def _check_space(path: Path, required: int, needed: int) -> None:
    """Refused before writing anything when even the copies cannot fit; a disk that fills
    up later is caught as it happens."""
    free = _free(path)
    if free is not None and free < required:
        raise _full(path, needed)


def _full(path: Path, needed: int) -> DiskFullError:
    return DiskFullError(path, needed, _free(path), what="升级数据库", what_en="upgrade the database")


def _in_use(path: Path) -> StorageError:
    return StorageError(f"数据库 {path} 正被另一个程序使用（例如另一个打开的关爱窗口），无法升级。"
                        "请关闭它后重试。数据库未改动。",
                        f"The database {path} is in use by another program (another Guanai window?); "
                        "close it and try again. The database was not changed.")


def _causes(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo and len(seen) < 20:
        e = todo.pop()
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return seen


def _disk_full(error: BaseException) -> bool:
    for e in _causes(error):
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return True
        if isinstance(e, db_errors()) and getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            return True
    return False


def _busy(error: BaseException) -> bool:
    codes = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return any(isinstance(e, db_errors()) and getattr(e, "sqlite_errorcode", None) in codes
               for e in _causes(error))


# ---- one backup per revision -------------------------------------------------------------------

def _prune_backups(path: Path, key: bytes | None = None) -> None:
    """At most one pre-upgrade copy per revision: older releases named theirs by the time
    (`NAME.backup-YYYYMMDD-HHMMSS.sqlite3`); of those holding one revision the newest is kept,
    under the revision's name, unless a copy named by that revision exists already (newer
    than any of them). A file that cannot be read as a database is left alone."""
    stamped = re.compile(rf"^{re.escape(path.stem)}\.backup-\d{{8}}-\d{{6}}(?:-\d+)?{re.escape(path.suffix)}$")
    by_revision: dict[str, list[Path]] = {}
    for candidate in path.parent.iterdir():
        if stamped.match(candidate.name):
            revision = _revision_of(candidate, key)
            if revision is not None:
                by_revision.setdefault(revision, []).append(candidate)
    for revision, copies in by_revision.items():
        copies.sort(key=lambda p: p.stat().st_mtime)
        keep = backup_path(path, revision)
        try:
            if not keep.exists():
                os.replace(copies.pop(), keep)
            for old in copies:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{old}{suffix}").unlink(missing_ok=True)
        except OSError:  # tidying is no reason to fail an upgrade that is done
            continue


def _revision_of(path: Path, key: bytes | None = None) -> str | None:
    try:
        with closing(connect(path, key, immutable=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except db_errors():
        return None
    return row[0] if row else None

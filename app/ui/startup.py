"""The quick way in: for a database that is already set up and at the current schema (the
usual case, every morning), read which office it belongs to with plain sqlite3, so the main
window can be built and shown before SQLAlchemy and the service layer load. Loading those
costs most of a second on a cheap laptop; they load on the worker instead, with the first
job (app.ui.store.Store.deferred), while the window is already on screen.

Anything unusual — no file yet, a server URL, a schema to upgrade, no office set up, a file
that cannot be read — answers None, and the app takes the ordinary way (open, upgrade behind
a progress dialog, or the first-run wizard)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from app.care.office_view import OfficeView
from app.config import default_db_path
from app.migration_head import head_revision

OFFICE_KEY = "office_code"  # app.care.context.OFFICE_KEY; a test checks they agree


def sqlite_file(target: str | None) -> Path | None:
    """The file of a plain path target (or the default database); None for a URL."""
    if target is None:
        return default_db_path()
    if "://" in target:
        return None
    return Path(target).expanduser().resolve()


def quick_office(target: str | None, key: bytes | None = None) -> OfficeView | None:
    """`key`: the office key after sign-in, for an encrypted file (which, without it, answers
    None like any file that cannot be read)."""
    path = sqlite_file(target)
    if path is None or not path.is_file():
        return None
    try:
        with closing(_open(path, key)) as db:
            version = db.execute("SELECT version_num FROM alembic_version").fetchall()
            if version != [(head_revision(),)]:
                return None
            found = db.execute("SELECT value FROM local_settings WHERE key = ?", (OFFICE_KEY,)).fetchone()
            if found is None:
                return None
            row = db.execute("SELECT code, name, level, parent_code FROM offices WHERE code = ?",
                             (found[0],)).fetchone()
    except sqlite3.Error:
        return None
    except Exception as error:  # sqlcipher3's errors are not sqlite3's
        from app.protection.at_rest import is_db_error

        if is_db_error(error):
            return None
        raise
    return OfficeView(*row) if row else None


def _open(path: Path, key: bytes | None) -> Any:
    if key is None:  # plain sqlite3: the encryption modules stay unloaded on the quick way
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
    from app.protection.at_rest import connect

    return connect(path, key, readonly=True, timeout=2)

"""The quick start (app/ui/startup.py): the window is built before SQLAlchemy loads, for a
database that is set up and current; anything else takes the ordinary way."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from app.care.context import OFFICE_KEY
from app.care.office_view import OfficeView
from app.db import open_database
from app.ui import startup
from app.ui.startup import quick_office
from app.ui.store import Store
from tests.conftest import VILLAGE

ROOT = Path(__file__).resolve().parent.parent


def test_the_window_modules_load_without_the_database_layer() -> None:
    """What the main window and the work bench import at start stays free of SQLAlchemy and
    the service layer: they cost most of a second and load on the worker instead."""
    code = ("import sys, app.ui.main, app.ui.workbench; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'cryptography')"
            " or m in ('app.db', 'app.models.registry', 'app.care.offices', 'app.care.workbench_views')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"


def test_a_set_up_current_database_is_read_without_sqlalchemy(village: Engine) -> None:
    path = village.url.database
    assert quick_office(path) == OfficeView(VILLAGE, "岩寨村", "village", "522631100")
    assert startup.OFFICE_KEY == OFFICE_KEY


def test_anything_unusual_takes_the_ordinary_way(tmp_path: Path, village: Engine) -> None:
    assert quick_office(str(tmp_path / "missing.sqlite3")) is None
    assert quick_office("postgresql+psycopg://x@y/z") is None
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh).dispose()  # current schema, no office yet: the first-run wizard
    assert quick_office(str(fresh)) is None
    not_db = tmp_path / "notes.sqlite3"
    not_db.write_text("not a database")
    assert quick_office(str(not_db)) is None
    path = village.url.database
    village.dispose()
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0004'")  # behind: upgrade first
    assert quick_office(path) is None


def test_a_deferred_store_opens_the_database_on_first_use(village: Engine) -> None:
    path = village.url.database
    village.dispose()
    store = Store.deferred(path)
    assert store._engine is None
    office = store.office()
    assert office is not None and office.code == VILLAGE
    assert store._engine is not None
    store.close()

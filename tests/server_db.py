"""Running the tests on a database server instead of SQLite files.

Set GUANAI_TEST_DB_URL to a PostgreSQL URL whose role may create databases, e.g.
`postgresql+psycopg://guanai:guanai@localhost/guanai`. Every SQLite file a test opens through
`app.db` (the `engine` fixture, `Store.open`, the CLI's `--db path`) then becomes a fresh,
uniquely named database on that server, created on first use and dropped when the test ends;
the same path within a test is the same database (a test that reopens its "file" sees its data).
Unset, nothing changes: each test works on SQLite files under its tmp_path.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

SERVER_URL = os.environ.get("GUANAI_TEST_DB_URL", "").strip()
ON_SERVER = bool(SERVER_URL) and make_url(SERVER_URL).get_backend_name() != "sqlite"

# Tests SQLite-specific by nature (a file, a PRAGMA, the WAL, sqlite3 spool files), skipped on a
# server: node id prefix -> why.
SQLITE_ONLY: dict[str, str] = {
    "tests/test_maintenance.py": "backup, restore and check work on the SQLite file",
    "tests/test_restore_sync.py": "restores a SQLite backup file",
    "tests/test_migrations.py": "upgrades SQLite files (the backup beside the file before an upgrade)",
    "tests/test_sync_migration.py": "upgrades a SQLite file made by an older schema",
    "tests/test_migration_atomic.py::test_killed": "kills the upgrade of a SQLite file",
    "tests/test_migration_atomic.py::test_a_full_disk": "fills up the disk of a SQLite file",
    "tests/test_migration_atomic.py::test_one_backup": "the backups beside a SQLite file",
    "tests/test_ui_shell.py::test_first_run_can_fill_a_demo_village": "the demo is a SQLite file of its own",
    "tests/test_ui_shell.py::test_the_demo_says_so": "the demo is a SQLite file of its own",
    "tests/test_ui_settings.py::test_backup_then_restore": "backs up and restores the SQLite file",
    "tests/test_ui_settings.py::test_the_work_bench_reminds": "the backup reminder is the SQLite file's (pg_dump on a server)",
    "tests/test_startup.py": "opens, upgrades and backs up SQLite files at start-up",
    "tests/test_care_rules_seed.py::test_offices_upgraded_by_0009": "upgrades SQLite files of an older schema",
    "tests/test_care_rules_seed.py::test_a_village_upgraded_before": "upgrades SQLite files of an older schema",
    "tests/test_attachments.py::test_a_photo_is_stored_once_by_its_hash_and_linked":
        "the photo store beside the SQLite file (a server's is in the data directory)",
    "tests/test_demo.py::test_spooled_load": "the spooled load is SQLite's (sqlite3 spool files)",
    "tests/test_demo.py::test_an_interrupted_load": "reads the SQLite file with sqlite3",
    "tests/test_demo.py::test_a_demo_loads_beside_another_open_connection": "SQLite's journal modes",
    "tests/test_cli_print.py::test_print_match_finds_the_agreement": "reads the SQLite file directly",
    "tests/test_sync_exchange.py::test_an_office_restored_from_a_backup": "restores a SQLite backup file",
    "tests/test_sync_attacks.py::test_a_township_that_lost_its_data": "restores a SQLite backup file",
    "tests/test_restore_checks.py": "restore works on SQLite backup files",
    "tests/test_leftovers.py::test_opening_the_database_cleans": "files left beside a SQLite file",
    "tests/test_leftovers.py::test_write_lock_makes": "holds SQLite's write lock with a PRAGMA",
    "tests/test_text_rules.py::test_a_record_stored_before": "writes a row behind the app's back with sqlite3",
    "tests/test_text_rules.py::test_roster_import_refuses_the_row": "reads the SQLite file with sqlite3",
    "tests/test_text_rules.py::test_check_lists": "guanai check works on the SQLite file",
    "tests/test_text_rules.py::test_init_refuses": "reads the SQLite file with sqlite3",
    "tests/test_cli_failures.py::test_a_full_disk_in_a_write_path": "backs up a SQLite file",
    "tests/test_cli_failures.py::test_a_full_disk_under_the_database": "fills up a SQLite file",
    "tests/test_cli_failures.py::test_the_english_words": "backs up a SQLite file",
    "tests/test_cli_failures.py::test_a_locked_database": "SQLite's lock and busy timeout",
    "tests/test_cli_failures.py::test_a_full_disk_during_a_bundle_import": "fills up a SQLite file",
    "tests/test_sync_faults.py::test_killed_in_the_middle": "a child process opens the SQLite file by its path",
    "tests/test_sync_faults.py::test_three_offices_exchanging": "copies a directory of SQLite files as its template",
    "tests/test_sync_faults.py::test_a_value_joined_in_a_merge": "copies a directory of SQLite files as its template",
    # these read the SQLite file with sqlite3; tests/test_server_paths.py covers the same paths
    "tests/test_cli.py::test_demo_is_deterministic_for_a_seed": "reads the SQLite file with sqlite3",
    "tests/test_cli.py::test_recipients_add_list_show_edit_and_lifecycle": "reads the SQLite file with sqlite3",
    "tests/test_cli.py::test_township_demo_fills_25_villages": "reads the SQLite file with sqlite3",
    "tests/test_cli.py::test_log_and_status_from_the_command_line": "reads the SQLite file with sqlite3",
    "tests/test_cli.py::test_demo_fills_the_villages_of_a_township": "reads the SQLite file with sqlite3",
}


# Tests that need a database with no schema at all (they build an old one themselves); every
# other test's database is a copy of a template already at the head schema, so the suite's
# server pass does not run the migrations once per test (about half its time before).
EMPTY_DATABASES = ("tests/test_migration_atomic.py", "tests/test_server_upgrade.py")
_TEMPLATE: dict[str, str] = {}


def head_template(base: URL, admin: Engine) -> str:
    """A database at the head schema (the migrations' seeded rows too), made once per run."""
    name = _TEMPLATE.get("name")
    if name is not None:
        return name
    from app.db import make_engine, upgrade

    name = f"guanai_test_{os.getpid()}_template"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(base.set(database=name).render_as_string(hide_password=False))
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # a template must have no connections when it is copied
    _TEMPLATE["name"] = name
    return name


class ServerDatabases:
    """The server databases standing in for one test's SQLite files."""

    def __init__(self, server_url: str, tag: str) -> None:
        self._base: URL = make_url(server_url)
        self._tag = tag
        self._empty = tag.startswith(EMPTY_DATABASES)
        self._admin: Engine | None = None
        self.created: list[str] = []

    def _admin_engine(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(self._base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        return self._admin

    def url_for(self, path: str) -> str:
        if Path(path).name in self.created:  # a test passing on `engine.url.database` as a path
            return self._base.set(database=Path(path).name).render_as_string(hide_password=False)
        digest = hashlib.sha1(f"{self._tag}|{Path(path).resolve()}".encode()).hexdigest()[:20]
        name = f"guanai_test_{os.getpid()}_{digest}"
        url = self._base.set(database=name).render_as_string(hide_password=False)
        if name not in self.created:
            admin = self._admin_engine()
            template = "" if self._empty else f' TEMPLATE "{head_template(self._base, admin)}"'
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"{template}'))
            self.created.append(name)
            if Path(path).is_file() and Path(path).stat().st_size:
                copy_sqlite_file(Path(path), url)  # a file the test built or copied from a template
        return url

    def drop_all(self) -> None:
        if self._admin is None:
            return
        for name in self.created:
            for attempt in range(20):
                try:
                    with self._admin.connect() as conn:
                        # FORCE: engines a test left open must not keep the database alive
                        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    break
                except DBAPIError:  # a server process (autovacuum) on it for a moment
                    time.sleep(0.1 * (attempt + 1))
        self._admin.dispose()
        self.created.clear()


def sweep(server_url: str) -> None:
    """Drop what this run's tests left on the server (a database a test's teardown could not)."""
    admin = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                 {"p": f"guanai\\_test\\_{os.getpid()}\\_%"}).scalars().all()
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except DBAPIError:
        pass  # the next run's sweep is not needed for correctness: names carry the pid
    finally:
        admin.dispose()


def copy_sqlite_file(path: Path, url: str) -> None:
    """Every row of a SQLite file into a new server database brought to the same schema."""
    from app.db import make_engine, upgrade
    from app.models import Base

    src = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    dst = make_engine(url)
    try:
        upgrade(dst)
        tables = Base.metadata.sorted_tables
        with src.connect() as s, dst.begin() as d:
            for table in reversed(tables):  # what the migrations seeded
                d.execute(table.delete())
            for table in tables:
                rows = [dict(r) for r in s.execute(select(table)).mappings()]
                if rows:
                    d.execute(insert(table), rows)
            for table in tables:
                for col in table.primary_key.columns:
                    seq = d.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": table.name, "c": col.name}).scalar()
                    if seq:
                        d.execute(text(f"SELECT setval(:s, COALESCE((SELECT max({col.name}) FROM {table.name}), 0) + 1, false)"),
                                  {"s": seq})
    finally:
        src.dispose()
        dst.dispose()


def redirect(original, databases: ServerDatabases):  # type: ignore[no-untyped-def]
    """A database_url that sends SQLite files to the server's databases."""

    def database_url(target: str | Path | None = None) -> str:
        url = original(target)
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            return databases.url_for(parsed.database)
        return url

    return database_url

"""Migration 0006 (sync state) on a database that already holds data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from app.db import current_revision, head_revision, make_engine, open_database, upgrade
from tests.test_migrations import CARE, RECIPIENT, insert

SYNC_TABLES = {"sync_peers", "sync_bundles", "sync_changes", "sync_field_versions", "sync_blobs",
               "sync_conflicts"}


def test_a_database_with_data_upgrades_through_0006(tmp_path: Path) -> None:
    path = tmp_path / "before-sync.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0005")
    with engine.begin() as conn:
        insert(conn, "recipients", RECIPIENT)
        insert(conn, "care_records", CARE)
    assert not SYNC_TABLES & set(inspect(engine).get_table_names())
    engine.dispose()

    engine = open_database(path)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= SYNC_TABLES
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, id_number FROM recipients")).one() == ("吴秀英", "11010519491231002X")
        assert conn.execute(text("SELECT value_fen FROM care_records")).scalar() == 12345
        for table in SYNC_TABLES:  # new state starts empty: nothing sent, nothing acknowledged
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    engine.dispose()

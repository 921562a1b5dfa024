from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.db import current_revision, head_revision, make_engine, open_database, upgrade
from app.models import Base

RECIPIENT = {
    "id": "01900000-0000-7000-8000-000000000001", "origin_office": "522631100201",
    "modified_office": "522631100201", "hlc": "1719792000000.00000.522631100201", "deleted": 0,
    "village_code": "522631100201", "name": "吴秀英", "sex": "female",
    "id_number": "11010519491231002X", "birth_date": "1949-12-31", "categories": ",left_behind_elder,",
    "key_monitoring": 1, "status": "confirmed", "status_date": "2024-07-20", "is_urban": 0,
    "in_institution": 0, "surveyed_on": "2024-07-01",
}
CARE = {
    "id": "01900000-0000-7000-8000-000000000002", "origin_office": "522631100201",
    "modified_office": "522631100201", "hlc": "1719792000001.00000.522631100201", "deleted": 0,
    "recipient_id": RECIPIENT["id"], "kind": "material_aid", "occurred_on": "2024-08-01",
    "recorded_by": "王主任", "needs_action": 0, "items": "大米50斤", "value_fen": 12345,
}


def insert(conn, table: str, row: dict) -> None:  # type: ignore[no-untyped-def]
    cols = ", ".join(row)
    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + k for k in row)})"), row)


def test_a_database_with_data_upgrades_from_the_first_revision_to_head(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        insert(conn, "recipients", RECIPIENT)
        insert(conn, "care_records", CARE)
    engine.dispose()

    engine = open_database(path)  # what the app and CLI do on start
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT name, id_number, birth_date, categories, name_pinyin, name_initials "
                                "FROM recipients")).one()
        assert tuple(row) == ("吴秀英", "11010519491231002X", "1949-12-31", ",left_behind_elder,", "wuxiuying", "wxy")
        assert conn.execute(text("SELECT value_fen, items FROM care_records")).one() == (12345, "大米50斤")
    engine.dispose()

    backups = list(tmp_path.glob("old.backup-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as b:
        assert b.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert b.execute("SELECT name FROM recipients").fetchall() == [("吴秀英",)]


def test_opening_a_current_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).dispose()
    open_database(path).dispose()
    assert not list(tmp_path.glob("new.backup-*"))


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "m.sqlite3")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_head_read_from_the_files_matches_alembic() -> None:
    """app.db reads the head without importing alembic (start-up speed); it must agree."""
    from alembic.script import ScriptDirectory

    from app.db import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()

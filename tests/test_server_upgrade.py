"""A database several computers share is upgraded deliberately (issue 17 point 3), and server
connections are robust (point 5): a server database at an older schema is refused with what
to do, a newer one too; `guanai migrate` takes a pg_dump first (or is told --no-backup) and
keeps the data; a SQLite file upgrades as at every start. Server engines ping before use and
carry a statement timeout. On SQLite the server-only parts are skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

import app.db
from app.care.server_upgrade import migrate
from app.db import SchemaMismatch, current_revision, make_engine, open_database, upgrade
from app.migration_head import head_revision
from tests.server_db import ON_SERVER

OLD = "0013"


def at_old_schema(path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(app.db.database_url(path))
    upgrade(engine, OLD)  # an empty database may be given any schema
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO local_settings (key, value) VALUES ('kept', '岩寨村的数据')"))
    return engine


@pytest.mark.skipif(not ON_SERVER, reason="a server database (GUANAI_TEST_DB_URL)")
def test_a_server_database_at_another_schema_is_refused_until_migrated(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    engine = at_old_schema(tmp_path / "county.sqlite3")
    with pytest.raises(SchemaMismatch) as refused:
        open_database(tmp_path / "county.sqlite3")
    assert "guanai migrate" in refused.value.zh and OLD in refused.value.zh
    assert current_revision(engine) == OLD  # the first computer on a new version changed nothing

    result = migrate(engine, out_dir=tmp_path / "dumps")
    assert result.upgraded and result.from_revision == OLD and result.to_revision == head_revision()
    assert result.backup is not None and result.backup.stat().st_size > 0  # pg_dump's file
    opened = open_database(tmp_path / "county.sqlite3")
    with opened.connect() as conn:
        assert conn.execute(text("SELECT value FROM local_settings WHERE key = 'kept'")).scalar() == "岩寨村的数据"
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "10min"
    assert opened.pool._pre_ping  # type: ignore[attr-defined]

    with opened.begin() as conn:  # a newer program upgraded it: this one says to upgrade itself
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaMismatch) as newer:
        open_database(tmp_path / "county.sqlite3")
    assert "比本程序新" in newer.value.zh
    for e in (engine, opened):
        e.dispose()


@pytest.mark.skipif(not ON_SERVER, reason="a server database (GUANAI_TEST_DB_URL)")
def test_migrate_without_pg_dump_refuses_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from app.care.errors import ServiceError

    engine = at_old_schema(tmp_path / "county.sqlite3")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ServiceError) as refused:
        migrate(engine)
    assert "pg_dump" in refused.value.zh and "--no-backup" in refused.value.zh
    assert current_revision(engine) == OLD
    result = migrate(engine, backup=False)
    assert result.upgraded and result.backup is None and current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.skipif(ON_SERVER, reason="the SQLite file's own upgrade")
def test_migrate_on_a_sqlite_file_upgrades_with_its_backup(tmp_path: Path) -> None:
    from app.cli import main

    engine = at_old_schema(tmp_path / "village.sqlite3")
    engine.dispose()
    assert main(["--db", str(tmp_path / "village.sqlite3"), "migrate", "--json"]) == 0
    again = make_engine(app.db.database_url(tmp_path / "village.sqlite3"))
    assert current_revision(again) == head_revision()
    with again.connect() as conn:
        assert conn.execute(text("SELECT value FROM local_settings WHERE key = 'kept'")).scalar() == "岩寨村的数据"
    again.dispose()
    assert list(tmp_path.glob(f"village*{OLD}*"))  # the copy made before upgrading


def test_migrate_says_when_there_is_nothing_to_do(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    open_database(tmp_path / "fresh.sqlite3").dispose()
    assert main(["--db", str(tmp_path / "fresh.sqlite3"), "migrate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["upgraded"] is False and out["to_revision"] == head_revision()

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
    assert [b.name for b in backups] == ["old.backup-0001.sqlite3"]  # named by the revision it holds
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


def test_0009_moves_the_seeded_rules_nobody_changed_to_the_plans_date(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A village database set up on 2 March 2026 at 0008 (rules in force from that day): after
    the upgrade the seeded rules nobody changed are in force from 2020-07-01, recorded as a
    write that travels; a rule changed by a county bundle, and one changed before sync kept
    field versions (only its audit entry tells), keep their dates."""
    import datetime as dt
    import json

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.care import writes
    from app.care.hlc import Stamp
    from app.care.offices import seed_id
    from app.models import AuditEntry, CareRule
    from tests.test_care_rules_seed import office_at_0008, upgraded

    setup = "2026-03-02"
    village = office_at_0008(tmp_path, "522631100201", dt.date(2026, 3, 2), monkeypatch)
    monthly, weekly = seed_id("care-rule:call-monthly"), seed_id("care-rule:call-weekly-key")
    with village.session() as s, s.begin():
        writes.update(s, village.actor(s), s.get_one(CareRule, monthly), count_per_period=2)  # as a county bundle brings it
        writes.update(s, village.actor(s), s.get_one(CareRule, weekly), valid_to=dt.date(2026, 12, 31))
    with village.engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_field_versions WHERE record_id = :r"), {"r": weekly})
        before = dict(conn.execute(text("SELECT id, hlc FROM care_rules")).all())
        top_seq = conn.execute(text("SELECT max(seq) FROM sync_changes")).scalar()
    village = upgraded(village)
    assert current_revision(village.engine) == head_revision()
    moved = sorted(set(before) - {monthly, weekly})
    with village.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(text("SELECT id, valid_from, hlc, origin_office, modified_office "
                                                   "FROM care_rules"))}
        assert {rid: r.valid_from for rid, r in rows.items()} == {
            **{rid: "2020-07-01" for rid in moved}, monthly: setup, weekly: setup}
        for rid in moved:  # a new stamp of this office, later than the seeding's
            assert rows[rid].hlc > before[rid] and Stamp.decode(rows[rid].hlc).office == "522631100201"
            assert (rows[rid].origin_office, rows[rid].modified_office) == ("522631", "522631100201")
            # no field version: the value the record was created with is corrected (see 0009)
            assert conn.execute(text("SELECT count(*) FROM sync_field_versions WHERE record_id = :r"),
                                {"r": rid}).scalar() == 0
        assert rows[monthly].hlc == before[monthly] and rows[weekly].hlc == before[weekly]
        assert rows[monthly].origin_office == rows[weekly].origin_office == "522631100201"
        logged = conn.execute(text("SELECT record_id FROM sync_changes WHERE seq > :s"), {"s": top_seq}).scalars().all()
        assert sorted(logged) == moved  # the next bundle carries them
        clock = conn.execute(text("SELECT value FROM local_settings WHERE key = 'hlc_last'")).scalar()
        assert clock >= max(rows[rid].hlc for rid in moved)
    with Session(village.engine) as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.user == "数据库升级 0009")).all()
        assert sorted(e.record_id for e in entries) == moved
        assert {(e.action, e.office_code, e.table_name) for e in entries} == {("update", "522631100201", "care_rules")}
        changes = json.loads(entries[0].changes_json)
        assert (changes["valid_from"], changes["origin_office"]) == ([setup, "2020-07-01"], ["522631100201", "522631"])
        assert {e.hlc for e in entries} == {rows[rid].hlc for rid in moved}
    village.engine.dispose()


def test_0010_reads_surnames_as_surnames_in_the_stored_keys(tmp_path: Path) -> None:
    """Names stored with keys of the old reading (曾 ceng) get this version's (zeng); others
    keep theirs; nothing is stamped, audited or logged to send (an index rebuilt)."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0009")
    zeng = {**RECIPIENT, "id": "01900000-0000-7000-8000-000000000003", "name": "曾秀英",
            "id_number": "110105194912310048", "name_pinyin": "cengxiuying", "name_initials": "cxy"}
    with engine.begin() as conn:
        insert(conn, "recipients", {**RECIPIENT, "name_pinyin": "wuxiuying", "name_initials": "wxy"})
        insert(conn, "recipients", zeng)
        counts = conn.execute(text("SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM sync_changes)")).one()
    engine.dispose()

    engine = open_database(path)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, name_pinyin, name_initials, hlc FROM recipients ORDER BY name_pinyin")).all()
        assert [tuple(r) for r in rows] == [("吴秀英", "wuxiuying", "wxy", RECIPIENT["hlc"]),
                                            ("曾秀英", "zengxiuying", "zxy", RECIPIENT["hlc"])]
        assert conn.execute(text("SELECT (SELECT count(*) FROM audit_log), "
                                 "(SELECT count(*) FROM sync_changes)")).one() == counts
    engine.dispose()

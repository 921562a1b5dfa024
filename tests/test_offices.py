from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import this_office
from app.care.errors import SetupError, ValidationError
from app.care.hlc import Clock, Stamp
from app.care.offices import PLAN_IN_FORCE, init_office
from app.models import AuditEntry, CareRule, OfficeKey
from tests.conftest import VILLAGE


def test_init_sets_up_the_office_its_keys_and_the_four_ones(village: Engine) -> None:
    with Session(village) as s:
        office = this_office(s)
        assert (office.code, office.name, office.level, office.parent_code) == (VILLAGE, "岩寨村", "village", "522631100")
        keys = s.scalars(select(OfficeKey)).all()
        assert {(k.purpose, k.algorithm, k.is_own) for k in keys} == {("sign", "ed25519", True), ("encrypt", "x25519", True)}
        # private halves live in the key file of the data dir, not in the database (app/sync/keys.py)
        from app.sync.keys import private_key_bytes

        assert all(k.private_key is None and len(private_key_bytes(k)) == 32 and len(k.public_key) == 32 for k in keys)
        assert len(keys[0].fingerprint) == 39 and keys[0].fingerprint.count("-") == 7
        rules = s.scalars(select(CareRule)).all()
        assert {(r.kind, r.period, r.key_monitoring) for r in rules} == {
            ("phone_followup", "month", False), ("phone_followup", "week", True),
            ("micro_wish", "quarter", None), ("material_aid", "half_year", None),
            ("home_visit", "quarter", None)}
        # in force from the plan's date, not the setup day (today=2026-01-01)
        assert all(r.valid_from == PLAN_IN_FORCE and r.valid_to is None for r in rules)
        assert s.scalars(select(AuditEntry).where(AuditEntry.table_name == "care_rules")).first()


def test_seeded_rules_have_the_same_id_in_every_office(engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.db import open_database

    other = open_database(tmp_path / "other.sqlite3")
    ids = []
    for eng, code in ((engine, "522631100201"), (other, "522631100202")):
        with Session(eng) as s, s.begin():
            init_office(s, role="village", code=code, name="村", parent="522631100")
            ids.append(sorted(s.scalars(select(CareRule.id))))
    other.dispose()
    assert ids[0] == ids[1]


def test_init_twice_is_refused(village: Engine) -> None:
    with Session(village) as s, pytest.raises(SetupError):
        init_office(s, role="village", code="522631100202", name="别村", parent="522631100")


@pytest.mark.parametrize("role,code,parent,field", [
    ("village", "52263110020", "522631100", "code"),
    ("township", "522631100", "52263", "parent"),
    ("village", "522631100201", "522631101", "parent"),
    ("city", "5226", None, "role"),
])
def test_bad_office_codes_are_refused(engine: Engine, role: str, code: str, parent: str | None,
                                      field: str) -> None:
    with Session(engine) as s, pytest.raises(ValidationError) as e:
        init_office(s, role=role, code=code, name="某地", parent=parent)
    assert e.value.field == field


def test_clock_never_runs_backwards_and_follows_what_it_hears() -> None:
    now = [1000.0]
    c = Clock("A", wall=lambda: now[0])
    a = c.now()
    now[0] = 999.0  # the laptop's clock was set back
    b = c.now()
    assert b > a and b.wall_ms == a.wall_ms and b.counter == a.counter + 1
    c.observe(Stamp(5_000_000, 3, "B"))  # a bundle from an office whose clock runs ahead
    d = c.now()
    assert d > Stamp(5_000_000, 3, "B")
    assert Stamp.decode(d.encode()) == d
    assert d.encode() > a.encode()  # string order is clock order

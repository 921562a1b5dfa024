"""Every text has its width (issue 17, point 2): the service layer refuses what a column cannot
hold before writing, and a bundle carrying it is refused on arrival with a reason, the same on
SQLite (which would store it) and PostgreSQL (which would fail with a raw error). Run in both
passes of the suite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, String, Text, func, inspect, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import actor_for
from app.care.errors import ValidationError
from app.care.recipients import add_recipient, edit_recipient
from app.care.text_rules import LIMITS, column_widths, text_problem
from app.models import SYNCED_MODELS, AssistingUnit, AuditEntry, Base, Recipient
from app.models.base import CodeSet
from tests.helpers import LEFT_BEHIND, make_id
from tests.sync_offices import TOWNSHIP, VILLAGE, chain, dump, now_stamp, register, row, seal_from

LONG_ADDRESS = "岩寨村三组" * 25  # 125 characters: over the 120 of an address, within its column's 200
WIDER_THAN_COLUMN = "路" * 201  # past the column itself


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_database_holds_the_widths_the_models_declare(engine: Engine) -> None:
    """The migrations made every String(n) as wide as app/models says, on either engine: the
    widths the services check are the database's."""
    found = inspect(engine)
    for table in Base.metadata.sorted_tables:
        stored = {c["name"]: c["type"] for c in found.get_columns(table.name)}
        for column in table.columns:
            declared = column.type.impl if isinstance(column.type, CodeSet) else column.type
            if isinstance(declared, String) and not isinstance(declared, Text):
                assert getattr(stored[column.name], "length", None) == declared.length, (table.name, column.name)


def test_an_over_long_address_is_refused_with_its_limit_and_nothing_is_written(session: Session) -> None:
    actor = actor_for(session)
    before = _count(session, AuditEntry)
    with pytest.raises(ValidationError) as e:
        add_recipient(session, actor, **LEFT_BEHIND, name="龙浩宇", id_number=make_id(dt.date(2015, 3, 6)),
                      categories=["left_behind_child"], address=LONG_ADDRESS)
    assert e.value.field == "address"
    assert e.value.zh == "关爱对象 · 住址：太长：最多120个字，现在是125个字，请精简。"
    r = add_recipient(session, actor, **LEFT_BEHIND, name="龙浩宇", id_number=make_id(dt.date(2015, 3, 6)),
                      categories=["left_behind_child"], address="岩寨村三组")
    with pytest.raises(ValidationError, match="最多120个字"):
        edit_recipient(session, actor, r.id, address=WIDER_THAN_COLUMN)
    session.commit()
    assert session.scalar(select(Recipient.address).where(Recipient.id == r.id)) == "岩寨村三组"
    assert _count(session, AuditEntry) == before + 2  # the registration and its survey step


def test_a_column_no_rule_lists_is_held_to_its_width_before_writing(session: Session) -> None:
    """A phone of an assisting unit (String(20), not a free-text field): one character too many is
    refused by the service layer, naming the field and its width, instead of PostgreSQL's raw
    error or SQLite storing it."""
    actor = actor_for(session)
    with pytest.raises(ValidationError) as e:
        writes.create(session, actor, AssistingUnit, name="县民政局", unit_type="government",
                      phone="1" * 21)
    assert e.value.field == "phone" and "最多20个字" in e.value.zh
    session.rollback()
    assert _count(session, AssistingUnit) == 0
    # Every String(n) column is held to at most its width, listed or not.
    for model in SYNCED_MODELS:
        table = model.__tablename__
        for column, width in column_widths(table).items():
            rule = LIMITS.get((table, column))
            assert text_problem(table, column, "x" * ((rule.limit if rule else width) + 1)) is not None, (table, column)


@pytest.mark.parametrize("address,words", [(LONG_ADDRESS, "最多120个字"), (WIDER_THAN_COLUMN, "超过 200 字的上限")])
def test_a_villages_over_long_address_refuses_its_bundle_before_anything_is_written(
        tmp_path: Path, address: str, words: str) -> None:
    offices = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = offices[TOWNSHIP], offices[VILLAGE]
    rid = register(v, "吴秀英")
    [res] = t.import_(v.export(t).path)
    assert res.accepted
    mine = row(v, "recipients", rid)
    stamp = now_stamp(VILLAGE)
    mine.update({"address": address, "hlc": stamp, "_v": {"address": {VILLAGE: stamp, "by": stamp}}})
    before = dump(t.engine)
    [res] = t.import_(seal_from(v, TOWNSHIP, {"recipients": [mine]}))
    assert not res.accepted and res.code == "bad_record"
    assert rid in (res.reason or "") and "address" in (res.reason or "") and words in (res.reason or ""), res.reason
    assert dump(t.engine) == before

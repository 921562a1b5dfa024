"""Merging without loss (issue 5, point 5): concurrent edits, sensitive fields, ownership,
deletions against edits, deciding conflicts, and county policy travelling down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.care import writes
from app.care.offices import PLAN_IN_FORCE
from app.care.rules import change_rule
from app.models import AuditEntry, CareRule, HouseholdMember, Recipient
from app.sync.conflicts import list_conflicts, resolve_conflict
from tests.sync_offices import (
    COUNTY,
    START,
    TOWNSHIP,
    VILLAGE,
    Office,
    chain,
    dump,
    register,
    snapshot,
)


def edit(office: Office, model: type, rid: str, **changes: object) -> None:
    with office.session() as s, s.begin():
        writes.update(s, office.actor(s), s.get(model, rid), **changes)


def value(office: Office, model: type, rid: str, name: str) -> object:
    with office.session() as s:
        return getattr(s.get(model, rid), name)


def swap(a: Office, b: Office) -> None:
    """Both export, then both import (a full round in both directions)."""
    to_b, to_a = a.export(b), b.export(a)
    assert all(r.accepted for r in b.import_(to_b.path))
    assert all(r.accepted for r in a.import_(to_a.path))


def open_conflicts(office: Office) -> list:  # type: ignore[type-arg]
    with office.session() as s:
        return list_conflicts(s)


def test_a_field_edited_in_the_village_and_the_township_is_kept_both_ways(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    edit(v, Recipient, rid, phone="13800000001")
    edit(t, Recipient, rid, phone="13900000002")  # later, but the township does not own it
    swap(v, t)
    # Both offices show the owner's (the village's) value and list the conflict with both values.
    assert value(v, Recipient, rid, "phone") == value(t, Recipient, rid, "phone") == "13800000001"
    for office in (v, t):
        [c] = open_conflicts(office)
        assert (c.table, c.record_id, c.field) == ("recipients", rid, "phone")
        assert {c.local_value, c.remote_value} == {"13800000001", "13900000002"}
        assert c.shown_value == "13800000001" and c.recipient_name == "吴秀英"
    # The village's director decides for the township's number: it travels and settles both.
    [c] = open_conflicts(v)
    with v.session() as s, s.begin():
        resolve_conflict(s, v.actor(s), c.id, keep="local" if c.local_value == "13900000002" else "remote")
    swap(v, t)
    assert value(v, Recipient, rid, "phone") == value(t, Recipient, rid, "phone") == "13900000002"
    assert open_conflicts(v) == [] and open_conflicts(t) == []
    with v.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "resolve")).one().record_id == rid


def test_concurrent_edits_of_a_shared_field_show_the_later_one(tmp_path: Path) -> None:
    """The life-cycle status may be changed anywhere in the chain: the later change is shown."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    edit(v, Recipient, rid, status_date=dt.date(2026, 2, 1))
    edit(t, Recipient, rid, status_date=dt.date(2026, 3, 1))
    swap(v, t)
    assert value(v, Recipient, rid, "status_date") == value(t, Recipient, rid, "status_date") == dt.date(2026, 3, 1)
    [c] = open_conflicts(v)
    assert c.reason == "concurrent" and c.shown_value == "2026-03-01"


def test_sensitive_fields_are_never_decided_silently(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    edit(v, Recipient, rid, major_illness="高血压")
    edit(t, Recipient, rid, major_illness="糖尿病")
    swap(v, t)
    for office in (v, t):
        [c] = open_conflicts(office)
        assert c.field == "major_illness" and c.reason == "sensitive"


def test_a_change_by_an_office_that_does_not_own_the_field_is_kept_not_applied(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    edit(t, Recipient, rid, address="县城某小区")
    [res] = v.import_(t.export(v).path)
    assert res.accepted and res.conflicts == 1
    assert value(v, Recipient, rid, "address") is None
    [c] = open_conflicts(v)
    assert (c.reason, c.remote_value, c.remote_office, c.shown_value) == ("not_owner", "县城某小区", TOWNSHIP, None)


def test_a_deletion_against_an_edit_stays_deleted_keeps_the_edit_and_is_listed(tmp_path: Path) -> None:
    """The village deletes a recipient registered in error while the township, which may
    change the life-cycle fields, enters a decision date: both end deleted with the date
    kept, the same row in both, and a person is told."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    with v.session() as s, s.begin():
        writes.delete(s, v.actor(s), s.get(Recipient, rid), reason="登记错了")
    edit(t, Recipient, rid, status_date=dt.date(2026, 2, 1))
    swap(v, t)
    for office in (v, t):
        assert value(office, Recipient, rid, "deleted") is True
        assert value(office, Recipient, rid, "status_date") == dt.date(2026, 2, 1)
        [c] = open_conflicts(office)
        assert (c.field, c.reason, c.shown_value) == ("deleted", "deleted_edited", True)
    assert snapshot(t.engine, ("recipients",)) == snapshot(v.engine, ("recipients",))
    # Restoring it is a decision like any other: it travels.
    [c] = open_conflicts(t)
    with t.session() as s, s.begin():
        resolve_conflict(s, t.actor(s), c.id, keep="local" if c.local_value is False else "remote")
    swap(t, v)
    assert value(t, Recipient, rid, "deleted") is False


def test_a_deletion_against_an_edit_by_an_office_that_does_not_own_the_record(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    with v.session() as s, s.begin():
        mid = writes.create(s, v.actor(s), HouseholdMember, recipient_id=rid, name="吴大军", relation="son",
                            works_away=True, can_guard=True).id
    swap(v, t)
    with v.session() as s, s.begin():
        writes.delete(s, v.actor(s), s.get(HouseholdMember, mid), reason="登记错了")
    edit(t, HouseholdMember, mid, work_place="广东东莞")
    swap(v, t)
    for office in (v, t):
        assert value(office, HouseholdMember, mid, "deleted") is True
    assert value(v, HouseholdMember, mid, "work_place") is None  # not the township's to change
    assert {c.reason for c in open_conflicts(v)} == {"not_owner", "deleted_edited"}
    assert {c.reason for c in open_conflicts(t)} == {"deleted_edited"}


def test_an_edit_and_a_later_deletion_arriving_in_either_order(tmp_path: Path) -> None:
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    with v.session() as s, s.begin():
        mid = writes.create(s, v.actor(s), HouseholdMember, recipient_id=rid, name="吴大军", relation="son",
                            works_away=False, can_guard=True).id
    swap(v, t)
    edit(v, HouseholdMember, mid, phone="13700000003")
    first = v.export(t)
    with v.session() as s, s.begin():
        writes.delete(s, v.actor(s), s.get(HouseholdMember, mid))
    second = v.export(t)
    t.import_(second.path)
    t.import_(first.path)
    assert value(t, HouseholdMember, mid, "deleted") is True
    assert value(t, HouseholdMember, mid, "phone") == "13700000003"
    assert open_conflicts(t) == []  # the village had seen its own edit: nothing to decide


def test_county_rules_travel_down_through_the_township_and_never_up(tmp_path: Path) -> None:
    o = chain(tmp_path, COUNTY, TOWNSHIP, VILLAGE)
    c, t, v = o[COUNTY], o[TOWNSHIP], o[VILLAGE]
    with c.session() as s:
        rule_id = s.scalars(select(CareRule.id).where(CareRule.period == "month")).first()
    with c.session() as s, s.begin():
        change_rule(s, c.actor(s), rule_id, count=2, valid_from=PLAN_IN_FORCE)  # in place: from its start
    t.import_(c.export(t).path)
    v.import_(t.export(v).path)
    assert value(v, CareRule, rule_id, "count_per_period") == 2
    assert open_conflicts(v) == [] and open_conflicts(t) == []
    up = v.export(t)
    assert "care_rules" not in up.counts


def test_a_care_rule_made_by_a_township_refuses_its_bundle_at_the_village(tmp_path: Path) -> None:
    """County policy is the county's alone: a rule made by a township is outside its scope,
    and the bundle carrying it is refused with a reason naming table, record and office."""
    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    with t.session() as s, s.begin():  # behind the service layer's back: only the county sets rules
        rule = writes.create(s, t.actor(s), CareRule, name="每天一次电话", kind="phone_followup", category=None,
                             key_monitoring=None, applies_to_status="confirmed", period="week",
                             count_per_period=7, valid_from=START, valid_to=None, set_by_office=TOWNSHIP)
        rule_id = rule.id
    before = dump(v.engine)
    [res] = v.import_(t.export(v).path)
    assert not res.accepted and res.code == "out_of_scope"
    assert rule_id in (res.reason or "") and TOWNSHIP in (res.reason or "") and "care_rules" in (res.reason or "")
    assert dump(v.engine) == before


def test_conflicts_listed_and_decided_on_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from app.cli import main

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    rid = register(v, "吴秀英")
    swap(v, t)
    edit(t, Recipient, rid, address="县城某小区")
    v.import_(t.export(v).path)
    db = str(v.dir / "db.sqlite3")
    assert main(["--db", db, "conflicts", "--json"]) == 0
    [c] = json.loads(capsys.readouterr().out)
    assert (c["field"], c["reason"], c["remote_value"], c["recipient_name"]) == ("address", "not_owner", "县城某小区", "吴秀英")
    assert main(["--db", db, "conflicts"]) == 0  # in words for a director, not table.column
    shown = capsys.readouterr().out
    assert "关爱对象 · 住址  吴秀英" in shown and "recipients.address" not in shown
    assert main(["--db", db, "conflicts", "--resolve", c["id"], "--keep", "remote", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert value(v, Recipient, rid, "address") == "县城某小区"
    assert main(["--db", db, "conflicts", "--resolve", c["id"], "--keep", "remote"]) == 1  # decided already
    assert "已经处理过" in capsys.readouterr().err


def test_the_clock_observes_remote_stamps_and_a_stamp_days_ahead_refuses_the_bundle(tmp_path: Path) -> None:
    import time

    from app.care.context import CLOCK_KEY, get_setting
    from app.care.hlc import Stamp
    from app.sync.changes import select_changes
    from app.sync.merge import MAX_AHEAD_S, merge_records
    from app.sync.records import BadRecord

    o = chain(tmp_path, TOWNSHIP, VILLAGE)
    t, v = o[TOWNSHIP], o[VILLAGE]
    register(v, "吴秀英")
    with v.engine.connect() as conn:
        records = select_changes(conn, peer=TOWNSHIP, direction="up", since=None).records
    soon = int(time.time() * 1000) + 3_600_000  # an hour ahead: observed
    records["recipients"][0]["hlc"] = f"{soon:013d}.00000.{VILLAGE}"
    with t.session() as s, s.begin():
        merge_records(s, t.actor(s), records, from_office=VILLAGE, bundle_id=None)
    with t.session() as s:
        assert Stamp.decode(get_setting(s, CLOCK_KEY)).wall_ms >= soon
    # days ahead (a stamp that would win every later comparison): the bundle is refused
    far = int((time.time() + MAX_AHEAD_S + 86_400) * 1000)
    later = {"recipients": [{**records["recipients"][0], "hlc": f"{far:013d}.00000.{VILLAGE}",
                             "_v": {"phone": {VILLAGE: f"{far:013d}.00000.{VILLAGE}"}}}]}
    before = dump(t.engine)
    with t.session() as s, s.begin(), pytest.raises(BadRecord) as e:
        merge_records(s, t.actor(s), later, from_office=VILLAGE, bundle_id=None)
    assert "快" in e.value.zh and "日期" in e.value.zh
    assert dump(t.engine) == before

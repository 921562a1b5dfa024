from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError, ValidationErrors
from app.care.recipients import (
    add_recipient,
    count_recipients,
    detail,
    edit_recipient,
    list_recipients,
)
from app.config import laptop_id
from app.models import AuditEntry, Recipient, StatusEvent
from tests.conftest import VILLAGE
from tests.helpers import make_id

TODAY = dt.date(2026, 6, 1)
CHILD_ID = make_id(dt.date(2016, 4, 5), "female", seq=1)
ELDER_ID = make_id(dt.date(1950, 2, 3), "male", seq=2)


def add_child(s: Session, actor: Actor, **kw: object):  # type: ignore[no-untyped-def]
    fields = dict(name="张小花", id_number=CHILD_ID, categories=["left_behind_child"],
                  surveyed_on=TODAY, parents_away="both_away")
    fields.update(kw)
    return add_recipient(s, actor, **fields)  # type: ignore[arg-type]


def audit_rows(s: Session) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_adding_a_recipient_writes_the_record_its_history_and_the_audit(session: Session, actor: Actor) -> None:
    before = len(audit_rows(session))
    d = add_child(session, actor, phone="13812345678", address="一组")
    session.commit()
    r = session.get(Recipient, d.id)
    assert r is not None
    assert (r.birth_date, r.sex, r.status, r.village_code) == (dt.date(2016, 4, 5), "female", "surveyed", VILLAGE)
    assert r.categories == ("left_behind_child",)
    assert (r.name_pinyin, r.name_initials) == ("zhangxiaohua", "zxh")
    assert uuid.UUID(r.id).version == 7
    assert r.origin_office == VILLAGE and r.hlc.endswith("." + VILLAGE)
    events = session.scalars(select(StatusEvent).where(StatusEvent.recipient_id == r.id)).all()
    assert [(e.step, e.to_status) for e in events] == [("survey", "surveyed")]
    new = audit_rows(session)[before:]
    assert {(a.action, a.table_name) for a in new} == {("create", "recipients"), ("create", "status_events")}
    created = next(a for a in new if a.table_name == "recipients")
    assert (created.office_code, created.laptop_id, created.user) == (VILLAGE, laptop_id(), "王主任")
    changes = json.loads(created.changes_json)
    assert changes["name"] == [None, "张小花"] and changes["id_number"] == [None, CHILD_ID]


def test_bad_input_is_refused_whole_with_every_reason(session: Session, actor: Actor) -> None:
    before = len(audit_rows(session))
    with pytest.raises(ValidationErrors) as e:
        add_recipient(session, actor, name="", id_number=CHILD_ID[:-1] + "0", phone="12",
                      categories=["left_behind_child", "nonsense"])
    fields = {err.field for err in e.value.errors}
    assert {"name", "id_number", "phone", "categories"} <= fields
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Recipient)) == 0
    assert len(audit_rows(session)) == before


def test_category_rule_is_checked_on_the_survey_date(session: Session, actor: Actor) -> None:
    with pytest.raises(ValidationError) as e:
        add_recipient(session, actor, name="李大", id_number=make_id(dt.date(2010, 5, 31)),
                      categories=["left_behind_child"], surveyed_on=dt.date(2026, 5, 31))
    assert "未满16周岁" in e.value.zh
    ok = add_recipient(session, actor, name="李大", id_number=make_id(dt.date(2010, 5, 31)),
                       categories=["left_behind_child"], surveyed_on=dt.date(2026, 5, 30))
    assert ok.status == "surveyed"


def test_the_same_person_is_not_registered_twice(session: Session, actor: Actor) -> None:
    add_child(session, actor)
    with pytest.raises(ValidationError) as e:
        add_child(session, actor, name="张小华")
    assert e.value.field == "id_number" and "已登记" in e.value.zh


def test_a_village_database_registers_only_its_own_village(session: Session, actor: Actor) -> None:
    with pytest.raises(ValidationError) as e:
        add_child(session, actor, village_code="522631100202")
    assert e.value.field == "village_code"


def test_edit_keeps_old_and_new_values_and_moves_the_clock(session: Session, actor: Actor) -> None:
    d = add_child(session, actor, phone="13812345678")
    session.commit()
    r = session.get(Recipient, d.id)
    assert r is not None
    hlc_before = r.hlc
    changed = edit_recipient(session, actor, d.id, phone="139 1234 5678", key_monitoring=True)
    session.commit()
    assert changed == {"phone": ["13812345678", "13912345678"], "key_monitoring": [False, True]}
    assert r.hlc > hlc_before
    last = audit_rows(session)[-1]
    assert last.action == "update" and json.loads(last.changes_json)["phone"] == ["13812345678", "13912345678"]


def test_editing_nothing_real_writes_nothing(session: Session, actor: Actor) -> None:
    d = add_child(session, actor, phone="13812345678")
    session.commit()
    n = len(audit_rows(session))
    assert edit_recipient(session, actor, d.id, phone="13812345678") == {}
    session.commit()
    assert len(audit_rows(session)) == n


def test_edit_checks_category_rules_only_when_they_are_touched(session: Session, actor: Actor) -> None:
    d = add_recipient(session, actor, name="王强", id_number=make_id(dt.date(2010, 1, 10)),
                      categories=["left_behind_child"], surveyed_on=dt.date(2025, 1, 1))
    # He is 16 by now: a phone fix still goes through ...
    edit_recipient(session, actor, d.id, phone="13812345678", today=dt.date(2026, 6, 1))
    # ... but claiming the category again is refused as of today.
    with pytest.raises(ValidationError):
        edit_recipient(session, actor, d.id, categories=["left_behind_child", "severe_disability"],
                       today=dt.date(2026, 6, 1))


def test_edit_refuses_bad_values_and_changes_nothing(session: Session, actor: Actor) -> None:
    d = add_child(session, actor, phone="13812345678")
    session.commit()
    with pytest.raises(ValidationErrors):
        edit_recipient(session, actor, d.id, phone="1", self_care="sometimes")
    session.rollback()
    assert session.get(Recipient, d.id).phone == "13812345678"  # type: ignore[union-attr]


def test_unknown_recipient_is_a_clear_error(session: Session) -> None:
    with pytest.raises(NotFoundError) as e:
        detail(session, "nope")
    assert "找不到" in e.value.zh


def test_writing_orm_objects_directly_is_refused(session: Session, actor: Actor) -> None:
    d = add_child(session, actor)
    session.commit()
    r = session.get(Recipient, d.id)
    assert r is not None
    r.phone = "13800000000"
    with pytest.raises(writes.UnauditedWriteError):
        session.flush()
    session.rollback()
    assert session.get(Recipient, d.id).phone is None  # type: ignore[union-attr]


def test_deletion_is_a_tombstone_that_keeps_the_row(session: Session, actor: Actor) -> None:
    d = add_child(session, actor)
    session.commit()
    r = session.get(Recipient, d.id)
    assert r is not None
    writes.delete(session, actor, r, reason="重复登记")
    session.commit()
    assert session.get(Recipient, d.id).deleted is True  # type: ignore[union-attr]
    assert audit_rows(session)[-1].action == "delete"
    assert list_recipients(session) == []
    with pytest.raises(NotFoundError):
        detail(session, d.id)


def test_search_by_name_initials_id_tail_and_phone(session: Session, actor: Actor) -> None:
    add_child(session, actor, phone="13812345678")
    add_recipient(session, actor, name="刘德福", id_number=ELDER_ID, categories=["left_behind_elder"],
                  phone="0851-86123456", surveyed_on=TODAY)
    session.commit()

    def names(**kw: object) -> list[str]:
        return [r.name for r in list_recipients(session, **kw)]  # type: ignore[arg-type]

    assert names(search="zxh") == ["张小花"]
    assert names(search="liude") == ["刘德福"]
    assert names(search="德") == ["刘德福"]
    assert names(search=CHILD_ID[-4:]) == ["张小花"]
    assert names(search="5678") == ["张小花"]
    assert names(search="86123") == ["刘德福"]
    assert names(category="left_behind_elder") == ["刘德福"]
    assert count_recipients(session, status="surveyed") == 2
    shown = list_recipients(session, search="zxh")[0]
    assert shown.id_number_masked == CHILD_ID[:6] + "********" + CHILD_ID[-4:]


def test_an_exited_person_is_reported_again_not_registered_twice(session: Session, actor: Actor) -> None:
    from app.care import lifecycle as lc

    d = add_child(session, actor)
    lc.report(session, actor, d.id, on=TODAY)
    for dept in ("civil_affairs", "youth_league"):
        lc.review(session, actor, d.id, department=dept, decision="approve", on=TODAY, doc_no="x")
    lc.confirm(session, actor, d.id, doc_no="x", on=TODAY)
    lc.exit_care(session, actor, d.id, reason="随父母外出", on=TODAY)
    with pytest.raises(ValidationError) as e:
        add_child(session, actor, surveyed_on=TODAY)
    assert "重新上报" in e.value.zh


def test_three_withouts_is_an_urban_category(session: Session, actor: Actor) -> None:
    kw = dict(name="陈林", id_number=make_id(dt.date(1960, 1, 1), seq=5), categories=["three_withouts"],
              work_ability="none", surveyed_on=TODAY)
    with pytest.raises(ValidationError) as e:
        add_recipient(session, actor, **kw)  # type: ignore[arg-type]
    assert "城镇" in e.value.zh
    assert add_recipient(session, actor, is_urban=True, **kw).categories == ("three_withouts",)  # type: ignore[arg-type]


def test_a_future_survey_date_is_refused(session: Session, actor: Actor) -> None:
    with pytest.raises(ValidationError) as e:
        add_child(session, actor, surveyed_on=dt.date.today() + dt.timedelta(days=3))
    assert e.value.field == "date"


def test_direct_edits_after_a_service_call_are_refused(session: Session, actor: Actor) -> None:
    d = add_child(session, actor)
    session.commit()
    r = session.get(Recipient, d.id)
    assert r is not None
    edit_recipient(session, actor, d.id, phone="13812345678")
    r.status = "confirmed"  # slipped in behind the audited edit
    with pytest.raises(writes.UnauditedWriteError):
        session.flush()
    session.rollback()
    assert session.get(Recipient, d.id).status == "surveyed"  # type: ignore[union-attr]


def test_hard_deletes_and_bulk_statements_are_refused(session: Session, actor: Actor) -> None:
    from sqlalchemy import delete, update

    d = add_child(session, actor)
    session.commit()
    r = session.get(Recipient, d.id)
    session.delete(r)
    with pytest.raises(writes.UnauditedWriteError):
        session.flush()
    session.rollback()
    with pytest.raises(writes.UnauditedWriteError):
        session.execute(update(Recipient).values(status="confirmed"))
    with pytest.raises(writes.UnauditedWriteError):
        session.execute(delete(Recipient))
    session.rollback()
    assert session.get(Recipient, d.id).status == "surveyed"  # type: ignore[union-attr]


def test_the_clock_carries_over_between_sessions_and_past_a_records_stamp(village, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    from app.care.context import CLOCK_KEY, get_setting, put_setting
    from app.db import unit_of_work

    with unit_of_work(village) as s:
        rid = add_child(s, actor).id
        first = s.get(Recipient, rid).hlc  # type: ignore[union-attr]
    with unit_of_work(village) as s:
        assert get_setting(s, CLOCK_KEY) >= first  # type: ignore[operator]
        put_setting(s, CLOCK_KEY, "0000000000001.00000." + actor.office_code)  # clock lost
    with unit_of_work(village) as s:
        edit_recipient(s, actor, rid, phone="13812345678")
        second = s.get(Recipient, rid).hlc  # type: ignore[union-attr]
    assert second > first

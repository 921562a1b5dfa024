from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care.context import Actor
from app.care.errors import LifecycleError, ValidationError
from app.care.recipients import add_recipient, detail
from app.db import unit_of_work
from app.models import AuditEntry, Recipient, StatusEvent
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date(2026, 3, 2)


@pytest.fixture
def child(session: Session, actor: Actor) -> str:
    return add_recipient(session, actor, **LEFT_BEHIND, name="杨梓涵", id_number=make_id(dt.date(2015, 3, 7), "female"),
                         categories=["left_behind_child", "severe_disability"],
                         disability_type="physical", disability_grade=2, surveyed_on=D).id


def status(s: Session, rid: str) -> str:
    r = s.get(Recipient, rid)
    assert r is not None
    return r.status


DOC = "黎民审〔2026〕1号"


def approve_all(s: Session, actor: Actor, rid: str) -> None:
    for dept in ("civil_affairs", "disabled_federation", "youth_league"):
        lc.review(s, actor, rid, department=dept, decision="approve", on=D, doc_no=DOC)


def test_departments_concerned_follow_the_categories() -> None:
    assert lc.departments_concerned(["left_behind_elder"]) == ["civil_affairs"]
    assert lc.departments_concerned(["left_behind_child", "severe_disability"]) == [
        "civil_affairs", "disabled_federation", "youth_league"]
    assert "womens_federation" in lc.departments_concerned(["left_behind_woman"])


def test_the_whole_path_is_kept_as_history(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    assert status(session, child) == "reported"
    lc.review(session, actor, child, department="civil_affairs", decision="approve", on=D, doc_no=DOC)
    lc.review(session, actor, child, department="youth_league", decision="approve", on=D, doc_no=DOC)
    assert status(session, child) == "reported"  # the federation has not reviewed yet
    lc.review(session, actor, child, department="disabled_federation", decision="approve", on=D, doc_no=DOC)
    assert status(session, child) == "reviewed"
    lc.confirm(session, actor, child, doc_no="黎民发〔2026〕8号", on=D)
    assert status(session, child) == "confirmed"
    lc.exit_care(session, actor, child, reason="父母返乡", on=dt.date(2026, 9, 1))
    session.commit()
    history = detail(session, child).history
    assert [h.step for h in history] == ["survey", "report", "review", "review", "review", "confirm", "exit"]
    confirm = history[5]
    assert (confirm.doc_no, confirm.source, confirm.decided_by) == ("黎民发〔2026〕8号", "paper", "王主任")
    assert history[-1].reason == "父母返乡" and status(session, child) == "exited"


@pytest.mark.parametrize("step", ["review", "confirm", "reject", "exit"])
def test_steps_out_of_order_are_refused_and_write_nothing(session: Session, actor: Actor, child: str,
                                                          step: str, village: Engine) -> None:
    session.commit()
    n = len(session.scalars(select(StatusEvent)).all())
    audits = len(session.scalars(select(AuditEntry)).all())
    with pytest.raises(LifecycleError) as e, unit_of_work(village) as s:  # as the CLI and app do
        if step == "review":
            lc.review(s, actor, child, department="civil_affairs", decision="approve", doc_no=DOC)
        elif step == "confirm":
            lc.confirm(s, actor, child, doc_no="x")
        elif step == "reject":
            lc.reject(s, actor, child, reason="x", doc_no="x")
        else:
            lc.exit_care(s, actor, child, reason="x")
    assert "已调查" in e.value.zh
    session.expire_all()
    assert len(session.scalars(select(StatusEvent)).all()) == n
    assert len(session.scalars(select(AuditEntry)).all()) == audits
    assert status(session, child) == "surveyed"


def test_report_twice_is_refused(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    with pytest.raises(LifecycleError):
        lc.report(session, actor, child, on=D)


def test_a_department_not_concerned_cannot_review(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    with pytest.raises(ValidationError) as e:
        lc.review(session, actor, child, department="womens_federation", decision="approve", on=D, doc_no=DOC)
    assert "妇联" in e.value.zh


def test_a_department_reviews_once_per_report(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    lc.review(session, actor, child, department="civil_affairs", decision="approve", on=D, doc_no=DOC)
    with pytest.raises(LifecycleError):
        lc.review(session, actor, child, department="civil_affairs", decision="approve", on=D, doc_no=DOC)


def test_confirmation_needs_every_approval(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    lc.review(session, actor, child, department="civil_affairs", decision="approve", on=D, doc_no=DOC)
    lc.review(session, actor, child, department="youth_league", decision="approve", on=D, doc_no=DOC)
    with pytest.raises(ValidationError):  # a refusal needs its reason
        lc.review(session, actor, child, department="disabled_federation", decision="reject", on=D,
                  doc_no=DOC)
    lc.review(session, actor, child, department="disabled_federation", decision="reject",
              reason="残疾等级与证件不符", on=D, doc_no=DOC)
    assert status(session, child) == "reviewed"
    with pytest.raises(LifecycleError):
        lc.confirm(session, actor, child, doc_no="x", on=D)
    lc.reject(session, actor, child, reason="残疾等级与证件不符", doc_no="黎民发〔2026〕9号", on=D)
    assert status(session, child) == "rejected"
    # After fixing the papers the village may report again; the old reviews no longer count.
    lc.report(session, actor, child, on=D)
    approve_all(session, actor, child)
    lc.confirm(session, actor, child, doc_no="黎民发〔2026〕10号", on=D)
    assert status(session, child) == "confirmed"


def test_a_village_must_name_the_county_document(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    approve_all(session, actor, child)
    with pytest.raises(ValidationError) as e:
        lc.confirm(session, actor, child, on=D)
    assert e.value.field == "doc_no"


def test_reject_and_exit_need_a_reason(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    with pytest.raises(ValidationError):
        lc.reject(session, actor, child, reason="  ", doc_no="x", on=D)
    approve_all(session, actor, child)
    lc.confirm(session, actor, child, doc_no="x", on=D)
    with pytest.raises(ValidationError):
        lc.exit_care(session, actor, child, reason=None, on=D)


def test_a_step_cannot_be_dated_before_the_previous_one(session: Session, actor: Actor, child: str) -> None:
    with pytest.raises(ValidationError) as e:
        lc.report(session, actor, child, on=D - dt.timedelta(days=1))
    assert e.value.field == "date"


def test_allowed_steps_drive_the_buttons(session: Session, actor: Actor, child: str) -> None:
    r = session.get(Recipient, child)
    assert r is not None
    assert lc.allowed_steps(session, r) == ["report"]
    lc.report(session, actor, child, on=D)
    assert lc.allowed_steps(session, r) == ["review", "reject"]
    approve_all(session, actor, child)
    assert lc.allowed_steps(session, r) == ["confirm", "reject"]
    lc.confirm(session, actor, child, doc_no="x", on=D)
    assert lc.allowed_steps(session, r) == ["exit"]


def test_a_village_must_name_the_document_of_a_review(session: Session, actor: Actor, child: str) -> None:
    lc.report(session, actor, child, on=D)
    with pytest.raises(ValidationError) as e:
        lc.review(session, actor, child, department="civil_affairs", decision="approve", on=D)
    assert e.value.field == "doc_no"


def test_future_dates_are_refused(session: Session, actor: Actor, child: str) -> None:
    with pytest.raises(ValidationError) as e:
        lc.report(session, actor, child, on=dt.date.today() + dt.timedelta(days=1))
    assert e.value.field == "date" and "将来" in e.value.zh


def test_an_exited_recipient_can_be_reported_again_with_history_kept(session: Session, actor: Actor,
                                                                     child: str) -> None:
    lc.report(session, actor, child, on=D)
    approve_all(session, actor, child)
    lc.confirm(session, actor, child, doc_no="x", on=D)
    lc.exit_care(session, actor, child, reason="母亲返乡", on=D)
    lc.report(session, actor, child, on=dt.date(2026, 5, 1))  # the mother left again
    assert status(session, child) == "reported"
    assert [h.step for h in detail(session, child).history][-3:] == ["confirm", "exit", "report"]


def test_confirmation_rechecks_the_categories_on_its_date(session: Session, actor: Actor) -> None:
    rid = add_recipient(session, actor, **LEFT_BEHIND, name="吴浩", id_number=make_id(dt.date(2010, 3, 10)),
                        categories=["left_behind_child"], surveyed_on=dt.date(2026, 3, 1)).id
    lc.report(session, actor, rid, on=dt.date(2026, 3, 2))
    for dept in ("civil_affairs", "youth_league"):
        lc.review(session, actor, rid, department=dept, decision="approve", on=dt.date(2026, 3, 5), doc_no=DOC)
    with pytest.raises(LifecycleError) as e:  # he turned 16 on 10 March
        lc.confirm(session, actor, rid, doc_no="x", on=dt.date(2026, 3, 12))
    assert "16" in e.value.zh
    lc.confirm(session, actor, rid, doc_no="x", on=dt.date(2026, 3, 9))
    assert status(session, rid) == "confirmed"

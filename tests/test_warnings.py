"""Each warning beside the tasks, raised by exactly the situation it names."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import work, writes
from app.care.context import Actor
from app.care.recipients import add_recipient
from app.care.warnings import warnings_for
from app.models import (
    Agreement,
    CareRecord,
    Guardian,
    HouseholdMember,
    Responsibility,
    TeacherPairing,
)
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date
ON = D(2026, 6, 15)


def person(s: Session, actor: Actor, *, born: D, seq: int, cats: list[str], confirm: bool = True,
           carer: bool = True, **kw: object) -> str:
    rid = add_recipient(s, actor, **LEFT_BEHIND, name="甲乙丙丁戊己庚辛壬癸"[seq % 10] + "某", id_number=make_id(born, seq=seq), categories=cats,
                        surveyed_on=D(2026, 1, 5), **kw).id  # type: ignore[arg-type]
    if carer and "left_behind_child" in cats:
        writes.create(s, actor, Guardian, recipient_id=rid, kind="entrusted", name="外婆",
                      relation="grandmother", start_date=D(2026, 1, 5))
    if confirm:
        lc.report(s, actor, rid, on=D(2026, 1, 5))
        depts = ["civil_affairs"] + (["youth_league"] if "left_behind_child" in cats else [])
        for dept in depts:
            lc.review(s, actor, rid, department=dept, decision="approve", on=D(2026, 1, 6), doc_no="审")
        lc.confirm(s, actor, rid, doc_no="定", on=D(2026, 1, 7))
        work.log_call(s, actor, rid, reached=True, on=ON - dt.timedelta(days=5))
    return rid


def kinds(s: Session, rid: str) -> list[str]:
    s.flush()
    return [w.kind for w in warnings_for(s, ON) if w.recipient_id == rid]


def parents(s: Session, actor: Actor, rid: str, *, mother_home: bool = False) -> None:
    for relation, away in (("father", True), ("mother", not mother_home)):
        writes.create(s, actor, HouseholdMember, recipient_id=rid, name="家长", relation=relation,
                      works_away=away, can_guard=True)


def test_a_child_alone_is_the_most_urgent_warning(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(2016, 3, 1), seq=1, cats=["left_behind_child"], confirm=False,
                 carer=False)
    assert kinds(session, rid) == ["child_alone"]  # nobody recorded at all
    parents(session, actor, rid)
    assert kinds(session, rid) == ["child_alone"]  # both parents away
    writes.create(session, actor, Guardian, recipient_id=rid, kind="entrusted", name="奶奶",
                  relation="grandmother", start_date=D(2026, 1, 5))
    assert kinds(session, rid) == []


def test_a_parent_at_home_who_can_guard_means_no_alarm(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(2016, 3, 1), seq=2, cats=["left_behind_child"], confirm=False,
                 carer=False)
    parents(session, actor, rid, mother_home=True)
    assert kinds(session, rid) == []


def test_no_responsibility_for_someone_who_cannot_look_after_themselves(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(1940, 1, 1), seq=3, cats=["left_behind_elder"], self_care="none")
    assert kinds(session, rid) == ["no_responsibility"]
    writes.create(session, actor, Responsibility, recipient_id=rid, kind="family_guardianship",
                  person_name="儿子", start_date=D(2026, 2, 1))
    assert kinds(session, rid) == []


def test_a_child_at_school_without_a_teacher(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(2015, 9, 1), seq=4, cats=["left_behind_child"], school="岩寨小学")
    assert kinds(session, rid) == ["no_teacher"]
    writes.create(session, actor, TeacherPairing, recipient_id=rid, teacher_name="杨老师", school="岩寨小学",
                  start_date=D(2026, 2, 1))
    assert kinds(session, rid) == []


def test_a_child_turning_16_within_60_days(session: Session, actor: Actor) -> None:
    soon = person(session, actor, born=D(2010, 8, 1), seq=5, cats=["left_behind_child"])
    later = person(session, actor, born=D(2010, 8, 20), seq=6, cats=["left_behind_child"])
    assert kinds(session, soon) == ["turns_16"]  # 16 on 1 August: 47 days
    assert kinds(session, later) == []  # 66 days


def test_an_agreement_printed_and_unsigned_for_30_days(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(1950, 1, 1), seq=7, cats=["left_behind_elder"])
    a = writes.create(session, actor, Agreement, recipient_id=rid, kind="family_support", number="A-1",
                      status="printed", drafted_on=D(2026, 5, 1), printed_on=D(2026, 5, 17))
    assert kinds(session, rid) == []  # 29 days
    writes.update(session, actor, a, printed_on=D(2026, 5, 16))
    assert kinds(session, rid) == ["unsigned_agreement"]


def test_no_contact_for_60_days(session: Session, actor: Actor) -> None:
    rid = person(session, actor, born=D(1950, 1, 1), seq=8, cats=["left_behind_elder"])
    assert kinds(session, rid) == []
    session.flush()
    # a second person only ever got an unanswered call
    other = person(session, actor, born=D(1950, 1, 2), seq=9, cats=["left_behind_elder"])
    for record in session.query(CareRecord).filter_by(recipient_id=other):
        writes.delete(session, actor, record)
    work.log_call(session, actor, other, reached=False, on=ON - dt.timedelta(days=3))
    assert kinds(session, other) == ["no_contact"]


def test_leaving_school_ends_the_no_teacher_warning(session: Session, actor: Actor) -> None:
    from app.care import programmes as pg

    rid = person(session, actor, born=D(2010, 9, 1), seq=10, cats=["left_behind_child"], school="岩寨中学")
    assert kinds(session, rid) == ["no_teacher"]
    pg.hand_over_on_leaving_school(session, actor, rid, left_on=D(2026, 6, 1), reason="辍学务农",
                                   guardian_name="外婆")
    assert kinds(session, rid) == []

"""Each programme's service calls: what they write, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import programmes as pg
from app.care.context import Actor
from app.care.errors import ValidationError
from app.care.recipients import add_recipient
from app.models import (
    Agreement,
    Attendance,
    AuditEntry,
    Pairing,
    Recipient,
    SchoolFileEntry,
    TeacherPairing,
)
from tests.conftest import VILLAGE
from tests.helpers import make_id

D = dt.date


@pytest.fixture
def child(session: Session, actor: Actor) -> str:
    return add_recipient(session, actor, name="龙梓涵", id_number=make_id(D(2015, 5, 5), "female", seq=31),
                         categories=["left_behind_child"], school="岩寨小学", surveyed_on=D(2026, 1, 5)).id


@pytest.fixture
def elder(session: Session, actor: Actor) -> str:
    return add_recipient(session, actor, name="吴老汉", id_number=make_id(D(1944, 5, 5), seq=32),
                         categories=["left_behind_elder", "extreme_poverty_dispersed"], self_care="partial",
                         surveyed_on=D(2026, 1, 5)).id


def test_units_people_and_pairing(session: Session, actor: Actor, elder: str) -> None:
    unit = pg.add_unit(session, actor, name="县供电局", unit_type="国有企业", phone="13812345678")
    pg.match_unit_to_village(session, actor, unit.id, VILLAGE, start=D(2026, 1, 1))
    person = pg.add_responsible_person(session, actor, unit.id, name="杨建国", position="科长")
    p = pg.pair(session, actor, elder, person.id, start=D(2026, 2, 1))
    assert (p.unit_id, p.responsible_person_id) == (unit.id, person.id)
    with pytest.raises(ValidationError):
        pg.pair(session, actor, elder, person.id)
    assert len(session.scalars(select(Pairing)).all()) == 1


def test_teacher_school_file_and_handover(session: Session, actor: Actor, child: str, elder: str) -> None:
    tp = pg.pair_teacher(session, actor, child, teacher_name="潘老师", school="岩寨小学", start=D(2026, 2, 20))
    with pytest.raises(ValidationError):
        pg.pair_teacher(session, actor, child, teacher_name="石老师", school="岩寨小学")
    with pytest.raises(ValidationError):  # only for left-behind children
        pg.pair_teacher(session, actor, elder, teacher_name="石老师", school="岩寨小学")
    for kind in ("life_guidance", "psychological_counselling", "study_tutoring", "education_guidance"):
        pg.add_school_file_entry(session, actor, tp.id, kind=kind, content="谈心", on=D(2026, 3, 1))
    with pytest.raises(ValidationError):
        pg.add_school_file_entry(session, actor, tp.id, kind="sports", content="x")
    h = pg.hand_over_on_leaving_school(session, actor, child, left_on=D(2026, 6, 30), reason="小学毕业",
                                       guardian_name="龙奶奶")
    session.flush()
    assert h.teacher_pairing_id == tp.id and session.get(TeacherPairing, tp.id).end_date == D(2026, 6, 30)  # type: ignore[union-attr]
    assert len(session.scalars(select(SchoolFileEntry).where(SchoolFileEntry.recipient_id == child)).all()) == 4
    assert pg.current_teacher(session, child) is None


def test_mutual_aid_family_services_and_subsidy_ledger(session: Session, actor: Actor, elder: str) -> None:
    fam = pg.add_mutual_aid_family(session, actor, village_code=VILLAGE, head_name="石秀芳", phone="13912345678")
    pg.assign_mutual_aid(session, actor, fam.id, elder, monthly_subsidy_fen=20000, start=D(2026, 1, 1))
    pg.log_mutual_aid_service(session, actor, fam.id, elder, kind="hot_meals", on=D(2026, 1, 10))
    with pytest.raises(ValidationError):
        pg.log_mutual_aid_service(session, actor, fam.id, elder, kind="shopping")
    pg.pay_subsidy(session, actor, fam.id, period_start=D(2026, 1, 1), period_end=D(2026, 3, 31),
                   amount_fen=60000, paid_on=D(2026, 4, 10), fund_source="统筹资金")
    with pytest.raises(ValidationError):
        pg.pay_subsidy(session, actor, fam.id, period_start=D(2026, 4, 1), period_end=D(2026, 3, 1), amount_fen=1)
    assert pg.subsidy_total_fen(session, fam.id) == 60000
    # a payment recorded without a date paid is owed: the families list and the ledger keep it apart
    from app.care.support import families, family_detail
    pg.pay_subsidy(session, actor, fam.id, period_start=D(2026, 4, 1), period_end=D(2026, 6, 30), amount_fen=60000)
    session.flush()
    (row,) = [f for f in families(session, VILLAGE) if f.id == fam.id]
    detail = family_detail(session, fam.id)
    assert (row.paid_fen, detail.total_fen, detail.unpaid_fen) == (60000, 120000, 60000)
    assert detail.paid_fen == 60000  # the ledger's 已发放, as the family's line says


def test_the_latest_assessment_sets_self_care(session: Session, actor: Actor, elder: str) -> None:
    pg.record_assessment(session, actor, elder, agency="康宁社工中心", assessed_on=D(2026, 3, 1), self_care="none")
    assert session.get(Recipient, elder).self_care == "none"  # type: ignore[union-attr]
    pg.record_assessment(session, actor, elder, agency="康宁社工中心", assessed_on=D(2026, 1, 1), self_care="full")
    assert session.get(Recipient, elder).self_care == "none"  # an older one changes nothing  # type: ignore[union-attr]


def test_responsibilities(session: Session, actor: Actor, elder: str) -> None:
    r = pg.assign_responsibility(session, actor, elder, kind="mandatory_reporting", person_name="王主任",
                                 start=D(2026, 1, 1))
    with pytest.raises(ValidationError):
        pg.assign_responsibility(session, actor, elder, kind="feeding", person_name="王主任")
    pg.end_responsibility(session, actor, r.id, on=D(2026, 6, 1))
    assert r.end_date == D(2026, 6, 1)


def test_agreement_states(session: Session, actor: Actor, elder: str) -> None:
    a = pg.draft_agreement(session, actor, elder, kind="family_support", on=D(2026, 2, 1))
    assert a.number == f"{VILLAGE}-2026-0001-{pg.laptop_tag(actor.laptop_id)}" and a.status == "drafted"
    with pytest.raises(ValidationError):  # signed before printed
        pg.mark_signed(session, actor, a.id, on=D(2026, 2, 3))
    pg.mark_printed(session, actor, a.id, on=D(2026, 2, 2))
    pg.mark_signed(session, actor, a.id, on=D(2026, 2, 5), scan_sha256="ab" * 32)
    assert (a.status, a.signed_on) == ("signed", D(2026, 2, 5))
    pg.void_agreement(session, actor, a.id, reason="赡养人变更")
    with pytest.raises(ValidationError):
        pg.mark_printed(session, actor, a.id)
    b = pg.draft_agreement(session, actor, elder, kind="family_support", on=D(2026, 2, 6))
    assert b.number == f"{VILLAGE}-2026-0002-{pg.laptop_tag(actor.laptop_id)}"
    session.flush()
    audits = session.scalars(select(AuditEntry).where(AuditEntry.record_id == a.id)).all()
    assert [x.action for x in audits] == ["create", "update", "update", "update"]
    assert len(session.scalars(select(Agreement)).all()) == 2


def test_activity_attendance_counts_each_person_once(session: Session, actor: Actor, child: str, elder: str) -> None:
    act = pg.add_activity(session, actor, kind="safety_talk", title="防溺水安全教育", held_on=D(2026, 6, 1))
    assert pg.record_attendance(session, actor, act.id, [child, elder, child]) == 2
    assert pg.record_attendance(session, actor, act.id, [elder]) == 0
    assert len(session.scalars(select(Attendance)).all()) == 2


def test_wish_and_agreement_dates_keep_their_order(session: Session, actor: Actor, elder: str) -> None:
    from app.care import work

    work.move_wish(session, actor, elder, stage="collected", description="老花镜", on=D(2026, 3, 1))
    work.move_wish(session, actor, elder, stage="claimed", by="县妇联", on=D(2026, 4, 5))
    with pytest.raises(ValidationError):
        work.move_wish(session, actor, elder, stage="fulfilled", on=D(2026, 4, 1))
    with pytest.raises(ValidationError):
        work.move_wish(session, actor, elder, stage="granted", on=D(2026, 4, 6))
    a = pg.draft_agreement(session, actor, elder, kind="family_support", on=D(2026, 2, 1))
    pg.mark_printed(session, actor, a.id, on=D(2026, 2, 10))
    pg.mark_printed(session, actor, a.id, on=D(2026, 3, 10))  # printed again: the first date stays
    assert a.printed_on == D(2026, 2, 10)
    with pytest.raises(ValidationError):
        pg.mark_signed(session, actor, a.id, on=D(2026, 2, 9))


def test_programmes_refuse_what_does_not_fit(session: Session, actor: Actor, child: str, elder: str) -> None:
    with pytest.raises(ValidationError):
        pg.draft_agreement(session, actor, elder, kind="entrusted_guardianship")
    with pytest.raises(ValidationError):
        pg.draft_agreement(session, actor, child, kind="family_support")
    with pytest.raises(ValidationError):
        pg.draft_agreement(session, actor, elder, kind="care_responsibility")
    with pytest.raises(ValidationError):
        pg.add_mutual_aid_family(session, actor, village_code="522631100299", head_name="石秀芳")
    fam = pg.add_mutual_aid_family(session, actor, village_code=VILLAGE, head_name="石秀芳")
    with pytest.raises(ValidationError):  # not assigned yet
        pg.log_mutual_aid_service(session, actor, fam.id, elder, kind="hot_meals")

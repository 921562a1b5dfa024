"""The four-ones schedule on hand-built histories, with the expected figures written out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import work, writes
from app.care.context import Actor, actor_for
from app.care.errors import ValidationError
from app.care.periods import parse_period
from app.care.recipients import add_recipient
from app.care.schedule import (
    CONFIRMED_SEARCHES_SQL,
    CONFIRMED_WINDOWS_SQL,
    compliance,
    four_ones_by_village,
)
from app.models import CareRule
from tests.conftest import VILLAGE
from tests.helpers import LEFT_BEHIND, make_id

D = dt.date


def confirmed(s: Session, actor: Actor, *, on: D, seq: int, key: bool = False,
              categories: tuple[str, ...] = ("left_behind_elder",), self_care: str | None = None) -> str:
    rid = add_recipient(s, actor, **LEFT_BEHIND, name="测试", id_number=make_id(D(1950, 1, 1), seq=seq),
                        categories=list(categories), key_monitoring=key, self_care=self_care,
                        surveyed_on=on).id
    lc.report(s, actor, rid, on=on)
    lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=on, doc_no="审")
    lc.confirm(s, actor, rid, doc_no="定", on=on)
    return rid


def figures(s: Session, period: str) -> dict[str, dict[str, int]]:
    s.flush()
    return four_ones_by_village(s, parse_period(period)).get(VILLAGE, {})


def test_key_monitoring_three_calls_in_a_four_week_month(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=1, key=True)
    for day in (D(2026, 2, 3), D(2026, 2, 4), D(2026, 2, 10), D(2026, 2, 25)):  # weeks 6, 6, 7, 9
        work.log_call(session, actor, rid, reached=True, on=day)
    f = figures(session, "2026-02")  # weeks 6-9 have their Thursday in February
    assert f["call"] == {"owed": 4, "done": 3}


def test_an_unreached_call_does_not_count(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=2)
    work.log_call(session, actor, rid, reached=False, on=D(2026, 3, 3))
    assert figures(session, "2026-03")["call"] == {"owed": 1, "done": 0}
    work.log_call(session, actor, rid, reached=True, on=D(2026, 3, 5))
    work.log_call(session, actor, rid, reached=True, on=D(2026, 3, 20))  # two calls, one obligation
    assert figures(session, "2026-03")["call"] == {"owed": 1, "done": 1}


def test_a_wish_counts_only_when_fulfilled(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=3)
    work.move_wish(session, actor, rid, stage="collected", description="想要一副老花镜", on=D(2026, 4, 2))
    work.move_wish(session, actor, rid, stage="claimed", by="县民政局", on=D(2026, 4, 9))
    assert figures(session, "2026-Q2")["wish"] == {"owed": 1, "done": 0}
    work.move_wish(session, actor, rid, stage="fulfilled", on=D(2026, 7, 2))  # too late for Q2
    assert figures(session, "2026-Q2")["wish"] == {"owed": 1, "done": 0}
    assert figures(session, "2026-Q3")["wish"] == {"owed": 1, "done": 1}


def test_a_quarter_owes_three_monthly_calls_one_visit_and_no_aid(session: Session, actor: Actor) -> None:
    confirmed(session, actor, on=D(2026, 1, 5), seq=4)
    f = figures(session, "2026-Q1")
    assert f["call"] == {"owed": 3, "done": 0} and f["visit"] == {"owed": 1, "done": 0}
    assert f["aid"] == {"owed": 0, "done": 0}  # H1's midpoint (1 April) lies in Q2
    assert figures(session, "2026-Q2")["aid"] == {"owed": 1, "done": 0}
    assert figures(session, "2026-H1")["call"]["owed"] == 6


def test_confirmed_on_the_20th_first_owes_the_next_month(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 3, 20), seq=5)
    assert figures(session, "2026-03") == {}
    assert figures(session, "2026-04")["call"] == {"owed": 1, "done": 0}
    lc.exit_care(session, actor, rid, reason="迁出", on=D(2026, 5, 10))
    assert figures(session, "2026-05") == {}  # gone before the month's midpoint
    assert figures(session, "2026-04")["call"] == {"owed": 1, "done": 0}


def test_a_rule_whose_window_ends_mid_quarter(session: Session, actor: Actor) -> None:
    confirmed(session, actor, on=D(2026, 1, 5), seq=6)
    rule = session.scalars(select(CareRule).where(CareRule.kind == "phone_followup",
                                                  CareRule.period == "month")).one()
    writes.update(session, actor, rule, valid_to=D(2026, 8, 10))  # the county's campaign ends
    assert figures(session, "2026-Q3")["call"] == {"owed": 1, "done": 0}  # July only


def test_the_period_boundary_on_31_december(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2025, 11, 3), seq=7)
    rule_start = D(2025, 11, 1)
    for rule in session.scalars(select(CareRule)):
        writes.update(session, actor, rule, valid_from=rule_start)
    work.log_call(session, actor, rid, reached=True, on=D(2025, 12, 31))
    assert figures(session, "2025-12")["call"] == {"owed": 1, "done": 1}
    assert figures(session, "2026-01")["call"] == {"owed": 1, "done": 0}
    assert figures(session, "2025-Q4")["visit"] == {"owed": 1, "done": 0}


def test_compliance_counts_agreements_and_responsibilities(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=8, self_care="none")
    confirmed(session, actor, on=D(2026, 1, 5), seq=9)
    session.flush()
    [v] = compliance(session, parse_period("2026-Q1"), VILLAGE)
    assert v.recipients == 2
    assert v.agreements == {"needed": 2, "signed": 0}
    assert v.responsibilities == {"needed": 1, "assigned": 0}
    from app.models import Agreement, Responsibility

    writes.create(session, actor, Responsibility, recipient_id=rid, kind="family_guardianship",
                  person_name="吴一", start_date=D(2026, 1, 10))
    writes.create(session, actor, Agreement, recipient_id=rid, kind="family_support", number="1",
                  status="signed", drafted_on=D(2026, 1, 6), signed_on=D(2026, 2, 1))
    session.flush()
    [v] = compliance(session, parse_period("2026-Q1"), VILLAGE)
    assert v.agreements == {"needed": 2, "signed": 1}
    assert v.responsibilities == {"needed": 1, "assigned": 1}


def test_logging_refuses_what_a_director_would_get_wrong(session: Session, actor: Actor) -> None:
    from app.care.errors import ValidationError

    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=10)
    with pytest.raises(ValidationError):
        work.log_call(session, actor, rid, reached=None)
    with pytest.raises(ValidationError):
        work.log_aid(session, actor, rid, items=" ")
    with pytest.raises(ValidationError):
        work.move_wish(session, actor, rid, stage="claimed", by="x")  # nothing collected yet


def test_tasks_put_overdue_first_then_key_monitoring_then_due_date(session: Session, actor: Actor) -> None:
    from app.care.tasks import week_tasks

    plain = confirmed(session, actor, on=D(2026, 1, 5), seq=20)
    key = confirmed(session, actor, on=D(2026, 1, 5), seq=21, key=True)
    on = D(2026, 3, 11)  # a Wednesday
    # The plain recipient had every visit and wish up to date, and January's call, but no
    # call since: February's is overdue and March's still owed.
    work.log_call(session, actor, plain, reached=True, on=D(2026, 1, 10))
    work.log_visit(session, actor, plain, on=D(2026, 3, 1))
    work.move_wish(session, actor, plain, stage="fulfilled", description="棉被", on=D(2026, 2, 1))
    # The key recipient was called every week up to this one.
    day = D(2026, 1, 5)
    while day < D(2026, 3, 9):
        work.log_call(session, actor, key, reached=True, on=day)
        day += dt.timedelta(days=7)
    session.flush()
    tasks = week_tasks(session, on)
    got = [(t.recipient_id == key, t.kind, t.overdue, t.missed, t.due) for t in tasks]
    assert got == [
        # overdue first: one line for the person and kind (not the missed month and the
        # current one apart), due when this month's call is, with the one month missed
        (False, "phone_followup", True, 1, D(2026, 3, 31)),
        (True, "phone_followup", False, 0, D(2026, 3, 15)),   # then key monitoring, by due date
        (True, "home_visit", False, 0, D(2026, 3, 31)),
        (True, "micro_wish", False, 0, D(2026, 3, 31)),
        (True, "material_aid", False, 0, D(2026, 6, 30)),    # H1's aid, due at its end
        (False, "material_aid", False, 0, D(2026, 6, 30)),
    ]
    assert len({(t.recipient_id, t.kind) for t in tasks}) == len(tasks)  # a line per person and kind
    assert [t.kind for t in week_tasks(session, on, overdue_only=True)] == ["phone_followup"]
    # Catching up this month's call takes the person off the list: February cannot be
    # made up, and stays missed in the quarter's figures.
    work.log_call(session, actor, plain, reached=True, on=D(2026, 3, 10))
    session.flush()
    assert [(t.recipient_id, t.kind) for t in week_tasks(session, on)
            if t.recipient_id == plain and t.kind == "phone_followup"] == []
    assert week_tasks(session, on, overdue_only=True) == []


def test_only_the_county_changes_a_rule(session: Session, actor: Actor, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.care.errors import SetupError
    from app.care.rules import change_rule, list_rules
    from app.db import open_database, unit_of_work

    rule = next(r for r in list_rules(session) if r.period == "month")
    with pytest.raises(SetupError):
        change_rule(session, actor, rule.id, count=2)
    county = open_database(tmp_path / "county.sqlite3")
    from app.care.context import actor_for
    from app.care.offices import PLAN_IN_FORCE, init_office

    with unit_of_work(county) as s:
        init_office(s, role="county", code="522631", name="黎平县")
    with unit_of_work(county) as s:
        changed = change_rule(s, actor_for(s), rule.id, count=2, valid_from=D(2026, 7, 1))
        assert changed["count_per_period"] == [1, 2] and changed["valid_to"] == [None, "2026-06-30"]
        with pytest.raises(ValidationError):
            change_rule(s, actor_for(s), rule.id, valid_from=D(2026, 7, 1), valid_to=D(2026, 6, 1))
    with unit_of_work(county) as s:
        monthly = sorted((r for r in list_rules(s) if r.kind == "phone_followup" and r.period == "month"),
                         key=lambda r: r.valid_from)
        # the past keeps its rule; the new frequency starts in July
        assert [(r.count_per_period, r.valid_from, r.valid_to) for r in monthly] == [
            (1, PLAN_IN_FORCE, D(2026, 6, 30)), (2, D(2026, 7, 1), None)]
        change_rule(s, actor_for(s), monthly[1].id, valid_to=D(2026, 12, 31))  # the window, in place
    with unit_of_work(county) as s:
        assert [r.valid_to for r in list_rules(s) if r.id == monthly[1].id] == [D(2026, 12, 31)]
    county.dispose()


def test_a_rule_asking_two_calls_a_month_needs_two(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=40)
    rule = session.scalars(select(CareRule).where(CareRule.kind == "phone_followup",
                                                  CareRule.period == "month")).one()
    writes.update(session, actor, rule, count_per_period=2)  # as a county bundle would bring it
    work.log_call(session, actor, rid, reached=True, on=D(2026, 4, 3))
    assert figures(session, "2026-04")["call"] == {"owed": 1, "done": 0}
    work.log_call(session, actor, rid, reached=True, on=D(2026, 4, 20))
    assert figures(session, "2026-04")["call"] == {"owed": 1, "done": 1}


def test_one_recipients_standing(session: Session, actor: Actor) -> None:
    from app.care.tasks import recipient_schedule

    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=41)
    work.log_call(session, actor, rid, reached=True, on=D(2026, 3, 2))
    work.log_call(session, actor, rid, reached=True, on=D(2026, 1, 20))
    session.flush()
    standing = {s.kind: s for s in recipient_schedule(session, rid, D(2026, 3, 11))}
    call = standing["phone_followup"]
    assert (call.period_start, call.due, call.done, call.overdue) == (D(2026, 3, 1), D(2026, 3, 31), True, 1)
    visit = standing["home_visit"]
    assert (visit.due, visit.done, visit.overdue) == (D(2026, 3, 31), False, 0)
    assert standing["material_aid"].due == D(2026, 6, 30)


def test_a_decision_entered_twice_is_owed_once(session: Session, actor: Actor) -> None:
    """The county's confirmation entered from paper, and the same decision again (as a bundle
    would bring it): the recipient still owes one call a month."""
    from app.models import StatusEvent

    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=42)
    writes.create(session, actor, StatusEvent, recipient_id=rid, step="confirm", from_status="reviewed",
                  to_status="confirmed", decided_on=D(2026, 1, 20), decided_by="县民政局", source="bundle")
    assert figures(session, "2026-05")["call"] == {"owed": 1, "done": 0}


def test_exit_and_new_confirmation_on_the_same_day(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2026, 1, 5), seq=43)
    lc.exit_care(session, actor, rid, reason="父母返乡", on=D(2026, 3, 1))
    lc.report(session, actor, rid, on=D(2026, 3, 1))
    lc.review(session, actor, rid, department="civil_affairs", decision="approve", on=D(2026, 3, 1), doc_no="审")
    lc.confirm(session, actor, rid, doc_no="定", on=D(2026, 3, 1))  # parents left again at once
    assert figures(session, "2026-03")["call"] == {"owed": 1, "done": 0}
    assert figures(session, "2026-05")["call"] == {"owed": 1, "done": 0}


def test_a_key_monitoring_week_across_new_year(session: Session, actor: Actor) -> None:
    rid = confirmed(session, actor, on=D(2025, 11, 3), seq=44, key=True)
    for rule in session.scalars(select(CareRule)):
        writes.update(session, actor, rule, valid_from=D(2025, 11, 1))
    work.log_call(session, actor, rid, reached=True, on=D(2026, 1, 2))  # Friday of week 2026-W01
    # Week 2025-12-29..2026-01-04 has its Thursday on 1 January: it is January's week.
    assert figures(session, "2025-12")["call"]["done"] == 0
    assert figures(session, "2026-01")["call"] == {"owed": 5, "done": 1}  # Thursdays 1, 8, 15, 22, 29


def test_a_rate_below_sixty_percent_falls_behind() -> None:
    """One threshold for the overview's red rows and bars and the compliance PDF's red cells."""
    from app.care.schedule import LOW_RATE, falls_behind

    assert LOW_RATE == 0.6
    assert falls_behind(0.59) and not falls_behind(0.6) and not falls_behind(1.0)
    assert not falls_behind(None)  # nothing owed: nothing behind


event = st.tuples(st.integers(0, 2), st.sampled_from(("confirm", "confirm", "exit", "report")), st.integers(0, 5),
                  st.booleans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(event, max_size=14))
def test_both_ways_of_pairing_the_events_agree(village: Engine, events: list[tuple[int, str, int, bool]]) -> None:
    """Events entered in any order of their dates (several on one day, a confirmation twice,
    an exit before any confirmation, deleted ones): the index searches (SQLite's) pair them
    as the window functions (PostgreSQL's), on either engine."""
    from app.models import StatusEvent

    with Session(village) as s:
        s.begin()
        try:
            actor = actor_for(s)
            people = [add_recipient(s, actor, **LEFT_BEHIND, name="配对", id_number=make_id(D(1950, 1, 1), seq=60 + i),
                                    categories=["left_behind_elder"], surveyed_on=D(2026, 1, 1)).id
                      for i in range(3)]
            for who, step, day, deleted in events:
                e = writes.create(s, actor, StatusEvent, recipient_id=people[who], step=step, from_status="reviewed",
                                  to_status="exited" if step == "exit" else "confirmed",
                                  decided_on=D(2026, 2, 1) + dt.timedelta(days=day), decided_by="县民政局",
                                  source="paper")
                if deleted:
                    writes.delete(s, actor, e)
            s.flush()
            searches = sorted(tuple(str(v) for v in row) for row in s.execute(text(CONFIRMED_SEARCHES_SQL)))
            windows = sorted(tuple(str(v) for v in row) for row in s.execute(text(CONFIRMED_WINDOWS_SQL)))
            assert searches == windows
        finally:
            s.rollback()

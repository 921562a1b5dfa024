"""The overview's one pass over the spans pinned to the plain way (issue 13 point 8).

`app.oversight.figures` reads the four ones and the compliance figures of a period from the
spans that touch it, joined to their recipients once. Whatever the data, that gives:

* the same recipients, agreements and responsibilities per village as `schedule.compliance`;
* the same four ones per village as `schedule.four_ones_by_village`, and per rule period the
  same as the count by sets (`app.oversight.counting`, itself pinned to the plain way);
* the same overview, as JSON, as one built with the plain functions in its place — on
  generated townships (hypothesis: people confirmed, exiting and confirmed again, flags that
  changed, agreements signed or not, responsibilities starting and ending, people without
  self-care ability) and on the township demo, for quarters, a month and a half year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import actor_for
from app.care.periods import parse_period
from app.care.schedule import active_rules, compliance, four_ones_by_village, rule_periods
from app.models import Agreement, Recipient, Responsibility
from app.oversight import figures
from app.oversight import overview as ov
from app.oversight.counting import count_four_ones
from app.ui.store import Store
from tests.helpers import make_id
from tests.test_overview_counting import EDGES, FIRST, LAST, TOWNSHIP, _add, person, township  # noqa: F401

D = dt.date
TODAY = D(2026, 10, 15)
PERIODS = ("2026-Q3", "2026-Q2", "2025-Q4", "2026-08", "2026-H1")

day = st.one_of(st.sampled_from(EDGES), st.dates(FIRST, LAST))
extra = st.fixed_dictionaries({
    "self_care": st.sampled_from(("full", "partial", "none")),
    # (signed on, the kind the category needs or the other one, signed or only printed)
    "agreements": st.lists(st.tuples(day, st.booleans(), st.booleans()), max_size=2),
    # (start, days it lasts or open)
    "responsibilities": st.lists(st.tuples(day, st.one_of(st.none(), st.integers(0, 300))), max_size=2),
})


def _extras(s: Session, n: int, e: dict[str, Any]) -> None:
    actor = actor_for(s)
    recipient = s.scalars(select(Recipient).where(Recipient.id_number == make_id(D(1950, 1, 1), seq=100 + n))).one()
    rid = recipient.id
    if e["self_care"] != recipient.self_care:
        writes.update(s, actor, recipient, self_care=e["self_care"])
    elder = "left_behind_elder" in (recipient.categories or "")
    for i, (on, fits, signed) in enumerate(e["agreements"]):
        kind = "family_support" if fits == elder else "entrusted_guardianship"
        writes.create(s, actor, Agreement, recipient_id=rid, kind=kind, number=f"A-{n}-{i}",
                      status="signed" if signed else "printed", drafted_on=on, printed_on=on,
                      signed_on=on if signed else None)
    for start, days in e["responsibilities"]:
        writes.create(s, actor, Responsibility, recipient_id=rid, kind="family_guardianship", person_name="儿子",
                      start_date=start, end_date=None if days is None else start + dt.timedelta(days=days))


def _plain_figures(session: Session, span: Any, prefix: str, four: dict[str, Any]) -> list[Any]:
    return compliance(session, span, prefix, four_ones=four)


def _plain_overview(session: Session, period: str, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> dict[str, Any]:
    """The overview with the plain functions in the fast ones' place."""
    with monkeypatch.context() as m:
        m.setattr(ov, "compliance_of_people", _plain_figures)
        ov._KEPT.clear()
        return ov.overview(session, period, **kw).to_json()


def _fast_overview(session: Session, period: str, **kw: Any) -> dict[str, Any]:
    ov._KEPT.clear()
    return ov.overview(session, period, **kw).to_json()


def _check(s: Session, prefix: str, label: str) -> None:
    span = parse_period(label)
    four = four_ones_by_village(s, span, prefix)
    figures.prepare_people(s, prefix, span.start, span.end, spans_ready=False)
    counts = figures.four_ones_of_people(s, rule_periods(active_rules(s), span.start, span.end))
    assert ov._by_village(counts) == four, label
    by_sets = count_four_ones(s, span.start, span.end, prefix)
    assert {k: tuple(v) for k, v in counts.items()} == {k: tuple(v) for k, v in by_sets.items()}, label
    fast = [f.to_json() for f in figures.compliance_of_people(s, span, prefix, ov._by_village(counts))]
    plain = [f.to_json() for f in compliance(s, span, prefix, four_ones=ov._by_village(counts))]
    assert fast == plain, label


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(people=st.lists(st.tuples(person, extra), min_size=1, max_size=8))
def test_the_one_pass_equals_the_plain_way(township: Engine, people: list[tuple[dict, dict]],  # noqa: F811
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with Session(township) as s:
        s.begin()
        try:
            actor = actor_for(s)
            for n, (p, e) in enumerate(people):
                _add(s, actor, n, p)
                s.flush()
                _extras(s, n, e)
            s.flush()
            for label in PERIODS:
                _check(s, TOWNSHIP, label)
                assert _fast_overview(s, label, today=TODAY) == _plain_overview(s, label, monkeypatch, today=TODAY)
            assert (_fast_overview(s, "2026-Q3", today=TODAY, trend=3)
                    == _plain_overview(s, "2026-Q3", monkeypatch, today=TODAY, trend=3))
        finally:
            s.rollback()
            ov._KEPT.clear()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    store = Store.open(str(Path(tmp_path_factory.mktemp("demo")) / "demo.sqlite3"))
    store.fill_demo("township", today=D(2026, 11, 28))
    yield store.engine
    store.close()


@pytest.mark.parametrize("label", ["2026-Q4", "2026-Q3", "2026-11", "2026-H2"])
def test_the_township_demo_overview_is_the_plain_one(demo: Engine, label: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with Session(demo) as s:
        office = ov._area(s, None)[1]
        _check(s, office, label)
        kw: dict[str, Any] = {"today": D(2026, 11, 28)}
        fast = _fast_overview(s, label, **kw)
        assert fast == _plain_overview(s, label, monkeypatch, **kw)
        assert len(fast["units"]) >= 20 and sum(u["recipients"] for u in fast["units"]) > 2000
        assert any(u["agreements"]["needed"] for u in fast["units"])
        assert any(u["responsibilities"]["needed"] for u in fast["units"])
        # a village's own row, and the trend's pass
        village = fast["units"][0]["code"]
        assert (_fast_overview(s, label, area=village, **kw)
                == _plain_overview(s, label, monkeypatch, area=village, **kw))
        if label == "2026-Q4":
            assert (_fast_overview(s, label, trend=4, **kw)
                    == _plain_overview(s, label, monkeypatch, trend=4, **kw))


# The plain no_contact: one search over all of a recipient's records in the 60 days (as
# warnings.no_contact was written before it looked up each kind of record on its own).
PLAIN_NO_CONTACT = """
    SELECT r.id FROM recipients r
    WHERE r.deleted = FALSE AND r.village_code LIKE :prefix AND r.status = 'confirmed'
      AND r.status_date <= :contact_since
      AND NOT EXISTS (SELECT 1 FROM care_records c WHERE c.recipient_id = r.id AND c.deleted = FALSE
                      AND c.occurred_on > :contact_since AND c.occurred_on <= :on
                      AND (c.kind != 'phone_followup' OR c.reached = TRUE))"""


@pytest.mark.parametrize("on", [D(2026, 11, 28), D(2026, 9, 30), D(2026, 2, 1)])
def test_the_overview_counts_the_warnings_the_director_sees(demo: Engine, on: dt.date) -> None:
    """warning_counts (the overview's: the checks of confirmed recipients asked together, the
    others counted) is warnings_for's rows counted per village and kind, for the whole township
    and for one village; no_contact is the plain query's people."""
    from collections import Counter

    from sqlalchemy import text

    from app.care.warnings import ORDER, _params, warning_counts, warnings_for

    with Session(demo) as s:
        office = ov._area(s, None)[1]
        listed = warnings_for(s, on)
        counted = Counter((w.village_code, w.kind) for w in listed)
        expected: dict[str, dict[str, int]] = {}
        for (village, kind), n in counted.items():
            expected.setdefault(village, {})[kind] = n
        assert warning_counts(s, on) == expected
        assert warning_counts(s, on, office) == expected
        kinds = {k for w in expected.values() for k in w}
        assert len(expected) >= 20 and (kinds == set(ORDER) or on != D(2026, 11, 28))  # every kind on its day
        village = max(expected, key=lambda v: sum(expected[v].values()))
        assert warning_counts(s, on, village) == {village: expected[village]}
        plain = {rid for (rid,) in s.execute(text(PLAIN_NO_CONTACT), _params(on, office))}
        assert {w.recipient_id for w in listed if w.kind == "no_contact"} == plain
        assert plain or on != D(2026, 11, 28)  # the demo has people out of touch by its day


@pytest.mark.parametrize("trend", [0, 4])
def test_the_warnings_counted_on_a_second_connection_are_the_same(demo: Engine, trend: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """At county scale the warnings are counted on a second connection while the four ones
    are (app/oversight/second_reader.py): the overview is the same, and they were counted on
    another thread."""
    import threading

    from app.care import warnings

    threads: list[str] = []
    counted = warnings.warning_counts

    def warning_counts(*a: Any, **kw: Any) -> dict[str, dict[str, int]]:
        threads.append(threading.current_thread().name)
        return counted(*a, **kw)

    monkeypatch.setattr(ov, "warning_counts", warning_counts)
    with Session(demo) as s:
        kw: dict[str, Any] = {"today": D(2026, 11, 28), "trend": trend}
        one = _fast_overview(s, "2026-Q4", beside=False, **kw)
        two = _fast_overview(s, "2026-Q4", beside=True, **kw)
        assert one == two and any(u["warnings"] for u in one["units"])
        assert threads[0] == threading.current_thread().name
        assert threads[1].startswith("guanai-second-reader")
        # a township's area is counted on one connection unless asked (BESIDE_FROM recipients)
        _fast_overview(s, "2026-Q4", **kw)
        assert threads[2] == threading.current_thread().name

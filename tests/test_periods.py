from __future__ import annotations

import datetime as dt

import pytest

from app.care.errors import ValidationError
from app.care.periods import (
    parse_period,
    period_of,
    periods_between,
    previous_period,
    recent_periods,
)

D = dt.date


def test_weeks_start_on_monday_and_cross_the_year() -> None:
    w = period_of(D(2026, 1, 1), "week")  # a Thursday
    assert (w.start, w.end, w.label) == (D(2025, 12, 29), D(2026, 1, 4), "2026-W01")


@pytest.mark.parametrize("kind,start,end,label", [
    ("month", D(2026, 2, 1), D(2026, 2, 28), "2026-02"),
    ("quarter", D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
    ("half_year", D(2026, 1, 1), D(2026, 6, 30), "2026-H1"),
])
def test_calendar_periods(kind: str, start: dt.date, end: dt.date, label: str) -> None:
    span = period_of(D(2026, 2, 14), kind)
    assert (span.start, span.end, span.label) == (start, end, label)


def test_the_last_day_of_the_year_closes_every_period() -> None:
    for kind in ("month", "quarter", "half_year"):
        span = period_of(D(2026, 12, 31), kind)
        assert span.end == D(2026, 12, 31) and D(2026, 12, 31) in span and D(2027, 1, 1) not in span


def test_a_quarter_holds_three_months_and_fourteen_weeks() -> None:
    q = parse_period("2026-Q3")
    assert [m.label for m in periods_between(q.start, q.end, "month")] == ["2026-07", "2026-08", "2026-09"]
    weeks = periods_between(q.start, q.end, "week")
    assert weeks[0].start == D(2026, 6, 29) and weeks[-1].end == D(2026, 10, 4) and len(weeks) == 14


@pytest.mark.parametrize("text,label", [("2026-q3", "2026-Q3"), ("2026-H2", "2026-H2"), ("2026-7", "2026-07"),
                                        ("2026-W05", "2026-W05")])
def test_period_labels_parse(text: str, label: str) -> None:
    assert parse_period(text).label == label


@pytest.mark.parametrize("text", ["2026", "2026-Q5", "2026-13", "Q3-2026", ""])
def test_bad_period_labels_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_period(text)
    assert "2026-Q3" in e.value.zh


@pytest.mark.parametrize("label,mid", [("2026-H1", D(2026, 4, 1)), ("2026-H2", D(2026, 10, 1)),
                                       ("2026-02", D(2026, 2, 15)), ("2026-W05", D(2026, 1, 29)),
                                       ("2026-Q3", D(2026, 8, 16))])
def test_midpoints(label: str, mid: dt.date) -> None:
    assert parse_period(label).midpoint == mid


def test_recent_periods_go_back_from_the_day_newest_first() -> None:
    """The choices of every period list in the app (overview, supervision, assessment, the
    period picker) come from here, across a year's end."""
    quarters = recent_periods(D(2026, 2, 10), "quarter", 3)
    assert [q.label for q in quarters] == ["2026-Q1", "2025-Q4", "2025-Q3"]
    assert [h.label for h in recent_periods(D(2026, 7, 1), "half_year", 3)] == ["2026-H2", "2026-H1", "2025-H2"]
    assert previous_period(parse_period("2026-03")).label == "2026-02"
    assert previous_period(parse_period("2026-W01")).label == "2025-W52"

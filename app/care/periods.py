"""Calendar periods of the care rules: weeks (Monday first), months, quarters, half years,
and the period labels the CLI takes ("2026-Q3", "2026-H2", "2026-07", "2026-W05")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.care.errors import ValidationError
from app.models.codes import Period as PeriodKind

FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a period label may name (the CLI's dates too)


@dataclass(frozen=True, order=True)
class Span:
    """A calendar period, both ends included."""

    start: dt.date
    end: dt.date
    kind: str

    @property
    def midpoint(self) -> dt.date:
        """The day that decides whether the period is owed (see app.care.schedule)."""
        return self.start + dt.timedelta(days=((self.end - self.start).days + 1) // 2)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.week:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == PeriodKind.month:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == PeriodKind.quarter:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-H{1 if self.start.month == 1 else 2}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _month_start(year: int, month: int) -> dt.date:
    y, m = divmod(month - 1, 12)
    return dt.date(year + y, m + 1, 1)


def period_of(day: dt.date, kind: str) -> Span:
    if kind == PeriodKind.week:
        start = day - dt.timedelta(days=day.weekday())
        return Span(start, start + dt.timedelta(days=6), kind)
    spans: dict[str, int] = {PeriodKind.month: 1, PeriodKind.quarter: 3, PeriodKind.half_year: 6}
    months = spans.get(kind)
    if months is None:
        raise ValueError(f"unknown period kind {kind!r}")
    first = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first, 1)
    end = _month_start(day.year, first + months) - dt.timedelta(days=1)
    return Span(start, end, kind)


def next_period(span: Span) -> Span:
    return period_of(span.end + dt.timedelta(days=1), span.kind)


def previous_period(span: Span) -> Span:
    return period_of(span.start - dt.timedelta(days=1), span.kind)


def recent_periods(day: dt.date, kind: str, n: int) -> list[Span]:
    """The period of `kind` holding `day` and the n - 1 before it, newest first (the
    choices of a period list)."""
    out = [period_of(day, kind)]
    while len(out) < n:
        out.append(previous_period(out[-1]))
    return out


def periods_between(start: dt.date, end: dt.date, kind: str) -> list[Span]:
    """Every period of `kind` that overlaps [start, end], in order."""
    out: list[Span] = []
    span = period_of(start, kind)
    while span.start <= end:
        out.append(span)
        span = next_period(span)
    return out


def parse_period(text: str) -> Span:
    """"2026-Q3", "2026-H2", "2026-07" or "2026-W05" as a Span; a clear error otherwise."""
    t = (text or "").strip().upper()
    year = re.match(r"(\d{4})-", t)
    if year and not FIRST_YEAR <= int(year[1]) <= LAST_YEAR:  # a typo (and the schedule's reach would overflow)
        raise ValidationError(f"期间：{text} 的年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 年之间。",
                              f"Period '{text}': the year must be {FIRST_YEAR} to {LAST_YEAR}.", field="period")
    try:
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", t):
            return period_of(dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), PeriodKind.quarter)
        if m := re.fullmatch(r"(\d{4})-H([12])", t):
            return period_of(dt.date(int(m[1]), 1 if m[2] == "1" else 7, 1), PeriodKind.half_year)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
            return period_of(dt.date(int(m[1]), int(m[2]), 1), PeriodKind.month)
        if m := re.fullmatch(r"(\d{4})-W(\d{1,2})", t):
            return period_of(dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), PeriodKind.week)
    except ValueError:
        pass
    raise ValidationError(
        f"期间：“{text}”无法识别，请写成 2026-Q3（季度）、2026-H2（半年）、2026-07（月）或 2026-W05（周）。",
        f"Period '{text}' not understood: use 2026-Q3, 2026-H2, 2026-07 or 2026-W05.", field="period")

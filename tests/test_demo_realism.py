"""The demo reads like a real village's records (issue 14, point 15): nothing in it is dated
after its `today` but the dates that look ahead (an agreement's term, a rectification
deadline); children under 16 have no work ability; given names vary as real ones do; and no
neighbour (mutual-aid) family looks after more than a handful of people at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import Date, DateTime, Engine, func, select
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (every table in the metadata)
from app.demo.village import MAX_CARED
from app.models import MutualAidAssignment, Recipient, StatusEvent
from app.models.base import Base
from tests.helpers import demo_database

TODAY = dt.date(2026, 12, 7)  # the case: confirmations dated up to 2026-12-24
LOOKING_AHEAD = {("agreements", "term_end"), ("rectification_items", "deadline")}


@pytest.fixture(scope="module", params=["village", "township"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base = tmp_path_factory.mktemp(request.param)
    with demo_database(base, request.param, TODAY) as engine:
        yield engine


def test_nothing_is_dated_after_today(demo: Engine) -> None:
    late: dict[str, int] = {}
    scanned = 0
    end_of_today = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(), dt.UTC)
    with Session(demo) as s:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if (table.name, column.name) in LOOKING_AHEAD:
                    continue
                if isinstance(column.type, Date):
                    after = column > TODAY
                elif isinstance(column.type, DateTime) or getattr(column.type, "impl", None).__class__ is DateTime:
                    after = column >= end_of_today
                else:
                    continue
                scanned += 1
                n = s.scalar(select(func.count()).select_from(table).where(after))
                if n:
                    late[f"{table.name}.{column.name}"] = n
        confirmed = s.scalar(select(func.count()).where(StatusEvent.step == "confirm"))
    assert scanned > 40 and confirmed
    assert late == {}


def test_children_have_no_work_ability(demo: Engine) -> None:
    with Session(demo) as s:
        people = s.execute(select(Recipient.birth_date, Recipient.work_ability)).all()
    children = [w for birth, w in people if birth.replace(year=birth.year + 16, day=min(birth.day, 28)) > TODAY]
    assert len(children) > 10
    assert Counter(children) == {"none": len(children)}
    assert {w for _b, w in people} >= {"full", "partial", "none"}  # the adults still vary


def test_given_names_vary(demo: Engine) -> None:
    with Session(demo) as s:
        names = s.scalars(select(Recipient.name)).all()
    given = Counter(n[1:] for n in names)
    assert len(given) / len(names) >= 0.8, given.most_common(10)
    # no name is worn by more than one person in a hundred (and a handful in a small village)
    assert given.most_common(1)[0][1] <= max(4, len(names) // 100), given.most_common(5)
    assert 0.03 < sum(1 for n in names if len(n) == 2) / len(names) < 0.2  # single-character given names


def test_a_neighbour_family_looks_after_a_handful(demo: Engine) -> None:
    with Session(demo) as s:
        spans = s.execute(select(MutualAidAssignment.family_id, MutualAidAssignment.start_date,
                                 func.coalesce(MutualAidAssignment.end_date, TODAY))).all()
    by_family: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for fid, start, end in spans:
        by_family.setdefault(fid, []).append((start, end))
    assert by_family
    for fid, mine in by_family.items():
        for start, _end in mine:  # at each start, how many are in the family's care
            at_once = sum(1 for a, b in mine if a <= start <= b)
            assert at_once <= MAX_CARED, (fid, start, at_once)
    assert max(len(m) for m in by_family.values()) <= 2 * MAX_CARED



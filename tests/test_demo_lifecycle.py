"""The demo's generated life cycles obey the rules of app.care.lifecycle (issue 18, point 1).

The demo is bulk-loaded, not written step by step through the services (app/demo/load.py says
why), so the rules are checked here on what it generated, with the same pure functions the
services and the batch door call: each step is one the status before it allows
(`steps_allowed`, with the current round's review decisions), each date passes `check_date`
(not before the previous step's), a department reviews a round once, and the person's status
and status date are those of their last step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import lifecycle
from app.models import Recipient, StatusEvent
from app.models.codes import LifecycleStep, Status
from tests.helpers import demo_database

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base: Path = tmp_path_factory.mktemp("village")
    with demo_database(base, "village", TODAY) as engine:
        yield engine


class _Before:
    """A person as they stood before a step (what the rules read)."""

    def __init__(self, name: str, categories: tuple[str, ...]) -> None:
        self.name, self.categories = name, categories
        self.status = ""
        self.status_date = dt.date.min


def test_every_generated_step_is_one_the_rules_allow(demo: Engine) -> None:
    with Session(demo) as s:
        people = {r.id: r for r in s.scalars(select(Recipient))}
        events = s.scalars(select(StatusEvent).where(StatusEvent.deleted.is_(False))
                           .order_by(StatusEvent.recipient_id, StatusEvent.hlc)).all()
        checked = 0
        for rid, steps in groupby(events, key=lambda e: e.recipient_id):
            r = people[rid]
            before = _Before(r.name, tuple(r.categories))
            reviews: dict[str, str | None] = {}
            for i, e in enumerate(steps):
                where = f"{r.name} step {i} {e.step} on {e.decided_on}"
                if i == 0:
                    assert e.step == LifecycleStep.survey and e.to_status == Status.surveyed, where
                else:
                    assert e.from_status == before.status, where
                    assert e.step in lifecycle.steps_allowed(before.status, list(reviews.values())), where
                    lifecycle.check_date(before, LifecycleStep(e.step), e.decided_on)
                if e.step == LifecycleStep.report:
                    reviews = {}
                elif e.step == LifecycleStep.review:
                    assert e.department and e.department not in reviews, where
                    reviews[e.department] = e.decision
                before.status, before.status_date = e.to_status, e.decided_on
                checked += 1
            assert (r.status, r.status_date) == (before.status, before.status_date), r.name
    assert checked > 100

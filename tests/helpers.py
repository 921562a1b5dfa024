"""Small builders shared by the tests."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.ui.background import Background
from app.ui.kit import Context, Hub
from app.ui.store import Store

# The household conditions a survey records for the left-behind categories (issue 14, point 8):
# confirming one of them is refused until they are recorded.
LEFT_BEHIND = {"parents_away": "both_away", "husband_works_away": True, "children_work_away": True}


def make_id(birth: dt.date, sex: str = "male", region: str = "522631", seq: int = 12) -> str:
    """A valid resident ID number for a birth date and sex (odd 17th digit = male)."""
    seq = seq * 2 + (1 if sex == "male" else 0)
    body = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def years_before(on: dt.date, years: int, days: int = 0) -> dt.date:
    return on.replace(year=on.year - years) - dt.timedelta(days=days)


def ui_context(store: Store, background: Background) -> Context:
    """The Context a page or dialog gets in the app: the store, the worker, the office, a hub."""
    office = store.office()
    assert office is not None
    return Context(store, background, office, Hub())


def child_and_elder(engine: Engine, elder_categories: tuple[str, ...] = ("left_behind_elder",)) -> dict[str, str]:
    """Two people of 岩寨村, surveyed 2026-01-05: a left-behind child at 岩寨小学 (龙梓涵) and an
    elder born 1944 who can partly look after himself (吴老汉); their ids by "child", "elder"."""
    on = dt.date(2026, 1, 5)
    with Session(engine) as s, s.begin():
        actor = actor_for(s)
        child = add_recipient(s, actor, **LEFT_BEHIND, name="龙梓涵", id_number=make_id(dt.date(2015, 5, 5), "female", seq=31),
                              categories=["left_behind_child"], school="岩寨小学", surveyed_on=on)
        elder = add_recipient(s, actor, **LEFT_BEHIND, name="吴老汉", id_number=make_id(dt.date(1944, 5, 5), seq=32),
                              categories=list(elder_categories), self_care="partial", surveyed_on=on)
        return {"child": child.id, "elder": elder.id}


@contextlib.contextmanager
def demo_database(base: Path, scale: str, today: dt.date) -> Iterator[Engine]:
    """A demo database made in `base` (its data directory there too) for a module's read-only
    tests; a module-scoped fixture cannot take the `monkeypatch` fixture, hence the context."""
    from app.db import open_database
    from app.demo.generate import generate_demo

    with pytest.MonkeyPatch.context() as env:
        env.setenv("GUANAI_HOME", str(base / "home"))
        engine = open_database(base / "demo.sqlite3")
        try:
            generate_demo(engine, scale=scale, today=today)
            yield engine
        finally:
            engine.dispose()

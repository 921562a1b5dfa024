from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care.context import Actor, actor_for
from app.care.offices import init_office
from app.db import open_database

VILLAGE = "522631100201"
TOWNSHIP = "522631100"


@pytest.fixture(autouse=True)
def guanai_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory (laptop id, default database)."""
    home = tmp_path / "home"
    monkeypatch.setenv("GUANAI_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings stays out of ~
    return home


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "test.sqlite3")
    yield eng
    eng.dispose()


@pytest.fixture
def village(engine: Engine) -> Engine:
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP,
                    operator="王主任", today=dt.date(2026, 1, 1))
    return engine


@pytest.fixture
def session(village: Engine) -> Iterator[Session]:
    """A session on the village database whose transaction the test commits itself."""
    with Session(village) as s:
        yield s


@pytest.fixture
def actor(session: Session) -> Actor:
    return actor_for(session)

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import app.db
from app.care.context import Actor, actor_for
from app.care.offices import init_office
from app.db import open_database
from app.ui import print_actions
from app.ui.background import Background
from app.ui.kit import Context
from app.ui.store import Store
from tests.helpers import ui_context
from tests.server_db import ON_SERVER, SERVER_URL, SQLITE_ONLY, ServerDatabases, redirect, sweep

VILLAGE = "522631100201"
TOWNSHIP = "522631100"


@pytest.fixture(autouse=True)
def guanai_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory (laptop id, default database)."""
    home = tmp_path / "home"
    monkeypatch.setenv("GUANAI_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # QSettings stays out of ~
    return home


@pytest.fixture(autouse=True)
def no_heap_freezing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app freezes what is alive into the collector's permanent generation
    (app/ui/store.py settle_heap); the suite builds and drops many windows and stores, which
    would then never be collected: the suite's own collector keeps them collectable (the app
    itself has no switch for this)."""
    import gc

    monkeypatch.setattr(gc, "freeze", lambda: None)


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question box no test answered would block the suite forever (a form left with
    unsaved text asks Save / Discard / Cancel when pytest-qt closes it at teardown): unless a
    test patches QMessageBox.question itself, it is answered the way that changes nothing —
    Cancel, or No."""
    from PySide6.QtWidgets import QMessageBox

    def answer(*_args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        buttons = kwargs.get("buttons", _args[3] if len(_args) > 3 else QMessageBox.StandardButton.No)
        cancel = QMessageBox.StandardButton.Cancel
        return cancel if (buttons & cancel) == cancel else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a database server (GUANAI_TEST_DB_URL), skip the tests about SQLite files."""
    if not ON_SERVER:
        return
    for item in items:
        for prefix, why in SQLITE_ONLY.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.skip(reason=f"SQLite only: {why}"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if ON_SERVER:
        sweep(SERVER_URL)


@pytest.fixture(autouse=True)
def server_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """With GUANAI_TEST_DB_URL set, the SQLite files this test opens through app.db are fresh
    databases on that server instead, dropped after the test (tests/server_db.py)."""
    if not ON_SERVER:
        yield
        return
    databases = ServerDatabases(SERVER_URL, request.node.nodeid)
    monkeypatch.setattr(app.db, "database_url", redirect(app.db.database_url, databases))
    yield
    databases.drop_all()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_database(tmp_path / "test.sqlite3")
    yield eng
    eng.dispose()


@pytest.fixture
def village(engine: Engine) -> Engine:
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP,
                    operator="王主任")
    return engine


@pytest.fixture
def session(village: Engine) -> Iterator[Session]:
    """A session on the village database whose transaction the test commits itself."""
    with Session(village) as s:
        yield s


@pytest.fixture
def actor(session: Session) -> Actor:
    return actor_for(session)


# ---- the UI tests (tests/test_ui_*.py) ------------------------------------------------------

DEMO_TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def background() -> Iterator[Background]:
    """The UI's single database worker, shut down after the test."""
    bg = Background()
    yield bg
    bg.shutdown()


@pytest.fixture
def ctx(qtbot: Any, village: Engine, background: Background) -> Context:
    """What a page or dialog gets in the app, over the small village database of `village`
    (empty but for its office). A file whose every test needs people first overrides it:
    `def ctx(people, ctx): return ctx`."""
    return ui_context(Store(village), background)


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A database filled with the village-scale demo (`generate_demo`, as of DEMO_TODAY)."""
    store = Store.open(str(tmp_path / "demo.sqlite3"))
    store.fill_demo("village", today=DEMO_TODAY)
    yield store
    store.close()


@pytest.fixture
def demo_ctx(qtbot: Any, demo_store: Store, background: Background) -> Context:
    """A Context over the village demo."""
    return ui_context(demo_store, background)


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the app asked the desktop to open (a PDF after printing), none opened."""
    files: list[Path] = []
    monkeypatch.setattr(print_actions, "open_file", lambda path: files.append(path) or True)
    return files

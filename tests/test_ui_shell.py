"""The desktop shell driven through its real widgets (offscreen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Office, Recipient
from app.ui.background import Background
from app.ui.first_run import FirstRunDialog
from app.ui.main import MainWindow
from app.ui.roster_model import RosterModel
from app.ui.store import RosterFilter, Store


@pytest.fixture
def background():  # type: ignore[no-untyped-def]
    bg = Background()
    yield bg
    bg.shutdown()


@pytest.fixture
def demo_store(tmp_path: Path) -> Store:
    store = Store.open(str(tmp_path / "ui.sqlite3"))
    store.fill_demo("village", today=dt.date(2026, 11, 28))
    return store


def test_first_run_sets_up_the_office_typed_in(qtbot, tmp_path: Path, background: Background) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(str(tmp_path / "new.sqlite3"))
    dialog = FirstRunDialog(store, background)
    qtbot.addWidget(dialog)
    dialog.code.setText("5226311002")  # too short: refused on the form, nothing written
    dialog.name.setText("岩寨村")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "12位" in dialog.error.text()
    assert store.office() is None
    dialog.code.setText("522631100201")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    office = store.office()
    assert office is not None and (office.code, office.name, office.level) == ("522631100201", "岩寨村", "village")


def test_first_run_can_fill_a_demo_village(qtbot, tmp_path: Path, background: Background) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(str(tmp_path / "demo.sqlite3"))
    dialog = FirstRunDialog(store, background)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    with Session(store.engine) as s:
        assert s.scalar(select(Office.level).where(Office.code == store.office().code)) == "village"  # type: ignore[union-attr]
        assert len(s.scalars(select(Recipient.id)).all()) > 100


def test_roster_model_passes_qt_model_checks(qtbot, qtmodeltester, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    model = RosterModel(demo_store, background)
    with qtbot.waitSignal(model.modelReset, timeout=10000):
        model.refresh(RosterFilter())
    qtbot.waitUntil(lambda: model.summary_at(0) is not None, timeout=10000)
    qtmodeltester.check(model)
    assert model.rowCount() == demo_store.roster_total()


def test_searching_by_pinyin_initials_in_the_main_window(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_store.engine) as s:
        someone = s.scalars(select(Recipient).order_by(Recipient.id)).first()
        assert someone is not None
        initials, name = someone.name_initials, someone.name
        expected = len(s.scalars(select(Recipient.id).where(
            (Recipient.name_initials.like(f"{initials}%")) | (Recipient.name_pinyin.like(f"{initials}%")))).all())
    window = MainWindow(demo_store, background, demo_store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == demo_store.roster_total(), timeout=10000)
    qtbot.keyClicks(window.search, initials)
    qtbot.waitUntil(lambda: window.model.rowCount() == expected, timeout=10000)
    qtbot.waitUntil(lambda: all(window.model.summary_at(r) is not None for r in range(window.model.rowCount())),
                    timeout=10000)
    shown = [window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())]
    assert name in shown
    assert window.count_label.text() == f"共 {expected} 人"
    masked = window.model.data(window.model.index(shown.index(name), 3))
    assert "********" in masked

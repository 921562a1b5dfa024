"""A database made before users existed (issue 15 point 2): the app offers once per start to
set the director's password, which encrypts the file in place (every table compared before
the plain file goes); 以后再说 goes on as before; the demo is never offered it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.db import open_database
from app.models import Recipient
from app.models.evidence import AuditEntry
from app.protection.keyring import CHEAPEST, SidecarKeyring
from app.protection.signin import open_signed_in, sign_in
from app.ui import main
from app.ui.background import Background
from app.ui.protect_existing import ProtectExistingDialog, needs_protection
from app.ui.store import Store
from tests.conftest import TOWNSHIP, VILLAGE
from tests.helpers import LEFT_BEHIND, make_id
from tests.server_db import ON_SERVER

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "yanzhai-2026"
PLAIN = b"SQLite format 3\x00"
pytestmark = pytest.mark.skipif(ON_SERVER, reason="the app's own SQLite file on this laptop")


@pytest.fixture(autouse=True)
def cjk_font() -> None:
    from PySide6.QtGui import QFont, QFontDatabase

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]


@pytest.fixture
def plain_db(tmp_path: Path) -> str:
    """A village's database from before users: an office and two people, no keyring."""
    from app.care.offices import init_office

    path = tmp_path / "old.sqlite3"
    engine = open_database(path)
    with Session(engine) as s, s.begin():
        init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP, operator="王主任")
    with Session(engine) as s, s.begin():
        actor = actor_for(s)
        on = dt.date(2026, 1, 5)
        add_recipient(s, actor, **LEFT_BEHIND, name="龙梓涵", id_number=make_id(dt.date(2015, 5, 5), "female", seq=31),
                      categories=["left_behind_child"], school="岩寨小学", surveyed_on=on)
        add_recipient(s, actor, **LEFT_BEHIND, name="吴老汉", id_number=make_id(dt.date(1944, 5, 5), seq=32),
                      categories=["left_behind_elder"], self_care="partial", surveyed_on=on)
    engine.dispose()
    return str(path)


def start(background: Background, target: str) -> tuple[Store, Any, bool]:
    app = QApplication.instance()
    store, office, demo = main.start_store(app, background, target)  # type: ignore[arg-type]
    store.kdf = CHEAPEST
    return store, office, demo


def drive(qtbot: Any, steps: list[Any]) -> list[ProtectExistingDialog]:
    """Drive the modal dialog offer_protection runs: each step is tried every 50 ms on the
    dialog shown until it answers True, then the next one."""
    seen: list[ProtectExistingDialog] = []
    todo = list(steps)

    def tick() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ProtectExistingDialog) and w.isVisible()), None)
        if dialog is not None:
            if dialog not in seen:
                seen.append(dialog)
            while todo and todo[0](dialog):
                todo.pop(0)
        if todo:
            QTimer.singleShot(50, tick)

    QTimer.singleShot(50, tick)
    return seen


def test_confirming_encrypts_the_old_database_and_signs_the_director_in(
        qtbot: Any, plain_db: str, background: Background) -> None:
    store, office, demo = start(background, plain_db)
    assert office is not None and not demo and store.unencrypted
    assert needs_protection(store, plain_db, demo=demo)

    def fill(d: ProtectExistingDialog) -> bool:
        assert d.director.text() == "王主任"  # the operator setting
        d.password.setText("short")
        d.protect_button.click()
        assert "至少 8 个字符" in d.error.text()
        d.password.setText(PASSWORD)
        d.password_again.setText(PASSWORD + "x")
        d.protect_button.click()
        assert "不一致" in d.error.text()
        d.password_again.setText(PASSWORD)
        d.error.clear()
        d.grab().save(str(SHOTS / "protect-existing.png"))
        d.protect_button.click()
        return True

    def code_shown(d: ProtectExistingDialog) -> bool:
        if d.pages.currentIndex() != 1:
            return False
        assert not d.recovery_page.start_button.isEnabled()  # not before it is written down
        codes.append(d.recovery_page.code_label.text())
        d.reject()  # Esc: the code must be confirmed, it is not shown again
        assert d.isVisible()
        d.recovery_page.written.setChecked(True)
        d.recovery_page.start_button.click()
        return True

    codes: list[str] = []
    seen = drive(qtbot, [fill, code_shown])
    assert main.offer_protection(store, background, office, plain_db, demo=demo)
    assert len(seen) == 1 and len(codes[0]) == 29

    path = Path(plain_db)
    assert path.read_bytes()[:16] != PLAIN
    keyring = SidecarKeyring(path)
    assert keyring.exists() and keyring.load().encrypted
    assert store.signed is not None and (store.signed.user, store.signed.role) == ("王主任", "director")
    assert not store.unencrypted and store.roster_total() == 2
    window = main.MainWindow(store, background, office)
    qtbot.addWidget(window)
    assert "未加密" not in window.windowTitle() and "王主任" in window.windowTitle()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=15000)
    store.close()

    # read with the key the password opens: every recipient is there
    who = sign_in(keyring, "王主任", PASSWORD)
    engine = open_signed_in(plain_db, who, migrate=False, store=keyring)
    with Session(engine) as s:
        assert sorted(s.scalars(select(Recipient.name))) == ["吴老汉", "龙梓涵"]
    engine.dispose()
    assert not needs_protection(Store.deferred(plain_db), plain_db, demo=False)  # asked no more


def test_later_leaves_the_file_plain_and_the_app_working(
        qtbot: Any, plain_db: str, background: Background) -> None:
    store, office, demo = start(background, plain_db)

    def later(d: ProtectExistingDialog) -> bool:
        d.later_button.click()
        return True

    seen = drive(qtbot, [later])
    assert not main.offer_protection(store, background, office, plain_db, demo=demo)
    assert len(seen) == 1
    assert Path(plain_db).read_bytes()[:16] == PLAIN
    assert not SidecarKeyring(Path(plain_db)).exists()
    assert store.signed is None and store.unencrypted and store.roster_total() == 2
    window = main.MainWindow(store, background, office)
    qtbot.addWidget(window)
    assert "未加密" in window.windowTitle()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=15000)
    store.close()


def test_a_failed_conversion_keeps_the_plain_database_and_says_so(
        qtbot: Any, plain_db: str, background: Background, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.protection import at_rest

    store, office, _demo = start(background, plain_db)
    real = at_rest.export_database

    def broken(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise at_rest.ConversionFailed("加密后的数据库与原文件不一致（recipients），原文件保留未动。", "differs")

    monkeypatch.setattr(at_rest, "export_database", broken)
    dialog = ProtectExistingDialog(store, background, office, "王主任")
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    dialog.password_again.setText(PASSWORD)
    dialog.protect_button.click()
    qtbot.waitUntil(lambda: "加密没有完成" in dialog.error.text(), timeout=30000)
    assert "照常使用" in dialog.error.text() and dialog.pages.currentIndex() == 0
    assert Path(plain_db).read_bytes()[:16] == PLAIN
    assert not SidecarKeyring(Path(plain_db)).exists()
    assert store.signed is None and store.roster_total() == 2
    assert needs_protection(store, plain_db, demo=False)  # offered again next time
    assert not at_rest._staging(Path(plain_db)).exists()
    with Session(store.engine) as s:  # the director made and taken back, both audited
        assert list(s.execute(select(AuditEntry.action, AuditEntry.record_id)
                              .where(AuditEntry.table_name == "users").order_by(AuditEntry.at))) == [
            ("create", "王主任"), ("delete", "王主任")]
    store.close()


def test_the_demo_is_never_offered_it(qtbot: Any, tmp_path: Path, background: Background,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.config import demo_db_path, set_demo_active

    demo_store = Store.open(str(demo_db_path()))
    demo_store.set_up_office(role="village", code=VILLAGE, name="示范村", parent=TOWNSHIP)
    demo_store.close()
    set_demo_active(True)
    office_db = str(tmp_path / "office.sqlite3")
    store, office, demo = start(background, office_db)
    assert demo and office is not None

    def never(*_a: Any, **_k: Any) -> None:
        raise AssertionError("the demo was offered encryption")

    monkeypatch.setattr(ProtectExistingDialog, "__init__", never)
    assert not main.offer_protection(store, background, office, office_db, demo=demo)
    assert not needs_protection(store, str(demo_db_path()), demo=False)  # the demo file opened by name
    assert not SidecarKeyring(demo_db_path()).exists()
    store.close()

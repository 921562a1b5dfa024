"""The app's side of users and protection (issue 15): the first run creates the director and
shows the recovery code once, the sign-in refuses in words and says how long to wait, the idle
lock covers every window and keeps what was typed, and the director manages the users.
Argon2id at its cheapest here (a store's `kdf`, or the keyring entry's own parameters)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.care.offices import init_office
from app.protection.keyring import CHEAPEST, SidecarKeyring
from app.protection.roles import signed_in_engine
from app.protection.signin import recover, sign_in
from app.protection.users import protect_new_database
from app.ui.background import Background
from app.ui.first_run import FirstRunDialog
from app.ui.idle_lock import IdleLock, LockCover
from app.ui.main import MainWindow
from app.ui.recipient_form import RecipientDialog
from app.ui.sign_in import SignInDialog
from app.ui.store import Store
from app.ui.users_dialog import NewPasswordDialog, UsersDialog
from tests.conftest import TOWNSHIP, VILLAGE
from tests.helpers import ui_context
from tests.server_db import ON_SERVER

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DIRECTOR, PASSWORD = "王主任", "yanzhai-2026"
pytestmark = pytest.mark.skipif(ON_SERVER, reason="the app's own SQLite file, encrypted; the server path is "
                                "tested through the CLI in tests/test_protection_users.py")


@pytest.fixture(autouse=True)
def cjk_font() -> None:
    """The shipped font, as the app loads it, so the screenshots read."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]


def idle(qtbot: Any, background: Background) -> None:
    qtbot.waitUntil(lambda: background.pending == 0, timeout=15000)


@pytest.fixture
def signed_store(tmp_path: Path) -> Iterator[Store]:
    """A village set up with its director, encrypted, signed in."""
    path = tmp_path / "v.sqlite3"
    _view, _code, engine = protect_new_database(
        path, director=DIRECTOR, password=PASSWORD, encrypted=True, kdf=CHEAPEST,
        setup=lambda s, _a: init_office(s, role="village", code=VILLAGE, name="岩寨村", parent=TOWNSHIP,
                                        operator=DIRECTOR))
    store = Store(engine, target=str(path), signed=signed_in_engine(engine))
    store.kdf = CHEAPEST
    yield store
    store.close()


def test_first_run_creates_the_director_and_shows_the_recovery_code_once(
        qtbot: Any, tmp_path: Path, background: Background) -> None:
    path = tmp_path / "new.sqlite3"
    store = Store.open(str(path))
    store.kdf = CHEAPEST
    dialog = FirstRunDialog(store, background)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText(VILLAGE)
    dialog.name.setText("岩寨村")
    dialog.operator.setText("杨主任")
    dialog.password.setText("short")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "至少 8 个字符" in dialog.error.text()
    dialog.password.setText("yangzhuren-1")
    dialog.password_again.setText("yangzhuren-2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dialog.error.text() and store.office() is None
    dialog.password_again.setText("yangzhuren-1")
    dialog.error.clear()
    dialog.grab().save(str(SHOTS / "first-run-director.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=30000)
    code = dialog.code_label.text()
    assert re.fullmatch(r"([0-9A-Z]{5}-){4}[0-9A-Z]{5}", code)
    assert not dialog.start_button.isEnabled()  # not before the code is printed or written down
    dialog.grab().save(str(SHOTS / "first-run-recovery-code.png"))
    dialog.written.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.privacy_note is not None and dialog.privacy_note.isVisible(), timeout=10000)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):  # then the privacy note, read once
        dialog.privacy_note.ok.click()  # type: ignore[union-attr]

    office = store.office()
    assert office is not None and office.code == VILLAGE
    assert store.signed is not None and (store.signed.user, store.signed.role) == ("杨主任", "director")
    assert not store.unencrypted
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted from its first page
    keyring = SidecarKeyring(path)
    assert code not in keyring.path.read_text(encoding="utf-8")
    store.close()
    # the code on paper opens the office key again
    assert recover(keyring, "杨主任", code.lower(), "new-password-1").user == "杨主任"


def test_the_sign_in_refuses_in_words_and_says_how_long_to_wait(
        qtbot: Any, signed_store: Store, background: Background) -> None:
    keyring = signed_store.keyring()
    dialog = SignInDialog(background, lambda n, p: sign_in(keyring, n, p), title="关爱 —— 登录",
                          intro="本单位的数据受密码保护。请输入您的用户名和密码。",
                          recover=lambda n, c, p: recover(keyring, n, c, p))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(DIRECTOR)
    dialog.grab().save(str(SHOTS / "sign-in.png"))
    for attempt in range(1, 6):
        dialog.password.setText(f"wrong-{attempt}")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=10000)
        assert "用户名或密码不正确" in dialog.error.text()
        assert dialog.password.text() == ""  # typed again, never kept
    assert "30 秒后再试" in dialog.error.text()
    dialog.grab().save(str(SHOTS / "sign-in-slowed.png"))
    dialog.password.setText(PASSWORD)  # right, but too soon
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=10000)
    assert "连续输错 5 次" in dialog.error.text() and "秒后再试" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_sign_in_lets_the_right_password_in(qtbot: Any, signed_store: Store, background: Background) -> None:
    keyring = signed_store.keyring()
    dialog = SignInDialog(background, lambda n, p: sign_in(keyring, n, p), title="登录", intro="")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(DIRECTOR)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.signed.user == DIRECTOR and dialog.signed.role == "director"


def _covered(window: QWidget, widget: QWidget) -> bool:
    """Whether what shows at the middle of `widget` is a lock cover."""
    at = window.childAt(widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2)))
    while at is not None and not isinstance(at, LockCover):
        at = at.parentWidget()
    return isinstance(at, LockCover)


def test_the_idle_lock_hides_the_data_and_unsaved_input_survives_unlocking(
        qtbot: Any, signed_store: Store, background: Background) -> None:
    ctx = ui_context(signed_store, background)
    window = MainWindow(signed_store, background, ctx.office)
    qtbot.addWidget(window)
    window.show()
    assert "王主任" in window.windowTitle() and "未加密" not in window.windowTitle()
    form = RecipientDialog(ctx, None)
    qtbot.addWidget(form, before_close_func=lambda d: d.done(0))
    form.show()
    idle(qtbot, background)
    form.basic.name.insert("杨小梅")  # typed, not saved
    form.basic.phone.insert("13800002222")
    lock = IdleLock(qtbot_app(), signed_store, background, 10, owner=window)
    lock.lock_now()
    assert lock.locked and lock.dialog is not None and lock.dialog.isVisible()
    assert len(lock.covers) >= 2
    for top in (window, form):
        [cover] = [c for c in lock.covers if c.parentWidget() is top]
        assert cover.isVisible() and cover.geometry() == top.rect()
    assert _covered(form, form.basic.name) and _covered(window, window.nav)
    # the window, grabbed as a screen shows it: the cover's colour over the whole of it
    image = window.grab().toImage()
    for x, y in ((10, 40), (image.width() // 2, image.height() // 2), (image.width() - 10, image.height() - 10)):
        assert image.pixelColor(x, y).name() == "#37474f"
    assert form.isVisible()  # covered, not closed: its unsaved input stays
    lock.dialog.grab().save(str(SHOTS / "idle-lock.png"))
    window.grab().save(str(SHOTS / "idle-lock-window.png"))

    lock.dialog.password.setText("wrong-password")
    qtbot.mouseClick(lock.dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不正确" in lock.dialog.error.text(), timeout=10000)  # type: ignore[union-attr]
    assert lock.locked
    lock.dialog.password.setText(PASSWORD)
    qtbot.mouseClick(lock.dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lock.locked, timeout=10000)
    assert lock.covers == [] and not _covered(form, form.basic.name)
    assert form.isVisible() and form.basic.name.text() == "杨小梅" and form.basic.phone.text() == "13800002222"


def qtbot_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def test_a_database_without_users_says_unencrypted_in_the_title(qtbot: Any, ctx: Any) -> None:
    window = MainWindow(ctx.store, ctx.background, ctx.office)
    qtbot.addWidget(window)
    assert "未加密" in window.windowTitle()


def test_the_director_adds_disables_and_resets_users(qtbot: Any, signed_store: Store, background: Background,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = UsersDialog(signed_store, background)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, background)
    assert dialog.table.rowCount() == 1

    def answer(name: str, role: str, password: str) -> Any:
        def exec_(self: NewPasswordDialog) -> int:
            if not self.name.isReadOnly():
                self.name.setText(name)
            self.role.setCurrentIndex(self.role.findData(role))
            self.password.setText(password)
            self.again.setText(password)
            self.check()
            return int(self.result())
        return exec_

    monkeypatch.setattr(NewPasswordDialog, "exec", answer("李文书", "clerk", "clerk-pass-1"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, background)
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 1).text() == "工作人员"
    assert sign_in(signed_store.keyring(), "李文书", "clerk-pass-1").role == "clerk"
    dialog.grab().save(str(SHOTS / "users.png"))

    dialog.table.selectRow(1)
    monkeypatch.setattr(NewPasswordDialog, "exec", answer("李文书", "clerk", "clerk-pass-2"))
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    idle(qtbot, background)
    assert sign_in(signed_store.keyring(), "李文书", "clerk-pass-2").user == "李文书"

    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    idle(qtbot, background)
    assert dialog.table.item(1, 2).text() == "已停用"
    with pytest.raises(Exception, match="已被停用"):
        sign_in(signed_store.keyring(), "李文书", "clerk-pass-2")


def test_the_app_opens_an_encrypted_database_after_the_sign_in(
        qtbot: Any, signed_store: Store, background: Background, monkeypatch: pytest.MonkeyPatch) -> None:
    """run_app's way in: the sidecar says the file has users, the sign-in gives the key, the
    store opens the encrypted file with it (plain sqlite3 could not read its office)."""
    from PySide6.QtWidgets import QApplication

    from app.ui import main
    from app.ui import sign_in as sign_in_ui
    from app.ui.startup import quick_office

    target = str(signed_store._target)
    signed_store.close()
    assert quick_office(target) is None  # encrypted: the quick way in cannot read it
    asked: list[Any] = []

    def dialog(_background: Background, keyring: Any) -> Any:
        asked.append(keyring)
        return sign_in(keyring, DIRECTOR, PASSWORD)

    monkeypatch.setattr(sign_in_ui, "sign_in_at_start", dialog)
    who = main.sign_in_first(background, target)
    assert asked and who.user == DIRECTOR
    app = QApplication.instance()
    store, office, demo = main.start_store(app, background, target, who)  # type: ignore[arg-type]
    try:
        assert office is not None and office.code == VILLAGE and not demo
        assert store.signed is who and not store.unencrypted
        assert store.operator() == DIRECTOR
    finally:
        store.close()
    monkeypatch.setattr(sign_in_ui, "sign_in_at_start", lambda *_a: None)
    assert main.sign_in_first(background, target) is False  # the sign-in closed: the app ends
    assert main.sign_in_first(background, target + ".other") is None  # no users there

"""The desktop shell driven through its real widgets (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Office, Recipient
from app.protection.keyring import CHEAPEST
from app.ui.background import Background
from app.ui.first_run import FirstRunDialog
from app.ui.main import MainWindow
from app.ui.roster_model import RosterModel
from app.ui.roster_page import RosterPage
from app.ui.store import RosterFilter, Store


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
    dialog.operator.setText("杨主任")  # the director, with a password (issue 15)
    dialog.password.setText("yangzhuren-1")
    dialog.password_again.setText("yangzhuren-1")
    store.kdf = CHEAPEST
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=30000)  # the recovery code, once
    dialog.written.setChecked(True)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.privacy_note is not None and dialog.privacy_note.isVisible(), timeout=10000)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):  # the director has read the privacy note
        dialog.privacy_note.ok.click()  # type: ignore[union-attr]
    office = store.office()
    assert office is not None and (office.code, office.name, office.level) == ("522631100201", "岩寨村", "village")
    from app.care.privacy_note import note_seen

    assert store.read(note_seen)  # shown once: remembered in the database's local settings


def test_first_run_can_fill_a_demo_village(qtbot, tmp_path: Path, background: Background) -> None:  # type: ignore[no-untyped-def]
    """The demo goes into a file of its own: the office's database stays without an office,
    ready to be set up (issue 16: the demo is not a trap)."""
    from app.config import demo_active

    store = Store.open(str(tmp_path / "office.sqlite3"))
    dialog = FirstRunDialog(store, background)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    demo = dialog.demo_store
    assert demo is not None and demo is not store and demo_active()
    assert demo.engine.url != store.engine.url
    with Session(demo.engine) as s:
        assert s.scalar(select(Office.level).where(Office.code == demo.office().code)) == "village"  # type: ignore[union-attr]
        assert len(s.scalars(select(Recipient.id)).all()) > 100
    assert store.office() is None
    with Session(store.engine) as s:
        assert s.scalars(select(Recipient.id)).all() == [] and s.scalars(select(Office.code)).all() == []
    demo.close()


def test_the_demo_says_so_and_can_be_left_for_the_office(qtbot, tmp_path: Path, background: Background,  # type: ignore[no-untyped-def]
                                                         monkeypatch) -> None:
    """The app starts on the demo while it is chosen, says 演示数据 in the title bar, and
    文件 › 退出演示 leads to the office's own database, set up there; the demo file stays."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.config import demo_active, demo_db_path, set_demo_active
    from app.ui import main
    from app.ui.first_run import open_demo_store

    office_db = str(tmp_path / "office.sqlite3")
    open_demo_store(demo_db_path()).close()
    set_demo_active(True)
    app = QApplication.instance()
    store, office, demo = main.start_store(app, background, office_db)
    assert demo and office is not None and store.roster_total() > 100
    shell = main.Shell(app, store, background, office, demo=True, target=office_db)
    window = shell.open()
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("【演示数据】")
    assert window.leave_demo_action.text().startswith("退出演示")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def set_up_here(real: Store, _bg: Background):  # type: ignore[no-untyped-def]
        office = real.set_up_office(role="village", code="522631100201", name="岩寨村", parent=None,
                                    operator="杨主任")
        return real, office, False

    monkeypatch.setattr(main, "choose_office", set_up_here)
    window.leave_demo_action.trigger()
    assert not shell.demo and not demo_active() and demo_db_path().is_file()
    assert shell.store is not store and shell.store.office().code == "522631100201"  # type: ignore[union-attr]
    assert shell.window is not None and shell.window is not window
    qtbot.addWidget(shell.window)
    assert shell.window.windowTitle().startswith("关爱 —— 岩寨村") and "演示" not in shell.window.windowTitle()
    assert not hasattr(shell.window, "leave_demo_action")
    with Session(shell.store.engine) as s:
        assert s.scalars(select(Recipient.id)).all() == []  # nothing of the demo came along
    # The next start opens the office, not the demo.
    again, office2, demo2 = main.start_store(app, background, office_db)
    assert not demo2 and office2 is not None and office2.code == "522631100201"
    again.close()
    shell.store.close()


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
    window.show()
    page = window.show_page("roster")
    assert isinstance(page, RosterPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == demo_store.roster_total(), timeout=10000)
    qtbot.keyClicks(page.search, initials)
    qtbot.waitUntil(lambda: page.model.rowCount() == expected, timeout=10000)
    qtbot.waitUntil(lambda: all(page.model.summary_at(r) is not None for r in range(page.model.rowCount())),
                    timeout=10000)
    shown = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert name in shown
    assert page.count_label.text() == f"共 {expected} 人"
    masked = page.model.data(page.model.index(shown.index(name), 3))
    assert "********" in masked


def test_first_run_refuses_an_empty_name(qtbot, tmp_path: Path, background: Background) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(str(tmp_path / "new.sqlite3"))
    dialog = FirstRunDialog(store, background)
    qtbot.addWidget(dialog)
    dialog.code.setText("522631100201")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "单位名称" in dialog.error.text()
    assert store.office() is None


def test_roster_filters_key_monitoring_and_overdue_in_sql(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    from app.care.tasks import overdue_recipient_ids

    with Session(demo_store.engine) as s:
        key = set(s.scalars(select(Recipient.id).where(Recipient.key_monitoring.is_(True),
                                                       Recipient.deleted.is_(False))).all())
        late = overdue_recipient_ids(s)
    assert key and late  # the demo has both
    window = MainWindow(demo_store, background, demo_store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("roster")
    assert isinstance(page, RosterPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == demo_store.roster_total(), timeout=10000)
    page.key_only.setChecked(True)
    qtbot.waitUntil(lambda: set(page.model.ids) == key, timeout=10000)
    page.key_only.setChecked(False)
    page.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: set(page.model.ids) == late, timeout=10000)
    assert page.count_label.text() == f"共 {len(late)} 人"


def test_a_cancelled_write_is_rolled_back(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    """Cancel from the progress dialog interrupts the job inside SQLite; nothing is kept."""
    import threading
    import time

    from app.care.recipients import edit_recipient
    from app.ui.store import Cancelled, current_flag

    with Session(demo_store.engine) as s:
        rid, before = s.execute(select(Recipient.id, Recipient.address).order_by(Recipient.id)).first()  # type: ignore[misc]
    started = threading.Event()

    def slow_edit(session, actor):  # type: ignore[no-untyped-def]
        edit_recipient(session, actor, rid, address="已改的地址")
        started.set()
        flag = current_flag()
        assert flag is not None
        deadline = time.monotonic() + 30
        while not flag.cancelled and time.monotonic() < deadline:  # a long job, cancelled
            session.execute(select(Recipient.id)).all()

    outcome: list[str] = []
    background.run(lambda: demo_store.write(slow_edit), on_done=lambda _r: outcome.append("done"),
                   on_error=lambda e: outcome.append(f"error {e}"),
                   on_cancel=lambda: outcome.append("cancelled"), label="测试：取消这项工作")
    assert started.wait(10)
    from PySide6.QtWidgets import QApplication, QProgressDialog

    label = "测试：取消这项工作"

    def ours() -> list[QProgressDialog]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QProgressDialog) and w.isVisible() and w.labelText() == label]

    qtbot.waitUntil(lambda: bool(ours()), timeout=5000)
    dialog = ours()[0]
    from PySide6.QtWidgets import QPushButton

    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=10000)
    with Session(demo_store.engine) as s:
        assert s.scalar(select(Recipient.address).where(Recipient.id == rid)) == before
    assert Cancelled  # the type the store raises; on_cancel swallowed it


def test_language_switch_rebuilds_the_window_in_english(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.main import Shell

    app = QApplication.instance()
    shell = Shell(app, demo_store, background, demo_store.office())  # type: ignore[arg-type]
    first = shell.open()
    assert first.nav.item(0).text() == "工作台"
    shell.switch_language("en")
    try:
        qtbot.waitUntil(lambda: shell.window is not first, timeout=5000)
        assert shell.window is not None
        assert shell.window.nav.item(0).text() == "Workbench"
        assert shell.window.nav.item(1).text() == "Care recipients"
    finally:
        i18n.install(app, "zh_CN")  # type: ignore[arg-type]
        if shell.window is not None:
            shell.window.close()


def test_larger_text_setting_is_remembered(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui.main import FONT_SIZES, apply_font_size, saved_font_size

    window = MainWindow(demo_store, background, demo_store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    try:
        window.set_font_size("larger")
        assert saved_font_size() == "larger"
        assert QSettings("guanai", "guanai").value("ui/font_size") == "larger"
        assert QApplication.font().pointSize() == FONT_SIZES["larger"]
    finally:
        apply_font_size(QApplication.instance(), "normal")  # type: ignore[arg-type]


def test_larger_text_keeps_headings_bold_and_larger(qtbot, demo_store: Store, background: Background) -> None:  # type: ignore[no-untyped-def]
    """查看 → 大字号 on an open window: everything grows, and the bench's heading stays a
    heading (bold, larger than the text under it) instead of turning into plain text."""
    from PySide6.QtWidgets import QApplication

    from app.ui.main import FONT_SIZES, apply_font_size

    window = MainWindow(demo_store, background, demo_store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=10000)
    heading = window.pages["workbench"].heading
    try:
        view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("查看"))
        next(a for a in view_menu.actions() if a.text() == "大字号").trigger()
        assert QApplication.font().pointSize() == FONT_SIZES["large"]
        body = window.pages["workbench"].count_label.font()
        assert body.pointSizeF() == FONT_SIZES["large"]
        assert heading.font().bold()
        assert heading.font().pointSizeF() > body.pointSizeF()
        apply_font_size(QApplication.instance(), "normal")  # type: ignore[arg-type]
        assert window.pages["workbench"].count_label.font().pointSizeF() == FONT_SIZES["normal"]
        assert heading.font().bold() and heading.font().pointSizeF() > FONT_SIZES["normal"]
    finally:
        apply_font_size(QApplication.instance(), "normal")  # type: ignore[arg-type]


def test_what_a_job_holds_is_let_go_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A job's closure often holds its dialog (`lambda: store.write(…self…)`). If the worker
    dropped the last reference, Python would delete the dialog's C++ side on the worker
    thread while Qt uses it on the UI thread (the crash closing a log dialog showed)."""
    import gc
    import threading

    released_in: list[str] = []

    class Held:  # stands for a dialog that only the job still refers to
        def __del__(self) -> None:
            released_in.append(threading.current_thread().name)

    bg = Background()
    try:
        for _ in range(5):
            held = Held()
            bg.run(lambda h=held: None, on_done=lambda _r: None)
            del held
            qtbot.waitUntil(lambda: bg.pending == 0, timeout=5000)
        done = bg.submit(lambda: None)
        qtbot.waitUntil(done.done, timeout=5000)  # the worker has finished with every job
        qtbot.wait(20)
        gc.collect()
    finally:
        bg.shutdown()
    assert released_in == [threading.main_thread().name] * 5


def test_a_job_that_fails_hands_its_error_to_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.care.errors import ValidationError

    bg = Background()
    got: list[BaseException] = []
    try:
        def refuse() -> None:
            raise ValidationError("姓名：不能为空。", "Name is required.", field="name")

        bg.run(refuse, on_done=lambda _r: None, on_error=got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=5000)
    finally:
        bg.shutdown()
    assert isinstance(got[0], ValidationError) and got[0].field == "name"

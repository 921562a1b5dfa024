"""The work bench driven through its real widgets (offscreen): the week's tasks, a call
logged from a task by keyboard alone, the dialogs a task opens, a township's bench narrowed
to a village; and the bench's reads against the engine they narrow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care.context import Actor, actor_for
from app.care.offices import add_office, init_office
from app.care.recipients import add_recipient
from app.care.tasks import week_tasks
from app.care.warnings import warnings_for
from app.care.workbench_views import area_warnings, bench_tasks, quarter_progress
from app.db import open_database
from app.models import CareRecord
from app.ui.background import Background
from app.ui.log_dialogs import CallDialog, LogDialog, VisitDialog
from app.ui.store import Store
from app.ui.workbench import TaskModel, WorkbenchPage
from tests.helpers import LEFT_BEHIND, make_id, ui_context
from tests.test_ui_log_dialogs import type_text

TODAY = dt.date.today()


def confirmed(s: Session, actor: Actor, name: str, seq: int, *, key: bool = False,
              village: str | None = None) -> str:
    on = TODAY - dt.timedelta(days=45)
    rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(dt.date(1950, 1, 1), seq=seq),
                        categories=["left_behind_elder"], key_monitoring=key, surveyed_on=on,
                        village_code=village).id
    lc.report(s, actor, rid, on=on)
    lc.review(s, actor, rid, department="civil_affairs", decision="approve", on=on, doc_no="黎民审〔2026〕1号")
    lc.confirm(s, actor, rid, doc_no="黎民定〔2026〕1号", on=on)
    return rid


@pytest.fixture
def people(village: Engine) -> dict[str, str]:
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        return {"张秀兰": confirmed(s, actor, "张秀兰", 1), "杨老二": confirmed(s, actor, "杨老二", 2, key=True)}


def bench(qtbot, engine: Engine, background: Background) -> WorkbenchPage:  # type: ignore[no-untyped-def]
    page = WorkbenchPage(ui_context(Store(engine), background))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    loaded(qtbot, page)
    return page


def loaded(qtbot, page: WorkbenchPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.ctx.background.pending == 0 and not page._running, timeout=20000)


def row_of(page: WorkbenchPage, recipient_id: str, kind: str, overdue: bool | None = None) -> int:
    """The line of the person's work of the kind (one per person and kind, overdue or not)."""
    return next(i for i, t in enumerate(page.model.tasks)
                if (t.recipient_id, t.kind) == (recipient_id, kind) and overdue in (None, t.overdue))


def has_task(page: WorkbenchPage, recipient_id: str, kind: str, overdue: bool | None = None) -> bool:
    return any((t.recipient_id, t.kind) == (recipient_id, kind) and overdue in (None, t.overdue)
               for t in page.model.tasks)


def click_row(qtbot, page: WorkbenchPage, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = page.view.visualRect(page.model.index(row, TaskModel.NAME))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.view.currentIndex().row() == row


def in_dialog(qtbot, act: Callable[[LogDialog], None]) -> list[LogDialog]:  # type: ignore[no-untyped-def]
    """Run `act` on the modal log dialog once it is open (the dialog's own event loop runs
    while the test's key press is being handled); returns the dialog seen."""
    seen: list[LogDialog] = []

    def attempt(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LogDialog):
            if tries < 6000:  # a minute: on a loaded machine the key press may come late
                QTimer.singleShot(10, lambda: attempt(tries + 1))
            return
        seen.append(dialog)
        try:
            act(dialog)
        except BaseException:
            # never leave the test waiting on a dialog: done(), not reject(), which asks first
            # when text was typed
            dialog.done(QDialog.DialogCode.Rejected)
            raise

    QTimer.singleShot(0, attempt)
    return seen


def calls(engine: Engine, recipient_id: str) -> list[CareRecord]:
    with Session(engine) as s:
        return list(s.scalars(select(CareRecord).where(CareRecord.recipient_id == recipient_id,
                                                       CareRecord.kind == "phone_followup")))


def test_a_call_is_logged_from_a_task_by_keyboard(qtbot, village: Engine, people: dict[str, str],  # type: ignore[no-untyped-def]
                                                  background: Background) -> None:
    rid = people["张秀兰"]
    page = bench(qtbot, village, background)
    assert has_task(page, rid, "phone_followup")
    click_row(qtbot, page, row_of(page, rid, "phone_followup"))

    def type_summary_and_enter(dialog: LogDialog) -> None:
        assert isinstance(dialog, CallDialog) and dialog.picker.recipient_id == rid
        assert "张秀兰" in dialog.picker.text()
        type_text(qtbot, dialog.focusWidget(), "老人身体好，儿子月底回家")  # the cursor is in the summary
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    seen = in_dialog(qtbot, type_summary_and_enter)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter on the task opens the call dialog
    assert len(seen) == 1 and seen[0].result() == QDialog.DialogCode.Accepted
    [call] = calls(village, rid)
    assert (call.reached, call.note, call.occurred_on) == (True, "老人身体好，儿子月底回家", TODAY)
    qtbot.waitUntil(lambda: not has_task(page, rid, "phone_followup") and not page._running, timeout=20000)
    assert has_task(page, rid, "home_visit")  # the other work of the quarter is still to do
    assert page.view.hasFocus() or page.view.currentIndex().isValid()  # ready for the next Enter


def test_double_click_opens_the_matching_dialog_and_escape_writes_nothing(  # type: ignore[no-untyped-def]
        qtbot, village: Engine, people: dict[str, str], background: Background) -> None:
    rid = people["杨老二"]
    page = bench(qtbot, village, background)
    row = row_of(page, rid, "home_visit")
    rect = page.view.visualRect(page.model.index(row, TaskModel.KIND))

    def check_and_escape(dialog: LogDialog) -> None:
        assert isinstance(dialog, VisitDialog) and dialog.picker.recipient_id == rid
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)

    seen = in_dialog(qtbot, check_and_escape)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click's first
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(seen) == 1 and seen[0].result() == QDialog.DialogCode.Rejected
    with Session(village) as s:
        assert s.scalars(select(CareRecord)).all() == []
    assert has_task(page, rid, "home_visit")


def test_key_monitoring_and_overdue_are_marked(qtbot, village: Engine, people: dict[str, str],  # type: ignore[no-untyped-def]
                                               background: Background, qtmodeltester) -> None:
    page = bench(qtbot, village, background)
    model = page.model
    qtmodeltester.check(model)
    qtmodeltester.check(page.warning_model)
    first = model.task_at(0)
    assert first is not None
    if first.overdue:  # 45 days back reaches into last month unless the month just began
        assert model.data(model.index(0, TaskModel.STATUS)) == f"逾期 {first.missed} 期"
        assert model.data(model.index(0, TaskModel.STATUS), Qt.ItemDataRole.DecorationRole) is not None
        assert model.data(model.index(0, TaskModel.NAME), Qt.ItemDataRole.BackgroundRole) is not None
    key_row = row_of(page, people["杨老二"], "home_visit")
    assert model.data(model.index(key_row, TaskModel.KEY)) == "★ 重点"
    plain_row = row_of(page, people["张秀兰"], "home_visit")
    assert model.data(model.index(plain_row, TaskModel.KEY)) == ""
    assert key_row < plain_row  # the engine's order: key monitoring before the others
    assert page.view.isColumnHidden(TaskModel.VILLAGE)  # one village: no village column
    call = page.bars["phone_followup"]
    assert call.maximum() >= 2 and call.value() == 0
    assert page.figures["phone_followup"].text() == f"0 / {call.maximum()}（0%）"
    page.kind_box.setCurrentIndex(page.kind_box.findData("home_visit"))
    assert {t.kind for t in model.tasks} == {"home_visit"} and model.rowCount() == 2


def test_the_f2_button_logs_a_call_for_the_selected_task(qtbot, village: Engine, people: dict[str, str],  # type: ignore[no-untyped-def]
                                                         background: Background) -> None:
    rid = people["杨老二"]
    page = bench(qtbot, village, background)
    click_row(qtbot, page, row_of(page, rid, "micro_wish"))

    def unreached(dialog: LogDialog) -> None:
        assert isinstance(dialog, CallDialog) and dialog.picker.recipient_id == rid
        qtbot.mouseClick(dialog.reached_no, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)

    seen = in_dialog(qtbot, unreached)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=5000)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)  # the button's shortcut; it clicks a moment later
    qtbot.waitUntil(lambda: len(seen) == 1 and not seen[0].isVisible(), timeout=10000)
    [call] = calls(village, rid)
    assert call.reached is False
    loaded(qtbot, page)
    assert has_task(page, rid, "phone_followup")  # an unreached call does not do the task


@pytest.fixture
def township(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(tmp_path / "township.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code="522631100", name="德凤镇", parent="522631", operator="吴督导")
        actor = actor_for(s)
        add_office(s, actor, code="522631100201", name="岩寨村", level="village", parent="522631100")
        add_office(s, actor, code="522631100202", name="高坪村", level="village", parent="522631100")
        confirmed(s, actor, "岩寨一", 3, village="522631100201")
        confirmed(s, actor, "高坪一", 4, village="522631100202")
    yield engine
    engine.dispose()


def test_a_township_bench_shows_villages_and_narrows_to_one(qtbot, township: Engine,  # type: ignore[no-untyped-def]
                                                            background: Background) -> None:
    page = bench(qtbot, township, background)
    qtbot.waitUntil(lambda: page.village_box.count() == 3, timeout=10000)
    assert not page.view.isColumnHidden(TaskModel.VILLAGE)
    assert {page.model.data(page.model.index(r, TaskModel.VILLAGE)) for r in range(page.model.rowCount())} == {
        "岩寨村", "高坪村"}
    page.village_box.setCurrentIndex(page.village_box.findData("522631100202"))
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page._running, timeout=20000)
    assert {t.name for t in page.model.tasks} == {"高坪一"}
    assert page.save_state()["area"] == "522631100202"


def test_the_bench_reads_match_the_engine_on_a_demo_village(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "demo.sqlite3"))
    store.fill_demo("village", today=TODAY)
    with Session(store.engine) as s:
        engine_tasks = week_tasks(s, TODAY)
        ours = bench_tasks(s, TODAY)
        assert len(ours.tasks) > 50 and set(ours.tasks) == set(engine_tasks)
        order = [(not t.overdue, not t.key_monitoring, t.due, t.name, t.kind) for t in ours.tasks]
        assert order == sorted(order)
        assert area_warnings(s, TODAY) == warnings_for(s, TODAY)
        progress = quarter_progress(s, TODAY)
        assert [k.kind for k in progress.kinds] == ["phone_followup", "home_visit", "micro_wish", "material_aid"]
        assert all(0 <= k.done <= k.owed for k in progress.kinds) and progress.kinds[0].owed > 0
    store.close()


def test_alt_n_in_the_call_dialog_leaves_the_cursor_in_the_notes(qtbot, village: Engine,  # type: ignore[no-untyped-def]
                                                                 people: dict[str, str],
                                                                 background: Background) -> None:
    """F2 on a task, Alt+N (未接通): the cursor is back in 通话内容, so typing goes there and
    Enter saves the unreached call with its words (issue 16 point 10)."""
    rid = people["张秀兰"]
    page = bench(qtbot, village, background)
    click_row(qtbot, page, row_of(page, rid, "phone_followup"))

    def unreached(dialog: LogDialog) -> None:
        assert isinstance(dialog, CallDialog)
        qtbot.waitUntil(lambda: dialog.setup is not None, timeout=10000)
        assert dialog.focusWidget() is dialog.summary  # where the dialog opens
        dialog.activateWindow()  # a mnemonic works in the active window (windows other tests left)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        # the mnemonic clicks the button a moment later; then the notes have the cursor back
        qtbot.waitUntil(lambda: dialog.reached_no.isChecked() and dialog.focusWidget() is dialog.summary,
                        timeout=5000)
        type_text(qtbot, dialog.focusWidget(), "关机")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    seen = in_dialog(qtbot, unreached)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=5000)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(seen) == 1 and not seen[0].isVisible(), timeout=10000)
    [call] = calls(village, rid)
    assert call.reached is False and call.note == "关机"

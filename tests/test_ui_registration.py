"""Issue 14, points 7–9 through the real widgets (offscreen): an unknown region code confirmed on
the recipient form, the household conditions saved from it, a follow-up item made from the
call dialog and closed from the work bench."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.models import FollowUpItem, Recipient
from app.ui.followup_dialog import CloseFollowUpDialog
from app.ui.kit import Context
from app.ui.log_dialogs import CallDialog
from app.ui.roster_model import ID_COLUMN
from app.ui.workbench import FOLLOW_UP, WorkbenchPage
from tests.helpers import LEFT_BEHIND, make_id
from tests.test_ui_log_dialogs import opened, save, type_text
from tests.test_ui_recipient_form import idle, open_form, type_in

UNKNOWN = "99999919500304013"
UNKNOWN_ID = UNKNOWN + ric.calc_check_digit(UNKNOWN + "0")


def test_an_unknown_region_code_is_confirmed_on_the_form(qtbot: Any, ctx: Context) -> None:
    dialog = open_form(qtbot, ctx)
    b = dialog.basic
    type_in(b.name, "杨老汉")
    qtbot.keyClicks(b.id_number, UNKNOWN_ID)
    b.category_boxes["left_behind_elder"].setChecked(True)
    assert "999999" in b.message("id_number") and not b.region_confirm.isHidden()
    assert b.birth_date.text() == "1950-03-04"  # still read: a real person
    b.children_work_away.setCurrentIndex(b.children_work_away.findData(True))
    dialog.save()  # without the confirmation: refused, nothing written
    idle(qtbot, ctx)
    assert not [r for r in recipients(ctx) if r.name == "杨老汉"]
    b.region_confirm.setChecked(True)
    type_in(b.region_note, "已核对身份证原件")
    assert "确认" in b.message("id_number")
    dialog.save()
    idle(qtbot, ctx)
    (r,) = [r for r in recipients(ctx) if r.name == "杨老汉"]
    assert (r.id_region_note, r.id_region_confirmed_by, r.children_work_away) == ("已核对身份证原件", "王主任", True)


def test_the_roster_marks_a_confirmed_region_code(qtbot: Any, ctx: Context) -> None:
    from app.ui.roster_page import RosterPage

    with Session(ctx.store.engine) as s, s.begin():
        add_recipient(s, actor_for(s), name="杨老汉", id_number=UNKNOWN_ID, categories=["left_behind_elder"],
                      confirm_unknown_region="已核对身份证原件")
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    model = page.table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.data(model.index(0, ID_COLUMN)) != "", timeout=10000)
    assert str(model.data(model.index(0, ID_COLUMN))).startswith("※999999")
    from PySide6.QtCore import Qt

    assert "已核对身份证原件" in model.data(model.index(0, ID_COLUMN), Qt.ItemDataRole.ToolTipRole)


def recipients(ctx: Context) -> list[Recipient]:
    with Session(ctx.store.engine) as s:
        return list(s.scalars(select(Recipient)))


def test_a_follow_up_from_the_call_dialog_is_closed_from_the_bench(qtbot: Any, ctx: Context) -> None:
    with Session(ctx.store.engine) as s, s.begin():
        rid = add_recipient(s, actor_for(s), name="李秀英", id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                            categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5), **LEFT_BEHIND).id
    dialog = opened(qtbot, ctx, "phone_followup", rid)
    assert isinstance(dialog, CallDialog)
    assert dialog.needs_action.person.isHidden()  # shown only when a follow-up is asked for
    type_text(qtbot, dialog.summary, "老人说下雨天屋里漏水")  # a reached call needs its notes
    type_text(qtbot, dialog.problems, "屋顶漏雨")
    dialog.needs_action.setChecked(True)
    assert not dialog.needs_action.person.isHidden()
    type_text(qtbot, dialog.needs_action.person, "村主任王明")
    dialog.summary.setFocus()
    save(qtbot, dialog)
    with Session(ctx.store.engine) as s:
        (item,) = s.scalars(select(FollowUpItem)).all()
        assert (item.problem, item.person, item.status) == ("屋顶漏雨", "村主任王明", "open")
        assert item.due_on == dt.date.today() + dt.timedelta(days=7)

    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: ctx.background.pending == 0 and not page._running, timeout=20000)
    row = next(i for i, t in enumerate(page.model.tasks) if t.kind == FOLLOW_UP)
    assert "屋顶漏雨" in page.model.text(page.model.tasks[row], page.model.KIND)

    def close_it(tries: int = 0) -> None:
        d = QApplication.activeModalWidget() or next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, CloseFollowUpDialog) and w.isVisible()), None)
        if not isinstance(d, CloseFollowUpDialog):
            if tries < 500:
                QTimer.singleShot(10, lambda: close_it(tries + 1))
            return
        d.note.setText("已请人修好屋顶")
        d.save_button.click()

    QTimer.singleShot(0, close_it)
    page.open_task(page.model.index(row, 0))
    qtbot.waitUntil(lambda: _status(ctx) == "closed", timeout=10000)
    with Session(ctx.store.engine) as s:
        (item,) = s.scalars(select(FollowUpItem)).all()
        assert (item.closed_on, item.close_note) == (dt.date.today(), "已请人修好屋顶")


def _status(ctx: Context) -> str:
    with Session(ctx.store.engine) as s:
        return s.scalars(select(FollowUpItem.status)).one()

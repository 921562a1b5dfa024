"""The access log and masking in the app, driven through the real widgets (offscreen): the
recipient form shows a registered person's ID number masked (no birth date) and logs its
opening for a child; 显示完整号码 logs the reveal and shows the number; the 查阅记录 dialog
lists and filters; a conflict on an ID number shows it masked until revealed (logged); the
roster export asks and, answered No, writes masked numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.care.validation import mask_id_number
from app.models import AccessEntry, Recipient
from app.protection.access_log import log_sign_in
from app.ui.access_log_dialog import AccessLogDialog
from app.ui.kit import Context
from app.ui.recipient_form import RecipientDialog
from tests.conftest import VILLAGE
from tests.helpers import LEFT_BEHIND, make_id, years_before

TODAY = dt.date.today()
CHILD_ID = make_id(years_before(TODAY, 9), "female", seq=31)
ELDER_ID = make_id(years_before(TODAY, 72), "male", seq=32)


def idle(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=10000)


def registered(ctx: Context, name: str, id_number: str, categories: tuple[str, ...]) -> str:
    with Session(ctx.store.engine) as s, s.begin():
        return add_recipient(s, actor_for(s), **LEFT_BEHIND, name=name, id_number=id_number,
                             categories=list(categories), phone="13800001111").id


def log(ctx: Context) -> list[tuple[str, str | None]]:
    with Session(ctx.store.engine) as s:
        return [(e.event, e.person_id) for e in s.scalars(select(AccessEntry).order_by(AccessEntry.hlc))]


def open_form(qtbot, ctx: Context, rid: str) -> RecipientDialog:  # type: ignore[no-untyped-def]
    dialog = RecipientDialog(ctx, None, rid)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def test_the_form_masks_the_id_logs_the_opening_and_the_reveal(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    child = registered(ctx, "杨小梅", CHILD_ID, ("left_behind_child",))
    dialog = open_form(qtbot, ctx, child)
    basic = dialog.basic
    assert basic.id_number.text() == mask_id_number(CHILD_ID) and basic.id_number.isReadOnly()
    assert basic.birth_date.text() == "****-**-**" and "9" in basic.age.text()
    assert basic.reveal_button.isVisible()
    assert log(ctx) == [("open_record", child)]
    # An edit while masked saves the field changed and leaves the number as it was.
    basic.phone.clear()
    qtbot.keyClicks(basic.phone, "13900003333")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with Session(ctx.store.engine) as s:
        r = s.get(Recipient, child)
        assert r is not None and (r.phone, r.id_number) == ("13900003333", CHILD_ID)
    assert log(ctx) == [("open_record", child)]  # reloading after the save is not a new opening
    qtbot.mouseClick(basic.reveal_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert basic.id_number.text() == CHILD_ID and not basic.id_number.isReadOnly()
    assert basic.birth_date.text() == years_before(TODAY, 9).isoformat()
    assert log(ctx) == [("open_record", child), ("reveal_id", child)]


def test_an_elders_record_opens_unlogged(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    elder = registered(ctx, "李大爷", ELDER_ID, ("left_behind_elder",))
    dialog = open_form(qtbot, ctx, elder)
    assert dialog.basic.id_number.text() == mask_id_number(ELDER_ID)
    assert log(ctx) == []


def test_the_access_log_dialog_lists_and_filters(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    child = registered(ctx, "杨小梅", CHILD_ID, ("left_behind_child",))
    other = registered(ctx, "王小明", make_id(years_before(TODAY, 8), "male", seq=33), ("left_behind_child",))
    for rid in (child, other):
        open_form(qtbot, ctx, rid).done(0)
    with Session(ctx.store.engine) as s, s.begin():
        log_sign_in(s, actor_for(s, "李会计"))
    dialog = AccessLogDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert len(dialog.rows) == 3 and "共 3 条" in dialog.summary.text()
    texts = {dialog.model.data(dialog.model.index(r, 4)) for r in range(dialog.model.rowCount())}
    assert {"杨小梅", "王小明"} <= texts
    dialog.user.setCurrentIndex(dialog.user.findData("李会计"))
    dialog.user.activated.emit(dialog.user.currentIndex())
    idle(qtbot, ctx)
    assert [(r.event, r.user) for r in dialog.rows] == [("sign_in", "李会计")]
    dialog.user.setCurrentIndex(0)
    dialog.person.set_recipient(child, "杨小梅")
    dialog.person.picked.emit(child)
    idle(qtbot, ctx)
    assert [(r.event, r.person_id) for r in dialog.rows] == [("open_record", child)]
    dialog.person.clear()
    idle(qtbot, ctx)
    dialog.use_since.setChecked(True)
    dialog.since.setDate(TODAY + dt.timedelta(days=0))
    idle(qtbot, ctx)
    assert len(dialog.rows) == 3


def test_a_conflict_on_an_id_number_is_masked_until_revealed(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from app.sync.conflicts import keep_conflict
    from app.ui.sync_page import SyncPage

    child = registered(ctx, "杨小梅", CHILD_ID, ("left_behind_child",))
    other_number = make_id(years_before(TODAY, 10), "female", seq=31)
    with Session(ctx.store.engine) as s, s.begin():
        keep_conflict(s.connection(), "recipients", child, "id_number", "sensitive", CHILD_ID, other_number,
                      {VILLAGE: "1"}, {"522631100": "2"}, VILLAGE, "522631100", "local", None)
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    idle(qtbot, ctx)
    cells = [page.conflicts_model.data(page.conflicts_model.index(0, c)) for c in range(5)]
    assert CHILD_ID not in " ".join(cells) and other_number not in " ".join(cells)
    assert mask_id_number(CHILD_ID) in " ".join(cells)
    page.conflicts_view.selectRow(0)
    assert page.reveal_button.isEnabled()
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    cells = [page.conflicts_model.data(page.conflicts_model.index(0, c)) for c in range(5)]
    assert CHILD_ID in " ".join(cells) and other_number in " ".join(cells)
    assert ("reveal_id", child) in log(ctx)


def test_the_roster_export_answered_no_writes_masked_numbers(qtbot, ctx: Context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui import export_actions

    registered(ctx, "杨小梅", CHILD_ID, ("left_behind_child",))
    done: list[object] = []
    export_actions.export_roster(ctx, None, path=tmp_path / "r.xlsx", on_done=done.append, ask_to_open=False)
    idle(qtbot, ctx)
    cells = [str(c) for ws in load_workbook(tmp_path / "r.xlsx").worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert CHILD_ID not in cells and mask_id_number(CHILD_ID) in cells
    assert log(ctx) == []  # nothing full left the database

"""The recipient form when another clerk saved the same field first (issue 17, point 1): the save
is refused beside the field with both values, and nothing is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import edit_recipient
from app.models import Recipient
from app.ui.kit import Context
from tests.test_ui_recipient_form import idle, open_form, registered

SHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "edit_conflict.png"


def test_a_phone_another_clerk_changed_meanwhile_is_refused_beside_the_field(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui.main import load_cjk_font

    load_cjk_font(QApplication.instance())  # type: ignore[arg-type]  # the screenshot reads as in the app
    rid = registered(ctx)
    dialog = open_form(qtbot, ctx, rid)
    with Session(ctx.store.engine) as s, s.begin():  # another clerk, at another computer
        edit_recipient(s, actor_for(s), rid, phone="13911112222")
    dialog.basic.phone.clear()
    qtbot.keyClicks(dialog.basic.phone, "13900003333")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    message = dialog.basic.errors["phone"].text()
    assert "另一位工作人员已改为“13911112222”" in message and "您打开时是“13800001111”" in message
    assert "您要改为“13900003333”" in message
    assert "没有保存" in dialog.status_line.text()
    with Session(ctx.store.engine) as s:
        assert s.scalar(select(Recipient.phone).where(Recipient.id == rid)) == "13911112222"
    dialog.resize(900, 700)
    dialog.grab().save(str(SHOT))

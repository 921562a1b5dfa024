"""The care-work logging dialogs driven through their real widgets (offscreen): what a
director types, and what lands in the database."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.attachments import blob_path
from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.models import Attachment, CareRecord, MicroWish
from app.ui.kit import Context
from app.ui.log_dialogs import AidDialog, CallDialog, LogDialog, VisitDialog, WishDialog, log_dialog
from tests.helpers import make_id


@pytest.fixture
def rid(village: Engine) -> str:
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        return add_recipient(s, actor, name="李秀英", id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                             categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a person does: ASCII as key presses, Chinese as the input method commits it
    (QTest can only press keys that exist on the keyboard)."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def opened(qtbot, ctx: Context, kind: str, recipient_id: str | None) -> LogDialog:  # type: ignore[no-untyped-def]
    dialog = log_dialog(ctx, None, kind, recipient_id, "李秀英" if recipient_id else "")
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=10000)  # operator and standing read
    return dialog


def save(qtbot, dialog: LogDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)


def records(engine: Engine, kind: str) -> list[CareRecord]:
    with Session(engine) as s:
        return list(s.scalars(select(CareRecord).where(CareRecord.kind == kind)))


def test_a_reached_call_is_typed_and_saved_with_enter(qtbot, ctx: Context, village: Engine, rid: str) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "phone_followup", rid)
    assert isinstance(dialog, CallDialog)
    assert dialog.reached_yes.isChecked() and dialog.recorder.text() == "王主任"
    assert dialog.focusWidget() is dialog.summary  # the cursor waits in the summary
    type_text(qtbot, dialog.summary, "身体还好，药按时吃")
    type_text(qtbot, dialog.problems, "屋顶漏雨")
    dialog.needs_action.setChecked(True)
    dialog.summary.setFocus()
    save(qtbot, dialog)
    [call] = records(village, "phone_followup")
    assert (call.recipient_id, call.reached, call.note, call.problems, call.needs_action) == (
        rid, True, "身体还好，药按时吃", "屋顶漏雨", True)
    assert call.occurred_on == dt.date.today() and call.recorded_by == "王主任"


def test_an_unreached_call_is_kept_as_unreached(qtbot, ctx: Context, village: Engine, rid: str) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "phone_followup", rid)
    assert isinstance(dialog, CallDialog)
    qtbot.mouseClick(dialog.reached_no, Qt.MouseButton.LeftButton)
    dialog.recorder.setText("李干事")
    dialog.summary.setFocus()
    save(qtbot, dialog)
    [call] = records(village, "phone_followup")
    assert call.reached is False and call.recorded_by == "李干事"


def test_a_call_without_a_recipient_is_refused_on_screen(qtbot, ctx: Context, village: Engine) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "phone_followup", None)
    assert dialog.focusWidget() is dialog.picker
    type_text(qtbot, dialog.picker, "谁也不是")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisibleTo(dialog) and "关爱对象" in dialog.error.text()
    assert dialog.isVisible()
    assert records(village, "phone_followup") == []


def test_aid_in_yuan_is_stored_in_fen(qtbot, ctx: Context, village: Engine, rid: str) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "material_aid", rid)
    assert isinstance(dialog, AidDialog) and dialog.focusWidget() is dialog.items
    type_text(qtbot, dialog.items, "大米50斤")
    type_text(qtbot, dialog.value, "12.50")
    type_text(qtbot, dialog.donor, "县民政局")
    save(qtbot, dialog)
    [aid] = records(village, "material_aid")
    assert (aid.items, aid.value_fen, aid.donor) == ("大米50斤", 1250, "县民政局")


@pytest.mark.parametrize("typed", ["12.345", "十二元", "-5"])
def test_a_bad_amount_is_refused_naming_the_field(qtbot, ctx: Context, village: Engine, rid: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "material_aid", rid)
    assert isinstance(dialog, AidDialog)
    type_text(qtbot, dialog.items, "棉被1床")
    type_text(qtbot, dialog.value, typed)
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert dialog.error.isVisibleTo(dialog)
    assert "价值（元）" in dialog.error.text() and typed in dialog.error.text()
    assert "border" in dialog.value.styleSheet()  # the field is outlined
    assert dialog.isVisible()
    assert records(village, "material_aid") == []


def drop(dialog: LogDialog, path: Path) -> None:
    """What Qt delivers to the dialog when a file is dragged onto it from the file manager.
    (Handed to the dialog itself: routed through QApplication outside a real drag, the events
    would leave Qt's drag manager pointing at the dialog after it is gone.)"""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(dialog.rect().center())
    # QDragEnterEvent takes a QPoint up to PySide6 6.11 (6.12 prefers QPointF, accepts both).
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    dialog.event(enter)
    assert enter.isAccepted()
    dropped = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    dialog.event(dropped)
    assert dropped.isAccepted()


def test_a_visit_with_a_photo_is_one_record_and_one_attachment(qtbot, ctx: Context, village: Engine, rid: str,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    photo = tmp_path / "走访.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a90d9"))
    assert image.save(str(photo))
    dialog = opened(qtbot, ctx, "home_visit", rid)
    assert isinstance(dialog, VisitDialog)
    assert dialog.visitors.text() == "王主任"  # who went: this director unless changed
    drop(dialog, photo)
    qtbot.waitUntil(lambda: dialog.photos.count() == 1, timeout=10000)
    assert dialog.photos.item(0).text() == "走访.png" and not dialog.photos.item(0).icon().isNull()
    type_text(qtbot, dialog.findings, "房屋安全，灶台干净，老人精神好")
    type_text(qtbot, dialog.problems, "厕所门坏了")  # 发现的问题, as on a call
    save(qtbot, dialog)
    [visit] = records(village, "home_visit")
    assert (visit.findings, visit.visitors, visit.problems) == ("房屋安全，灶台干净，老人精神好", "王主任", "厕所门坏了")
    with Session(village) as s:
        [attachment] = s.scalars(select(Attachment)).all()
    assert (attachment.owner_table, attachment.owner_id, attachment.kind, attachment.file_name) == (
        "care_records", visit.id, "photo", "走访.png")
    assert blob_path(ctx.store.attachment_dir(), attachment.sha256).read_bytes() == photo.read_bytes()


def test_a_file_that_is_no_picture_is_refused(qtbot, ctx: Context, village: Engine, rid: str,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    fake = tmp_path / "notes.jpg"
    fake.write_text("not a picture")
    dialog = opened(qtbot, ctx, "home_visit", rid)
    assert isinstance(dialog, VisitDialog)
    drop(dialog, fake)
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=10000)
    assert "notes.jpg" in dialog.error.text() and dialog.photos.count() == 0


def wish(engine: Engine) -> MicroWish:
    with Session(engine) as s:
        [w] = s.scalars(select(MicroWish)).all()
        return w


def test_the_wish_is_collected_then_claimed_then_fulfilled(qtbot, ctx: Context, village: Engine, rid: str) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, ctx, "micro_wish", rid)
    assert isinstance(dialog, WishDialog)
    assert dialog.stage() == "collected" and not dialog.stage_buttons["claimed"].isEnabled()
    type_text(qtbot, dialog.description, "想要一副老花镜")
    save(qtbot, dialog)
    assert (wish(village).stage, wish(village).description) == ("collected", "想要一副老花镜")

    dialog = opened(qtbot, ctx, "micro_wish", rid)
    assert isinstance(dialog, WishDialog)
    assert dialog.stage() == "claimed" and "想要一副老花镜" in dialog.wish_state.text()
    assert not dialog.stage_buttons["collected"].isEnabled()
    assert dialog.focusWidget() is dialog.by
    qtbot.keyClick(dialog.by, Qt.Key.Key_Return)  # nobody named: refused, the dialog stays
    qtbot.waitUntil(lambda: "认领人" in dialog.error.text(), timeout=10000)
    assert dialog.isVisible() and wish(village).stage == "collected"
    type_text(qtbot, dialog.by, "县妇联")
    save(qtbot, dialog)
    assert (wish(village).stage, wish(village).claimed_by) == ("claimed", "县妇联")

    dialog = opened(qtbot, ctx, "micro_wish", rid)
    assert isinstance(dialog, WishDialog)
    assert dialog.stage() == "fulfilled" and "县妇联" in dialog.wish_state.text()
    assert not dialog.form.isRowVisible(dialog.by)  # claimed already: nobody to name
    type_text(qtbot, dialog.value, "80")
    save(qtbot, dialog)
    done = wish(village)
    assert (done.stage, done.fulfilled_on, done.value_fen) == ("fulfilled", dt.date.today(), 8000)


def test_a_reached_call_needs_words_or_nothing_to_note_and_shows_the_numbers(  # type: ignore[no-untyped-def]
        qtbot, ctx: Context, village: Engine, rid: str) -> None:
    """A call is evidence (issue 16 point 4): the numbers to dial are shown (the person's, the
    guardians', a parent away with where they work); a reached call with nothing typed is
    refused naming the field, unless 没有要记的 is ticked, which is then what is stored."""
    from app.care.household import add_guardian, add_member

    with Session(village) as s, s.begin():
        actor = actor_for(s)
        add_guardian(s, actor, rid, kind="supporter", name="吴建军", relation="son", phone="13800138000",
                     start_date=dt.date(2026, 1, 5))
        add_member(s, actor, rid, name="吴建华", relation="daughter", phone="13900139000", works_away=True,
                   work_place="广东省东莞市")
    dialog = opened(qtbot, ctx, "phone_followup", rid)
    assert isinstance(dialog, CallDialog)
    shown = dialog.numbers.text()
    assert "吴建军：13800138000" in shown and "吴建华：13900139000（在广东省东莞市务工）" in shown
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return)
    assert "通话内容" in dialog.error.text() and "没有要记的" in dialog.error.text()
    assert records(village, "phone_followup") == []
    dialog.nothing_to_note.setChecked(True)
    dialog.summary.setFocus()
    save(qtbot, dialog)
    [call] = records(village, "phone_followup")
    assert call.reached and call.note == "（通话正常，没有要记的）"


def test_choosing_the_wish_stage_by_its_key_leaves_the_cursor_in_the_text(  # type: ignore[no-untyped-def]
        qtbot, ctx: Context, village: Engine, rid: str) -> None:
    """Alt+3 (实现) and Alt+1 (征集新心愿) answer, and the cursor goes back to the text to type
    (issue 16 point 10: after Alt+N the cursor goes to the text)."""
    dialog = opened(qtbot, ctx, "micro_wish", rid)
    assert isinstance(dialog, WishDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.stage() == "fulfilled" and dialog.focusWidget() is dialog.description,
                    timeout=5000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.stage() == "collected" and dialog.focusWidget() is dialog.description,
                    timeout=5000)
    type_text(qtbot, dialog.focusWidget(), "想要一个书包")
    save(qtbot, dialog)
    assert (wish(village).stage, wish(village).description) == ("collected", "想要一个书包")

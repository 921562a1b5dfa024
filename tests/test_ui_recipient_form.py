"""The recipient form driven through its real widgets (offscreen): registering with a wrong
and a right ID number, the category rules as you type, an edit that keeps history, a
life-cycle step, household members, attachments, and the Qt model checks of its tables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QFont, QFontDatabase, QImage
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLineEdit
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import attachments, household, lifecycle, work
from app.care.attachments import blob_path
from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.care.validation import mask_id_number
from app.fonts import CJK_FAMILY, CJK_FONT
from app.models import Attachment, AuditEntry, HouseholdMember, Recipient
from app.ui.kit import Context
from app.ui.main import FONT_SIZES
from app.ui.recipient_form import RecipientDialog, StepDialog
from app.ui.recipient_tabs import MemberDialog
from tests.conftest import VILLAGE
from tests.helpers import LEFT_BEHIND, make_id, years_before

TODAY = dt.date.today()
CHILD_ID = make_id(years_before(TODAY, 9), "female", seq=31)
ELDER_ID = make_id(years_before(TODAY, 72), "male", seq=32)


def idle(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    """Wait for every background job (and the jobs their results started) to finish."""
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=10000)


def registered(ctx: Context, id_number: str = CHILD_ID, categories: tuple[str, ...] = ("left_behind_child",)) -> str:
    with Session(ctx.store.engine) as s, s.begin():
        return add_recipient(s, actor_for(s), **LEFT_BEHIND, name="杨小梅", id_number=id_number, categories=categories,
                             phone="13800001111").id


def open_form(qtbot, ctx: Context, recipient_id: str | None = None) -> RecipientDialog:  # type: ignore[no-untyped-def]
    dialog = RecipientDialog(ctx, None, recipient_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # no "save changes?" at teardown
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def type_in(field: QLineEdit, text: str) -> None:
    """Chinese arrives through the input method as committed text (QTest types Latin keys only)."""
    field.insert(text)


def recipients(ctx: Context) -> list[Recipient]:
    with Session(ctx.store.engine) as s:
        return list(s.scalars(select(Recipient)))


def test_a_wrong_id_number_is_refused_next_to_the_field_and_nothing_written(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = open_form(qtbot, ctx)
    wrong = CHILD_ID[:17] + ("0" if CHILD_ID[17] != "0" else "1")
    type_in(dialog.basic.name, "杨小梅")
    qtbot.keyClicks(dialog.basic.id_number, wrong[:10])
    assert "已输入 10 位" in dialog.basic.message("id_number")
    qtbot.keyClicks(dialog.basic.id_number, wrong[10:])
    assert "校验位" in dialog.basic.message("id_number")  # said as soon as the 18th character is typed
    assert dialog.basic.birth_date.text() == ""
    dialog.basic.category_boxes["left_behind_child"].setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert "校验位" in dialog.basic.message("id_number")  # the service's refusal, next to the field
    assert dialog.basic.errors["id_number"].isVisible()
    assert "没有保存" in dialog.status_line.text()
    assert dialog.recipient_id is None and dialog.saved_id is None
    assert recipients(ctx) == []


def test_a_right_id_number_fills_birth_and_sex_and_saving_writes_the_row(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = open_form(qtbot, ctx)
    assert not dialog.tabs.isTabEnabled(1)  # the other tabs wait until the person is registered
    type_in(dialog.basic.name, "杨小梅")
    qtbot.keyClicks(dialog.basic.id_number, CHILD_ID.lower())  # a lowercase x is fine
    assert dialog.basic.birth_date.text() == years_before(TODAY, 9).isoformat()
    assert dialog.basic.sex.text() == "女"
    assert dialog.basic.birth_date.isReadOnly() and dialog.basic.sex.isReadOnly()
    assert dialog.basic.message("id_number") == ""
    dialog.basic.category_boxes["left_behind_child"].setChecked(True)
    assert "符合" in dialog.basic.message("categories")
    qtbot.keyClicks(dialog.basic.phone, "138 0000 2222")
    type_in(dialog.basic.address, "岩寨村三组")
    dialog.basic.key_monitoring.setChecked(True)
    dialog.basic.self_care.setCurrentIndex(dialog.basic.self_care.findData("full"))
    type_in(dialog.basic.school, "岩寨小学")
    qtbot.keyClick(dialog.basic.name, Qt.Key.Key_Return)  # Enter saves
    idle(qtbot, ctx)
    [r] = recipients(ctx)
    assert (r.name, r.id_number, r.birth_date, r.sex) == ("杨小梅", CHILD_ID, years_before(TODAY, 9), "female")
    assert (r.categories, r.key_monitoring, r.phone, r.address) == (("left_behind_child",), True, "13800002222", "岩寨村三组")
    assert (r.self_care, r.school, r.status, r.village_code, r.surveyed_by) == ("full", "岩寨小学", "surveyed", VILLAGE, "王主任")
    assert dialog.saved_id == r.id == dialog.recipient_id
    assert dialog.tabs.isTabEnabled(1) and "已调查" in dialog.heading.text()
    assert dialog.basic.phone.text() == "13800002222"  # shown as stored


def test_the_category_rules_speak_as_you_type(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = open_form(qtbot, ctx)
    dialog.basic.category_boxes["left_behind_child"].setChecked(True)
    qtbot.keyClicks(dialog.basic.id_number, ELDER_ID)
    assert "留守儿童须未满16周岁" in dialog.basic.message("categories")
    assert dialog.basic.sex.text() == "男"
    dialog.basic.category_boxes["left_behind_child"].setChecked(False)
    dialog.basic.category_boxes["left_behind_woman"].setChecked(True)
    assert "留守妇女须为女性" in dialog.basic.message("categories")
    dialog.basic.category_boxes["left_behind_woman"].setChecked(False)
    dialog.basic.category_boxes["severe_disability"].setChecked(True)
    assert "残疾类别和残疾等级" in dialog.basic.message("categories")
    dialog.basic.disability_type.setCurrentIndex(dialog.basic.disability_type.findData("mental"))
    dialog.basic.disability_grade.setCurrentIndex(dialog.basic.disability_grade.findData(1))
    assert "精神残疾不列入" in dialog.basic.message("categories")
    dialog.basic.disability_type.setCurrentIndex(dialog.basic.disability_type.findData("physical"))
    dialog.basic.disability_grade.setCurrentIndex(dialog.basic.disability_grade.findData(3))
    assert "一级或二级" in dialog.basic.message("categories")
    dialog.basic.disability_grade.setCurrentIndex(dialog.basic.disability_grade.findData(2))
    dialog.basic.category_boxes["left_behind_elder"].setChecked(True)
    assert "符合" in dialog.basic.message("categories")
    # Saving a child's category with an elder's ID anyway: the service says no, nothing is written.
    dialog.basic.category_boxes["left_behind_child"].setChecked(True)
    type_in(dialog.basic.name, "吴老汉")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert "留守儿童须未满16周岁" in dialog.basic.message("categories")
    assert recipients(ctx) == []


def test_an_edit_saves_only_what_changed_and_keeps_history(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    rid = registered(ctx)
    dialog = open_form(qtbot, ctx, rid)
    # masked until 显示完整号码 (issue 15; tests/test_ui_access_log.py), the full number kept behind it
    assert dialog.basic.id_number.text() == mask_id_number(CHILD_ID) and dialog.basic.number() == CHILD_ID
    assert dialog.basic.name.text() == "杨小梅" and dialog.basic.phone.text() == "13800001111"
    assert not dialog.is_dirty()
    dialog.basic.phone.clear()
    qtbot.keyClicks(dialog.basic.phone, "13900003333")
    type_in(dialog.basic.major_illness, "先天性心脏病")
    assert dialog.is_dirty()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with Session(ctx.store.engine) as s:
        r = s.get(Recipient, rid)
        assert r is not None and (r.phone, r.major_illness) == ("13900003333", "先天性心脏病")
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.record_id == rid, AuditEntry.action == "update"))
    changes = json.loads(entry.changes_json)
    assert changes == {"phone": ["13800001111", "13900003333"], "major_illness": [None, "先天性心脏病"]}
    assert entry.user == "王主任"
    assert "已保存" in dialog.status_line.text() and not dialog.is_dirty()
    assert dialog.saved_id == rid


def test_reporting_changes_the_status_and_the_buttons(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    rid = registered(ctx)
    dialog = open_form(qtbot, ctx, rid)
    assert list(dialog.step_buttons) == ["report"]
    qtbot.mouseClick(dialog.step_buttons["report"], Qt.MouseButton.LeftButton)
    [step] = dialog.findChildren(StepDialog)
    qtbot.mouseClick(step.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert recipients(ctx)[0].status == "reported"
    assert set(dialog.step_buttons) == {"review", "reject"}
    assert "已上报" in dialog.heading.text()
    assert dialog.history_tab.model.rowCount() == 2 and dialog.saved_id == rid
    # Rejecting needs a reason and, in a village, the county's document number: refused, shown.
    qtbot.mouseClick(dialog.step_buttons["reject"], Qt.MouseButton.LeftButton)
    step = next(d for d in dialog.findChildren(StepDialog) if d.isVisible())
    qtbot.mouseClick(step.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert "原因" in step.error.text() and step.isVisible()
    assert recipients(ctx)[0].status == "reported"


def test_a_household_member_is_checked_then_added(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    rid = registered(ctx)
    dialog = open_form(qtbot, ctx, rid)
    dialog.tabs.setCurrentWidget(dialog.members_tab)
    qtbot.mouseClick(dialog.members_tab.members.add_button, Qt.MouseButton.LeftButton)
    [member] = dialog.findChildren(MemberDialog)
    type_in(member.name, "杨大山")
    member.relation.setCurrentIndex(member.relation.findData("father"))
    member.works_away.setChecked(True)
    qtbot.mouseClick(member.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert "务工地点" in member.error.text()
    with Session(ctx.store.engine) as s:
        assert s.scalars(select(HouseholdMember)).all() == []
    type_in(member.work_place, "浙江宁波")
    qtbot.keyClick(member.work_place, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    with Session(ctx.store.engine) as s:
        [m] = s.scalars(select(HouseholdMember)).all()
    assert (m.recipient_id, m.name, m.relation, m.works_away, m.work_place) == (rid, "杨大山", "father", True, "浙江宁波")
    assert dialog.members_tab.members.model.rowCount() == 1


def test_logging_care_work_opens_the_log_dialog_for_this_person(qtbot, ctx: Context,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.log_dialogs as log_dialogs

    rid = registered(ctx)
    calls: list[tuple[str, str | None, str]] = []

    def fake(ctx_: Context, parent: object, kind: str, recipient_id: str | None = None, text: str = "") -> bool:
        calls.append((kind, recipient_id, text))
        with Session(ctx_.store.engine) as s, s.begin():
            work.log_call(s, actor_for(s), rid, reached=True, note="情况良好")
        ctx_.hub.changed.emit()
        return True

    monkeypatch.setattr(log_dialogs, "open_log_dialog", fake)
    dialog = open_form(qtbot, ctx, rid)
    assert dialog.timeline_tab.model.rowCount() == 0
    [call] = [a for a in dialog.log_button.menu().actions() if a.text() == "电话随访"]
    call.trigger()
    idle(qtbot, ctx)
    assert calls == [("phone_followup", rid, "杨小梅　" + mask_id_number(CHILD_ID))]
    assert dialog.timeline_tab.model.rowCount() == 1  # the timeline reloads after the log
    assert dialog.saved_id == rid


def _png(path: Path, color: str) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_attachments_by_file_dialog_and_by_drop_show_thumbnails(qtbot, ctx: Context, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rid = registered(ctx)
    photo = _png(tmp_path / "家访照片.png", "#3366aa")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    dialog = open_form(qtbot, ctx, rid)
    tab = dialog.attachments_tab
    dialog.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    with Session(ctx.store.engine) as s:
        [a] = s.scalars(select(Attachment)).all()
    assert (a.owner_table, a.owner_id, a.kind, a.file_name) == ("recipients", rid, "photo", "家访照片.png")
    assert blob_path(ctx.store.attachment_dir(), a.sha256).read_bytes() == photo.read_bytes()
    qtbot.waitUntil(lambda: tab.model.has_thumbnail(0), timeout=10000)
    assert tab.model.data(tab.model.index(0)) == "家访照片.png"

    scan = _png(tmp_path / "残疾证.png", "#aa3333")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    # What Qt delivers when a file is dragged from the file manager onto the tab (QApplication
    # only routes drop events during a real drag, so they are handed to the tab directly).
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    tab.event(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    tab.event(drop)
    assert drop.isAccepted()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and tab.model.has_thumbnail(1), timeout=10000)
    with Session(ctx.store.engine) as s:
        assert len(s.scalars(select(Attachment)).all()) == 2


def test_the_form_models_pass_the_qt_model_checks(qtbot, qtmodeltester, ctx: Context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rid = registered(ctx)
    with Session(ctx.store.engine) as s, s.begin():
        actor = actor_for(s)
        work.log_call(s, actor, rid, reached=True, note="学习正常")
        work.log_aid(s, actor, rid, items="书包1个", value_fen=8850, donor="县团委")
        work.move_wish(s, actor, rid, stage="collected", description="想要一套课外书")
        household.add_member(s, actor, rid, name="杨大山", relation="father", works_away=True, work_place="浙江宁波")
        household.add_guardian(s, actor, rid, kind="entrusted", name="杨奶奶", relation="grandmother",
                             id_number=make_id(years_before(TODAY, 66), "female", seq=40))
        attachments.attach_files(s, actor, ctx.store.attachment_dir(), rid, [_png(tmp_path / "a.png", "#00aa00")])
    dialog = open_form(qtbot, ctx, rid)
    timeline = dialog.timeline_tab.model
    assert timeline.rowCount() == 3
    assert "88.50" in [timeline.data(timeline.index(r, 4)) for r in range(3)]
    guardians = dialog.members_tab.guardians.model
    assert "*" in guardians.data(guardians.index(0, 4))  # a guardian's ID number is masked in the list
    for model in (timeline, dialog.members_tab.members.model, guardians, dialog.pairings_tab.model,
                  dialog.responsibilities_tab.model, dialog.agreements_tab.model,
                  dialog.assessments_tab.model, dialog.history_tab.model, dialog.attachments_tab.model):
        qtmodeltester.check(model)


def test_a_new_form_opens_with_the_cursor_in_the_name(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+N then typing: the name goes where the director's fingers are, no click first."""
    dialog = open_form(qtbot, ctx)
    first = dialog.focusWidget()
    assert first is dialog.basic.name
    type_in(first, "杨小梅")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), CHILD_ID)  # Tab goes on to the ID number
    dialog.basic.category_boxes["left_behind_child"].setChecked(True)
    qtbot.keyClick(dialog.basic.id_number, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    [r] = recipients(ctx)
    assert (r.name, r.id_number) == ("杨小梅", CHILD_ID)


def test_a_step_refused_keeps_its_whole_explanation_readable(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    """The exit step dialog is wide enough for its explanation, and the red refusal under it
    never squeezes the text above it out of sight; then the step is taken."""
    rid = registered(ctx)
    with Session(ctx.store.engine) as s, s.begin():
        actor, doc = actor_for(s), "黎民定〔2026〕3号"
        lifecycle.report(s, actor, rid, on=TODAY)
        for dept in lifecycle.departments_concerned(["left_behind_child"]):
            lifecycle.review(s, actor, rid, department=dept, decision="approve", on=TODAY, doc_no=doc)
        lifecycle.confirm(s, actor, rid, doc_no=doc, on=TODAY)
    QFontDatabase.addApplicationFont(str(CJK_FONT))  # the shipped font, as the app shows it
    dialog = open_form(qtbot, ctx, rid)
    dialog.setFont(QFont(CJK_FAMILY, FONT_SIZES["normal"]))
    qtbot.mouseClick(dialog.step_buttons["exit"], Qt.MouseButton.LeftButton)
    step = next(d for d in dialog.findChildren(StepDialog) if d.isVisible())
    intro = step.form.itemAt(0, QFormLayout.ItemRole.SpanningRole).widget()
    assert "历史记录全部保留" in intro.text()
    assert intro.width() >= intro.fontMetrics().horizontalAdvance(intro.text())  # on one line
    qtbot.keyClick(step.reason.lineEdit(), Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert "原因" in step.error.text() and step.isVisible()
    qtbot.wait(50)
    for label in (intro, step.error):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert recipients(ctx)[0].status == "confirmed"
    step.reason.setCurrentText("父母返乡，不再留守")
    qtbot.keyClick(step.reason.lineEdit(), Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert recipients(ctx)[0].status == "exited"

"""The pairing, teacher and mutual-aid pages driven through their real widgets (offscreen):
buttons open the forms, typing and Enter save through the background worker, and the
database holds what was typed; a refusal shows its reason on the form and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models import (
    AssistingUnit,
    MutualAidAssignment,
    MutualAidFamily,
    MutualAidService,
    Pairing,
    Recipient,
    ResponsiblePerson,
    SchoolFileEntry,
    SchoolLeaveHandover,
    SubsidyPayment,
    TeacherPairing,
    UnitVillage,
)
from app.ui.kit import Context, FormDialog, select_data
from app.ui.programmes.common import MasterDetailPage
from app.ui.programmes.mutual_aid import MutualAidPage
from app.ui.programmes.pairing import PairingPage
from app.ui.programmes.teachers import SchoolFileDialog, TeachersPage
from tests.conftest import VILLAGE
from tests.helpers import child_and_elder

D = dt.date
WAIT = 10000


@pytest.fixture
def people(village: Engine) -> dict[str, str]:
    return child_and_elder(village)


@pytest.fixture
def ctx(people: dict[str, str], ctx: Context) -> Context:
    """Every page test here starts with the two people registered."""
    return ctx


def count(engine: Engine, model: type[Any]) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def one(engine: Engine, model: type[Any]) -> Any:
    with Session(engine) as s:
        return s.scalars(select(model)).one()


def idle(qtbot: Any, ctx: Context) -> None:
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)


def show(qtbot: Any, ctx: Context, page: MasterDetailPage) -> MasterDetailPage:
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def click(qtbot: Any, page: QWidget, text: str) -> FormDialog:
    """Click the page's button with this text; the form it opened."""
    button = next(b for b in page.findChildren(QPushButton) if b.text().split(" (")[0] == text)
    assert button.isEnabled(), text
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert isinstance(page, MasterDetailPage) and page.dialog is not None and page.dialog.isVisible()
    return page.dialog


def enter(qtbot: Any, ctx: Context, dialog: FormDialog, widget: QWidget) -> None:
    """Press Enter in a field (the form's default button saves) and wait for the worker."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    idle(qtbot, ctx)


def saved(qtbot: Any, ctx: Context, dialog: FormDialog, widget: QWidget) -> None:
    enter(qtbot, ctx, dialog, widget)
    assert not dialog.error.isVisible(), dialog.error.text()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert dialog.result() == QDialog.DialogCode.Accepted  # saved, not cancelled
    idle(qtbot, ctx)  # the page reloads on hub.changed


def refused(qtbot: Any, ctx: Context, dialog: FormDialog, widget: QWidget, words: str) -> None:
    enter(qtbot, ctx, dialog, widget)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert words in dialog.error.text()


def type_in(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method's commit (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pick(qtbot: Any, picker: Any, name: str) -> None:
    picker.clear()
    type_in(picker, name)
    qtbot.waitUntil(lambda: picker.recipient_id is not None, timeout=WAIT)
    chosen, popup = picker.recipient_id, picker.completer().popup()
    if popup.isVisible():  # the suggestion list is still open: Enter closes it, as a person would
        QTest.keyClick(popup.windowHandle(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not popup.isVisible(), timeout=WAIT)
    assert picker.recipient_id == chosen


def test_pairing_page_adds_a_unit_a_person_and_pairs_them_with_a_recipient(
        qtbot: Any, qtmodeltester: Any, ctx: Context, village: Engine, people: dict[str, str]) -> None:
    page = show(qtbot, ctx, PairingPage(ctx))
    assert page.model.rowCount() == 0

    dialog = click(qtbot, page, "新增帮扶单位")
    type_in(dialog.name, "县供电局")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.phone, "13812345678")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.phone)  # type: ignore[attr-defined]
    unit = one(village, AssistingUnit)
    assert (unit.name, unit.phone, unit.unit_type) == ("县供电局", "13812345678", "机关")
    assert page.current_row().name == "县供电局"

    dialog = click(qtbot, page, "对接到村")
    saved(qtbot, ctx, dialog, dialog.start)  # type: ignore[attr-defined]
    match = one(village, UnitVillage)
    assert (match.unit_id, match.village_code, match.end_date) == (unit.id, VILLAGE, None)
    dialog = click(qtbot, page, "对接到村")  # the same village again: refused, nothing written
    refused(qtbot, ctx, dialog, dialog.start, "不必重复对接")  # type: ignore[attr-defined]
    dialog.reject()
    assert count(village, UnitVillage) == 1

    dialog = click(qtbot, page, "新增帮扶责任人")
    type_in(dialog.name, "杨建国")  # type: ignore[attr-defined]
    type_in(dialog.position, "科长")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.position)  # type: ignore[attr-defined]
    person = one(village, ResponsiblePerson)
    assert (person.unit_id, person.name, person.position) == (unit.id, "杨建国", "科长")
    assert page.persons.rowCount() == 1

    dialog = click(qtbot, page, "结对帮扶")
    pick(qtbot, dialog.recipient, "吴老汉")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.recipient)  # type: ignore[attr-defined]
    p = one(village, Pairing)
    assert (p.recipient_id, p.responsible_person_id, p.unit_id, p.end_date) == (
        people["elder"], person.id, unit.id, None)
    row = page.pairings.row_at(0)
    assert (row.recipient_name, row.person_name) == ("吴老汉", "杨建国")
    assert page.pairings.data(page.pairings.index(0, 3)) == "进行中"
    assert "王主任" in page.pairings.data(page.pairings.index(0, 4))
    assert page.model.data(page.model.index(0, 6)) == "1"

    dialog = click(qtbot, page, "结对帮扶")  # the same pair again: refused next to the person
    pick(qtbot, dialog.recipient, "吴老汉")  # type: ignore[attr-defined]
    refused(qtbot, ctx, dialog, dialog.recipient, "已与吴老汉结对")  # type: ignore[attr-defined]
    assert "border" in dialog.person.styleSheet()  # type: ignore[attr-defined]
    dialog.reject()
    assert count(village, Pairing) == 1

    for model in (page.model, page.persons, page.pairings, page.matches):
        qtmodeltester.check(model)


def test_teachers_page_pairs_a_child_keeps_the_school_file_and_hands_over(
        qtbot: Any, qtmodeltester: Any, ctx: Context, village: Engine, people: dict[str, str]) -> None:
    page = show(qtbot, ctx, TeachersPage(ctx))
    assert page.unpaired.text() == ""  # the child is surveyed, not yet confirmed

    dialog = click(qtbot, page, "结对老师")
    pick(qtbot, dialog.recipient, "吴老汉")  # type: ignore[attr-defined]
    type_in(dialog.teacher, "潘老师")  # type: ignore[attr-defined]
    refused(qtbot, ctx, dialog, dialog.teacher, "不是留守儿童")  # type: ignore[attr-defined]
    assert "border" in dialog.recipient.styleSheet()  # type: ignore[attr-defined]
    assert count(village, TeacherPairing) == 0

    pick(qtbot, dialog.recipient, "龙梓涵")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.school.text() == "岩寨小学", timeout=WAIT)  # type: ignore[attr-defined]
    type_in(dialog.school_class, "三年级")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.school_class)  # type: ignore[attr-defined]
    tp = one(village, TeacherPairing)
    assert (tp.recipient_id, tp.teacher_name, tp.school, tp.school_class, tp.end_date) == (
        people["child"], "潘老师", "岩寨小学", "三年级", None)
    assert page.current_row().id == tp.id

    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter on the selected pairing adds to its school file
    dialog = page.dialog
    assert isinstance(dialog, SchoolFileDialog) and dialog.isVisible()
    refused(qtbot, ctx, dialog, dialog.content, "不能为空")  # type: ignore[attr-defined]
    assert count(village, SchoolFileEntry) == 0
    select_data(dialog.kind, "psychological_counselling")  # type: ignore[attr-defined]
    type_in(dialog.content, "与学生谈心，了解学习和生活情况")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.content)  # type: ignore[attr-defined]
    entry = one(village, SchoolFileEntry)
    assert (entry.teacher_pairing_id, entry.recipient_id, entry.kind, entry.recorded_by) == (
        tp.id, people["child"], "psychological_counselling", "潘老师")
    assert page.entries.rowCount() == 1
    assert page.entries.data(page.entries.index(0, 1)) == "心理疏导"
    assert page.model.data(page.model.index(0, 7)) == "1"

    dialog = click(qtbot, page, "离校对接")
    type_in(dialog.guardian.lineEdit(), "龙奶奶")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.guardian.lineEdit())  # type: ignore[attr-defined]
    handover = one(village, SchoolLeaveHandover)
    assert (handover.recipient_id, handover.teacher_pairing_id, handover.guardian_name, handover.reason) == (
        people["child"], tp.id, "龙奶奶", "毕业离校")
    with Session(village) as s:
        assert s.get(TeacherPairing, tp.id).end_date == dt.date.today()  # type: ignore[union-attr]
        assert s.get(Recipient, people["child"]).school is None  # type: ignore[union-attr]
    assert page.model.data(page.model.index(0, 6)).startswith("已结束")
    assert page.handovers.rowCount() == 1
    assert not page.entry_button.isEnabled() and not page.handover_button.isEnabled()

    for model in (page.model, page.entries, page.handovers):
        qtmodeltester.check(model)


def test_mutual_aid_page_adds_a_family_assigns_it_logs_a_service_and_pays_a_subsidy(
        qtbot: Any, qtmodeltester: Any, ctx: Context, village: Engine, people: dict[str, str]) -> None:
    page = show(qtbot, ctx, MutualAidPage(ctx))

    dialog = click(qtbot, page, "新增互助家庭")
    type_in(dialog.head, "石秀芳")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.phone, "13912345678")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.phone)  # type: ignore[attr-defined]
    family = one(village, MutualAidFamily)
    assert (family.village_code, family.head_name, family.phone) == (VILLAGE, "石秀芳", "13912345678")
    assert page.current_row().id == family.id

    dialog = click(qtbot, page, "安排照料对象")
    pick(qtbot, dialog.recipient, "吴老汉")  # type: ignore[attr-defined]
    type_in(dialog.monthly, "两百")  # type: ignore[attr-defined]
    refused(qtbot, ctx, dialog, dialog.monthly, "请填写金额")  # type: ignore[attr-defined]
    assert count(village, MutualAidAssignment) == 0
    dialog.monthly.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.monthly, "200")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.monthly)  # type: ignore[attr-defined]
    assignment = one(village, MutualAidAssignment)
    assert (assignment.family_id, assignment.recipient_id, assignment.monthly_subsidy_fen) == (
        family.id, people["elder"], 20000)
    assert page.assignments.rowCount() == 1

    dialog = click(qtbot, page, "记录服务")
    assert dialog.recipient.currentText() == "吴老汉"  # type: ignore[attr-defined]
    type_in(dialog.note, "每日送热饭热菜")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.note)  # type: ignore[attr-defined]
    service = one(village, MutualAidService)
    assert (service.family_id, service.recipient_id, service.kind, service.note) == (
        family.id, people["elder"], "hot_meals", "每日送热饭热菜")

    dialog = click(qtbot, page, "发放补贴")
    assert dialog.amount.text() == "600.00"  # type: ignore[attr-defined]  # 200 a month for a quarter
    dialog.amount.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.amount, "0")  # type: ignore[attr-defined]
    refused(qtbot, ctx, dialog, dialog.amount, "应大于0")  # type: ignore[attr-defined]
    assert "border" in dialog.amount.styleSheet()  # type: ignore[attr-defined]
    assert count(village, SubsidyPayment) == 0
    dialog.amount.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.amount, "300.00")  # type: ignore[attr-defined]
    saved(qtbot, ctx, dialog, dialog.amount)  # type: ignore[attr-defined]
    payment = one(village, SubsidyPayment)
    assert (payment.family_id, payment.amount_fen, payment.paid_on) == (family.id, 30000, dt.date.today())
    assert page.total.text().startswith("补贴台账：已发放 300.00 元，未发放 0.00 元")
    assert page.model.data(page.model.index(0, 5)) == "300.00 元"
    assert page.payments.data(page.payments.index(0, 2)) == "300.00 元"

    for model in (page.model, page.assignments, page.services, page.payments):
        qtmodeltester.check(model)


def test_the_pages_show_a_demo_village(qtbot: Any, qtmodeltester: Any, demo_ctx: Context) -> None:
    ctx = demo_ctx
    with Session(ctx.store.engine) as s:
        families = int(s.scalar(select(func.count()).select_from(MutualAidFamily)) or 0)
        teachers = int(s.scalar(select(func.count()).select_from(TeacherPairing)) or 0)
    for page_class, expected in ((PairingPage, None), (TeachersPage, teachers), (MutualAidPage, families)):
        page = show(qtbot, ctx, page_class(ctx))
        assert page.model.rowCount() > 0
        if expected is not None:
            assert page.model.rowCount() == expected
        assert page.detail_title.text()  # the first record's details are shown
        qtmodeltester.check(page.model)
        for i in range(page.tabs.count()):
            qtmodeltester.check(page.tabs.widget(i).model())  # type: ignore[attr-defined]

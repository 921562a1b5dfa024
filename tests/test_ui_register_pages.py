"""The register pages (third-party assessments, responsibilities, agreements, care
activities) driven through their real widgets, offscreen: each main flow writes through its
dialog and the database is checked; refusals show their reason and write nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.care import registers as rg
from app.care import writes
from app.care.context import actor_for
from app.models import (
    Activity,
    Agreement,
    Attendance,
    Guardian,
    Recipient,
    Responsibility,
    ThirdPartyAssessment,
)
from app.ui.kit import Context
from app.ui.programmes.activities import ActivitiesPage, ActivityDialog, AttendanceDialog
from app.ui.programmes.agreements import AgreementsPage, DraftDialog, VoidDialog
from app.ui.programmes.assessments import AssessmentDialog, AssessmentsPage
from app.ui.programmes.registers_common import RegisterPage
from app.ui.programmes.responsibilities import AssignDialog, EndDialog, ResponsibilitiesPage
from tests.helpers import child_and_elder

D = dt.date
TODAY = dt.date.today()
WAIT = 10_000


@pytest.fixture
def people(village: Engine) -> dict[str, str]:
    """A left-behind child and an elder of 岩寨村 (82, partly able to look after himself)."""
    return child_and_elder(village, ("left_behind_elder", "extreme_poverty_dispersed"))


@pytest.fixture
def ctx(people: dict[str, str], ctx: Context) -> Context:
    """Every page test here starts with the two people registered (before the Context, as in the app)."""
    return ctx


def idle(qtbot: Any, ctx: Context) -> None:
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)


def show(qtbot: Any, ctx: Context, page: RegisterPage) -> RegisterPage:
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    idle(qtbot, ctx)
    return page


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(box: QComboBox, code: str) -> None:
    """Pick an item of a combo by its code, as a person picks it from the drop-down."""
    box.setFocus()
    box.setCurrentIndex(box.findData(code))


def type_in(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type text as a person does: ASCII key by key, Chinese committed by the input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pick(qtbot: Any, ctx: Context, picker: Any, name: str) -> None:
    """Type a recipient's whole name into a picker: the single match is chosen."""
    type_in(qtbot, picker, name)
    qtbot.waitUntil(lambda: picker.recipient_id is not None and ctx.background.pending == 0, timeout=WAIT)


def add_attendee(qtbot: Any, ctx: Context, attendees: Any, name: str) -> None:
    """Type a name into an attendee list's search: the person joins the list, the search empties."""
    before = len(attendees.ids())
    type_in(qtbot, attendees.picker, name)
    qtbot.waitUntil(lambda: len(attendees.ids()) == before + 1 and ctx.background.pending == 0, timeout=WAIT)
    assert attendees.picker.text() == ""


def save_by_enter(qtbot: Any, ctx: Context, field: QWidget) -> None:
    qtbot.keyClick(field, Qt.Key.Key_Return)
    idle(qtbot, ctx)


def count(engine: Engine, model: type, *where: Any) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# ---- the reads behind the pages (no Qt) -------------------------------------------------------

def test_register_reads_filter_by_state_kind_and_search(village: Engine, people: dict[str, str]) -> None:
    from app.care import programmes as pg

    with Session(village) as s, s.begin():
        actor = actor_for(s)
        pg.assign_responsibility(s, actor, people["child"], kind="school_retention", person_name="龙德明",
                                 start=D(2026, 1, 10))
        # (family guardianship is for minors and adults without capacity: issue 14, point 8)
        ended = pg.assign_responsibility(s, actor, people["elder"], kind="temporary_guardianship",
                                         person_name="吴大山", start=D(2026, 1, 10))
        pg.end_responsibility(s, actor, ended.id, on=TODAY)
        later = pg.assign_responsibility(s, actor, people["elder"], kind="mandatory_reporting",
                                         person_name="杨明", start=D(2026, 1, 10))
        pg.end_responsibility(s, actor, later.id, on=TODAY + dt.timedelta(days=30))
        pg.draft_agreement(s, actor, people["elder"], kind="family_support")
        from app.care.household import add_guardian

        carer = add_guardian(s, actor, people["child"], kind="entrusted", name="龙德明", relation="grandfather",
                             start_date=D(2026, 1, 5))
        void = pg.draft_agreement(s, actor, people["child"], kind="entrusted_guardianship", guardian_id=carer.id)
        pg.void_agreement(s, actor, void.id, reason="重新起草")
    with Session(village) as s:
        def kinds(**kw: Any) -> set[str]:
            return {r.kind for r in rg.list_responsibilities(s, **kw).rows}

        assert kinds() == {"school_retention", "mandatory_reporting"}  # an end still ahead is current
        assert kinds(state="ended") == {"temporary_guardianship"}
        assert kinds(state=None, kind="mandatory_reporting") == {"mandatory_reporting"}
        assert kinds(state=None, search="wlh") == {"temporary_guardianship", "mandatory_reporting"}
        assert rg.agreement_counts(s) == {"drafted": 1, "void": 1}
        drafted = rg.list_agreements(s, status="drafted")
        assert (drafted.total, drafted.rows[0].kind, drafted.truncated) == (1, "family_support", False)
        assert rg.list_agreements(s, search="lzh").rows[0].void_reason == "重新起草"
        assert rg.list_agreements(s, limit=1).truncated
        assert rg.agreement_parties(s, people["elder"]).suggested_kind == "family_support"
        assert rg.agreement_parties(s, people["child"]).suggested_kind == "entrusted_guardianship"


# ---- third-party assessments ------------------------------------------------------------

def test_recording_an_assessment_sets_self_care(qtbot: Any, qtmodeltester: Any, ctx: Context,
                                                people: dict[str, str]) -> None:
    page = show(qtbot, ctx, AssessmentsPage(ctx))
    assert page.model.rowCount() == 0
    click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, AssessmentDialog)
    pick(qtbot, ctx, dialog.recipient, "吴老汉")
    assert dialog.recipient.recipient_id == people["elder"]

    # The agency is required: refused on screen, nothing written.
    choose(dialog.self_care, "none")
    save_by_enter(qtbot, ctx, dialog.health)
    assert "评估机构：不能为空" in dialog.error.text()
    assert dialog.isVisible()
    assert count(ctx.store.engine, ThirdPartyAssessment) == 0

    type_in(qtbot, dialog.agency, "黎平县康宁社会工作服务中心")
    type_in(qtbot, dialog.health, "血压偏高")
    type_in(qtbot, dialog.measures, "互助家庭每日送热饭热菜")
    save_by_enter(qtbot, ctx, dialog.agency)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)

    with Session(ctx.store.engine) as s:
        a = s.scalars(select(ThirdPartyAssessment)).one()
        assert (a.recipient_id, a.agency, a.assessed_on, a.self_care, a.health_check, a.recommended_measures) == (
            people["elder"], "黎平县康宁社会工作服务中心", TODAY, "none", "血压偏高", "互助家庭每日送热饭热菜")
        assert s.get(Recipient, people["elder"]).self_care == "none"  # type: ignore[union-attr]
    assert "黎平县康宁社会工作服务中心" in page.detail.text()
    qtmodeltester.check(page.model)


def test_an_assessment_needs_a_chosen_recipient_and_ability(qtbot: Any, ctx: Context) -> None:
    page = show(qtbot, ctx, AssessmentsPage(ctx))
    click(qtbot, page.add_button)
    dialog = page.dialog
    type_in(qtbot, dialog.agency, "某机构")
    save_by_enter(qtbot, ctx, dialog.agency)
    assert "评估对象" in dialog.error.text() and "选择" in dialog.error.text()
    pick(qtbot, ctx, dialog.recipient, "吴老汉")
    save_by_enter(qtbot, ctx, dialog.agency)
    assert "自理能力认定" in dialog.error.text()
    assert count(ctx.store.engine, ThirdPartyAssessment) == 0


# ---- responsibilities ------------------------------------------------------------------

def test_assigning_then_ending_a_responsibility(qtbot: Any, qtmodeltester: Any, ctx: Context,
                                                people: dict[str, str]) -> None:
    page = show(qtbot, ctx, ResponsibilitiesPage(ctx))
    assert page.model.rowCount() == 0
    click(qtbot, page.assign_button)
    dialog = page.dialog
    assert isinstance(dialog, AssignDialog)
    pick(qtbot, ctx, dialog.recipient, "吴老汉")
    choose(dialog.kind, "temporary_guardianship")  # the elder can partly look after himself
    type_in(qtbot, dialog.person, "吴大山")
    qtbot.keyClicks(dialog.phone, "13800001234")
    type_in(qtbot, dialog.role, "儿子")
    save_by_enter(qtbot, ctx, dialog.role)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        r = s.scalars(select(Responsibility)).one()
        assert (r.recipient_id, r.kind, r.person_name, r.person_phone, r.person_role, r.start_date, r.end_date) == (
            people["elder"], "temporary_guardianship", "吴大山", "13800001234", "儿子", TODAY, None)
    qtmodeltester.check(page.model)

    # Ending it before it started is refused, with the reason beside the date.
    page.view.selectRow(0)
    assert page.end_button.isEnabled()
    click(qtbot, page.end_button)
    end = page.dialog
    assert isinstance(end, EndDialog)
    end.on.setDate(end.on.date().addDays(-1))
    save_by_enter(qtbot, ctx, end.on)
    assert "结束日期：早于开始日期" in end.error.text()
    assert count(ctx.store.engine, Responsibility, Responsibility.end_date.is_not(None)) == 0

    end.on.setDate(end.on.date().addDays(1))
    save_by_enter(qtbot, ctx, end.on)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)  # no longer current
    with Session(ctx.store.engine) as s:
        assert s.scalars(select(Responsibility.end_date)).one() == TODAY
    choose(page.state, "ended")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert not page.end_button.isEnabled()
    assert "已结束" in page.detail.text()


def test_a_responsibility_needs_its_kind_and_a_person(qtbot: Any, ctx: Context) -> None:
    page = show(qtbot, ctx, ResponsibilitiesPage(ctx))
    click(qtbot, page.assign_button)
    dialog = page.dialog
    pick(qtbot, ctx, dialog.recipient, "龙梓涵")
    type_in(qtbot, dialog.person, "龙德明")
    save_by_enter(qtbot, ctx, dialog.person)
    assert "责任类别" in dialog.error.text()
    dialog.person.clear()
    choose(dialog.kind, "school_retention")
    save_by_enter(qtbot, ctx, dialog.person)
    assert "责任人：不能为空" in dialog.error.text()
    assert dialog.fields["name"].styleSheet()  # the person's field is outlined
    assert count(ctx.store.engine, Responsibility) == 0


# ---- agreements ----------------------------------------------------------------------------

def test_drafting_and_voiding_an_agreement_moves_it_between_states(qtbot: Any, qtmodeltester: Any, ctx: Context,
                                                                   people: dict[str, str]) -> None:
    page = show(qtbot, ctx, AgreementsPage(ctx))
    click(qtbot, page.draft_button)
    dialog = page.dialog
    assert isinstance(dialog, DraftDialog)
    pick(qtbot, ctx, dialog.recipient, "吴老汉")
    assert dialog.kind.currentData() == "family_support"  # suggested for an elder

    # The entrusted-guardianship confirmation is for children: refused beside the kind.
    choose(dialog.kind, "entrusted_guardianship")
    save_by_enter(qtbot, ctx, dialog.recipient)
    assert "委托监护责任确认书只用于留守儿童" in dialog.error.text()
    assert dialog.fields["kind"].styleSheet()
    assert count(ctx.store.engine, Agreement) == 0

    choose(dialog.kind, "family_support")
    dialog.has_end.setChecked(True)
    save_by_enter(qtbot, ctx, dialog.recipient)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        a = s.scalars(select(Agreement)).one()
        assert (a.recipient_id, a.kind, a.status, a.drafted_on, a.term_start) == (
            people["elder"], "family_support", "drafted", TODAY, TODAY)
        assert a.term_end is not None and a.term_end.year == TODAY.year + 3
        number = a.number

    qtbot.mouseClick(page.tabs, Qt.MouseButton.LeftButton, pos=page.tabs.tabRect(1).center())  # 已起草
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and ctx.background.pending == 0, timeout=WAIT)
    assert page.tabs.tabText(1).endswith("（1）") and page.tabs.tabText(4).endswith("（0）")
    assert page.model.row_at(0).number == number
    qtmodeltester.check(page.model)
    # Printing is live (tests/test_ui_print.py): a drafted agreement prints; only a printed one is signed.
    assert page.print_button.isEnabled() and not page.sign_button.isEnabled()

    # Void: a reason is required, then it leaves 已起草 for 已作废.
    page.view.selectRow(0)
    click(qtbot, page.void_button)
    void = page.dialog
    assert isinstance(void, VoidDialog)
    save_by_enter(qtbot, ctx, void.reason)
    assert "作废原因：不能为空" in void.error.text()
    assert count(ctx.store.engine, Agreement, Agreement.status == "drafted") == 1
    type_in(qtbot, void.reason, "监护人变更，重新签订")
    save_by_enter(qtbot, ctx, void.reason)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        a = s.scalars(select(Agreement)).one()
        assert (a.status, a.void_reason) == ("void", "监护人变更，重新签订")
    qtbot.mouseClick(page.tabs, Qt.MouseButton.LeftButton, pos=page.tabs.tabRect(4).center())  # 已作废
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert not page.void_button.isEnabled()
    assert "监护人变更" in page.detail.text()


def test_the_draft_names_the_childs_carer(qtbot: Any, ctx: Context, people: dict[str, str]) -> None:
    with Session(ctx.store.engine) as s, s.begin():
        carer = writes.create(s, actor_for(s), Guardian, recipient_id=people["child"], kind="entrusted",
                              name="龙德明", relation="grandfather", id_number=None, phone="13800001111",
                              address=None, start_date=D(2026, 1, 5), end_date=None).id
    page = show(qtbot, ctx, AgreementsPage(ctx))
    click(qtbot, page.draft_button)
    dialog = page.dialog
    pick(qtbot, ctx, dialog.recipient, "龙梓涵")
    assert dialog.kind.currentData() == "entrusted_guardianship"
    assert dialog.guardian.currentData() == carer and "龙德明" in dialog.guardian.currentText()
    save_by_enter(qtbot, ctx, dialog.recipient)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        a = s.scalars(select(Agreement)).one()
        assert (a.recipient_id, a.kind, a.guardian_id) == (people["child"], "entrusted_guardianship", carer)
    assert page.model.row_at(0).guardian_name == "龙德明"


def test_the_draft_picks_the_carer_over_the_father_and_asks_before_backdating(
        qtbot: Any, ctx: Context, people: dict[str, str]) -> None:
    """The father working away was recorded as a guardian first: the dialog still names the
    entrusted carer; a term before the drafting date is saved only once confirmed."""
    from PySide6.QtCore import QDate

    with Session(ctx.store.engine) as s, s.begin():
        actor = actor_for(s)
        writes.create(s, actor, Guardian, recipient_id=people["child"], kind="parent", name="龙建国",
                      relation="father", id_number=None, phone="13800002222", address=None,
                      start_date=D(2025, 1, 5), end_date=None)
        carer = writes.create(s, actor, Guardian, recipient_id=people["child"], kind="entrusted",
                              name="龙德明", relation="grandfather", id_number=None, phone="13800001111",
                              address=None, start_date=D(2026, 1, 5), end_date=None).id
    page = show(qtbot, ctx, AgreementsPage(ctx))
    click(qtbot, page.draft_button)
    dialog = page.dialog
    pick(qtbot, ctx, dialog.recipient, "龙梓涵")
    assert dialog.guardian.currentData() == carer and "龙德明" in dialog.guardian.currentText()
    start = TODAY - dt.timedelta(days=200)
    dialog.term_start.setDate(QDate(start.year, start.month, start.day))
    save_by_enter(qtbot, ctx, dialog.recipient)
    assert "补签" in dialog.error.text() and dialog.fields["term_start"].styleSheet()
    assert count(ctx.store.engine, Agreement) == 0
    dialog.backdated.setChecked(True)
    save_by_enter(qtbot, ctx, dialog.recipient)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        a = s.scalars(select(Agreement)).one()
        assert (a.guardian_id, a.term_start, a.drafted_on) == (carer, start, TODAY)


# ---- activities -----------------------------------------------------------------------------

def test_an_activity_with_two_attending(qtbot: Any, qtmodeltester: Any, ctx: Context,
                                        people: dict[str, str]) -> None:
    page = show(qtbot, ctx, ActivitiesPage(ctx))
    click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog)
    choose(dialog.kind, "safety_talk")
    type_in(qtbot, dialog.place, "岩寨村村委会")
    # Two recipients picked one after the other; Enter in the search adds, it does not save.
    add_attendee(qtbot, ctx, dialog.attendees, "龙梓涵")
    qtbot.keyClick(dialog.attendees.picker, Qt.Key.Key_Return)
    add_attendee(qtbot, ctx, dialog.attendees, "吴老汉")
    assert dialog.isVisible()
    assert dialog.attendees.ids() == [people["child"], people["elder"]]
    assert dialog.attendees.count.text() == "已选 2 人"
    qtmodeltester.check(dialog.attendees.model)

    save_by_enter(qtbot, ctx, dialog.place)  # no title: refused, nothing written
    assert "活动名称：不能为空" in dialog.error.text()
    assert count(ctx.store.engine, Activity) == 0 and count(ctx.store.engine, Attendance) == 0

    type_in(qtbot, dialog.title, "防溺水安全教育")
    save_by_enter(qtbot, ctx, dialog.title)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.attendee_model.rowCount() == 2, timeout=WAIT)
    with Session(ctx.store.engine) as s:
        act = s.scalars(select(Activity)).one()
        assert (act.kind, act.title, act.held_on, act.place, act.office_code) == (
            "safety_talk", "防溺水安全教育", TODAY, "岩寨村村委会", "522631100201")
        attended = set(s.scalars(select(Attendance.recipient_id).where(Attendance.activity_id == act.id)))
        assert attended == {people["child"], people["elder"]}
    assert page.model.row_at(0).attended == 2
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.attendee_model)


def test_attendance_added_later_counts_each_person_once(qtbot: Any, ctx: Context, people: dict[str, str]) -> None:
    with Session(ctx.store.engine) as s, s.begin():
        rg.add_activity_with_attendance(s, actor_for(s), kind="health_talk", title="健康讲座", held_on=TODAY,
                                        recipient_ids=[people["child"]])
    page = show(qtbot, ctx, ActivitiesPage(ctx))
    qtbot.waitUntil(lambda: page.attendee_model.rowCount() == 1, timeout=WAIT)
    click(qtbot, page.attend_button)
    dialog = page.dialog
    assert isinstance(dialog, AttendanceDialog)
    click(qtbot, dialog.save_button)  # nobody added yet: refused
    idle(qtbot, ctx)
    assert "请至少添加一人" in dialog.error.text()
    add_attendee(qtbot, ctx, dialog.attendees, "龙梓涵")
    add_attendee(qtbot, ctx, dialog.attendees, "吴老汉")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: page.attendee_model.rowCount() == 2, timeout=WAIT)
    assert count(ctx.store.engine, Attendance) == 2
    assert page.model.row_at(0).attended == 2


# ---- on a demo village ------------------------------------------------------------------------

def test_pages_on_a_demo_village(qtbot: Any, qtmodeltester: Any, demo_ctx: Context) -> None:
    engine = demo_ctx.store.engine
    for cls, model in ((AssessmentsPage, ThirdPartyAssessment), (ResponsibilitiesPage, None),
                       (AgreementsPage, Agreement), (ActivitiesPage, Activity)):
        page = show(qtbot, demo_ctx, cls(demo_ctx))
        assert page.model.rowCount() > 0
        if model is not None:
            assert page.model.rowCount() == count(engine, model)
        qtmodeltester.check(page.model)
    with Session(engine) as s:
        by_state = dict(s.execute(select(Agreement.status, func.count()).group_by(Agreement.status)).all())
    agreements = AgreementsPage(demo_ctx)
    show(qtbot, demo_ctx, agreements)
    assert agreements.tabs.tabText(3) == f"已签订（{by_state['signed']}）"

    # Who cannot look after themselves and has no responsibility: one click opens the form for them.
    page = ResponsibilitiesPage(demo_ctx)
    show(qtbot, demo_ctx, page)
    gaps = demo_ctx.store.read(rg.without_responsibility)
    assert gaps and page.notice.isVisible() and gaps[0].name in page.notice.text()
    page.notice.linkActivated.emit(gaps[0].id)
    dialog = page.dialog
    assert dialog.recipient.recipient_id == gaps[0].id
    choose(dialog.kind, "mandatory_reporting")
    type_in(qtbot, dialog.person, "杨明")
    save_by_enter(qtbot, demo_ctx, dialog.person)
    qtbot.waitUntil(lambda: gaps[0].name not in page.notice.text() or not page.notice.isVisible(), timeout=WAIT)
    assert gaps[0].id not in {p.id for p in demo_ctx.store.read(rg.without_responsibility)}


def test_the_pages_open_from_the_main_window_and_take_ctrl_n(qtbot: Any, demo_ctx: Context) -> None:
    from app.ui.main import MainWindow

    window = MainWindow(demo_ctx.store, demo_ctx.background, demo_ctx.office)
    qtbot.addWidget(window)
    window.show()
    for key, dialog_type in (("assessments", AssessmentDialog), ("responsibilities", AssignDialog),
                             ("agreements", DraftDialog), ("activities", ActivityDialog)):
        window.activateWindow()  # offscreen, a closed dialog does not hand activation back
        qtbot.waitUntil(lambda: QApplication.focusWindow() is window.windowHandle(), timeout=WAIT)
        page = window.show_page(key)
        idle(qtbot, demo_ctx)
        assert page.model.rowCount() > 0
        page.view.setFocus()
        qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        # A button's shortcut clicks it a moment later.
        qtbot.waitUntil(lambda p=page: getattr(p, "dialog", None) is not None, timeout=WAIT)
        assert isinstance(page.dialog, dialog_type) and page.dialog.isVisible()
        page.dialog.reject()
    idle(qtbot, demo_ctx)


def test_a_new_form_opens_with_the_cursor_in_its_first_field(qtbot: Any, ctx: Context, people: dict[str, str]) -> None:
    """A new form then typing: the draft's recipient is typed at once, not into the 保存 button."""
    page = show(qtbot, ctx, AgreementsPage(ctx))
    click(qtbot, page.draft_button)
    dialog = page.dialog
    assert isinstance(dialog, DraftDialog)
    first = dialog.focusWidget()
    assert first is dialog.recipient
    pick(qtbot, ctx, first, "吴老汉")
    save_by_enter(qtbot, ctx, first)
    assert count(ctx.store.engine, Agreement, Agreement.recipient_id == people["elder"]) == 1

    activities = show(qtbot, ctx, ActivitiesPage(ctx))
    click(qtbot, activities.add_button)
    form = activities.dialog
    assert isinstance(form, ActivityDialog)
    assert form.focusWidget() is form.kind  # not the attendee list


def test_every_page_fits_a_small_laptop_screen(qtbot: Any, demo_ctx: Context) -> None:
    """At the standard text size, in the shipped font, the window can be made 1024 wide on
    every page: no row of filters and buttons holds it wider than a small screen."""
    from PySide6.QtGui import QFont, QFontDatabase

    from app.fonts import CJK_FAMILY, CJK_FONT
    from app.ui.main import FONT_SIZES, MainWindow

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    window = MainWindow(demo_ctx.store, demo_ctx.background, demo_ctx.office)
    window.setFont(QFont(CJK_FAMILY, FONT_SIZES["normal"]))
    qtbot.addWidget(window)
    window.show()
    wide = {}
    for spec in window.specs:
        window.show_page(spec.key)
        idle(qtbot, demo_ctx)
        window.resize(1024, 700)
        qtbot.wait(20)
        if window.width() > 1024:
            wide[spec.key] = window.width()
    assert wide == {}

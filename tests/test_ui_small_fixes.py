"""Small things a director trips over (issue 16 point 10), driven through the widgets: Esc on
a dialog with typed text asks first, Ctrl+0 reaches 数据交换, and the office's fingerprint
stays in the status bar whatever passing message shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.models import CareRecord
from app.ui.kit import Context
from app.ui.log_dialogs import log_dialog
from app.ui.main import MainWindow
from tests.helpers import make_id
from tests.test_ui_log_dialogs import type_text

WAIT = 10_000


@pytest.fixture
def rid(village: Engine) -> str:
    with Session(village) as s, s.begin():
        return add_recipient(s, actor_for(s), name="李秀英", id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                             categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id


def asking(dialog: QWidget) -> QMessageBox | None:
    box = dialog.findChild(QMessageBox, "ask_discard")
    return box if box is not None and box.isVisible() else None


def test_esc_with_typed_notes_asks_first(qtbot: Any, ctx: Context, village: Engine, rid: str) -> None:
    dialog = log_dialog(ctx, None, "phone_followup", rid, "李秀英")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=WAIT)
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Escape)  # nothing typed (the recorder the dialog filled itself)
    assert asking(dialog) is None and not dialog.isVisible()

    dialog = log_dialog(ctx, None, "phone_followup", rid, "李秀英")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=WAIT)
    type_text(qtbot, dialog.summary, "身体还好")  # through the input method, as Chinese is typed
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Escape)
    box = asking(dialog)
    assert box is not None and box.windowTitle() == "放弃填写的内容？" and dialog.isVisible()
    box.button(QMessageBox.StandardButton.No).click()  # keep typing: the notes stay
    assert dialog.isVisible() and dialog.summary.text() == "身体还好"
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: asking(dialog) is not None, timeout=WAIT)
    asking(dialog).button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert not dialog.isVisible()
    with Session(village) as s:
        assert s.scalars(select(CareRecord)).all() == []  # closed without saving


def test_ctrl_0_and_the_fingerprint(qtbot: Any, ctx: Context) -> None:
    window = MainWindow(ctx.store, ctx.background, ctx.office)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "本单位公钥指纹" in window.fingerprint_label.text(), timeout=WAIT)
    fingerprint = window.fingerprint_label.text()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.specs[window.nav.currentRow()].key == "sync"
    window.statusBar().showMessage("已导出", 5000)  # a passing message
    assert window.fingerprint_label.isVisible() and window.fingerprint_label.text() == fingerprint


def test_bundle_files_are_named_with_office_names() -> None:
    import datetime as dt

    from app.ui.sync_page import bundle_file_name

    assert bundle_file_name("岩寨村", "岩寨镇", dt.datetime(2026, 12, 7, 10, 15)) == "岩寨村→岩寨镇-2026-12-07-1015.guanai"
    assert bundle_file_name('岩寨/村:"', "", dt.datetime(2026, 12, 7, 9, 5)) == "岩寨村→关爱-2026-12-07-0905.guanai"


def test_every_warning_kind_opens_something_useful(qtbot: Any, ctx: Context, village: Engine,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter on a warning opens its answer (issue 16 point 5): 无人监护 the child's household
    with the carer dialog ready, the others the tab where their record is made."""
    from app.care.warnings import warnings_for
    from app.models.codes import GuardianKind
    from app.ui.recipient_form import RecipientDialog
    from app.ui.workbench import WARNING_ACTIONS, WARNING_KINDS, WorkbenchPage
    from tests.helpers import LEFT_BEHIND

    assert set(WARNING_KINDS) <= set(WARNING_ACTIONS)  # no kind without its action
    with Session(village) as s, s.begin():
        child = add_recipient(s, actor_for(s), **LEFT_BEHIND, name="龙梓涵",
                              id_number=make_id(dt.date(2015, 5, 5), "female", seq=31),
                              categories=["left_behind_child"], surveyed_on=dt.date(2026, 1, 5)).id
    with Session(village) as s:
        assert "child_alone" in {w.kind for w in warnings_for(s) if w.recipient_id == child}
    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    opened: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(page, "open_form", lambda rid, tab, then=None: opened.append((rid, tab, then is not None)))
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.warning_model.rowCount() > 0, timeout=WAIT)
    row = next(i for i in range(page.warning_model.rowCount())
               if page.warning_model.row_at(i).kind == "child_alone")
    page.open_warning(page.warning_model.index(row, 0))
    assert opened == [(child, "household", True)]

    dialog = RecipientDialog(ctx, None, child)  # what `then` does on the opened form
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.before is not None, timeout=WAIT)
    dialog.record_carer()
    assert dialog.tabs.currentWidget() is dialog.members_tab
    assert dialog.carer_dialog.isVisible() and dialog.carer_dialog.kind.currentData() == GuardianKind.entrusted.value


def test_the_english_ui_shows_ethnicities_and_unit_types_in_english_and_stores_chinese(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui import kit
    from app.ui.recipient_fields import BasicInfoPanel

    monkeypatch.setattr(kit, "ui_language", lambda: "en")
    panel = BasicInfoPanel("village")
    qtbot.addWidget(panel)
    texts = [panel.ethnicity.itemText(i) for i in range(panel.ethnicity.count())]
    assert "Miao" in texts and "苗族" not in texts
    panel.ethnicity.setCurrentText("Miao")
    assert kit.stored_word(panel.ethnicity) == "苗族"
    kit.show_stored(panel.ethnicity, "侗族")
    assert panel.ethnicity.currentText() == "Dong"
    panel.ethnicity.setCurrentText("毛南族")  # typed, not listed: kept as typed
    assert kit.stored_word(panel.ethnicity) == "毛南族"
    box = kit.words_combo(("机关", "企业"))
    qtbot.addWidget(box)
    assert [box.itemText(i) for i in range(box.count())] == ["Government office", "Enterprise"]
    assert kit.stored_word(box) == "机关" and kit.shown_word("事业单位") == "Public institution"


def test_a_township_is_told_the_village_owns_the_record_before_editing(qtbot: Any, background: Any,
                                                                       tmp_path: Any) -> None:
    from app.care.offices import add_office, init_office
    from app.db import open_database
    from app.ui.recipient_form import RecipientDialog
    from app.ui.store import Store
    from tests.helpers import LEFT_BEHIND, ui_context

    engine = open_database(tmp_path / "township.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code="522631100", name="德凤镇", parent="522631", operator="吴督导")
        actor = actor_for(s)
        add_office(s, actor, code="522631100201", name="岩寨村", level="village", parent="522631100")
        rid = add_recipient(s, actor, **LEFT_BEHIND, name="李秀英", village_code="522631100201",
                            id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                            categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id
    ctx = ui_context(Store(engine), background)
    form = RecipientDialog(ctx, None, rid)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.owner_note.isVisible() and "岩寨村" in form.owner_note.text(), timeout=WAIT)
    assert "以村里的为准" in form.owner_note.text()
    engine.dispose()


def test_the_stale_refusal_line_goes_once_the_red_fields_are_fixed(qtbot: Any, ctx: Context,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.recipient_form import RecipientDialog

    # closing the unsaved form at the end asks Save / Discard / Cancel: discard
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)

    form = RecipientDialog(ctx, None, None)
    qtbot.addWidget(form)
    form.show()
    form.basic.name.setText("李秀英")
    form.basic.category_boxes["left_behind_elder"].setChecked(True)
    form.basic.address.setText("岩寨村\x07二组")  # a control character: refused by the service
    form.save()
    qtbot.waitUntil(lambda: form.status_line.text() == "没有保存，请按红字提示修改。", timeout=WAIT)
    red = sorted(k for k, m in form.basic.errors.items() if m.isVisible() and m.text())
    assert red == ["address", "id_number"], red
    form.basic.address.clear()
    qtbot.keyClicks(form.basic.address, "yan zhai er zu")  # one fixed: the other still red
    assert not form.basic.errors["address"].isVisible()
    assert form.status_line.text() == "没有保存，请按红字提示修改。"
    qtbot.keyClicks(form.basic.id_number, make_id(dt.date(1948, 3, 2), "female", seq=7))
    assert form.status_line.text() == ""

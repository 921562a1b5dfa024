"""Issue 15, points 5 and 6 in the app (offscreen, through the real widgets): 导出本人全部信息
on the recipient form, the retention page that asks before it removes anything, and the
privacy note under 帮助. Screenshots of the new screens go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care.context import actor_for, get_setting
from app.care.privacy_note import SEEN_KEY, mark_note_seen
from app.models import AuditEntry, Recipient
from app.ui import forms_actions
from app.ui.kit import Context
from app.ui.privacy_note import PrivacyNoteDialog
from app.ui.retention_dialog import RetentionDialog
from tests.test_retention import TODAY, person
from tests.test_ui_recipient_form import idle, open_form

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def shot(widget: Any, name: str) -> None:
    """The screen as the app draws it (its shipped CJK font), for a person to look at."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]
    widget.setFont(QFont(CJK_FAMILY, 11))
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / name))


def test_the_form_exports_everything_about_the_person(qtbot, ctx: Context, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with Session(ctx.store.engine) as s, s.begin():
        rid = person(s, actor_for(s), "吴秀英", 31, exited=None)
        number = s.get_one(Recipient, rid).id_number
    announced: list[Path] = []
    monkeypatch.setattr(forms_actions, "announce", lambda _p, path, _what: announced.append(path))
    form = open_form(qtbot, ctx, rid)
    assert form.export_button.isVisible()
    shot(form, "person-export.png")
    out = form.export_everything(tmp_path / "吴秀英.xlsx")
    idle(qtbot, ctx)
    assert announced == [out]
    wb = load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "吴秀英" in cells and number in cells and "屋顶漏雨，需要修缮" in cells
    with Session(ctx.store.engine) as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "disclose",
                                                  AuditEntry.record_id == rid)).first() is not None


def test_retention_page_lists_then_asks_naming_how_many_and_where(qtbot, ctx: Context, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with Session(ctx.store.engine) as s, s.begin():
        actor = actor_for(s)
        old = person(s, actor, "石老根", 32, exited=dt.date(2021, 12, 6))
        person(s, actor, "杨阿婆", 33, exited=dt.date(2021, 12, 7))
        soon = person(s, actor, "龙阿公", 34, exited=dt.date(2021, 12, 20))
    dialog = RetentionDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert dialog.table.rowCount() == 3 and dialog.apply_button.isEnabled()
    assert "已到期 2 人" in dialog.summary.text()
    dialog.resize(900, 420)
    shot(dialog, "retention.png")
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def ask(_parent: Any, _title: str, text: str, **_kw: Any) -> QMessageBox.StandardButton:
            asked.append(text)
            return reply
        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    dialog.apply_button.click()
    idle(qtbot, ctx)
    assert "2 人" in asked[0] and "岩寨村 2 人" in asked[0] and "不能撤销" in asked[0]
    with Session(ctx.store.engine) as s:
        assert s.get_one(Recipient, old).anonymised_on is None  # cancelled: nothing removed
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog.apply_button.click()
    idle(qtbot, ctx)
    with Session(ctx.store.engine) as s:
        assert s.get_one(Recipient, old).anonymised_on == TODAY
        assert s.get_one(Recipient, soon).anonymised_on is None
    assert dialog.table.rowCount() == 1 and not dialog.apply_button.isEnabled()


def test_the_privacy_note_says_who_sees_what_for_how_long(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PrivacyNoteDialog(None, first_run=True)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for words in ("身份证号", "帮扶单位", "打码", "5年", "第十三条", "第二十八条", "第五十一条", "第四十四条",
                  "导出本人全部信息"):
        assert words in text, words
    dialog.resize(720, 620)
    dialog.show()
    shot(dialog, "privacy-note.png")
    with Session(ctx.store.engine) as s, s.begin():
        assert get_setting(s, SEEN_KEY) is None
        mark_note_seen(s, actor_for(s))
        mark_note_seen(s, actor_for(s))  # once
        assert get_setting(s, SEEN_KEY) is not None
        assert len(s.scalars(select(AuditEntry).where(AuditEntry.action == "notice")).all()) == 1

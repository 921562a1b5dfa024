"""The official forms in the desktop app (issue 13, point 6): the summary table and the report
to the 政法委 from the overview's buttons (for the quarter shown) and the 报表 menu, every
child's 登记表 from the menu, one child's from the profile; each written on the worker, then
offered to open (or its folder). The files are read back: cells, PDF text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care.context import actor_for
from app.care.household import add_member
from app.care.lifecycle import departments_concerned
from app.care.offices import add_office, init_office
from app.care.recipients import add_recipient
from app.db import open_database
from app.ui import forms_actions
from app.ui.store import Store
from tests.helpers import LEFT_BEHIND, make_id, ui_context

D = dt.date
TOWNSHIP, YANZHAI, GAOPING = "522631100", "522631100201", "522631100202"
PERIOD = f"{dt.date.today().year}-Q{(dt.date.today().month - 1) // 3 + 1}"  # the overview's default quarter
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WAIT = 20_000


def pdf_text(path: Path) -> str:
    return "".join((p.extract_text() or "") for p in PdfReader(path).pages).replace(" ", "").replace("\n", "")


def _child(s: Session, name: str, born: D, seq: int, village: str, *, both_away: bool = False) -> str:
    actor = actor_for(s)
    on = D(2026, 3, 1)
    rid = add_recipient(s, actor, **LEFT_BEHIND, name=name, id_number=make_id(born, seq=seq), categories=["left_behind_child"],
                        surveyed_on=on, village_code=village, school="岩寨小学" if born.year < 2020 else None).id
    if both_away:
        add_member(s, actor, rid, name=name[0] + "父", relation="father", works_away=True, work_place="广东省东莞市")
        add_member(s, actor, rid, name="杨母", relation="mother", works_away=True, work_place="浙江省宁波市")
    lc.report(s, actor, rid, on=on)
    for dept in departments_concerned(["left_behind_child"]):
        lc.review(s, actor, rid, department=dept, decision="approve", on=on, doc_no="黎民审〔2026〕3号")
    lc.confirm(s, actor, rid, doc_no="黎民定〔2026〕3号", on=on)
    return rid


@pytest.fixture
def township(tmp_path: Path) -> Iterator[tuple[Engine, dict[str, str]]]:
    """德凤镇: 岩寨村 with two left-behind children (one with both parents away), 高坪村 with one,
    and an elder."""
    engine = open_database(tmp_path / "township.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="township", code=TOWNSHIP, name="德凤镇", parent="522631", operator="吴督导")
        actor = actor_for(s)
        add_office(s, actor, code=YANZHAI, name="岩寨村", level="village", parent=TOWNSHIP)
        add_office(s, actor, code=GAOPING, name="高坪村", level="village", parent=TOWNSHIP)
        people = {"梓涵": _child(s, "龙梓涵", D(2016, 5, 5), 31, YANZHAI, both_away=True),
                  "小宝": _child(s, "吴小宝", D(2012, 3, 3), 32, YANZHAI),
                  "花花": _child(s, "石花花", D(2023, 8, 8), 33, GAOPING)}
        people["elder"] = add_recipient(s, actor, **LEFT_BEHIND, name="吴老汉", id_number=make_id(D(1944, 5, 5), seq=34),
                                        categories=["left_behind_elder"], surveyed_on=D(2026, 3, 1),
                                        village_code=GAOPING).id
    yield engine, people
    engine.dispose()


def _idle(qtbot: Any, background: Any) -> None:
    qtbot.waitUntil(lambda: background.pending == 0, timeout=WAIT)


def _font() -> None:
    from PySide6.QtGui import QFont, QFontDatabase

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]


def test_the_overview_buttons_write_the_summary_and_the_committee_report(qtbot, township, background, tmp_path):
    from app.ui.oversight.overview_page import OverviewPage

    engine, _people = township
    _font()
    ctx = ui_context(Store(engine), background)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    _idle(qtbot, background)
    assert page.period == PERIOD and page.summary_button.isVisible() and page.committee_button.isVisible()
    page.grab().save(str(SHOTS / "overview-forms.png"))
    done: list[Any] = []
    page.export_summary(tmp_path / "汇总表.xlsx", ask_to_open=False, on_done=done.append)
    _idle(qtbot, background)
    assert done and done[0].path == tmp_path / "汇总表.xlsx" and done[0].checks_hold
    rows = list(load_workbook(tmp_path / "汇总表.xlsx")["汇总表"].iter_rows(values_only=True))
    body = {r[1]: r for r in rows[4:]}
    assert set(body) == {"岩寨村", "高坪村", "合计"}
    assert (body["岩寨村"][2], body["高坪村"][2], body["合计"][2]) == (2, 1, 3)
    assert all(r[-1] == "相符" for r in body.values())
    page.export_committee(tmp_path / "政法委.pdf", ask_to_open=False, on_done=done.append)
    _idle(qtbot, background)
    text = pdf_text(tmp_path / "政法委.pdf")
    assert "岩寨村" in text and "高坪村" in text and "德凤镇" in text


def test_the_reports_menu_writes_every_childs_form_and_the_committee_xlsx(qtbot, township, background, tmp_path,
                                                                          monkeypatch):
    from app.ui.main import MainWindow

    engine, _people = township
    store = Store(engine)
    window = MainWindow(store, background, store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    _idle(qtbot, background)
    asked: list[str] = []
    files = iter([tmp_path / "登记表.pdf", tmp_path / "政法委"])  # the second typed without a suffix
    monkeypatch.setattr(forms_actions, "ask_period", lambda _parent, title: asked.append(title) or "2026-Q4")
    monkeypatch.setattr(forms_actions, "ask_path", lambda *_a: next(files))
    told: list[tuple[Path, str]] = []
    monkeypatch.setattr(forms_actions, "announce", lambda _parent, path, what: told.append((path, what)))
    window.form_actions["export_child_forms"].trigger()
    _idle(qtbot, background)
    assert told[-1] == (tmp_path / "登记表.pdf", "留守儿童基本情况登记表")
    reader = PdfReader(tmp_path / "登记表.pdf")
    assert len(reader.pages) == 3
    text = pdf_text(tmp_path / "登记表.pdf")
    assert all(name in text for name in ("龙梓涵", "吴小宝", "石花花")) and "吴老汉" not in text
    assert "■父母均外出务工" in text
    window.form_actions["export_committee_report"].trigger()
    _idle(qtbot, background)
    assert told[-1][0] == tmp_path / "政法委.pdf"  # no suffix typed: a PDF
    assert told[-1][0].exists() and asked == ["留守儿童基本情况登记表（全部儿童）", "报政法委的报告"]


def test_the_committee_xlsx_and_the_folder_offered(qtbot, township, background, tmp_path, monkeypatch):
    engine, _people = township
    ctx = ui_context(Store(engine), background)
    opened: list[Path] = []
    monkeypatch.setattr(forms_actions, "open_path", lambda p: opened.append(p) or True)

    def choose_folder() -> None:  # the person clicks 打开所在文件夹 in the message that follows
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, choose_folder)
            return
        assert str(tmp_path / "政法委.xlsx") in box.text()
        button = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_folder)
    forms_actions.export_committee_report(ctx, None, "2026-Q4", path=tmp_path / "政法委.xlsx")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
    assert opened == [tmp_path]
    wb = load_workbook(tmp_path / "政法委.xlsx")
    values = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    assert "岩寨村" in values and "高坪村" in values


def test_a_childs_form_from_the_profile(qtbot, township, background, tmp_path, monkeypatch):
    from app.ui.recipient_form import RecipientDialog

    engine, people = township
    _font()
    ctx = ui_context(Store(engine), background)
    told: list[tuple[Path, str]] = []
    monkeypatch.setattr(forms_actions, "announce", lambda _parent, path, what: told.append((path, what)))
    dialog = RecipientDialog(ctx, None, people["梓涵"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: background.pending == 0 and dialog.before is not None, timeout=WAIT)
    assert dialog.child_form_button.isVisible()
    dialog.grab().save(str(SHOTS / "recipient-child-form.png"))
    qtbot.mouseClick(dialog.child_form_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, background)
    (path, what), = told
    assert what == "留守儿童基本情况登记表" and path.exists() and "龙梓涵" in path.name
    text = pdf_text(path)
    assert "农村留守儿童基本情况登记表" in text and "龙梓涵" in text and make_id(D(2016, 5, 5), seq=31) in text
    elder = RecipientDialog(ctx, None, people["elder"])
    qtbot.addWidget(elder)
    elder.show()
    qtbot.waitUntil(lambda: background.pending == 0 and elder.before is not None, timeout=WAIT)
    assert not elder.child_form_button.isVisible()

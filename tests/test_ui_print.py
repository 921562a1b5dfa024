"""Printing from the app, offscreen: the agreements page prints the selected agreement and
every pending one of a kind into a PDF that is opened and whose agreements are marked
printed; a signed copy is recorded with its date and scan; the roster and profile actions
make their PDFs on the worker and open them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.household import add_guardian
from app.care.programmes import draft_agreement
from app.care.recipients import add_recipient
from app.models import Agreement, Attachment
from app.ui import print_actions
from app.ui.kit import Context
from app.ui.programmes.agreements import AgreementsPage, SignDialog
from tests.helpers import make_id

D = dt.date
WAIT = 15_000


@pytest.fixture
def agreements(village: Engine) -> list[str]:
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        ids = []
        for i, name in enumerate(("吴老汉", "杨阿婆")):
            r = add_recipient(s, actor, name=name, id_number=make_id(D(1944, 5, 5), seq=40 + i),
                              categories=["left_behind_elder"], surveyed_on=D(2026, 1, 5))
            g = add_guardian(s, actor, r.id, kind="supporter", name="吴建军", relation="son",
                             phone="13800138000", start_date=D(2026, 1, 5))
            ids.append(draft_agreement(s, actor, r.id, kind="family_support", guardian_id=g.id,
                                       on=D(2026, 1, 6)).id)
        return ids


def statuses(engine: Engine) -> dict[str, str]:
    with Session(engine) as s:
        return {a.id: a.status for a in s.scalars(select(Agreement))}


def test_print_selected_then_all_pending_then_sign(qtbot: Any, ctx: Context, village: Engine,
                                                   agreements: list[str], opened_files: list[Path],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = AgreementsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and ctx.background.pending == 0, timeout=WAIT)
    assert page.print_button.isEnabled() and not page.sign_button.isEnabled()  # drafted: nothing to sign yet

    page.print_button.click()
    qtbot.waitUntil(lambda: len(opened_files) == 1, timeout=WAIT)
    selected = page.selected()
    assert opened_files[0].exists() and selected.name in PdfReader(opened_files[0]).pages[0].extract_text()
    qtbot.waitUntil(lambda: sorted(statuses(village).values()) == ["drafted", "printed"], timeout=WAIT)

    # 打印全部待签 never guesses the kind from the selected row: it asks for the kind first,
    # then says what it will print and mark (kind, how many, which villages) and asks
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(print_actions, "confirm_batch",
                        lambda _parent, batch: asked.append(print_actions.batch_question(batch)) or answer[0])
    page.print_all_button.click()
    assert "选择协议类别" in page.notice.text() and asked == []
    page.kind.setCurrentIndex(page.kind.findData("family_support"))
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)
    page.print_all_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT)
    assert "2 份" in asked[0] and "家庭赡养" in asked[0] and "岩寨村 2 份" in asked[0] and "1 份尚未打印" in asked[0]
    qtbot.wait(100)
    assert len(opened_files) == 1 and sorted(statuses(village).values()) == ["drafted", "printed"]  # said no
    answer[0] = True
    page.print_all_button.click()
    qtbot.waitUntil(lambda: len(opened_files) == 2, timeout=WAIT)
    text = "".join(p.extract_text() for p in PdfReader(opened_files[1]).pages)
    assert "吴老汉" in text and "杨阿婆" in text
    qtbot.waitUntil(lambda: set(statuses(village).values()) == {"printed"} and "已标记 1 份" in page.notice.text(),
                    timeout=WAIT)

    # marked printed but never printed: undone until signed
    qtbot.waitUntil(lambda: ctx.background.pending == 0 and page.unprint_button.isEnabled(), timeout=WAIT)
    undone = page.selected().id
    page.unprint_button.click()
    qtbot.waitUntil(lambda: statuses(village)[undone] == "drafted", timeout=WAIT)
    with Session(village) as s:
        assert s.get(Agreement, undone).printed_on is None
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)
    page.print_button.click()
    qtbot.waitUntil(lambda: set(statuses(village).values()) == {"printed"}, timeout=WAIT)

    qtbot.waitUntil(lambda: ctx.background.pending == 0 and page.sign_button.isEnabled(), timeout=WAIT)
    page.sign_button.click()
    dialog = page.dialog
    assert isinstance(dialog, SignDialog)
    dialog.save()  # no scan chosen: refused on the form
    assert "扫描件" in dialog.error.text()
    scan = tmp_path / "signed.jpg"
    scan.write_bytes(b"\xff\xd8\xff fake jpeg")
    dialog.scan.setText(str(scan))
    dialog.save()
    qtbot.waitUntil(lambda: "signed" in statuses(village).values(), timeout=WAIT)
    with Session(village) as s:
        a = s.scalars(select(Agreement).where(Agreement.status == "signed")).one()
        att = s.scalars(select(Attachment).where(Attachment.owner_id == a.id)).one()
        assert (a.signed_on, att.kind, att.sha256) == (dt.date.today(), "scan", a.scan_sha256)


def test_roster_and_profile_actions_open_their_pdfs(qtbot: Any, ctx: Context, agreements: list[str],
                                                    opened_files: list[Path], village: Engine) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    with Session(village) as s:
        rid = s.scalars(select(Agreement.recipient_id)).first()
    out = print_actions.print_roster_pdf(ctx, parent)
    qtbot.waitUntil(lambda: len(opened_files) == 1, timeout=WAIT)
    assert opened_files == [out] and "花名册" in PdfReader(out).pages[0].extract_text()
    out = print_actions.print_profile_pdf(ctx, parent, rid)
    qtbot.waitUntil(lambda: len(opened_files) == 2, timeout=WAIT)
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and "一户一档" in reader.pages[0].extract_text()
    assert out.parent == print_actions.prints_dir() and not list(out.parent.glob(".*part"))


def test_scanning_a_signed_copys_qr_code_selects_its_agreement(qtbot: Any, ctx: Context, village: Engine,
                                                               agreements: list[str]) -> None:
    """A USB scanner types the code and Enter into 扫码查找: the page lands on that agreement,
    ready for 登记签订; a misread code selects nothing and says why; a number typed by hand
    works too."""
    from PySide6.QtCore import Qt

    from app.care.programmes import mark_printed
    from app.reports import qr

    first, second = agreements
    with Session(village) as s, s.begin():
        mark_printed(s, actor_for(s), second, on=D(2026, 1, 7))
        number = s.get(Agreement, first).number
    page = AgreementsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and ctx.background.pending == 0, timeout=WAIT)
    # The scanner's keys go to the field, never into a pinyin input method's composition.
    assert not page.scan.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)

    def scan(text: str) -> None:
        qtbot.keyClicks(page.scan, text)  # replaces the last scan (left selected)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)

    def selected_id() -> str | None:
        row = page.selected()
        return row.id if row is not None else None

    scan(qr.payload(second))
    qtbot.waitUntil(lambda: selected_id() == second and ctx.background.pending == 0, timeout=WAIT)
    assert page.search.text() == "杨阿婆" and page.model.rowCount() == 1
    assert page.sign_button.isEnabled() and page.notice.isHidden()

    misread = qr.payload(second)[:-1] + ("0" if qr.payload(second)[-1] != "0" else "1")
    scan(misread)
    qtbot.waitUntil(lambda: not page.notice.isHidden() and ctx.background.pending == 0, timeout=WAIT)
    assert selected_id() is None and not page.sign_button.isEnabled()
    assert "校验码不符" in page.notice.text()

    scan(number)  # typed by hand
    qtbot.waitUntil(lambda: selected_id() == first and ctx.background.pending == 0, timeout=WAIT)
    assert page.search.text() == "吴老汉" and page.notice.isHidden()
    assert not page.sign_button.isEnabled()  # still drafted: print it first

    scan("522631100201-1999-9999")
    qtbot.waitUntil(lambda: not page.notice.isHidden() and ctx.background.pending == 0, timeout=WAIT)
    assert selected_id() is None and "找不到编号" in page.notice.text()


def test_a_pdf_no_viewer_opens_is_shown_with_its_folder(qtbot: Any, ctx: Context, agreements: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """No PDF viewer on the laptop: the director is told where the file is, can copy the
    path and open the folder — the print does not silently do nothing (issue 16)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.ui import file_feedback

    tried: list[Path] = []
    folders: list[Path] = []
    monkeypatch.setattr(print_actions, "open_file", lambda path: tried.append(path) and False)
    monkeypatch.setattr(file_feedback, "open_folder", lambda folder: folders.append(folder) or True)
    parent = QWidget()
    qtbot.addWidget(parent)
    out = print_actions.print_roster_pdf(ctx, parent)
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "where_is_the_file") is not None, timeout=WAIT)
    box = parent.findChild(QMessageBox, "where_is_the_file")
    assert tried == [out] and out.is_file()
    assert str(out) in box.text() and "没能自动打开" in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    buttons["复制路径"].click()
    assert QGuiApplication.clipboard().text() == str(out)
    buttons["打开所在文件夹"].click()
    assert folders == [out.parent]


def test_a_pdf_that_opens_needs_no_box(qtbot: Any, ctx: Context, agreements: list[str],
                                       opened_files: list[Path]) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    out = print_actions.print_roster_pdf(ctx, parent)
    qtbot.waitUntil(lambda: opened_files == [out], timeout=WAIT)
    qtbot.wait(50)
    assert parent.findChild(QMessageBox, "where_is_the_file") is None

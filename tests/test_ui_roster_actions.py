"""The roster page's 表格与打印 menu and the recipient form's profile button, driven as a
director would: the roster and profile PDFs are made, opened and hold the people's names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.context import actor_for
from app.care.recipients import add_recipient
from app.models import Recipient
from app.ui.kit import Context
from app.ui.recipient_form import RecipientDialog
from app.ui.roster_page import RosterPage
from tests.helpers import make_id

D = dt.date
WAIT = 20_000


@pytest.fixture
def people(village: Engine) -> list[str]:
    with Session(village) as s, s.begin():
        actor = actor_for(s)
        return [add_recipient(s, actor, name=name, id_number=make_id(D(1950, 3, 3), seq=10 + i),
                              categories=["left_behind_elder"], surveyed_on=D(2026, 1, 5)).id
                for i, name in enumerate(("吴老汉", "杨阿婆"))]


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_roster_menu_prints_the_roster(qtbot: Any, ctx: Context, people: list[str], opened_files: list[Path]) -> None:
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and ctx.background.pending == 0, timeout=WAIT)
    actions = {a.text(): a for a in page.sheets_button.menu().actions() if a.text()}
    assert set(actions) == {"从 Excel 导入花名册…", "下载空白花名册模板…", "导出花名册（Excel）…", "打印花名册（PDF）"}
    actions["打印花名册（PDF）"].trigger()
    qtbot.waitUntil(lambda: len(opened_files) == 1, timeout=WAIT)
    text = pdf_text(opened_files[0])
    assert "吴老汉" in text and "杨阿婆" in text


def test_recipient_form_prints_the_profile(qtbot: Any, ctx: Context, village: Engine, people: list[str],
                                           opened_files: list[Path]) -> None:
    form = RecipientDialog(ctx, None, people[1])
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.print_button.isVisible() and ctx.background.pending == 0, timeout=WAIT)
    form.print_button.click()
    qtbot.waitUntil(lambda: len(opened_files) == 1, timeout=WAIT)
    with Session(village) as s:
        number = s.scalar(select(Recipient.id_number).where(Recipient.id == people[1]))
    text = pdf_text(opened_files[0])
    assert "杨阿婆" in text and number is not None


def test_a_new_person_has_no_profile_to_print(qtbot: Any, ctx: Context) -> None:
    form = RecipientDialog(ctx, None, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)
    assert not form.print_button.isVisible()

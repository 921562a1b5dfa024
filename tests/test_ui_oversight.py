"""The review queue and duplicates pages (issue 13), driven as a person would at a township,
checked in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import select

from app.care import lifecycle as lc
from app.models import DuplicateDecision, Recipient, StatusEvent
from app.ui.background import Background
from app.ui.kit import Context
from app.ui.oversight.duplicates_page import DuplicateDialog, DuplicatesPage
from app.ui.oversight.review_page import DecideDialog, ReviewQueuePage
from app.ui.store import Store
from tests.helpers import ui_context
from tests.sync_offices import TOWNSHIP, VILLAGE, VILLAGE2, Office, chain, register

WAIT = 10_000
DOC = "黎民审〔2026〕21号"


@pytest.fixture
def township(tmp_path: Path) -> tuple[Office, dict[str, str]]:
    o = chain(tmp_path, TOWNSHIP, VILLAGE, VILLAGE2)
    ids = {"wu": register(o[VILLAGE], "吴秀英", seq=12),
           "wu2": register(o[VILLAGE2], "吴秀英", seq=12),
           "yang": register(o[VILLAGE], "杨梓涵", birth=dt.date(2015, 3, 7), seq=14,
                            categories=("left_behind_child",)),
           "long": register(o[VILLAGE2], "龙春梅", birth=dt.date(1988, 5, 1), seq=16,
                            categories=("left_behind_woman",))}
    for v, people, on in ((VILLAGE, ("wu", "yang"), dt.date(2026, 9, 1)), (VILLAGE2, ("long",), dt.date(2026, 11, 2))):
        with o[v].session() as s, s.begin():
            for p in people:
                lc.report(s, o[v].actor(s), ids[p], on=on)
        [res] = o[TOWNSHIP].import_(o[v].export(o[TOWNSHIP]).path)
        assert res.accepted, res.reason
    return o[TOWNSHIP], ids


@pytest.fixture
def tctx(qtbot: Any, township: tuple[Office, dict[str, str]], background: Background) -> Context:
    return ui_context(Store(township[0].engine), background)


def idle(qtbot: Any, ctx: Context) -> None:
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)


def select_rows(page: Any, rows: list[int]) -> None:
    sel = page.view.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(page.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)


def test_review_queue_page_decides_several_at_once(qtbot: Any, tctx: Context,
                                                   township: tuple[Office, dict[str, str]]) -> None:
    office, ids = township
    page = ReviewQueuePage(tctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    idle(qtbot, tctx)
    assert [q.name for q in page.model.rows] == ["吴秀英", "杨梓涵", "龙春梅"]  # longest wait first
    assert page.model.rows[0].days_waiting > page.model.rows[2].days_waiting
    assert "3 人" in page.count_label.text()
    assert not page.buttons["confirm"].isEnabled()
    select_rows(page, [0, 1])
    assert page.buttons["review"].isEnabled()
    dialog = page.decide("review")
    assert isinstance(dialog, DecideDialog)
    assert "2 人" in dialog.summary.text() and "2" in dialog.save_button.text()
    # No document number: refused on the form, nothing sent.
    dialog.save()
    assert "文号" in dialog.error.text()
    dialog.doc_no.setText(DOC)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    idle(qtbot, tctx)
    with office.session() as s:
        events = s.scalars(select(StatusEvent).where(StatusEvent.doc_no == DOC)).all()
        assert sorted(e.recipient_id for e in events) == sorted([ids["wu"], ids["yang"]])
        assert {e.department for e in events} == {"civil_affairs"}
    assert page.model.rows[0].pending == ()  # 吴秀英 now waits for the county's decision
    # One refused (the women's federation does not concern the child): the dialog says so, nothing changes.
    select_rows(page, [1, 2])
    dialog = page.decide("review")
    assert dialog is not None and dialog.department is not None
    dialog.department.setCurrentIndex(dialog.department.findData("womens_federation"))
    dialog.doc_no.setText("黎民审〔2026〕22号")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT)
    assert "杨梓涵" in dialog.error.text() and "都未改动" in dialog.error.text()
    with office.session() as s:
        assert not s.scalars(select(StatusEvent).where(StatusEvent.doc_no == "黎民审〔2026〕22号")).all()
    dialog.reject()


def test_duplicates_page_decides_the_same_person(qtbot: Any, tctx: Context,
                                                 township: tuple[Office, dict[str, str]]) -> None:
    office, ids = township
    page = DuplicatesPage(tctx)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    idle(qtbot, tctx)
    assert len(page.model.rows) == 1 and page.model.rows[0].match == "id_number"
    dialog = page.decide()
    assert isinstance(dialog, DuplicateDialog)
    assert not dialog.keep.isEnabled()
    dialog.verdict.setCurrentIndex(dialog.verdict.findData("same"))
    assert dialog.keep.isEnabled()
    dialog.keep.setCurrentIndex(dialog.keep.findData(ids["wu"]))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    idle(qtbot, tctx)
    with office.session() as s:
        [d] = s.scalars(select(DuplicateDecision)).all()
        assert (d.decision, d.keep_id, d.merged_id) == ("same", ids["wu"], ids["wu2"])
        # the village that owns it tombstones it when the decision arrives there (tests/test_duplicates.py)
        assert not s.get(Recipient, ids["wu2"]).deleted  # type: ignore[union-attr]
    assert page.model.rows == []  # only open pairs by default
    page.state.setCurrentIndex(page.state.findData(None))
    idle(qtbot, tctx)
    assert [p.state for p in page.model.rows] == ["same"]
    assert not page.decide_button.isEnabled()

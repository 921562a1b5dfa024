"""The 督导 and 考核 pages over the township demo, driven through their widgets offscreen: a
visit recorded through its dialog, an item closed, a village scored and submitted; the
screens are saved to docs/screenshots/ for a person to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.care.workbench_views import bench_tasks
from app.models import PeriodLock, RectificationItem, SupervisionVisit
from app.ui.kit import Context
from app.ui.oversight.assessment_page import AssessmentPage, ScoreDialog
from app.ui.oversight.supervision_page import (
    CloseItemDialog,
    SupervisionPage,
    SupervisionVisitDialog,
)
from app.ui.store import Store
from tests.conftest import DEMO_TODAY
from tests.helpers import ui_context

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WAIT = 20_000


@pytest.fixture(scope="module")
def township_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("township") / "township.sqlite3"
    store = Store.open(str(path))
    store.fill_demo("township", today=DEMO_TODAY)
    store.close()
    return str(path)


@pytest.fixture
def tctx(qtbot: Any, township_db: str, tmp_path: Path, background: Any) -> Context:
    import shutil

    copy = tmp_path / "t.sqlite3"
    shutil.copy(township_db, copy)
    return ui_context(Store.open(str(copy)), background)


def idle(qtbot: Any, ctx: Context) -> None:
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)


def show(qtbot: Any, ctx: Context, page: Any) -> Any:
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app.fonts import CJK_FAMILY, CJK_FONT

    QFontDatabase.addApplicationFont(str(CJK_FONT))  # the shipped font, as the app loads it
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def count(ctx: Context, model: Any) -> int:
    with Session(ctx.store.engine) as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False))) or 0


def test_supervision_page_records_a_visit_and_closes_an_item(qtbot, tctx):
    page = show(qtbot, tctx, SupervisionPage(tctx))
    assert page.model.rowCount() > 0
    statuses = {r.item.status for r in page.model.rows if r.item}
    assert {"done", "overdue"} <= statuses  # the demo has late items
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "supervision.png"))
    visits = count(tctx, SupervisionVisit)
    dialog = SupervisionVisitDialog(tctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, tctx)
    assert dialog.village.count() > 0
    dialog.by.setText("李建华")
    dialog.findings.setPlainText("走访照片不全")
    dialog.items.setPlainText("补齐走访照片；2030-01-31；张主任\n规范台账；2030-02-28")
    dialog.grab().save(str(SHOTS / "supervision-visit.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tctx)
    assert count(tctx, SupervisionVisit) == visits + 1
    dialog = SupervisionVisitDialog(tctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, tctx)
    dialog.by.setText("李")
    dialog.items.setPlainText("没有期限的事项")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "期限" in dialog.error.text() and count(tctx, SupervisionVisit) == visits + 1
    dialog.reject()
    # close an open item through its dialog
    page.open_only.setChecked(True)
    idle(qtbot, tctx)
    row = next(i for i, r in enumerate(page.model.rows) if r.item and r.item.status != "done")
    page.view.selectRow(row)
    item = page.selected().item
    page.close_item()
    close = page.dialog
    assert isinstance(close, CloseItemDialog)
    close.note.setText("已补拍上传")
    qtbot.mouseClick(close.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tctx)
    with Session(tctx.store.engine) as s:
        assert s.get(RectificationItem, item.id).status == "done"
    # open items are among the tasks of the area
    with Session(tctx.store.engine) as s:
        kinds = {t.kind for t in bench_tasks(s, dt.date.today()).tasks}
    assert "rectification" in kinds


def test_assessment_page_scores_and_submits(qtbot, tctx):
    page = show(qtbot, tctx, AssessmentPage(tctx))
    rows = page.model.rows
    assert rows and {r.sheet.status for r in rows} >= {"submitted", "draft"}
    page.grab().save(str(SHOTS / "assessment.png"))
    row = next(i for i, r in enumerate(rows) if r.sheet.status == "draft")
    page.view.selectRow(row)
    village = page.selected().sheet.village_code
    page.score()
    dialog = page.dialog
    assert isinstance(dialog, ScoreDialog) and dialog.scores
    box, note = dialog.scores["records"]
    box.setValue(3)
    note.setText("台账缺两月")
    dialog.grab().save(str(SHOTS / "assessment-score.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tctx)
    locks = count(tctx, PeriodLock)
    page.view.selectRow(next(i for i, r in enumerate(page.model.rows) if r.sheet.village_code == village))
    assert page.submit_button.isEnabled()
    page.submit()
    idle(qtbot, tctx)
    assert count(tctx, PeriodLock) == locks + 1
    sheet = next(r.sheet for r in page.model.rows if r.sheet.village_code == village)
    assert sheet.status == "submitted" and next(i for i in sheet.items if i.key == "records").score == 3


def test_assessment_page_exports_every_village(qtbot, tctx, tmp_path, monkeypatch):
    """导出全部 writes the sheet of every village and says where (it used to fail on a
    missing callback before anything was written)."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QMessageBox

    from app.ui.oversight import assessment_page

    out = tmp_path / "考核.xlsx"
    monkeypatch.setattr(assessment_page, "ask_path", lambda *_a, **_k: out)
    told: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        told.append(box.text())
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "exec", answer)
    page = show(qtbot, tctx, AssessmentPage(tctx))
    villages = {r.sheet.village_name for r in page.model.rows}
    page.export()
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT)
    assert str(out) in told[0]
    cells = {str(c.value) for row in load_workbook(out).worksheets[0].iter_rows() for c in row}
    assert villages and villages <= cells

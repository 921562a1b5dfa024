"""The county's own duties (issue 13): on a small county built here — per township, the
townships behind, the silent townships and villages, villages not visited this quarter (also
on the county's overview rows, and village by village one level down), reviews waiting over
30 days, assessments not submitted, rectification items overdue; the county's 工作台 lists
them and Enter opens the township's villages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.care import lifecycle as lc
from app.care import work, writes
from app.care.context import actor_for
from app.care.offices import add_office, init_office
from app.care.recipients import add_recipient
from app.db import open_database
from app.models import (
    RectificationItem,
    SemiannualAssessment,
    SupervisionVisit,
    SyncBundle,
    SyncLayer,
)
from app.oversight.duties import duties
from app.oversight.overview import overview
from app.ui.store import Store
from tests.helpers import make_id
from tests.test_oversight import confirmed

D = dt.date
TODAY = D(2026, 12, 7)
COUNTY, DEFENG, GAOTUN = "522631", "522631100", "522631101"
GOOD, LATE, BAZHOU = "522631100201", "522631100202", "522631101201"
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Engine]:
    """黎平县: 德凤镇 (岩寨村: calls done, visited on 2 November, 2026-H1 submitted; 高坪村:
    nothing done, not visited, a reported person waiting 45 days, an item past its deadline)
    sent a bundle 5 days ago carrying 岩寨村's layer; 高屯镇 (八舟村: nothing) never sent one."""
    engine = open_database(tmp_path / "county.sqlite3")
    with Session(engine) as s, s.begin():
        init_office(s, role="county", code=COUNTY, name="黎平县", operator="县民政局")
        actor = actor_for(s)
        add_office(s, actor, code=DEFENG, name="德凤镇", level="township", parent=COUNTY)
        add_office(s, actor, code=GAOTUN, name="高屯镇", level="township", parent=COUNTY)
        for code, name, parent in ((GOOD, "岩寨村", DEFENG), (LATE, "高坪村", DEFENG), (BAZHOU, "八舟村", GAOTUN)):
            add_office(s, actor, code=code, name=name, level="village", parent=parent)
        rid = confirmed(s, actor, "甲对象", 10, GOOD)
        for day in (D(2026, 10, 9), D(2026, 11, 9)):
            work.log_call(s, actor, rid, reached=True, on=day)
        confirmed(s, actor, "乙对象", 11, LATE)
        confirmed(s, actor, "丙对象", 12, BAZHOU)
        waiting = add_recipient(s, actor, name="丁对象", id_number=make_id(D(1950, 1, 1), seq=13),
                                categories=["left_behind_elder"], surveyed_on=D(2026, 10, 1), village_code=LATE).id
        lc.report(s, actor, waiting, on=TODAY - dt.timedelta(days=45))
        visit = writes.create(s, actor, SupervisionVisit, village_code=GOOD, period="2026-Q4",
                              visited_on=D(2026, 11, 2), supervisor="吴督导")
        old = writes.create(s, actor, SupervisionVisit, village_code=LATE, period="2026-Q3",
                            visited_on=D(2026, 9, 2), supervisor="吴督导")
        writes.create(s, actor, RectificationItem, visit_id=old.id, village_code=LATE, text="补签确认书",
                      deadline=D(2026, 11, 30), status="open")
        writes.create(s, actor, RectificationItem, visit_id=visit.id, village_code=GOOD, text="补照片",
                      deadline=D(2026, 12, 31), status="open")  # not yet due
        writes.create(s, actor, SemiannualAssessment, village_code=GOOD, period="2026-H1", assessed_on=D(2026, 6, 20),
                      assessor="吴督导", score=90, grade="excellent", status="submitted", submitted_on=D(2026, 6, 25))
        writes.create(s, actor, SemiannualAssessment, village_code=LATE, period="2026-H1", assessed_on=D(2026, 6, 20),
                      assessor="吴督导", score=70, grade="passed", status="draft")  # scored, never submitted
        s.add(SyncBundle(bundle_id="t-1", way="in", from_office=DEFENG, to_office=COUNTY, direction="up",
                         sequence=7, sha256="2" * 64, at=dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC),
                         result="imported", counts_json="{}"))
        s.add(SyncLayer(sha256="3" * 64, author=GOOD, to_office=DEFENG, sequence=3, via_office=DEFENG,
                        manifest=b"{}", signature=b"", received_at=dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC)))
    yield engine
    engine.dispose()


def _by(rows: list[Any], kind: str) -> dict[str, Any]:
    return {d.unit_code: d for d in rows if d.kind == kind}


def test_the_county_duties_per_township(county: Engine) -> None:
    with Session(county) as s:
        rows = duties(s, TODAY)
        report = overview(s, "2026-Q4", today=TODAY)
    assert {d.unit_code for d in rows} <= {DEFENG, GAOTUN}  # townships, not every recipient's calls
    behind = [d for d in rows if d.kind == "township_behind"]
    assert [d.unit_code for d in behind] == [GAOTUN]  # 0 % against the county's rate; 德凤镇 is above it
    gaotun = next(u for u in report.units if u.code == GAOTUN)
    assert behind[0].count == gaotun.owed and "0%" in behind[0].zh
    silent = [(d.unit_code, d.count, "个村" in d.zh) for d in rows if d.kind == "silent"]
    # 高屯镇 never sent a bundle; 高坪村 and 八舟村 have never reached the county
    assert sorted(silent) == sorted([(GAOTUN, 1, False), (DEFENG, 1, True), (GAOTUN, 1, True)])
    due = _by(rows, "supervision_due")
    assert {k: d.count for k, d in due.items()} == {DEFENG: 1, GAOTUN: 1}
    assert "高坪村" in due[DEFENG].zh and "岩寨村" not in due[DEFENG].zh and due[DEFENG].due == D(2026, 12, 31)
    waiting = _by(rows, "review_waiting")
    assert list(waiting) == [DEFENG] and waiting[DEFENG].count == 1 and "45 天" in waiting[DEFENG].zh
    assessed = sorted((d.unit_code, d.due, d.overdue, d.count) for d in rows if d.kind == "assessment_due")
    assert assessed == [(DEFENG, D(2026, 6, 30), True, 1), (DEFENG, D(2026, 12, 31), False, 2),
                        (GAOTUN, D(2026, 6, 30), True, 1), (GAOTUN, D(2026, 12, 31), False, 1)]
    late = _by(rows, "rectification_overdue")
    assert list(late) == [DEFENG] and late[DEFENG].count == 1 and late[DEFENG].due == D(2026, 11, 30)
    assert [d.overdue for d in rows] == sorted((d.overdue for d in rows), reverse=True)


def test_villages_not_visited_show_on_the_county_overview_and_one_level_down(county: Engine) -> None:
    with Session(county) as s:
        top = {u.code: u for u in overview(s, "2026-Q4", today=TODAY).units}
        down = {u.code: u for u in overview(s, "2026-Q4", area=DEFENG, today=TODAY).units}
        before = {u.code: u for u in overview(s, "2026-Q3", today=TODAY).units}
    assert (top[DEFENG].unvisited, top[GAOTUN].unvisited) == (1, 1)
    assert top[DEFENG].to_json()["unvisited"] == 1
    assert (down[GOOD].unvisited, down[LATE].unvisited) == (0, 1)
    assert (before[DEFENG].unvisited, before[GAOTUN].unvisited) == (1, 1)  # Q3: only 高坪村 was visited


def test_the_county_work_bench_lists_them_and_opens_a_township(qtbot: Any, county: Engine, background: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from app.fonts import CJK_FAMILY, CJK_FONT
    from app.ui.main import MainWindow
    from app.ui.oversight.duties_page import DutiesPage
    from app.ui.oversight.overview_page import OverviewPage

    QFontDatabase.addApplicationFont(str(CJK_FONT))
    QApplication.instance().setFont(QFont(CJK_FAMILY, 11))  # type: ignore[union-attr]
    store = Store(county)
    window = MainWindow(store, background, store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=20_000)
    bench = window.show_page("workbench")
    assert isinstance(bench, DutiesPage) and bench.county
    bench.today = lambda: TODAY
    bench.reload()
    qtbot.waitUntil(lambda: background.pending == 0 and bool(bench.rows), timeout=20_000)
    kinds = {d.kind for d in bench.model.rows}
    assert {"township_behind", "supervision_due", "review_waiting", "assessment_due", "rectification_overdue",
            "silent"} <= kinds
    assert bench.model.headerData(2, Qt.Orientation.Horizontal) == "乡镇"
    window.grab().save(str(SHOTS / "duties-county.png"))
    bench.kind_box.setCurrentIndex(bench.kind_box.findData("supervision_due"))
    row = next(i for i, d in enumerate(bench.model.rows) if d.unit_code == DEFENG)
    bench.view.activated.emit(bench.model.index(row, 0))  # Enter: 德凤镇's villages on the overview
    qtbot.waitUntil(lambda: background.pending == 0, timeout=20_000)
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage) and not page.showing_village() and page.area == DEFENG
    qtbot.waitUntil(lambda: bool(page.model.rows), timeout=20_000)
    assert {u.code: u.unvisited for u in page.model.rows} == {GOOD: 0, LATE: 1}
    column = next(i for i, c in enumerate(page.model.columns) if c.title == "未督导")
    late_row = next(i for i, u in enumerate(page.model.rows) if u.code == LATE)
    assert page.model.data(page.model.index(late_row, column)) == "未督导"

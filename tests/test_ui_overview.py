"""The overview page and the township's work bench, driven as a supervisor would (issue 13):
a township opens on the overview, worst first; a township row shows its villages; a village
row opens its roster and tasks; a person opens their form; the duties lead to the village."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from app.ui import recipient_form
from app.ui.background import Background
from app.ui.main import MainWindow
from app.ui.oversight.duties_page import DutiesPage
from app.ui.oversight.overview_page import OverviewPage
from app.ui.store import Store
from tests.helpers import ui_context
from tests.test_oversight import EMPTY, GOOD, LATE, TODAY, county, township  # noqa: F401 (fixtures)


def idle(qtbot: Any, background: Background) -> None:
    qtbot.waitUntil(lambda: background.pending == 0, timeout=30000)
    qtbot.wait(30)


def overview_page(qtbot: Any, engine: Engine, background: Background) -> OverviewPage:
    page = OverviewPage(ui_context(Store(engine), background))
    page.today = lambda: TODAY
    page.period_box.blockSignals(True)
    page.period_box.clear()
    page._fill_periods()  # the quarters up to TODAY's, not the clock's
    page.period_box.blockSignals(False)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    idle(qtbot, background)
    return page


def codes(page: OverviewPage) -> list[str]:
    return [u.code for u in page.model.rows]


def test_a_township_row_order_and_a_village_down_to_a_person(qtbot: Any, township: Engine,  # noqa: F811
                                                              background: Background,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = overview_page(qtbot, township, background)
    assert page.period == "2026-Q4"
    assert codes(page) == [LATE, GOOD, EMPTY]  # worst first
    assert page.model.data(page.model.index(0, 0)) == "高坪村"
    assert page.model.data(page.model.index(1, 2)) == "50%"  # 岩寨村: calls 4/6, visits 2/2, wishes 0/2, aid 0/2
    assert page.bars.units == page.model.rows and page.trend_charts.points
    assert not page.back_button.isEnabled()

    opened: list[str] = []
    monkeypatch.setattr(recipient_form, "open_recipient", lambda _ctx, _parent, rid=None: opened.append(rid))
    page.view.activated.emit(page.model.index(1, 0))  # Enter on 岩寨村
    idle(qtbot, background)
    assert page.showing_village() and page.back_button.isEnabled()
    assert {r.name for r in page.roster_model.rows} == {"甲对象", "乙对象"}
    assert page.task_model.rowCount() > 0
    assert {t.village_code for t in page.task_model.tasks} == {GOOD}
    page.roster_view.activated.emit(page.roster_model.index(0, 0))
    assert opened == [page.roster_model.rows[0].id]

    page.back()
    assert not page.showing_village() and codes(page) == [LATE, GOOD, EMPTY]


def test_a_county_row_shows_its_villages(qtbot: Any, county: Engine, background: Background) -> None:  # noqa: F811
    page = overview_page(qtbot, county, background)
    assert codes(page) == ["522631101", "522631100"]  # 高屯镇 made no call: first
    assert page.model.data(page.model.index(0, 0)) == "高屯镇"
    row = codes(page).index("522631100")
    page.view.activated.emit(page.model.index(row, 0))
    idle(qtbot, background)
    assert not page.showing_village()
    assert codes(page) == [GOOD] and page.model.data(page.model.index(0, 0)) == "岩寨村"
    assert "德凤镇" in page.heading.text()
    page.view.activated.emit(page.model.index(0, 0))
    idle(qtbot, background)
    assert page.showing_village() and [r.name for r in page.roster_model.rows] == ["对象"]
    page.back()
    page.back()
    idle(qtbot, background)
    assert codes(page) == ["522631101", "522631100"] and not page.back_button.isEnabled()


def test_a_township_opens_on_the_overview_and_its_bench_lists_its_duties(
        qtbot: Any, township: Engine, background: Background) -> None:  # noqa: F811
    store = Store(township)
    window = MainWindow(store, background, store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, background)
    assert window.nav.item(0).text() == "总览" and window.nav.item(1).text() == "工作台"
    assert isinstance(window.stack.currentWidget(), OverviewPage)
    bench = window.show_page("workbench")
    assert isinstance(bench, DutiesPage)
    bench.today = lambda: TODAY
    bench.reload()
    idle(qtbot, background)
    kinds = {d.kind for d in bench.model.rows}
    assert {"supervision_due", "silent", "assessment_due"} <= kinds
    assert bench.model.rows[0].overdue
    bench.kind_box.setCurrentIndex(bench.kind_box.findData("supervision_due"))
    assert {d.unit_code for d in bench.model.rows} == {LATE, EMPTY}
    row = next(i for i, d in enumerate(bench.model.rows) if d.unit_code == LATE)
    bench.view.activated.emit(bench.model.index(row, 0))  # Enter: the village's roster and tasks
    idle(qtbot, background)
    page = window.stack.currentWidget()
    assert isinstance(page, OverviewPage) and page.showing_village()
    assert [r.name for r in page.roster_model.rows] == ["丙对象"]


def test_a_village_still_opens_on_its_work_bench(qtbot: Any, demo_store: Store, background: Background) -> None:
    from app.ui.workbench import WorkbenchPage

    window = MainWindow(demo_store, background, demo_store.office())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, background)
    assert window.nav.item(0).text() == "工作台" and isinstance(window.stack.currentWidget(), WorkbenchPage)
    assert "overview" not in [s.key for s in window.specs]

"""The overview's trend small multiples (issue 16, the UI-thread stall): each plot keeps two
curves whatever the number of units — the faint lines of all units but the chosen one, kept
apart by gaps, and the chosen unit's bold line — and choosing another unit gives them new
data instead of drawing 80 items again."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from app.ui.oversight.charts import KINDS, RateBars, TrendCharts


@dataclass(frozen=True)
class Point:  # the shape of app.oversight.overview.TrendPoint the charts read
    period: str
    rates: dict[str, dict[str, float | None]]


def points(units: int) -> list[Point]:
    quarters = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    return [Point(q, {f"u{u}": {k: (None if (u, i) == (1, 2) else (u + i) / 40) for k in KINDS}
                      for u in range(units)}) for i, q in enumerate(quarters)]


def test_the_trend_keeps_two_curves_per_plot_and_redraws_by_new_data(qtbot: Any) -> None:
    charts = TrendCharts()
    qtbot.addWidget(charts)
    trend = points(20)
    charts.show_trend(trend, "u3")
    for kind, plot in charts.plots.items():
        assert len(plot.listDataItems()) == 2, kind
        xs, ys = charts.faint[kind].getData()
        # 19 units, 4 quarters each (u1 misses one: its line joins across), a gap after each
        assert len(xs) == 19 * 5 - 1 and sum(math.isnan(y) for y in ys) == 19
        bold_x, bold_y = charts.bold[kind].getData()
        assert list(bold_x) == [0, 1, 2, 3] and list(bold_y) == [100 * (3 + i) / 40 for i in range(4)]
    faint_before = [list(charts.faint[k].getData()[1]) for k in KINDS]
    charts.show_trend(trend, "u5")
    for kind, plot in charts.plots.items():
        assert len(plot.listDataItems()) == 2  # the same two curves, given new data
        assert list(charts.bold[kind].getData()[1]) == [100 * (5 + i) / 40 for i in range(4)]
    assert [list(charts.faint[k].getData()[1]) for k in KINDS] != faint_before


def test_the_rate_bars_are_one_item_given_new_bars(qtbot: Any) -> None:
    @dataclass(frozen=True)
    class Unit:
        code: str
        name: str
        overall: float | None

    bars = RateBars()
    qtbot.addWidget(bars)
    units = [Unit(f"u{i}", f"村{i}", i / 10) for i in range(5)]
    bars.show_units(units, "u1")
    first = bars.bars
    bars.show_units(units[:3], "u2")
    assert bars.bars is first and len(bars.getPlotItem().items) == 1
    assert list(first.opts["width"]) == [0.0, 10.0, 20.0]

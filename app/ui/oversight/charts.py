"""The overview's two charts, drawn with pyqtgraph (a plotting library over Qt's graphics
view; QtCharts is in PySide6-Addons, a package ten times the size): the rates as bars, one
per unit, and the trend as small multiples, one plot per kind of the four ones with a line
per unit, the chosen unit's drawn bold. No database here: they draw what they are given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGridLayout, QWidget

from app.ui.kit import translate

if TYPE_CHECKING:
    from app.oversight.overview import AreaRow, TrendPoint

KINDS = ("call", "visit", "wish", "aid")
MIDDLE = 0.8  # below app.care.schedule.LOW_RATE red, below 80 % amber, else green
RED, AMBER, GREEN = QColor("#c62828"), QColor("#ef8f00"), QColor("#2e7d32")
FAINT = QColor(150, 150, 150, 110)
NAN = float("nan")


def kind_name(kind: str) -> str:
    names = {"call": translate("OverviewCharts", "电话随访"), "visit": translate("OverviewCharts", "实地走访"),
             "wish": translate("OverviewCharts", "微心愿"), "aid": translate("OverviewCharts", "物资帮扶")}
    return names.get(kind, kind)


def rate_colour(rate: float | None) -> QColor:
    from app.care.schedule import falls_behind  # loaded with the page's first figures already

    if rate is None:
        return FAINT
    return RED if falls_behind(rate) else AMBER if rate < MIDDLE else GREEN


def _plot(parent: QWidget | None = None) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent, background="w")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    font = QFont(plot.font())
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen("#333333")
        axis.setPen("#999999")
        axis.setStyle(tickFont=font)
    return plot


class RateBars(pg.PlotWidget):
    """The four ones' rate of each unit (done of owed, the four kinds together), as horizontal
    bars in the table's order, the worst on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.units: list[AreaRow] = []  # before the base class, which resizes
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getPlotItem().invertY(True)
        self.setXRange(0, 100, padding=0.02)
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setTextPen("#333333")
            axis.setPen("#999999")
            axis.setStyle(tickFont=QFont(self.font()))
        self.setLabel("bottom", translate("OverviewCharts", "“四个一”完成率（%）"))
        self.bars: pg.BarGraphItem | None = None  # made with the first rates

    def show_units(self, units: Sequence[AreaRow], chosen: str | None = None) -> None:
        self.units = list(units)
        if not units:
            if self.bars is not None:
                self.bars.setVisible(False)
            return
        rates = [0.0 if u.overall is None else 100 * u.overall for u in units]
        brushes = [pg.mkBrush(rate_colour(u.overall)) for u in units]
        pens = [pg.mkPen("#000000", width=2) if u.code == chosen else pg.mkPen(None) for u in units]
        # One item, given new bars: made anew each time, it cost the UI thread a few times more.
        bars = {"x0": 0, "y": list(range(len(units))), "height": 0.7, "width": rates, "brushes": brushes,
                "pens": pens}
        if self.bars is None:
            self.bars = pg.BarGraphItem(**bars)
            self.addItem(self.bars)
        else:
            self.bars.setOpts(**bars)
        self.bars.setVisible(True)
        self._label_units()
        self.setYRange(-0.6, len(units) - 0.4, padding=0)
        self.setXRange(0, 100, padding=0.02)

    def _label_units(self) -> None:
        """Every unit's name when they fit the height, else every second, third … (the
        table beside lists them all, in the same order)."""
        line = self.fontMetrics().height() + 2
        room = max(self.height() - 3 * line, line)
        step = max(1, -(-len(self.units) * line // room))
        self.getAxis("left").setTicks([[(i, u.name or u.code) for i, u in enumerate(self.units) if i % step == 0]])

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if getattr(self, "units", None):
            self._label_units()


class TrendCharts(QWidget):
    """Small multiples: one plot per kind, a faint line per unit and the chosen one bold.

    Each plot holds two curves made once: all the faint lines as one curve (the units one
    after the other, not joined between units) and the chosen unit's bold line. A county's
    20 units × 4 kinds drawn as 80 items took half a second on the UI thread each time the
    trend arrived or the chosen row moved (the longest stall of bench.ui, issue 16); new
    data is two setData calls per plot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.plots: dict[str, pg.PlotWidget] = {}
        self.faint: dict[str, pg.PlotDataItem] = {}
        self.bold: dict[str, pg.PlotDataItem] = {}
        for i, kind in enumerate(KINDS):
            plot = _plot(self)
            plot.setTitle(kind_name(kind), color="#333333")
            plot.setYRange(0, 100, padding=0.05)
            plot.getAxis("left").setTicks([[(0, "0"), (50, "50"), (100, "100")]])
            plot.setMinimumHeight(110)
            grid.addWidget(plot, i // 2, i % 2)
            self.plots[kind] = plot
        self.points: list[TrendPoint] = []
        self.chosen: str | None = None
        self._labels: list[tuple[int, str]] | None = None

    def show_trend(self, points: Sequence[TrendPoint], chosen: str | None = None) -> None:
        self.points, self.chosen = list(points), chosen
        labels = [(i, p.period[2:].replace("-", "")) for i, p in enumerate(points)]
        units = list(points[-1].rates) if points else []
        for kind, plot in self.plots.items():
            if kind not in self.faint:  # made with the first data, not while the window opens
                self.faint[kind] = plot.plot([], [], pen=pg.mkPen(FAINT, width=1))
                self.bold[kind] = plot.plot([], [], pen=pg.mkPen("#1565c0", width=3), symbol="o", symbolSize=6,
                                            symbolBrush="#1565c0", symbolPen="#1565c0")
            if labels != self._labels:
                shown = labels[::-3][::-1] if len(labels) > 4 else labels  # the last quarter, and every third before
                plot.getAxis("bottom").setTicks([shown])
                plot.setXRange(-0.5, max(len(points) - 1, 1) + 0.9, padding=0)  # room for the last label
            xs: list[float] = []
            ys: list[float] = []
            for code in units:  # one curve, the units apart: a gap (NaN) between two
                if code != chosen:
                    line_x, line_y = self._line(points, code, kind)
                    if line_x:
                        xs += [*line_x, line_x[-1]]
                        ys += [*line_y, NAN]
            self.faint[kind].setData(xs, ys, connect="finite")
            bold_x, bold_y = self._line(points, chosen, kind) if chosen in units else ([], [])
            self.bold[kind].setData(bold_x, bold_y)
            plot.setYRange(0, 100, padding=0.05)
        self._labels = labels

    @staticmethod
    def _line(points: Sequence[TrendPoint], code: str | None, kind: str) -> tuple[list[float], list[float]]:
        """One unit's rates of one kind, the quarters without one left out (the line joins across)."""
        xs: list[float] = []
        ys: list[float] = []
        for i, p in enumerate(points):
            rate = p.rates.get(code or "", {}).get(kind)
            if rate is not None:
                xs.append(i)
                ys.append(100 * rate)
        return xs, ys

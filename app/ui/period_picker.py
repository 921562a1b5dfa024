"""Periods in words: a director picks 2026年第四季度, 2026年下半年 or 2026年12月 from a list,
never types "2026-Q4" (the code the CLI and the services take, kept behind each choice)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.care.periods import Span, parse_period, recent_periods
from app.models.codes import Period as PeriodKind
from app.ui.kit import translate

KINDS = (PeriodKind.quarter, PeriodKind.half_year, PeriodKind.month)
HOW_MANY: dict[str, int] = {PeriodKind.quarter: 8, PeriodKind.half_year: 4, PeriodKind.month: 12}  # back from now
_QUARTERS = ("一", "二", "三", "四")


def period_words(code: str | Span) -> str:
    """'2026-Q4' → 2026年第四季度, '2026-H2' → 2026年下半年, '2026-12' → 2026年12月."""
    span = parse_period(code) if isinstance(code, str) else code
    year = span.start.year
    if span.kind == PeriodKind.quarter:
        return translate("Periods", "{year}年第{n}季度").format(
            year=year, n=translate("Periods", _QUARTERS[(span.start.month - 1) // 3]))
    if span.kind == PeriodKind.half_year:
        return (translate("Periods", "{year}年上半年") if span.start.month == 1
                else translate("Periods", "{year}年下半年")).format(year=year)
    if span.kind == PeriodKind.month:
        return translate("Periods", "{year}年{month}月").format(year=year, month=span.start.month)
    week = span.start.isocalendar()[1]
    return translate("Periods", "{year}年第{week}周").format(year=year, week=week)


def recent(kind: str, today: dt.date | None = None) -> list[Span]:
    """This period and the ones before it, newest first."""
    return recent_periods(today or dt.date.today(), kind, HOW_MANY[kind])


class PeriodPicker(QDialog):
    """季度 / 半年 / 月, then the period from a list in words; `chosen` is its code."""

    def __init__(self, parent: QWidget | None, title: str, *, kinds: tuple[str, ...] = KINDS,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.today = today
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Periods", "请选择期间：")))
        row = QHBoxLayout()
        self.kind_buttons = QButtonGroup(self)
        names: dict[str, str] = {PeriodKind.quarter: translate("Periods", "按季度"),
                                 PeriodKind.half_year: translate("Periods", "按半年"),
                                 PeriodKind.month: translate("Periods", "按月")}
        for i, kind in enumerate(kinds):
            button = QRadioButton(names[kind])
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button, i)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.itemActivated.connect(lambda _item: self.accept())  # Enter on the list
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Periods", "确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Periods", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        def toggled(_id: int, on: bool) -> None:
            if on:
                self._fill()

        self.kind_buttons.idToggled.connect(toggled)
        self.kind_buttons.button(0).setChecked(True)

    def kind(self) -> str:
        button = self.kind_buttons.checkedButton()
        assert button is not None  # the first is checked from the start, and they are exclusive
        return str(button.property("kind"))

    def _fill(self) -> None:
        self.list.clear()
        for span in recent(self.kind(), self.today):
            item = QListWidgetItem(period_words(span))
            item.setData(Qt.ItemDataRole.UserRole, span.label)
            self.list.addItem(item)
        self.list.setCurrentRow(0)  # this period, the usual choice: Enter takes it
        self.list.setFocus()

    def choose(self, code: str) -> None:
        """Select the period with this code (its kind first)."""
        kind = parse_period(code).kind
        for button in self.kind_buttons.buttons():
            if button.property("kind") == kind:
                button.setChecked(True)
        span = parse_period(code)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == span.label:
                self.list.setCurrentRow(row)
                return
        item = QListWidgetItem(period_words(span))  # older than the list reaches: added at its end
        item.setData(Qt.ItemDataRole.UserRole, span.label)
        self.list.addItem(item)
        self.list.setCurrentItem(item)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        super().accept()


def ask_period(parent: QWidget | None, title: str, *, kinds: tuple[str, ...] = KINDS) -> str | None:
    """The period's code ('2026-Q4'), chosen in words; None if cancelled."""
    picker = PeriodPicker(parent, title, kinds=kinds)
    return picker.chosen if picker.exec() == QDialog.DialogCode.Accepted else None

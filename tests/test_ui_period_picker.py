"""Periods are chosen in words (issue 16 point 8): the picker lists 2026年第四季度 …, never asks
for '2026-Q4', and answers the code the services take."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from app.ui.period_picker import PeriodPicker, period_words, recent

TODAY = dt.date(2026, 12, 7)


def test_period_words() -> None:
    assert period_words("2026-Q4") == "2026年第四季度"
    assert period_words("2026-Q1") == "2026年第一季度"
    assert period_words("2026-H1") == "2026年上半年"
    assert period_words("2026-H2") == "2026年下半年"
    assert period_words("2026-07") == "2026年7月"
    assert [s.label for s in recent("quarter", TODAY)][:3] == ["2026-Q4", "2026-Q3", "2026-Q2"]
    assert len(recent("month", TODAY)) == 12 and recent("month", TODAY)[-1].label == "2026-01"


def test_the_picker_shows_words_and_answers_the_code(qtbot: Any) -> None:
    picker = PeriodPicker(None, "导出", today=TODAY)
    qtbot.addWidget(picker)
    picker.show()
    shown = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert shown[:2] == ["2026年第四季度", "2026年第三季度"] and not any("Q" in s for s in shown)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)  # Enter takes this quarter
    assert picker.chosen == "2026-Q4"

    picker = PeriodPicker(None, "导出", today=TODAY)
    qtbot.addWidget(picker)
    picker.kind_buttons.button(1).setChecked(True)  # 按半年
    assert [picker.list.item(r).text() for r in range(2)] == ["2026年下半年", "2026年上半年"]
    picker.choose("2025-08")
    assert picker.list.currentItem().text() == "2025年8月"
    picker.accept()
    assert picker.chosen == "2025-08"

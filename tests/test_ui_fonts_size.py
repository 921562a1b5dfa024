"""The screens on a small laptop and with rare characters (issue 16 point 7): the first window
fits a 1366×768 screen with its title bar and task bar, and names in CJK Extension B show on
screen as they print — the shipped HanaMin subset is the widgets' second font family."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication, QWidget

from app.fonts import RARE_FONT
from app.ui import main


class Screen:
    def __init__(self, w: int, h: int) -> None:
        self.free = QRect(0, 0, w, h)

    def availableGeometry(self) -> QRect:  # noqa: N802
        return self.free


def test_the_first_window_fits_a_1366x768_laptop(qtbot: Any, monkeypatch: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    monkeypatch.setattr(widget, "screen", lambda: Screen(1366, 728))  # 40 px of task bar
    w, h = main.default_size(widget)
    assert w <= 1366 - 16 and h + main.TITLE_BAR <= 728
    monkeypatch.setattr(widget, "screen", lambda: Screen(1920, 1040))
    assert main.default_size(widget) == main.DEFAULT_SIZE


def test_rare_characters_have_a_font_on_screen(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    main.load_cjk_font(app)
    assert main.FONT_FAMILIES[0] == "WenQuanYi Micro Hei" and len(main.FONT_FAMILIES) == 2
    assert app.font().families() == main.FONT_FAMILIES
    rare = QRawFont(str(RARE_FONT), 12)
    main_font = QRawFont.fromFont(QFontDatabase.font("WenQuanYi Micro Hei", "", 12))
    for ch in "𠈌𪚥":  # CJK Extension B: not in WenQuanYi, in the shipped subset
        assert not main_font.supportsCharacter(ord(ch)) and rare.supportsCharacter(ord(ch))


def test_work_bench_columns_fit_large_text_and_narrow_again(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from app.ui.workbench import TaskModel, WorkbenchPage, warning_kind

    main.apply_font_size(QApplication.instance(), "normal")  # whatever size an earlier test left
    page = WorkbenchPage(ctx)
    qtbot.addWidget(page)
    header = page.view.horizontalHeader()
    standard = {col: header.sectionSize(col) for col in page.SAMPLES}
    large = QFont(page.font())
    large.setPointSize(17)  # 特大字号
    page.setFont(large)
    bold = QFont(page.view.font())
    bold.setBold(True)
    for col, (sample, is_bold) in page.SAMPLES.items():
        if page.view.isColumnHidden(col):  # 村: hidden at a village
            continue
        needed = (QFontMetrics(bold) if is_bold else page.view.fontMetrics()).horizontalAdvance(sample)
        assert header.sectionSize(col) > needed and header.sectionSize(col) > standard[col], col
    assert page.warnings_view.horizontalHeader().sectionSize(0) > \
        page.warnings_view.fontMetrics().horizontalAdvance(warning_kind("no_responsibility"))
    small = QFont(page.font())
    small.setPointSize(11)
    page.setFont(small)
    assert {col: header.sectionSize(col) for col in page.SAMPLES} == standard
    assert TaskModel.STATUS in page.SAMPLES


def test_a_log_dialog_grows_to_show_the_standing_whole(qtbot: Any, ctx: Any, village: Any) -> None:
    import datetime as dt

    from PySide6.QtGui import QFont
    from sqlalchemy.orm import Session

    from app.care.context import actor_for
    from app.care.recipients import add_recipient
    from app.ui.log_dialogs import log_dialog
    from tests.helpers import make_id

    with Session(village) as s, s.begin():
        rid = add_recipient(s, actor_for(s), name="李秀英", id_number=make_id(dt.date(1948, 3, 2), "female", seq=7),
                            categories=["left_behind_elder"], surveyed_on=dt.date(2026, 1, 5)).id
    dialog = log_dialog(ctx, None, "phone_followup", rid, "李秀英")
    qtbot.addWidget(dialog)
    large = QFont(dialog.font())
    large.setPointSize(17)
    dialog.setFont(large)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.setup is not None, timeout=10_000)
    assert dialog.info.text() and dialog.info.width() >= dialog.info.sizeHint().width()


def test_the_id_field_shows_all_18_digits_at_the_largest_size(qtbot: Any) -> None:
    from PySide6.QtGui import QFont

    from app.ui.recipient_fields import BasicInfoPanel

    panel = BasicInfoPanel("village")
    qtbot.addWidget(panel)
    large = QFont(panel.font())
    large.setPointSize(17)
    panel.setFont(large)
    panel.resize(900, 600)
    panel.show()
    panel.id_number.setText("522631196604174932")
    qtbot.wait(10)
    needed = panel.id_number.fontMetrics().horizontalAdvance("522631196604174932")
    assert panel.id_number.width() > needed and panel.birth_date.width() > \
        panel.birth_date.fontMetrics().horizontalAdvance("1966-04-17")

"""At 特大字号 on a 1366×768 laptop nothing is cut (issue 16 point 7): every page of the
village office and its main dialogs (the recipient form and each of its tabs, the four log
dialogs, a care record, settings, the roster import, the programmes' new-entry dialogs and
an agreement's sign and void) are walked at the largest text size
and checked by app.ui.cut_check — each label's, button's, tab's and column title's text fits
the room it was given, nothing sticks out of its window, and every window fits the screen —
then again at the standard size. The walk runs in its own process: the offscreen screen's
size is fixed when the application starts."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.cut_check import cuts
from app.ui.store import Store
from tests.server_db import ON_SERVER

ROOT = Path(__file__).resolve().parent.parent


def laptop_screen(tmp_path: Path) -> str:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


@pytest.mark.skipif(ON_SERVER, reason="the screens' layout, walked by a subprocess on a SQLite demo file; "
                    "the database under them changes nothing")
@pytest.mark.parametrize("scale", ["village", "township"])
def test_nothing_is_cut_at_large_text_sizes_on_a_1366x768_screen(tmp_path: Path, scale: str) -> None:
    """A village's pages and dialogs, and a township's (the overview, review, duplicates,
    supervision and assessment pages besides), at 特大字号 and 大字号, then back at the
    standard size."""
    db = tmp_path / f"{scale}.sqlite3"
    store = Store.open(str(db))
    store.fill_demo(scale, today=dt.date(2026, 11, 28))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM=laptop_screen(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    for font in ("larger", "large"):
        out = subprocess.run([sys.executable, "-m", "tests.large_text_sweep", "--db", str(db), "--font", font],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert out.returncode == 0, f"cut at {font}:\n{out.stdout}\n{out.stderr[-3000:]}"


def test_the_check_finds_a_cut_label_and_button(qtbot: Any) -> None:
    """The check can fail: a label and a button squeezed below their text are reported."""
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    squeezed = QLabel("本季度“四个一”完成情况")
    squeezed.setMinimumWidth(10)
    squeezed.setMaximumWidth(40)
    button = QPushButton("记录电话随访 (F2)")
    button.setFixedWidth(50)
    row.addWidget(squeezed)
    row.addWidget(button)
    window.show()
    found = {c.widget.split(" ")[0] for c in cuts(window)}
    assert found == {"QLabel", "QPushButton"}
    squeezed.setMaximumWidth(2000)
    button.setFixedWidth(button.sizeHint().width())
    window.resize(window.sizeHint())
    qtbot.waitUntil(lambda: not cuts(window), timeout=2000)


def test_roster_columns_grow_with_the_text_and_narrow_again(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.main import apply_font_size
    from app.ui.roster_page import WIDTHS, RosterPage

    apply_font_size(QApplication.instance(), "normal")  # whatever size an earlier test left
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    standard = [header.sectionSize(c) for c in range(len(WIDTHS))]
    large = QFont(page.font())
    large.setPointSize(17)  # 特大字号
    page.setFont(large)
    for col in range(len(WIDTHS) - 1):  # the last one stretches
        if not page.table.isColumnHidden(col):
            assert header.sectionSize(col) >= header.sectionSizeHint(col) and header.sectionSize(col) > standard[col]
    small = QFont(page.font())
    small.setPointSize(11)
    page.setFont(small)
    assert [header.sectionSize(c) for c in range(len(WIDTHS) - 1)] == standard[:-1]

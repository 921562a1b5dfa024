"""Render every main screen of the app to PNG, on the township demo:

    QT_QPA_PLATFORM=offscreen python -m app.ui.screenshots [--out docs/screenshots] [--db FILE]

Without --db it generates the township demo (seed 1, "today" 2026-11-28) in a temporary
directory first. The README shows the pictures; regenerate them after changing a screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import operator
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from app.ui.main import MainWindow
    from app.ui.oversight.duplicates_page import DuplicateDialog

if TYPE_CHECKING:
    from app.ui.background import Background

TODAY = dt.date(2026, 11, 28)
SIZE = (1280, 800)


def settle(app: QApplication, background: object, seconds: float = 60.0) -> None:
    """Let the background worker finish and the views repaint."""
    deadline = time.monotonic() + seconds
    quiet_since = None
    while time.monotonic() < deadline:
        app.processEvents()
        if getattr(background, "pending", 0) == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.3:
                break
        else:
            quiet_since = None
        time.sleep(0.02)
    app.processEvents()


def grab_modal(app: QApplication, background: object, path: Path, opener: Callable[[], object]) -> None:
    """Open a modal dialog with `opener`, photograph it once loaded, and close it."""

    def shoot() -> None:
        dialog = app.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(100, shoot)
            return
        settle(app, background, 30)
        dialog.grab().save(str(path))
        print(f"  {path}")
        dialog.close()
        if hasattr(dialog, "reject"):
            dialog.reject()

    QTimer.singleShot(200, shoot)
    opener()


def shooting_app(lang: str, font: str | None = None) -> tuple[QApplication, Background, tempfile.TemporaryDirectory[str]]:
    """Where a screenshot run starts (this module's and app.ui.oversight.shots'): offscreen, a
    scratch home and the default UI state (nobody's own settings in the pictures), the
    shipped CJK font, the text size, the language, the worker. The scratch folder goes with
    the last reference to it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("GUANAI_HOME", str(Path(scratch.name) / "home"))
    os.environ["XDG_CONFIG_HOME"] = str(Path(scratch.name) / "config")  # default UI state

    from app.ui import i18n
    from app.ui.background import Background
    from app.ui.main import apply_font_size, load_cjk_font

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QSettings("guanai", "guanai").clear()
    load_cjk_font(app)
    if font is not None:
        apply_font_size(app, font)
    i18n.install(app, lang)
    return app, Background(), scratch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.screenshots", description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--db", help="an existing database (default: a fresh township demo)")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    app, background, scratch = shooting_app(args.lang)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from app.ui.first_run import FirstRunDialog
    from app.ui.main import MainWindow
    from app.ui.store import Store

    fresh = Store.open(str(Path(scratch.name) / "first-run.sqlite3"))
    first = FirstRunDialog(fresh, background)
    first.show()
    settle(app, background)
    first.grab().save(str(out / "first-run.png"))
    first.close()

    if args.db:
        store = Store.open(args.db)
    else:
        print("generating the township demo …")
        store = Store.open(str(Path(scratch.name) / "township.sqlite3"))
        store.fill_demo("township", today=TODAY)
    office = store.office()
    assert office is not None
    window = MainWindow(store, background, office)
    window.resize(*SIZE)
    window.show()
    for spec in window.specs:  # the pages of this office's level
        window.show_page(spec.key)
        settle(app, background)
        path = out / f"{spec.key}.png"
        window.grab().save(str(path))
        print(f"  {path}")

    roster = window.show_page("roster")
    settle(app, background)
    chosen = roster.selected() if hasattr(roster, "selected") else None
    if chosen is not None:
        from app.ui.log_dialogs import open_log_dialog
        from app.ui.recipient_form import open_recipient

        parent: QWidget = window
        grab_modal(app, background, out / "recipient-form.png",
                   lambda: open_recipient(window.ctx, parent, chosen[0]))
        grab_modal(app, background, out / "log-call.png",
                   lambda: open_log_dialog(window.ctx, parent, "phone_followup", chosen[0], chosen[1]))
        grab_modal(app, background, out / "log-visit.png",
                   lambda: open_log_dialog(window.ctx, parent, "home_visit", chosen[0], chosen[1]))
    # 文件 › 查阅记录 (issue 15): the openings above are in it
    grab_modal(app, background, out / "access-log.png", window.open_access_log)
    shoot_roster_import(app, background, window, out, Path(scratch.name))
    if "review" in {spec.key for spec in window.specs}:
        shoot_oversight(app, background, window, out)
    window.close()
    background.shutdown()
    store.close()
    fresh.close()
    return 0


def shoot_roster_import(app: QApplication, background: object, window: MainWindow, out: Path,
                        scratch: Path) -> None:
    """The import dialog previewing a village's roster as a director might bring it: this
    office's own export with a few rows changed — new people, a mistyped ID number, an ID
    number Excel turned into a number — so the preview shows every kind of outcome."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from app.reports.roster_export import export_roster
    from app.ui.roster_import_dialog import RosterImportDialog

    ctx = window.ctx
    sheet_path = scratch / "花名册.xlsx"
    ctx.store.read(export_roster, sheet_path)
    book = load_workbook(sheet_path)
    ws = book.active
    assert isinstance(ws, Worksheet)  # the roster, the sheet the export leaves active
    header_row = next(r for r in range(1, 8) if any(str(c.value or "").startswith("身份证") for c in ws[r]))
    id_col = column_where(ws[header_row], lambda v: str(v or "").startswith("身份证"))
    name_col = column_where(ws[header_row], lambda v: v == "姓名")
    assert id_col is not None and name_col is not None
    first = header_row + 1
    from stdnum.cn import ric

    def valid(body: str) -> str:
        return body + ric.calc_check_digit(body + "0")

    ws.cell(first, name_col, "龙小燕")
    ws.cell(first, id_col, valid("52263120150307002"))
    ws.cell(first + 1, name_col, "吴金花")
    ws.cell(first + 1, id_col, valid("52263119560412002"))
    for header in ("性别", "出生日期"):  # left blank: the ID number gives them
        col = column_where(ws[header_row], partial(operator.eq, header))
        if col is not None:  # (ws.cell(r, c, None) would leave the value as it was)
            ws.cell(first, col).value = None
            ws.cell(first + 1, col).value = None
    ws.cell(first + 2, id_col, "522631195604120021")  # wrong check digit
    ws.cell(first + 3, id_col, 522631195604120000)  # as Excel keeps a long number
    if ws.max_row >= first + 40:  # a screenful is enough
        ws.delete_rows(first + 40, ws.max_row - first - 39)
    kept = {str(ws.cell(r, id_col).value) for r in range(first, ws.max_row + 1)}
    for companion in book.worksheets[1:]:  # the 监护人 and 家庭成员 sheets: the lines of those kept
        ward_col = column_where(companion[3], lambda v: v == "对象身份证号")
        assert ward_col is not None
        lines = [[c.value for c in row] for row in companion.iter_rows(min_row=4)
                 if str(row[ward_col - 1].value) in kept]
        companion.delete_rows(4, companion.max_row)
        for line in lines:
            companion.append(line)
    book.save(sheet_path)
    dialog = RosterImportDialog(ctx, window)
    dialog.show()
    dialog.set_file(sheet_path)
    settle(app, background)
    path = out / "roster-import.png"
    dialog.grab().save(str(path))
    print(f"  {path}")
    for tab, name in ((1, "roster-import-columns.png"), (2, "roster-import-lines.png")):
        dialog.tabs.setCurrentIndex(tab)
        settle(app, background, 2)
        dialog.grab().save(str(out / name))
        print(f"  {out / name}")
    dialog.close()


def column_where(cells: Iterable[object], test: Callable[[object], bool]) -> int | None:
    """The column of the first cell of a header row whose value passes `test`."""
    from openpyxl.cell.cell import Cell

    return next((c.column for c in cells if isinstance(c, Cell) and test(c.value)), None)


def shoot_oversight(app: QApplication, background: object, window: MainWindow, out: Path) -> None:
    """The review queue's decide dialog for three chosen rows, and a duplicate pair's dialog."""
    from PySide6.QtCore import QItemSelectionModel

    from app.ui.oversight.review_page import ReviewQueuePage

    review = window.show_page("review")
    assert isinstance(review, ReviewQueuePage)
    settle(app, background)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(min(3, review.model.rowCount())):
        review.view.selectionModel().select(review.model.index(row, 0), flags)
    settle(app, background)
    window.grab().save(str(out / "review.png"))
    dialogs: list[tuple[str, QDialog | None]] = [
        ("review-decide.png", review.decide("review")),
        ("duplicates-decide.png", _duplicate_dialog(app, background, window))]
    for name, dialog in dialogs:
        if dialog is None:
            continue
        settle(app, background)
        dialog.grab().save(str(out / name))
        print(f"  {out / name}")
        dialog.reject()


def _duplicate_dialog(app: QApplication, background: object, window: MainWindow) -> DuplicateDialog | None:
    from app.ui.oversight.duplicates_page import DuplicatesPage

    page = window.show_page("duplicates")
    assert isinstance(page, DuplicatesPage)
    settle(app, background)
    dialog = page.decide()
    if dialog is not None:
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("same"))
    return dialog


if __name__ == "__main__":
    raise SystemExit(main())

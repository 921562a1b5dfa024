"""Walk every page and the main dialogs of the app at a text size on a 1366×768 screen and
list what is cut (app.ui.cut_check); run by tests/test_ui_large_text.py in its own process,
because the offscreen screen's size is fixed when the application starts:

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python -m tests.large_text_sweep \\
        --db FILE [--font larger] [--shots DIR]

Prints one line per cut and exits 1 if there is any. With --shots, saves the main screens.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget


def settle(app: QApplication, background: Any, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        app.processEvents()
        if background.pending == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.2:
                break
        else:
            quiet_since = None
        time.sleep(0.01)
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.large_text_sweep")
    parser.add_argument("--db", required=True)
    parser.add_argument("--font", default="larger", choices=["normal", "large", "larger"])
    parser.add_argument("--shots", type=Path)
    args = parser.parse_args(argv)

    from app.ui.background import Background
    from app.ui.cut_check import Cut, cuts
    from app.ui.main import MainWindow, apply_font_size, default_size, load_cjk_font
    from app.ui.store import Store

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QSettings("guanai", "guanai").clear()
    QSettings("guanai", "guanai").setValue("ui/font_size", args.font)
    load_cjk_font(app)
    background = Background()
    store = Store.open(args.db)
    office = store.office()
    assert office is not None
    window = MainWindow(store, background, office)
    window.resize(*default_size(window))
    window.show()
    found: list[Cut] = []

    def look(widget: QWidget, name: str) -> None:
        settle(app, background)
        found.extend(cuts(widget))
        tabs = [t for t in widget.findChildren(QTabWidget) if t.isVisibleTo(widget)]
        for t in tabs:
            for i in range(t.count()):
                t.setCurrentIndex(i)
                settle(app, background, 5)
                found.extend(c for c in cuts(widget) if c not in found)
            t.setCurrentIndex(0)
        if args.shots is not None:
            settle(app, background)
            widget.grab().save(str(args.shots / f"{name}-{args.font}.png"))

    for spec in window.specs:
        window.show_page(spec.key)
        settle(app, background)
        found.extend(cuts(window))
        if args.shots is not None and spec.key in ("workbench", "roster", "overview", "sync", "agreements"):
            window.grab().save(str(args.shots / f"{spec.key}-{args.font}.png"))

    for name, opener in dialogs(window).items():
        dialog = opener()
        if dialog is None:
            continue
        dialog.show()
        look(dialog, name)
        dialog.done(0)
        dialog.deleteLater()
        settle(app, background, 2)

    apply_font_size(app, "normal")  # back to the standard size: the layout as it was
    window.show_page(window.specs[0].key)
    settle(app, background)
    found.extend(cuts(window))

    for c in found:
        print(c)
    window.close()
    background.shutdown()
    store.close()
    return 1 if found else 0


def dialogs(window: Any) -> dict[str, Callable[[], QDialog | None]]:
    """The dialogs to look at, each made and not yet shown (modal ones opened modeless)."""
    from app.ui.care_record_dialog import CareRecordDialog
    from app.ui.log_dialogs import log_dialog
    from app.ui.recipient_form import RecipientDialog
    from app.ui.roster_import_dialog import RosterImportDialog
    from app.ui.settings_dialog import SettingsDialog

    ctx = window.ctx
    roster = window.show_page("roster") if any(s.key == "roster" for s in window.specs) else None
    rid = None
    if roster is not None:
        settle(QApplication.instance(), ctx.background)  # type: ignore[arg-type]
        chosen = roster.selected()
        rid = chosen[0] if chosen else None
    record = ctx.store.read(_a_care_record) if rid else None
    found: dict[str, Callable[[], QDialog | None]] = {
        "settings": lambda: SettingsDialog(ctx, window, set_font_size=window.set_font_size, font_size="larger"),
        "roster-import": lambda: RosterImportDialog(ctx, window),
    }
    if rid is not None:
        found["recipient-form"] = lambda: RecipientDialog(ctx, window, rid)
        found["new-recipient"] = lambda: RecipientDialog(ctx, window, None)
        for kind in ("phone_followup", "home_visit", "micro_wish", "material_aid"):
            found[f"log-{kind}"] = lambda k=kind: log_dialog(ctx, window, k, rid, "")
    if record is not None:
        found["care-record"] = lambda: CareRecordDialog(ctx, window, record)
    # the programmes' dialogs that need nothing chosen first, and an agreement's sign and void
    from app.ui.programmes import (
        activities,
        agreements,
        assessments,
        mutual_aid,
        pairing,
        responsibilities,
        teachers,
    )

    for cls in (agreements.DraftDialog, pairing.UnitDialog, mutual_aid.FamilyDialog, responsibilities.AssignDialog,
                assessments.AssessmentDialog, activities.ActivityDialog, teachers.PairTeacherDialog):
        found[cls.__name__] = lambda c=cls: c(ctx, window)
    if any(s.key == "agreements" for s in window.specs):
        page = window.show_page("agreements")
        settle(QApplication.instance(), ctx.background)  # type: ignore[arg-type]
        row = page.model.row_at(0)
        if row is not None:
            found["SignDialog"] = lambda: agreements.SignDialog(ctx, row, window)
            found["VoidDialog"] = lambda: agreements.VoidDialog(ctx, row, window)
    return found


def _a_care_record(session: Any) -> str | None:
    from sqlalchemy import select

    from app.models import CareRecord

    return session.scalar(select(CareRecord.id).limit(1))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())

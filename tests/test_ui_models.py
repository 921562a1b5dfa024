"""qtmodeltester over the table models not checked beside their pages: the roster import
preview, and the sync page's models with rows in them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.ui.kit import Context
from app.ui.roster_import_dialog import RosterImportDialog
from tests.test_sheets_import import messy_roster

WAIT = 20000


def test_roster_import_preview_model(qtbot: Any, qtmodeltester: Any, ctx: Context, tmp_path: Path) -> None:
    dialog = RosterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_file(messy_roster(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert dialog.model.rowCount() > 5
    qtmodeltester.check(dialog.model)
    dialog.filter_box.setCurrentIndex(dialog.filter_box.findData("refused"))
    qtmodeltester.check(dialog.model)


def test_sync_page_models(qtbot: Any, qtmodeltester: Any, ctx: Context) -> None:
    from app.ui.sync_page import SyncPage

    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: ctx.background.pending == 0, timeout=WAIT)
    assert page.keys_model.rowCount() >= 1  # this office's own keys
    for model in (page.keys_model, page.results_model, page.conflicts_model):
        qtmodeltester.check(model)

"""The roster import dialog driven as a director would (offscreen): a file is chosen, the
preview lists every row with its result and reason and writes nothing, 导入 puts the passing
rows in the database, and a second import of the same file adds nobody. The export actions
write their files through the worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models import Recipient, StatusEvent
from app.ui import export_actions
from app.ui.kit import Context
from app.ui.roster_import_dialog import RosterImportDialog
from tests.test_sheets_import import EXPECTED, messy_roster

WAIT = 20000


def _people(engine: Engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(Recipient)) or 0)


def test_preview_then_import(qtbot: Any, ctx: Context, village: Engine, tmp_path: Path) -> None:
    dialog = RosterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    changed: list[int] = []
    ctx.hub.changed.connect(lambda: changed.append(1))
    dialog.set_file(messy_roster(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    model = dialog.model
    shown = {model.outcome(i).row: model.outcome(i) for i in range(model.rowCount())}
    assert set(shown) == set(EXPECTED) and shown[17].status == "ready"  # not registered here
    refused_text = model.data(model.index(list(shown).index(8), 5))
    assert "存成了数字" in refused_text
    assert model.data(model.index(list(shown).index(5), 1)) == "可导入"
    assert _people(village) == 0 and not changed  # the preview wrote nothing
    assert "可以导入 5 行" in dialog.summary.text() and "表头在第 3、4 行" in dialog.summary.text()
    dialog.filter_box.setCurrentIndex(dialog.filter_box.findData("refused"))
    assert {model.outcome(i).status for i in range(model.rowCount())} == {"refused"}
    assert dialog.import_button.isEnabled()
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.committed, timeout=WAIT)
    assert _people(village) == 5 and changed
    assert "已导入 5 人" in dialog.summary.text() and not dialog.import_button.isEnabled()
    # the same file again: everyone passing is now a duplicate, nothing to import
    dialog.set_file(tmp_path / "r.xlsx")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert not dialog.report.passed and len(dialog.report.duplicates) == 6
    assert not dialog.import_button.isEnabled()


def test_confirmed_roster_needs_its_document_number(qtbot: Any, ctx: Context, village: Engine,
                                                    tmp_path: Path) -> None:
    dialog = RosterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.confirmed_box.setChecked(True)
    dialog.set_file(messy_roster(tmp_path / "fixed.xlsx", fixed=True))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert not dialog.import_button.isEnabled()  # no document number yet
    dialog.doc_edit.setText("黎民发〔2026〕12号")
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.committed, timeout=WAIT)
    with Session(village) as s:
        assert set(s.scalars(select(Recipient.status))) == {"confirmed"}
        docs = set(s.scalars(select(StatusEvent.doc_no).where(StatusEvent.step == "confirm")))
        assert docs == {"黎民发〔2026〕12号"}


def test_export_actions_write_files(qtbot: Any, ctx: Context, tmp_path: Path) -> None:
    results: list[Any] = []
    export_actions.save_roster_template(ctx, None, path=tmp_path / "t.xlsx", on_done=results.append,
                                        ask_to_open=False)
    export_actions.export_roster(ctx, None, path=tmp_path / "r.xlsx", on_done=results.append, ask_to_open=False)
    export_actions.export_ledger(ctx, None, "2026-Q3", path=tmp_path / "l.xlsx", on_done=results.append,
                                 ask_to_open=False)
    export_actions.export_compliance(ctx, None, "2026-Q3", path=tmp_path / "c.pdf", on_done=results.append,
                                     ask_to_open=False)
    export_actions.export_subsidies(ctx, None, "2026-H2", path=tmp_path / "s.xlsx", on_done=results.append,
                                    ask_to_open=False)
    qtbot.waitUntil(lambda: len(results) == 5, timeout=WAIT)
    assert load_workbook(tmp_path / "t.xlsx").active["A4"].value == "示例"
    assert load_workbook(tmp_path / "l.xlsx").active["A1"].value.endswith("（2026-Q3）")
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


def test_preview_lists_every_sheet_and_column(qtbot: Any, ctx: Context, village: Engine, tmp_path: Path) -> None:
    """Issue 14, point 10: the preview names every sheet (the skipped one with its reason) and
    every column with what is done with it, the hidden 联系电话 marked hidden."""
    from tests.test_roster_import_columns import _workbook

    dialog = RosterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 600)
    dialog.show()
    dialog.set_file(_workbook(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert "共 4 个工作表，导入 3 个，跳过：填表说明" in dialog.summary.text()
    model = dialog.columns_model
    rows = [tuple(model.text(r, c) for c in range(6)) for r in range(model.rowCount())]
    assert rows[6][:5] == ("一组", "F", "联系电话", "是", "同义列，也读取")
    assert any(r[0] == "填表说明" and r[4] == "跳过" and "找不到表头" in r[5] for r in rows)
    assert any(r[0] == "三组" and r[2] == "（整个工作表）" and r[3] == "是" for r in rows)
    assert any(r[2] == "低保证号" and r[4] == "记入备注" for r in rows)
    dialog.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "columns.png"))
    assert (tmp_path / "columns.png").stat().st_size > 0

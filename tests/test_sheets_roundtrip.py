"""The roster this app exports comes back in cleanly: a director exports it, corrects it in
Excel and imports it, so every value the export writes must be one the importer reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.demo.generate import generate_demo
from app.models import Recipient
from app.reports.roster_export import export_roster
from app.reports.roster_import import run_import


def test_an_exported_roster_imports_without_a_refusal(village: Engine, tmp_path: Path) -> None:
    generate_demo(village, scale="village", today=dt.date(2026, 11, 28))
    with Session(village) as s:
        export_roster(s, tmp_path / "r.xlsx", full_ids=True)
        work = {r for r in s.scalars(select(Recipient.work_ability)) if r}
    assert work  # the demo records work ability, so the column is exercised
    sheet = load_workbook(tmp_path / "r.xlsx").active
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert "有劳动能力" in texts or "无劳动能力" in texts or "部分劳动能力" in texts
    report = run_import(village, tmp_path / "r.xlsx", dry_run=True)
    refused = [o for o in report.outcomes if o.status == "refused"]
    assert refused == []
    assert report.outcomes and all(o.status == "duplicate" for o in report.outcomes)
    # the guardian and member lines of people already registered are not refusals either
    assert report.rejected == [] and report.lines
    assert {o.status for o in report.lines} == {"duplicate"}

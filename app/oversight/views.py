"""What the supervision and assessment pages show, as plain rows (no Qt): one row per
rectification item (or per visit without items), and the half year's sheets with the
manual items a scoring dialog asks for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.care.registers import Listing
from app.oversight.assessment import SheetView, half_year, list_sheets
from app.oversight.assessment_rules import RuleLine, list_rules, rules_in_force
from app.oversight.supervision import ItemView, VisitView, get_visit, list_visits


@dataclass(frozen=True)
class SupervisionRow:
    id: str  # the item's id, or the visit's when it has none
    visit: VisitView
    item: ItemView | None


def supervision_rows(session: Session, *, period: str | None = None, open_only: bool = False,
                     on: dt.date | None = None) -> Listing[SupervisionRow]:
    rows: list[SupervisionRow] = []
    for v in list_visits(session, period=period, on=on):
        items = [i for i in v.items if not open_only or i.status != "done"]
        if not v.items and not open_only:
            rows.append(SupervisionRow(v.id, v, None))
        rows += [SupervisionRow(i.id, v, i) for i in items]
    return Listing(tuple(rows), len(rows))


@dataclass(frozen=True)
class SheetRow:
    id: str  # the village code
    sheet: SheetView


@dataclass(frozen=True)
class AssessmentListing:
    rows: tuple[SheetRow, ...]
    total: int
    manual: tuple[RuleLine, ...]
    rules: tuple[RuleLine, ...] = ()  # every line in force today (the county's dialog edits them)

    @property
    def truncated(self) -> bool:
        return False


def assessment_rows(session: Session, period: str) -> AssessmentListing:
    sheets = list_sheets(session, period)
    rules = rules_in_force(session, half_year(period))
    today = dt.date.today()
    live = tuple(r for r in list_rules(session) if r.valid_to is None or r.valid_to >= today)
    return AssessmentListing(tuple(SheetRow(s.village_code, s) for s in sheets), len(sheets),
                             tuple(r for r in rules.items if r.kind == "manual"), live)


def print_visit(session: Session, visit_id: str, out: Path) -> int:
    from app.reports.supervision_pdf import write_supervision_record

    return write_supervision_record(get_visit(session, visit_id), out)


def print_sheet(session: Session, village: str, period: str, out: Path) -> Path:
    from app.oversight.assessment import get_sheet
    from app.reports.assessment_out import write_assessment_pdf

    return write_assessment_pdf(get_sheet(session, village, period), out)


def export_sheets(session: Session, period: str, out: Path) -> Path:
    from app.reports.assessment_out import write_assessment_xlsx

    return write_assessment_xlsx(list_sheets(session, period), out)

"""Every export reads back with openpyxl to the data it came from: the roster's cells against
the recipients table (ID numbers as text cells), the ledger's totals against `status`, the
compliance figures against the schedule engine, the subsidy ledger's money in yuan with two
decimals; each with its bold header, frozen panes and A4 landscape print setup. The
compliance PDF embeds its font and its text extracts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.care.status import status_report
from app.care.validation import mask_id_number
from app.cli import main
from app.models import AssistingUnit, MutualAidFamily, Pairing, Recipient, SubsidyPayment
from app.reports.compliance import export_compliance
from app.reports.ledger import export_ledger
from app.reports.roster_export import export_roster
from app.reports.subsidy import export_subsidies
from tests.helpers import demo_database

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One village demo for the module's read-only tests (exports change nothing)."""
    base = tmp_path_factory.mktemp("demo")
    with demo_database(base, "village", TODAY) as engine:
        yield engine


def _common(ws: Worksheet, header_row: int) -> list[str]:
    """What every export shares; returns the header texts."""
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.print_title_rows == f"$1:${header_row}"
    assert ws.freeze_panes[1:] == str(header_row + 1) or ws.freeze_panes[1:].endswith(str(header_row + 1))
    assert ws["A1"].font.b and ws["A1"].value
    headers = [c.value for c in ws[header_row]]
    assert all(c.font.b for c in ws[header_row] if not isinstance(c, MergedCell))
    for i in range(1, len(headers) + 1):
        letter = get_column_letter(i)
        assert (ws.column_dimensions[letter].width or 0) >= 4
    return headers


def test_roster_export_reads_back_to_the_database(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        result = export_roster(s, tmp_path / "roster.xlsx", full_ids=True)
        people = {r.id_number: r for r in s.scalars(select(Recipient).where(
            Recipient.status.not_in(("exited", "rejected"))))}
    ws = load_workbook(result.path).active
    headers = _common(ws, 3)
    assert ws.freeze_panes == "C4"
    col = {h: i for i, h in enumerate(headers)}
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(people) == result.rows
    for n, row in enumerate(rows, start=4):
        r = people[row[col["身份证号"]]]
        assert row[col["姓名"]] == r.name
        assert row[col["出生日期"]].date() == r.birth_date
        assert row[col["联系电话"]] == r.phone
        assert ws.cell(n, col["身份证号"] + 1).data_type == "s"
        assert ws.column_dimensions["D"].number_format == "@"  # typed later in Excel: text too
        assert ws.cell(n, col["出生日期"] + 1).number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["D"].width >= 18  # an 18-digit ID number fits


def test_roster_export_of_one_assisting_unit(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        unit = s.scalars(select(AssistingUnit).join(Pairing, Pairing.unit_id == AssistingUnit.id)).first()
        assert unit is not None
        result = export_roster(s, tmp_path / "unit.xlsx", unit=unit.name)
        confirmed = set(s.scalars(select(Recipient.id_number).where(Recipient.status == "confirmed")))
    ws = load_workbook(result.path).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    # for an assisting unit: ID numbers masked (no full one chosen), the age, not the birth date
    masked = {mask_id_number(n) for n in confirmed}
    assert 0 < len(rows) <= len(confirmed) and {r[3] for r in rows} <= masked
    assert [c.value for c in ws[3]][4] == "年龄" and all(isinstance(r[4], int) for r in rows)
    assert unit.name in str(ws["A1"].value)
    responsible = [c.value for c in ws[3]].index("帮扶责任人")
    assert any(unit.name in (r[responsible] or "") for r in rows)  # the responsible person and unit


def test_ledger_totals_agree_with_status(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        result = export_ledger(s, tmp_path / "ledger.xlsx", "2026-Q3", today=TODAY)
        figures = status_report(s, "2026-Q3")["villages"]
    ws = load_workbook(result.path).active
    headers = [c.value for c in ws[3]]
    assert headers[6] == "7月" and headers[10] == "8月" and headers[14] == "9月"
    assert [c.value for c in ws[4]][6:10] == ["电话随访", "实地走访", "微心愿", "物资帮扶"]
    assert ws.freeze_panes == "C5"
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    owed = sum(r[-3] for r in rows)
    done = sum(r[-2] for r in rows)
    assert owed == sum(v["four_ones"][k]["owed"] for v in figures for k in ("call", "visit", "wish", "aid"))
    assert done == sum(v["four_ones"][k]["done"] for v in figures for k in ("call", "visit", "wish", "aid"))
    for r in rows:  # each row's marks add up to its totals
        marks = [c for c in r[6:-3] if isinstance(c, str)]
        ticks = sum(1 for c in marks if c.startswith("✓"))
        crosses = sum(1 for c in marks if c.startswith("✗"))
        assert ticks <= r[-2] and crosses <= r[-1] and r[-2] + r[-1] <= r[-3]
    cell = next(c for row in ws.iter_rows(min_row=5) for c in row if c.value == "✓")
    assert cell.fill.fgColor.rgb.endswith("E2F0D9")


def test_compliance_xlsx_and_pdf(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        xlsx = export_compliance(s, tmp_path / "c.xlsx", "2026-Q3")
        pdf = export_compliance(s, tmp_path / "c.pdf", "2026-Q3")
        village = status_report(s, "2026-Q3")["villages"][0]
    ws = load_workbook(xlsx.path).active
    _common(ws, 4)
    row = [c.value for c in ws[5]]
    assert row[0] == village["code"] and row[1] == village["name"] and row[2] == village["recipients"]
    call = village["four_ones"]["call"]
    assert row[3:6] == [call["owed"], call["done"], pytest.approx(call["done"] / call["owed"])]
    assert ws.cell(5, 6).number_format == "0.0%"
    assert row[15:17] == [village["agreements"]["needed"], village["agreements"]["signed"]]
    reader = PdfReader(str(pdf.path))
    body = "".join(p.extract_text() for p in reader.pages)
    assert village["name"] in body and "督导考核" in body and f"{call['done']}/{call['owed']}" in body
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                   if "/DescendantFonts" in f.get_object() else f.get_object().get("/FontDescriptor")
                   for f in fonts.values()]
    assert any(d is not None and "/FontFile2" in d.get_object() for d in descriptors)


def test_subsidy_ledger_money_in_yuan(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        result = export_subsidies(s, tmp_path / "s.xlsx", "2026-H2")
        families = {f.id: f.head_name for f in s.scalars(select(MutualAidFamily))}
        paid = s.scalars(select(SubsidyPayment).where(SubsidyPayment.period_start <= dt.date(2026, 12, 31),
                                                      SubsidyPayment.period_end >= dt.date(2026, 7, 1))).all()
    ws = load_workbook(result.path).active
    headers = _common(ws, 3)
    amount = headers.index("发放金额（元）")
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    body, (paid_total, unpaid_total) = rows[:-2], rows[-2:]
    assert paid_total[1] == "已发放合计"
    assert paid_total[amount] == pytest.approx(sum(p.amount_fen for p in paid if p.paid_on) / 100)
    assert unpaid_total[1] == "未发放合计"
    assert unpaid_total[amount] == pytest.approx(sum(p.amount_fen for p in paid if not p.paid_on) / 100)
    got = sorted((r[2], r[amount]) for r in body if r[amount] is not None)
    assert got == sorted((families[p.family_id], p.amount_fen / 100) for p in paid)
    assert ws.cell(4, amount + 1).number_format == "#,##0.00"
    assert ws.cell(4, headers.index("联系电话") + 1).data_type == "s"


def test_subsidy_ledger_totals_paid_and_unpaid_apart(demo: Engine, tmp_path: Path) -> None:
    """A payment recorded without a date paid is owed, not paid: 2026-Q1 (no other test's
    period) gets one more payment, unpaid, and the two totals keep it apart."""
    from app.care.context import actor_for
    from app.care.programmes import pay_subsidy
    q1_start, q1_end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    with Session(demo) as s, s.begin():
        family = s.scalars(select(MutualAidFamily).order_by(MutualAidFamily.head_name)).first()
        assert family is not None
        pay_subsidy(s, actor_for(s), family.id, period_start=q1_start, period_end=q1_end, amount_fen=24050)
    with Session(demo) as s:
        result = export_subsidies(s, tmp_path / "s.xlsx", "2026-Q1")
        payments = s.scalars(select(SubsidyPayment).where(SubsidyPayment.period_start <= q1_end,
                                                          SubsidyPayment.period_end >= q1_start)).all()
    paid = [p for p in payments if p.paid_on is not None]
    unpaid = [p for p in payments if p.paid_on is None]
    assert paid and unpaid
    ws = load_workbook(result.path).active
    headers = [c.value for c in ws[3]]
    amount, note = headers.index("发放金额（元）"), headers.index("备注")
    *_body, paid_total, unpaid_total = list(ws.iter_rows(min_row=4, values_only=True))
    assert paid_total[1] == "已发放合计"
    assert paid_total[amount] == pytest.approx(sum(p.amount_fen for p in paid) / 100)
    assert paid_total[note] == f"{len({p.family_id for p in paid})} 户已发放"
    assert unpaid_total[1] == "未发放合计"
    assert unpaid_total[amount] == pytest.approx(sum(p.amount_fen for p in unpaid) / 100)
    assert unpaid_total[note].startswith("1 户有未发放")


def _print_check(ws: Worksheet) -> int:
    """The sheet prints on A4 landscape, fit to a whole number of pages wide and any number
    down, and at that fit no text prints smaller than 8 pt. Returns the pages wide."""
    from app.reports.sheets import print_scale
    setup = ws.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    pages = int(setup.fitToWidth)
    assert pages >= 1 and int(setup.fitToHeight) == 0
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
    titles = 0
    if pages > 1:  # the first columns repeat on every page
        assert ws.print_title_cols == "$A:$B" or ws.print_title_cols.startswith("$A:$")
        titles = ord(ws.print_title_cols.split(":")[1][1]) - ord("A") + 1
    sizes = {c.font.sz for row in ws.iter_rows(max_row=6) for c in row if c.value is not None and c.font}
    smallest = min(float(s) for s in sizes if s)
    assert smallest * print_scale(widths, titles, pages) >= 8.0, (smallest, pages)
    return pages


def test_exports_print_legibly_on_a4(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        roster = export_roster(s, tmp_path / "r.xlsx")
        ledger = export_ledger(s, tmp_path / "l.xlsx", "2026-Q3")
        subsidies = export_subsidies(s, tmp_path / "s.xlsx", "2026-H2")
    pages = {name: _print_check(load_workbook(r.path).active)
             for name, r in (("roster", roster), ("ledger", ledger), ("subsidies", subsidies))}
    # the roster (21+ columns) is too wide for one page at 8 pt: it runs on to a second page
    # instead of shrinking
    assert pages["roster"] >= 2


def test_cli_exports(demo: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo.url.database)
    for args in (["roster", "export", str(tmp_path / "r.xlsx"), "--unit", "522631100201"],
                 ["report", "ledger", "--period", "2026-10", "--out", str(tmp_path / "l.xlsx"), "--json"],
                 ["report", "compliance", "--period", "2026-H2", "--out", str(tmp_path / "c.pdf")],
                 ["report", "subsidies", "--period", "2026-Q3", "--out", str(tmp_path / "s.xlsx")]):
        assert main(["--db", db, *args]) == 0, args
    assert '"rows"' in capsys.readouterr().out
    assert {p.name for p in tmp_path.iterdir()} >= {"r.xlsx", "l.xlsx", "c.pdf", "s.xlsx"}
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]
    assert main(["--db", db, "roster", "export", str(tmp_path / "x.xlsx"), "--unit", "没有这个单位"]) == 1
    assert main(["--db", db, "report", "ledger", "--period", "2026-Q9", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert not (tmp_path / "x.xlsx").exists()

"""Two modules lean on library internals for speed: app/reports/reuse.py (ReportLab's
Paragraph: `frags`, `blPara`, `_wrapWidths`) and app/reports/sheets.py (openpyxl's
`cell._style`). pyproject.toml pins both libraries below their next major version; these
tests fail loudly when a version outside what was checked is installed, or when the
internals moved, naming the module to look at before raising the pin."""

from __future__ import annotations

import openpyxl
import reportlab
from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

CHECKED_REPORTLAB = (4, 5)
CHECKED_OPENPYXL = (3,)


def major(version: str) -> int:
    return int(version.split(".")[0])


def test_reportlab_is_a_checked_major_version_with_the_paragraph_internals_reuse_uses() -> None:
    assert major(reportlab.Version) in CHECKED_REPORTLAB, (
        f"ReportLab {reportlab.Version} is not a checked version: app/reports/reuse.py uses Paragraph "
        "internals (frags, blPara, _wrapWidths); check them, then raise the pin in pyproject.toml")
    p = Paragraph("关爱 <b>留守儿童</b> 协议书", getSampleStyleSheet()["Normal"])
    assert p.frags, "Paragraph.frags is gone (app/reports/reuse.py)"
    p.wrap(100, 100)
    assert hasattr(p, "blPara") and isinstance(p._wrapWidths, list), \
        "Paragraph.blPara / _wrapWidths moved (app/reports/reuse.py)"


def test_openpyxl_is_a_checked_major_version_with_cell_style_arrays() -> None:
    assert major(openpyxl.__version__) in CHECKED_OPENPYXL, (
        f"openpyxl {openpyxl.__version__} is not a checked version: app/reports/sheets.py copies "
        "cell._style; check it, then raise the pin in pyproject.toml")
    ws = openpyxl.Workbook().active
    a, b = ws.cell(1, 1), ws.cell(1, 2)
    a.number_format = "0.00"
    assert isinstance(a, Cell) and isinstance(a._style, StyleArray), "Cell._style moved (app/reports/sheets.py)"
    b._style = a._style
    assert b.number_format == "0.00"

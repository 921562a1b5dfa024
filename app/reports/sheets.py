"""Writing real spreadsheets (台账, 花名册) the way offices print them: a title row and a
subtitle above a bold header, frozen panes under the header, columns as wide as their
contents, ID numbers stored as text, dates as dates, money in yuan with two decimals, and an
A4 landscape print setup that repeats the title and header on every page.

Everything is written in openpyxl's write-only mode (streamed; 100,000 rows in seconds), so
column widths, merges and print settings are decided before the first row. Files are written
to a temporary name and renamed, never left half-written under the final name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from app.care.intake import clean_leftovers
from app.files import atomic_path

TEXT, ID, DATE, MONEY, INT, RATE = "text", "id", "date", "money", "int", "rate"
FORMATS = {TEXT: "@", ID: "@", DATE: "yyyy-mm-dd", MONEY: "#,##0.00", INT: "0", RATE: "0.0%"}
FONT_NAME = "宋体"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
MAX_WIDTH = 50
# Printing on A4 landscape. The text is 11 pt (the subtitle 10 pt) and must not print smaller
# than MIN_PRINT_PT: a sheet too wide for one page at that size runs on over more pages wide,
# with the first columns (序号, 姓名) repeated on each, rather than shrinking to 4 pt.
MIN_PRINT_PT = 8.0
SMALLEST_TEXT_PT = 10.0  # the smallest font the sheets write (the subtitle)
MARGIN_SIDE_IN = 0.4
A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
# Excel's column width unit is one digit of the default font (Calibri 11: 7 px, plus 5 px of
# padding per column) at 96 px to the inch.
PX_PER_CHAR, PX_PAD, PX_PER_IN = 7, 5, 96
WIDTH_SAMPLE = 5000  # rows looked at to size a column (all of them in smaller sheets)


@dataclass(frozen=True)
class SheetColumn:
    header: str
    kind: str = TEXT
    width: float | None = None  # None: fit the contents
    group: str | None = None  # a header over several columns (one month of the ledger)


@dataclass
class Table:
    """One sheet: title, subtitle, columns and rows (values in column order). Money values
    are fen (int) and written as yuan."""

    name: str
    title: str
    subtitle: str
    columns: Sequence[SheetColumn]
    rows: Sequence[Sequence[Any]]
    freeze_columns: int = 2  # the columns kept in view when scrolling right (序号, 姓名)
    validations: list[tuple[int, str]] = field(default_factory=list)  # (column index, list formula)
    fills: Callable[[int, Any], PatternFill | None] | None = None  # per cell colour (col, value)


def display_width(value: Any) -> int:
    """Characters as printed: a Chinese character takes two columns."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value).encode("gbk", "replace"))


def column_widths(table: Table) -> list[float]:
    widths = []
    sample = table.rows[:WIDTH_SAMPLE]
    for i, col in enumerate(table.columns):
        if col.width is not None:
            widths.append(col.width)
            continue
        longest = max((display_width(r[i]) for r in sample), default=0)
        if col.kind == MONEY:
            longest = max(longest, len(f"{max((r[i] or 0 for r in sample), default=0) / 100:,.2f}"))
        head = display_width(col.header) if col.group is None else display_width(col.header) + 1
        widths.append(min(MAX_WIDTH, max(longest, head, 4) + 2))
    return widths


def width_inches(widths: Sequence[float]) -> float:
    """How wide columns of these widths print at 100 %."""
    return sum(w * PX_PER_CHAR + PX_PAD for w in widths) / PX_PER_IN


def printable_inches() -> float:
    return A4_LANDSCAPE_WIDTH_IN - 2 * MARGIN_SIDE_IN


def pages_wide(widths: Sequence[float], title_columns: int) -> int:
    """The fewest A4 landscape pages across on which the sheet prints with no text smaller
    than MIN_PRINT_PT; from the second page on, the title columns are printed again."""
    room = printable_inches() * SMALLEST_TEXT_PT / MIN_PRINT_PT  # at the smallest scale allowed
    titles = width_inches(widths[:title_columns])
    pages, used = 1, 0.0
    for w in widths:
        one = width_inches([w])
        if used + one > room and used > 0:
            pages += 1
            used = titles
        used += one
    return pages


def print_scale(widths: Sequence[float], title_columns: int, pages: int) -> float:
    """The scale a fit-to-width of `pages` pages prints at (at most 100 %)."""
    total = width_inches(widths) + (pages - 1) * width_inches(widths[:title_columns])
    return min(1.0, pages * printable_inches() / total)


def _styled(ws: Any, value: Any, *, bold: bool = False, size: float = 11, fmt: str | None = None,
            fill: PatternFill | None = None, border: bool = False, center: bool = False,
            wrap: bool = False) -> Cell:
    cell = WriteOnlyCell(ws, value)
    cell.font = Font(name=FONT_NAME, bold=bold, size=size)
    if fmt:
        cell.number_format = fmt
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = BOX
    if center or wrap:
        cell.alignment = Alignment(horizontal="center" if center else None, vertical="center",
                                   wrap_text=wrap)
    return cell


def write_table(wb: Workbook, table: Table) -> None:
    ws = wb.create_sheet(table.name[:31])
    ncols = len(table.columns)
    grouped = any(c.group for c in table.columns)
    header_rows = 2 if grouped else 1
    first_data = 3 + header_rows
    widths = column_widths(table)
    for i, width in enumerate(widths, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        if table.columns[i - 1].kind == ID:
            dim.number_format = FORMATS[ID]
    last = get_column_letter(ncols)
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.freeze_panes = f"{get_column_letter(table.freeze_columns + 1)}{first_data}"
    ws.print_title_rows = f"1:{first_data - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    pages = pages_wide(widths, table.freeze_columns)
    if pages > 1:  # the columns kept in view are printed on every page too
        ws.print_title_cols = f"A:{get_column_letter(table.freeze_columns)}"
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.row_dimensions[1].height = 28
    for col_index, formula in table.validations:
        letter = get_column_letter(col_index + 1)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
        dv.add(f"{letter}{first_data}:{letter}{first_data + max(len(table.rows), 1000)}")
        ws.data_validations.append(dv)
    ws.append([_styled(ws, table.title, bold=True, size=16, center=True)])
    ws.append([_styled(ws, table.subtitle, size=10)])
    _write_headers(ws, table, grouped)
    _write_rows(ws, table)


def _write_headers(ws: Any, table: Table, grouped: bool) -> None:
    def head(text: str) -> Cell:
        return _styled(ws, text, bold=True, fill=HEADER_FILL, border=True, center=True, wrap=True)

    cols = table.columns
    if not grouped:
        ws.append([head(c.header) for c in cols])
        return
    top, bottom = [], []
    for i, c in enumerate(cols):
        letter = get_column_letter(i + 1)
        if c.group is None:
            top.append(head(c.header))
            bottom.append(head(""))
            ws.merged_cells.add(f"{letter}3:{letter}4")
        else:
            first = i == 0 or cols[i - 1].group != c.group
            top.append(head(c.group if first else ""))
            bottom.append(head(c.header))
            if first:
                end = i
                while end + 1 < len(cols) and cols[end + 1].group == c.group:
                    end += 1
                if end > i:
                    ws.merged_cells.add(f"{letter}3:{get_column_letter(end + 1)}3")
    ws.append(top)
    ws.append(bottom)


def _write_rows(ws: Any, table: Table) -> None:
    """Text and numbers go in as plain values (what write-only mode writes fastest); only
    the cells a format must show right carry a style: dates, money, rates, coloured marks.
    ID columns keep the text format at column level, so a number typed there later in Excel
    stays text too; on paper the grid lines are printed instead of cell borders.

    (`_style`, openpyxl's style array, is not in its stubs: the major version is pinned and
    tests/test_library_internals.py checks it is still there.)"""
    kinds = [c.kind for c in table.columns]
    styled = [k in (DATE, MONEY, RATE) for k in kinds]
    protos = [_styled(ws, None, fmt=FORMATS[k])._style if styled[i] else None  # type: ignore[attr-defined]
              for i, k in enumerate(kinds)]
    money = [k == MONEY for k in kinds]
    ids = [k == ID for k in kinds]
    fills = table.fills
    fill_styles: dict[tuple[int, str], Any] = {}
    any_special = any(styled) or any(ids) or fills is not None
    append = ws.append
    for row in table.rows:
        if not any_special:
            append(row)
            continue
        out: list[Any] = list(row)
        for i, value in enumerate(row):
            if value is None:
                continue
            colour = fills(i, value) if fills is not None else None
            if colour is not None:
                cell = WriteOnlyCell(ws, value)
                key = (i, colour.fgColor.rgb)
                style = fill_styles.get(key)
                if style is None:
                    proto = _styled(ws, None, fmt=FORMATS[kinds[i]])
                    proto.fill = colour
                    style = fill_styles[key] = proto._style  # type: ignore[attr-defined]
                cell._style = style  # type: ignore[attr-defined]
                out[i] = cell
            elif styled[i]:
                cell = WriteOnlyCell(ws, round(value / 100, 2) if money[i] else value)
                cell._style = protos[i]  # type: ignore[attr-defined]
                out[i] = cell
            elif ids[i] and not isinstance(value, str):
                out[i] = str(value)
            elif isinstance(value, str) and value[:1] == "=":  # text, never a formula
                cell = WriteOnlyCell(ws, value)
                cell.data_type = "s"
                out[i] = cell
        append(out)


def save(wb: Workbook, path: str | Path) -> Path:
    """Write the workbook under a temporary name beside `path`, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(path.parent)  # what a killed run left beside its output
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_workbook(path: str | Path, tables: Iterable[Table]) -> Path:
    wb = Workbook(write_only=True)
    for table in tables:
        write_table(wb, table)
    return save(wb, path)


def printed_on(today: dt.date | None = None) -> str:
    d = today or dt.date.today()
    return f"{d.year}年{d.month}月{d.day}日"

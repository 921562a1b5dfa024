"""Reading a roster spreadsheet as offices keep it: title rows above the header, a header of
one or two rows with merged cells, headers under their common names, data rows below.

The workbook is read with calamine (python-calamine: a Rust reader, about ten times faster than
openpyxl's read-only mode on a 10,000-row roster, which matters when an import should cost
little more than opening the file). Cells come back as text, numbers (as floats), dates,
datetimes and booleans, empty cells as ""; the merged ranges come with the sheet, so a merged
header ("监护人" over "姓名 | 电话") and a village name merged down a block of rows are
understood.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.care.errors import ServiceError
from app.care.intake import read_xlsx
from app.reports.sheets_fields import BY_KEY, field_for

HEADER_SCAN = 15  # rows searched for the header


@dataclass
class RosterSheet:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based row numbers of the header
    columns: dict[int, str]  # 0-based column → field key
    headers: dict[str, str]  # field key → the header as found
    unknown: list[str]  # headers not recognised (ignored)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, values)


def _refused(zh: str, en: str) -> ServiceError:
    return ServiceError(zh, en, field="file")


def _open(path: Path) -> Any:
    from python_calamine import CalamineError, CalamineWorkbook

    if not path.exists():
        raise _refused(f"找不到文件：{path}", f"File not found: {path}")
    if path.suffix.lower() == ".xls":
        raise _refused("这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。",
                       "Old .xls format: save it as .xlsx first.")
    # Read once, within the caps (file size; members inflated: no zip bomb), and handed to
    # calamine from memory, so the file checked is the file read.
    data = read_xlsx(path)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refused(f"无法读取 {path.name}：不是有效的 .xlsx 文件（{error}）。请用 Excel 或 WPS 另存为 .xlsx。",
                       f"Cannot read {path.name}: not a valid .xlsx file ({error}).") from error


def merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), rows 1-based and columns 0-based."""
    found = getattr(sheet, "merged_cell_ranges", None) or []
    return [(r1 + 1, c1, r2 + 1, c2) for (r1, c1), (r2, c2) in found]


def _fill(rows: list[list[Any]], first_row: int, merges: list[tuple[int, int, int, int]],
          *, across: bool) -> None:
    """Give every cell of a merged range the value of its top-left cell (rows is a window
    starting at first_row). `across=False` fills only downwards (data rows)."""
    last_row = first_row + len(rows) - 1
    for r1, c1, r2, c2 in merges:
        if r1 < first_row or r1 > last_row or (not across and c1 != c2):
            continue
        anchor = rows[r1 - first_row]
        value = anchor[c1] if c1 < len(anchor) else None
        for r in range(r1, min(r2, last_row) + 1):
            row = rows[r - first_row]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value


def _label(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _find_header(head: list[list[Any]]) -> tuple[int, int, dict[int, str], dict[int, str]] | None:
    """(index, header height, columns → field, columns → header text) of the best header
    among the first rows, trying each row alone and with the row below it."""
    best: tuple[int, int, int, dict[int, str], dict[int, str]] | None = None
    for i, top in enumerate(head):
        below = head[i + 1] if i + 1 < len(head) else []
        for height in (1, 2):
            if height == 2 and not below:
                continue
            cols: dict[int, str] = {}
            texts: dict[int, str] = {}
            for c in range(max(len(top), len(below) if height == 2 else 0)):
                t = _label(top[c]) if c < len(top) else ""
                b = _label(below[c]) if height == 2 and c < len(below) else ""
                tries = [(t + b, t + b), (b, b), (t, t)] if height == 2 and b != t else [(t, t)]
                for candidate, shown in tries:
                    key = field_for(candidate) if candidate else None
                    if key is not None:
                        if key not in cols.values():
                            cols[c] = key
                            texts[c] = shown
                        break
                else:
                    if t or b:
                        texts[c] = "/".join(x for x in dict.fromkeys((t, b)) if x)
            keys = set(cols.values())
            if len(keys) < 2 or not keys & {"name", "id_number"}:
                continue
            score = len(keys) * 2 - height  # a second header row must add a field to win
            if best is None or score > best[0]:
                best = (score, i, height, cols, texts)
    if best is None:
        return None
    _score, i, height, cols, texts = best
    return i, height, cols, texts


def read_roster(path: str | Path) -> RosterSheet:
    """The first sheet with a recognisable roster header, with its data rows."""
    from python_calamine import CalamineError

    path = Path(path)
    wb = _open(path)
    try:
        for name in wb.sheet_names:
            try:
                ws = wb.get_sheet_by_name(name)
                rows = ws.to_python(skip_empty_area=False)  # from A1, so row numbers hold
            except CalamineError:  # a chart sheet, or one calamine cannot read: not a roster
                continue
            found = _read_sheet(name, rows, merged_ranges(ws))
            if found is not None:
                return found
    finally:
        wb.close()
    names = "、".join(f.header for f in BY_KEY.values() if f.key in ("name", "id_number", "categories"))
    raise _refused(
        f"在 {path.name} 的前{HEADER_SCAN}行里找不到表头：至少需要“姓名”或“身份证号”等列名（如 {names}）。",
        f"No roster header found in the first {HEADER_SCAN} rows of {path.name}.")


def _read_sheet(title: str, rows: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> RosterSheet | None:
    head = rows[:HEADER_SCAN]
    _fill(head, 1, merges, across=True)
    found = _find_header(head)
    if found is None:
        return None
    i, height, cols, texts = found
    first_data = i + height + 1  # 1-based
    sheet = RosterSheet(
        sheet=title, header_rows=tuple(range(i + 1, i + height + 1)), columns=cols,
        headers={key: texts[c] for c, key in cols.items()},
        unknown=[t for c, t in sorted(texts.items()) if c not in cols])
    body = rows[first_data - 1:]
    _fill(body, first_data, [m for m in merges if m[1] == m[3] and m[2] > m[0] and m[0] >= first_data],
          across=False)
    items = sorted(cols.items())
    width = max((c for c, _key in items), default=-1) + 1
    append = sheet.rows.append
    for number, row in enumerate(body, start=first_data):
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values = {key: v for c, key in items if (v := row[c]) != "" and v is not None}
        if values:
            append((number, values))
    return sheet

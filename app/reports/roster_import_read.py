"""Reading a roster spreadsheet as offices keep it: title rows above the header, a header of
one or two rows with merged cells, headers under their common names, data rows below.

The workbook is opened in openpyxl's read-only mode (streamed, fast on 10,000 rows), which
does not report merged cells; their ranges are read from the sheet's XML directly, so a
merged header ("监护人" over "姓名 | 电话") and a village name merged down a block of rows
are understood without loading the whole workbook.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from app.care.errors import ServiceError
from app.reports.sheets_fields import BY_KEY, field_for

HEADER_SCAN = 15  # rows searched for the header
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass
class RosterSheet:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based row numbers of the header
    columns: dict[int, str]  # 0-based column → field key
    headers: dict[str, str]  # field key → the header as found
    unknown: list[str]  # headers not recognised (ignored)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, values)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def merged_ranges(path: Path, sheet_path: str | None) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), rows 1-based and columns 0-based."""
    if not sheet_path:
        return []
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read(sheet_path.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    start = data.rfind(b"</sheetData>")  # merges are written after the cells
    out = []
    for m in _MERGE.finditer(data, max(start, 0)):
        c1, r1 = _col(m[1]), int(m[2])
        c2, r2 = (_col(m[3]), int(m[4])) if m[3] else (c1, r1)
        out.append((r1, c1, r2, c2))
    return out


def _refused(zh: str, en: str) -> ServiceError:
    return ServiceError(zh, en, field="file")


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    if not path.exists():
        raise _refused(f"找不到文件：{path}", f"File not found: {path}")
    if path.suffix.lower() == ".xls":
        raise _refused("这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。",
                       "Old .xls format: save it as .xlsx first.")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refused(f"无法读取 {path.name}：不是有效的 .xlsx 文件（{error}）。请用 Excel 或 WPS 另存为 .xlsx。",
                       f"Cannot read {path.name}: not a valid .xlsx file ({error}).") from error


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
    path = Path(path)
    wb = _open(path)
    try:
        for ws in wb.worksheets:
            found = _read_sheet(path, ws)
            if found is not None:
                return found
    finally:
        wb.close()
    names = "、".join(f.header for f in BY_KEY.values() if f.key in ("name", "id_number", "categories"))
    raise _refused(
        f"在 {path.name} 的前{HEADER_SCAN}行里找不到表头：至少需要“姓名”或“身份证号”等列名（如 {names}）。",
        f"No roster header found in the first {HEADER_SCAN} rows of {path.name}.")


def _read_sheet(path: Path, ws: Any) -> RosterSheet | None:
    merges = merged_ranges(path, getattr(ws, "_worksheet_path", None))
    ws.reset_dimensions()  # files from other programs may state wrong dimensions
    rows = ws.iter_rows(min_row=1, values_only=True)
    head = [list(r) for _, r in zip(range(HEADER_SCAN), rows, strict=False)]
    _fill(head, 1, merges, across=True)
    found = _find_header(head)
    if found is None:
        return None
    i, height, cols, texts = found
    first_data = i + height + 1  # 1-based
    sheet = RosterSheet(
        sheet=ws.title, header_rows=tuple(range(i + 1, i + height + 1)), columns=cols,
        headers={key: texts[c] for c, key in cols.items()},
        unknown=[t for c, t in sorted(texts.items()) if c not in cols])
    down = [m for m in merges if m[1] == m[3] and m[2] > m[0] and m[0] >= first_data]
    items = sorted(cols.items())
    pending: list[list[Any]] = [list(r) for r in head[first_data - 1:]]
    if down:  # a vertical merge can run across any rows: keep the sheet in memory then
        pending.extend(list(r) for r in rows)
        _fill(pending, first_data, down, across=False)
    source = pending if down else chain(pending, rows)
    for number, row in enumerate(source, start=first_data):
        values = {key: row[c] for c, key in items if c < len(row) and row[c] not in (None, "")}
        if values:
            sheet.rows.append((number, values))
    return sheet

"""Reading a roster spreadsheet as offices keep it: title rows above the header, a header of
one or two rows with merged cells, headers under their common names, data rows below; in an
.xlsx, an old .xls or a .csv saved as UTF-8 or GBK; on every sheet of the workbook.

The workbook is read with calamine (python-calamine: a Rust reader, about ten times faster than
openpyxl's read-only mode on a 10,000-row roster, which matters when an import should cost
little more than opening the file). Cells come back as text, numbers (as floats), dates,
datetimes and booleans, empty cells as ""; the merged ranges come with the sheet, so a merged
header ("监护人" over "姓名 | 电话") and a village name merged down a block of rows are
understood.

Nothing is dropped without a word. Every sheet is read: a sheet with a roster header is
imported, the 监护人 and 家庭成员 sheets the export writes are read with it, and any other
sheet is listed as skipped with the reason. Every column is listed with what was done with
it: read as a field; a second column of the same meaning (a visible 手机号码 beside a hidden
联系电话) read too, its value kept in the notes when it differs; a column not recognised
kept in the notes under its header; hidden columns and sheets read like the others and
marked hidden.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from app.care.errors import ServiceError
from app.care.intake import MAX_SHEET_BYTES, read_capped, read_xlsx
from app.reports import sheets_linked as linked
from app.reports.sheets_fields import BY_KEY, FIELDS, field_for, header_key

HEADER_SCAN = 15  # rows searched for the header
ROSTER = "roster"
SKIPPED = "skipped"
# What was done with a column
READ, ALSO_READ, TO_NOTES, NOT_IMPORTED = "read", "also_read", "kept_in_notes", "not_imported"
# Fields a roster sheet may carry that the import does not store, and why.
NOT_STORED = {
    "seq": ("序号，不保存", "row number, not stored"),
    "responsible": ("帮扶责任人由结对帮扶记录产生，不从表格导入", "comes from the pairings, not imported"),
}
# Of two columns of one meaning, the one whose header says this wins (a mobile over a landline).
PREFERRED = {"phone": "手机", "guardian_phone": "手机"}


@dataclass(frozen=True)
class ColumnUse:
    """One column of one sheet, and what the import did with it."""

    sheet: str
    column: str  # its letter
    header: str
    field: str | None
    hidden: bool | None  # None: the file format does not say (.xls, .csv)
    action: str  # read | also_read | kept_in_notes | not_imported
    detail_zh: str
    detail_en: str

    def to_json(self, lang: str = "zh_CN") -> dict[str, Any]:
        return {"sheet": self.sheet, "column": self.column, "header": self.header, "field": self.field,
                "hidden": self.hidden, "action": self.action,
                "detail": self.detail_en if lang.startswith("en") else self.detail_zh}


@dataclass(frozen=True)
class SheetUse:
    sheet: str
    hidden: bool
    kind: str  # roster | guardians | members | skipped
    header_rows: tuple[int, ...]
    rows: int
    reason_zh: str = ""
    reason_en: str = ""

    def to_json(self, lang: str = "zh_CN") -> dict[str, Any]:
        return {"sheet": self.sheet, "hidden": self.hidden, "kind": self.kind,
                "header_rows": list(self.header_rows), "rows": self.rows,
                "reason": self.reason_en if lang.startswith("en") else self.reason_zh}


@dataclass
class RosterSheet:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based row numbers of the header
    columns: dict[int, str]  # 0-based column → field key (the column each field is read from)
    headers: dict[str, str]  # field key → the header as found
    unknown: list[str]  # headers not recognised (their values go to the notes)
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, values)
    kind: str = ROSTER
    hidden: bool = False
    # values that are not a field's own: (header, field or None, value) by row number
    extras: dict[int, list[tuple[str, str | None, Any]]] = field(default_factory=dict)
    uses: list[ColumnUse] = field(default_factory=list)


@dataclass
class RosterFile:
    path: Path
    encoding: str | None  # of a .csv: "UTF-8", "UTF-8 (BOM)" or "GBK"
    sheets: list[RosterSheet]  # roster sheets first, then the guardian and member sheets
    seen: list[SheetUse]  # every sheet of the file, in its order

    @property
    def rosters(self) -> list[RosterSheet]:
        return [s for s in self.sheets if s.kind == ROSTER]

    def of_kind(self, kind: str) -> list[RosterSheet]:
        return [s for s in self.sheets if s.kind == kind]

    @property
    def columns(self) -> list[ColumnUse]:
        return [u for s in self.sheets for u in s.uses]


def _refused(zh: str, en: str) -> ServiceError:
    return ServiceError(zh, en, field="file")


# ---- opening ----------------------------------------------------------------------------------

@dataclass
class _ReadSheet:
    name: str
    hidden: bool
    rows: list[list[Any]] | None  # None: not readable as cells (a chart sheet)
    merges: list[tuple[int, int, int, int]]
    hidden_columns: set[int] | None


def _calamine(path: Path, data: bytes, kind: str) -> list[_ReadSheet]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refused(f"无法读取 {path.name}：不是有效的 {kind} 文件（{error}）。请用 Excel 或 WPS 另存为 .xlsx。",
                       f"Cannot read {path.name}: not a valid {kind} file ({error}).") from error
    hidden_cols = _hidden_columns(data) if kind == ".xlsx" else {}
    grids = []
    try:
        visible = {m.name: str(m.visible).lower().endswith("visible") for m in wb.sheets_metadata}
        for name in wb.sheet_names:
            hidden = not visible.get(name, True)
            try:
                ws = wb.get_sheet_by_name(name)
                rows = ws.to_python(skip_empty_area=False)  # from A1, so row numbers hold
            except CalamineError:  # a chart sheet, or one calamine cannot read
                grids.append(_ReadSheet(name, hidden, None, [], None))
                continue
            grids.append(_ReadSheet(name, hidden, rows, merged_ranges(ws),
                               hidden_cols.get(name, set()) if kind == ".xlsx" else None))
    finally:
        wb.close()
    return grids


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _hidden_columns(data: bytes) -> dict[str, set[int]]:
    """Hidden columns (0-based) of each sheet of an .xlsx, from the <cols> of its XML (calamine
    reads their cells but does not say they are hidden). Only the part before the cell data is
    parsed, so a large sheet costs nothing here."""
    out: dict[str, set[int]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            book = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)}
            for sheet in book.iterfind("m:sheets/m:sheet", _NS):
                target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                hidden: set[int] = set()
                with z.open(member) as f:
                    for _event, el in ElementTree.iterparse(f, events=("start",)):
                        tag = el.tag.rsplit("}", 1)[-1]
                        if tag == "sheetData":
                            break
                        if tag == "col" and el.get("hidden") in ("1", "true"):
                            hidden.update(range(int(el.get("min", "1")) - 1, int(el.get("max", "1"))))
                out[sheet.get("name", "")] = hidden
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return {}  # the cells are still read; only the hidden marks are missing
    return out


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was saved in: UTF-8 (with or without the BOM
    Excel writes), else GBK as Chinese Windows saves it (read as GB18030, its superset)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as error:
        raise _refused("无法识别 CSV 文件的编码（不是 UTF-8，也不是 GBK）。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。",
                       "The CSV file is neither UTF-8 nor GBK; save it as .xlsx.") from error


def _csv(path: Path, data: bytes) -> tuple[list[_ReadSheet], str]:
    text, encoding = decode_csv(data)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return [_ReadSheet(path.stem, False, rows, [], None)], encoding


def _open(path: Path) -> tuple[list[_ReadSheet], str | None]:
    if not path.exists():
        raise _refused(f"找不到文件：{path}", f"File not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(path, read_capped(path, MAX_SHEET_BYTES, "表格文件", "spreadsheet"))
    if suffix == ".xls":  # the old binary format: not a zip, no member to inflate
        return _calamine(path, read_capped(path, MAX_SHEET_BYTES, "表格文件", "spreadsheet"), ".xls"), None
    # Read once, within the caps (file size; members inflated: no zip bomb), and handed to
    # calamine from memory, so the file checked is the file read.
    return _calamine(path, read_xlsx(path), ".xlsx"), None


# ---- headers ----------------------------------------------------------------------------------

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


_ROSTER_WORDS = {header_key(n): f.key for f in FIELDS for n in (f.header, *f.synonyms)}
LOOKUPS = {ROSTER: _ROSTER_WORDS, linked.GUARDIANS: linked.synonyms(linked.GUARDIAN_FIELDS),
           linked.MEMBERS: linked.synonyms(linked.MEMBER_FIELDS)}
REQUIRED = {ROSTER: {"name", "id_number"}, linked.GUARDIANS: {"ward_id"}, linked.MEMBERS: {"ward_id"}}
# a companion sheet needs its own marks besides the ward's ID number
MARKS = {linked.GUARDIANS: {"kind"}, linked.MEMBERS: {"works_away", "work_place", "can_guard"}}


def _lookup(kind: str, text: str) -> str | None:
    if kind == ROSTER:
        return field_for(text)
    return LOOKUPS[kind].get(header_key(text))


Header = tuple[int, int, dict[int, str], dict[int, str]]  # row index, height, column → field, → text


def _find_header(head: list[list[Any]], kind: str = ROSTER) -> Header | None:
    """(index, header height, columns → field, columns → header text) of the best header
    among the first rows, trying each row alone and with the row below it. Every column of
    a field is kept (two columns of one meaning are both read)."""
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
                    key = _lookup(kind, candidate) if candidate else None
                    if key is not None:
                        cols[c] = key
                        texts[c] = shown
                        break
                else:
                    if t or b:
                        texts[c] = "/".join(x for x in dict.fromkeys((t, b)) if x)
            keys = set(cols.values())
            if len(keys) < 2 or not keys & REQUIRED[kind]:
                continue
            if kind in MARKS and not keys & MARKS[kind]:
                continue
            score = len(keys) * 2 - height  # a second header row must add a field to win
            if best is None or score > best[0]:
                best = (score, i, height, cols, texts)
    if best is None:
        return None
    _score, i, height, cols, texts = best
    return i, height, cols, texts


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def _primary(kind: str, cols: dict[int, str], texts: dict[int, str]) -> dict[str, int]:
    """The column each field is read from first: the first of its columns, or the one whose
    header says what PREFERRED asks (手机 for a phone)."""
    out: dict[str, int] = {}
    for c, key in sorted(cols.items()):
        if key not in out or kind == ROSTER and key in PREFERRED and PREFERRED[key] in texts[c] \
                and PREFERRED[key] not in texts[out[key]]:
            out[key] = c
    return out


def _sheet(grid: _ReadSheet, kind: str) -> RosterSheet | None:
    assert grid.rows is not None
    rows = grid.rows
    head = [list(r) for r in rows[:HEADER_SCAN]]
    _fill(head, 1, grid.merges, across=True)
    found = _find_header(head, kind)
    if found is None:
        return None
    i, height, cols, texts = found
    first_data = i + height + 1  # 1-based
    primary = _primary(kind, cols, texts)
    sheet = RosterSheet(
        sheet=grid.name, header_rows=tuple(range(i + 1, i + height + 1)),
        columns={c: key for key, c in primary.items()},
        headers={key: texts[c] for key, c in primary.items()},
        unknown=[t for c, t in sorted(texts.items()) if c not in cols], kind=kind, hidden=grid.hidden)
    seconds = {c: key for c, key in cols.items() if primary[key] != c}
    others = {c: t for c, t in texts.items() if c not in cols}
    _uses(sheet, grid, kind, primary, seconds, others, texts)
    body = [list(r) for r in rows[first_data - 1:]]
    _fill(body, first_data, [m for m in grid.merges if m[1] == m[3] and m[2] > m[0] and m[0] >= first_data],
          across=False)
    items = sorted(primary.items(), key=lambda kv: kv[1])
    extra_cols = sorted([*seconds.items(), *((c, None) for c in others)], key=lambda kv: kv[0])
    width = max([c for _k, c in items] + [c for c, _k in extra_cols], default=-1) + 1
    append = sheet.rows.append
    for number, row in enumerate(body, start=first_data):
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values = {key: v for key, c in items if (v := row[c]) != "" and v is not None}
        extras = [(texts[c], key, v) for c, key in extra_cols if (v := row[c]) != "" and v is not None]
        for _header, key, v in extras:  # a second column fills its field when the first is empty
            if key is not None and key not in values:
                values[key] = v
        extras = [(h, k, v) for h, k, v in extras if k is None or values.get(k) != v]
        if values or extras:
            append((number, values))
            if extras:
                sheet.extras[number] = extras
    return sheet


def _uses(sheet: RosterSheet, grid: _ReadSheet, kind: str, primary: dict[str, int], seconds: dict[int, str],
          others: dict[int, str], texts: dict[int, str]) -> None:
    hidden = grid.hidden_columns
    labels = {f.key: f.header for f in (FIELDS if kind == ROSTER else linked.FIELDS_OF[kind])}

    def use(c: int, key: str | None, action: str, zh: str, en: str) -> None:
        sheet.uses.append(ColumnUse(grid.name, _letter(c), texts[c], key,
                                    None if hidden is None else c in hidden, action, zh, en))

    for c in sorted(texts):
        if c in seconds:
            key = seconds[c]
            first = texts[primary[key]]
            use(c, key, ALSO_READ,
                f"与“{first}”列同义，也读取：“{first}”为空时用本列；两列不同时本列内容记入备注",
                f"same meaning as '{first}': used when that is empty, else kept in the notes")
        elif c in others:
            use(c, None, TO_NOTES, "未识别的列：内容记入备注（“列名：内容”）",
                "not recognised: kept in the notes as 'header: value'")
        else:
            key = next(k for k, col in primary.items() if col == c)
            if kind == ROSTER and key in NOT_STORED:
                zh, en = NOT_STORED[key]
                use(c, key, NOT_IMPORTED, zh, en)
            else:
                use(c, key, READ, f"读取为“{labels.get(key, key)}”", f"read as {key}")


# ---- the workbook -----------------------------------------------------------------------------

def read_workbook(path: str | Path) -> RosterFile:
    """Every sheet of the file: the roster sheets, the guardian and member sheets, and every
    other sheet listed as skipped with its reason. Refused when no sheet has a roster header."""
    path = Path(path)
    grids, encoding = _open(path)
    found: list[RosterSheet] = []
    seen: list[SheetUse] = []
    for grid in grids:
        if grid.rows is None:
            seen.append(SheetUse(grid.name, grid.hidden, SKIPPED, (), 0, "不是数据表（如图表），未读取",
                                 "not a sheet of cells (a chart): not read"))
            continue
        sheet = None
        # a companion sheet first: its 姓名 and 身份证号 columns would pass for a roster's
        for kind in (linked.GUARDIANS, linked.MEMBERS, ROSTER):
            sheet = _sheet(grid, kind)
            if sheet is not None:
                break
        if sheet is None:
            filled = sum(1 for r in grid.rows if any(v not in ("", None) for v in r))
            seen.append(SheetUse(grid.name, grid.hidden, SKIPPED, (), filled,
                                 f"前{HEADER_SCAN}行里找不到表头（需有“姓名”“身份证号”等列），未导入"
                                 + (f"；此表有 {filled} 行内容，如需导入请加上表头" if filled else "（空表）"),
                                 f"no roster header in the first {HEADER_SCAN} rows: not imported"
                                 + (f" ({filled} rows with content)" if filled else " (empty)")))
            continue
        found.append(sheet)
        seen.append(SheetUse(grid.name, grid.hidden, sheet.kind, sheet.header_rows, len(sheet.rows)))
    if not any(s.kind == ROSTER for s in found):
        names = "、".join(f.header for f in BY_KEY.values() if f.key in ("name", "id_number", "categories"))
        raise _refused(
            f"在 {path.name} 的前{HEADER_SCAN}行里找不到表头：至少需要“姓名”或“身份证号”等列名（如 {names}）。",
            f"No roster header found in the first {HEADER_SCAN} rows of {path.name}.")
    order = {ROSTER: 0, linked.GUARDIANS: 1, linked.MEMBERS: 2}
    found.sort(key=lambda s: order[s.kind])
    return RosterFile(path, encoding, found, seen)


def read_roster(path: str | Path) -> RosterSheet:
    """The first sheet with a recognisable roster header, with its data rows."""
    return read_workbook(path).rosters[0]



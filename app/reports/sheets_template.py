"""The blank roster template (`guanai roster template`): the recognised headers, drop-downs
for the category and yes/no columns, and an example row marked 示例 that the importer skips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.reports import sheets
from app.reports.sheets_fields import FIELDS, Field

EXAMPLE_MARK = "示例"
_KINDS = {"id_number": sheets.ID, "birth_date": sheets.DATE, "phone": sheets.ID,
          "guardian_phone": sheets.ID}


def _example(f: Field) -> object:
    if f.key == "seq":
        return EXAMPLE_MARK
    if f.key == "birth_date":
        return dt.date(2016, 4, 5)
    return f.example or None


TEMPLATE_FIELDS = tuple(f for f in FIELDS if f.in_template)


def template_table() -> sheets.Table:
    columns = [sheets.SheetColumn(f.header, _KINDS.get(f.key, sheets.TEXT), f.width) for f in TEMPLATE_FIELDS]
    validations = [(i, '"' + ",".join(f.choices) + '"') for i, f in enumerate(TEMPLATE_FIELDS) if f.choices]
    return sheets.Table(
        name="花名册", title="关爱对象花名册",
        subtitle=("填写说明：从第5行起每行一人，第4行是示例（序号为“示例”的行不会导入，可删除）。"
                  "身份证号请按文本录入18位；类别可多选，用“、”分隔；日期写成 2016-04-05。"),
        columns=columns, rows=[[_example(f) for f in TEMPLATE_FIELDS]], validations=validations)


def write_template(path: str | Path) -> Path:
    return sheets.write_workbook(path, [template_table()])

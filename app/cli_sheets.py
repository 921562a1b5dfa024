"""`guanai roster import|template|export` and `guanai report ledger|compliance|subsidies`
(CLI.md): spreadsheets in and out. A thin layer over app.reports."""

from __future__ import annotations

import sys
from typing import Any

from app.cli import Cli, parse_date, print_json


def cmd_roster_import(cli: Cli) -> int:
    from app.db import retrying
    from app.reports.roster_import import run_import

    a = cli.args
    # one transaction, run again when clerks' writes held the database (app/care/write_turn.py)
    report = retrying(lambda: run_import(cli.engine, a.file, dry_run=a.dry_run, all_or_nothing=a.all_or_nothing,
                                         confirmed_by=a.confirmed_by))
    refused = report.rejected
    if a.json:
        print_json(report.to_json(cli.lang))
    else:
        for u in report.sheets:  # nothing in the file left out without a word
            if u.kind == "skipped":
                print(cli.t(f"工作表“{u.sheet}”未导入：{u.reason_zh}", f"sheet '{u.sheet}' skipped: {u.reason_en}"))
        for c in report.columns:
            if c.action != "read":
                hidden = cli.t("（隐藏列）", " (hidden)") if c.hidden else ""
                print(cli.t(f"“{c.sheet}”表 {c.column} 列“{c.header}”{hidden}：{c.detail_zh}",
                            f"sheet '{c.sheet}' column {c.column} '{c.header}'{hidden}: {c.detail_en}"))
        if report.encoding:
            print(cli.t(f"CSV 文件编码：{report.encoding}", f"CSV encoding: {report.encoding}"))
        for o in report.duplicates:
            print(cli.t(f"第{o.row}行（重复，未导入）：{o.reason_zh}", f"row {o.row} (duplicate): {o.reason_en}"))
        passed, imported = len(report.passed), len(report.imported)
        if report.dry_run:
            summary = cli.t(f"试导入：{passed} 行可以导入，{len(refused)} 行被拒绝，{len(report.duplicates)} 行重复；数据未被修改。",
                            f"Dry run: {passed} rows would be imported, {len(refused)} refused, "
                            f"{len(report.duplicates)} duplicates; nothing was changed.")
        elif refused and report.all_or_nothing:
            summary = cli.t(f"有 {len(refused)} 行被拒绝，按“全部或不导入”要求，一行也没有导入。",
                            f"{len(refused)} rows refused: nothing imported (all or nothing).")
        else:
            summary = cli.t(f"已导入 {imported} 行，{len(refused)} 行被拒绝，{len(report.duplicates)} 行重复。",
                            f"Imported {imported} rows; {len(refused)} refused; {len(report.duplicates)} duplicates.")
        print(summary)
    for o in refused:  # one line per refused row on stderr (CLI.md), with --json too
        where = cli.t(f"“{o.sheet}”表", f"sheet '{o.sheet}' ") if o.sheet else ""
        print(cli.t(f"{where}第{o.row}行：{o.reason_zh}", f"{where}row {o.row}: {o.reason_en}"), file=sys.stderr)
    return 1 if refused else 0


def cmd_roster_template(cli: Cli) -> int:
    from app.care.failures import check_output_path
    from app.reports.sheets_template import write_template

    path = write_template(check_output_path(cli.args.file, option="FILE"))
    print(cli.t(f"已生成空白花名册模板：{path}", f"Blank roster template written: {path}"))
    return 0


def cmd_roster_export(cli: Cli) -> int:
    from app.care.failures import check_output_path
    from app.db import unit_of_work
    from app.reports.roster_export import export_roster

    a = cli.args
    check_output_path(a.file, option="FILE")
    with unit_of_work(cli.engine) as s:
        result = export_roster(s, a.file, unit=a.unit, full_ids=a.full_ids)
    _done(cli, result)
    return 0


def cmd_report(cli: Cli) -> int:
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.kind == "ledger":
            from app.reports.ledger import export_ledger

            result = export_ledger(s, a.out, a.period, today=a.date)
        elif a.kind == "compliance":
            from app.reports.compliance import export_compliance

            result = export_compliance(s, a.out, a.period)
        else:
            from app.reports.subsidy import export_subsidies

            result = export_subsidies(s, a.out, a.period)
    _done(cli, result)
    return 0


def _done(cli: Cli, result: Any) -> None:
    if cli.args.json:
        print_json(result.to_json())
    else:
        print(cli.t(f"已导出 {result.rows} 行：{result.path}", f"Exported {result.rows} rows: {result.path}"))


def register(sub: Any) -> None:
    roster = sub.add_parser("roster", help="花名册：从 Excel 导入、空白模板、导出").add_subparsers(
        dest="action", required=True)
    s = roster.add_parser("import", help="导入花名册（每个工作表、每一列都读取或说明）：通过的行一次导入，拒绝的行逐行说明原因")
    s.add_argument("file", help="花名册文件（.xlsx、.xls，或 UTF-8/GBK 编码的 .csv）")
    s.add_argument("--dry-run", dest="dry_run", action="store_true", help="只检查，不修改数据")
    s.add_argument("--all-or-nothing", dest="all_or_nothing", action="store_true",
                   help="有任何一行被拒绝就一行也不导入")
    s.add_argument("--confirmed-by", dest="confirmed_by", metavar="DOC_NO",
                   help="县里已确定的名册：按此决定文号导入为“已确定”（有“状态”列时只确定其中“已确定”的行）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_roster_import)

    s = roster.add_parser("template", help="空白花名册模板（表头、下拉选项和示例行）")
    s.add_argument("file")
    s.set_defaults(handler=cmd_roster_template)

    s = roster.add_parser("export", help="导出花名册（本单位，或一个村、一个帮扶单位）")
    s.add_argument("file")
    s.add_argument("--unit", help="村或乡镇代码，或帮扶单位的编号或名称")
    s.add_argument("--full-ids", dest="full_ids", action="store_true",
                   help="导出完整身份证号（默认隐去出生日期等8位；完整号码的导出记入查阅记录）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_roster_export)

    report = sub.add_parser("report", help="台账和督导考核报表").add_subparsers(dest="kind", required=True)
    for kind, help_text in (("ledger", "四个一工作台账（每人一行，每月或每周一组）"),
                            ("compliance", "督导考核数据（各村、各乡镇），xlsx 或 pdf"),
                            ("subsidies", "互助家庭补贴发放台账")):
        s = report.add_parser(kind, help=help_text)
        s.add_argument("--period", required=True, help="如 2026-Q3、2026-H2、2026-07")
        s.add_argument("--out", required=True, type=str)
        if kind == "ledger":
            s.add_argument("--date", type=parse_date, help="按这一天判断逾期（默认今天）")
        s.add_argument("--json", action="store_true")
        s.set_defaults(handler=cmd_report)

    from app.cli_forms import register_report

    register_report(report)  # report form child-registration|summary, report committee

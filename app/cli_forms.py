"""`guanai report form child-registration|summary` and `guanai report committee` (CLI.md): the
ministry's forms for the province and the report to the political-legal committee. A thin
layer over app.reports.child_form, forms_summary and committee; registered under `report` by
app.cli_sheets. The --out path is checked before the handler runs, by app.cli.main, as for every
command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.cli import Cli, parse_date, print_json


def cmd_form_child(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.reports.child_form import print_child_registration

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = print_child_registration(s, actor_for(s), None if a.all else a.recipient, Path(a.out),
                                          period=a.period, today=a.date)
    if a.json:
        print_json(result.to_json())
    else:
        print(cli.t(f"已生成留守儿童登记表 {result.path}：{result.children} 名儿童，共 {result.pages} 页。",
                    f"Wrote {result.path}: {result.children} child(ren), {result.pages} page(s)."))
    return 0


def cmd_form_summary(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.reports.forms_summary import export_summary

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = export_summary(s, a.out, a.period, today=a.date)
    if a.json:
        print_json(result.to_json())
    else:
        print(cli.t(f"已导出汇总表 {result.path}：{result.rows} 个单位，留守儿童 {result.children} 人；"
                    f"勾稽关系{'全部相符' if result.checks_hold else '有不符项'}。",
                    f"Exported {result.path}: {result.rows} unit(s), {result.children} children; "
                    f"cross-checks {'hold' if result.checks_hold else 'FAIL'}."))
    return 0


def cmd_committee(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.reports.committee import export_committee

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = export_committee(s, a.out, a.period, today=a.date)
    if a.json:
        print_json(result.to_json())
    else:
        print(cli.t(f"已生成政法委报告 {result.path}：{result.rows} 个单位，落后单位 {len(result.laggards)} 个。",
                    f"Wrote {result.path}: {result.rows} unit(s), {len(result.laggards)} laggard(s)."))
    return 0


def register_report(report: Any) -> None:
    """The form and committee commands, under `guanai report`."""
    forms = report.add_parser("form", help="民政部表格：留守儿童基本情况登记表、汇总表").add_subparsers(
        dest="form", required=True)
    s = forms.add_parser("child-registration", help="农村留守儿童基本情况登记表（每名儿童一页 A4，PDF）")
    who = s.add_mutually_exclusive_group(required=True)
    who.add_argument("--recipient", help="关爱对象编号")
    who.add_argument("--all", action="store_true", help="本单位期末所有已确定、未满16周岁的留守儿童，一个 PDF")
    s.add_argument("--period", help="统计期，如 2026-Q3（默认本季度）；年龄按期末计算")
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--date", type=parse_date, help="打印日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_form_child)

    s = forms.add_parser("summary", help="农村留守儿童基本情况汇总表（各村或各乡镇，含勾稽关系，xlsx）")
    s.add_argument("--period", required=True, help="如 2026-Q3、2026-H2")
    s.add_argument("--out", required=True, help="xlsx 文件")
    s.add_argument("--date", type=parse_date, help="统计日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_form_summary)

    s = report.add_parser("committee", help="报政法委：本期数据、落后单位、近几个季度趋势（pdf 或 xlsx）")
    s.add_argument("--period", required=True, help="如 2026-Q3、2026-H2")
    s.add_argument("--out", required=True, help="PDF 或 xlsx 文件")
    s.add_argument("--date", type=parse_date, help="统计日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_committee)

"""`guanai supervision …` and `guanai assessment …` (issue 13, points 2 and 3): thin layers
over app.oversight. `guanai print supervision` is registered in app/cli_print.py and handled
here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli import Cli, int_between, parse_date, print_json


class _ItemAction(argparse.Action):
    """--item TEXT starts an item; the --deadline and --person after it belong to it."""

    def __call__(self, parser: argparse.ArgumentParser, ns: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        items: list[dict[str, Any]] = list(getattr(ns, "items", None) or [])
        if self.dest == "items":
            items.append({"text": values, "deadline": None, "person": None})
        elif not items:
            parser.error(f"{option_string} 应写在 --item 之后")
        else:
            items[-1][self.dest] = values
        ns.items = items


def cmd_supervision_record(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.errors import ValidationError
    from app.db import unit_of_work
    from app.oversight.supervision import NewItem, record_visit

    a = cli.args
    items = []
    for it in a.items or []:
        if it["deadline"] is None:
            raise ValidationError(f"整改事项“{it['text'][:20]}”：请用 --deadline 写明整改期限。",
                                  f"Item '{it['text'][:20]}': give its --deadline.", field="deadline")
        items.append(NewItem(it["text"], it["deadline"], it["person"]))
    with unit_of_work(cli.engine) as s:
        visit = record_visit(s, actor_for(s), village=a.village, visited_on=a.date, by=a.by,
                             findings=a.finding or [], checked=a.checked, items=items)
    if a.json:
        print_json(visit.to_json())
        return 0
    print(cli.t(f"已记录督导 {visit.id}：{visit.village_name}（{visit.village_code}）{visit.period}，"
                f"整改事项 {len(visit.items)} 项", f"Recorded visit {visit.id} ({visit.village_code}, {visit.period}), "
                f"{len(visit.items)} item(s)"))
    for i in visit.items:
        print(f"{i.id}\t{i.deadline.isoformat()}\t{i.text}")
    return 0


def cmd_supervision_list(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.oversight.supervision import list_visits

    a = cli.args
    with unit_of_work(cli.engine) as s:
        visits = list_visits(s, period=a.period, village=a.village, on=a.date)
    if a.json:
        print_json([v.to_json() for v in visits])
        return 0
    for v in visits:
        print(f"{v.visited_on.isoformat()}\t{v.village_name or v.village_code}\t{v.supervisor}\t{v.id}")
        for i in v.items:
            print(f"    {cli.label(i.status)}\t{i.deadline.isoformat()}\t{i.text}\t{i.id}")
    return 0


def cmd_supervision_close(cli: Cli) -> int:
    from app.care.attachments import attach_file, store_dir_for
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight.supervision import close_item

    a = cli.args
    with unit_of_work(cli.engine) as s:
        actor = actor_for(s)
        item = close_item(s, actor, a.item_id, closed_on=a.date, note=a.note, by=a.by)
        for photo in a.photo or []:
            attach_file(s, actor, store_dir_for(cli.engine), source=Path(photo), owner_table="rectification_items",
                        owner_id=item.id, taken_on=a.date)
    if a.json:
        print_json(item.to_json())
        return 0
    print(cli.t(f"整改事项已完成：{item.text}", f"Item closed: {item.text}"))
    return 0


def cmd_print_supervision(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.oversight.supervision import get_visit
    from app.reports.supervision_pdf import write_supervision_record

    a = cli.args
    with unit_of_work(cli.engine) as s:
        visit = get_visit(s, a.visit_id)
        pages = write_supervision_record(visit, Path(a.out), printed_on=a.date)
    if getattr(a, "json", False):
        print_json({"path": a.out, "pages": pages, "visit": visit.id})
        return 0
    print(cli.t(f"已生成 {a.out}：督导记录表，共 {pages} 页", f"Wrote {a.out}: supervision record, {pages} page(s)"))
    return 0


def _print_sheet(cli: Cli, sheet: Any) -> None:
    print(f"{sheet.village_name or sheet.village_code}\t{sheet.period}\t{cli.label(sheet.status)}\t"
          f"{sheet.total if sheet.total is not None else '—'}\t{cli.label(sheet.grade) if sheet.grade else '—'}")
    for i in sheet.items:
        mark = cli.t("人工", "hand") if i.manual else cli.t("数据", "data")
        print(f"    {i.key}\t{i.name}\t{i.score}/{i.max_score}\t{mark}\t{i.note or ''}")


def cmd_assessment(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight import assessment

    a = cli.args
    with unit_of_work(cli.engine) as s:
        actor = actor_for(s)
        if a.action == "score":
            sheets = [assessment.score(s, actor, village=a.village, period=a.period,
                                       manual=assessment.parse_manual(a.item or []), on=a.date)]
        elif a.action == "submit":
            sheets = [assessment.submit(s, actor, village=a.village, period=a.period, on=a.date)]
        elif a.action == "unlock":
            sheets = [assessment.unlock(s, actor, village=a.village, period=a.period, reason=a.reason, on=a.date)]
        else:
            sheets = assessment.list_sheets(s, a.period)
    if a.json:
        print_json(sheets[0].to_json() if a.action != "list" else
                    {"period": sheets[0].period if sheets else a.period, "villages": [x.to_json() for x in sheets]})
        return 0
    for sheet in sheets:
        _print_sheet(cli, sheet)
    return 0


def cmd_assessment_rules(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight.assessment_rules import RuleChange, items_total, list_rules, set_rules

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.rules_action == "set":
            rules = set_rules(s, actor_for(s), {a.key: RuleChange(points=a.points, name=a.name)})
        else:
            rules = list_rules(s)
    total = items_total(rules)
    if a.json:
        print_json({"rules": [r.to_json() for r in rules], "items_total": total})
        return 0
    kinds = {"auto": cli.t("数据", "data"), "manual": cli.t("人工", "hand"), "grade": cli.t("等次", "grade")}
    for r in rules:
        window = f"{r.valid_from.isoformat()} ~ {r.valid_to.isoformat() if r.valid_to else cli.t('长期', 'open')}"
        print(f"{r.key}\t{r.name}\t{kinds.get(r.kind, r.kind)}\t{r.points}\t{window}")
    print(cli.t(f"评分项满分合计 {total} 分", f"The items are worth {total} points together"), file=sys.stderr)
    if total != 100:
        print(cli.t(f"注意：评分项满分合计为 {total} 分，不是 100 分；等次分数线按总分计。",
                    f"Note: the items are worth {total}, not 100; the grades are read from the total."),
              file=sys.stderr)
    return 0


def cmd_print_assessment(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.oversight.assessment import get_sheet, list_sheets
    from app.reports.assessment_out import write_assessment_pdf, write_assessment_xlsx

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.out.lower().endswith(".xlsx"):
            sheets = list_sheets(s, a.period)
            write_assessment_xlsx(sheets, Path(a.out))
        else:
            from app.care.errors import ValidationError

            if not a.village:
                raise ValidationError("打印考核表（PDF）请用 --village 指定一个村；导出全部村请用 .xlsx 文件。",
                                      "Name one --village for a PDF sheet; write .xlsx for every village.",
                                      field="village")
            sheets = [get_sheet(s, a.village, a.period)]
            write_assessment_pdf(sheets[0], Path(a.out), printed_on=a.date)
    print(cli.t(f"已生成 {a.out}：{len(sheets)} 个村的考核表", f"Wrote {a.out}: {len(sheets)} village sheet(s)"))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sv = sub.add_parser("supervision", help="督导：每季度督导记录、整改事项").add_subparsers(dest="action", required=True)
    s = sv.add_parser("record", help="记录一次督导（发现的问题、整改事项）")
    s.add_argument("--village", required=True, help="村代码")
    s.add_argument("--date", required=True, type=parse_date, help="督导日期")
    s.add_argument("--by", required=True, help="督导人员")
    s.add_argument("--checked", help="检查内容")
    s.add_argument("--finding", action="append", help="发现的问题（可重复）")
    s.add_argument("--item", dest="items", action=_ItemAction, help="整改事项（可重复；其后写 --deadline、--person）")
    s.add_argument("--deadline", dest="deadline", action=_ItemAction, type=parse_date, help="前一个整改事项的期限")
    s.add_argument("--person", dest="person", action=_ItemAction, help="前一个整改事项的村责任人")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_supervision_record, items=None)

    s = sv.add_parser("list", help="督导记录和整改事项（未整改、已整改、逾期）")
    s.add_argument("--period", help="期间，如 2026-Q3、2026-H2")
    s.add_argument("--village", help="村代码")
    s.add_argument("--date", type=parse_date, help="按哪一天判断逾期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_supervision_list)

    s = sv.add_parser("close-item", help="整改事项完成（村或乡镇记录）")
    s.add_argument("item_id", metavar="ITEM_ID")
    s.add_argument("--date", required=True, type=parse_date, help="整改完成日期")
    s.add_argument("--note", required=True, help="整改情况")
    s.add_argument("--by", help="记录人（默认本机操作员）")
    s.add_argument("--photo", action="append", help="整改照片（可重复）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_supervision_close)

    asm = sub.add_parser("assessment", help="半年考核：评分、提交（锁定）、解锁").add_subparsers(
        dest="action", required=True)
    s = asm.add_parser("score", help="为一个村的半年考核评分（草稿）")
    s.add_argument("--village", required=True, help="村代码")
    s.add_argument("--period", required=True, help="半年，如 2026-H1")
    s.add_argument("--item", action="append", help="人工评分项：项目=分数[:说明]（可重复）")
    s.add_argument("--date", type=parse_date, help="评分日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_assessment)
    s = asm.add_parser("submit", help="提交考核：锁定该村该半年的记录")
    s.add_argument("--village", required=True)
    s.add_argument("--period", required=True)
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_assessment)
    s = asm.add_parser("unlock", help="县级解锁已提交的考核期间（须写明原因）")
    s.add_argument("--village", required=True)
    s.add_argument("--period", required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_assessment)
    s = asm.add_parser("list", help="各村该半年的考核：评分项、总分、等次、状态")
    s.add_argument("--period", required=True)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_assessment)
    s = asm.add_parser("rules", help="考核评分规则：查看；县级修改分值或名称（set）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_assessment_rules, rules_action=None)
    rules = s.add_subparsers(dest="rules_action")
    r = rules.add_parser("set", help="县级修改一条评分规则（评分项的分值、等次的分数线、名称）")
    r.add_argument("key", metavar="KEY", help="评分项或等次的代码，如 call_rate、excellent（见 assessment rules）")
    r.add_argument("--points", type=int_between(0, 100), help="分值（0–100；等次为该等次的最低总分）")
    r.add_argument("--name", "--label", dest="name", help="名称")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_assessment_rules)
    s = asm.add_parser("export", help="打印一个村的考核表（PDF），或导出各村考核表（xlsx）")
    s.add_argument("--period", required=True)
    s.add_argument("--village", help="村代码（PDF 时必填）")
    s.add_argument("--out", required=True, help="PDF 或 xlsx 文件")
    s.add_argument("--date", type=parse_date)
    s.set_defaults(handler=cmd_print_assessment)

"""`guanai person export` (everything held about one person, PIPL art. 45) and `guanai
retention due|apply|rule` (the county's retention period). A thin layer over
app.reports.person_export and app.care.retention."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import Cli, parse_date, print_json


def cmd_person_export(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.reports.person_export import export_person, section_counts

    a = cli.args
    with unit_of_work(cli.engine) as s:
        d = export_person(s, a.recipient_id, Path(a.out), on=a.date)
    if a.json:
        print_json({"file": a.out, "recipient_id": d.recipient_id, "sections": section_counts(d)})
    else:
        print(cli.t(f"已生成 {d.name} 的个人信息副本 {a.out}（含完整身份证号，已记录）。",
                    f"Wrote everything held about {d.recipient_id} to {a.out} (full ID numbers; logged)."))
    return 0


def cmd_retention_due(cli: Cli) -> int:
    from app.care.retention import due, retention_rule
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        rule = retention_rule(s)
        rows = due(s, on=a.date, within_days=a.within)
    if a.json:
        print_json({"years": rule.years, "within_days": a.within, "people": [r.to_json() for r in rows]})
        return 0
    print(cli.t(f"保存期限：退出后 {rule.years} 年。到期（或 {a.within} 天内到期）的共 {len(rows)} 人：",
                f"Retention: {rule.years} years after exit. Due (or due within {a.within} days): {len(rows)}."))
    for r in rows:
        mark = cli.t("已到期", "due") if r.overdue else cli.t("将到期", "coming")
        print(f"{r.due_on}  {mark}  {r.village_name}  {r.name}  {cli.t('退出', 'exited')} {r.exited_on}  {r.recipient_id}")
    return 0


def cmd_retention_apply(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.retention import apply, plan
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        p = plan(s, on=a.date)
    if p.people == 0:
        if a.json:
            print_json({"anonymised": 0, "fields_removed": 0, "audit_rows_scrubbed": 0, "villages": []})
        else:
            print(cli.t("没有到期的对象，未做任何修改。", "Nobody is due; nothing changed."))
        return 0
    if not a.yes:
        print(cli.t(p.describe_zh(), f"{p.people} people exited over {p.years} years ago will be anonymised."),
              file=sys.stderr)
        if not sys.stdin.isatty():
            print(cli.t("未做任何修改。确认后请加 --yes 再运行。", "Nothing changed. Run again with --yes to confirm."),
                  file=sys.stderr)
            return 1
        answer = input(cli.t("输入 yes 确认删除：", "Type yes to confirm: "))
        if answer.strip().lower() != "yes":
            print(cli.t("已取消，未做任何修改。", "Cancelled; nothing changed."), file=sys.stderr)
            return 1
    with unit_of_work(cli.engine) as s:
        done = apply(s, actor_for(s), on=a.date, expected=p.people)
    if a.json:
        print_json(done.to_json())
    else:
        print(cli.t(f"已匿名 {done.people} 人，删除 {done.fields} 项信息；修改记录中的原值 {done.audit_rows_scrubbed} 条已抹去。"
                    "这些修改会随下一个数据包报到上级。",
                    f"Anonymised {done.people}; {done.fields} values removed; {done.audit_rows_scrubbed} audit rows "
                    "scrubbed. The removal travels with the next bundle."))
    return 0


def cmd_retention_rule(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.retention import retention_rule, set_years
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.years is not None:
            set_years(s, actor_for(s), a.years)
        rule = retention_rule(s)
    if a.json:
        print_json(rule.to_json())
    else:
        print(cli.t(f"保存期限：对象退出后 {rule.years} 年（{rule.set_by_office} 规定）。",
                    f"Retention: {rule.years} years after exit (set by {rule.set_by_office})."))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pe = sub.add_parser("person", help="本人信息：导出一个人的全部信息（个人信息保护法第四十五条）")
    ps = pe.add_subparsers(dest="action", required=True)
    s = ps.add_parser("export", help="把本单位保存的一个人的全部信息写入一个 PDF 或 Excel 文件")
    s.add_argument("recipient_id", metavar="ID")
    s.add_argument("--out", required=True, help="文件（.pdf 或 .xlsx）")
    s.add_argument("--date", type=parse_date, help="制作日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_person_export)

    rt = sub.add_parser("retention", help="保存期限：退出满期限的对象删除个人敏感信息（匿名保留统计）")
    rs = rt.add_subparsers(dest="action", required=True)
    s = rs.add_parser("due", help="已到期或即将到期的对象（删除前先看）")
    s.add_argument("--within", type=int, default=0, metavar="DAYS", help="也列出多少天内到期的（默认 0）")
    s.add_argument("--date", type=parse_date, help="按哪一天计算（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_retention_due)
    s = rs.add_parser("apply", help="删除已到期对象的敏感信息（先说明将修改什么并询问）")
    s.add_argument("--yes", action="store_true", help="确认，不再询问")
    s.add_argument("--date", type=parse_date, help="按哪一天计算（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_retention_apply)
    s = rs.add_parser("rule", help="查看保存期限；县级可用 --years 修改（随数据包下发）")
    s.add_argument("--years", type=int, help="退出后保存的年数（仅县级）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_retention_rule)

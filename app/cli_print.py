"""`guanai print …`: agreements (one, or every one of a kind waiting to be signed, marked
printed), the village roster and a recipient's one-page profile, as PDF; `print match`
finds the agreement a signed copy's QR code names. A thin layer over
app.reports; heavy imports (ReportLab) stay inside the handlers."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import Cli, parse_date, print_json

KINDS = ("family-support", "entrusted-guardianship", "temporary-guardianship", "care-responsibility")


def _kind(text: str) -> str:
    value = text.strip().replace("_", "-")
    if value not in KINDS:
        raise argparse.ArgumentTypeError(f"协议类别应为 {'、'.join(KINDS)} 之一：{text}")
    return value


def _report(cli: Cli, result: object) -> int:
    from app.reports.printing import PrintResult

    assert isinstance(result, PrintResult)
    if cli.args.json:
        print_json(result.to_json())
        return 0
    print(cli.t(f"已生成 {result.path}：{result.agreements} 份协议，共 {result.pages} 页；"
                f"{result.marked} 份标记为已打印。",
                f"Wrote {result.path}: {result.agreements} agreement(s), {result.pages} page(s); "
                f"{result.marked} marked printed."))
    return 0


def cmd_print_agreement(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.reports.printing import print_one

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = print_one(s, actor_for(s), a.kind, a.recipient, Path(a.out), on=a.date,
                           term_start=a.term_start, term_end=a.term_end, backdated=a.backdated)
    return _report(cli, result)


def cmd_print_agreements(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.reports.printing import print_pending

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = print_pending(s, actor_for(s), a.kind, Path(a.out), on=a.date)
    return _report(cli, result)


def cmd_print_roster(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.reports.roster_pdf import print_roster

    a = cli.args
    with unit_of_work(cli.engine) as s:
        pages = print_roster(s, Path(a.out), village_code=a.village, on=a.date)
    if a.json:
        print_json({"file": a.out, "pages": pages})
    else:
        print(cli.t(f"已生成花名册 {a.out}，共 {pages} 页。", f"Wrote the roster {a.out}: {pages} page(s)."))
    return 0


def cmd_print_profile(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.reports.profile_pdf import print_profile

    a = cli.args
    with unit_of_work(cli.engine) as s:
        pages = print_profile(s, a.recipient_id, Path(a.out), on=a.date)
    if a.json:
        print_json({"file": a.out, "pages": pages})
    else:
        print(cli.t(f"已生成一户一档 {a.out}。", f"Wrote the profile {a.out}."))
    return 0


def cmd_print_match(cli: Cli) -> int:
    """The agreement a scanned QR code (or a typed agreement number) belongs to."""
    from app.db import unit_of_work
    from app.reports.printing import match_agreement

    with unit_of_work(cli.engine) as s:
        m = match_agreement(s, cli.args.code)
    if cli.args.json:
        print_json(m.to_json())
        return 0
    kind, status = cli.label(m.kind), cli.label(m.status)
    print(cli.t(f"协议 {m.number}：{kind}，关爱对象 {m.recipient}，{status}（{m.id}）",
                f"Agreement {m.number}: {kind}, recipient {m.recipient}, {status} ({m.id})"))
    return 0


def _print_supervision(cli: Cli) -> int:
    from app.cli_supervision import cmd_print_supervision

    return cmd_print_supervision(cli)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pr = sub.add_parser("print", help="打印：协议、花名册、一户一档（PDF）").add_subparsers(
        dest="action", required=True)

    s = pr.add_parser("agreement", help="打印一份协议（没有时按现有监护人起草一份），标记为已打印")
    s.add_argument("--kind", required=True, type=_kind, help="、".join(KINDS))
    s.add_argument("--recipient", required=True, help="关爱对象编号")
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--date", type=parse_date, help="打印日期（默认今天）")
    s.add_argument("--term-start", dest="term_start", type=parse_date,
                   help="新起草时：期限开始（默认起草日期）")
    s.add_argument("--term-end", dest="term_end", type=parse_date, help="新起草时：期限截止")
    s.add_argument("--backdated", action="store_true",
                   help="确认补签：期限开始早于起草日期")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_print_agreement)

    s = pr.add_parser("agreements", help="打印该类别所有等待签订的协议（一个 PDF），标记为已打印")
    s.add_argument("--kind", required=True, type=_kind, help="、".join(KINDS))
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--date", type=parse_date, help="打印日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_print_agreements)

    s = pr.add_parser("match", help="扫码查找：签字协议上的二维码（或协议编号）对应的协议")
    s.add_argument("code", metavar="CODE", help="扫码枪读出的二维码内容，或协议编号")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_print_match)

    s = pr.add_parser("roster", help="关爱对象花名册（PDF，横向 A4）")
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--village", help="只打印一个村（村代码）")
    s.add_argument("--date", type=parse_date, help="制表日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_print_roster)

    s = pr.add_parser("supervision", help="督导记录表（PDF）")
    s.add_argument("visit_id", metavar="VISIT_ID")
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--date", type=parse_date, help="打印日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=_print_supervision)

    s = pr.add_parser("profile", help="一户一档（一页 PDF）")
    s.add_argument("recipient_id", metavar="RECIPIENT_ID")
    s.add_argument("--out", required=True, help="PDF 文件")
    s.add_argument("--date", type=parse_date, help="制表日期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_print_profile)

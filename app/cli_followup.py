"""`guanai followup list|add|close` (issue 14, point 9): follow-up items (随访/转介事项), a thin
layer over app.care.followups."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli import Cli, parse_date, print_json


def cmd_followup_list(cli: Cli) -> int:
    from app.care.followups import follow_ups
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        items = follow_ups(s, on=a.date, open_only=not a.all, recipient_id=a.recipient)
    if a.json:
        print_json([i.to_json() for i in items])
        return 0
    for i in items:
        state = cli.t("逾期", "overdue") if i.overdue else (
            cli.t("待处置", "open") if i.status == "open" else cli.t("已处置", "closed"))
        done = f"\t{i.closed_on.isoformat()} {i.close_note}" if i.closed_on else ""
        print(f"{i.id}\t{state}\t{i.due_on.isoformat()}\t{i.name}\t{i.person}\t{i.problem}{done}")
    return 0


def cmd_followup_add(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.errors import ValidationError
    from app.care.followups import (
        DEFAULT_DAYS,
        FollowUpView,
        follow_ups,
        from_assessment,
        from_care_record,
        open_follow_up,
    )
    from app.db import unit_of_work

    a = cli.args
    if not a.recipient_id and not a.from_record and not a.from_assessment:
        raise ValidationError("随访事项：请指明关爱对象（RECIPIENT_ID），或来源 --from-record / --from-assessment。",
                              "Name the recipient, or --from-record / --from-assessment.", field="recipient")
    with unit_of_work(cli.engine) as s:
        actor = actor_for(s)
        on = a.date or dt.date.today()
        due = a.due or on + dt.timedelta(days=DEFAULT_DAYS)
        if a.from_assessment:
            made = from_assessment(s, actor, a.from_assessment, due_on=due, person=a.person)
        elif a.from_record:
            made = [from_care_record(s, actor, a.from_record, problem=a.problem, due_on=due, person=a.person)]
        else:
            made = [open_follow_up(s, actor, a.recipient_id, problem=a.problem or "", due_on=due, person=a.person,
                                   opened_on=a.date)]
        s.flush()
        ids = {m.id for m in made}
        views: list[FollowUpView] = [v for v in follow_ups(s, open_only=False) if v.id in ids]
    if a.json:
        print_json([v.to_json() for v in views])
        return 0
    for v in views:
        print(cli.t(f"已登记随访事项 {v.id}：{v.name}，{v.problem}，{v.person}于 {v.due_on} 前处置",
                    f"Follow-up item {v.id}: {v.name}, {v.problem}, {v.person} by {v.due_on}"))
    return 0


def cmd_followup_close(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.followups import close_follow_up
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        item = close_follow_up(s, actor_for(s), a.item_id, on=a.date, note=a.note)
        out = {"id": item.id, "status": item.status, "closed_on": a.date.isoformat(), "close_note": item.close_note}
    if a.json:
        print_json(out)
    else:
        print(cli.t(f"随访事项 {a.item_id} 已处置（{a.date}）", f"Follow-up item {a.item_id} closed on {a.date}"))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fu = sub.add_parser("followup", help="随访事项：随访、走访发现的问题和评估建议措施的跟进处置").add_subparsers(
        dest="action", required=True)
    s = fu.add_parser("list", help="未处置的随访事项（--all 含已处置）")
    s.add_argument("--all", action="store_true", help="包括已处置的")
    s.add_argument("--recipient", help="只看一个关爱对象")
    s.add_argument("--date", type=parse_date, help="按哪一天判断逾期（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_followup_list)

    s = fu.add_parser("add", help="登记一项随访事项")
    s.add_argument("recipient_id", metavar="RECIPIENT_ID", nargs="?", help="关爱对象编号（有来源时可省略）")
    s.add_argument("--problem", help="发现的问题（有 --from-record 时默认取随访、走访记录的问题）")
    s.add_argument("--person", required=True, help="负责处置的人")
    s.add_argument("--due", type=parse_date, help="处置期限（默认发现之日起7天）")
    s.add_argument("--date", type=parse_date, help="发现日期（默认今天；有来源时为来源记录的日期）")
    s.add_argument("--from-record", dest="from_record", metavar="CARE_RECORD_ID", help="来自哪次电话随访或实地走访")
    s.add_argument("--from-assessment", dest="from_assessment", metavar="ASSESSMENT_ID",
                   help="来自哪次第三方评估：每条建议措施一项")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_followup_add)

    s = fu.add_parser("close", help="随访事项处置完毕")
    s.add_argument("item_id", metavar="ID")
    s.add_argument("--date", required=True, type=parse_date, help="处置日期")
    s.add_argument("--note", required=True, help="做了什么")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_followup_close)

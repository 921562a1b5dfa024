"""`guanai access-log [--person ID] [--user NAME] [--since D] [--json]` (CLI.md, issue 15):
who opened, revealed, printed or exported what, and every sign-in."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.cli import Cli


def local_time(at: str) -> str:
    """A log time (UTC, ISO) as this laptop's local time, to the minute."""
    moment = dt.datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_access_log(cli: Cli) -> int:
    from app.cli import print_json
    from app.db import unit_of_work
    from app.protection.access_log import list_access

    a = cli.args
    with unit_of_work(cli.engine) as s:
        rows = list_access(s, person_id=a.person, user=a.user, since=a.since)
    if a.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print(cli.t("没有符合条件的查阅记录。", "No access-log entries match."))
    for r in rows:
        who = f"{r.person_name or ''}（{r.person_id}）" if r.person_id else ""
        many = cli.t(f"{r.count} 人", f"{r.count} people") if r.count is not None else ""
        print("\t".join(x for x in (local_time(r.at), r.user, r.office_name or r.office_code,
                                    cli.label(r.event), who, many, r.detail or "") if x))
    return 0


def register(sub: Any) -> None:
    from app.cli import parse_date

    s: argparse.ArgumentParser = sub.add_parser(
        "access-log", help="查阅记录：谁打开、显示、打印或导出了什么，以及每次登录")
    s.add_argument("--person", help="只看这个关爱对象（编号）")
    s.add_argument("--user", help="只看这个使用人")
    s.add_argument("--since", type=parse_date, help="从这一天起（YYYY-MM-DD）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_access_log)

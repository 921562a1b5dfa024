"""`guanai review queue|decide|confirm|reject` and `guanai duplicates [decide]` (CLI.md,
issue 13): the county's review queue and possible duplicates."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.cli import Cli


def cmd_review_queue(cli: Cli) -> int:
    from app.cli import print_json
    from app.db import unit_of_work
    from app.oversight.review import review_queue

    with unit_of_work(cli.engine) as s:
        queue = review_queue(s, cli.args.date, department=cli.args.dept)
    if cli.args.json:
        print_json([q.to_json() for q in queue])
        return 0
    if not queue:
        print(cli.t("没有等待审核的关爱对象。", "Nobody is waiting for review."))
    for q in queue:
        waiting = cli.t("、", ", ").join(cli.label(d) for d in q.pending) \
            or cli.t("县里决定", "the county's decision")
        mark = cli.t("（超过30天）", " (over 30 days)") if q.overdue else ""
        print(cli.t(f"{q.id}  {q.name}  {q.village_name or q.village_code}  上报于 {q.reported_on}  "
                    f"已等 {q.days_waiting} 天{mark}  待：{waiting}",
                    f"{q.id}  {q.name}  {q.village_name or q.village_code}  reported {q.reported_on}  "
                    f"{q.days_waiting} days{mark}  waiting for: {waiting}"))
    return 0


def _batch_done(cli: Cli, result: Any) -> int:
    from app.cli import print_json

    if cli.args.json:
        print_json(result.to_json())
    else:
        done = {"review": "审核", "confirm": "确定", "reject": "不予确定"}[result.step]
        print(cli.t(f"已{done} {result.count} 人（文号 {result.doc_no}，{result.decided_on}）。",
                    f"{result.step}: {result.count} recipients ({result.doc_no}, {result.decided_on})."))
    return 0


def cmd_review_decide(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight.review import decide_reviews

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = decide_reviews(s, actor_for(s), a.ids, department=a.dept, decision=a.decision,
                                doc_no=a.doc_no, reason=a.reason, on=a.date)
    return _batch_done(cli, result)


def cmd_review_confirm(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight.review import confirm_many

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = confirm_many(s, actor_for(s), a.ids, doc_no=a.doc_no, on=a.date)
    return _batch_done(cli, result)


def cmd_review_reject(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.db import unit_of_work
    from app.oversight.review import reject_many

    a = cli.args
    with unit_of_work(cli.engine) as s:
        result = reject_many(s, actor_for(s), a.ids, doc_no=a.doc_no, reason=a.reason, on=a.date)
    return _batch_done(cli, result)


def cmd_duplicates(cli: Cli) -> int:
    from app.cli import print_json
    from app.db import unit_of_work
    from app.oversight.duplicates import list_duplicates

    with unit_of_work(cli.engine) as s:
        pairs = list_duplicates(s, include_decided=not cli.args.open)
    if cli.args.json:
        print_json([p.to_json() for p in pairs])
        return 0
    if not pairs:
        print(cli.t("没有可能重复登记的关爱对象。", "No possible duplicates."))
    for p in pairs:
        state = cli.t("待认定", "open") if p.state == "open" else cli.label(p.state)
        people = "  /  ".join(f"{x.name} {x.village_name or x.village_code} {x.id_number_masked} {x.id}"
                              for x in (p.a, p.b))
        print(f"{p.key}  [{state}]  {cli.label(p.match)}：{people}")
    return 0


def cmd_duplicates_decide(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.cli import print_json
    from app.db import unit_of_work
    from app.oversight.duplicates import decide_duplicate

    a = cli.args
    with unit_of_work(cli.engine) as s:
        pair = decide_duplicate(s, actor_for(s), a.id, verdict=a.as_, keep=a.keep, note=a.note, on=a.date)
    if a.json:
        print_json(pair.to_json())
    elif pair.state == "same":
        print(cli.t(f"已认定为同一人：保留 {pair.keep_id}，{pair.merged_id} 已标记删除（记录和历史都保留）。",
                    f"The same person: kept {pair.keep_id}; {pair.merged_id} tombstoned (its records stay)."))
    else:
        print(cli.t("已认定为不是同一人。", "Not a duplicate."))
    return 0


def register(sub: Any) -> None:
    from app.cli import parse_date

    review = sub.add_parser("review", help="县级审核：等待各部门审核和县里决定的关爱对象").add_subparsers(
        dest="action", required=True)
    s: argparse.ArgumentParser = review.add_parser("queue", help="等待审核的关爱对象，等得最久的在前")
    s.add_argument("--dept", choices=["civil_affairs", "disabled_federation", "youth_league", "womens_federation"],
                   help="只列出还等这个部门审核的")
    s.add_argument("--date", type=parse_date, help="按这一天计算等待天数（默认今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_review_queue)

    s = review.add_parser("decide", help="一个部门对多人的审核意见，一个文号（一人不行则都不改）")
    s.add_argument("ids", nargs="+", metavar="ID")
    s.add_argument("--dept", required=True,
                   choices=["civil_affairs", "disabled_federation", "youth_league", "womens_federation"])
    s.add_argument("--decision", required=True, choices=["approve", "reject"])
    s.add_argument("--doc-no", required=True)
    s.add_argument("--reason", help="不同意的原因（会发回村里）")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_review_decide)

    s = review.add_parser("confirm", help="县里确定多人为关爱对象，一个文号")
    s.add_argument("ids", nargs="+", metavar="ID")
    s.add_argument("--doc-no", required=True)
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_review_confirm)

    s = review.add_parser("reject", help="县里对多人不予确定，一个文号和原因（原因发回村里）")
    s.add_argument("ids", nargs="+", metavar="ID")
    s.add_argument("--doc-no", required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_review_reject)

    dup = sub.add_parser("duplicates", help="可能重复登记的关爱对象（身份证号相同，或姓名和出生日期相同）")
    dup.add_argument("--json", action="store_true")
    dup.add_argument("--open", action="store_true", help="只列出待认定的")
    dup.set_defaults(handler=cmd_duplicates)
    actions = dup.add_subparsers(dest="action")
    s = actions.add_parser("decide", help="认定一对：不是同一人，或同一人（保留一条，另一条标记删除）")
    s.add_argument("id", metavar="ID")
    s.add_argument("--as", dest="as_", required=True, choices=["different", "same"])
    s.add_argument("--keep", help="同一人时保留哪一条（关爱对象编号；默认已确定的或先登记的）")
    s.add_argument("--note", help="说明")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_duplicates_decide)

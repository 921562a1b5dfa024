"""`guanai overview` (CLI.md, "Commands of the offices above the village"): the units under
this office in a period, worst first, with the trend of the last quarters (app.oversight)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.cli import Cli

KIND_WORDS = {"call": ("电话", "calls"), "visit": ("走访", "visits"), "wish": ("心愿", "wishes"),
              "aid": ("帮扶", "aid")}


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


def cmd_overview(cli: Cli) -> int:
    from app.db import unit_of_work
    from app.oversight.overview import overview

    a = cli.args
    with unit_of_work(cli.engine) as s:
        report = overview(s, a.period, trend=a.trend, area=a.area)
    if a.json:
        from app.cli import print_json

        print_json(report.to_json())
        return 0
    print(cli.t(f"期间 {report.period}（{report.start} 至 {report.end}），差的在前",
                f"Period {report.period} ({report.start} to {report.end}), worst first"))
    head = [cli.t("单位", "unit"), cli.t("对象", "recipients")]
    head += [cli.t(*KIND_WORDS[k]) for k in KIND_WORDS]
    head += [cli.t("协议", "agreements"), cli.t("责任", "responsibilities"), cli.t("预警", "warnings"),
             cli.t("逾期", "overdue"), cli.t("整改", "items"), cli.t("最近数据包", "last bundle")]
    print("\t".join(head))
    for u in report.units:
        last = (cli.t(f"第{u.last_bundle.sequence}号 {u.last_bundle.received}（{u.last_bundle.days}天前）",
                      f"#{u.last_bundle.sequence} {u.last_bundle.received} ({u.last_bundle.days} days)")
                if u.last_bundle else cli.t("从未收到", "never"))
        cells: list[Any] = [u.name or u.code, u.recipients]
        cells += [f"{d}/{o} {_rate(u.rate(k))}" for k, (o, d) in u.four_ones.items()]
        cells += [f"{u.agreements[1]}/{u.agreements[0]}", f"{u.responsibilities[1]}/{u.responsibilities[0]}",
                  u.warning_total, u.overdue, u.open_items, last]
        print("\t".join(str(c) for c in cells))
    for point in report.trend:
        rates = "  ".join(f"{code}:" + "/".join(_rate(r[k]) for k in KIND_WORDS)
                          for code, r in point.rates.items())
        print(f"{point.period}\t{rates}")
    return 0


def register(sub: Any) -> None:
    from app.cli import int_between

    s: argparse.ArgumentParser = sub.add_parser(
        "overview", help="总览：各村（乡镇）或各乡镇（县）本期情况，差的在前")
    s.add_argument("--period", help="如 2026-Q3、2026-H2、2026-07（默认：本季度）")
    s.add_argument("--trend", type=int_between(0, 40), default=0, help="再列出最近 N 个季度的完成率")
    s.add_argument("--area", help="只看辖区内的一个乡镇（县级用）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_overview)

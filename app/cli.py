"""The `guanai` command line (CLI.md): a thin layer over the service layer. Exit codes: 0 done,
1 input refused (one line per reason on stderr, nothing changed), 2 wrong usage."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from importlib import import_module
from typing import TYPE_CHECKING, Any

from app import __version__
from app.care.errors import ServiceError, ValidationError, ValidationErrors

Handler = Callable[["Cli"], int]

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.protection.keyring import KdfParams

# Modules adding command groups (keys/bundle/conflicts: app/cli_sync.py; print: app/cli_print.py;
# roster import/export/template and report: app/cli_sheets.py).
COMMAND_MODULES: tuple[str, ...] = ("app.cli_sync", "app.cli_print", "app.cli_sheets", "app.cli_maintenance",
                                     "app.cli_oversight", "app.cli_overview", "app.cli_supervision",
                                     "app.cli_followup", "app.cli_users", "app.cli_access", "app.cli_privacy",
                                     "app.cli_files")


# Dates a command takes: a register's dates fall in these years; anything outside is a typo.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def parse_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"日期应在 {FIRST_DAY.isoformat()} 到 {LAST_DAY.isoformat()} 之间：{text}")
    return day


def int_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high (never one SQLite cannot hold)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"应为整数：{text[:40]}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应为 {low} 到 {high} 之间的整数：{text[:40]}")
        return value

    parse.__name__ = "int"  # argparse names the type in its messages
    return parse


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace("，", ",").split(",") if c.strip()]


def _yes_no(text: str) -> bool:
    t = text.strip().lower()
    if t in ("yes", "y", "true", "1", "是"):
        return True
    if t in ("no", "n", "false", "0", "否"):
        return False
    raise argparse.ArgumentTypeError(f"应为 yes 或 no：{text}")


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


class Cli:
    def __init__(self, args: argparse.Namespace, *, busy_timeout_ms: int | None = None,
                 kdf: KdfParams | None = None) -> None:
        self.args = args
        self.lang: str = args.lang or "zh_CN"
        self._engine: Engine | None = None
        # --password-stdin's lines, read once and handed out in turn (app/cli_users.py)
        self._stdin_lines: list[str] | None = None
        self._stdin_used = 0
        self.busy_timeout_ms = busy_timeout_ms
        self.kdf = kdf  # Argon2id's cost for keys sealed by `init --user` (tests pass a cheap one)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from app.cli_users import open_engine

            # On a database with users: signed in as GUANAI_USER, or refused (app/cli_users.py).
            self._engine = open_engine(self)
        return self._engine

    def t(self, zh: str, en: str) -> str:
        return en if self.lang.startswith("en") else zh

    def label(self, code: str | None) -> str:
        from app.models.codes import LABELS

        if code is None:
            return ""
        pair = LABELS.get(code)
        return self.t(*pair) if pair else code


# ---- commands -------------------------------------------------------------------------


def cmd_app(cli: Cli) -> int:
    from app.ui.main import run_app

    return run_app(cli.args.db, lang=cli.args.lang)


def cmd_init(cli: Cli) -> int:
    from app.care.offices import init_office
    from app.db import unit_of_work

    a = cli.args
    if a.user is not None:
        from app.cli_users import init_with_user

        return init_with_user(cli)
    if a.no_encryption:
        print(cli.t("--no-encryption 只用于带 --user 的设置（不带 --user 的数据库本来就不加密）。",
                    "--no-encryption goes with --user."), file=sys.stderr)
        return 2
    with unit_of_work(cli.engine) as s:
        view = init_office(s, role=a.role, code=a.code, name=a.name, parent=a.parent,
                           operator=a.operator)
    if a.json:
        print_json(view.to_json())
    else:
        print(cli.t(f"已设置：{cli.label(view.level)} {view.name}（{view.code}）",
                    f"Set up: {view.level} {view.name} ({view.code})"))
        print(cli.t(f"本单位公钥指纹：{view.fingerprint}", f"Key fingerprint: {view.fingerprint}"))
    return 0


def cmd_demo(cli: Cli) -> int:
    from app.demo.generate import generate_demo

    a = cli.args

    def progress(text: str) -> None:
        if not a.json:
            print(text, file=sys.stderr)

    result = generate_demo(cli.engine, scale=a.scale, seed=a.seed, years=a.years,
                           today=a.today, progress=progress)
    if a.json:
        print_json(result.to_json())
    else:
        for key, value in result.to_json()["counts"].items():
            print(f"{key}\t{value}")
    return 0


def _recipient_fields(a: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in ("name", "phone", "address", "self_care", "work_ability", "disability_type",
                "disability_grade", "ethnicity", "major_illness", "school", "notes", "parents_away",
                "husband_works_away", "children_work_away"):
        value = getattr(a, key, None)
        if value is not None:
            fields[key] = value
    if getattr(a, "category", None) is not None:
        fields["categories"] = _codes(a.category)
    return fields


def cmd_recipients_add(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.recipients import add_recipient
    from app.db import transact

    a = cli.args
    fields = _recipient_fields(a)
    # transact: run again when another clerk's write held the database (app/care/write_turn.py)
    d = transact(cli.engine, lambda s: add_recipient(
        s, actor_for(s), id_number=a.id_number, village_code=a.village, key_monitoring=a.key_monitoring,
        is_urban=a.is_urban, surveyed_on=a.date, confirm_unknown_region=a.confirm_unknown_region, **fields))
    if a.json:
        print_json(d.to_json())
    else:
        print(cli.t(f"已登记：{d.name}，编号 {d.id}", f"Registered: {d.name}, id {d.id}"))
    return 0


def cmd_recipients_edit(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.recipients import edit_recipient
    from app.db import transact

    a = cli.args
    fields = _recipient_fields(a)
    if a.key_monitoring is not None:
        fields["key_monitoring"] = a.key_monitoring
    if a.id_number is not None:
        fields["id_number"] = a.id_number
    if not fields:
        print(cli.t("没有要修改的字段。", "Nothing to change."), file=sys.stderr)
        return 2
    changed = transact(cli.engine, lambda s: edit_recipient(
        s, actor_for(s), a.id, confirm_unknown_region=a.confirm_unknown_region, read_stamp=a.stamp, **fields))
    if a.json:
        print_json({"id": a.id, "changed": changed})
    elif changed:
        for key, (old, new) in changed.items():
            print(f"{key}: {old} → {new}")
    else:
        print(cli.t("没有变化。", "No change."))
    return 0


def cmd_recipients_show(cli: Cli) -> int:
    from app.care import writes
    from app.care.context import actor_for
    from app.care.recipients import detail
    from app.care.tasks import recipient_schedule
    from app.care.validation import age_on, mask_id_number
    from app.db import unit_of_work
    from app.protection.access_log import log_access, note_record_opened

    a = cli.args
    today = dt.date.today()
    with unit_of_work(cli.engine) as s:
        d = detail(s, a.id)
        standing = recipient_schedule(s, d.id)
        actor = actor_for(s)
        note_record_opened(s, actor, d.id, today)  # a minor's or a disabled person's record (issue 15)
        if a.reveal_id:  # who saw a full ID number: the audit trail and the access log
            writes.audit(s, actor, "reveal", "recipients", d.id, {"id_number": ["shown", None]})
            log_access(s, actor, "reveal_id", person_id=d.id)
    shown_id = d.id_number if a.reveal_id else mask_id_number(d.id_number)
    age = age_on(d.birth_date, today)
    if a.json:
        out = d.to_json()
        out["id_number_masked"] = mask_id_number(d.id_number)
        out["age"] = age
        if not a.reveal_id:
            # The mask hides the eight digits of the birth date: it never stands beside it.
            del out["id_number"], out["birth_date"]
            for g in out["guardians"]:
                g["id_number"] = mask_id_number(g["id_number"]) if g["id_number"] else g["id_number"]
        out["schedule"] = [x.to_json() for x in standing]
        print_json(out)
        return 0
    cats = "、".join(cli.label(c) for c in d.categories)
    rows = [
        (cli.t("姓名", "Name"), d.name),
        (cli.t("性别", "Sex"), cli.label(d.sex)),
        (cli.t("身份证号", "ID number"), shown_id),
        (cli.t("出生日期", "Born"), d.birth_date.isoformat()) if a.reveal_id
        else (cli.t("年龄", "Age"), cli.t(f"{age} 周岁", f"{age}")),
        (cli.t("所在村", "Village"), d.village_code),
        (cli.t("类别", "Categories"), cats),
        (cli.t("重点监护", "Key monitoring"), cli.t("是", "yes") if d.key_monitoring else cli.t("否", "no")),
        (cli.t("状态", "Status"), f"{cli.label(d.status)}（{d.status_date.isoformat()}）"),
        (cli.t("电话", "Phone"), d.phone or ""),
        (cli.t("住址", "Address"), d.address or ""),
        (cli.t("自理能力", "Self-care"), cli.label(d.self_care)),
    ]
    if d.id_region_note:
        rows.insert(3, (cli.t("地区码", "Region code"), cli.t(
            f"地区码已由{d.id_region_confirmed_by}确认（{d.id_region_confirmed_on}）：{d.id_region_note}",
            f"confirmed by {d.id_region_confirmed_by} on {d.id_region_confirmed_on}: {d.id_region_note}")))
    conditions = [cli.label(d.parents_away) if d.parents_away else "",
                  {True: cli.t("丈夫外出务工", "husband works away"), False: cli.t("丈夫在家", "husband at home")}
                  .get(d.husband_works_away, "") if d.husband_works_away is not None else "",
                  {True: cli.t("子女都外出务工", "children all work away"), False: cli.t("有子女在家", "a child at home")}
                  .get(d.children_work_away, "") if d.children_work_away is not None else ""]
    if any(conditions):
        rows.append((cli.t("家庭情况", "Household"), "、".join(c for c in conditions if c)))
    for k, v in rows:
        print(f"{k}：{v}")
    for m in d.household:
        away = cli.t(f"外出务工：{m['work_place'] or ''}", f"works away: {m['work_place'] or ''}") if m["works_away"] else ""
        print(cli.t("家庭成员", "Household") + f"：{m['name']}（{cli.label(m['relation'])}）{m['phone'] or ''} {away}")
    for g in d.guardians:
        print(cli.t("监护人", "Guardian") + f"：{g['name']}（{cli.label(g['kind'])}，{cli.label(g['relation'])}）{g['phone'] or ''}")
    for x in standing:
        state = cli.t("已完成", "done") if x.done else cli.t(f"{x.due}前完成", f"due {x.due}")
        late = cli.t(f"，逾期{x.overdue}期", f", {x.overdue} overdue") if x.overdue else ""
        print(f"{cli.label(x.kind)}：{state}{late}")
    print(cli.t("状态记录：", "History:"))
    for h in d.history:
        extra = " ".join(x for x in (cli.label(h.department), cli.label(h.decision), h.reason or "",
                                     h.doc_no or "") if x)
        print(f"  {h.decided_on.isoformat()} {cli.label(h.step)} → {cli.label(h.to_status)} "
              f"{extra} [{h.decided_by}，{cli.label(h.source)}]")
    return 0


def cmd_recipients_list(cli: Cli) -> int:
    from app.care.recipients import list_recipients
    from app.care.validation import check_choice
    from app.db import unit_of_work
    from app.models.codes import Category, Status

    a = cli.args
    check_choice(a.category, Category, field="category", label="类别")
    check_choice(a.status, Status, field="status", label="状态")
    with unit_of_work(cli.engine) as s:
        rows = list_recipients(s, search=a.search, category=a.category, status=a.status,
                               village_code=a.village, limit=a.limit)
    if a.json:
        print_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        cats = "、".join(cli.label(c) for c in r.categories)
        key = "★" if r.key_monitoring else " "
        print(f"{r.id}  {key} {r.name}\t{r.id_number_masked}\t{cli.label(r.status)}\t{cats}")
    print(cli.t(f"共 {len(rows)} 人", f"{len(rows)} recipients"), file=sys.stderr)
    return 0


def cmd_lifecycle(cli: Cli) -> int:
    from app.care import lifecycle
    from app.care.context import actor_for
    from app.db import transact

    a = cli.args
    if a.step == "review" and (not a.dept or not a.decision):
        print(cli.t("审核须指定 --dept 部门和 --decision 意见（approve 或 reject）。",
                    "review needs --dept and --decision."), file=sys.stderr)
        return 2

    def step(s: Any) -> dict[str, Any]:
        actor = actor_for(s)
        if a.step == "report":
            ev = lifecycle.report(s, actor, a.id, on=a.date)
        elif a.step == "review":
            ev = lifecycle.review(s, actor, a.id, department=a.dept, decision=a.decision,
                                  reason=a.reason, on=a.date, doc_no=a.doc_no)
        elif a.step == "confirm":
            ev = lifecycle.confirm(s, actor, a.id, doc_no=a.doc_no, on=a.date)
        elif a.step == "reject":
            ev = lifecycle.reject(s, actor, a.id, reason=a.reason, doc_no=a.doc_no, on=a.date)
        else:
            ev = lifecycle.exit_care(s, actor, a.id, reason=a.reason, on=a.date)
        return {"id": a.id, "step": ev.step, "status": ev.to_status, "date": ev.decided_on.isoformat()}

    out = transact(cli.engine, step)  # run again when another clerk's write held the database
    if a.json:
        print_json(out)
    else:
        print(cli.t(f"{cli.label(out['step'])}：状态为 {cli.label(out['status'])}",
                    f"{out['step']}: now {out['status']}"))
    return 0


def cmd_log(cli: Cli) -> int:
    from app.care import work
    from app.care.context import actor_for
    from app.care.validation import yuan_to_fen
    from app.db import transact

    a = cli.args
    value = yuan_to_fen(a.value, field="value", label="价值") if a.value is not None else None

    def log_one(s: Any) -> dict[str, Any]:
        actor = actor_for(s)
        out: dict[str, Any]
        if a.what == "call":
            rec = work.log_call(s, actor, a.recipient_id, reached=a.reached, on=a.date, note=a.note,
                                problems=a.problems, needs_action=a.needs_action)
            out = {"id": rec.id, "kind": rec.kind, "date": rec.occurred_on.isoformat(), "reached": rec.reached}
        elif a.what == "visit":
            rec = work.log_visit(s, actor, a.recipient_id, on=a.date, visitors=a.visitors,
                                 findings=a.findings, note=a.note, needs_action=a.needs_action,
                                 problems=a.problems)
            out = {"id": rec.id, "kind": rec.kind, "date": rec.occurred_on.isoformat()}
        elif a.what == "aid":
            rec = work.log_aid(s, actor, a.recipient_id, items=a.items, value_fen=value, donor=a.donor,
                               on=a.date, note=a.note)
            out = {"id": rec.id, "kind": rec.kind, "date": rec.occurred_on.isoformat(),
                   "value_fen": rec.value_fen}
        else:
            wish = work.move_wish(s, actor, a.recipient_id, stage=a.stage or "collected", on=a.date,
                                  description=a.note, by=a.by, value_fen=value)
            stage_date = {"claimed": wish.claimed_on, "fulfilled": wish.fulfilled_on}.get(wish.stage)
            out = {"id": wish.id, "kind": "micro_wish", "stage": wish.stage,
                   "date": (stage_date or wish.collected_on).isoformat()}
        return out

    out = transact(cli.engine, log_one)  # run again when another clerk's write held the database
    if a.json:
        print_json(out)
    else:
        print(cli.t(f"已记录：{cli.label(out['kind'])} {out['date']}", f"Logged: {out['kind']} {out['date']}"))
    return 0


def cmd_warnings(cli: Cli) -> int:
    from app.care.warnings import warnings_for
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        alerts = warnings_for(s, a.date)
    if a.json:
        print_json([w.to_json() for w in alerts])
    else:
        for w in alerts:
            print(cli.t(w.zh, w.en))
    return 0


def cmd_tasks(cli: Cli) -> int:
    from app.care.tasks import week_tasks
    from app.care.warnings import warnings_for
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        tasks = week_tasks(s, a.date, overdue_only=a.overdue)
        alerts = warnings_for(s, a.date)
    if a.json:
        print_json([t.to_json() for t in tasks])
        return 0
    for w in alerts:
        print(f"⚠ {cli.t(w.zh, w.en)}")
    for t in tasks:
        mark = cli.t(f"逾期{t.missed}次", f"overdue ×{t.missed}") if t.overdue else cli.t("本期", "due")
        key = "★" if t.key_monitoring else " "
        what = f"{cli.label(t.kind)}：{t.detail}" if t.detail else cli.label(t.kind)
        print(f"{mark}\t{key} {t.name}\t{what}\t{t.due.isoformat()}\t{t.recipient_id}")
    print(cli.t(f"共 {len(tasks)} 项", f"{len(tasks)} tasks"), file=sys.stderr)
    return 0


def cmd_rules(cli: Cli) -> int:
    from app.care.context import actor_for
    from app.care.rules import change_rule, list_rules
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        if a.action == "set":
            change_rule(s, actor_for(s), a.id, count=a.count, period=a.period, valid_from=a.valid_from,
                        valid_to=a.valid_to, clear_valid_to=a.no_end)
        rules = list_rules(s)
    if a.json:
        print_json([r.to_json() for r in rules])
        return 0
    for r in rules:
        window = f"{r.valid_from.isoformat()} ~ {r.valid_to.isoformat() if r.valid_to else cli.t('长期', 'open')}"
        print(f"{r.id}  {r.name}\t{cli.label(r.period)}{r.count_per_period}{cli.t('次', 'x')}\t{window}")
    return 0


def cmd_status(cli: Cli) -> int:
    from app.care.status import status_report
    from app.db import unit_of_work

    a = cli.args
    with unit_of_work(cli.engine) as s:
        report = status_report(s, a.period)
    if a.json:
        print_json(report)
        return 0
    print(cli.t(f"期间 {report['period']}（{report['start']} 至 {report['end']}）",
                f"Period {report['period']} ({report['start']} to {report['end']})"))
    head = cli.t("单位\t对象\t电话随访\t实地走访\t微心愿\t物资帮扶\t协议签订\t责任落实",
                 "unit\trecipients\tcalls\tvisits\twishes\taid\tagreements\tresponsibilities")
    for group in ("townships", "villages"):
        rows = report.get(group)
        if not rows:
            continue
        print(head)
        for r in rows:
            four = "\t".join(f"{r['four_ones'][k]['done']}/{r['four_ones'][k]['owed']}"
                              for k in ("call", "visit", "wish", "aid"))
            print(f"{r['name'] or r['code']}\t{r['recipients']}\t{four}\t"
                  f"{r['agreements']['signed']}/{r['agreements']['needed']}\t"
                  f"{r['responsibilities']['assigned']}/{r['responsibilities']['needed']}")
    return 0


# ---- parser ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="guanai", description="关爱 Guanai — 困难群体关爱保护工作台账",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="退出码：0 完成；1 输入被拒绝，每个原因一行，数据未被修改（磁盘已满、输出位置不能写入、\n"
               "另一个程序正在写入数据库等待超时，也是 1）；2 用法错误（含超出范围的数字和日期）。\n"
               "日期须在 1900-01-01 到 2100-12-31 之间。文字不能含控制字符、改变文字方向或零宽的隐藏字符\n"
               "（备注类可换行）；姓名最多30字，住址最多120字，备注最多2000字。\n\n"
               "用户和登录：用 init --user 设置了用户的数据库，每个命令都须登录：环境变量 GUANAI_USER 给出用户名，\n"
               "GUANAI_PASSWORD 给出密码（或加 --password-stdin 从标准输入第一行读密码）；没有登录的命令被拒绝\n"
               "（退出码 1）。需要新密码时（users add/password/recover）取自 GUANAI_NEW_PASSWORD 或标准输入的下一行。\n"
               "不带 --user 设置的数据库没有用户，不加密，和以前一样使用。")
    p.add_argument("--db", help="数据库文件路径或 SQLAlchemy URL（默认：用户数据目录中的 guanai.sqlite3）")
    p.add_argument("--lang", default=None, choices=["zh_CN", "en"])
    p.add_argument("--version", action="version", version=f"guanai {__version__}")
    from app.cli_users import add_global_options

    add_global_options(p)
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("init", help="把本数据库设置为一个单位并生成密钥")
    s.add_argument("--role", required=True, choices=["village", "township", "county"])
    s.add_argument("--code", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--parent")
    s.add_argument("--operator", help="操作人姓名（默认：系统用户名）")
    s.add_argument("--user", help="主任的用户名：设置用户和密码，生成办公室密钥并加密数据库，打印一次恢复码")
    s.add_argument("--no-encryption", dest="no_encryption", action="store_true",
                   help="与 --user 同用：有用户但数据库不加密（测试、演示）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_init)

    s = sub.add_parser("demo", help="生成演示数据")
    s.add_argument("--scale", required=True, choices=["village", "township", "county"])
    s.add_argument("--seed", type=int_between(0, 2**32 - 1), default=1)
    s.add_argument("--years", type=int_between(1, 10), default=None, help="几年的工作记录（1到10，默认2）")
    s.add_argument("--today", type=parse_date, default=None, help="把这一天当作今天（默认：今天）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_demo)

    rec = sub.add_parser("recipients", help="关爱对象").add_subparsers(dest="action", required=True)

    def person_options(x: argparse.ArgumentParser, *, adding: bool) -> None:
        x.add_argument("--name", required=adding, help="姓名（最多30字）")
        x.add_argument("--category", required=adding, help="类别代码，多个用逗号分隔")
        x.add_argument("--phone")
        x.add_argument("--address", help="住址（一行，最多120字）")
        x.add_argument("--self-care", dest="self_care", choices=["full", "partial", "none"])
        x.add_argument("--work-ability", dest="work_ability", choices=["full", "partial", "none"])
        x.add_argument("--disability-type", dest="disability_type")
        # Any whole number: the registration rules refuse all but 1-4 (exit 1), as in the app.
        x.add_argument("--disability-grade", dest="disability_grade", type=int, help="残疾等级 1-4")
        x.add_argument("--ethnicity")
        x.add_argument("--major-illness", dest="major_illness")
        x.add_argument("--school")
        x.add_argument("--notes", help="备注（可换行，最多2000字）")
        # The household conditions of the left-behind categories (checked when confirmed).
        x.add_argument("--parents-away", dest="parents_away", choices=["both_away", "one_away_other_unable"],
                       help="留守儿童：父母均外出务工（both_away），或一方外出务工、另一方无监护能力（one_away_other_unable）")
        x.add_argument("--husband-works-away", dest="husband_works_away", type=_yes_no, help="留守妇女：丈夫外出务工 yes|no")
        x.add_argument("--children-work-away", dest="children_work_away", type=_yes_no,
                       help="留守老人：子女都外出务工 yes|no")
        x.add_argument("--confirm-unknown-region", dest="confirm_unknown_region", metavar="NOTE",
                       help="身份证地区码不在国家代码表中时，主任核实后的确认说明（记录在此人名下并显示）")
        x.add_argument("--json", action="store_true")

    s = rec.add_parser("add")
    s.add_argument("--id-number", dest="id_number", required=True)
    s.add_argument("--village")
    s.add_argument("--key-monitoring", dest="key_monitoring", action="store_true")
    s.add_argument("--urban", dest="is_urban", action="store_true", help="城镇居民（“三无人员”须勾选）")
    s.add_argument("--date", type=parse_date, help="调查日期（默认今天）")
    person_options(s, adding=True)
    s.set_defaults(handler=cmd_recipients_add)

    s = rec.add_parser("edit")
    s.add_argument("id")
    s.add_argument("--id-number", dest="id_number")
    s.add_argument("--key-monitoring", dest="key_monitoring", type=_yes_no)
    s.add_argument("--stamp", help="读取这条记录时它的 stamp（recipients show --json）：若此后另一位工作人员改了"
                                   "要改的字段，拒绝修改（退出码 1）并显示双方的值")
    person_options(s, adding=False)
    s.set_defaults(handler=cmd_recipients_edit)

    s = rec.add_parser("show")
    s.add_argument("id")
    s.add_argument("--reveal-id", dest="reveal_id", action="store_true",
                   help="显示完整身份证号（会记入审计记录）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_recipients_show)

    s = rec.add_parser("list")
    s.add_argument("--search")
    s.add_argument("--category")
    s.add_argument("--status")
    s.add_argument("--village")
    s.add_argument("--limit", type=int_between(0, 10**9))
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_recipients_list)

    s = sub.add_parser("lifecycle", help="生命周期：上报、审核、确定、不予确定、退出")
    s.add_argument("step", choices=["report", "review", "confirm", "reject", "exit"])
    s.add_argument("id")
    s.add_argument("--dept", choices=["civil_affairs", "disabled_federation", "youth_league",
                                      "womens_federation"])
    s.add_argument("--decision", choices=["approve", "reject"])
    s.add_argument("--reason")
    s.add_argument("--doc-no", dest="doc_no", help="县级决定的文号")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_lifecycle)
    s = sub.add_parser("log", help="记录关爱工作：电话随访、实地走访、微心愿、物资帮扶")
    s.add_argument("what", choices=["call", "visit", "wish", "aid"])
    s.add_argument("recipient_id")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--note", help="说明；微心愿为心愿内容")
    s.add_argument("--reached", type=_yes_no, help="电话是否接通：yes 或 no")
    s.add_argument("--problems")
    s.add_argument("--needs-action", dest="needs_action", action="store_true")
    s.add_argument("--visitors")
    s.add_argument("--findings")
    s.add_argument("--stage", choices=["collected", "claimed", "fulfilled"])
    s.add_argument("--by", help="微心愿认领人")
    s.add_argument("--items")
    s.add_argument("--value", help="价值（元）")
    s.add_argument("--donor")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_log)

    s = sub.add_parser("tasks", help="本周要做的工作：逾期的在前，其次重点监护对象，再按到期日")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--overdue", action="store_true", help="只列逾期的")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_tasks)

    s = sub.add_parser("warnings", help="需要注意的情况，最紧急的在前")
    s.add_argument("--date", type=parse_date)
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_warnings)

    rules = sub.add_parser("rules", help="关爱规则（四个一的频次和执行期）").add_subparsers(dest="action", required=True)
    s = rules.add_parser("list")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_rules)
    s = rules.add_parser("set", help="县级修改一条规则")
    s.add_argument("id")
    s.add_argument("--count", type=int_between(1, 31))
    s.add_argument("--period", choices=["week", "month", "quarter", "half_year"])
    s.add_argument("--from", dest="valid_from", type=parse_date)
    s.add_argument("--to", dest="valid_to", type=parse_date)
    s.add_argument("--no-end", dest="no_end", action="store_true")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_rules)

    s = sub.add_parser("status", help="四个一完成情况（督导、考核数据）")
    s.add_argument("--period", required=True, help="如 2026-Q3、2026-H2、2026-07")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_status)
    # Command groups kept in modules of their own; each has register(sub). Imported here, not
    # at the top: `guanai` alone opens the app and should not pay for them.
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return p


# Arguments that name files: any bytes the file system allows (on Linux, names that are not
# UTF-8 too). Every other argument is text that goes into a record or a query.
PATH_ARGUMENTS = frozenset({"db", "out", "file", "files"})
POSITIONAL_TEXT = frozenset({"id", "ids", "recipient_id", "code", "item_id", "visit_id"})


def _undecodable(args: argparse.Namespace) -> list[ValidationError]:
    """Text arguments holding bytes that were not UTF-8 (Python keeps them as lone surrogates,
    which SQLite cannot store nor a terminal print): refused, naming the option."""
    refused: list[ValidationError] = []
    for dest, value in vars(args).items():
        if dest in PATH_ARGUMENTS:
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in values):  # no database stores it (PostgreSQL refuses)
            option = dest.upper() if dest in POSITIONAL_TEXT else "--" + dest.replace("_", "-")
            refused.append(ValidationError(f"{option}：含有空字符（\\0），请去掉后重新输入。",
                                           f"{option}: contains a NUL character; remove it.", field=dest))
            continue
        if any(isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v) for v in values):
            option = dest.upper() if dest in POSITIONAL_TEXT else "--" + dest.replace("_", "-")
            refused.append(ValidationError(
                f"{option}：含有无法识别的字符（不是 UTF-8 编码的文字），请检查终端的编码设置（应为 UTF-8）后重新输入。",
                f"{option}: contains bytes that are not UTF-8 text; set the terminal's encoding to UTF-8.",
                field=dest))
    return refused


def _tolerant_output() -> None:
    """Print what cannot be encoded as backslash escapes, not a UnicodeEncodeError (a path of bytes
    that were not UTF-8 echoed back, a terminal in GBK)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None, *, busy_timeout_ms: int | None = None,
         kdf: KdfParams | None = None) -> int:
    """The command line. `busy_timeout_ms`: how long a write waits for another program's
    (default app.db.BUSY_TIMEOUT_MS; tests pass a short one). `kdf`: Argon2id's cost for
    `init --user` (default the RFC 9106 low-memory profile; tests pass a cheap one)."""
    _tolerant_output()
    # --password-stdin is global, yet a script may put it after the command too: taken anywhere.
    words = list(sys.argv[1:] if argv is None else argv)
    password_stdin = "--password-stdin" in words
    args = build_parser().parse_args([w for w in words if w != "--password-stdin"])
    args.password_stdin = password_stdin
    cli = Cli(args, busy_timeout_ms=busy_timeout_ms, kdf=kdf)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        refused = _undecodable(args)
        if refused:
            raise ValidationErrors(refused)
        if handler is None:
            return cmd_app(cli)
        out = getattr(args, "out", None)
        if isinstance(out, str):
            from app.care.failures import check_output_path

            check_output_path(out)
        return handler(cli)
    except ValidationErrors as e:
        for err in e.errors:
            print(err.message(cli.lang), file=sys.stderr)
        return 1
    except ServiceError as e:
        print(e.message(cli.lang), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `guanai tasks | head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    except Exception as e:
        # A failure of the machine (disk full, read-only stick, another program writing the
        # database): one line in words, exit 1; the write was rolled back, no file half
        # written. Anything else is a bug and keeps its traceback.
        from app.care.failures import describe

        said = describe(e)
        if said is None:
            raise
        print(cli.t(*said), file=sys.stderr)
        return 1
    finally:
        if cli._engine is not None:
            cli._engine.dispose()

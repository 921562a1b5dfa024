"""`guanai backup --out FILE`, `guanai restore FILE`, `guanai check` (CLI.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.cli import Cli


def cmd_backup(cli: Cli) -> int:
    from app.care.maintenance import backup, note_backup
    from app.cli import print_json
    from app.protection.at_rest import office_key

    result = backup(cli.engine, Path(cli.args.out))
    note_backup(cli.engine, result)
    if cli.args.json:
        print_json(result.to_json())
    elif office_key(cli.engine) is not None:
        print(cli.t(f"已备份到 {result.path}（{result.bytes // 1024} KB，{result.recipients} 名关爱对象）。"
                    "备份已加密，只能用本单位用户的密码或恢复码打开（钥匙环文件在它旁边，请一起保存）。",
                    f"Backed up to {result.path} ({result.bytes // 1024} KB, {result.recipients} recipients), "
                    "encrypted: it opens only with a user's password or the recovery code (keep the .keyring "
                    "file beside it)."))
    else:
        print(cli.t(f"已备份到 {result.path}（{result.bytes // 1024} KB，{result.recipients} 名关爱对象）。"
                    "本单位的私钥不在备份里，仍在本机的数据目录中。",
                    f"Backed up to {result.path} ({result.bytes // 1024} KB, {result.recipients} recipients). "
                    "The office's private keys are not in the backup; they stay in this laptop's data directory."))
    return 0


def cmd_restore(cli: Cli) -> int:
    from sqlalchemy.engine import make_url

    from app.care.maintenance import inspect, restore, sqlite_file
    from app.cli import print_json
    from app.cli_users import director_first
    from app.db import database_url, make_engine

    # Not cli.engine: that would migrate (or create) the database about to be replaced, and
    # fail on one a failing disk has left unreadable. Its office is read without changing it.
    # A server database is refused before its driver is loaded (it may not be installed).
    who = director_first(cli, server=False)  # on a database with users, only the director restores
    url = database_url(cli.args.db)
    target = sqlite_file(make_url(url))
    # The office key of an encrypted file (the director's sign-in unwrapped it): the backup
    # is read, and put in place, encrypted under it.
    key = who.key if who is not None and who.encrypted else None
    engine = make_engine(url, key=key)
    try:
        current = inspect(target, key)
        result = restore(engine, Path(cli.args.file), current_office=current.office_code if current.ok else None)
    finally:
        engine.dispose()
    if cli.args.json:
        print_json(result.to_json())
        return 0
    kept = cli.t(f"原数据库已另存为 {result.previous_saved_as}。", f"The database as it was is kept as "
                 f"{result.previous_saved_as}.") if result.previous_saved_as else ""
    print(cli.t(f"已从 {result.restored_from} 恢复（{result.recipients} 名关爱对象）。{kept}",
                f"Restored from {result.restored_from} ({result.recipients} recipients). {kept}"))
    for zh, en in result.sync.notes():
        print(cli.t(zh, en))
    return 0


def cmd_check(cli: Cli) -> int:
    from app.care.maintenance import check
    from app.cli import print_json

    problems = check(cli.engine)
    if cli.args.json:
        print_json({"ok": not problems, "problems": problems})
    elif not problems:
        print(cli.t("检查完毕：数据库完好。", "Checked: the database is sound."))
    for line in problems if not cli.args.json else []:
        print(line, file=sys.stderr)
    return 1 if problems else 0


def cmd_migrate(cli: Cli) -> int:
    from app.care.server_upgrade import migrate
    from app.cli import print_json
    from app.cli_users import director_first
    from app.db import database_url, make_engine

    director_first(cli)  # on a database with users, only the director upgrades it
    # Not cli.engine: that opens the database expecting this program's schema.
    engine = make_engine(database_url(cli.args.db))
    try:
        result = migrate(engine, backup=not cli.args.no_backup)
    finally:
        engine.dispose()
    if cli.args.json:
        print_json(result.to_json())
    elif not result.upgraded:
        print(cli.t(f"数据库已是当前版本（{result.to_revision}），无需升级。",
                    f"The database is at the current schema ({result.to_revision}); nothing to do."))
    else:
        kept = cli.t(f"升级前的备份：{result.backup}。", f"Backup taken first: {result.backup}.") if result.backup \
            else cli.t("没有先备份（--no-backup）。", "No backup was taken (--no-backup).")
        print(cli.t(f"已从 {result.from_revision} 升级到 {result.to_revision}。", f"Upgraded from "
                    f"{result.from_revision} to {result.to_revision}. ") + kept)
    return 0


def register(sub: Any) -> None:
    s: argparse.ArgumentParser = sub.add_parser("backup", help="把数据库完整复制一份（如存到 U 盘）")
    s.add_argument("--out", required=True, help="备份文件")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_backup)
    s = sub.add_parser("restore", help="用备份替换本数据库（原数据库先另存）")
    s.add_argument("file", help="备份文件")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_restore)
    s = sub.add_parser("migrate", help="升级共用的服务器数据库（先用 pg_dump 备份）；SQLite 文件照常升级")
    s.add_argument("--no-backup", action="store_true", help="不先备份（已用其他方式备份时）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_migrate)
    s = sub.add_parser("check", help="检查数据库是否完好；也列出不符合文字规则的记录（不修改）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_check)

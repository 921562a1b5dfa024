"""Users on the command line (CLI.md "Users and protection"): signing a command in, `init
--user`, and the `users` group.

A command on a database with users signs in with the name in GUANAI_USER and the password in
GUANAI_PASSWORD, or on the first line of standard input with `--password-stdin`. A new
password (`users add`, `users password`, `users recover`) comes from GUANAI_NEW_PASSWORD, the
next line of standard input with `--password-stdin`, or is asked twice on a terminal."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from app.care.errors import ServiceError

if TYPE_CHECKING:
    from app.cli import Cli

USER_ENV, PASSWORD_ENV, NEW_PASSWORD_ENV = "GUANAI_USER", "GUANAI_PASSWORD", "GUANAI_NEW_PASSWORD"


class SignInNeeded(ServiceError):
    pass


def _stdin_lines(cli: Cli) -> list[str]:
    lines = cli._stdin_lines
    if lines is None:
        lines = [line.rstrip("\r\n") for line in sys.stdin.read().splitlines()]
        cli._stdin_lines = lines
    return lines


def _next_stdin(cli: Cli) -> str | None:
    lines = _stdin_lines(cli)
    index = cli._stdin_used
    cli._stdin_used = index + 1
    return lines[index] if index < len(lines) else None


def password(cli: Cli) -> str | None:
    """The signing-in password: standard input's first line with --password-stdin, else
    GUANAI_PASSWORD."""
    if cli.args.password_stdin:
        return _next_stdin(cli)
    return os.environ.get(PASSWORD_ENV)


def new_password(cli: Cli, who: str) -> str:
    """A password to set: GUANAI_NEW_PASSWORD, the next line of standard input, or asked twice."""
    if cli.args.password_stdin:
        found = _next_stdin(cli)
        if found is not None:
            return found
    found = os.environ.get(NEW_PASSWORD_ENV)
    if found is not None:
        return found
    if sys.stdin.isatty():
        first = getpass.getpass(cli.t(f"{who}的新密码：", f"New password for {who}: "))
        if getpass.getpass(cli.t("再输入一次：", "Again: ")) != first:
            raise ServiceError("两次输入的密码不一致，未做任何修改。", "The two passwords differ; nothing changed.")
        return first
    raise ServiceError(f"没有新密码：请设置环境变量 {NEW_PASSWORD_ENV}，或用 --password-stdin 从标准输入读取，或在终端里运行。",
                       f"No new password: set {NEW_PASSWORD_ENV} or use --password-stdin.")


def open_engine(cli: Cli) -> Any:
    """The database of a command: as before on a database without users; on one with users,
    signed in as GUANAI_USER (refused in words without it)."""
    from app.db import BUSY_TIMEOUT_MS, open_database
    from app.protection.keyring import SidecarKeyring, TableKeyring, sqlite_file_of
    from app.protection.signin import open_signed_in, sign_in

    target = cli.args.db
    busy = cli.busy_timeout_ms or BUSY_TIMEOUT_MS
    path = sqlite_file_of(target)
    engine = None
    store: SidecarKeyring | TableKeyring
    if path is not None:
        store = SidecarKeyring(path)
        if not store.exists():
            engine = open_database(target, busy_timeout_ms=busy)
            _refuse_lost_keyring(engine, store)
            return engine
    else:
        engine = open_database(target, busy_timeout_ms=busy)
        store = TableKeyring(engine)
        if not store.exists():
            return engine
    name, secret = os.environ.get(USER_ENV), password(cli)
    if not name or secret is None:
        if engine is not None:
            engine.dispose()
        raise SignInNeeded(
            "本数据库设有用户，须先登录：请用环境变量 GUANAI_USER 给出用户名，GUANAI_PASSWORD 给出密码"
            "（或加 --password-stdin 从标准输入读密码）。",
            "This database has users: name the user in GUANAI_USER and give the password in GUANAI_PASSWORD "
            "(or on standard input with --password-stdin).")
    who = sign_in(store, name, secret)
    return open_signed_in(target, who, busy_timeout_ms=busy, store=store, engine=engine)


def _refuse_lost_keyring(engine: Any, store: Any) -> None:
    from app.db import unit_of_work
    from app.protection.roles import has_users

    with unit_of_work(engine) as s:
        lost = has_users(s)
    if lost:
        engine.dispose()
        raise SignInNeeded(f"本数据库设有用户，但找不到它的用户名册文件 {store.path}。请从备份把这个文件放回数据库旁边。",
                           f"This database has users but its keyring {store.path} is missing; restore it from a backup.")


def director_first(cli: Cli, *, server: bool = True) -> Any:
    """`restore` and `migrate` open the database their own way (not cli.engine): on a database
    with users the director signs in first (the key is then theirs to use: LEAD, for P2's
    restore of an encrypted file). None on a database without users. `server`: whether a
    server database's keyring is looked for."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.db import database_url, make_engine
    from app.protection.keyring import SidecarKeyring, TableKeyring, sqlite_file_of
    from app.protection.roles import ROLE_WORDS, NotPermitted, Permission
    from app.protection.signin import sign_in

    path = sqlite_file_of(cli.args.db)
    if path is None and not server:
        return None  # `restore` refuses a server database on its own, before loading its driver
    engine = None if path is not None else make_engine(database_url(cli.args.db))
    try:
        store: Any = SidecarKeyring(path) if path is not None else TableKeyring(engine)
        try:
            found = store.exists()
        except SQLAlchemyError:
            found = False  # a server schema from before the keyring (0019): no users yet
        if not found:
            return None
        name, secret = os.environ.get(USER_ENV), password(cli)
        if not name or secret is None:
            raise SignInNeeded("本数据库设有用户：恢复或升级数据库须由主任登录（GUANAI_USER 和 GUANAI_PASSWORD）。",
                               "This database has users: the director signs in first (GUANAI_USER, GUANAI_PASSWORD).")
        who = sign_in(store, name, secret)
        if who.role != "director":
            raise NotPermitted(f"{who.user}（{ROLE_WORDS.get(who.role, who.role)}）没有权限恢复或升级数据库，请由主任操作。",
                               f"{who.user} ({who.role}) may not {Permission.manage_users.value}; ask the director.")
        return who
    finally:
        if engine is not None:
            engine.dispose()


def init_with_user(cli: Cli) -> int:
    """`guanai init … --user NAME`: the director, the office key, and the recovery code shown once."""
    from app.care.offices import init_office
    from app.cli import print_json
    from app.protection.keyring import PRODUCTION
    from app.protection.users import protect_new_database

    a = cli.args
    secret = password(cli)
    if secret is None:
        if not sys.stdin.isatty():
            raise ServiceError(f"没有密码：请设置环境变量 {PASSWORD_ENV}，或用 --password-stdin 从标准输入读取。",
                               f"No password: set {PASSWORD_ENV} or use --password-stdin.")
        secret = getpass.getpass(cli.t(f"主任 {a.user} 的密码：", f"Password for {a.user}: "))
        if getpass.getpass(cli.t("再输入一次：", "Again: ")) != secret:
            raise ServiceError("两次输入的密码不一致，未做任何设置。", "The two passwords differ; nothing was set up.")

    def setup(s: Any, _actor: Any) -> Any:
        return init_office(s, role=a.role, code=a.code, name=a.name, parent=a.parent, operator=a.user)

    view, code, engine = protect_new_database(a.db, director=a.user, password=secret, encrypted=not a.no_encryption,
                                              setup=setup, kdf=cli.kdf or PRODUCTION,
                                              busy_timeout_ms=cli.busy_timeout_ms)
    engine.dispose()
    if a.json:
        print_json({**view.to_json(), "user": a.user.strip(), "encrypted": not a.no_encryption,
                     "recovery_code": code})
        return 0
    print(cli.t(f"已设置：{cli.label(view.level)} {view.name}（{view.code}），主任 {a.user.strip()}",
                f"Set up: {view.level} {view.name} ({view.code}), director {a.user.strip()}"))
    print(cli.t(f"本单位公钥指纹：{view.fingerprint}", f"Key fingerprint: {view.fingerprint}"))
    print(cli.t("数据库未加密（--no-encryption）。" if a.no_encryption else "数据库已加密。",
                "The database is not encrypted." if a.no_encryption else "The database is encrypted."))
    print(cli.t(f"恢复码（只显示这一次，请抄在纸上交乡镇保管）：{code}",
                f"Recovery code (shown only this once; write it down): {code}"))
    return 0


# ---- guanai users … --------------------------------------------------------------------------


def _store(cli: Cli) -> Any:
    from app.protection.keyring import keyring_store

    store = keyring_store(cli.args.db, cli.engine)
    if not store.exists():
        raise ServiceError("本数据库没有设置用户：只有用 guanai init … --user 设置的数据库（或在应用里设置的）才有用户。",
                           "This database has no users (set up with `guanai init … --user`).")
    return store


def cmd_users_list(cli: Cli) -> int:
    from app.cli import print_json
    from app.protection.users import list_users

    rows = list_users(_store(cli))
    if cli.args.json:
        print_json([u.to_json() for u in rows])
        return 0
    for u in rows:
        state = cli.t("已停用", "disabled") if u.disabled else cli.t("可登录", "enabled")
        role = cli.t(u.role_name, u.role)
        print(f"{u.name}\t{role}\t{state}\t{u.created_at}")
    return 0


def _write(cli: Cli, fn: Any, *args: Any) -> Any:
    from app.care.context import actor_for
    from app.db import unit_of_work

    store = _store(cli)
    with unit_of_work(cli.engine) as s:
        return fn(s, actor_for(s), store, *args)


def cmd_users_add(cli: Cli) -> int:
    from app.cli import print_json
    from app.protection.users import add_user

    a = cli.args
    _ = cli.engine  # sign in first: the new password is read after the signing-in one
    view = _write(cli, add_user, a.name, a.role, new_password(cli, a.name))
    if a.json:
        print_json(view.to_json())
    else:
        print(cli.t(f"已添加用户：{view.name}（{view.role_name}）", f"Added user {view.name} ({view.role})"))
    return 0


def cmd_users_disable(cli: Cli) -> int:
    from app.protection.users import disable_user

    _write(cli, disable_user, cli.args.name)
    print(cli.t(f"已停用：{cli.args.name}（其密钥副本已删除）", f"Disabled {cli.args.name}"))
    return 0


def cmd_users_password(cli: Cli) -> int:
    from app.protection.users import set_password

    _ = cli.engine  # sign in first: the new password is read after the signing-in one
    _write(cli, set_password, cli.args.name, new_password(cli, cli.args.name))
    print(cli.t(f"已为 {cli.args.name} 设置新密码。", f"New password set for {cli.args.name}."))
    return 0


def cmd_users_recover(cli: Cli) -> int:
    """A forgotten password: no sign-in; the recovery code opens the office key."""
    from app.care.context import actor_for
    from app.db import BUSY_TIMEOUT_MS, open_database, unit_of_work
    from app.protection.keyring import keyring_store, sqlite_file_of
    from app.protection.signin import open_signed_in, recover
    from app.protection.users import AUDIT_TABLE

    a = cli.args
    # Not cli.engine: that would ask for the forgotten password. A file is opened only once
    # the code has opened its key; a server's keyring is read from the database itself.
    busy = cli.busy_timeout_ms or BUSY_TIMEOUT_MS
    engine = None if sqlite_file_of(a.db) is not None else open_database(a.db, busy_timeout_ms=busy)
    store = keyring_store(a.db, engine)
    if not store.exists():
        raise ServiceError("本数据库没有设置用户，不需要恢复码。", "This database has no users.")
    who = recover(store, a.name, a.recovery_code, new_password(cli, a.name))
    cli._engine = open_signed_in(a.db, who, busy_timeout_ms=busy, store=store, engine=engine)
    from app.care.writes import audit

    with unit_of_work(cli.engine) as s:
        audit(s, actor_for(s), "update", AUDIT_TABLE, who.user, {"password": ["recovered", None]})
    print(cli.t(f"已用恢复码为 {who.user} 设置新密码，数据未受影响。", f"New password set for {who.user} with the recovery code."))
    return 0


def cmd_users_setup(cli: Cli) -> int:
    """Users for a database made without them: the director, and the recovery code once."""
    from app.cli import print_json
    from app.protection.keyring import PRODUCTION
    from app.protection.users import protect_existing_database

    a = cli.args
    engine = cli.engine  # refused here already if the database has users
    code = protect_existing_database(engine, a.db, director=a.name, password=new_password(cli, a.name),
                                     kdf=cli.kdf or PRODUCTION)
    if a.json:
        print_json({"user": a.name.strip(), "role": "director", "recovery_code": code})
        return 0
    print(cli.t(f"已设置主任 {a.name.strip()}：从现在起每个命令和应用都须登录。",
                f"Director {a.name.strip()} set up: every command and the app now sign in."))
    print(cli.t(f"恢复码（只显示这一次，请抄在纸上交乡镇保管）：{code}",
                f"Recovery code (shown only this once; write it down): {code}"))
    return 0


def register(sub: Any) -> None:
    users = sub.add_parser("users", help="本单位的用户（须主任登录）").add_subparsers(dest="action", required=True)
    s = users.add_parser("list", help="列出用户")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_users_list)
    s = users.add_parser("add", help="添加用户；新密码取自 GUANAI_NEW_PASSWORD、标准输入或终端")
    s.add_argument("name")
    s.add_argument("--role", required=True, choices=["director", "clerk", "supervisor", "auditor"],
                   help="director 主任、clerk 工作人员、supervisor 督导员、auditor 审计员")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_users_add)
    s = users.add_parser("disable", help="停用用户（删除其密钥副本）")
    s.add_argument("name")
    s.set_defaults(handler=cmd_users_disable)
    s = users.add_parser("password", help="设置新密码（主任为任何人，或用户为自己）")
    s.add_argument("name")
    s.set_defaults(handler=cmd_users_password)
    s = users.add_parser("setup", help="为没有用户的已有数据库设置主任（密码取自 GUANAI_NEW_PASSWORD、标准输入或终端），打印一次恢复码")
    s.add_argument("name")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_users_setup)
    s = users.add_parser("recover", help="忘记密码：用恢复码设置新密码（不需登录，数据不受影响）")
    s.add_argument("name")
    s.add_argument("--recovery-code", dest="recovery_code", required=True, help="设置时打印的恢复码")
    s.set_defaults(handler=cmd_users_recover)


def add_global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password-stdin", dest="password_stdin", action="store_true",
                   help="从标准输入第一行读取登录密码（否则取 GUANAI_PASSWORD）；需要新密码时再读下一行")

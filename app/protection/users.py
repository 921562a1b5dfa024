"""The office's users: set up with the director, added, disabled, given a new password.
Only the director manages users (roles.Permission.manage_users); each change is one audit
row in the database (table name "users") and one atomic write of the keyring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.care.context import Actor
from app.protection import roles
from app.protection.keyring import (
    PRODUCTION,
    ROLE_NAMES,
    KdfParams,
    KeyringError,
    KeyringStore,
    SidecarKeyring,
    UserEntry,
    WrappedKey,
    check_password,
    check_role,
    check_user_name,
    keyring_store,
    new_keyring,
    now_text,
    sqlite_file_of,
)
from app.protection.roles import Permission, SignedIn

T = TypeVar("T")
AUDIT_TABLE = "users"


@dataclass(frozen=True)
class UserView:
    name: str
    role: str
    disabled: bool
    created_at: str
    slowed: bool

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "disabled": self.disabled, "created_at": self.created_at}


def list_users(store: KeyringStore) -> list[UserView]:
    return [UserView(u.name, u.role, u.disabled, u.created_at, u.failures >= 5) for u in store.load().users]


def _key(session: Session) -> bytes:
    who = roles.signed_in(session)
    if who is None:
        raise roles.NotPermitted("请先以主任身份登录。", "Sign in as the director first.")
    return who.key


def _audit(session: Session, actor: Actor, action: str, name: str, changes: dict[str, Any]) -> None:
    from app.care.writes import audit

    audit(session, actor, action, AUDIT_TABLE, name, changes)


def add_user(session: Session, actor: Actor, store: KeyringStore, name: str, role: str, password: str) -> UserView:
    roles.require(session, Permission.manage_users)
    name, role = check_user_name(name), check_role(role)
    check_password(password)
    keyring = store.load()
    if keyring.user(name) is not None:
        raise KeyringError(f"用户名“{name}”已有人使用，请换一个（如加上姓氏）。", f"User {name} exists already.")
    entry = UserEntry(name, role, wrapped=WrappedKey.seal(_key(session), password, keyring.kdf), created_at=now_text())
    _audit(session, actor, "create", name, {"role": [None, role]})
    session.flush()  # the audit row is in before the keyring changes: a failure rolls it back
    store.save(keyring.with_user(entry))
    return UserView(name, role, False, entry.created_at, False)


def disable_user(session: Session, actor: Actor, store: KeyringStore, name: str) -> None:
    """The user can no longer sign in: their copy of the key is deleted, not just flagged."""
    roles.require(session, Permission.manage_users)
    keyring = store.load()
    entry = keyring.user(name)
    if entry is None:
        raise KeyringError(f"没有用户“{name}”。请用 guanai users list 查看用户。", f"No user {name}.")
    if entry.disabled:
        return
    if entry.role == "director" and not any(u.role == "director" and not u.disabled and u.name != name
                                            for u in keyring.users):
        raise KeyringError(f"“{name}”是唯一的主任，不能停用：请先添加另一位主任。",
                           f"{name} is the only director; add another director first.")
    _audit(session, actor, "update", name, {"disabled": [False, True]})
    session.flush()
    store.save(keyring.with_user(replace(entry, disabled=True, wrapped=None, failures=0, slowed_until=None)))


def set_password(session: Session, actor: Actor, store: KeyringStore, name: str, password: str) -> None:
    """A new password: the director's for anyone, or a user's own."""
    who = roles.signed_in(session)
    if who is None or who.user != name:
        roles.require(session, Permission.manage_users)
    check_password(password)
    keyring = store.load()
    entry = keyring.user(name)
    if entry is None:
        raise KeyringError(f"没有用户“{name}”。请用 guanai users list 查看用户。", f"No user {name}.")
    if entry.disabled:
        raise KeyringError(f"用户“{name}”已停用，不能设置密码。", f"User {name} is disabled.")
    _audit(session, actor, "update", name, {"password": ["changed", None]})
    session.flush()
    store.save(keyring.with_user(replace(entry, wrapped=WrappedKey.seal(_key(session), password, keyring.kdf),
                                         failures=0, slowed_until=None)))


# ---- a new database with users ------------------------------------------------------------


class SetupRefused(KeyringError):
    pass


def protect_new_database(target: str | Path | None, *, director: str, password: str, encrypted: bool,
                         setup: Callable[[Session, Actor | None], T], kdf: KdfParams = PRODUCTION,
                         busy_timeout_ms: int | None = None) -> tuple[T, str, Any]:
    """Create the keyring with its director and the database behind it (encrypted with K
    unless not `encrypted`), then run `setup(session, None)` (the office's setup) in one
    transaction as the director. (result, the recovery code, the engine.) A refusal leaves
    nothing behind: the new file and its keyring are removed."""
    from app.db import BUSY_TIMEOUT_MS, create_schema, open_database, unit_of_work

    path = sqlite_file_of(target)
    if path is not None and path.exists() and path.stat().st_size > 0:
        raise SetupRefused(
            f"数据库文件 {path} 已存在。设置用户（--user）须用新的数据库文件；已有的数据库请在应用里登录后转换。",
            f"The database file {path} exists already: --user needs a new file.")
    keyring, key, code = new_keyring(director, password, encrypted=encrypted and path is not None, kdf=kdf)
    who = SignedIn(keyring.users[0].name, "director", key, keyring.encrypted)
    engine = None
    try:
        # A new file: its schema made in place (nothing to back up), so it is encrypted from
        # its first page; a server database is migrated as usual.
        engine = open_database(target, busy_timeout_ms=busy_timeout_ms or BUSY_TIMEOUT_MS,
                               key=key if keyring.encrypted else None, migrate=path is None)
        if path is not None:
            create_schema(engine)
        store = keyring_store(target, engine)
        if path is None and store.exists():
            raise SetupRefused("本服务器数据库已设有用户。", "This server database has users already.")
        roles.bind(engine, who)
        with unit_of_work(engine) as s:
            roles.mark_has_users(s)
            result = setup(s, None)
            from app.care.context import actor_for

            _audit(s, actor_for(s), "create", who.user, {"role": [None, "director"]})
            s.flush()
            store.save(keyring)
    except BaseException:
        if engine is not None:
            engine.dispose()
        if path is not None:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.keyring")):
                leftover.unlink(missing_ok=True)
        raise
    return result, code, engine


def protect_existing_database(engine: Any, target: str | Path | None, *, director: str, password: str,
                              kdf: KdfParams = PRODUCTION) -> str:
    """Users for a database made without them (before issue 15, or by `guanai init` without
    `--user`): its director, a new office key and the recovery code (returned, to show once).
    From then on every command and the app sign in. A SQLite file is then converted in place
    with at_rest.encrypt_file, which compares every table of the encrypted copy with the plain
    file before the copy replaces it. `engine` is disposed for that: the caller reopens it.

    A conversion that fails before the swap leaves the plain file as it was and takes the
    users back (the keyring removed, an audit row), so the database opens as before and the
    setup can be tried again; the error says so."""
    from app.care.context import actor_for, this_office
    from app.db import unit_of_work
    from app.protection.at_rest import encrypt_file, is_encrypted_file

    store = keyring_store(target, engine)
    if store.exists():
        raise SetupRefused("本数据库已设有用户。", "This database has users already.")
    keyring, key, code = new_keyring(director, password, encrypted=False, kdf=kdf)
    name = keyring.users[0].name
    with unit_of_work(engine) as s:
        this_office(s)  # refused in words when the database is not set up yet
        roles.mark_has_users(s)
        _audit(s, actor_for(s, user=name), "create", name, {"role": [None, "director"]})
        s.flush()
        store.save(keyring)
    path = sqlite_file_of(target)
    if path is None:
        return code
    engine.dispose()
    try:
        encrypt_file(path, key)
    except Exception as error:
        if is_encrypted_file(path):  # swapped already (a copy beside it failed): K opens it
            store.save(replace(store.load(), encrypted=True))
            raise
        _take_users_back(engine, store, name)
        from app.care.errors import ServiceError

        why = error.zh if isinstance(error, ServiceError) else str(error)
        raise SetupRefused(f"加密没有完成，数据库仍是原来的未加密文件，数据完好，可以照常使用，之后可再设置密码。原因：{why}",
                           f"Encryption did not complete; the database is still the plain file, intact and "
                           f"usable; try again later. Cause: {error}") from error
    store.save(replace(store.load(), encrypted=True))
    return code


def _take_users_back(engine: Any, store: KeyringStore, name: str) -> None:
    """Undo the users of a conversion that failed: the database is again one without users."""
    from app.care.context import actor_for, put_setting
    from app.db import unit_of_work

    with unit_of_work(engine) as s:
        put_setting(s, roles.USERS_KEY, "none")
        s.info.pop(roles.USERS_KEY, None)
        _audit(s, actor_for(s, user=name), "delete", name, {"role": ["director", None],
                                                              "reason": "encryption failed"})
        s.flush()
    # after the commit: a keyring left behind still opens the database, a missing one would not
    if isinstance(store, SidecarKeyring):
        store.path.unlink(missing_ok=True)
    engine.dispose()

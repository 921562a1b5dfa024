"""Signing in: a name and a password open the office key K from the keyring; five wrong
passwords in a row slow the next tries, by a delay that grows and is kept in the keyring (so
restarting the program does not reset it). A wrong name and a wrong password get the same
words, so the refusal does not tell which names exist.

`open_signed_in` opens the database with K (a SQLite file encrypted unless made with
`--no-encryption`) and binds the user to the engine (app/protection/roles.py), so every write
and audit row on it carries that user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.care.errors import ServiceError
from app.protection import roles
from app.protection.keyring import (
    Keyring,
    KeyringStore,
    keyring_store,
    normal_recovery_code,
    now_text,
)
from app.protection.roles import SignedIn

__all__ = ["FREE_TRIES", "SignInRefused", "SignedIn", "delay_after", "open_signed_in", "recover", "sign_in"]

FREE_TRIES = 5  # wrong passwords in a row before the next tries are slowed
FIRST_DELAY_S, LONGEST_DELAY_S = 30, 15 * 60
PENDING_KEPT = 200  # failed sign-ins kept for the access log until someone signs in


class SignInRefused(ServiceError):
    """Wrong name or password, a disabled user, or a try during the slowing; `wait_s` says how
    long to wait when slowed."""

    def __init__(self, zh: str, en: str, *, wait_s: int = 0) -> None:
        super().__init__(zh, en, field="password")
        self.wait_s = wait_s


def delay_after(failures: int) -> int:
    """Seconds before the next try is checked, after `failures` wrong passwords in a row:
    none for the first five, then 30 s, doubling to at most 15 minutes."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failures - FREE_TRIES), LONGEST_DELAY_S)


def wait_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} 秒"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} 分 {rest} 秒" if rest else f"{minutes} 分钟"


def _store(target: str | Path | KeyringStore | None) -> KeyringStore:
    if isinstance(target, str | Path) or target is None:
        return keyring_store(target)
    return target


def _note_failure(store: KeyringStore, keyring: Keyring, name: str, now: dt.datetime) -> int:
    """Count a wrong password (a known user's) and keep it for the access log; returns the
    wait now imposed, in seconds."""
    from app.config import laptop_id

    entry = keyring.user(name)
    wait = 0
    if entry is not None:
        failures = entry.failures + 1
        wait = delay_after(failures)
        until = now_text(now + dt.timedelta(seconds=wait)) if wait else None
        keyring = keyring.with_user(replace(entry, failures=failures, slowed_until=until))
    pending = (*keyring.pending, {"event": "sign_in_failed", "user": name[:30], "at": now_text(now),
                                  "laptop": laptop_id()})
    store.save(replace(keyring, pending=pending[-PENDING_KEPT:]))
    return wait


def sign_in(target: str | Path | KeyringStore | None, name: str, password: str, *,
            now: dt.datetime | None = None) -> SignedIn:
    """K for this user, or SignInRefused (Chinese words; nothing else said about why)."""
    now = now or dt.datetime.now(dt.UTC)
    store = _store(target)
    keyring = store.load()
    name = (name or "").strip()
    entry = keyring.user(name)
    if entry is not None and entry.slowed_until is not None:
        left = int((dt.datetime.fromisoformat(entry.slowed_until) - now).total_seconds()) + 1
        if left > 0:
            raise SignInRefused(
                f"密码已连续输错 {entry.failures} 次，为保护数据，请 {wait_words(left)}后再试。"
                "如果忘记了密码，请主任重设，或用恢复码找回。",
                f"{entry.failures} wrong passwords in a row: try again in {left} s.", wait_s=left)
    if entry is not None and entry.disabled:
        raise SignInRefused(f"用户“{name}”已被停用，不能登录。如有需要，请主任重新启用或为您新建用户。",
                            f"User {name} is disabled.")
    key = entry.wrapped.open(password) if entry is not None and entry.wrapped is not None else None
    if entry is None or key is None:
        wait = _note_failure(store, keyring, name, now)
        slowed = f"已连续输错 {FREE_TRIES} 次以上，请 {wait_words(wait)}后再试。" if wait else ""
        raise SignInRefused(f"用户名或密码不正确，请重新输入。{slowed}",
                            "Wrong user name or password." + (f" Try again in {wait} s." if wait else ""),
                            wait_s=wait)
    if entry.failures or entry.slowed_until:
        store.save(keyring.with_user(replace(entry, failures=0, slowed_until=None)))
    return SignedIn(entry.name, entry.role, key, keyring.encrypted)


def recover(target: str | Path | KeyringStore | None, name: str, code: str, new_password: str) -> SignedIn:
    """A forgotten password: the recovery code opens K, which is sealed again under the user's
    new password. Nothing else changes, so nothing is lost."""
    from app.protection.keyring import WrappedKey, check_password

    store = _store(target)
    keyring = store.load()
    entry = keyring.user((name or "").strip())
    if entry is None:
        raise SignInRefused(f"没有用户“{name}”。", f"No user {name}.")
    if entry.disabled:
        raise SignInRefused(f"用户“{name}”已被停用，不能用恢复码找回；请主任新建用户。", f"User {name} is disabled.")
    check_password(new_password)
    key = keyring.recovery.open(normal_recovery_code(code))
    if key is None:
        raise SignInRefused("恢复码不正确。请对照打印的恢复码逐组核对（共 5 组，每组 5 个字母或数字）。",
                            "Wrong recovery code.")
    entry = replace(entry, wrapped=WrappedKey.seal(key, new_password, keyring.kdf), failures=0, slowed_until=None)
    store.save(keyring.with_user(entry))
    return SignedIn(entry.name, entry.role, key, keyring.encrypted)


def take_pending(store: KeyringStore) -> tuple[dict[str, str], ...]:
    keyring = store.load()
    if keyring.pending:
        store.save(replace(keyring, pending=()))
    return keyring.pending


def after_sign_in(engine: Any, who: SignedIn, store: KeyringStore) -> None:
    """The sign-in and the failed ones kept in the keyring before it (an encrypted file
    cannot be written until someone signs in), into the access log."""
    from app.care.context import Actor, actor_for
    from app.db import unit_of_work
    from app.protection import access_log

    pending = take_pending(store)
    with unit_of_work(engine) as s:
        actor = actor_for(s)
        for p in pending:
            try:
                at = dt.datetime.fromisoformat(p["at"])
            except (KeyError, ValueError):
                at = dt.datetime.now(dt.UTC)
            where = Actor(actor.office_code, p.get("laptop") or actor.laptop_id, actor.user)
            access_log.log_sign_in_failed(s, where, p.get("user", "?"), at, reason="密码错误")
        access_log.log_sign_in(s, actor)


def open_signed_in(target: str | Path | None, who: SignedIn, *, migrate: bool = True,
                   busy_timeout_ms: int | None = None, store: KeyringStore | None = None,
                   engine: Any = None) -> Any:
    """The engine of a database for a user who signed in: opened with K when encrypted, and
    bound to the user. `engine`: a server database's, already open (its keyring is in it)."""
    from app.db import BUSY_TIMEOUT_MS, open_database

    if engine is None:
        engine = open_database(target, migrate=migrate, busy_timeout_ms=busy_timeout_ms or BUSY_TIMEOUT_MS,
                               key=who.key if who.encrypted else None)
    roles.bind(engine, who)  # first: the keys moved below are audited as this user
    if engine.dialect.name != "sqlite" and who.key is not None:
        # A server: K is not a file's key, but it seals the office's private keys in the
        # database and the attachment files, so every signed-in computer of the office sends
        # and receives bundles (issue 17 point 4; app/protection/at_rest.py).
        from app.db import seal_office_keys
        from app.protection.at_rest import remember_key

        remember_key(engine, who.key)
        seal_office_keys(engine)
    after_sign_in(engine, who, store or keyring_store(target, engine))
    return engine

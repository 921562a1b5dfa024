"""What each role may do, and who is signed in on an engine.

director: everything, and manages the users. clerk: care work and registrations; no user
management, no full-ID exports or prints. supervisor: the township's oversight records;
reads the villages. auditor: reads, and the access log.

A database without users (`guanai init` without `--user`: scripts, tests, demos) allows
everything as before. A database with users marks itself in local_settings, so an engine
opened without signing in is refused every write (and a lost sidecar does not silently turn
the users off).

Who is signed in belongs to the engine the sign-in opened (app/protection/signin.py binds
it): every Session on that engine, the CLI's and the app's worker's alike, then writes as
that user (app/care/context.py actor_for) and is checked against that role here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from app.care.errors import ServiceError

USERS_KEY = "protection"  # local_settings: "users" once the office has users
USERS_VALUE = "users"


class Permission(StrEnum):
    manage_users = "manage_users"
    write_care = "write_care"  # care work, registrations, programmes: every record but oversight
    write_oversight = "write_oversight"  # supervision, rectification, assessment, period locks
    disclose_ids = "disclose_ids"  # print or export full ID numbers
    read_access_log = "read_access_log"
    # the office's decisions over many records: the retention period, removing expired data
    decide_retention = "decide_retention"


GRANTS: dict[str, frozenset[Permission]] = {
    "director": frozenset(Permission),
    "clerk": frozenset({Permission.write_care}),
    "supervisor": frozenset({Permission.write_oversight}),
    "auditor": frozenset({Permission.read_access_log}),
}

# The township's oversight records (app/models/oversight.py): what a supervisor writes.
OVERSIGHT_TABLES = frozenset({"supervision_visits", "rectification_items", "semiannual_assessments",
                              "assessment_items", "assessment_rules", "period_locks", "duplicate_decisions"})

_WORDS = {
    Permission.manage_users: ("管理用户（添加、停用、重设密码）", "manage users"),
    Permission.write_care: ("登记或修改关爱对象和关爱工作记录", "write registrations and care work"),
    Permission.write_oversight: ("填写督导、整改、考核记录", "write oversight records"),
    Permission.disclose_ids: ("打印或导出含完整身份证号的文件", "print or export full ID numbers"),
    Permission.read_access_log: ("查看访问记录", "read the access log"),
    Permission.decide_retention: ("设定保存期限或删除保存期满的信息", "set the retention period or remove expired data"),
}
ROLE_WORDS = {"director": "主任", "clerk": "工作人员", "supervisor": "督导员", "auditor": "审计员"}


class NotPermitted(ServiceError):
    """The signed-in user's role does not allow this; nothing was written."""


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, as what, and the office key the sign-in opened."""

    user: str
    role: str
    key: bytes
    encrypted: bool

    def __repr__(self) -> str:  # never print the key
        return f"SignedIn(user={self.user!r}, role={self.role!r})"


_signed_in: weakref.WeakKeyDictionary[Any, SignedIn] = weakref.WeakKeyDictionary()


def bind(engine: Any, who: SignedIn | None) -> None:
    """Every Session on `engine` acts as `who` from now on (None: nobody; after a lock)."""
    if who is None:
        _signed_in.pop(engine, None)
    else:
        _signed_in[engine] = who


def signed_in_engine(engine: Any) -> SignedIn | None:
    return _signed_in.get(engine)


def signed_in(session: Session) -> SignedIn | None:
    bind_ = session.get_bind()
    engine = getattr(bind_, "engine", bind_)
    return _signed_in.get(engine)


def has_users(session: Session) -> bool:
    cached = session.info.get(USERS_KEY)
    if cached is None:
        from app.models import LocalSetting

        row = session.get(LocalSetting, USERS_KEY)
        cached = session.info[USERS_KEY] = row is not None and row.value == USERS_VALUE
    return bool(cached)


def mark_has_users(session: Session) -> None:
    from app.care.context import put_setting

    put_setting(session, USERS_KEY, USERS_VALUE)
    session.info[USERS_KEY] = True


def current_role(session: Session) -> str | None:
    """The signed-in user's role; None on a database without users (everything allowed)."""
    who = signed_in(session)
    if who is not None:
        return who.role
    return None


def allowed(session: Session, permission: Permission) -> bool:
    who = signed_in(session)
    if who is None:
        return not has_users(session)
    return permission in GRANTS.get(who.role, frozenset())


def require(session: Session, permission: Permission) -> None:
    """Raises NotPermitted unless the signed-in user's role allows `permission`."""
    if allowed(session, permission):
        return
    zh, en = _WORDS[permission]
    who = signed_in(session)
    if who is None:
        raise NotPermitted("本数据库设有用户：请先登录（设置 GUANAI_USER 和 GUANAI_PASSWORD，或在应用里登录）。",
                           "This database has users: sign in first (GUANAI_USER and GUANAI_PASSWORD).")
    raise NotPermitted(
        f"{who.user}（{ROLE_WORDS.get(who.role, who.role)}）没有权限{zh}。请由主任操作，或请主任调整您的角色。",
        f"{who.user} ({who.role}) may not {en}; ask the director.")


# Written for whoever signed in, whatever the role: the access log records an auditor's
# reading as much as a clerk's.
EVERY_ROLE_WRITES = frozenset({"access_log"})


def require_write(session: Session, table: str) -> None:
    """The check of app/care/writes.py before any record of `table` is written."""
    if signed_in(session) is None and not has_users(session):
        return  # the common case of a database without users: no lookup more
    if table in EVERY_ROLE_WRITES and signed_in(session) is not None:
        return
    require(session, Permission.write_oversight if table in OVERSIGHT_TABLES else Permission.write_care)

"""How long the app may stay untouched before it locks (issue 15): set by the director,
kept in the database (local_settings, audited), 10 minutes unless set."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.care.context import Actor, get_setting, put_setting
from app.care.errors import ValidationError
from app.protection import roles

IDLE_KEY = "idle_lock_minutes"
DEFAULT_MINUTES, LONGEST_MINUTES = 10, 240


def idle_minutes(session: Session) -> int:
    value = get_setting(session, IDLE_KEY)
    try:
        return max(1, min(LONGEST_MINUTES, int(value))) if value else DEFAULT_MINUTES
    except ValueError:
        return DEFAULT_MINUTES


def set_idle_minutes(session: Session, actor: Actor, minutes: int) -> int:
    from app.care.writes import audit

    roles.require(session, roles.Permission.manage_users)
    if not 1 <= minutes <= LONGEST_MINUTES:
        raise ValidationError(f"自动锁定：应为 1 到 {LONGEST_MINUTES} 分钟。",
                              f"Idle lock: 1 to {LONGEST_MINUTES} minutes.", field="idle_lock_minutes")
    old = get_setting(session, IDLE_KEY)
    if old != str(minutes):
        put_setting(session, IDLE_KEY, str(minutes))
        audit(session, actor, "update", "local_settings", IDLE_KEY, {"value": [old, str(minutes)]})
    return minutes

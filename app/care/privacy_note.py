"""Whether this database's director has been shown the privacy note (issue 15, point 6): a
local setting (the note is shown on this laptop, once), with an audit row, since showing it is
part of the records of processing (PIPL arts. 17 and 55)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, get_setting, put_setting

SEEN_KEY = "privacy_note_seen"


def note_seen(session: Session) -> bool:
    return get_setting(session, SEEN_KEY) is not None


def mark_note_seen(session: Session, actor: Actor) -> None:
    if note_seen(session):
        return
    put_setting(session, SEEN_KEY, f"{dt.date.today().isoformat()} {actor.user}")
    writes.audit(session, actor, "notice", "local_settings", None, {"privacy_note": [None, "shown"]})

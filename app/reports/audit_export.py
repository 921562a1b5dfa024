"""The access trail of documents that carry full ID numbers: every print or export of
one (an agreement, a household profile, the ministry's child form, the roster workbook)
writes one audit row saying who made it, which document, for how many people and into
which file. The numbers leave the database in that file; the row is how a county later
answers "who printed these, and where did they go" (DOMAIN.md: revealing is logged)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor, actor_for

ACTION = "disclose"  # audit_log.action: a read that let full ID numbers out, not a write
TABLE = "recipients"
SPREADSHEETS = frozenset({"roster_export"})  # exported; every other document is printed (a PDF)
PRINT_FULL_IDS, EXPORT_FULL_IDS = "print_full_ids", "export_full_ids"


def record_id_disclosure(session: Session, *, document: str, people: int, path: Path | str,
                         recipient_id: str | None = None, actor: Actor | None = None) -> None:
    """One audit row for a file holding the full ID numbers of `people` persons (the
    recipient's id when the file is about one). `document` is the code name of what was
    made (agreement, profile, child_registration, roster_export)."""
    from app.protection.access_log import log_access

    require_disclosure(session)
    actor = actor or actor_for(session)
    shown = printable_path(path)
    writes.audit(session, actor, ACTION, TABLE, recipient_id,
                 {"document": document, "id_numbers": "full", "people": people, "file": shown})
    # The access log too (issue 15): it travels up, so the township sees where the numbers went.
    event = EXPORT_FULL_IDS if document in SPREADSHEETS else PRINT_FULL_IDS
    log_access(session, actor, event, person_id=recipient_id, count=people, detail=f"{document}: {shown}")


def require_disclosure(session: Session) -> None:
    """Only the director prints or exports full ID numbers (issue 15; a database without
    users allows it as before). Called before the file is written, so a refusal leaves none."""
    from app.protection.roles import Permission, require

    require(session, Permission.disclose_ids)


def printable_path(path: Path | str) -> str:
    """The file's path as text the audit can hold: a name whose bytes are not UTF-8 (a USB
    stick written on another system) keeps its readable part, the rest shown as �."""
    raw = str(Path(path).resolve())
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

"""Records that can be opened and corrected (issue 16): a care record is read whole (its photos,
findings and follow-up), a mistake in it is corrected — the old values stay in the audit trail,
with the reason — or the record is voided with a reason (a tombstone, travelling like any
change); an attachment is removed the same way. And the recipient's change history: who
changed which field when, old and new value, read back from the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.care import writes
from app.care.context import Actor
from app.care.errors import NotFoundError, ValidationError
from app.care.text_rules import check_text
from app.models import (
    Agreement,
    Attachment,
    AuditEntry,
    CareRecord,
    FollowUpItem,
    Guardian,
    HouseholdMember,
    Recipient,
    Responsibility,
)

REASON_MAX = 200
# What a correction may change on a care record: what was written down, and when.
CORRECTABLE = ("occurred_on", "note", "problems", "findings", "visitors", "items", "donor")


@dataclass(frozen=True)
class AttachmentLine:
    id: str
    file_name: str
    caption: str | None
    kind: str


@dataclass(frozen=True)
class FollowUpLine:
    id: str
    problem: str
    person: str
    due_on: dt.date
    status: str
    close_note: str | None


@dataclass(frozen=True)
class CareRecordView:
    id: str
    recipient_id: str
    kind: str
    occurred_on: dt.date
    recorded_by: str
    reached: bool | None
    note: str | None
    problems: str | None
    findings: str | None
    visitors: str | None
    items: str | None
    value_fen: int | None
    donor: str | None
    attachments: tuple[AttachmentLine, ...]
    follow_ups: tuple[FollowUpLine, ...]


def _record(session: Session, record_id: str) -> CareRecord:
    c = session.get(CareRecord, record_id)
    if c is None or c.deleted:
        raise NotFoundError("这条关爱记录不存在或已作废。", "No such care record (or it was voided).", field="id")
    return c


def _reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text or len(text) > REASON_MAX:
        raise ValidationError(f"原因：请写明{what}的原因（1 到 {REASON_MAX} 个字），会留在修改记录里。",
                              f"Reason: say why (1 to {REASON_MAX} characters).", field="reason")
    return check_text("audit_log", "reason", text)


def care_record_view(session: Session, record_id: str) -> CareRecordView:
    c = _record(session, record_id)
    photos = session.scalars(select(Attachment).where(
        Attachment.owner_table == "care_records", Attachment.owner_id == c.id, Attachment.deleted.is_(False))
        .order_by(Attachment.hlc))
    follow = session.scalars(select(FollowUpItem).where(
        FollowUpItem.source_id == c.id, FollowUpItem.deleted.is_(False)).order_by(FollowUpItem.opened_on))
    return CareRecordView(
        c.id, c.recipient_id, c.kind, c.occurred_on, c.recorded_by, c.reached, c.note, c.problems, c.findings,
        c.visitors, c.items, c.value_fen, c.donor,
        tuple(AttachmentLine(a.id, a.file_name, a.caption, a.kind) for a in photos),
        tuple(FollowUpLine(f.id, f.problem, f.person, f.due_on, f.status, f.close_note) for f in follow))


def correct_care_record(session: Session, actor: Actor, /, record_id: str, *, reason: str,
                        **changes: Any) -> CareRecord:
    """Correct what was written down (the fields in CORRECTABLE); the old values stay in the
    audit trail beside the reason. A date in the future, or an empty change, is refused."""
    c = _record(session, record_id)
    why = _reason(reason, "更正")
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(f"不能更正这些内容：{'、'.join(sorted(unknown))}。", f"Cannot correct {sorted(unknown)}.",
                              field=sorted(unknown)[0])
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "occurred_on":
            if not isinstance(value, dt.date) or value > dt.date.today():
                raise ValidationError("日期：不能晚于今天。", "The date cannot be in the future.", field="occurred_on")
            values[field] = value
        else:
            text = (value or "").strip() or None
            values[field] = check_text("care_records", field, text) if text else None
    if not any(getattr(c, k) != v for k, v in values.items()):
        raise ValidationError("没有需要更正的内容。", "Nothing to correct.", field="note")
    writes.update(session, actor, c, **values)
    writes.audit(session, actor, "correct", "care_records", c.id, {"reason": [None, why]})
    return c


def void_care_record(session: Session, actor: Actor, record_id: str, *, reason: str) -> None:
    """A record made by mistake (the wrong person, twice): voided as a tombstone with the reason;
    it leaves the figures and travels up like any change."""
    c = _record(session, record_id)
    writes.delete(session, actor, c, reason=_reason(reason, "作废"))


def remove_attachment(session: Session, actor: Actor, attachment_id: str, *, reason: str) -> None:
    """A photo or scan attached by mistake: tombstoned with the reason (the file stays in the
    store: other records may share it, and the audit keeps what was removed)."""
    a = session.get(Attachment, attachment_id)
    if a is None or a.deleted:
        raise NotFoundError("这个附件不存在或已删除。", "No such attachment.", field="id")
    writes.delete(session, actor, a, reason=_reason(reason, "删除附件"))


# ---- the change history ------------------------------------------------------------------------

@dataclass(frozen=True)
class ChangeLine:
    at: dt.datetime
    user: str
    action: str  # create / update / delete / correct …
    table: str
    record_id: str
    field: str
    old: str
    new: str


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def change_history(session: Session, recipient_id: str, *, limit: int = 2000) -> list[ChangeLine]:
    """Every audited change to the recipient and to the records that hang on them (household,
    guardians, care records, responsibilities, agreements, attachments of the care records),
    newest first, one line per field."""
    r = session.get(Recipient, recipient_id)
    if r is None:
        raise NotFoundError("没有这个关爱对象。", "No such recipient.", field="id")
    ids: dict[str, str] = {r.id: "recipients"}
    for model in (Guardian, HouseholdMember, CareRecord, Responsibility, Agreement, FollowUpItem):
        for rid in session.scalars(select(model.id).where(model.recipient_id == r.id)):
            ids[rid] = model.__tablename__
    care = [k for k, t in ids.items() if t == "care_records"]
    for part in range(0, len(care), 500):
        for aid in session.scalars(select(Attachment.id).where(Attachment.owner_table == "care_records",
                                                               Attachment.owner_id.in_(care[part:part + 500]))):
            ids[aid] = "attachments"
    keys = list(ids)
    entries: list[AuditEntry] = []
    for part in range(0, len(keys), 500):
        entries += session.scalars(select(AuditEntry).where(AuditEntry.record_id.in_(keys[part:part + 500])))
    entries.sort(key=lambda e: (e.at, e.seq), reverse=True)
    lines: list[ChangeLine] = []
    for e in entries:
        try:
            changes = json.loads(e.changes_json or "{}")
        except ValueError:
            changes = {}
        for field, pair in changes.items() if isinstance(changes, dict) else ():
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            lines.append(ChangeLine(e.at, e.user, e.action, e.table_name, e.record_id or "", field,
                                    _shown(old), _shown(new)))
            if len(lines) >= limit:
                return lines
    return lines

"""Evidence: content-addressed attachments (photos, scans) and the audit trail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced, UTCDateTime


class Attachment(Synced, Base):
    """A file kept as evidence, stored once by its SHA-256 in the attachment store and
    linked to the record it belongs to."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_table", "owner_id"),)

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    owner_table: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(String(36))
    caption: Mapped[str | None] = mapped_column(String(200))
    taken_on: Mapped[dt.date | None] = mapped_column()


class AuditEntry(Base):
    """One write: who, when, on which office and laptop, what changed (old and new)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    office_code: Mapped[str] = mapped_column(String(12))
    laptop_id: Mapped[str] = mapped_column(String(36))
    user: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(10))  # create / update / delete / bulk
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(36))
    hlc: Mapped[str | None] = mapped_column(String(40))
    changes_json: Mapped[str] = mapped_column(Text)

"""Care work: the four ones (records and micro-wishes), the rules that say how often, and
care activities with attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, CodeSet, Synced


class CareRecord(Synced, Base):
    """One phone follow-up, home visit or delivery of material aid. Immutable once made
    (corrections are a tombstone and a new record), so merging the same one twice is a
    no-op."""

    __tablename__ = "care_records"
    # Covers the schedule's question "did this recipient get this kind of care in this
    # period?" without reading the rows themselves (reached and deleted are in the index).
    __table_args__ = (Index("ix_care_records_done", "recipient_id", "kind", "occurred_on", "reached", "deleted"),)

    recipient_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(15))
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
    # phone follow-up
    reached: Mapped[bool | None] = mapped_column(Boolean)
    problems: Mapped[str | None] = mapped_column(Text)
    needs_action: Mapped[bool] = mapped_column(Boolean, default=False)
    # home visit
    visitors: Mapped[str | None] = mapped_column(String(200))
    findings: Mapped[str | None] = mapped_column(Text)
    # material aid
    items: Mapped[str | None] = mapped_column(String(200))
    value_fen: Mapped[int | None] = mapped_column(Integer)
    donor: Mapped[str | None] = mapped_column(String(100))


class MicroWish(Synced, Base):
    """A micro-wish (微心愿): collected → claimed by a donor or unit → fulfilled. It counts
    towards the quarter only when fulfilled."""

    __tablename__ = "micro_wishes"
    __table_args__ = (Index("ix_micro_wishes_done", "recipient_id", "fulfilled_on", "stage", "deleted"),)

    recipient_id: Mapped[str] = mapped_column(String(36))
    description: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(10), default="collected")
    collected_on: Mapped[dt.date] = mapped_column(Date)
    claimed_on: Mapped[dt.date | None] = mapped_column(Date)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    fulfilled_on: Mapped[dt.date | None] = mapped_column(Date)
    fulfilled_with: Mapped[str | None] = mapped_column(String(200))
    value_fen: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(50))


class CareRule(Synced, Base):
    """How often a kind of care work is owed, to whom, and while which dates: county policy
    as data. NULL in `category` or `key_monitoring` means "any"."""

    __tablename__ = "care_rules"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(15))
    category: Mapped[str | None] = mapped_column(String(30))
    key_monitoring: Mapped[bool | None] = mapped_column(Boolean)
    applies_to_status: Mapped[str] = mapped_column(String(10), default="confirmed")
    period: Mapped[str] = mapped_column(String(10))
    count_per_period: Mapped[int] = mapped_column(Integer, default=1)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    set_by_office: Mapped[str] = mapped_column(String(12))


class RetentionRule(Synced, Base):
    """How long the register keeps a person's sensitive fields after they exit (county
    policy as data, like the care rules; PIPL art. 19: no longer than the purpose needs).
    One record, seeded the same in every office; the county edits it and the edit travels
    down. app/care/retention.py removes what it says is due."""

    __tablename__ = "retention_rules"

    years: Mapped[int] = mapped_column(Integer, default=5)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    set_by_office: Mapped[str] = mapped_column(String(12))


class FlagChange(Synced, Base):
    """A change of a recipient's categories or key-monitoring flag (issue 14): until
    `changed_on` the recipient had these categories and this flag. The schedule counts each
    period by what held on its midpoint (app.care.schedule), so switching a flag off today
    leaves last quarter's figures as they were. Written with the change (app.care.writes),
    immutable, travels with the recipient's records."""

    __tablename__ = "flag_changes"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    categories: Mapped[tuple[str, ...]] = mapped_column(CodeSet)
    key_monitoring: Mapped[bool] = mapped_column(Boolean)


class Activity(Synced, Base):
    """A care activity: a talk, a free health check, training, a cultural or sports event."""

    __tablename__ = "activities"

    office_code: Mapped[str] = mapped_column(String(12), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    organizer: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class Attendance(Synced, Base):
    """A recipient who attended an activity."""

    __tablename__ = "attendances"

    activity_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)


class FollowUpItem(Synced, Base):
    """随访/转介事项: a problem found on a call or a visit, or a measure a third-party
    assessment recommends, to be dealt with by a person by a due date (及时发现、及时报告、
    及时处置). Listed with the director's tasks while open; closed with the date and what was
    done, and the closing travels up in the bundles (migration 0015)."""

    __tablename__ = "follow_up_items"
    __table_args__ = (Index("ix_follow_up_items_open", "status", "due_on", "recipient_id"),)

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    source_kind: Mapped[str] = mapped_column(String(15))  # FollowUpSource: care_record | assessment | other
    source_id: Mapped[str | None] = mapped_column(String(36))
    problem: Mapped[str] = mapped_column(String(500))
    person: Mapped[str] = mapped_column(String(50))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")  # FollowUpStatus: open | closed
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_note: Mapped[str | None] = mapped_column(Text)
    closed_by: Mapped[str | None] = mapped_column(String(50))

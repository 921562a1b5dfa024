"""Oversight: quarterly supervision visits and semiannual assessments of villages, the
rectification items a visit leaves, the county's scoring rules, and the period locks a
submitted assessment sets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class SupervisionVisit(Synced, Base):
    """每季度一督导: a township or county supervisor's visit to a village."""

    __tablename__ = "supervision_visits"

    village_code: Mapped[str] = mapped_column(String(12), index=True)
    period: Mapped[str] = mapped_column(String(8))  # e.g. 2026-Q3
    visited_on: Mapped[dt.date] = mapped_column(Date)
    supervisor: Mapped[str] = mapped_column(String(50))
    findings: Mapped[str | None] = mapped_column(Text)  # one finding a line
    problems: Mapped[str | None] = mapped_column(Text)
    rectification: Mapped[str | None] = mapped_column(Text)
    rectify_by: Mapped[dt.date | None] = mapped_column(Date)
    figures_json: Mapped[str | None] = mapped_column(Text)  # the four-ones figures, frozen at the visit
    checked: Mapped[str | None] = mapped_column(Text)  # what was checked (migration 0013)


class RectificationItem(Synced, Base):
    """整改事项: what a visit asks the village to put right, by a deadline, with a person at
    the village answerable. Made by the supervisor's office; closed (status, date, note,
    evidence) by the village or the township."""

    __tablename__ = "rectification_items"
    __table_args__ = (Index("ix_rectification_items_village", "village_code", "status", "deadline"),)

    visit_id: Mapped[str] = mapped_column(String(36), index=True)
    village_code: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(String(500))
    deadline: Mapped[dt.date] = mapped_column(Date)
    person: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | done
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    close_note: Mapped[str | None] = mapped_column(Text)
    closed_by: Mapped[str | None] = mapped_column(String(50))


class SemiannualAssessment(Synced, Base):
    """每半年一考核: the result of assessing a village for a half year."""

    __tablename__ = "semiannual_assessments"

    village_code: Mapped[str] = mapped_column(String(12), index=True)
    period: Mapped[str] = mapped_column(String(8))  # e.g. 2026-H2
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(50))
    score: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(10))
    findings: Mapped[str | None] = mapped_column(Text)
    figures_json: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="draft", server_default="draft")  # draft | submitted
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)


class AssessmentItem(Synced, Base):
    """One line of an assessment's score sheet: scored from the figures or by hand."""

    __tablename__ = "assessment_items"

    assessment_id: Mapped[str] = mapped_column(String(36), index=True)
    village_code: Mapped[str] = mapped_column(String(12))
    key: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer)
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class AssessmentRule(Synced, Base):
    """The county's scoring rules (data, like the care rules): one line of the sheet (an
    item scored from a figure, or by hand, worth `points`), or a grade's lowest total."""

    __tablename__ = "assessment_rules"

    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # auto | manual | grade
    points: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    set_by_office: Mapped[str] = mapped_column(String(12))


class PeriodLock(Synced, Base):
    """A submitted assessment locks the village's records dated in its half year, until the
    county unlocks it (with a reason). The township owns the lock, the county its unlocking."""

    __tablename__ = "period_locks"
    __table_args__ = (Index("ix_period_locks_village", "village_code", "period"),)

    village_code: Mapped[str] = mapped_column(String(12))
    period: Mapped[str] = mapped_column(String(8))  # 2026-H1
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    assessment_id: Mapped[str | None] = mapped_column(String(36))
    locked_on: Mapped[dt.date] = mapped_column(Date)
    locked_by: Mapped[str] = mapped_column(String(50))
    locked_by_office: Mapped[str] = mapped_column(String(12))
    unlocked_on: Mapped[dt.date | None] = mapped_column(Date)
    unlocked_by: Mapped[str | None] = mapped_column(String(50))
    unlocked_by_office: Mapped[str | None] = mapped_column(String(12))
    unlock_reason: Mapped[str | None] = mapped_column(Text)


class DuplicateDecision(Synced, Base):
    """A person's decision on a possible duplicate (issue 13, point 5): two recipients with the
    same ID number, or the same name and birth date, are or are not one person.

    The pair is named by `pair_key` (app.oversight.duplicates.pair_key: the same in every
    office). "same" keeps `keep_id` and tombstones `merged_id`; the tombstone and this record are
    the link, so the merged recipient's records keep their ids, history and audit. The record
    belongs to the office over both villages (`unit_code`: their township, or the county when
    they lie in two townships) and travels down to both villages."""

    __tablename__ = "duplicate_decisions"

    pair_key: Mapped[str] = mapped_column(String(16), index=True)
    recipient_a: Mapped[str] = mapped_column(String(36))
    recipient_b: Mapped[str] = mapped_column(String(36))
    village_a: Mapped[str] = mapped_column(String(12))
    village_b: Mapped[str] = mapped_column(String(12))
    unit_code: Mapped[str] = mapped_column(String(12), index=True)
    match: Mapped[str] = mapped_column(String(12))  # id_number / name_birth
    decision: Mapped[str] = mapped_column(String(10))  # different / same
    keep_id: Mapped[str | None] = mapped_column(String(36))
    merged_id: Mapped[str | None] = mapped_column(String(36))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)

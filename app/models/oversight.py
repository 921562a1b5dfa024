"""Oversight: quarterly supervision visits and semiannual assessments of villages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class SupervisionVisit(Synced, Base):
    """每季度一督导: a township or county supervisor's visit to a village."""

    __tablename__ = "supervision_visits"

    village_code: Mapped[str] = mapped_column(String(12), index=True)
    period: Mapped[str] = mapped_column(String(8))  # e.g. 2026-Q3
    visited_on: Mapped[dt.date] = mapped_column(Date)
    supervisor: Mapped[str] = mapped_column(String(50))
    findings: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    rectification: Mapped[str | None] = mapped_column(Text)
    rectify_by: Mapped[dt.date | None] = mapped_column(Date)
    figures_json: Mapped[str | None] = mapped_column(Text)


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

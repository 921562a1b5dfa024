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

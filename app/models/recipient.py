"""Care recipients, their households and guardians, and their life-cycle history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, CodeSet, Synced


class Recipient(Synced, Base):
    """A person in one village in one or more care categories (关爱对象).

    References between travelling records are plain id columns, not database foreign
    keys: bundles may arrive in any order, so integrity is kept by the service layer
    and checked by `guanai check`.
    """

    __tablename__ = "recipients"
    __table_args__ = (
        Index("ix_recipients_village_status", "village_code", "status"),
        # The roster's search and filters read only these columns, in pinyin order: one
        # index-only scan instead of a walk over the wide rows (app.care.recipients.roster_ids).
        Index("ix_recipients_roster", "name_pinyin", "id", "deleted", "name_initials", "name",
              "id_number", "phone", "categories", "status", "key_monitoring", "village_code"),
        # Typing pinyin initials ("zs") searches this range; covering, so "z" alone (a sixth of
        # a county) never touches the table.
        Index("ix_recipients_initials", "name_initials", "name_pinyin", "id", "deleted", "categories",
              "status", "key_monitoring", "village_code"),
    )

    village_code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(50))
    name_pinyin: Mapped[str] = mapped_column(String(200), default="", server_default="")
    name_initials: Mapped[str] = mapped_column(String(50), default="", server_default="")
    sex: Mapped[str] = mapped_column(String(6))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    categories: Mapped[tuple[str, ...]] = mapped_column(CodeSet)
    key_monitoring: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="surveyed")
    status_date: Mapped[dt.date] = mapped_column(Date)
    # survey fields (调查: 重大疾病、自理能力、劳动能力 …)
    self_care: Mapped[str | None] = mapped_column(String(8))
    work_ability: Mapped[str | None] = mapped_column(String(8))
    major_illness: Mapped[str | None] = mapped_column(String(200))
    disability_type: Mapped[str | None] = mapped_column(String(15))
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    disability_cert_no: Mapped[str | None] = mapped_column(String(30))
    school: Mapped[str | None] = mapped_column(String(100))
    school_class: Mapped[str | None] = mapped_column(String(50))
    is_urban: Mapped[bool] = mapped_column(Boolean, default=False)
    has_income: Mapped[bool | None] = mapped_column(Boolean)
    has_supporter: Mapped[bool | None] = mapped_column(Boolean)
    in_institution: Mapped[bool] = mapped_column(Boolean, default=False)
    surveyed_on: Mapped[dt.date] = mapped_column(Date)
    surveyed_by: Mapped[str | None] = mapped_column(String(50))
    notes: Mapped[str | None] = mapped_column(Text)
    # The household's situation that makes the person left behind (DOMAIN.md; migration 0015):
    # a child's parents (ParentsAway: both away, or one away and the other unable to care), a
    # woman's husband away for work, an elder's children all away for work. None: not recorded
    # (confirming the category refuses until it is).
    parents_away: Mapped[str | None] = mapped_column(String(25))
    husband_works_away: Mapped[bool | None] = mapped_column(Boolean)
    children_work_away: Mapped[bool | None] = mapped_column(Boolean)
    # A region code no edition of GB/T 2260 lists from the birth year on, confirmed by the
    # director with what was checked (app.care.regions; migration 0015): shown on the profile
    # and in the roster, never accepted silently.
    id_region_note: Mapped[str | None] = mapped_column(Text)
    id_region_confirmed_by: Mapped[str | None] = mapped_column(String(50))
    id_region_confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    # The day the retention period removed the sensitive fields (app.care.retention; migration
    # 0021): the record stays, anonymised, for the statistics. Its id_number is then "".
    anonymised_on: Mapped[dt.date | None] = mapped_column(Date)


class HouseholdMember(Synced, Base):
    """A member of the recipient's household; for absent parents and children, where they
    work and how to reach them."""

    __tablename__ = "household_members"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(50))
    relation: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    works_away: Mapped[bool] = mapped_column(Boolean, default=False)
    work_place: Mapped[str | None] = mapped_column(String(200))
    can_guard: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)


class Guardian(Synced, Base):
    """Who looks after the recipient: a parent, an entrusted carer, a temporary guardian
    or, for elders, a supporter."""

    __tablename__ = "guardians"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(50))
    relation: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)


class StatusEvent(Synced, Base):
    """One step of a recipient's life cycle, kept forever as history.

    `source` records where a county decision came from (a bundle, a paper decision
    entered by the director with its document number, an imported confirmed roster).
    """

    __tablename__ = "status_events"
    # Covers the schedule's pairing of confirmations and exits (app.care.schedule.confirmed_sql:
    # each recipient's events by date, then clock): read in index order, no sort, no row look-up.
    __table_args__ = (Index("ix_status_events_pairing", "recipient_id", "decided_on", "hlc", "step", "deleted"),)

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    step: Mapped[str] = mapped_column(String(10))
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    department: Mapped[str | None] = mapped_column(String(25))
    decision: Mapped[str | None] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    doc_no: Mapped[str | None] = mapped_column(String(60))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(50))
    source: Mapped[str] = mapped_column(String(15), default="local")

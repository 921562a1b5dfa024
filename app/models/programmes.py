"""The care programmes of the plan: pairing, teachers and school files, mutual aid,
third-party assessment, responsibilities and the agreements families sign."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class AssistingUnit(Synced, Base):
    """A unit (department, enterprise, organisation) that assists a village's recipients."""

    __tablename__ = "assisting_units"

    name: Mapped[str] = mapped_column(String(100))
    unit_type: Mapped[str | None] = mapped_column(String(30))
    contact_person: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))


class UnitVillage(Synced, Base):
    """The poverty-alleviation office's match of an assisting unit with a village."""

    __tablename__ = "unit_villages"

    unit_id: Mapped[str] = mapped_column(String(36), index=True)
    village_code: Mapped[str] = mapped_column(String(12), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)


class ResponsiblePerson(Synced, Base):
    """帮扶责任人: the person an assisting unit names to look after recipients."""

    __tablename__ = "responsible_persons"

    unit_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))


class Pairing(Synced, Base):
    """结对帮扶: a responsible person paired with a recipient."""

    __tablename__ = "pairings"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    responsible_person_id: Mapped[str] = mapped_column(String(36), index=True)
    unit_id: Mapped[str] = mapped_column(String(36))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)


class TeacherPairing(Synced, Base):
    """A left-behind child at school paired with a teacher by the education bureau."""

    __tablename__ = "teacher_pairings"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    teacher_name: Mapped[str] = mapped_column(String(50))
    teacher_phone: Mapped[str | None] = mapped_column(String(20))
    school: Mapped[str] = mapped_column(String(100))
    school_class: Mapped[str | None] = mapped_column(String(50))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)


class SchoolFileEntry(Synced, Base):
    """One entry of the school file (在校留守儿童档案) a paired teacher keeps."""

    __tablename__ = "school_file_entries"

    teacher_pairing_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    entry_date: Mapped[dt.date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(50))


class SchoolLeaveHandover(Synced, Base):
    """When a pupil leaves school: the handover to the guardian (与监护人完成对接)."""

    __tablename__ = "school_leave_handovers"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    teacher_pairing_id: Mapped[str | None] = mapped_column(String(36))
    left_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    guardian_name: Mapped[str] = mapped_column(String(50))
    handed_over_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class MutualAidFamily(Synced, Base):
    """互助家庭: a neighbouring family that looks after a recipient who cannot cook."""

    __tablename__ = "mutual_aid_families"

    village_code: Mapped[str] = mapped_column(String(12), index=True)
    head_name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))


class MutualAidAssignment(Synced, Base):
    """Which recipient a mutual-aid family looks after, from when, for what monthly subsidy."""

    __tablename__ = "mutual_aid_assignments"

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    monthly_subsidy_fen: Mapped[int] = mapped_column(Integer, default=0)


class MutualAidService(Synced, Base):
    """One service given by a mutual-aid family (hot meals, cleaning, daily care, comfort)."""

    __tablename__ = "mutual_aid_services"

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(15))
    served_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class SubsidyPayment(Synced, Base):
    """The mutual-aid subsidy ledger: who, for which period, how much (fen), paid when."""

    __tablename__ = "subsidy_payments"

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    fund_source: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class ThirdPartyAssessment(Synced, Base):
    """A third-party agency's assessment of an extremely poor person (自理能力认定, living
    conditions, health check) and the care measures it recommends."""

    __tablename__ = "third_party_assessments"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    agency: Mapped[str] = mapped_column(String(100))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    self_care: Mapped[str] = mapped_column(String(8))
    living_conditions: Mapped[str | None] = mapped_column(Text)
    health_check: Mapped[str | None] = mapped_column(Text)
    evaluation: Mapped[str | None] = mapped_column(Text)
    recommended_measures: Mapped[str | None] = mapped_column(Text)


class Responsibility(Synced, Base):
    """One of the five responsibilities assigned for a recipient without self-care ability."""

    __tablename__ = "responsibilities"

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(25))
    person_name: Mapped[str] = mapped_column(String(50))
    person_phone: Mapped[str | None] = mapped_column(String(20))
    person_role: Mapped[str | None] = mapped_column(String(50))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class Agreement(Synced, Base):
    """An agreement printed for a family or a responsible person to sign, and its state."""

    __tablename__ = "agreements"
    __table_args__ = (Index("ix_agreements_status_kind", "status", "kind"),)

    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(25))
    number: Mapped[str] = mapped_column(String(40))
    guardian_id: Mapped[str | None] = mapped_column(String(36))
    responsible_person_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10), default="drafted")
    term_start: Mapped[dt.date | None] = mapped_column(Date)
    term_end: Mapped[dt.date | None] = mapped_column(Date)
    drafted_on: Mapped[dt.date] = mapped_column(Date)
    printed_on: Mapped[dt.date | None] = mapped_column(Date)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    scan_sha256: Mapped[str | None] = mapped_column(String(64))
    void_reason: Mapped[str | None] = mapped_column(Text)

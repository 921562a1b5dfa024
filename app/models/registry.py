"""Every model of the domain, and the synced ones in the order they load. Loaded by the first
name asked of `app.models` (see its __init__)."""

from __future__ import annotations

from app.models.base import Base, Synced
from app.models.care import Activity, Attendance, CareRecord, CareRule, MicroWish
from app.models.evidence import Attachment, AuditEntry
from app.models.office import LocalSetting, Office, OfficeKey
from app.models.oversight import SemiannualAssessment, SupervisionVisit
from app.models.programmes import (
    Agreement,
    AssistingUnit,
    MutualAidAssignment,
    MutualAidFamily,
    MutualAidService,
    Pairing,
    Responsibility,
    ResponsiblePerson,
    SchoolFileEntry,
    SchoolLeaveHandover,
    SubsidyPayment,
    TeacherPairing,
    ThirdPartyAssessment,
    UnitVillage,
)
from app.models.recipient import Guardian, HouseholdMember, Recipient, StatusEvent
from app.models.sync import (
    SyncBlob,
    SyncBundle,
    SyncChange,
    SyncConflict,
    SyncFieldVersion,
    SyncHeld,
    SyncLayer,
    SyncLayerPart,
    SyncPeer,
)

# The sync-state tables (app/models/sync.py) are local: never here, never in a bundle.
SYNCED_MODELS: tuple[type[Synced], ...] = (
    Office,
    Recipient,
    HouseholdMember,
    Guardian,
    StatusEvent,
    AssistingUnit,
    UnitVillage,
    ResponsiblePerson,
    Pairing,
    TeacherPairing,
    SchoolFileEntry,
    SchoolLeaveHandover,
    MutualAidFamily,
    MutualAidAssignment,
    MutualAidService,
    SubsidyPayment,
    ThirdPartyAssessment,
    Responsibility,
    Agreement,
    CareRecord,
    MicroWish,
    CareRule,
    Activity,
    Attendance,
    SupervisionVisit,
    SemiannualAssessment,
    Attachment,
)

__all__ = [
    "SYNCED_MODELS",
    "Activity",
    "Agreement",
    "AssistingUnit",
    "Attachment",
    "Attendance",
    "AuditEntry",
    "Base",
    "CareRecord",
    "CareRule",
    "Guardian",
    "HouseholdMember",
    "LocalSetting",
    "MicroWish",
    "MutualAidAssignment",
    "MutualAidFamily",
    "MutualAidService",
    "Office",
    "OfficeKey",
    "Pairing",
    "Recipient",
    "ResponsiblePerson",
    "Responsibility",
    "SchoolFileEntry",
    "SchoolLeaveHandover",
    "SemiannualAssessment",
    "StatusEvent",
    "SubsidyPayment",
    "Synced",
    "SupervisionVisit",
    "SyncBlob",
    "SyncBundle",
    "SyncChange",
    "SyncConflict",
    "SyncFieldVersion",
    "SyncHeld",
    "SyncLayer",
    "SyncLayerPart",
    "SyncPeer",
    "TeacherPairing",
    "ThirdPartyAssessment",
    "UnitVillage",
]

"""drop the hlc indexes: every travelling table had an index on its clock stamp, meant for
"what changed since" selections. Sync selects from its change log instead (0006), and the
stamp is only ever compared among one person's few records, so the 27 indexes cost every
insert and update (and a county demo's load a tenth of its time and 150 MB) for nothing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 23:55:00
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ("activities", "agreements", "assisting_units", "attachments", "attendances", "care_records",
          "care_rules", "guardians", "household_members", "micro_wishes", "mutual_aid_assignments",
          "mutual_aid_families", "mutual_aid_services", "offices", "pairings", "recipients",
          "responsibilities", "responsible_persons", "school_file_entries", "school_leave_handovers",
          "semiannual_assessments", "status_events", "subsidy_payments", "supervision_visits",
          "teacher_pairings", "third_party_assessments", "unit_villages")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_hlc", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_hlc", table, ["hlc"])

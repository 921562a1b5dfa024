"""sync bundle coverage: each exported bundle records the ranges of change-log positions whose
records it carried, so a later export packs only what no earlier bundle carried, and packs
again exactly what a lost bundle carried. Bundles logged before this (NULL) are read as
covering everything up to their position (app/sync/coverage.py), which is what they carried.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 22:40:40.846757
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_bundles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('covers_json', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_bundles', schema=None) as batch_op:
        batch_op.drop_column('covers_json')

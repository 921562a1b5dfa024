"""Duplicate decisions: a person's verdict on a possible duplicate, travelling in bundles

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 03:40:00

Another engineer adds 0013 beside this one; when both are merged, this one's down_revision
becomes '0013' (the table here does not depend on anything 0013 changes).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'duplicate_decisions',
        sa.Column('pair_key', sa.String(length=16), nullable=False),
        sa.Column('recipient_a', sa.String(length=36), nullable=False),
        sa.Column('recipient_b', sa.String(length=36), nullable=False),
        sa.Column('village_a', sa.String(length=12), nullable=False),
        sa.Column('village_b', sa.String(length=12), nullable=False),
        sa.Column('unit_code', sa.String(length=12), nullable=False),
        sa.Column('match', sa.String(length=12), nullable=False),
        sa.Column('decision', sa.String(length=10), nullable=False),
        sa.Column('keep_id', sa.String(length=36), nullable=True),
        sa.Column('merged_id', sa.String(length=36), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=False),
        sa.Column('decided_by', sa.String(length=50), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_decisions')),
    )
    with op.batch_alter_table('duplicate_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_decisions_pair_key'), ['pair_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_duplicate_decisions_unit_code'), ['unit_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('duplicate_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicate_decisions_unit_code'))
        batch_op.drop_index(batch_op.f('ix_duplicate_decisions_pair_key'))
    op.drop_table('duplicate_decisions')

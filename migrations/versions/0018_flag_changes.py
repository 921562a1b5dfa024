"""Flag changes: a recipient's categories and key-monitoring flag before each change, so the
schedule counts each period by what held on its midpoint (issue 14); travels in bundles. And an
index for pairing confirmations and exits by date (status_events)

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-07 05:20:00

Another engineer's revisions may sit between 0014 and this one; when merged, this one's
down_revision becomes the head then (the table here depends on nothing they change). Old data
stays valid: a recipient without changes had its current values all along.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'flag_changes',
        sa.Column('recipient_id', sa.String(length=36), nullable=False),
        sa.Column('changed_on', sa.Date(), nullable=False),
        sa.Column('categories', sa.String(length=200), nullable=False),
        sa.Column('key_monitoring', sa.Boolean(), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_changes')),
    )
    with op.batch_alter_table('flag_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_changes_recipient_id'), ['recipient_id'], unique=False)
    # the schedule pairs each recipient's confirmations and exits by date, then clock
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.create_index('ix_status_events_pairing', ['recipient_id', 'decided_on', 'hlc', 'step', 'deleted'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('status_events', schema=None) as batch_op:
        batch_op.drop_index('ix_status_events_pairing')
    with op.batch_alter_table('flag_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_changes_recipient_id'))
    op.drop_table('flag_changes')

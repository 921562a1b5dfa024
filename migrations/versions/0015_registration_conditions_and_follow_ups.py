"""Registration (issue 14, points 7–9): a confirmed unknown ID region code, the household
conditions of the left-behind categories, and follow-up items

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 05:00:00

Every new recipient column is nullable: a person registered before stays valid (an unknown
condition is asked for when the category is next confirmed, not retroactively).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

RECIPIENT_COLUMNS = (
    ('parents_away', sa.String(length=25)),
    ('husband_works_away', sa.Boolean()),
    ('children_work_away', sa.Boolean()),
    ('id_region_note', sa.Text()),
    ('id_region_confirmed_by', sa.String(length=50)),
    ('id_region_confirmed_on', sa.Date()),
)


def upgrade() -> None:
    with op.batch_alter_table('recipients', schema=None) as batch_op:
        for name, type_ in RECIPIENT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    op.create_table(
        'follow_up_items',
        sa.Column('recipient_id', sa.String(length=36), nullable=False),
        sa.Column('source_kind', sa.String(length=15), nullable=False),
        sa.Column('source_id', sa.String(length=36), nullable=True),
        sa.Column('problem', sa.String(length=500), nullable=False),
        sa.Column('person', sa.String(length=50), nullable=False),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('close_note', sa.Text(), nullable=True),
        sa.Column('closed_by', sa.String(length=50), nullable=True),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_items')),
    )
    with op.batch_alter_table('follow_up_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_items_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index('ix_follow_up_items_open', ['status', 'due_on', 'recipient_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('follow_up_items', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_items_open')
        batch_op.drop_index(batch_op.f('ix_follow_up_items_recipient_id'))
    op.drop_table('follow_up_items')
    with op.batch_alter_table('recipients', schema=None) as batch_op:
        for name, _type in reversed(RECIPIENT_COLUMNS):
            batch_op.drop_column(name)

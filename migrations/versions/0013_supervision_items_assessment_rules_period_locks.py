"""Rectification items, assessment items and rules, period locks; visit and assessment columns

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 03:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'rectification_items',
        sa.Column('visit_id', sa.String(length=36), nullable=False),
        sa.Column('village_code', sa.String(length=12), nullable=False),
        sa.Column('text', sa.String(length=500), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('person', sa.String(length=50), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('close_note', sa.Text(), nullable=True),
        sa.Column('closed_by', sa.String(length=50), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_items')),
    )
    op.create_index('ix_rectification_items_visit_id', 'rectification_items', ['visit_id'], unique=False)
    op.create_index('ix_rectification_items_village', 'rectification_items',
                    ['village_code', 'status', 'deadline'], unique=False)
    op.create_table(
        'assessment_items',
        sa.Column('assessment_id', sa.String(length=36), nullable=False),
        sa.Column('village_code', sa.String(length=12), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('score', sa.Integer(), nullable=False),
        sa.Column('max_score', sa.Integer(), nullable=False),
        sa.Column('manual', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_items')),
    )
    op.create_index('ix_assessment_items_assessment_id', 'assessment_items', ['assessment_id'], unique=False)
    op.create_table(
        'assessment_rules',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.Column('set_by_office', sa.String(length=12), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_rules')),
    )
    op.create_table(
        'period_locks',
        sa.Column('village_code', sa.String(length=12), nullable=False),
        sa.Column('period', sa.String(length=8), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('end_date', sa.Date(), nullable=False),
        sa.Column('assessment_id', sa.String(length=36), nullable=True),
        sa.Column('locked_on', sa.Date(), nullable=False),
        sa.Column('locked_by', sa.String(length=50), nullable=False),
        sa.Column('locked_by_office', sa.String(length=12), nullable=False),
        sa.Column('unlocked_on', sa.Date(), nullable=True),
        sa.Column('unlocked_by', sa.String(length=50), nullable=True),
        sa.Column('unlocked_by_office', sa.String(length=12), nullable=True),
        sa.Column('unlock_reason', sa.Text(), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_period_locks')),
    )
    op.create_index('ix_period_locks_village', 'period_locks', ['village_code', 'period'], unique=False)
    with op.batch_alter_table('supervision_visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked', sa.Text(), nullable=True))
    with op.batch_alter_table('semiannual_assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default='draft', nullable=False))
        batch_op.add_column(sa.Column('submitted_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('semiannual_assessments', schema=None) as batch_op:
        batch_op.drop_column('submitted_on')
        batch_op.drop_column('status')
    with op.batch_alter_table('supervision_visits', schema=None) as batch_op:
        batch_op.drop_column('checked')
    op.drop_index('ix_period_locks_village', table_name='period_locks')
    op.drop_table('period_locks')
    op.drop_table('assessment_rules')
    op.drop_index('ix_assessment_items_assessment_id', table_name='assessment_items')
    op.drop_table('assessment_items')
    op.drop_index('ix_rectification_items_village', table_name='rectification_items')
    op.drop_index('ix_rectification_items_visit_id', table_name='rectification_items')
    op.drop_table('rectification_items')

"""The access log (issue 15, point 3): who opened a minor's or a disabled person's record,
revealed, printed or exported full ID numbers, imported a roster, signed in or failed to.
Travels up in bundles; kept at least three years.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-07 12:00:00

Other revisions of issue 15 (0019, 0021, 0022) are made beside this one; when merged, this
one's down_revision becomes the head then (the table here depends on nothing they change).
Old data stays valid: a new, empty table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'access_log',
        sa.Column('at', sa.String(length=20), nullable=False),
        sa.Column('user', sa.String(length=50), nullable=False),
        sa.Column('laptop_id', sa.String(length=36), nullable=False),
        sa.Column('event', sa.String(length=20), nullable=False),
        sa.Column('person_id', sa.String(length=36), nullable=True),
        sa.Column('count', sa.Integer(), nullable=True),
        sa.Column('detail', sa.String(length=300), nullable=True),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_access_log')),
    )
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_user'), ['user'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_log_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_log_person_id'))
        batch_op.drop_index(batch_op.f('ix_access_log_user'))
        batch_op.drop_index(batch_op.f('ix_access_log_at'))
    op.drop_table('access_log')

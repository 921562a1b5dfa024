"""Retention (issue 15, point 5): the county's retention period as a travelling rule, and the
day a recipient's sensitive fields were removed after it

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-07 12:00:00

Old data stays valid: no recipient is anonymised yet (the new column is NULL), and the rule is
seeded on first use (app.care.retention.ensure_rule), the same record in every office.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recipients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_on', sa.Date(), nullable=True))
    op.create_table(
        'retention_rules',
        sa.Column('years', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('set_by_office', sa.String(length=12), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('origin_office', sa.String(length=12), nullable=False),
        sa.Column('modified_office', sa.String(length=12), nullable=False),
        sa.Column('hlc', sa.String(length=40), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_rules')),
    )


def downgrade() -> None:
    op.drop_table('retention_rules')
    with op.batch_alter_table('recipients', schema=None) as batch_op:
        batch_op.drop_column('anonymised_on')

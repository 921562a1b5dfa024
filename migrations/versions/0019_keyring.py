"""The keyring of a server database (issue 15): the office's users and the office key wrapped
for each of them (app/protection/keyring.py). A SQLite file keeps its keyring in a sidecar
file instead (it must be read before the file is opened), so there the table stays empty.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 12:00:00

Old data stays valid: a database without a keyring has no users and works as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'keyring',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_keyring')),
    )


def downgrade() -> None:
    op.drop_table('keyring')

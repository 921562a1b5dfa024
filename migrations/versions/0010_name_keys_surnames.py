"""recipients name keys: surnames read as surnames

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 00:29:58.200938
"""

from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Recipients whose name begins with a surname read otherwise than in running text
    # (app.care.surnames: 曾 zeng, not ceng) get the keys this version computes. An index
    # rebuilt, not a change anyone made: no stamp, audit entry or change-log row (see
    # app.care.name_index), and every office does the same for itself. The rule is the app's
    # current one, not a frozen copy: run later, this revision leaves what the app computes then.
    from app.care.name_index import refresh_name_keys

    refresh_name_keys(op.get_bind())


def downgrade() -> None:
    pass  # the earlier keys were a worse reading of the same names; nothing to undo

"""Layers kept for relaying, records held back, key validity by bundle sequence

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_layers',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('author', sa.String(length=12), nullable=False),
        sa.Column('to_office', sa.String(length=12), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('via_office', sa.String(length=12), nullable=False),
        sa.Column('manifest', sa.LargeBinary(), nullable=False),
        sa.Column('signature', sa.LargeBinary(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_sync_layers')),
    )
    op.create_index('ix_sync_layers_author', 'sync_layers', ['author', 'to_office'], unique=False)
    op.create_table(
        'sync_layer_parts',
        sa.Column('layer_sha256', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('layer_sha256', 'name', name=op.f('pk_sync_layer_parts')),
    )
    op.create_table(
        'sync_held',
        sa.Column('layer_sha256', sa.String(length=64), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('author', sa.String(length=12), nullable=False),
        sa.Column('claimed', sa.String(length=12), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.Column('held_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('layer_sha256', 'table_name', 'record_id', name=op.f('pk_sync_held')),
    )
    with op.batch_alter_table('office_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('until_seq', sa.Integer(), nullable=True))
    # Keys revoked or rotated out before this version: valid for the bundles imported
    # before the revocation time (the receiver's clock), not one after.
    op.execute(
        "UPDATE office_keys SET until_seq = 1 + coalesce((SELECT max(b.sequence) FROM sync_bundles b "
        "WHERE b.way = 'in' AND b.result = 'imported' AND b.from_office = office_keys.office_code "
        "AND b.at < office_keys.revoked_at), 0) WHERE revoked_at IS NOT NULL AND is_own = false")


def downgrade() -> None:
    with op.batch_alter_table('office_keys', schema=None) as batch_op:
        batch_op.drop_column('until_seq')
    op.drop_table('sync_held')
    op.drop_table('sync_layer_parts')
    op.drop_index('ix_sync_layers_author', table_name='sync_layers')
    op.drop_table('sync_layers')

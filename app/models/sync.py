"""Sync state: what this database has sent to and received from each office, the change log
export selects from, per-field version vectors for conflict detection, and the conflicts
kept for a person to decide. All local: none of these tables travels in a bundle."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime


class SyncPeer(Base):
    """This database's exchange with one other office (its parent or a child)."""

    __tablename__ = "sync_peers"

    office_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    # Bundles this office sent there: the last sequence number and the file's SHA-256 (the
    # next bundle names it as its predecessor).
    last_seq_out: Mapped[int] = mapped_column(Integer, default=0)
    last_sha256_out: Mapped[str | None] = mapped_column(String(64))
    # What the peer has acknowledged: the highest of our sequences it imported (ours below
    # it that it has not imported are lost: their records are packed again). The change-log
    # position of that bundle is kept for the record; export reads each bundle's ranges.
    acked_seq_out: Mapped[int] = mapped_column(Integer, default=0)
    acked_change_seq: Mapped[int | None] = mapped_column(Integer)
    # Bundles received from the peer: the highest sequence imported.
    max_seq_in: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SyncBundle(Base):
    """One bundle exported or imported (or refused as an equivocation): the bundle log."""

    __tablename__ = "sync_bundles"
    __table_args__ = (Index("ix_sync_bundles_route", "from_office", "to_office", "sequence"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    way: Mapped[str] = mapped_column(String(3))  # "out" (exported here) or "in" (imported)
    from_office: Mapped[str] = mapped_column(String(12))
    to_office: Mapped[str] = mapped_column(String(12))
    direction: Mapped[str] = mapped_column(String(4))  # "up" or "down"
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    previous_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[str | None] = mapped_column(String(40))  # the sender's, as in the manifest
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)  # exported / imported here
    result: Mapped[str] = mapped_column(String(15))  # exported / imported / equivocation
    reason: Mapped[str | None] = mapped_column(Text)
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    # Exported bundles: the change-log position when exported, the ranges of positions
    # whose records they carried (app/sync/coverage.py; JSON [[lo, hi], …]) and when the
    # peer acknowledged them.
    change_seq: Mapped[int | None] = mapped_column(Integer)
    covers_json: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    equivocation: Mapped[bool] = mapped_column(Boolean, default=False)
    file_name: Mapped[str | None] = mapped_column(String(255))


class SyncChange(Base):
    """The change log: one row per travelling record, moved to a new position (`seq`) at
    every write or merge. Export selects the records past what the peer acknowledged.
    `via_office` is the office whose bundle brought this exact version (not sent back there);
    NULL for a version made or completed here."""

    __tablename__ = "sync_changes"
    __table_args__ = (UniqueConstraint("table_name", "record_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    via_office: Mapped[str | None] = mapped_column(String(12))


class SyncFieldVersion(Base):
    """Per-field version vectors of one record, {field: {office: hlc}}, for the fields changed
    after the record was created (a field absent here still has its creation value). Two
    offices changed a field "since they last agreed" exactly when neither vector covers the
    other."""

    __tablename__ = "sync_field_versions"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    vectors_json: Mapped[str] = mapped_column(Text)


class SyncBlob(Base):
    """An attachment file an office has: received from it (sequence 0) or sent to it in our
    bundle `sequence`. A file is sent again only while that bundle is unacknowledged."""

    __tablename__ = "sync_blobs"

    office_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)


class SyncConflict(Base):
    """A disagreement kept for a person to decide: both values with their clocks and offices,
    the value shown meanwhile, and how it was resolved."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_record", "table_name", "record_id", "field"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    # concurrent / sensitive / not_owner / deleted_edited / possible_duplicate
    reason: Mapped[str] = mapped_column(String(20))
    local_value_json: Mapped[str] = mapped_column(Text)
    remote_value_json: Mapped[str] = mapped_column(Text)
    local_vector_json: Mapped[str] = mapped_column(Text, default="{}")
    remote_vector_json: Mapped[str] = mapped_column(Text, default="{}")
    local_office: Mapped[str] = mapped_column(String(12))
    remote_office: Mapped[str] = mapped_column(String(12))
    shown: Mapped[str] = mapped_column(String(6))  # "local" or "remote"
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(8), default="open", index=True)  # open / resolved
    resolution: Mapped[str | None] = mapped_column(String(12))  # local / remote / elsewhere (settled by a later version)
    resolved_by: Mapped[str | None] = mapped_column(String(50))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SyncLayer(Base):
    """An office's own records as it signed them (app/sync/layers.py): the signed manifest of
    one of its bundles, kept so this office can relay those records on, intact and
    checkable by an office that never exchanged keys with their author."""

    __tablename__ = "sync_layers"
    __table_args__ = (Index("ix_sync_layers_author", "author", "to_office"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # of the manifest bytes
    author: Mapped[str] = mapped_column(String(12))  # the office that signed it
    to_office: Mapped[str] = mapped_column(String(12))  # the office its bundle was sealed for
    sequence: Mapped[int] = mapped_column(Integer)  # the author's bundle sequence number
    via_office: Mapped[str] = mapped_column(String(12))  # whose bundle brought it here
    manifest: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SyncLayerPart(Base):
    """One table part of a kept layer (zlib-compressed JSON lines, as its manifest hashes
    them once expanded)."""

    __tablename__ = "sync_layer_parts"

    layer_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SyncHeld(Base):
    """A record a bundle brought that could not be taken in yet: a value whose claimed author
    did not sign it, or a record that refers to one not here. Nothing of it was written; it
    is tried again at every import (an honest relay whose proof was in a lost bundle) and
    listed until then."""

    __tablename__ = "sync_held"

    layer_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    author: Mapped[str] = mapped_column(String(12))  # the office that signed the layer
    claimed: Mapped[str] = mapped_column(String(12))  # the office the record says wrote it
    reason: Mapped[str] = mapped_column(String(20))  # unproven / missing_reference
    detail: Mapped[str | None] = mapped_column(Text)
    held_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

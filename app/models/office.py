"""Offices (county / township / village) and what this database knows about itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced, UTCDateTime


class Office(Synced, Base):
    """An office of the chain, by its official administrative-division code.

    County codes have 6 digits, township codes 9 and village codes 12 (统计用区划代码).
    """

    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)


class LocalSetting(Base):
    """Key/value facts about this database: which office it belongs to, this laptop's id,
    the hybrid-logical clock. Local only: never travels in a bundle."""

    __tablename__ = "local_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OfficeKey(Base):
    """A public key of an office (this one or a trusted one); for this office also the
    private half. Local only: private keys never leave the laptop."""

    __tablename__ = "office_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_code: Mapped[str] = mapped_column(String(12), index=True)
    purpose: Mapped[str] = mapped_column(String(10))  # "sign" (Ed25519) or "encrypt" (X25519)
    algorithm: Mapped[str] = mapped_column(String(20))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)
    trusted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    # Another office's key: the first of that office's bundle sequence numbers it no longer
    # signs (set by a revocation or a rotation). Decided by sequence, never by the date the
    # signer writes in its bundle; revoked_at is kept for people to read.
    until_seq: Mapped[int | None] = mapped_column(Integer)


class KeyringDocument(Base):
    """A server database's keyring (app/protection/keyring.py): one row holding the office's
    users and the office key wrapped for each (never the key itself). A SQLite file keeps the
    same document in its sidecar `<file>.keyring` instead, read before the file is opened.
    Local only: never travels in a bundle."""

    __tablename__ = "keyring"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

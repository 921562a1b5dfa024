"""The access log (issue 15, point 3): who opened, revealed, printed or exported what, and
every sign-in. One row per access; never changed, never deleted, travels up with the bundles
(village → township → county) so the offices above see who saw their villages' people."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Synced


class AccessEntry(Synced, Base):
    """One access. `at` is the UTC time as ISO text ("2026-12-07T11:43:46Z"): a travelling
    column is text, a date or a number on the wire, and ISO text sorts and filters as time.
    The office is `origin_office` (the office whose laptop it happened on)."""

    __tablename__ = "access_log"

    at: Mapped[str] = mapped_column(String(20), index=True)
    user: Mapped[str] = mapped_column(String(50), index=True)
    laptop_id: Mapped[str] = mapped_column(String(36))
    event: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[str | None] = mapped_column(String(36), index=True)
    count: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(String(300))

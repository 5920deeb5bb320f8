"""Tables for the application-status check (issue: NIK privacy).

NIK and KK numbers are stored only as keyed hashes (see `identity_numbers.identity_hash`), with
the last 4 NIK digits for display and the name masked. Lookup attempts are kept here, not in
memory, so the abuse limits survive a restart.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from infobansos.storage.engine import Base, utcnow

HASH_CHARS = 64  # hex SHA-256
# How far back the abuse limits look; attempts younger than this survive /hapusdata, or deleting
# one's data would lift a lock.
ATTEMPT_LOOKBACK = dt.timedelta(hours=1)
NIK_MISS_WINDOW = dt.timedelta(hours=1)  # misses per NIK count this far back (`guards.py`)
NIK_LOCK_TIME = dt.timedelta(hours=1)


class StatusApplication(Base):
    """One application per person per program, as last exported by the data office."""

    __tablename__ = "status_application"
    __table_args__ = (UniqueConstraint("nik_hash", "program", name="uq_status_application_person_program"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik_hash: Mapped[str] = mapped_column(String(HASH_CHARS), index=True)
    kk_hash: Mapped[str] = mapped_column(String(HASH_CHARS))
    nik_last4: Mapped[str] = mapped_column(String(4))
    name_masked: Mapped[str] = mapped_column(String(120))
    program: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    updated_on: Mapped[dt.date] = mapped_column(Date)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    history: Mapped[list[StatusHistory]] = relationship(back_populates="application", order_by="StatusHistory.id")


class StatusHistory(Base):
    """Every status an application has had, in the order the imports saw them."""

    __tablename__ = "status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("status_application.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    updated_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    application: Mapped[StatusApplication] = relationship(back_populates="history")


class IdentityRef(Base):
    """An opaque stand-in for a number a resident typed; the bot writes it, the action reads it.

    Rasa and its tracker store only ever see `ref`. The row itself holds no clear number and
    expires after a short time.
    """

    __tablename__ = "identity_ref"

    ref: Mapped[str] = mapped_column(String(32), primary_key=True)
    sender: Mapped[str] = mapped_column(String(64), index=True)
    digest: Mapped[str] = mapped_column(String(HASH_CHARS))
    masked: Mapped[str] = mapped_column(String(40))
    digit_count: Mapped[int] = mapped_column(Integer)
    nik_problem: Mapped[str | None] = mapped_column(String(20))
    kk_problem: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class StatusAttempt(Base):
    """One completed status lookup by a (pseudonymous) resident, and how it ended."""

    __tablename__ = "status_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class NikMiss(Base):
    """A lookup that found no data for this NIK hash with the KK given, from any sender.

    No sender is kept: the count is about the NIK, and rows older than the window are pruned.
    """

    __tablename__ = "status_nik_miss"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik_hash: Mapped[str] = mapped_column(String(HASH_CHARS), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class NikLock(Base):
    """A NIK hash whose lookups are refused until `until`, after too many misses from anyone."""

    __tablename__ = "status_nik_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik_hash: Mapped[str] = mapped_column(String(HASH_CHARS), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    until: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class StatusImport(Base):
    """One applied status import (console or `make import-status`): who, when, which file, what changed.

    Only the file's name and SHA-256 are kept, never its rows: the rows are in status_application.
    """

    __tablename__ = "status_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(HASH_CHARS))
    new_rows: Mapped[int] = mapped_column(Integer)
    updated_rows: Mapped[int] = mapped_column(Integer)
    unchanged_rows: Mapped[int] = mapped_column(Integer)
    skipped_rows: Mapped[int] = mapped_column(Integer)  # older than what is stored (ImportReport.older)

"""Published content revisions and the editors' drafts, in the database (issue 15).

A revision keeps the WHOLE content tree (relative path -> file text), so any revision can be
served, diffed or brought back without replaying others; content/ is ~250 KB, and revisions are
few (staff publish a handful a week). `parent_id` is unique: two publishes racing from the same
revision cannot both land, so neither silently drops the other's drafts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from infobansos.storage.engine import Base, utcnow


class ContentRevision(Base):
    __tablename__ = "content_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("content_revision.id"), unique=True, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    changed: Mapped[list[str]] = mapped_column(JSON, default=list)  # the answer ids this revision changed
    # When this revision was written to, or read from, content/ (make content-export/-import).
    synced_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Deferred: listing revisions or polling for the newest must not pull 250 KB per row.
    files: Mapped[dict[str, str]] = deferred(mapped_column(JSON, nullable=False))


class ContentDraft(Base):
    """One answer's unpublished edit; residents see nothing of it until it is published."""

    __tablename__ = "content_draft"

    answer_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    fields: Mapped[dict[str, object]] = mapped_column(JSON)
    version: Mapped[str] = mapped_column(String(16))  # entry_version of these fields
    base_version: Mapped[str] = mapped_column(String(16))  # the version the editor started from
    author: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

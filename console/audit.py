"""The audit log: who did what in the console, when, with the diff. Append-only.

The code never updates or deletes a row; the page lists them newest first. Entries name staff
accounts only: residents' data never goes into `detail`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.storage.engine import Base, utcnow

MAX_DETAIL_CHARS = 100_000  # a whole-file diff fits; a runaway one is cut, not refused


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


def record(session: Session, actor: str, action: str, target: str = "", detail: str = "") -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, target=target[:200], detail=detail[:MAX_DETAIL_CHARS])
    session.add(entry)
    session.flush()
    return entry


def recent(session: Session, page: int = 1, per_page: int = 50) -> tuple[list[AuditEntry], int]:
    """One page of entries, newest first, and the total count."""
    total = session.scalar(select(func.count(AuditEntry.id))) or 0
    rows = session.scalars(
        select(AuditEntry).order_by(AuditEntry.id.desc()).offset((max(page, 1) - 1) * per_page).limit(per_page)
    ).all()
    return list(rows), total

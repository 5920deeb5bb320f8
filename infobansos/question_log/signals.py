"""Confusion signals: moments a resident was probably not helped, each stored with its reason.

The analysts' report groups the questions behind these signals to find what outreach and the
content must fix. A turn may carry several signals (a low-confidence answer that got a 👎). The rules
that raise them are in `rules.py`; this module stores them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.storage.engine import Base, utcnow

DETAIL_MAX = 200


class Reason(StrEnum):
    LOW_CONFIDENCE = "kurang_yakin"  # fallback, or NLU confidence under LOW_CONFIDENCE
    OUT_OF_SCOPE = "di_luar_topik"
    THUMBS_DOWN = "jempol_bawah"
    REPHRASE = "tanya_ulang"  # the same resident asked something similar again within 3 minutes
    CORRECTION = "koreksi"  # "bukan itu", "salah"
    HUMAN_REQUEST = "minta_petugas"
    STATUS_FAILED = "cek_status_gagal"  # detail: why (not found, wrong KK, bad number, limit…)


class ConfusionSignal(Base):
    __tablename__ = "confusion_signal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sender: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(String(DETAIL_MAX))


def add_signal(session: Session, turn_id: str, sender: str, reason: Reason, detail: str | None = None) -> None:
    session.add(
        ConfusionSignal(
            turn_id=turn_id, sender=sender, reason=reason.value, detail=detail[:DETAIL_MAX] if detail else None
        )
    )

"""Confusion signals: moments a resident was probably not helped, each stored with its reason.

The analysts' report groups the questions behind these signals to find what outreach and the
content must fix. A turn may carry several signals (a low-confidence answer that got a 👎).
"""

from __future__ import annotations

import datetime as dt
import re
from difflib import SequenceMatcher
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.content.store import CorrectionWords
from infobansos.storage.engine import Base, utcnow

LOW_CONFIDENCE = 0.5  # below this the answer is a guess, even when no fallback was triggered
REPHRASE_WINDOW = dt.timedelta(minutes=3)
DETAIL_MAX = 200
REPHRASE_WORD_OVERLAP = 0.5
REPHRASE_LETTERS = 0.75


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


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def is_correction(text: str, words: CorrectionWords) -> bool:
    """ "bukan itu", "jawabannya salah"…, or a message that is only "salah"."""
    normal = " ".join(_words(text))
    if normal in words.whole_message:
        return True
    return any(re.search(rf"\b{re.escape(phrase)}\b", normal) for phrase in words.anywhere)


def similar(a: str, b: str) -> bool:
    """Roughly the same question: most words shared, or nearly the same letters (typos, reordering)."""
    first, second = set(_words(a)), set(_words(b))
    if not first or not second:
        return False
    overlap = len(first & second) / len(first | second)
    return overlap >= REPHRASE_WORD_OVERLAP or SequenceMatcher(None, a.lower(), b.lower()).ratio() >= REPHRASE_LETTERS

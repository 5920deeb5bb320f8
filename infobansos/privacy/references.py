"""Opaque references for NIK/KK numbers, so the numbers never reach Rasa.

The bot swaps each identity-like number in a message for a reference such as
`nomorref4k7q2m9x0a` and stores, under that reference, only what the status check needs: the
keyed hash, a masked form and what is wrong with the number as a NIK or a KK. The action server
resolves the reference. A reference works only for the resident who sent it, and only briefly.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from infobansos.privacy.identity_numbers import identity_hash, kk_problem, mask_number, nik_problem
from infobansos.privacy.number_shapes import find_runs, prepare
from infobansos.status.models import IdentityRef
from infobansos.storage.engine import utcnow

REF_PREFIX = "nomorref"
REF_RANDOM_CHARS = 10
REF_PATTERN = re.compile(rf"\b{REF_PREFIX}[a-z0-9]{{{REF_RANDOM_CHARS}}}\b")
REF_LIFETIME = dt.timedelta(minutes=30)
_ALPHABET = string.ascii_lowercase + string.digits


def _new_ref() -> str:
    return REF_PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(REF_RANDOM_CHARS))


def replace_numbers(session: Session, text: str, sender: str, key: bytes) -> str:
    """The message with every identity-like number replaced by a fresh reference (rows added to `session`)."""
    text = prepare(text)
    runs = list(find_runs(text))
    if not runs:
        return text
    session.execute(delete(IdentityRef).where(IdentityRef.created_at < utcnow() - REF_LIFETIME))
    pieces: list[str] = []
    position = 0
    for run in runs:
        ref = _new_ref()
        session.add(
            IdentityRef(
                ref=ref,
                sender=sender,
                digest=identity_hash(key, run.digits),
                masked=mask_number(run.digits),
                digit_count=len(run.digits),
                nik_problem=nik_problem(run.digits),
                kk_problem=kk_problem(run.digits),
            )
        )
        pieces += [text[position : run.start], ref]
        position = run.end
    pieces.append(text[position:])
    return "".join(pieces)


def refs_in(text: str) -> list[str]:
    return REF_PATTERN.findall(text or "")


def resolve(session: Session, ref: str, sender: str) -> IdentityRef | None:
    """The stored facts behind a reference, if it is this sender's and still fresh."""
    row = session.scalars(select(IdentityRef).where(IdentityRef.ref == ref, IdentityRef.sender == sender)).first()
    if row is None:
        return None
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return row if utcnow() - created <= REF_LIFETIME else None

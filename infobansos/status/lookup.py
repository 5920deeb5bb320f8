"""Finds a resident's applications by the keyed hash of their NIK and checks the KK against them."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from infobansos.status.models import StatusApplication


@dataclass(frozen=True)
class LookupResult:
    applications: list[StatusApplication]
    kk_matches: bool

    @property
    def found(self) -> bool:
        return bool(self.applications)


def lookup(session: Session, nik_hash: str, kk_hash: str) -> LookupResult:
    """Every program this person applied for; the KK must match the one the data office gave.

    One query whether or not the NIK is in the data. The KK hash is compared in constant time and
    against every row (no early exit), so the comparison leaks nothing about the stored hash.
    """
    query = select(StatusApplication).where(StatusApplication.nik_hash == nik_hash).order_by(StatusApplication.program)
    applications = list(session.scalars(query))
    matches = [hmac.compare_digest(a.kk_hash.encode(), kk_hash.encode()) for a in applications]
    return LookupResult(applications if any(matches) else [], any(matches))

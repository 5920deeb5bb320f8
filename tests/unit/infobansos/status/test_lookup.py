from __future__ import annotations

import datetime as dt
import hmac

import pytest

from infobansos.status import lookup as lookup_module
from infobansos.status.lookup import lookup
from infobansos.status.models import StatusApplication
from infobansos.storage.engine import session_factory

NIK_HASH, KK_HASH, OTHER_KK_HASH = "a" * 64, "b" * 64, "c" * 64


def _store(database_url: str, *programs: str) -> None:
    with session_factory(database_url).begin() as session:
        for program in programs:
            session.add(
                StatusApplication(
                    nik_hash=NIK_HASH,
                    kk_hash=KK_HASH,
                    nik_last4="0012",
                    name_masked="S***",
                    program=program,
                    status="diusulkan",
                    updated_on=dt.date(2026, 10, 1),
                )
            )


def test_a_wrong_kk_returns_no_applications_like_an_unknown_nik(database_url: str) -> None:
    _store(database_url, "klj", "kjp")
    with session_factory(database_url)() as session:
        assert [a.program for a in lookup(session, NIK_HASH, KK_HASH).applications] == ["kjp", "klj"]
        wrong, unknown = lookup(session, NIK_HASH, OTHER_KK_HASH), lookup(session, "d" * 64, OTHER_KK_HASH)
    assert (wrong.applications, wrong.kk_matches) == (unknown.applications, unknown.kk_matches) == ([], False)


def test_the_kk_hash_is_compared_in_constant_time_against_every_row(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(database_url, "klj", "kjp")
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(lookup_module.hmac, "compare_digest", spy)
    with session_factory(database_url)() as session:
        assert lookup(session, NIK_HASH, KK_HASH).kk_matches
    assert len(compared) == 2, "no early exit after the first match"

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from infobansos.privacy.references import REF_LIFETIME, refs_in, replace_numbers, resolve
from infobansos.settings import get_settings
from infobansos.status.models import IdentityRef
from infobansos.storage.engine import session_factory

KEY = b"n" * 40
NIK = "3175091203850012"


def _session() -> Session:
    return session_factory(get_settings().database_url)()


def test_the_text_for_rasa_holds_a_reference_not_the_number() -> None:
    with _session() as session, session.begin():
        text = replace_numbers(session, "nik ibu 3175 0912 0385 0012 ya", "u_a", KEY)
    assert "3175" not in text and "0012" not in text
    [ref] = refs_in(text)
    assert text == f"nik ibu {ref} ya"


def test_the_stored_reference_has_hash_mask_and_problems_but_no_number() -> None:
    with _session() as session, session.begin():
        [ref] = refs_in(replace_numbers(session, "3275091203850012", "u_a", KEY))
    with _session() as session:
        row = resolve(session, ref, "u_a")
        assert row is not None
        assert row.masked == "3275********0012"
        assert row.nik_problem == "provinsi"
        assert NIK[4:12] not in " ".join(str(v) for v in vars(row).values())


def test_a_reference_works_only_for_its_sender_and_only_briefly() -> None:
    with _session() as session, session.begin():
        [ref] = refs_in(replace_numbers(session, NIK, "u_a", KEY))
    with _session() as session:
        assert resolve(session, ref, "u_other") is None
    with _session() as session, session.begin():
        row = session.scalars(select(IdentityRef)).one()
        row.created_at = dt.datetime.now(dt.UTC) - REF_LIFETIME - dt.timedelta(minutes=1)
    with _session() as session:
        assert resolve(session, ref, "u_a") is None


def test_expired_references_are_purged_on_the_next_number() -> None:
    with _session() as session, session.begin():
        replace_numbers(session, NIK, "u_a", KEY)
    with _session() as session, session.begin():
        session.scalars(select(IdentityRef)).one().created_at = dt.datetime.now(dt.UTC) - 2 * REF_LIFETIME
    with _session() as session, session.begin():
        replace_numbers(session, "3175091203850013", "u_b", KEY)
    with _session() as session:
        assert [r.sender for r in session.scalars(select(IdentityRef))] == ["u_b"]


def test_text_without_numbers_is_untouched() -> None:
    with _session() as session, session.begin():
        assert replace_numbers(session, "syarat klj apa", "u_a", KEY) == "syarat klj apa"

"""Account rules: Argon2 hashes, names, roles, and the lock that parallel guesses cannot outrun."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.orm import sessionmaker

from console.accounts import (
    LOCK_MINUTES,
    MAX_FAILED_LOGINS,
    ROLE_ADMIN,
    ROLE_ANALIS,
    ROLE_EDITOR,
    AccountError,
    StaffAccount,
    StaffUser,
    create_account,
    log_in,
)
from infobansos.storage.engine import session_factory


@pytest.fixture
def sessions(database_url: str) -> sessionmaker:
    return session_factory(database_url)


def add(sessions: sessionmaker, name: str = "sari", role: str = ROLE_EDITOR, password: str = "rahasia-sekali") -> None:
    with sessions() as session, session.begin():
        create_account(session, name, role, password)


def attempt(sessions: sessionmaker, password: str, now: dt.datetime | None = None) -> StaffUser | None:
    with sessions() as session, session.begin():
        return log_in(session, "sari", password, now).user


def test_passwords_are_stored_as_argon2_hashes_only(sessions: sessionmaker) -> None:
    add(sessions)
    with sessions() as session:
        stored = session.query(StaffAccount).one().password_hash
    assert stored.startswith("$argon2id$") and "rahasia-sekali" not in stored


@pytest.mark.parametrize(
    ("name", "role", "password", "code"),
    [
        ("Sari Dewi", ROLE_EDITOR, "rahasia-sekali", "bad_username"),
        ("sari", "superuser", "rahasia-sekali", "bad_role"),
        ("sari", ROLE_EDITOR, "pendek", "password_too_short"),
    ],
)
def test_bad_accounts_are_refused(sessions: sessionmaker, name: str, role: str, password: str, code: str) -> None:
    with pytest.raises(AccountError) as refused, sessions() as session:
        create_account(session, name, role, password)
    assert refused.value.code == code


def test_a_taken_name_is_refused_whatever_its_case(sessions: sessionmaker) -> None:
    add(sessions)
    with pytest.raises(AccountError, match="username_taken"):
        add(sessions, "SARI")


def test_roles_are_ranked() -> None:
    analis, editor, admin = (StaffUser(1, "x", role) for role in (ROLE_ANALIS, ROLE_EDITOR, ROLE_ADMIN))
    assert admin.can(ROLE_EDITOR) and editor.can(ROLE_ANALIS)
    assert not analis.can(ROLE_EDITOR) and not editor.can(ROLE_ADMIN)


def test_the_lock_lasts_fifteen_minutes_then_the_right_password_works(sessions: sessionmaker) -> None:
    add(sessions)
    now = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
    for _ in range(MAX_FAILED_LOGINS):
        assert attempt(sessions, "salah", now) is None
    assert attempt(sessions, "rahasia-sekali", now + dt.timedelta(minutes=LOCK_MINUTES - 1)) is None
    assert attempt(sessions, "rahasia-sekali", now + dt.timedelta(minutes=LOCK_MINUTES + 1)) is not None


def test_parallel_wrong_guesses_all_count(sessions: sessionmaker) -> None:
    add(sessions)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: attempt(sessions, "salah"), range(MAX_FAILED_LOGINS)))
    assert attempt(sessions, "rahasia-sekali") is None  # locked: no guess slipped past the count


def test_a_right_password_resets_the_count(sessions: sessionmaker) -> None:
    add(sessions)
    for _ in range(MAX_FAILED_LOGINS - 1):
        attempt(sessions, "salah")
    assert attempt(sessions, "rahasia-sekali") is not None
    for _ in range(MAX_FAILED_LOGINS - 1):
        attempt(sessions, "salah")
    assert attempt(sessions, "rahasia-sekali") is not None

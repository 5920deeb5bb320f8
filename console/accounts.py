"""Staff accounts: roles, Argon2 password hashes and the lock after repeated wrong passwords.

Roles are ranked: an analis reads reports and content, an editor also edits, publishes and
uploads status data, an admin also manages accounts. The lock counts failures in the database
with one atomic UPDATE, so parallel guesses cannot slip past the limit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from infobansos.storage.engine import Base, utcnow

ROLE_ANALIS = "analis"
ROLE_EDITOR = "editor"
ROLE_ADMIN = "admin"
ROLES = (ROLE_ANALIS, ROLE_EDITOR, ROLE_ADMIN)  # lowest first: each role may do what the ones before it may
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200  # Argon2 hashes anything, but a megabyte "password" is only a way to burn CPU
GENERATED_PASSWORD_BYTES = 12  # 16 URL-safe characters
USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")
MAX_USERNAME_CHARS = 64

_hasher = PasswordHasher()
# Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class StaffAccount(Base):
    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AccountError(ValueError):
    """A refused account change; `code` names the Indonesian message the page shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class StaffUser:
    """Who is logged in, as the pages see it."""

    id: int
    username: str
    role: str

    def can(self, role: str) -> bool:
        return role_rank(self.role) >= role_rank(role)


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None
    locked_until: dt.datetime | None = None


def role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def generate_password() -> str:
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not name or len(name) > MAX_USERNAME_CHARS or not set(name) <= USERNAME_CHARS:
        raise AccountError("bad_username")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError("password_too_short")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError("password_too_long")


def create_account(session: Session, username: str, role: str, password: str) -> StaffAccount:
    name = check_username(username)
    if role not in ROLES:
        raise AccountError("bad_role")
    check_password(password)
    if session.scalar(select(StaffAccount.id).where(StaffAccount.username == name)) is not None:
        raise AccountError("username_taken")
    account = StaffAccount(username=name, role=role, password_hash=_hasher.hash(password))
    session.add(account)
    session.flush()
    return account


def set_password(session: Session, account: StaffAccount, password: str) -> None:
    check_password(password)
    account.password_hash = _hasher.hash(password)
    account.password_changed_at = utcnow()
    account.failed_logins = 0
    account.locked_until = None
    session.flush()


def password_matches(account: StaffAccount, password: str) -> bool:
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    try:
        return _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def log_in(session: Session, username: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """Check a login; a locked account is refused even with the right password.

    The failure counter is raised by one atomic UPDATE before the answer is known to the caller,
    and the account locks when it reaches MAX_FAILED_LOGINS.
    """
    now = now or utcnow()
    account = session.scalar(select(StaffAccount).where(StaffAccount.username == username.strip().lower()))
    if account is None or not account.active:
        _burn(password)
        return LoginResult(None)
    locked_until = _aware(account.locked_until)
    if locked_until is not None and locked_until > now:
        _burn(password)
        return LoginResult(None, locked_until)
    if password_matches(account, password):
        account.failed_logins = 0
        account.locked_until = None
        session.flush()
        return LoginResult(StaffUser(account.id, account.username, account.role))
    counted = session.execute(
        update(StaffAccount)
        .where(StaffAccount.id == account.id)
        .values(failed_logins=StaffAccount.failed_logins + 1)
        .returning(StaffAccount.failed_logins)
    ).scalar_one()
    if counted >= MAX_FAILED_LOGINS:
        until = now + dt.timedelta(minutes=LOCK_MINUTES)
        session.execute(
            update(StaffAccount).where(StaffAccount.id == account.id).values(locked_until=until, failed_logins=0)
        )
        return LoginResult(None, until)
    return LoginResult(None)


def _burn(password: str) -> None:
    """Spend the time a real verification takes, so timing does not tell which names exist."""
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_DUMMY_HASH, password[:MAX_PASSWORD_CHARS])

"""Login sessions and CSRF tokens, kept in the database so several console processes agree.

The cookie holds a random token; the database keeps only its HMAC under CONSOLE_SECRET_KEY, so a
copy of the database does not let anyone log in. Each session has its own CSRF token, which every
state-changing request must bring back (compared in constant time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from console.accounts import StaffAccount, StaffUser
from infobansos.storage.engine import Base, utcnow

SESSION_HOURS = 10  # one working day; then log in again
TOKEN_BYTES = 32


class StaffSession(Base):
    __tablename__ = "staff_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, ForeignKey("staff_account.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def token_hash(secret_key: bytes, token: str) -> str:
    return hmac.new(secret_key, token.encode(), hashlib.sha256).hexdigest()


def same_secret(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def open_session(session: Session, secret_key: bytes, user: StaffUser, now: dt.datetime | None = None) -> str:
    """A new login session; returns the token for the cookie."""
    now = now or utcnow()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        StaffSession(
            token_hash=token_hash(secret_key, token),
            account_id=user.id,
            csrf_token=secrets.token_urlsafe(TOKEN_BYTES),
            created_at=now,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS),
        )
    )
    session.flush()
    return token


def resolve(
    session: Session, secret_key: bytes, token: str | None, now: dt.datetime | None = None
) -> tuple[StaffUser, str] | None:
    """The user and CSRF token behind a cookie, or None when it is unknown, expired or deactivated."""
    if not token:
        return None
    now = now or utcnow()
    row = session.execute(
        select(StaffSession, StaffAccount)
        .join(StaffAccount, StaffAccount.id == StaffSession.account_id)
        .where(StaffSession.token_hash == token_hash(secret_key, token))
    ).first()
    if row is None:
        return None
    staff_session, account = row
    expires = staff_session.expires_at
    expires = expires.replace(tzinfo=dt.UTC) if expires.tzinfo is None else expires
    if expires <= now or not account.active:
        return None
    return StaffUser(account.id, account.username, account.role), staff_session.csrf_token


def close_session(session: Session, secret_key: bytes, token: str | None) -> None:
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(secret_key, token)))


def close_all_sessions(session: Session, account_id: int, keep_token_hash: str | None = None) -> None:
    """After a password change or deactivation, every other device is logged out."""
    query = delete(StaffSession).where(StaffSession.account_id == account_id)
    if keep_token_hash is not None:
        query = query.where(StaffSession.token_hash != keep_token_hash)
    session.execute(query)


def purge_expired(session: Session, now: dt.datetime | None = None) -> int:
    """Delete expired sessions; how many went."""
    result = session.execute(delete(StaffSession).where(StaffSession.expires_at <= (now or utcnow())))
    return result.rowcount or 0

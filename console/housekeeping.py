"""What the console leaves behind that must not outlive its use: status uploads and old sessions.

An uploaded status export holds full NIKs until it is imported or abandoned; `make purge` and
`make run`'s daily purge delete abandoned ones after `status_uploads.UPLOAD_TTL`, even when no one
opens the console again.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.sessions import purge_expired
from console.status_uploads import delete_expired
from infobansos.settings import Settings
from infobansos.storage.engine import session_factory


@dataclass(frozen=True)
class ConsoleLeftovers:
    uploads: int
    sessions: int


def expire_console_leftovers(settings: Settings) -> ConsoleLeftovers:
    uploads = delete_expired(settings.var_dir)
    with session_factory(settings.database_url)() as session, session.begin():
        sessions = purge_expired(session)
    return ConsoleLeftovers(uploads, sessions)

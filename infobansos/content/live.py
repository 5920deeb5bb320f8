"""The content residents are served: the newest published revision, picked up without a restart.

Every bot and action-server process holds a `PublishedContent`. At most every `poll_seconds` it
asks the database for the newest revision id (one indexed query); when that changed, it loads the
revision completely (written to a temporary folder and read by `load_content`, the same code as
the files in git) and only then swaps it in, in one assignment. A reply takes `current()` once and
renders from that one store, so no resident gets half old, half new. A revision that fails to load
leaves the old content in place, and the reason in the log. Before anything is published the
files in content/ are served, as before the console existed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from infobansos.content.history import latest_id, revision_files
from infobansos.content.status import StatusContent, load_status_content
from infobansos.content.store import ContentStore, load_content
from infobansos.content.tree import materialised
from infobansos.eligibility.models import EligibilityRules
from infobansos.storage.engine import session_factory

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """One revision's content, loaded and checked: what a reply is rendered from."""

    revision: int | None  # None: the files in content/, nothing published yet
    store: ContentStore
    status: StatusContent

    @property
    def eligibility(self) -> EligibilityRules:
        """The "Cek kelayakan" questions and rules of this revision (`content/eligibility.yml`)."""
        return self.store.eligibility


def load_snapshot(content_dir: Path, revision: int | None) -> Snapshot:
    return Snapshot(revision, load_content(content_dir), load_status_content(content_dir))


def load_files(files: Mapping[str, str], revision: int | None = None) -> Snapshot:
    """A content tree held in memory, loaded as residents would get it (the console's preview of a
    draft uses it too); raises ContentError like `load_content`."""
    with materialised(files) as directory:
        return load_snapshot(directory, revision)


class PublishedContent:
    def __init__(self, database_url: str, content_dir: Path, poll_seconds: float = 2.0) -> None:
        self.database_url = database_url
        self.content_dir = content_dir
        self.poll_seconds = poll_seconds
        self._lock = threading.Lock()  # one loader at a time; readers never wait for it
        self._checked_at = float("-inf")
        self._failed: int | None = None  # a revision that did not load: not retried every poll
        self._snapshot = load_snapshot(content_dir, None)  # served until the first check says otherwise
        self.refresh()

    @property
    def revision(self) -> int | None:
        return self._snapshot.revision

    def snapshot(self) -> Snapshot:
        """The content to answer one reply from, checked for a newer revision at most every poll_seconds."""
        if time.monotonic() - self._checked_at >= self.poll_seconds:
            self.refresh()
        return self._snapshot

    def current(self) -> ContentStore:
        return self.snapshot().store

    def status(self) -> StatusContent:
        return self.snapshot().status

    def refresh(self) -> Snapshot:
        """Check the newest revision now and load it if it is new; never raises for a bad revision."""
        if not self._lock.acquire(blocking=False):
            return self._snapshot  # another thread is loading; serve what we have meanwhile
        try:
            self._checked_at = time.monotonic()
            newest = self._newest()
            if newest is not None and newest not in (self._snapshot.revision, self._failed):
                self._load(newest)
        finally:
            self._lock.release()
        return self._snapshot

    def reload(self) -> Snapshot:
        """The staff's /reload: check now, and before any publish re-read content/ (ContentError if broken)."""
        with self._lock:
            self._checked_at = time.monotonic()
            newest = self._newest()
            if newest is None:
                self._snapshot = load_snapshot(self.content_dir, None)
            elif newest != self._snapshot.revision:
                self._failed = None  # staff asked: try a revision that failed before once more
                self._load(newest)
        return self._snapshot

    def _newest(self) -> int | None:
        try:
            with session_factory(self.database_url)() as session:
                return latest_id(session)
        except (SQLAlchemyError, OSError):  # a database that is down must not cost residents their answer
            logger.warning("could not check for published content; serving revision %s", self.revision, exc_info=True)
            return self._snapshot.revision

    def _load(self, revision: int) -> None:
        try:
            with session_factory(self.database_url)() as session:
                files = revision_files(session, revision, self.content_dir)
            snapshot = load_files(files, revision)
        except (LookupError, ValueError, SQLAlchemyError, OSError) as exc:  # ContentError is a ValueError
            self._failed = revision
            logger.error("content revision %s not loaded, still serving %s: %s", revision, self.revision, exc)
            return
        self._snapshot = snapshot  # one assignment: a reply sees the old snapshot or the new one
        logger.info("content revision %s loaded: %d answers", revision, len(snapshot.store.answers))

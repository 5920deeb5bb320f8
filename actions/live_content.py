"""The content this action server answers from: the newest published revision (`PublishedContent`).

One object per process, created on first use. Each action takes the content once per reply, so a
reply is rendered from one revision even when a newer one is picked up meanwhile (within 2 s of
publishing, on every action server sharing the database).
"""

from __future__ import annotations

from functools import lru_cache

from infobansos.content.live import PublishedContent, Snapshot
from infobansos.settings import get_settings


@lru_cache(maxsize=1)
def published_content() -> PublishedContent:
    settings = get_settings()
    return PublishedContent(settings.database_url, settings.content_dir)


def content_snapshot() -> Snapshot:
    """The answers and the status words of one revision, for one reply."""
    return published_content().snapshot()

from __future__ import annotations

import pytest

from actions.content_answers import content_store


@pytest.fixture(autouse=True)
def fresh_content() -> None:
    """Each test reads `content/` afresh: one that edits it must not leak into the next."""
    content_store.cache_clear()

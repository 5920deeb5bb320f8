from __future__ import annotations

import pytest

from actions.live_content import published_content


@pytest.fixture(autouse=True)
def fresh_content() -> None:
    """Each test reads `content/` afresh: one that edits it must not leak into the next."""
    published_content.cache_clear()

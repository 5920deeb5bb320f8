"""Issue 15.3: a revision published in the database reaches residents within 5 s, with no /reload or restart.

The staff console publishes through `infobansos.content.revisions`; this test publishes through the
same API while the stack runs (on the publishing stack: a published revision replaces the files for good,
which the shared stack's /reload test must not see), then asks as a resident through Telegram.
"""

from __future__ import annotations

import dataclasses
import time

import pytest

from infobansos.content.revisions import (
    current_files,
    entry_version,
    list_revisions,
    publish,
    read_entry,
    revert_entry,
    save_draft,
)
from infobansos.storage.engine import session_factory
from standin.server import TelegramStandIn
from tests.e2e.conftest import RunningStack
from tests.e2e.test_conversation import ask

pytestmark = pytest.mark.e2e
KLJ_REQUIREMENTS = "klj_syarat"
QUESTION = "syarat klj apa aja"
NEW_LINE = "Bawa juga buku tabungan Bank DKI (kode uji 5151)."
SERVED_WITHIN_SECONDS = 5.0


async def _text_within(publishing_standin: TelegramStandIn, chat_id: int, published_at: float, wanted: bool) -> float:
    """Ask until the answer has (or, `wanted` False, no longer has) NEW_LINE; seconds it took."""
    while True:
        [reply] = await ask(publishing_standin, chat_id, QUESTION)
        took = time.monotonic() - published_at
        if (NEW_LINE in reply.text) == wanted:
            return took
        assert took < SERVED_WITHIN_SECONDS, f"still the {'old' if wanted else 'new'} text after {took:.1f} s"


async def test_a_published_answer_reaches_the_next_resident_within_5_seconds(
    publishing_stack: RunningStack, publishing_standin: TelegramStandIn
) -> None:
    stack = publishing_stack
    url = stack.env.get("DATABASE_URL") or f"sqlite:///{stack.var_dir / 'infobansos.sqlite3'}"
    chat_id = 930_000_001
    [before] = await ask(publishing_standin, chat_id, QUESTION)
    assert before.text.startswith("Syarat KLJ") and NEW_LINE not in before.text

    with session_factory(url)() as session:
        fields = read_entry(current_files(session, stack.content_dir)[1], KLJ_REQUIREMENTS)[1]
        changed = dataclasses.replace(fields, text=fields.text.rstrip("\n") + "\n" + NEW_LINE + "\n")
        base = entry_version(session, stack.content_dir, KLJ_REQUIREMENTS)
        save_draft(session, stack.content_dir, KLJ_REQUIREMENTS, changed, base, "editor_uji")
        session.commit()
        [draft_only] = await ask(publishing_standin, chat_id, QUESTION)
        assert NEW_LINE not in draft_only.text, "a draft is not served"
        publish(session, "editor_uji", stack.content_dir)
        session.commit()
    published_at = time.monotonic()
    assert await _text_within(publishing_standin, chat_id, published_at, wanted=True) < SERVED_WITHIN_SECONDS

    with session_factory(url)() as session:
        baseline = list_revisions(session)[-1]
        revert_entry(session, stack.content_dir, KLJ_REQUIREMENTS, baseline.id, "editor_uji")
        session.commit()
    reverted_at = time.monotonic()
    assert await _text_within(publishing_standin, chat_id, reverted_at, wanted=False) < SERVED_WITHIN_SECONDS

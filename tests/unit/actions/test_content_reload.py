from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content_answers import content_store
from actions.content_reload import ActionReloadContent
from actions.live_content import published_content
from infobansos.content.store import RELOAD_RESULT_KEY
from infobansos.settings import PROJECT_ROOT, get_settings


@pytest.fixture
def editable_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    monkeypatch.setenv("CONTENT_DIR", str(content))
    get_settings.cache_clear()
    published_content.cache_clear()
    return content


async def _reload() -> dict:
    dispatcher = CollectingDispatcher()
    await ActionReloadContent().run(dispatcher, Tracker("u_staff", {}, {}, [], False, None, {}, ""), {})
    [message] = dispatcher.messages
    return message["custom"][RELOAD_RESULT_KEY]


def _greeting() -> str:
    store = content_store()
    return store.render(store.answer_for("greet")).text


async def test_edited_content_is_answered_after_reload(editable_content: Path) -> None:
    before = _greeting()
    path = next(p for p in editable_content.glob("answers/*.yml") if "Halo!" in p.read_text())
    path.write_text(path.read_text().replace("Halo!", "Halo, Warga Jakarta!", 1))
    assert _greeting() == before, "nothing changes until staff reload"
    result = await _reload()
    assert result["ok"] and result["answers"] > 50
    assert _greeting().startswith("Halo, Warga Jakarta!")


async def test_a_broken_file_is_refused_and_residents_keep_the_old_answers(editable_content: Path) -> None:
    before = _greeting()
    (editable_content / "messages.yml").write_text("messages: [rusak")
    result = await _reload()
    assert not result["ok"] and "messages.yml" in result["error"]
    assert _greeting() == before

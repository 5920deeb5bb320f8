"""Rasa's tracker store as endpoints.yml configures it, loaded and used by Rasa's own code and Python."""

from __future__ import annotations

import sqlite3
import subprocess
import textwrap
from pathlib import Path

from infobansos.settings import PROJECT_ROOT
from infobansos.storage.tracker_store import TRACKER_DB_VARIABLE, delete_events_of

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = textwrap.dedent(
    """
    import asyncio
    from rasa.core.tracker_store import create_tracker_store
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import read_endpoint_config
    from nlu_components.sqlite_tracker_store import SQLiteTrackerStore

    async def main():
        config = read_endpoint_config("endpoints.yml", "tracker_store")
        store = create_tracker_store(config, Domain.load("domain.yml"))
        inner = getattr(store, "_tracker_store", store)
        assert isinstance(inner, SQLiteTrackerStore), type(inner)
        for sender in ("warga-a", "warga-b"):
            tracker = DialogueStateTracker(sender, [])
            tracker.update(ActionExecuted("action_listen"))
            tracker.update(UserUttered(f"syarat klj {sender}", {"name": "tanya_syarat", "confidence": 0.9}))
            await store.save(tracker)
            tracker.update(ActionExecuted("action_answer"))
            await store.save(tracker)
        again = await store.retrieve("warga-a")
        assert [e.type_name for e in again.events] == ["action", "user", "action"], again.events
        assert again.latest_message.text == "syarat klj warga-a"
        with inner.engine.connect() as connection:
            pragmas = [connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                       for name in ("journal_mode", "synchronous", "secure_delete")]
        assert pragmas == ["wal", 1, 1], pragmas
        print("ok")

    asyncio.run(main())
    """
)


def test_rasa_keeps_conversations_in_the_sqlite_file_that_hapusdata_deletes_from(tmp_path: Path) -> None:
    database = tmp_path / "rasa-tracker.sqlite3"
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", TRACKER_DB_VARIABLE: str(database), "ACTION_SERVER_URL": "http://127.0.0.1:9"},
    )
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]
    assert delete_events_of(database, "warga-a") == 3
    with sqlite3.connect(database) as connection:
        left = connection.execute("select distinct sender_id from events").fetchall()
    assert left == [("warga-b",)]

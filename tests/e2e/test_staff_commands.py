"""Issue 5.7: /reload and /stats for the staff in ADMIN_TELEGRAM_IDS; for anyone else, unknown commands."""

from __future__ import annotations

import re

import pytest

from standin.server import TelegramStandIn
from tests.e2e.conftest import STAFF_ID, RunningStack
from tests.e2e.test_conversation import ask

pytestmark = pytest.mark.e2e
NEW_LINE = "4. Kode uji konten: 4242."


def stats_figures(text: str) -> dict[str, int]:
    questions = int(re.search(r"Pertanyaan masuk: (\d+)", text).group(1))
    down = int(re.search(r"👎 (\d+)", text).group(1))
    return {"questions": questions, "down": down}


async def test_residents_do_not_have_staff_commands(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    for command in ("/reload", "/stats"):
        [reply] = await ask(standin, chat_id, command)
        assert "perintah itu tidak saya kenal" in reply.text, reply.text


async def test_stats_count_todays_questions_and_ratings(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    [before] = await ask(standin, STAFF_ID, "/stats")
    assert before.text.startswith("📊 Statistik hari ini")
    [answer] = await ask(standin, chat_id, "jadwal cair klj kapan")
    down = next(data for row in answer.buttons for _, data in row if data.endswith(":down"))
    standin.press_button(chat_id, answer.message_id, down)
    await standin.wait_for_bot_messages(chat_id)
    [after] = await ask(standin, STAFF_ID, "/stats")
    assert stats_figures(after.text)["questions"] == stats_figures(before.text)["questions"] + 1
    assert stats_figures(after.text)["down"] == stats_figures(before.text)["down"] + 1


async def test_reload_puts_edited_content_live_and_refuses_a_broken_file(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    answers = stack.content_dir / "answers" / "bantuan.yml"
    messages = stack.content_dir / "messages.yml"
    original_answers, original_messages = answers.read_text(), messages.read_text()
    try:
        anchor = "      6. BPJS Kesehatan (PBI atau BPJS gratis): telepon 165."
        assert anchor in original_answers, "the test edits this line of the contact answer"
        answers.write_text(original_answers.replace(anchor, f"      {NEW_LINE}", 1))
        messages.write_text(original_messages.replace("Cara memakai bot ini:", "Cara memakai bot ini (baru):", 1))
        [old] = await ask(standin, chat_id, "hubungi petugas dimana")
        assert NEW_LINE not in old.text, "edits wait for /reload"
        [done] = await ask(standin, STAFF_ID, "/reload")
        assert done.text.startswith("✅ Konten dimuat ulang"), done.text
        [new] = await ask(standin, chat_id, "hubungi petugas dimana")
        assert NEW_LINE in new.text
        [help_text] = await ask(standin, chat_id, "/bantuan")
        assert help_text.text.startswith("Cara memakai bot ini (baru):")

        messages.write_text("messages: [rusak")
        [refused] = await ask(standin, STAFF_ID, "/reload")
        assert "TIDAK dimuat ulang" in refused.text and "messages.yml" in refused.text
        [still] = await ask(standin, chat_id, "hubungi petugas dimana")
        assert NEW_LINE in still.text, "residents keep the last good content"
    finally:
        answers.write_text(original_answers)
        messages.write_text(original_messages)
        await ask(standin, STAFF_ID, "/reload")

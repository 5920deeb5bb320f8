"""Issue 14.6: a long answer shows its first part with "Selengkapnya"; pressing it shows the rest."""

from __future__ import annotations

import pytest
import yaml

from standin.server import TelegramStandIn
from tests.e2e.conftest import STAFF_ID, RunningStack
from tests.e2e.test_conversation import REPLY_TIMEOUT, ask
from tests.e2e.transcript import button_data, payloads

pytestmark = pytest.mark.e2e
REST = "Bagian lanjutan untuk uji tombol Selengkapnya: 7373."
MORE_PAYLOAD = '/tanya_dtks{"bagian": "lengkap"}'


async def test_selengkapnya_shows_the_rest_of_a_long_answer_with_the_same_footer(
    stack: RunningStack, standin: TelegramStandIn, chat_id: int
) -> None:
    answers = stack.content_dir / "answers" / "dtks_dtsen.yml"
    original = answers.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    entry = next(a for a in data["answers"] if a["id"] == "dtks_apa_itu")
    entry["more"] = REST  # as staff move the end of a long answer into `more:`
    try:
        answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        [done] = await ask(standin, STAFF_ID, "/reload")
        assert done.text.startswith("✅ Konten dimuat ulang"), done.text

        [first] = await ask(standin, chat_id, "apa itu DTKS?")
        assert "DTSEN" in first.text and REST not in first.text
        assert payloads(first)[0] == MORE_PAYLOAD
        assert first.buttons[0][0][0] == "Selengkapnya"
        footer = next(line for line in first.text.splitlines() if line.startswith("ℹ️ Info per "))

        standin.press_button(chat_id, first.message_id, button_data(first, MORE_PAYLOAD))
        [rest] = await standin.wait_for_bot_messages(chat_id, timeout=REPLY_TIMEOUT)
        assert rest.text.startswith(f"{REST}\n\n{footer}"), rest.text  # then the 👍/👎 question
        assert MORE_PAYLOAD not in payloads(rest), "the rest is not offered twice"
        shown = {m.message_id: m for m in standin.messages(chat_id)}
        assert shown[first.message_id].reply_markup is None, "the pressed keyboard is gone"

        [typed] = await ask(standin, chat_id, MORE_PAYLOAD)
        assert REST not in typed.text, "typed, the payload is text for NLU; only the bot's button asks for the rest"
    finally:
        answers.write_text(original, encoding="utf-8")
        await ask(standin, STAFF_ID, "/reload")

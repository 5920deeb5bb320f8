"""The simulated residents: realistic sessions that stay inside the per-chat limits, and reply timing."""

from __future__ import annotations

import asyncio
import itertools
import random
import re
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.flood_control import MESSAGES_PER_MINUTE, WINDOW_SECONDS
from devtools.bench import traffic as bench_traffic
from devtools.bench.corpus import Corpus, load_corpus
from devtools.bench.traffic import (
    SESSION_GAP_MAX_SECONDS,
    SESSION_MAX_MESSAGES,
    SESSION_MIN_MESSAGES,
    THINK_MIN_SECONDS,
    ReplyClock,
    Step,
    chat_ids,
    max_offered_rate,
    plan_session,
    run_resident,
)
from standin.server import TelegramStandIn

TELEGRAM_MIN_GAP_SECONDS = 1.0  # about one message a second per chat
SESSIONS = 3000
SINGLES = ("halo min", "syarat klj apa aja", "ibu saya umur 70 belum dapet klj, dulu pernah dapet " * 3, "makasih")
CONVERSATIONS = (("kjp cair kapan", "trus besarnya brp"), tuple(f"lanjutan {i}" for i in range(9)))
CORPUS = Corpus(SINGLES, CONVERSATIONS)


def send_times(plan: list[Step], reply_seconds: float = 0.0) -> list[float]:
    """When each step is sent if every reply takes `reply_seconds` (0: the fastest, hardest case)."""
    times, now = [], 0.0
    for step in plan:
        times.append(now)
        now += reply_seconds + step.think
    return times


def most_in_window(times: list[float], window: float) -> int:
    return max(sum(1 for t in times if start <= t < start + window) for start in times)


def test_sessions_stay_inside_the_per_chat_limits() -> None:
    rng = random.Random(7)
    for _ in range(SESSIONS):
        plan = plan_session(rng, CORPUS)
        times = send_times(plan)
        assert SESSION_MIN_MESSAGES <= len(plan) <= SESSION_MAX_MESSAGES
        assert all(b - a >= TELEGRAM_MIN_GAP_SECONDS for a, b in itertools.pairwise(times)), plan
        assert all(step.think >= THINK_MIN_SECONDS for step in plan[:-1]), plan
        assert most_in_window(times, WINDOW_SECONDS) <= MESSAGES_PER_MINUTE


def test_the_mix_looks_like_residents() -> None:
    rng = random.Random(11)
    plans = [plan_session(rng, CORPUS) for _ in range(SESSIONS)]
    steps = [step for plan in plans for step in plan]
    kinds = Counter(step.kind for step in steps)
    share = {kind: count / len(steps) for kind, count in kinds.items()}
    assert 0.02 < share["command"] < 0.06 and kinds["button"] == kinds["command"]
    assert 0.005 < share["photo"] + share["sticker"] < 0.04
    replayed = [plan for plan in plans if plan[0].text in (CONVERSATIONS[0][0], CONVERSATIONS[1][0])]
    assert 0.3 < len(replayed) / SESSIONS < 0.4, "about a third of sessions are conversations with follow-ups"
    for plan in replayed:
        conversation = next(c for c in CONVERSATIONS if c[0] == plan[0].text)
        assert [step.text for step in plan] == list(conversation[:SESSION_MAX_MESSAGES]), "turns in order"
    typed = Counter(step.text for step in steps if step.kind == "text" and step.text in SINGLES)
    assert set(typed) == set(SINGLES), "every single message gets drawn, long ones too"


def test_the_offered_rate_ceiling_matches_the_plans() -> None:
    rng = random.Random(13)
    plans = [plan_session(rng, CORPUS) for _ in range(SESSIONS * 3)]
    messages = sum(len(plan) for plan in plans)
    waiting = sum(step.think for plan in plans for step in plan) + len(plans) * SESSION_GAP_MAX_SECONDS / 2
    assert max_offered_rate(50, CORPUS) == pytest.approx(50 * messages / waiting, rel=0.02)
    real = max_offered_rate(50, load_corpus())
    assert real > 33, "50 residents must be able to offer the 30 messages/s target with room to spare"


def test_a_button_press_always_follows_a_menu_command() -> None:
    rng = random.Random(3)
    for _ in range(SESSIONS):
        plan = plan_session(rng, CORPUS)
        for i, step in enumerate(plan):
            if step.kind == "button":
                assert i > 0 and plan[i - 1].kind == "command"


def test_the_real_corpus_is_resident_text_without_identity_numbers() -> None:
    corpus = load_corpus()
    assert len(corpus.singles) > 5000 and len(corpus.conversations) > 400
    assert all(len(conversation) >= 2 for conversation in corpus.conversations)
    texts = [*corpus.singles, *(turn for conversation in corpus.conversations for turn in conversation)]
    assert not [t for t in texts if "<" in t or re.search(r"\d{10,}", re.sub(r"[\s.\-]", "", t))]
    assert sum(len(t) > 100 for t in texts) > 100, "long back-stories are in the mix"


def test_a_conversation_stops_before_a_turn_that_sends_an_identity_number(tmp_path: Path) -> None:
    (tmp_path / "heldout.yml").write_text('messages:\n  - {text: "cek NIK <NIK>"}\n  - {text: "halo"}\n')
    rounds = tmp_path / "blind" / "round0"
    rounds.mkdir(parents=True)
    (rounds / "conversations_a.yml").write_text(
        "conversations:\n"
        "  - turns: [{text: 'kjp cair?'}, {text: 'besarnya?'}, {text: 'nik <NIK>'}, {text: 'makasih'}]\n"
        "  - turns: [{text: 'status <NIK>'}, {text: 'makasih'}]\n"
    )
    corpus = load_corpus(tmp_path)
    assert corpus.singles == ("halo",)
    assert corpus.conversations == (("kjp cair?", "besarnya?"),)


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn() as server:
        yield server


@pytest_asyncio.fixture
async def bot(standin: TelegramStandIn) -> AsyncIterator[Bot]:
    async with Bot(standin.token, base_url=standin.base_url) as client:
        yield client


@pytest.mark.asyncio
async def test_reply_clock_times_the_first_reply_and_labels_errors(standin: TelegramStandIn, bot: Bot) -> None:
    clock = ReplyClock(standin, {"busy": "Maaf, sibuk.\nCoba lagi."}, CORPUS)
    rng = random.Random(1)
    first = clock.send(101, Step("text", "syarat klj"), rng)
    assert first.text == "syarat klj"
    await bot.send_message(101, "Syarat KLJ: …")
    await bot.send_message(101, "(lanjutan jawaban)")
    assert await clock.wait_reply(first, timeout=1)
    assert first.replied_at is not None and first.replied_at >= first.sent_at
    assert (first.reply_text, first.error) == ("Syarat KLJ: …", None)
    busy = clock.send(102, Step("sticker"), rng)
    await bot.send_message(102, "Maaf, sibuk.\nCoba lagi.")
    assert await clock.wait_reply(busy, timeout=1) and busy.error == "busy"
    broken = clock.send(103, Step("text", "halo"), rng)
    with pytest.raises(BadRequest):
        await bot.send_message(103, "")
    assert not await clock.wait_reply(broken, timeout=0.05)
    assert broken.error is not None and "sendMessage" in broken.error
    await bot.send_message(103, "telat")
    assert broken.replied_at is not None, "a late reply is still recorded"
    assert clock.in_flight == 0


@pytest.mark.asyncio
async def test_a_button_is_pressed_on_the_menu_but_never_the_status_check(standin: TelegramStandIn, bot: Bot) -> None:
    clock = ReplyClock(standin, {}, CORPUS)
    rng = random.Random(5)
    clock.send(201, Step("command", "/start"), rng)
    menu = [[InlineKeyboardButton("Cek status", callback_data="/cek_status")]]
    menu.append([InlineKeyboardButton("Apa itu DTKS?", callback_data="/tanya_dtks")])
    await bot.send_message(201, "Halo!", reply_markup=InlineKeyboardMarkup(menu))
    for _ in range(20):  # the buttons stay on screen: the stand-in has no bot to remove them
        pressed = clock.send(201, Step("button"), rng)
        assert pressed.kind == "button"
        assert standin.last_update["callback_query"]["data"] == "/tanya_dtks"
    fallback = clock.send(202, Step("button"), rng)  # nothing on screen in a new chat
    assert fallback.kind == "text" and standin.last_update["message"]["text"] in SINGLES


@pytest.mark.asyncio
async def test_a_resident_waits_for_each_answer_and_stops_on_time(
    standin: TelegramStandIn, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_traffic, "THINK_MIN_SECONDS", 0.02)
    monkeypatch.setattr(bench_traffic, "THINK_MAX_SECONDS", 0.03)
    monkeypatch.setattr(bench_traffic, "SESSION_GAP_MAX_SECONDS", 0.01)
    clock = ReplyClock(standin, {}, CORPUS)

    async def answer_everything() -> None:
        offset = 0
        while True:
            for update in await bot.get_updates(offset=offset, timeout=1):
                offset = update.update_id + 1
                await bot.send_message(update.effective_chat.id, "jawaban")

    answering = asyncio.create_task(answer_everything())
    loop = asyncio.get_running_loop()
    stop_at = loop.time() + 1.0
    await run_resident(clock, random.Random(2), chat_ids(), stop_at, reply_timeout=1.0)
    answering.cancel()
    assert loop.time() < stop_at + 0.5
    assert len(clock.exchanges) >= 4
    assert all(e.replied_at is not None for e in clock.exchanges)
    by_chat: dict[int, list[float]] = {}
    for e in clock.exchanges:
        by_chat.setdefault(e.chat_id, []).append(e.sent_at)
    assert len(by_chat) >= 2, "each session gets a new chat"
    for chat_id, sent in by_chat.items():
        replies = [e.replied_at for e in clock.exchanges if e.chat_id == chat_id]
        assert all(nxt > reply for reply, nxt in zip(replies, sent[1:], strict=False)), "one message at a time"


@pytest.mark.asyncio
async def test_an_unanswered_message_ends_the_session(
    standin: TelegramStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_traffic, "SESSION_GAP_MAX_SECONDS", 0.01)
    clock = ReplyClock(standin, {}, CORPUS)
    loop = asyncio.get_running_loop()
    await run_resident(clock, random.Random(4), chat_ids(), loop.time() + 0.3, reply_timeout=0.05)
    chats = [e.chat_id for e in clock.exchanges]
    assert len(chats) >= 3 and len(set(chats)) == len(chats), "the resident gives up on a silent chat"
    assert clock.in_flight == len(chats) and all(e.replied_at is None for e in clock.exchanges)

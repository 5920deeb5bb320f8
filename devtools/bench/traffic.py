"""How the simulated residents of `make bench` behave in a chat, and what they say (`corpus.py`).

Thirty messages a second in real life come from many people who each send a few messages, so a
simulated resident is a sequence of short *sessions*: a new chat per session, 2–6 messages, and a
pause of at least THINK_MIN_SECONDS after each answer. One chat therefore stays far below the
bot's flood limit (20 messages a minute, beyond which it answers "pelan-pelan" without asking
Rasa) and Telegram's one message a second per chat, and the load is spread over many chats, as it
would be. The think time is short for a person: it packs the traffic of a few hundred real
residents into the default 50 simulated ones.

A session is one of three kinds: a blind-set conversation replayed turn by turn (follow-ups that
lean on the previous answer), a menu session (/start or /menu, then a button press, then
questions), or unrelated single messages from the held-out and blind sets. What they say is
resident-like text, long back-stories and one-word questions alike (`devtools.bench.corpus`).
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from devtools.bench.corpus import Corpus
from standin.server import BotMessage, TelegramStandIn

THINK_MIN_SECONDS = 1.5  # after the answer arrives, before the next message in the same chat
THINK_MAX_SECONDS = 1.8
SESSION_GAP_MAX_SECONDS = 0.5  # between one resident session and the next (a new person arrives)
SESSION_MIN_MESSAGES, SESSION_MAX_MESSAGES = 2, 6
MENU_SESSION_SHARE = 0.12  # sessions that open with /start or /menu and press a menu button
CONVERSATION_SHARE = 0.35  # sessions that replay a blind-set conversation (follow-ups)
NON_TEXT_SHARE = 0.04  # a single-message slot that becomes a photo or sticker instead
FIRST_CHAT_ID = 610_000_000
SKIPPED_BUTTON_PAYLOADS = ("status",)  # the status check asks for a NIK: a different workload
COMMANDS = ("/start", "/menu")
NON_TEXT_KINDS = ("photo", "sticker")
CEILING_SESSIONS = 5000  # sessions sampled to compute the offered-rate ceiling


@dataclass(frozen=True)
class Step:
    """One thing a resident does in a chat, then how long they wait after the bot answered."""

    kind: str  # "text", "command", "button" (press a menu button), "photo" or "sticker"
    text: str = ""
    think: float = 0.0


def _single(rng: random.Random, corpus: Corpus) -> Step:
    if rng.random() < NON_TEXT_SHARE:
        return Step(rng.choice(NON_TEXT_KINDS))
    return Step("text", rng.choice(corpus.singles))


def plan_session(rng: random.Random, corpus: Corpus) -> list[Step]:
    """The steps of one resident session: 2–6 messages, each after a think pause."""
    roll = rng.random()
    if roll < CONVERSATION_SHARE and corpus.conversations:
        turns = rng.choice(corpus.conversations)[:SESSION_MAX_MESSAGES]
        steps = [Step("text", text) for text in turns]
    else:
        count = rng.randint(SESSION_MIN_MESSAGES, SESSION_MAX_MESSAGES)
        steps = []
        if roll < CONVERSATION_SHARE + MENU_SESSION_SHARE:
            steps += [Step("command", rng.choice(COMMANDS)), Step("button")]
        steps += [_single(rng, corpus) for _ in range(count - len(steps))]
    last = len(steps) - 1
    return [
        Step(s.kind, s.text, 0.0 if i == last else rng.uniform(THINK_MIN_SECONDS, THINK_MAX_SECONDS))
        for i, s in enumerate(steps)
    ]


def max_offered_rate(residents: int, corpus: Corpus, seed: int = 0) -> float:
    """Messages a second `residents` can send at most, i.e. if every reply came instantly.

    Per session a resident sends its messages and waits through the think pauses plus half the
    largest gap on average. The residents are a closed loop: slow replies lower what they send, so
    the benchmark reports this ceiling beside the measured rate to tell a slow stack from too few
    residents. Sampled, because conversation lengths come from the corpus.
    """
    rng = random.Random(seed)
    messages = waiting = 0.0
    for _ in range(CEILING_SESSIONS):
        plan = plan_session(rng, corpus)
        messages += len(plan)
        waiting += sum(step.think for step in plan) + SESSION_GAP_MAX_SECONDS / 2
    return residents * messages / waiting


@dataclass
class Exchange:
    """One resident message and the bot's first reply to it; the benchmark's unit of measurement."""

    chat_id: int
    kind: str
    sent_at: float  # event-loop time the update was queued in the stand-in
    replied_at: float | None = None  # event-loop time of the bot's first sendMessage in the chat after it
    reply_text: str = ""
    error: str | None = None  # "busy", "slow_down" or a Telegram API error description
    text: str = ""  # what was typed (empty for a command, button, photo or sticker)


class ReplyClock:
    """Times first replies through the stand-in's bot-message listener, without polling.

    One message per chat is in flight at a time (a resident waits for the answer), so the first
    bot message after a send is its reply; later pieces of a long answer are ignored.
    """

    def __init__(self, standin: TelegramStandIn, error_replies: dict[str, str], corpus: Corpus) -> None:
        self.standin = standin
        self.corpus = corpus
        self.exchanges: list[Exchange] = []
        self.unattributed_api_errors: list[str] = []
        self._error_lines = {label: text.strip().splitlines()[0] for label, text in error_replies.items()}
        self._waiting: dict[int, tuple[Exchange, asyncio.Future[None]]] = {}
        self._latest: dict[int, Exchange] = {}
        self._errors_seen = len(standin.errors)
        standin.bot_message_listeners.append(self._on_bot_message)

    def send(self, chat_id: int, step: Step, rng: random.Random) -> Exchange:
        """Play one step in the chat and start timing it."""
        kind, text = step.kind, step.text
        if kind == "button" and not self._press_menu_button(chat_id, rng):
            kind, text = "text", rng.choice(self.corpus.singles)  # no menu on screen (e.g. a busy reply)
            self.standin.send_text(chat_id, text)
        elif kind == "command":
            self.standin.send_command(chat_id, step.text)
        elif kind == "text":
            self.standin.send_text(chat_id, step.text)
        elif kind in NON_TEXT_KINDS:
            self.standin.send_non_text(chat_id, kind)
        loop = asyncio.get_running_loop()
        exchange = Exchange(chat_id, kind, loop.time(), text=text if kind == "text" else "")
        self.exchanges.append(exchange)
        self._waiting[chat_id] = (exchange, loop.create_future())
        self._latest[chat_id] = exchange
        return exchange

    async def wait_reply(self, exchange: Exchange, timeout: float) -> bool:
        """Wait for the first reply to `exchange`; False after `timeout` (a late reply is still recorded)."""
        waiting = self._waiting.get(exchange.chat_id)
        if waiting is None or waiting[0] is not exchange:
            return exchange.replied_at is not None
        done, _ = await asyncio.wait({waiting[1]}, timeout=timeout)
        if not done:
            self.collect_api_errors()
        return bool(done)

    def collect_api_errors(self) -> None:
        """Charge Telegram API errors recorded since the last call to the chat's latest exchange."""
        for error in self.standin.errors[self._errors_seen :]:
            chat_id = (error.get("params") or {}).get("chat_id")
            exchange = self._latest.get(chat_id) if isinstance(chat_id, int) else None
            description = f"{error.get('method')}: {error.get('description')}"
            if exchange is None:
                self.unattributed_api_errors.append(description)
            elif exchange.error is None:
                exchange.error = description
        self._errors_seen = len(self.standin.errors)

    def close(self) -> None:
        """Stop listening: the next run of a sweep has its own clock."""
        if self._on_bot_message in self.standin.bot_message_listeners:
            self.standin.bot_message_listeners.remove(self._on_bot_message)

    @property
    def in_flight(self) -> int:
        return len(self._waiting)

    def _press_menu_button(self, chat_id: int, rng: random.Random) -> bool:
        """Press one of the buttons on the newest bot message that shows some; False if there is none."""
        for message in reversed(self.standin.messages(chat_id)):
            choices = [
                data
                for row in message.buttons
                for _, data in row
                if not any(s in data for s in SKIPPED_BUTTON_PAYLOADS)
            ]
            if choices and not message.deleted:
                self.standin.press_button(chat_id, message.message_id, rng.choice(choices))
                return True
        return False

    def _on_bot_message(self, message: BotMessage) -> None:
        waiting = self._waiting.pop(message.chat_id, None)
        if waiting is None:
            return
        exchange, answered = waiting
        exchange.replied_at = asyncio.get_running_loop().time()
        exchange.reply_text = message.text
        label = next((lb for lb, line in self._error_lines.items() if message.text.startswith(line)), None)
        exchange.error = exchange.error or label
        answered.set_result(None)
        if len(self.standin.errors) > self._errors_seen:
            self.collect_api_errors()


def chat_ids(start: int = FIRST_CHAT_ID) -> Iterator[int]:
    """A fresh private chat id for every session (shared by all residents)."""
    return itertools.count(start)


async def run_resident(
    clock: ReplyClock, rng: random.Random, ids: Iterator[int], stop_at: float, reply_timeout: float
) -> None:
    """Sessions one after another until `stop_at`; a message unanswered after `reply_timeout` ends its session."""
    loop = asyncio.get_running_loop()
    while loop.time() < stop_at:
        chat_id = next(ids)
        for step in plan_session(rng, clock.corpus):
            if loop.time() >= stop_at:
                return
            if not await clock.wait_reply(clock.send(chat_id, step, rng), reply_timeout):
                break  # the resident gives up on this chat; a late reply is still recorded
            await asyncio.sleep(step.think)
        await asyncio.sleep(rng.uniform(0, SESSION_GAP_MAX_SECONDS))

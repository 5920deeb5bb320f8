"""Several Rasa instances behind the bot (faked with small HTTP servers; the e2e test kills a real one)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.rasa_pool import RasaPool, preference
from tests.unit.bot.fake_rasa import TOKEN, FakeRasa, serve

PROBE_INTERVAL = 0.05
SENDERS = [f"u_{i:04d}" for i in range(400)]


def named(fake: FakeRasa, name: str) -> FakeRasa:
    fake.answer = [{"recipient_id": "x", "text": f"dari {name}"}]
    return fake


@pytest.fixture
async def two() -> AsyncIterator[tuple[RasaPool, dict[str, FakeRasa], contextlib.AsyncExitStack]]:
    """A pool over two fake instances; the exit stack lets a test stop the first one ("a")."""
    fakes = {"a": named(FakeRasa(), "a"), "b": named(FakeRasa(), "b")}
    async with contextlib.AsyncExitStack() as b_alive:
        url_b = await b_alive.enter_async_context(serve(fakes["b"]))
        a_alive = contextlib.AsyncExitStack()
        url_a = await a_alive.enter_async_context(serve(fakes["a"]))
        pool = RasaPool([RasaClient(url, 2.0, TOKEN) for url in (url_a, url_b)], probe_interval=PROBE_INTERVAL)
        yield pool, fakes, a_alive
        await pool.aclose()
        await a_alive.aclose()


def first_choice_of(pool: RasaPool, index: int) -> list[str]:
    return [sender for sender in SENDERS if preference(sender, pool.urls)[0] == index]


async def answer(pool: RasaPool, sender: str) -> str:
    return (await pool.send(sender, "halo"))[0].text


def test_senders_are_spread_and_losing_an_instance_moves_only_its_own_chats() -> None:
    urls = ["http://10.0.0.1:5005", "http://10.0.0.2:5005", "http://10.0.0.3:5005"]
    first = {sender: preference(sender, urls)[0] for sender in SENDERS}
    shares = [sum(1 for index in first.values() if index == i) for i in range(3)]
    assert all(90 < share < 180 for share in shares), shares
    without_last = {sender: urls[preference(sender, urls[:2])[0]] for sender in SENDERS}
    moved = [sender for sender in SENDERS if without_last[sender] != urls[first[sender]]]
    assert all(first[sender] == 2 for sender in moved), "only the lost instance's chats move"


async def test_a_chat_keeps_going_to_the_same_instance(two: tuple[RasaPool, dict[str, FakeRasa], object]) -> None:
    pool, _, _ = two
    for index, name in ((0, "a"), (1, "b")):
        sender = first_choice_of(pool, index)[0]
        assert [await answer(pool, sender) for _ in range(3)] == [f"dari {name}"] * 3


async def test_a_dead_instances_chats_move_at_once_and_come_back_when_it_returns(
    two: tuple[RasaPool, dict[str, FakeRasa], contextlib.AsyncExitStack],
) -> None:
    pool, fakes, a_alive = two
    on_a, on_b = first_choice_of(pool, 0)[:3], first_choice_of(pool, 1)[0]
    port_a = int(pool.urls[0].rsplit(":", 1)[1])
    await a_alive.aclose()  # instance a dies
    assert [await answer(pool, sender) for sender in on_a] == ["dari b"] * 3, "the failing message too"
    assert not pool.is_up(pool.urls[0]) and await answer(pool, on_b) == "dari b"
    async with serve(fakes["a"], port_a):  # a is back on its port
        for _ in range(100):
            if pool.is_up(pool.urls[0]):
                break
            await asyncio.sleep(PROBE_INTERVAL)
        assert [await answer(pool, sender) for sender in on_a] == ["dari a"] * 3
        assert await answer(pool, on_b) == "dari b"


async def test_a_slow_instance_is_not_bypassed_for_the_same_message(
    two: tuple[RasaPool, dict[str, FakeRasa], object],
) -> None:
    """A timeout may mean Rasa is still handling the message: sending it elsewhere could answer it twice."""
    pool, fakes, _ = two
    fakes["a"].delay = 3.0
    with pytest.raises(RasaUnavailable):
        await pool.send(first_choice_of(pool, 0)[0], "halo")
    assert fakes["b"].received == []


async def test_with_every_instance_down_the_resident_hears_rasa_is_unavailable() -> None:
    pool = RasaPool([RasaClient("http://127.0.0.1:9", 1.0, TOKEN), RasaClient("http://127.0.0.1:19", 1.0, TOKEN)])
    with pytest.raises(RasaUnavailable):
        await pool.send("u_1", "halo")
    assert not await pool.is_ready()
    await pool.aclose()

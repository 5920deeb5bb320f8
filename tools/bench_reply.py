"""`make bench`: reply latency and memory of the running stack, measured through the Telegram stand-in.

Starts the stack exactly as `make run` does (token mode, against an in-process stand-in), sends
resident questions one at a time, and reports the time from the update being available to the
bot's reply arriving, plus the resident memory (RSS) of each process.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from infobansos.settings import get_settings
from tools.local_stack import (
    cmdline,
    kill_marked,
    processes_with_marker,
    stack_environment,
    start_stack,
    stop_stack,
    wait_until_polling,
)
from tools.telegram_standin import TelegramStandIn
from tools.train_model import ensure_model

QUESTIONS = ("apa itu DTKS?", "halo min", "dtsen itu apa sih", "resep rendang dong", "info dtks dong")
PROCESS_NAMES = (
    ("rasa run", "Rasa server"),
    ("rasa_sdk", "action server"),
    ("-m bot", "bot"),
    ("tools.stack", "supervisor"),
)


def rss_by_process(marker: str) -> dict[str, float]:
    """MB of resident memory per named process (children such as Sanic workers added to their parent's)."""
    totals: dict[str, float] = defaultdict(float)
    for pid in processes_with_marker(marker):
        line = cmdline(pid)
        name = next((label for needle, label in PROCESS_NAMES if needle in line), "action server")
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kb = next((int(s.split()[1]) for s in status.splitlines() if s.startswith("VmRSS:")), 0)
        totals[name] += kb / 1024
    return dict(totals)


async def measure(count: int) -> None:
    ensure_model(get_settings().models_dir)
    token = f"1:{secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory() as tmp:
        async with TelegramStandIn(token=token) as standin:
            env, marker = stack_environment(
                Path(tmp) / "var",
                secrets.token_hex(32),
                TELEGRAM_BOT_TOKEN=token,
                TELEGRAM_API_BASE_URL=standin.base_url,
            )
            log = Path(tmp) / "stack.log"
            started = time.monotonic()
            process = await start_stack(env, log)
            try:
                await wait_until_polling(standin, process, log)
                print(f"stack ready (Rasa model loaded, bot polling) in {time.monotonic() - started:.1f} s")
                latencies = []
                for i in range(count + 1):
                    chat_id = 5_000 + i % 7
                    sent = time.monotonic()
                    standin.send_text(chat_id, QUESTIONS[i % len(QUESTIONS)])
                    await standin.wait_for_bot_messages(chat_id, timeout=30)
                    if i:  # the first answer warms up Rasa's and the action server's code paths
                        latencies.append((time.monotonic() - sent) * 1000)
                latencies.sort()
                p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
                print(
                    f"reply latency over {count} messages: median {statistics.median(latencies):.0f} ms, "
                    f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms"
                )
                for name, mb in sorted(rss_by_process(marker).items()):
                    print(f"memory (RSS) {name:<14} {mb:7.0f} MB")
            finally:
                await stop_stack(process)
                kill_marked(marker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=50)
    asyncio.run(measure(parser.parse_args().messages))


if __name__ == "__main__":
    main()

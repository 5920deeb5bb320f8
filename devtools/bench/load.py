"""`make bench`: drive the running stack with many simulated residents and say whether it keeps up.

Starts the stack exactly as `make run` does (token mode, against the in-process Telegram stand-in),
lets N residents (`devtools.bench.traffic`, saying resident-like text from `devtools.bench.corpus`)
chat for a warm-up and then a fixed measured window, and prints the offered and answered rates,
first-reply latency percentiles, errors, timeouts and lost messages, the length distribution of
what was typed, plus the peak memory, the CPU seconds and the CPU per answered message of every
process. The CPU column is what finds the bottleneck: on a 2-core machine a process near 100 % of
one core is the one that holds up the rest. `--residents 10,25,50,100` sweeps: one stack, one run
per count, each with its own warm-up.

Only messages *sent* inside the measured window count. Latency is the time from the update being
queued in the stand-in to the bot's first sendMessage in that chat, so it includes the bot's long
poll, Rasa, the action server and the bot's reply, but not a real network.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import random
import secrets
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from devtools.bench.corpus import Corpus, load_corpus
from devtools.bench.load_results import REPLY_TIMEOUT_SECONDS, Resources, report, summarize
from devtools.bench.profiling import finish_recordings, start_recordings
from devtools.bench.traffic import ReplyClock, chat_ids, max_offered_rate, run_resident
from devtools.local_redis import redis_server
from devtools.local_stack import (
    free_ports,
    kill_marked,
    stack_environment,
    start_stack,
    stop_stack,
    wait_until_polling,
)
from devtools.proc_stats import PeakMemory, cpu_by_process, machine_cpu_seconds, named_pids
from infobansos.content.store import load_content
from infobansos.settings import PROJECT_ROOT, get_settings
from ops.train_model import ensure_model
from standin.server import TelegramStandIn

DEFAULT_RESIDENTS = "50"
DEFAULT_SECONDS = 60.0
DEFAULT_WARMUP_SECONDS = 10.0
DRAIN_SECONDS = 5.0  # after the last reply timeout, before what is still unanswered counts as lost
RAMP_SECONDS = 2.0  # residents start spread over this, not all in the same millisecond
SAMPLE_INTERVAL_SECONDS = 0.5
PID_REFRESH_SAMPLES = 10  # look for restarted processes every 5 s, not at every sample
BENCH_PROCESS = "load generator + stand-in"
ERROR_MESSAGE_KEYS = ("busy", "slow_down")
PROFILE_DIR = PROJECT_ROOT / "results" / "bench"


class StackFailed(RuntimeError):
    """The stack never got ready: the only case in which `make bench` exits non-zero."""


class Sampler:
    """Peak memory every SAMPLE_INTERVAL_SECONDS, and CPU counters at the window's edges."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.pids = self._pids()
        self.memory = PeakMemory({})

    def _pids(self) -> dict[int, str]:
        return named_pids(self.marker) | {os.getpid(): BENCH_PROCESS}

    async def run(self) -> None:
        for tick in itertools.count():
            if tick % PID_REFRESH_SAMPLES == 0:
                self.pids = self._pids()
            self.memory.sample(self.pids)
            await asyncio.sleep(SAMPLE_INTERVAL_SECONDS)

    def cpu(self) -> tuple[dict[int, str], dict[str, float], float]:
        pids = self._pids()
        return pids, cpu_by_process(pids), machine_cpu_seconds()[0]


async def drive(
    standin: TelegramStandIn,
    marker: str,
    residents: int,
    seconds: float,
    warmup: float,
    seed: int,
    corpus: Corpus,
    ids: Iterator[int],
    profile: bool = False,
) -> None:
    """Warm up, measure, drain, then print the report."""
    content = load_content(get_settings().content_dir)
    clock = ReplyClock(standin, {key: content.message(key) for key in ERROR_MESSAGE_KEYS}, corpus)
    loop, rng = asyncio.get_running_loop(), random.Random(seed)
    start = loop.time() + warmup
    end = start + seconds
    sampler = Sampler(marker)
    sampling = asyncio.create_task(sampler.run())
    load_before = os.getloadavg()

    async def resident(index: int) -> None:
        await asyncio.sleep(RAMP_SECONDS * index / residents)
        await run_resident(clock, random.Random(rng.random()), ids, end, REPLY_TIMEOUT_SECONDS)

    tasks = [asyncio.create_task(resident(i)) for i in range(residents)]
    await asyncio.sleep(max(0.0, start - loop.time()))
    pids_before, cpu_before, busy_before = sampler.cpu()
    recordings = await start_recordings(pids_before, seconds, PROFILE_DIR / str(residents)) if profile else []
    first_call = len(standin.calls)
    await asyncio.sleep(max(0.0, end - loop.time()))
    pids_after, cpu_after, busy_after = sampler.cpu()
    api_calls = Counter(method for method, _ in standin.calls[first_call:])
    load_after = os.getloadavg()
    await asyncio.gather(*tasks)
    while clock.in_flight and loop.time() < end + REPLY_TIMEOUT_SECONDS + DRAIN_SECONDS:
        await asyncio.sleep(SAMPLE_INTERVAL_SECONDS)
    clock.collect_api_errors()
    clock.close()
    sampling.cancel()
    resources = Resources(
        peak_mb=sampler.memory.peaks,
        cpu_seconds={name: cpu_after.get(name, 0.0) - cpu_before.get(name, 0.0) for name in cpu_after},
        machine_busy_seconds=busy_after - busy_before,
        cores=os.cpu_count() or 1,
        load_before=load_before,
        load_after=load_after,
        restarted=pids_before != pids_after,
        api_calls=dict(api_calls),
    )
    summary = summarize(clock.exchanges, start, end, REPLY_TIMEOUT_SECONDS)
    lines = report(summary, resources, residents, warmup, max_offered_rate(residents, corpus, seed))
    for line in [*lines, *await finish_recordings(recordings)]:
        print(line, flush=True)
    if clock.unattributed_api_errors:
        print(f"Telegram API errors outside any chat: {Counter(clock.unattributed_api_errors).most_common(5)}")


async def measure(
    sweep: list[int],
    seconds: float,
    warmup: float,
    seed: int,
    telegram_rate: str | None,
    profile: bool,
    rasa_workers: int,
    rasa_instances: int = 1,
) -> None:
    """Start the stack as `make run` does, run the load once per resident count, and always stop everything."""
    ensure_model(get_settings().models_dir)
    corpus = load_corpus()
    ids = chat_ids()  # shared by the sweep's runs: no run continues another's chat
    token = f"1:{secrets.token_hex(8)}"
    with contextlib.ExitStack() as resources, tempfile.TemporaryDirectory() as tmp:
        workers: dict[str, str] = {}
        if rasa_workers > 1:
            workers = {"RASA_WORKERS": str(rasa_workers), "REDIS_URL": resources.enter_context(redis_server())}
            print(f"Rasa with {rasa_workers} workers and a throwaway Redis lock store", flush=True)
        if rasa_instances > 1:
            workers |= {"RASA_INSTANCES": str(rasa_instances), "RASA_PORT": str(free_ports(rasa_instances))}
            print(f"{rasa_instances} Rasa instances behind the bot", flush=True)
        async with TelegramStandIn(token=token) as standin:
            env, marker = stack_environment(
                Path(tmp) / "var",
                secrets.token_hex(32),
                TELEGRAM_BOT_TOKEN=token,
                TELEGRAM_API_BASE_URL=standin.base_url,
                **({"TELEGRAM_MAX_SENDS_PER_SECOND": telegram_rate} if telegram_rate is not None else {}),
                **workers,
            )
            log = Path(tmp) / "stack.log"
            started = asyncio.get_running_loop().time()
            process = await start_stack(env, log)
            try:
                try:
                    await wait_until_polling(standin, process, log)
                except (RuntimeError, TimeoutError) as exc:
                    raise StackFailed(str(exc)) from exc
                ready = asyncio.get_running_loop().time() - started
                print(f"stack ready (Rasa model loaded, bot polling) in {ready:.1f} s", flush=True)
                for residents in sweep:
                    print(f"\n== {residents} residents ==", flush=True)
                    await drive(standin, marker, residents, seconds, warmup, seed, corpus, ids, profile)
            finally:
                await stop_stack(process)
                kill_marked(marker)


def resident_counts(text: str) -> list[int]:
    """`50` or `10,25,50,100`: each a positive whole number."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"resident counts must be 1 or more: {text!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--residents",
        type=resident_counts,
        default=DEFAULT_RESIDENTS,  # argparse passes a string default through `type` too
        help="concurrent simulated residents; a comma-separated list (10,25,50,100) sweeps",
    )
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, help="length of the measured window")
    parser.add_argument("--warmup", type=float, default=DEFAULT_WARMUP_SECONDS, help="load before measuring")
    parser.add_argument("--seed", type=int, default=1, help="seed of the residents' choices")
    parser.add_argument(
        "--telegram-rate",
        help="the bot's overall limit of Telegram requests per second (TELEGRAM_MAX_SENDS_PER_SECOND; "
        "default 30, Telegram's own limit; 0 lifts it, to measure the stack without Telegram's cap)",
    )
    parser.add_argument(
        "--rasa-workers",
        type=int,
        default=1,
        help="Rasa's Sanic workers (RASA_WORKERS; above 1 with a Redis lock store)",
    )
    parser.add_argument(
        "--rasa-instances",
        type=int,
        default=1,
        help="separate Rasa processes behind the bot (RASA_INSTANCES), each with --rasa-workers workers",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample Rasa, the bot and the action server with py-spy during the window (results/bench/)",
    )
    args = parser.parse_args()
    try:
        asyncio.run(
            measure(
                args.residents,
                args.seconds,
                args.warmup,
                args.seed,
                args.telegram_rate,
                args.profile,
                args.rasa_workers,
                args.rasa_instances,
            )
        )
    except StackFailed as exc:
        raise SystemExit(f"bench: the stack did not start: {exc}") from exc


if __name__ == "__main__":
    main()

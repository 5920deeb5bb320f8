"""What a `make bench` run measured, judged against the targets, as the lines it prints.

Pure functions over the exchanges and the per-process figures that `devtools.bench.load` collects,
so the counting and the verdict are tested without starting the stack. Only messages *sent* inside
the measured window count; each is answered, an error, a timeout or lost, never two of these.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from devtools.bench.traffic import Exchange

REPLY_TIMEOUT_SECONDS = 10.0
TARGET_MESSAGES_PER_SECOND = 30.0
TARGET_P95_MS = 500.0
TELEGRAM_MESSAGES_PER_SECOND = 30  # what Telegram lets one bot send in all; PTB's AIORateLimiter keeps to it
REPORTED_API_METHODS = ("sendMessage", "editMessageReplyMarkup", "editMessageText", "sendChatAction")
LENGTH_PERCENTILES = (10, 50, 90, 99)
LONG_MESSAGE_CHARACTERS = 100


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (the smallest value with at least q % of values at or below it); NaN if empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Summary:
    """What the measured window showed; every count is of messages sent inside it."""

    seconds: float
    sent: int
    answered: int  # a proper reply within the timeout
    errors: int  # a "busy"/"slow down" reply or a Telegram API error
    timeouts: int  # replied, but only after the timeout
    lost: int  # never replied, even after the drain
    latencies_ms: tuple[float, ...]  # every reply that came, in time or late
    kinds: dict[str, int]
    texts: tuple[str, ...] = ()  # what was typed, for the length distribution

    @property
    def messages_per_second(self) -> float:
        return self.answered / self.seconds if self.seconds > 0 else 0.0

    def latency(self, q: float) -> float:
        return percentile(self.latencies_ms, q)


def summarize(exchanges: Sequence[Exchange], start: float, end: float, reply_timeout: float) -> Summary:
    """Sort each exchange sent in [start, end) into exactly one of answered / error / timeout / lost."""
    counts: Counter[str] = Counter()
    latencies: list[float] = []
    kinds: Counter[str] = Counter()
    texts: list[str] = []
    for exchange in exchanges:
        if not start <= exchange.sent_at < end:
            continue
        kinds[exchange.kind] += 1
        if exchange.text:
            texts.append(exchange.text)
        if exchange.replied_at is None:
            counts["lost"] += 1
            continue
        waited = exchange.replied_at - exchange.sent_at
        latencies.append(waited * 1000)
        outcome = "errors" if exchange.error else "timeouts" if waited > reply_timeout else "answered"
        counts[outcome] += 1
    return Summary(
        seconds=end - start,
        sent=sum(kinds.values()),
        answered=counts["answered"],
        errors=counts["errors"],
        timeouts=counts["timeouts"],
        lost=counts["lost"],
        latencies_ms=tuple(latencies),
        kinds=dict(kinds),
        texts=tuple(texts),
    )


def failures(summary: Summary) -> list[str]:
    """Why the run misses the targets; empty when it meets them. No reply is allowed to go missing."""
    reasons = []
    if summary.messages_per_second < TARGET_MESSAGES_PER_SECOND:
        reasons.append(f"{summary.messages_per_second:.1f} messages/s < {TARGET_MESSAGES_PER_SECOND:.0f}")
    p95 = summary.latency(95)
    if math.isnan(p95) or p95 >= TARGET_P95_MS:
        reasons.append(f"p95 {p95:.0f} ms ≥ {TARGET_P95_MS:.0f} ms")
    for label, count in (("errors", summary.errors), ("timeouts", summary.timeouts), ("lost", summary.lost)):
        if count:
            reasons.append(f"{count} {label}")
    return reasons


def verdict_line(summary: Summary) -> str:
    targets = f"≥ {TARGET_MESSAGES_PER_SECOND:.0f} messages/s, p95 < {TARGET_P95_MS:.0f} ms, nothing lost"
    reasons = failures(summary)
    return f"PASS ({targets})" if not reasons else f"FAIL ({targets}): {'; '.join(reasons)}"


@dataclass(frozen=True)
class Resources:
    """Per-process figures of the run: peak RSS (MB) over the whole run, CPU seconds in the window."""

    peak_mb: dict[str, float]
    cpu_seconds: dict[str, float]
    machine_busy_seconds: float  # all cores, all processes on the machine, during the window
    cores: int
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    restarted: bool
    api_calls: dict[str, int]  # Bot API calls the bot made during the window, by method


def length_line(texts: Sequence[str]) -> str:
    """The length distribution (characters) of the typed messages, so a run says what it was fed."""
    lengths = [float(len(text)) for text in texts]
    if not lengths:
        return "length        no typed message"
    cuts = " · ".join(f"p{q} {percentile(lengths, q):.0f}" for q in LENGTH_PERCENTILES)
    long_share = sum(length > LONG_MESSAGE_CHARACTERS for length in lengths) / len(lengths)
    return f"length        typed, in characters: {cuts} · over {LONG_MESSAGE_CHARACTERS}: {long_share:.0%}"


def report(summary: Summary, resources: Resources, residents: int, warmup: float, ceiling: float) -> list[str]:
    """The lines `make bench` prints; `ceiling` is what the residents could offer with instant replies."""
    s, seconds = summary, summary.seconds
    kinds = " · ".join(f"{kind} {count}" for kind, count in sorted(s.kinds.items()))
    lines = [
        f"load          {residents} residents (at most {ceiling:.1f} messages/s with instant"
        f" replies), {warmup:.0f} s warm-up (not counted), {seconds:.0f} s measured",
        f"messages      offered {s.sent} ({s.sent / seconds:.1f}/s) · answered {s.answered}"
        f" ({s.messages_per_second:.1f}/s) · errors {s.errors}"
        f" · timeouts {s.timeouts} (no reply within {REPLY_TIMEOUT_SECONDS:.0f} s) · lost {s.lost}",
        f"mix           {kinds}",
        length_line(s.texts),
        f"throughput    {s.messages_per_second:.1f} messages/s answered",
        f"first reply   p50 {s.latency(50):.0f} ms · p95 {s.latency(95):.0f} ms · p99 {s.latency(99):.0f} ms"
        f" · max {max(s.latencies_ms, default=math.nan):.0f} ms",
        f"{'process':<26} {'peak RSS':>9} {'CPU in window':>14} {'of one core':>12} {'CPU/answered':>13}",
    ]
    for name in sorted(resources.peak_mb.keys() | resources.cpu_seconds.keys()):
        cpu = resources.cpu_seconds.get(name, 0.0)
        peak = resources.peak_mb.get(name, 0.0)
        per_message = f"{cpu * 1000 / s.answered:.1f} ms" if s.answered else "-"
        lines.append(f"{name:<26} {peak:>6.0f} MB {cpu:>12.1f} s {cpu / seconds:>11.0%} {per_message:>13}")
    ours = sum(resources.cpu_seconds.values())
    lines.append(
        f"machine       {resources.cores} cores {resources.machine_busy_seconds / (seconds * resources.cores):.0%} busy"
        f" in the window, these processes {ours / (seconds * resources.cores):.0%};"
        f" load average {resources.load_before[0]:.2f} before, {resources.load_after[0]:.2f} after"
    )
    calls = " · ".join(
        f"{method} {resources.api_calls.get(method, 0) / seconds:.1f}/s" for method in REPORTED_API_METHODS
    )
    lines.append(f"bot → Telegram {calls} (Telegram allows a bot about {TELEGRAM_MESSAGES_PER_SECOND} messages/s)")
    if resources.restarted:
        lines.append("warning       a stack process restarted during the window; its CPU figure is incomplete")
    return [*lines, verdict_line(summary)]

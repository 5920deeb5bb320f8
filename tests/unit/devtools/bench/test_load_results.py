"""The figures `make bench` prints: percentiles, the sorting of messages into outcomes, the verdict."""

from __future__ import annotations

import math

import pytest

from devtools.bench.load_results import (
    REPLY_TIMEOUT_SECONDS,
    TARGET_MESSAGES_PER_SECOND,
    TARGET_P95_MS,
    Resources,
    Summary,
    failures,
    length_line,
    percentile,
    report,
    summarize,
    verdict_line,
)
from devtools.bench.traffic import Exchange


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 100 … 1, unsorted on purpose
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50, 95, 99)
    assert percentile(values, 100) == 100
    assert percentile(values, 0) == 1
    assert percentile([7.0], 99) == 7.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0  # not interpolated
    assert percentile([1.0, 2.0, 3.0, 4.0], 51) == 3.0
    assert math.isnan(percentile([], 50))


def test_percentile_of_a_tail_sees_the_tail() -> None:
    values = [10.0] * 94 + [900.0] * 6
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 900.0, "6 % slow replies must show in p95"


def exchange(
    sent: float, waited: float | None, kind: str = "text", error: str | None = None, text: str = ""
) -> Exchange:
    return Exchange(1, kind, sent, None if waited is None else sent + waited, error=error, text=text)


def test_summarize_puts_each_window_message_in_exactly_one_outcome() -> None:
    exchanges = [
        exchange(5.0, 0.1),  # warm-up: not counted
        exchange(10.0, 0.05, text="syarat klj apa"),
        exchange(11.0, 0.2, kind="button"),
        exchange(12.0, 0.3, error="busy"),
        exchange(13.0, REPLY_TIMEOUT_SECONDS + 2),  # replied, but too late
        exchange(14.0, None),  # never replied
        exchange(15.0, REPLY_TIMEOUT_SECONDS + 1, error="busy"),  # a late "busy" is an error, not a timeout
        exchange(29.9, 0.1, kind="photo"),
        exchange(30.0, 0.1, text="sesudah jendela"),  # the window is [10, 30): not counted
    ]
    summary = summarize(exchanges, 10.0, 30.0, REPLY_TIMEOUT_SECONDS)
    assert (summary.sent, summary.answered, summary.errors, summary.timeouts, summary.lost) == (7, 3, 2, 1, 1)
    assert summary.kinds == {"text": 5, "button": 1, "photo": 1}
    assert summary.texts == ("syarat klj apa",), "only typed text inside the window"
    assert summary.messages_per_second == pytest.approx(3 / 20)
    assert sorted(summary.latencies_ms) == pytest.approx(
        [50, 100, 200, 300, (REPLY_TIMEOUT_SECONDS + 1) * 1000, (REPLY_TIMEOUT_SECONDS + 2) * 1000]
    )


def good_summary(**changes: object) -> Summary:
    fields: dict[str, object] = {
        "seconds": 60.0,
        "sent": 1900,
        "answered": 1900,
        "errors": 0,
        "timeouts": 0,
        "lost": 0,
        "latencies_ms": tuple([100.0] * 1900),
        "kinds": {"text": 1900},
    }
    return Summary(**(fields | changes))  # type: ignore[arg-type]


def test_verdict_passes_only_when_every_target_is_met() -> None:
    assert failures(good_summary()) == []
    assert verdict_line(good_summary()).startswith("PASS")
    slow = good_summary(latencies_ms=tuple([100.0] * 1800 + [TARGET_P95_MS] * 100))
    assert failures(slow) == [f"p95 {TARGET_P95_MS:.0f} ms ≥ {TARGET_P95_MS:.0f} ms"]
    few = good_summary(answered=int(TARGET_MESSAGES_PER_SECOND * 60) - 1)
    assert len(failures(few)) == 1 and "messages/s" in failures(few)[0]
    for outcome in ("errors", "timeouts", "lost"):
        assert failures(good_summary(**{outcome: 1})) == [f"1 {outcome}"], outcome
    assert verdict_line(good_summary(lost=2)).startswith("FAIL")
    assert "p95 nan ms" in " ".join(failures(good_summary(answered=0, latencies_ms=())))


def test_report_names_every_process_and_ends_with_the_verdict() -> None:
    resources = Resources(
        peak_mb={"Rasa server": 1300.0, "bot": 80.0},
        cpu_seconds={"Rasa server": 57.0, "bot": 12.0, "action server": 3.0},
        machine_busy_seconds=90.0,
        cores=2,
        load_before=(0.5, 0.4, 0.3),
        load_after=(1.9, 1.0, 0.5),
        restarted=True,
        api_calls={"sendMessage": 1800, "getUpdates": 900},
    )
    lines = report(good_summary(), resources, residents=50, warmup=10.0, ceiling=38.5)
    assert lines[-1].startswith("PASS")
    rasa = next(line for line in lines if line.startswith("Rasa server"))
    assert "1300 MB" in rasa and "57.0 s" in rasa and "95%" in rasa
    assert rasa.endswith("30.0 ms"), "57 s of CPU over 1900 answered messages"
    assert "offered 1900 (31.7/s) · answered 1900 (31.7/s)" in lines[1]
    assert any(line.startswith("action server") and "0 MB" in line for line in lines)
    assert any("75% busy" in line and "60%" in line for line in lines)
    assert any(line.startswith("warning") for line in lines)
    assert any("31.7 messages/s" in line for line in lines)
    assert lines[0].startswith("load          50 residents (at most 38.5 messages/s")
    telegram = next(line for line in lines if line.startswith("bot → Telegram"))
    assert "sendMessage 30.0/s" in telegram and "sendChatAction 0.0/s" in telegram and "getUpdates" not in telegram


def test_length_line_shows_the_spread_of_what_residents_typed() -> None:
    texts = ["p"] * 50 + ["syarat klj apa ya"] * 40 + ["x" * 150] * 10
    line = length_line(texts)
    assert "p10 1 · p50 1 · p90 17 · p99 150" in line
    assert "over 100: 10%" in line
    assert "no typed message" in length_line([])

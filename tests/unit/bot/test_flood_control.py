from __future__ import annotations

from bot.flood_control import FloodGuard, Verdict


def test_twenty_a_minute_pass_then_one_warning_then_silence_until_the_minute_passes() -> None:
    now = [0.0]
    guard = FloodGuard(limit=20, window=60.0, clock=lambda: now[0])
    assert [guard.check(1) for _ in range(20)] == [Verdict.OK] * 20
    assert guard.check(1) == Verdict.WARN
    assert guard.check(1) == Verdict.DROP
    assert guard.check(2) == Verdict.OK, "other residents are not affected"
    now[0] = 61.0
    assert guard.check(1) == Verdict.OK

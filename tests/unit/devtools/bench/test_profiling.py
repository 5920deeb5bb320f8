"""The profile summary `make bench --profile` prints: which functions hold the samples."""

from __future__ import annotations

from devtools.bench.profiling import frame_name, hot_spots, profile_lines

LOOP = "rasa (123);run (asyncio/base_events.py:640)"
AGENT = "handle (/x/site-packages/rasa/core/agent.py"
COLLAPSED = "\n".join(
    [
        f"{LOOP};{AGENT}:97);parse (/x/site-packages/rasa/nlu/model.py:10) 60",
        f"{LOOP};{AGENT}:99);save (/x/site-packages/rasa/core/tracker_store.py:5) 30",
        f"{LOOP};_run_once (asyncio/base_events.py:1900) 10",
        "not a stack line",
    ]
)


def test_frame_names_drop_line_numbers_and_the_install_path() -> None:
    assert frame_name("handle (/x/site-packages/rasa/core/agent.py:97)") == "handle (rasa/core/agent.py)"


def test_hot_spots_count_each_function_once_per_stack() -> None:
    total, inclusive, itself = hot_spots(COLLAPSED)
    assert total == 100
    assert inclusive["handle (rasa/core/agent.py)"] == 90, "two lines of one function are one function"
    assert itself["parse (rasa/nlu/model.py)"] == 60 and itself["save (rasa/core/tracker_store.py)"] == 30


def test_profile_lines_skip_the_event_loop_and_rank_by_share() -> None:
    lines = profile_lines("Rasa server", COLLAPSED)
    assert lines[0].startswith("profile       Rasa server: 100 samples, 100 not waiting")
    inclusive = lines[1 : lines.index(next(line for line in lines[1:] if line.startswith("profile")))]
    assert inclusive[0].strip() == "90.0%  handle (rasa/core/agent.py)"
    assert [line.split("  ", 2)[-1] for line in inclusive][:2] == [
        "handle (rasa/core/agent.py)",
        "parse (rasa/nlu/model.py)",
    ]
    assert not any("base_events.py" in line and "run (" in line for line in inclusive), "the loop is on every stack"
    assert profile_lines("bot", "") == ["profile       bot: no samples"]

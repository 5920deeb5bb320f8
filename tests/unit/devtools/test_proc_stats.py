"""Per-process memory and CPU from /proc: the figures that point at the bottleneck must be right."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devtools.proc_stats import (
    PeakMemory,
    cpu_by_process,
    cpu_seconds,
    machine_cpu_seconds,
    named_pids,
    process_name,
    rss_by_process,
    rss_mb,
)

GONE_PID = 2**22 + 12345  # above Linux's pid_max limit, so never a live process


@pytest.mark.parametrize(
    ("command_line", "name"),
    [
        ("/x/.venv-rasa/bin/python3.10 /x/.venv-rasa/bin/rasa run --enable-api -p 5005", "Rasa server"),
        ("/x/.venv/bin/python -m rasa_sdk --actions actions -p 5055", "action server"),
        ("/x/.venv/bin/python -m bot", "bot"),
        ("/x/.venv/bin/python -m ops.stack", "supervisor"),
        ("/x/.venv/bin/python -c from multiprocessing.spawn import spawn_main", "action server"),
    ],
)
def test_processes_are_named_by_their_command_line(command_line: str, name: str) -> None:
    assert process_name(command_line) == name


def test_cpu_seconds_count_only_what_the_process_used() -> None:
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    used = cpu_seconds(os.getpid()) - before
    assert 0.2 <= used <= 1.0
    assert cpu_seconds(GONE_PID) == 0.0


def test_cpu_seconds_read_a_command_name_with_spaces_and_parentheses() -> None:
    script = (
        "import time; open('/proc/self/comm', 'w').write('a) 1 2 (c'); end = time.process_time() + 0.2\n"
        "while time.process_time() < end: pass\n"
        "print('ok', flush=True); time.sleep(5)"
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "ok\n"
            assert Path(f"/proc/{child.pid}/comm").read_text().strip() == "a) 1 2 (c"
            assert 0.15 <= cpu_seconds(child.pid) < 1.0, "the child burnt 0.2 s of CPU, then slept"
        finally:
            child.kill()


def test_memory_is_summed_per_service_and_the_peak_is_kept() -> None:
    me = rss_mb(os.getpid())
    assert me > 5 and rss_mb(GONE_PID) == 0.0
    pids = {os.getpid(): "bot", GONE_PID: "bot"}
    assert rss_by_process(pids)["bot"] == pytest.approx(me, rel=0.2)
    assert set(cpu_by_process(pids)) == {"bot"}
    peak = PeakMemory({"bot": 10_000.0})
    peak.sample(pids | {1: "supervisor"})
    assert peak.peaks["bot"] == 10_000.0 and "supervisor" in peak.peaks


def test_machine_cpu_is_busy_part_of_total() -> None:
    busy, total = machine_cpu_seconds()
    assert 0 < busy < total


def test_no_process_carries_an_unknown_marker() -> None:
    assert named_pids("no-such-run-marker") == {}

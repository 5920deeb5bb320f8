"""Memory and CPU time of the stack's processes, read from /proc, for the benchmarks.

A benchmark has to say *which* process is the bottleneck, so every figure is kept per named
service (Rasa server, action server, bot, supervisor). Processes are found by the run marker
`devtools.local_stack` puts in their environment; a child (e.g. a Sanic worker) is counted under the
service whose command line it shares, or under "action server" as `make run` starts nothing else.
Linux only, like the rest of the stack tooling.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from devtools.local_stack import cmdline, processes_with_marker

PROCESS_NAMES = (
    ("rasa run", "Rasa server"),
    ("rasa_sdk", "action server"),
    ("-m bot", "bot"),
    ("ops.stack", "supervisor"),
    ("-m console", "staff console"),
)
FALLBACK_NAME = "action server"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# In /proc/<pid>/stat, utime is field 14 and stime 15 (man 5 proc); counted from the state field 3,
# the first one after the command name, they are at 11 and 12.
UTIME_AFTER_COMMAND = 11


def process_name(command_line: str) -> str:
    """The service a command line belongs to, by the needles in PROCESS_NAMES."""
    return next((label for needle, label in PROCESS_NAMES if needle in command_line), FALLBACK_NAME)


def named_pids(marker: str) -> dict[int, str]:
    """Every process of the stack run `marker`, with the service name it counts under."""
    return {pid: process_name(cmdline(pid)) for pid in processes_with_marker(marker)}


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB; 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return kb / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far; 0 if it is gone.

    The command name in /proc/<pid>/stat may contain spaces, so fields are counted after its ")".
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    utime, stime = int(fields[UTIME_AFTER_COMMAND]), int(fields[UTIME_AFTER_COMMAND + 1])
    return (utime + stime) / CLOCK_TICKS


def rss_by_process(pids: dict[int, str]) -> dict[str, float]:
    """MB of resident memory per service name (children added to their service)."""
    totals: dict[str, float] = defaultdict(float)
    for pid, name in pids.items():
        totals[name] += rss_mb(pid)
    return dict(totals)


def cpu_by_process(pids: dict[int, str]) -> dict[str, float]:
    """CPU seconds used so far per service name (children added to their service)."""
    totals: dict[str, float] = defaultdict(float)
    for pid, name in pids.items():
        totals[name] += cpu_seconds(pid)
    return dict(totals)


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, summed over all cores.

    The difference over a measurement shows how much of the machine *other* work used, so a
    disturbed run (someone else's tests) can be recognised.
    """
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(value) for value in first[:8]]  # user nice system idle iowait irq softirq steal
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / CLOCK_TICKS, sum(ticks) / CLOCK_TICKS


@dataclass
class PeakMemory:
    """Highest resident memory seen per service over repeated samples."""

    peaks: dict[str, float]

    def sample(self, pids: dict[int, str]) -> None:
        for name, mb in rss_by_process(pids).items():
            self.peaks[name] = max(self.peaks.get(name, 0.0), mb)

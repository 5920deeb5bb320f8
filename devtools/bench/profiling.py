"""`make bench ARGS="--profile"`: sample the stack's processes with py-spy during the measured window.

A CPU figure per process says *which* process is the bottleneck; a profile says *what* in it. py-spy
samples a running process from outside (no code change, no restart, little overhead), so the profile
is of the same stack and the same load as the figures beside it. Each process gets a raw "collapsed
stacks" file under `results/bench/`, and the report prints the functions with the largest share of
samples, inclusive (the function and what it calls) and by itself. docs/performance.md explains the
hot spots found this way.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SAMPLES_PER_SECOND = 100
TOP_FUNCTIONS = 12
PROFILED = ("Rasa server", "bot", "action server")  # names from devtools.proc_stats
ROOT_SHARE = 0.95  # frames on (nearly) every busy stack, such as the event loop, say nothing
IDLE_LEAF = re.compile(r"^(\w+\.)?select \(selectors\.py\)$")  # the event loop waiting for work
# "handle (rasa/core/agent.py:97)" → "handle (rasa/core/agent.py)": the line moves, the function does not.
LINE_NUMBER = re.compile(r":\d+\)$")
SITE_PACKAGES = re.compile(r"\(\S*/site-packages/")


def py_spy() -> str | None:
    """py-spy from the project's environment (requirements/app.txt), else from PATH."""
    local = Path(sys.executable).with_name("py-spy")
    return str(local) if local.exists() else shutil.which("py-spy")


@dataclass
class Recording:
    name: str
    output: Path
    process: asyncio.subprocess.Process


async def start_recordings(pids: dict[int, str], seconds: float, out_dir: Path) -> list[Recording]:
    """One py-spy per profiled process, sampling for `seconds`; empty if py-spy is not installed."""
    executable = py_spy()
    if executable is None:
        print("profile       py-spy not found: no profile recorded", flush=True)
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    recordings = []
    for pid, name in sorted(pids.items()):
        if name not in PROFILED:
            continue
        output = out_dir / f"profile-{name.replace(' ', '-').lower()}-{pid}.txt"
        argv = [executable, "record", "--pid", str(pid), "--duration", str(round(seconds))]
        argv += ["--rate", str(SAMPLES_PER_SECOND), "--format", "raw", "--nonblocking", "--output", str(output)]
        process = await asyncio.create_subprocess_exec(
            *argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        recordings.append(Recording(name, output, process))
    return recordings


async def finish_recordings(recordings: list[Recording]) -> list[str]:
    """Wait for py-spy to write its files, then the report lines per service (its processes together)."""
    lines = []
    by_name: dict[str, list[str]] = {}
    for recording in recordings:
        await recording.process.wait()
        if not recording.output.exists():
            lines.append(f"profile       {recording.name}: py-spy wrote nothing (exit {recording.process.returncode})")
            continue
        by_name.setdefault(recording.name, []).append(recording.output.read_text(encoding="utf-8"))
    for name, profiles in sorted(by_name.items()):
        lines += profile_lines(name, "\n".join(profiles))
    return lines


def frame_name(frame: str) -> str:
    return SITE_PACKAGES.sub("(", LINE_NUMBER.sub(")", frame.strip()))


def hot_spots(collapsed: str) -> tuple[int, Counter[str], Counter[str]]:
    """Samples, then per function the samples it is on the stack (inclusive) and on top (self)."""
    total = 0
    inclusive: Counter[str] = Counter()
    itself: Counter[str] = Counter()
    for line in collapsed.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [frame_name(frame) for frame in stack.split(";")[1:]]  # the first is the process
        if not frames:
            continue
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        itself[frames[-1]] += count
    return total, inclusive, itself


def profile_lines(name: str, collapsed: str, top: int = TOP_FUNCTIONS) -> list[str]:
    total, inclusive, itself = hot_spots(collapsed)
    if not total:
        return [f"profile       {name}: no samples"]
    busy = total - sum(count for frame, count in itself.items() if IDLE_LEAF.match(frame))
    # The spine (event loop, server, request handler) is on nearly every stack of the busiest thread.
    spine = min(busy, inclusive.most_common(1)[0][1])
    heading = f"profile       {name}: {total} samples, {busy} not waiting"
    lines = [f"{heading}; inclusive share (function and what it calls)"]
    below_root = [(frame, count) for frame, count in inclusive.most_common() if count < ROOT_SHARE * spine]
    lines += [f"  {count / total:6.1%}  {frame}" for frame, count in below_root[:top]]
    lines.append(f"profile       {name}: self share (on top of the stack)")
    lines += [f"  {count / total:6.1%}  {frame}" for frame, count in itself.most_common(top)]
    return lines

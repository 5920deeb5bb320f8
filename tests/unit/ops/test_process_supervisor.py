from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from ops import process_supervisor
from ops.process_supervisor import GaveUp, Service, ServiceSpec, supervise


def spec(tmp_path: Path, code: str, name: str = "svc") -> ServiceSpec:
    return ServiceSpec(name=name, argv=[sys.executable, "-c", code], env=dict(os.environ), log_path=tmp_path / "s.log")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


async def test_stop_also_ends_what_the_service_spawned(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, time, pathlib;"
        f"p = subprocess.Popen(['sleep', '300']); pathlib.Path({str(pid_file)!r}).write_text(str(p.pid));"
        "time.sleep(300)"
    )
    service = Service(spec(tmp_path, code))
    await service.start()
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text():
            break
        await asyncio.sleep(0.05)
    grandchild = int(pid_file.read_text())
    await service.stop()
    await asyncio.sleep(0.2)
    assert service.process.returncode is not None
    assert not alive(grandchild)


async def test_crashing_service_is_restarted_then_given_up_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process_supervisor, "BACKOFF_SECONDS", (0.01,))
    monkeypatch.setattr(process_supervisor, "MAX_RESTARTS_IN_WINDOW", 3)
    counter = tmp_path / "starts"
    code = (
        f"import pathlib; p = pathlib.Path({str(counter)!r}); p.write_text(p.read_text() + 'x' if p.exists() else 'x');"
    )
    code += "print('boom: database unreachable'); raise SystemExit(3)"
    service = Service(spec(tmp_path, code, name="action server"))
    await service.start()
    with pytest.raises(GaveUp, match="action server crashed 3 times"):
        await asyncio.wait_for(supervise(service, asyncio.Event(), health_timeout=5), 30)
    assert counter.read_text() == "xxxx"  # the first start and three restarts
    assert "boom: database unreachable" in service.log_tail()


async def test_service_that_crashes_once_comes_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_supervisor, "BACKOFF_SECONDS", (0.01,))
    marker = tmp_path / "crashed-once"
    code = (
        f"import pathlib, time; m = pathlib.Path({str(marker)!r})\n"
        "if not m.exists():\n    m.write_text('1'); raise SystemExit(1)\ntime.sleep(300)"
    )
    service = Service(spec(tmp_path, code))
    stopping = asyncio.Event()
    await service.start()
    watcher = asyncio.ensure_future(supervise(service, stopping, health_timeout=5))
    for _ in range(200):
        if marker.exists() and service.process.returncode is None and service.restarts:
            break
        await asyncio.sleep(0.05)
    assert len(service.restarts) == 1 and service.process.returncode is None
    stopping.set()
    await service.stop()
    await asyncio.wait_for(watcher, 5)

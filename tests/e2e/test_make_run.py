"""`make run` without a token: the terminal chat, piped input, and Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
from pathlib import Path

import httpx
import pytest

from devtools.local_stack import processes_with_marker
from infobansos.settings import PROJECT_ROOT
from tests.e2e.conftest import e2e_environment

pytestmark = pytest.mark.e2e
RUN_TIMEOUT = 300.0


async def test_piped_question_is_answered_in_the_terminal_then_everything_stops(
    trained_model: Path, tmp_path: Path
) -> None:
    env, marker = e2e_environment(tmp_path)
    process = await asyncio.create_subprocess_exec(
        "make", "--no-print-directory", "run", cwd=PROJECT_ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(b"apa itu DTKS?\nmakasih ya\n"), RUN_TIMEOUT)
    stdout = out.decode()
    assert process.returncode == 0, err.decode()[-3000:]
    assert "Anda: apa itu DTKS?" in stdout
    assert "Bot: DTKS (Data Terpadu Kesejahteraan Sosial)" in stdout
    assert "DTSEN" in stdout and "Sejak 2025" in stdout
    assert "Anda: makasih ya" in stdout, "the last line of input was not answered before stopping"
    assert stdout.rstrip().count("Bot: ") == 2
    assert "Traceback" not in err.decode()
    assert processes_with_marker(marker) == []


async def test_ctrl_c_stops_every_service_and_leaves_nothing_behind(trained_model: Path, tmp_path: Path) -> None:
    env, marker = e2e_environment(tmp_path)
    # Its own process group stands in for the terminal's foreground job, which Ctrl-C signals as a whole.
    process = await asyncio.create_subprocess_exec(
        "make", "--no-print-directory", "run", cwd=PROJECT_ROOT, env=env, start_new_session=True,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output = b""
    console_line = f"staff console: http://127.0.0.1:{env['CONSOLE_PORT']}/".encode()
    while console_line not in output:
        line = await asyncio.wait_for(process.stdout.readline(), RUN_TIMEOUT)
        assert line, f"make run ended before it was ready:\n{output.decode()}"
        output += line
    await asyncio.sleep(1)
    assert len(processes_with_marker(marker)) >= 4  # supervisor, Rasa, action server, console, chat
    async with httpx.AsyncClient() as client:
        health = await client.get(f"http://127.0.0.1:{env['CONSOLE_PORT']}/health")
    assert health.json() == {"status": "ok"}, "make run serves the staff console beside the bot"
    os.killpg(process.pid, signal.SIGINT)
    rest, _ = await asyncio.wait_for(process.communicate(), 60)
    await asyncio.sleep(0.5)
    assert processes_with_marker(marker) == [], (output + rest).decode()[-3000:]
    assert b"Traceback" not in rest, rest.decode()[-3000:]
    assert b"[stack] stopped" in rest


async def test_staff_edit_one_yaml_file_and_see_it_after_a_restart(trained_model: Path, tmp_path: Path) -> None:
    """No code change: edit content/answers/klj.yml, restart, and residents get the new text."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    answers = content / "answers" / "klj.yml"
    edited = answers.read_text(encoding="utf-8")
    start = edited.index("  - id: klj_besaran")
    text_at = edited.index("    text: |\n", start) + len("    text: |\n")
    edited = edited[:text_at] + "      Catatan staf: besaran KLJ sedang ditinjau ulang.\n" + edited[text_at:]
    answers.write_text(edited, encoding="utf-8")
    env, marker = e2e_environment(tmp_path, CONTENT_DIR=str(content))
    process = await asyncio.create_subprocess_exec(
        "make", "--no-print-directory", "run", cwd=PROJECT_ROOT, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(b"klj sebulan dapet berapa\n"), RUN_TIMEOUT)
    assert process.returncode == 0, err.decode()[-3000:]
    assert "Catatan staf: besaran KLJ sedang ditinjau ulang." in out.decode()
    assert "Rp300.000" in out.decode()
    assert processes_with_marker(marker) == []

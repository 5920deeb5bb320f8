"""Rasa's own conversation tests (`tests/stories/`): NLU and the dialogue policy, turn by turn,
with `rasa test core --e2e` against the trained model, in Rasa's Python."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from infobansos.settings import PROJECT_ROOT
from ops.train_model import RASA_EXECUTABLE, rasa_environment

pytestmark = pytest.mark.e2e
STORIES = PROJECT_ROOT / "tests" / "stories"


def test_every_conversation_story_is_understood_and_followed(trained_model: Path, tmp_path: Path) -> None:
    command = [str(RASA_EXECUTABLE), "test", "core", "--e2e", "--stories", str(STORIES), "--model", str(trained_model),
               "--fail-on-prediction-errors", "--out", str(tmp_path)]  # fmt: skip
    result = subprocess.run(
        command, cwd=PROJECT_ROOT, env=rasa_environment(),
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    failure = result.stdout[result.stdout.find("WrongPredictionException") :] or result.stderr[-3000:]
    assert result.returncode == 0, f"a story went wrong:\n{failure[:3000]}"
    assert "Evaluating 13 stories" in result.stdout + result.stderr, "every story file was read"

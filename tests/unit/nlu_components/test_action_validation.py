"""The faster action-response check runs inside Rasa, so it is tested with Rasa's own Python."""

from __future__ import annotations

import subprocess
import textwrap

from infobansos.settings import PROJECT_ROOT

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = textwrap.dedent(
    """
    import jsonschema
    import nlu_components  # installs the check, as loading the model does
    from rasa.core.actions.action import RemoteAction
    from nlu_components.action_validation import validate_action_result

    assert RemoteAction._validate_action_result is validate_action_result
    action = RemoteAction("action_answer", None)
    good = {"events": [{"event": "slot", "name": "program", "value": "klj"}], "responses": [{"text": "Halo"}]}
    assert action._validate_action_result(good) is True
    bad = {"events": [{"event": "slot", "name": "program"}], "responses": "not a list"}
    try:
        jsonschema.validate(bad, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError as original:
        expected = original.message
    try:
        action._validate_action_result(bad)
    except jsonschema.ValidationError as error:
        assert error.message.startswith(expected + ". Failed to validate"), (error.message, expected)
        print("ok")
    """
)


def test_rasa_checks_action_responses_as_before_with_a_validator_built_once() -> None:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")

"""Custom Rasa NLU components (run inside .venv-rasa, Python 3.10).

Rasa imports this package whenever it loads the model, so the one performance fix we make to
Rasa itself is installed here (see `action_validation`). The normaliser is also imported by the
unit tests in .venv, where Rasa is not installed: there is nothing to fix there.
"""

from importlib.util import find_spec

if find_spec("rasa") is not None:
    from nlu_components.action_validation import install as _install_action_validation

    _install_action_validation()

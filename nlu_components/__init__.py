"""Custom Rasa NLU components (run inside .venv-rasa, Python 3.10).

Rasa imports this package whenever it loads the model or its tracker store
(`sqlite_tracker_store`), so the performance fixes we make to Rasa itself are installed here:
`action_validation` (the action response check) and `action_connection` (one connection pool
to the action server). The normaliser is also imported by the
unit tests in .venv, where Rasa is not installed: there is nothing to fix there.
"""

from importlib.util import find_spec

if find_spec("rasa") is not None:
    from nlu_components.action_connection import install as _install_action_connection
    from nlu_components.action_validation import install as _install_action_validation

    _install_action_validation()
    _install_action_connection()

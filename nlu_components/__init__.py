"""Custom Rasa NLU components (run inside .venv-rasa, Python 3.10)."""

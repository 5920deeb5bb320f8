"""The rooms of the project import downwards only (README, "How it fits together").

Product code (`bot/`, `actions/`, `infobansos/`, `staff/`, `ops/`, `console/`) never imports dev tooling or the
tests, and the shared core (`infobansos/`) imports none of the rooms built on it. Read from the
source with `ast`, so a late import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from infobansos.settings import PROJECT_ROOT

PRODUCT = ("bot", "actions", "infobansos", "staff", "ops", "console")
FORBIDDEN = {
    **{room: {"devtools", "tests"} for room in PRODUCT},
    "infobansos": {"devtools", "tests", "bot", "actions", "staff", "ops", "standin", "console"},
    "standin": {"devtools", "tests", "bot", "actions", "staff", "ops"},
}


def imported_roots(source: str) -> set[str]:
    """The top-level packages a module imports (absolute imports only; relative ones stay inside)."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def violations(root: Path) -> list[str]:
    found = []
    for room, forbidden in FORBIDDEN.items():
        for path in sorted((root / room).rglob("*.py")):
            for bad in sorted(imported_roots(path.read_text(encoding="utf-8")) & forbidden):
                found.append(f"{path.relative_to(root)} imports {bad}")
    return found


def test_no_room_imports_upwards() -> None:
    assert violations(PROJECT_ROOT) == []


@pytest.mark.parametrize(
    ("room", "line", "culprit"),
    [
        ("bot", "from devtools.local_stack import free_port\n", "devtools"),
        ("infobansos", "def late():\n    import actions.content_answers\n", "actions"),
        ("ops", "from tests.e2e import transcript\n", "tests"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, room: str, line: str, culprit: str) -> None:
    (tmp_path / room).mkdir()
    (tmp_path / room / "module.py").write_text(line)
    assert violations(tmp_path) == [f"{room}/module.py imports {culprit}"]


def test_relative_imports_stay_inside() -> None:
    assert imported_roots("from .wire import user_object\nimport json\n") == {"json"}

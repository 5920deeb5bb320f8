from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def staff_copy(tmp_path: Path, content_dir: Path) -> Path:
    """A copy of content/ that a test can break the way a staff member might."""
    target = tmp_path / "content"
    shutil.copytree(content_dir, target)
    return target

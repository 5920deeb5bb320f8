"""The Indonesian words the report's Python code needs, from `templates/labels.yml`.

Kept out of the code so the analysts can reword charts, CSV headers, suggestions and the
export's comments without touching Python.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LABELS_FILE = Path(__file__).with_name("templates") / "labels.yml"


@lru_cache(maxsize=1)
def load_labels() -> dict[str, Any]:
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))

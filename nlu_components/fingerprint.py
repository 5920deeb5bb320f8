"""What Rasa's training cache must know about this package.

Rasa reuses a component's cached output when the component's *class source*, config and inputs are
unchanged. Our components read helper modules and data files (`slang.yml`, `question_focus.yml`,
`person_programs.yml`, `intent_vote.py` …) that the class source does not show, so an edited
slang list would silently train on the old tokens. Every component here adds this fingerprint:
any change in the package retrains what depends on it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent
FINGERPRINTED_SUFFIXES = (".py", ".yml")


@lru_cache(maxsize=1)
def package_fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of every source and data file in the package, by name and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package_dir.rglob("*") if p.suffix in FINGERPRINTED_SUFFIXES):
        digest.update(str(path.relative_to(package_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class PackageFingerprinted:
    """Mixin for this package's Rasa components (listed first among the bases, so Rasa finds it)."""

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return package_fingerprint()

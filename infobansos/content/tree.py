"""A content tree as data: relative path -> file text, read from a folder or written into one.

A published revision stores the whole tree; the loaders and `make check-content` read folders, so
a revision is written into a folder (a temporary one, or content/ on export) and read from there
by the very same code as the files in git.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from infobansos.eligibility.loading import ELIGIBILITY_FILE

CONTENT_SUFFIXES = (".yml",)
# Files content/ gained after the console began storing revisions. A revision published before
# such a file existed does not hold it, and without it would no longer load (the bot would keep
# serving older content) or export (content/ would lose the file). Such a revision is read with
# the file as it is in content/, the version shipped with the code.
ADDED_SINCE_PUBLISHING = (ELIGIBILITY_FILE,)


def read_tree(content_dir: Path) -> dict[str, str]:
    """Every content file under `content_dir` (YAML only: README.md is for people, not the bot)."""
    return {
        path.relative_to(content_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(content_dir.rglob("*"))
        if path.is_file() and path.suffix in CONTENT_SUFFIXES
    }


def with_added_files(files: Mapping[str, str], content_dir: Path) -> dict[str, str]:
    """The tree of a revision, completed with the files of `ADDED_SINCE_PUBLISHING` it lacks."""
    complete = dict(files)
    for name in ADDED_SINCE_PUBLISHING:
        shipped = content_dir / name
        if name not in complete and shipped.is_file():
            complete[name] = shipped.read_text(encoding="utf-8")
    return complete


def safe_relative(name: str) -> PurePosixPath:
    """A tree path that stays inside the folder it is written to: no `..`, no absolute path."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.suffix not in CONTENT_SUFFIXES:
        raise ValueError(f"not a content file path: {name!r}")
    return path


def write_tree(files: Mapping[str, str], directory: Path) -> None:
    """Write every file of the tree under `directory`, and remove content files the tree lacks."""
    for stale in set(read_tree(directory)) - set(files) if directory.exists() else ():
        (directory / stale).unlink()
    for name, text in files.items():
        target = directory / safe_relative(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def materialised(files: Mapping[str, str]) -> Iterator[Path]:
    """The tree written into a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="infobansos-content-") as tmp:
        directory = Path(tmp) / "content"
        write_tree(files, directory)
        yield directory

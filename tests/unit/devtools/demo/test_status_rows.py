"""The big status export for trying the console's upload: good rows pass the import's checks, and
the bad lines mixed in are found at their line numbers."""

from __future__ import annotations

from pathlib import Path

from devtools.demo.status_rows import BAD_LINES, write_status_csv
from infobansos.content.store import load_content
from infobansos.settings import PROJECT_ROOT
from staff.status_file import inspect_rows


def test_good_rows_pass_and_every_mixed_in_bad_line_is_caught(tmp_path: Path) -> None:
    programs = load_content(PROJECT_ROOT / "content").programs
    checked = inspect_rows(write_status_csv(tmp_path / "status.csv", 40, bad_every=10), programs)
    assert len(checked.rows) == 40
    assert [p.line for p in checked.problems] == [12, 23, 34, 45]  # after every 10th row (header is line 1)
    assert len(BAD_LINES) == len(checked.problems)

"""CSV files staff open in Excel or LibreOffice: a cell never runs as a formula.

Residents' own words reach the report CSVs (the confusion clusters' examples). A spreadsheet runs
a cell that starts with `=`, `+`, `-` or `@` as a formula (tab and CR can hide one), so a resident
typing `=HYPERLINK("http://…")` could plant a link or worse in an analyst's sheet (CSV injection,
OWASP). Every CSV writer in the project goes through `writer` so the rule lives in one place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"  # what spreadsheets themselves use to say "this is text"


def safe_cell(value: Any) -> Any:
    """The value, with a leading `'` when it is text a spreadsheet would run as a formula.

    Numbers stay numbers (a negative count is data, not a formula); only strings are changed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


class SafeWriter:
    """`csv.writer` that passes every cell through `safe_cell`."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, row: Sequence[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: IO[str]) -> SafeWriter:
    """The one way the project writes CSV rows."""
    return SafeWriter(handle)

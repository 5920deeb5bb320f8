"""The report's tables as rows, and the one way they become CSV: `make report`'s files and the
staff console's downloads are the same bytes.

CSVs are UTF-8 with a byte-order mark (Excel otherwise mangles Indonesian text) and every cell
goes through `staff.csv_safe`, so a resident's words never run as a spreadsheet formula.
Topics and programs are named by their labels; their keys follow in the last columns, for scripts.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from staff import csv_safe
from staff.report.build import ReportData
from staff.report.clusters import Action, Cluster
from staff.report.names import DisplayNames

CSV_ENCODING = "utf-8-sig"
TOP_CLUSTERS = 20
EXAMPLE_SEPARATOR = " | "
Row = Sequence[Any]


def action_text(cluster: Cluster, names: DisplayNames) -> str:
    """The suggested action in the analysts' words, with the topic's label, never the intent's name."""
    words = names.words["actions"]
    if cluster.action == Action.ADD_EXAMPLES:
        return words[cluster.action.value].format(intent=names.topic(cluster.likeliest_intent))
    if cluster.action == Action.FIX_ANSWER:
        return words[cluster.action.value].format(answers=", ".join(cluster.answer_ids))
    return words[cluster.action.value]


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}"


def _volume_per_day(data: ReportData, names: DisplayNames) -> Iterable[Row]:
    return ((d.day, d.questions, d.fallbacks, d.out_of_scope, d.thumbs_up, d.thumbs_down, d.busy) for d in data.days)


def _volume_per_topic(data: ReportData, names: DisplayNames) -> Iterable[Row]:
    return (
        (
            names.topic(t.intent),
            names.program(t.program),
            t.questions,
            t.fallbacks,
            t.thumbs_down,
            t.intent or "",
            t.program or "",
        )
        for t in data.topics
    )


def _rates_per_day(data: ReportData, names: DisplayNames) -> Iterable[Row]:
    return (
        (d.day, d.questions, _rate(d.fallback_rate), _rate(d.thumbs_down_rate), _rate(d.out_of_scope_rate))
        for d in data.days
    )


def _confusion_clusters(data: ReportData, names: DisplayNames) -> Iterable[Row]:
    return (
        (
            c.id,
            c.size,
            c.distinct_texts,
            names.topic(c.likeliest_intent) if c.likeliest_intent else "",
            f"{c.intent_share:.2f}",
            names.program(c.program) if c.program else "",
            action_text(c, names),
            EXAMPLE_SEPARATOR.join(c.examples),
        )
        for c in data.clustering.clusters[:TOP_CLUSTERS]
    )


# File name (without .csv) -> its rows; the headers are in labels.yml under `csv`.
TABLES: dict[str, Callable[[ReportData, DisplayNames], Iterable[Row]]] = {
    "volume_per_day": _volume_per_day,
    "volume_per_topic": _volume_per_topic,
    "rates_per_day": _rates_per_day,
    "confusion_clusters": _confusion_clusters,
}


def write_csv(handle: Any, table: str, data: ReportData, names: DisplayNames) -> None:
    """One table, header first, every cell defused (`csv_safe`)."""
    writer = csv_safe.writer(handle)
    writer.writerow(names.words["csv"][table])
    writer.writerows(TABLES[table](data, names))


def csv_bytes(table: str, data: ReportData, names: DisplayNames) -> bytes:
    """The table's CSV file as bytes, exactly as `make report` writes it (for a download)."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, table, data, names)
    return buffer.getvalue().encode(CSV_ENCODING)


def write_csvs(directory: Path, data: ReportData, names: DisplayNames) -> None:
    for table in TABLES:
        (directory / f"{table}.csv").write_bytes(csv_bytes(table, data, names))

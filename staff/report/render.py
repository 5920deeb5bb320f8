"""Writes a report folder: `report.html` (one self-contained file), the CSV exports, `clusters.json`.

The Indonesian words live in `templates/report.html.j2` and `templates/labels.yml`, so the
analysts can reword the report without touching Python. CSVs are UTF-8 with a byte-order mark:
Excel otherwise shows "ðŸ‘Ž" instead of the emoji and mangles Indonesian text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml

from infobansos.jakarta_time import JAKARTA
from infobansos.settings import DEFAULT_RETENTION_DAYS
from staff import csv_safe
from staff.report import charts
from staff.report.build import TOP_TOPICS, ReportData
from staff.report.cluster_file import write_clusters
from staff.report.clusters import Action, Cluster
from staff.report.labels import load_labels

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = "report.html.j2"
REPORT_FILE = "report.html"
CSV_ENCODING = "utf-8-sig"
TOP_CLUSTERS = 20
EXAMPLE_SEPARATOR = " | "


def action_text(cluster: Cluster, labels: dict[str, Any]) -> str:
    """The suggested action in the analysts' words, e.g. "Tambahkan contoh latihan ke intent tanya_syarat"."""
    words = labels["actions"]
    if cluster.action == Action.ADD_EXAMPLES:
        return words[cluster.action.value].format(intent=cluster.likeliest_intent)
    if cluster.action == Action.FIX_ANSWER:
        return words[cluster.action.value].format(answers=", ".join(cluster.answer_ids))
    return words[cluster.action.value]


def _display_names(content_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Topic labels and program short names from content/, to show next to the raw keys."""

    def read(name: str, key: str) -> dict[str, Any]:
        try:
            return (yaml.safe_load((content_dir / name).read_text(encoding="utf-8")) or {}).get(key) or {}
        except (OSError, yaml.YAMLError, AttributeError):
            return {}  # a broken content file must not stop the report

    programs = {key: str(value.get("short", key)) for key, value in read("programs.yml", "programs").items()}
    return {str(k): str(v) for k, v in read("topics.yml", "topics").items()}, programs


def _percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}".replace(".", ",") + "%"


def _number(value: float | None) -> str:
    """Indonesian thousands separator: 1.234.567."""
    return "–" if value is None else f"{value:,.0f}".replace(",", ".")


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding=CSV_ENCODING) as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}"


def write_csvs(directory: Path, data: ReportData, labels: dict[str, Any]) -> None:
    header = labels["csv"]
    days = data.days
    _write_csv(
        directory / "volume_per_day.csv",
        header["volume_per_day"],
        ((d.day, d.questions, d.fallbacks, d.out_of_scope, d.thumbs_up, d.thumbs_down, d.busy) for d in days),
    )
    _write_csv(
        directory / "volume_per_topic.csv",
        header["volume_per_topic"],
        ((t.intent or "", t.program or "", t.questions, t.fallbacks, t.thumbs_down) for t in data.topics),
    )
    _write_csv(
        directory / "rates_per_day.csv",
        header["rates_per_day"],
        (
            (d.day, d.questions, _rate(d.fallback_rate), _rate(d.thumbs_down_rate), _rate(d.out_of_scope_rate))
            for d in days
        ),
    )
    _write_csv(
        directory / "confusion_clusters.csv",
        header["confusion_clusters"],
        (
            (
                c.id,
                c.size,
                c.distinct_texts,
                c.likeliest_intent or "",
                f"{c.intent_share:.2f}",
                c.program or "",
                action_text(c, labels),
                EXAMPLE_SEPARATOR.join(c.examples),
            )
            for c in data.clustering.clusters[:TOP_CLUSTERS]
        ),
    )


def chart_images(data: ReportData, labels: dict[str, Any], names: tuple[dict[str, str], dict[str, str]]) -> dict:
    """Base64 PNGs by name; none for an empty report (there is nothing to draw)."""
    if data.empty:
        return {}
    words = labels["charts"]
    days = [d.day for d in data.days]
    intents = data.per_intent()[:TOP_TOPICS]
    programs = data.per_program()[:TOP_TOPICS]
    return {
        "volume": charts.volume_chart(days, [d.questions for d in data.days], words),
        "rates": charts.rates_chart(
            days,
            {
                "fallback": [d.fallback_rate for d in data.days],
                "out_of_scope": [d.out_of_scope_rate for d in data.days],
                "thumbs_down": [d.thumbs_down_rate for d in data.days],
            },
            words,
        ),
        "topics": charts.bar_chart(
            [names[0].get(i or "", i or labels["no_intent"]) for i, _ in intents],
            [n for _, n in intents],
            words["topics_title"],
            words["count_axis"],
        ),
        "programs": charts.bar_chart(
            [names[1].get(p or "", p or labels["no_program"]) for p, _ in programs],
            [n for _, n in programs],
            words["programs_title"],
            words["count_axis"],
        ),
    }


def render_html(data: ReportData, content_dir: Path, retention_days: int = DEFAULT_RETENTION_DAYS) -> str:
    """The page; `retention_days` is shown so staff know the report quoting residents is not kept forever."""
    labels = load_labels()
    names = _display_names(content_dir)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters.update(persen=_percent, angka=_number)
    return environment.get_template(TEMPLATE).render(
        data=data,
        generated_wib=data.generated_at.astimezone(JAKARTA),
        labels=labels,
        charts=chart_images(data, labels, names),
        totals=data.day_totals(),
        clusters=[(c, action_text(c, labels)) for c in data.clustering.clusters[:TOP_CLUSTERS]],
        topic_names=names[0],
        program_names=names[1],
        top_topics=TOP_TOPICS,
        top_clusters=TOP_CLUSTERS,
        retention_days=retention_days,
    )


def write_report(
    data: ReportData, directory: Path, content_dir: Path, retention_days: int = DEFAULT_RETENTION_DAYS
) -> Path:
    """Write the whole folder; returns the path of report.html."""
    directory.mkdir(parents=True, exist_ok=True)
    write_csvs(directory, data, load_labels())
    write_clusters(directory, data.window, data.clustering)
    path = directory / REPORT_FILE
    path.write_text(render_html(data, content_dir, retention_days), encoding="utf-8")
    return path

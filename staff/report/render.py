"""Writes a report folder: `report.html` (one self-contained file), the CSV exports, `clusters.json`.

The Indonesian words live in `templates/report.html.j2` and `templates/labels.yml`, so the
analysts can reword the report without touching Python. `page_context` and `chart_images` are
shared with the staff console's report page; the CSVs come from `tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from infobansos.jakarta_time import JAKARTA
from infobansos.settings import DEFAULT_RETENTION_DAYS
from staff.report import charts
from staff.report.build import TOP_TOPICS, ReportData
from staff.report.cluster_file import write_clusters
from staff.report.names import DisplayNames, display_names
from staff.report.tables import TOP_CLUSTERS, action_text, write_csvs

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = "report.html.j2"
REPORT_FILE = "report.html"


def _percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}".replace(".", ",") + "%"


def _number(value: float | None) -> str:
    """Indonesian thousands separator: 1.234.567."""
    return "–" if value is None else f"{value:,.0f}".replace(",", ".")


# Filters both the report file and the console's pages use (`persen`, `angka`).
FILTERS = {"persen": _percent, "angka": _number}


def chart_images(data: ReportData, names: DisplayNames) -> dict[str, str]:
    """Base64 PNGs by name; none for an empty report (there is nothing to draw)."""
    if data.empty:
        return {}
    words = names.words["charts"]
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
            [names.topic(i) for i, _ in intents],
            [n for _, n in intents],
            words["topics_title"],
            words["count_axis"],
        ),
        "programs": charts.bar_chart(
            [names.program(p) for p, _ in programs],
            [n for _, n in programs],
            words["programs_title"],
            words["count_axis"],
        ),
    }


def page_context(data: ReportData, names: DisplayNames) -> dict[str, Any]:
    """What a page showing the report needs: `report.html.j2` and the console's report page alike."""
    return {
        "data": data,
        "labels": names.words,
        "names": names,
        "charts": chart_images(data, names),
        "totals": data.day_totals(),
        "clusters": [(c, action_text(c, names)) for c in data.clustering.clusters[:TOP_CLUSTERS]],
        "top_topics": TOP_TOPICS,
        "top_clusters": TOP_CLUSTERS,
    }


def render_html(data: ReportData, content_dir: Path, retention_days: int = DEFAULT_RETENTION_DAYS) -> str:
    """The page; `retention_days` is shown so staff know the report quoting residents is not kept forever."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    environment.filters.update(FILTERS)
    return environment.get_template(TEMPLATE).render(
        generated_wib=data.generated_at.astimezone(JAKARTA),
        retention_days=retention_days,
        **page_context(data, display_names(content_dir)),
    )


def write_report(
    data: ReportData, directory: Path, content_dir: Path, retention_days: int = DEFAULT_RETENTION_DAYS
) -> Path:
    """Write the whole folder; returns the path of report.html."""
    directory.mkdir(parents=True, exist_ok=True)
    write_csvs(directory, data, display_names(content_dir))
    write_clusters(directory, data.window, data.clustering)
    path = directory / REPORT_FILE
    path.write_text(render_html(data, content_dir, retention_days), encoding="utf-8")
    return path

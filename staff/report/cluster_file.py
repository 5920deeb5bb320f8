"""`clusters.json` beside each report: the clusters exactly as the analysts saw them.

`make export-confusions` reads it, so "cluster 3" means the cluster shown as 3 in that report,
even if residents have asked more questions since.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from staff.report.clusters import Action, Cluster, ClusteringResult
from staff.report.window import ReportWindow

CLUSTERS_FILE = "clusters.json"
FORMAT_VERSION = 1
EXPORTABLE_CLUSTERS = 200  # more than the report shows, for an analyst who reads the CSV


def write_clusters(directory: Path, window: ReportWindow, clustering: ClusteringResult) -> Path:
    path = directory / CLUSTERS_FILE
    payload = {
        "format": FORMAT_VERSION,
        "window": {
            "first_day": window.first_day.isoformat(),
            "last_day": window.last_day.isoformat(),
            "program": window.program,
        },
        "clusters": [dataclasses.asdict(cluster) for cluster in clustering.clusters[:EXPORTABLE_CLUSTERS]],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _cluster(raw: dict[str, Any]) -> Cluster:
    return Cluster(
        **{
            **raw,
            "texts": tuple((str(text), int(count)) for text, count in raw["texts"]),
            "action": Action(raw["action"]),
            "answer_ids": tuple(raw["answer_ids"]),
        }
    )


def read_clusters(path: Path) -> list[Cluster]:
    """The clusters saved with a report; ValueError when the file is not one of ours."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
        raise ValueError(f"{path} is not a clusters file of format {FORMAT_VERSION}")
    return [_cluster(raw) for raw in payload["clusters"]]

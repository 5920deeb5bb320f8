"""`make export-confusions`: chosen confusion clusters as training data and draft answers for review.

    make export-confusions ARGS="--clusters 1,3,5"              # ids from the newest report
    make export-confusions ARGS="--clusters 2 --intent 2=tanya_jadwal_cair"
    make export-confusions ARGS="--clusters 1,4 --since 7d --program klj"   # recompute that window

Writes into var/exports/<time>/:
- nlu_confusions.yml: Rasa NLU YAML, the clusters' questions as examples under the suggested intent;
- content_stubs.yml: draft answers for clusters that need a new FAQ, and the answers to fix.
Nothing is written into nlu/ or content/: staff review the files, then move them there, and the
next `make run` retrains because the training data changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.exc import SQLAlchemyError

from infobansos.settings import PROJECT_ROOT, SettingsError, get_settings
from infobansos.storage.engine import session_factory
from staff.report.build import build_clusters
from staff.report.cluster_file import CLUSTERS_FILE, read_clusters
from staff.report.clusters import Action, Cluster, distinct_phrasings
from staff.report.content_stubs import stubs_document
from staff.report.labels import load_labels
from staff.report.nlu_yaml import IntentBlock, ProgramAnnotator, clean_example, existing_examples, nlu_document, plain
from staff.report.paths import EXPORTS_DIR, REPORTS_DIR, latest_with, timestamped
from staff.report.render import TOP_CLUSTERS
from staff.report.window import WindowError, add_window_options, parse_window

NLU_FILE = "nlu_confusions.yml"
STUBS_FILE = "content_stubs.yml"
MAX_EXAMPLES = 20  # per cluster: the most asked ones; enough to teach, few enough to review


class ExportError(Exception):
    """Something the analyst must fix in the command; the message says what."""


def _domain(root: Path) -> tuple[set[str], frozenset[str]]:
    """Intents and program slot values from domain.yml."""
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8")) or {}
    intents = {str(name) for name in domain.get("intents") or [] if isinstance(name, str)}
    programs = frozenset(str(v) for v in ((domain.get("slots") or {}).get("program") or {}).get("values") or [])
    return intents, programs


def parse_ids(raw: str, available: Sequence[Cluster]) -> list[int]:
    if raw.strip().lower() == "all":
        return [cluster.id for cluster in available[:TOP_CLUSTERS]]
    try:
        ids = sorted({int(part) for part in raw.replace(" ", "").split(",") if part})
    except ValueError as exc:
        raise ExportError(f"--clusters expects numbers like 1,3,5 (or 'all'), got {raw!r}") from exc
    known = {cluster.id for cluster in available}
    missing = [i for i in ids if i not in known]
    if not available:
        raise ExportError("this report has no confusion clusters (no question the bot struggled with)")
    if not ids or missing:
        raise ExportError(f"no cluster {missing or raw} in this report; it has clusters 1 to {len(available)}")
    return ids


def parse_overrides(raw: Sequence[str], intents: set[str]) -> dict[int, str]:
    """--intent 3=tanya_jadwal_cair: examples of cluster 3 go under that (existing) intent."""
    overrides: dict[int, str] = {}
    for item in raw:
        number, _, intent = item.partition("=")
        if not number.strip().isdigit() or intent.strip() not in intents:
            raise ExportError(f"--intent expects ID=INTENT with an intent from domain.yml, got {item!r}")
        overrides[int(number)] = intent.strip()
    return overrides


def intent_blocks(
    clusters: Sequence[tuple[Cluster, str]],
    known: set[str],
    annotator: ProgramAnnotator,
    max_examples: int,
    words: dict[str, Any],
) -> list[IntentBlock]:
    """One block per intent (in cluster order), examples new to nlu/ and to this file, annotated."""
    seen = set(known)
    by_intent: dict[str, tuple[list[str], list[str]]] = {}
    for cluster, intent in clusters:
        notes, examples = by_intent.setdefault(intent, ([], []))
        cleaned = [example for example in map(clean_example, (text for text, _ in cluster.texts)) if example]
        added = 0
        for example in distinct_phrasings([e for e in cleaned if plain(e) not in seen], max_examples):
            seen.add(plain(example))
            examples.append(annotator.annotate(example))
            added += 1
        notes.append(words["nlu_cluster"].format(id=cluster.id, size=cluster.size, added=added))
    return [
        IntentBlock(intent, words["nlu_block"].format(clusters=", ".join(notes)), examples)
        for intent, (notes, examples) in by_intent.items()
    ]


def _header(source: str, steps: Sequence[str], words: dict[str, Any]) -> list[str]:
    stamp = dt.datetime.now(dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    return [words["source"].format(stamp=stamp, source=source), "", *steps, ""]


def export(
    clusters: Sequence[Cluster],
    ids: Sequence[int],
    overrides: dict[int, str],
    out: Path,
    source: str,
    root: Path = PROJECT_ROOT,
    max_examples: int = MAX_EXAMPLES,
) -> list[Path]:
    """Write the export files for the chosen clusters (and those named by --intent); returns their paths."""
    intents, programs = _domain(root)
    words = load_labels()["export"]
    chosen = [cluster for cluster in clusters if cluster.id in ids or cluster.id in overrides]
    to_examples: list[tuple[Cluster, str]] = []
    faqs, fixes = [], []
    for cluster in chosen:
        if cluster.id in overrides:
            to_examples.append((cluster, overrides[cluster.id]))
        elif cluster.action == Action.ADD_EXAMPLES and cluster.likeliest_intent in intents:
            to_examples.append((cluster, cluster.likeliest_intent))
        elif cluster.action == Action.FIX_ANSWER:
            fixes.append(cluster)
        else:
            faqs.append(cluster)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if to_examples:
        annotator = ProgramAnnotator.from_nlu(root / "nlu", programs)
        blocks = intent_blocks(to_examples, existing_examples(root / "nlu"), annotator, max_examples, words)
        path = out / NLU_FILE
        path.write_text(nlu_document(_header(source, words["nlu_steps"], words), blocks), encoding="utf-8")
        written.append(path)
    if faqs or fixes:
        path = out / STUBS_FILE
        header = _header(source, words["stubs_steps"], words)
        path.write_text(stubs_document(header, faqs, fixes, root / "content", words), encoding="utf-8")
        written.append(path)
    return written


def _load(args: argparse.Namespace) -> tuple[list[Cluster], str]:
    """The clusters of the chosen report, or recomputed for --since/--until/--program."""
    settings = get_settings()
    if args.since or args.until or args.program:
        window = parse_window(args.since or "30d", args.until, args.program)
        with session_factory(settings.database_url)() as session:
            return build_clusters(session, window).clusters, f"basis data, {window.first_day} s.d. {window.last_day}"
    report = args.report or latest_with(settings.var_dir / REPORTS_DIR, CLUSTERS_FILE)
    if report is None or not (report / CLUSTERS_FILE).is_file():
        raise ExportError("no report found: run `make report` first, or give --report DIR or --since")
    return read_clusters(report / CLUSTERS_FILE), str(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make export-confusions", description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", required=True, help="cluster numbers from the report, e.g. 1,3,5, or 'all'")
    parser.add_argument("--report", type=Path, help="report folder (default: the newest under var/reports/)")
    add_window_options(parser, since_default=None)
    parser.add_argument("--intent", action="append", default=[], help="ID=INTENT: put that cluster under INTENT")
    parser.add_argument("--max-examples", type=int, default=MAX_EXAMPLES, help="per cluster (default 20)")
    parser.add_argument("--out", type=Path, help="folder (default: var/exports/<time>/)")
    args = parser.parse_args(argv)
    try:
        clusters, source = _load(args)
        ids = parse_ids(args.clusters, clusters)
        overrides = parse_overrides(args.intent, _domain(PROJECT_ROOT)[0])
        out = args.out or timestamped(get_settings().var_dir / EXPORTS_DIR)
        written = export(clusters, ids, overrides, out, source, max_examples=args.max_examples)
    except (ExportError, WindowError, SettingsError, ValueError) as exc:
        parser.error(str(exc))
    except SQLAlchemyError as exc:
        print(f"export-confusions: the database could not be read: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

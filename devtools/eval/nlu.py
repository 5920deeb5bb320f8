"""`make eval`: NLU figures on the held-out messages in eval/heldout.yml (never used for training).

Serves the trained model with `rasa run --enable-api` on a free local port, parses every held-out
message through `/model/parse` (the same pipeline, slang normaliser included, that residents
meet), then reports intent accuracy, macro-F1, program-entity F1, out-of-scope precision and
recall, and how often an in-scope question gets the right answer first time. It also sweeps
FallbackClassifier's two thresholds to calibrate "unsure", and draws a confusion matrix.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import yaml

from devtools.eval.nlu_metrics import FALLBACK, Example, Prediction, configured_thresholds, score, sweep
from devtools.local_stack import free_port
from devtools.proc_stats import cpu_seconds, rss_mb
from infobansos.settings import PROJECT_ROOT, get_settings
from ops.process_supervisor import Service
from ops.stack import rasa_server_spec
from ops.train_model import ensure_model

HELDOUT_FILE = PROJECT_ROOT / "eval" / "heldout.yml"
RESULTS_DIR = PROJECT_ROOT / "results" / "eval"
THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(13)]  # 0.30 … 0.90
AMBIGUITIES = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3]
RASA_START_TIMEOUT = 240.0
WARM_UP_MESSAGES = 20


def load_examples(path: Path = HELDOUT_FILE) -> list[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Example(m["text"], m["intent"], m.get("program")) for m in data["messages"]]


def to_prediction(parsed: dict) -> Prediction:
    ranking = tuple(
        (r["name"], float(r["confidence"])) for r in parsed.get("intent_ranking", []) if r["name"] != FALLBACK
    )
    programs = frozenset(e["value"] for e in parsed.get("entities", []) if e.get("entity") == "program")
    return Prediction(ranking, programs)


@dataclass
class ParseCost:
    """Rasa's own CPU time per parsed held-out message (resident-like: long ones too), after a warm-up,
    and its resident memory once every message is parsed."""

    messages: int = 0
    cpu_ms_per_message: float = 0.0
    rss_mb_after_parsing: float = 0.0


async def parse_all(model: Path, texts: list[str], cost: ParseCost | None = None) -> list[dict]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # No action runs during parsing; the action server address only has to be well-formed.
    tracker_db = RESULTS_DIR / "rasa-tracker.sqlite3"
    tracker_db.unlink(missing_ok=True)
    settings = get_settings()
    token = settings.rasa_auth_token
    spec = rasa_server_spec(
        port, str(model), RESULTS_DIR / "rasa.log", settings.action_server_url, tracker_db, token, "Rasa (eval)"
    )
    rasa = Service(spec)
    await rasa.start()
    try:
        if not await rasa.wait_healthy(RASA_START_TIMEOUT):
            raise SystemExit(f"Rasa did not start for the evaluation:\n{rasa.log_tail()}")
        async with httpx.AsyncClient(base_url=url, timeout=30, params={"token": token}) as client:
            for text in texts[:WARM_UP_MESSAGES]:
                (await client.post("/model/parse", json={"text": text})).raise_for_status()
            pid = rasa.process.pid
            cpu_before = cpu_seconds(pid)
            parsed = [(await client.post("/model/parse", json={"text": t})).raise_for_status().json() for t in texts]
            if cost is not None:
                cost.messages = len(texts)
                cost.cpu_ms_per_message = 1000 * (cpu_seconds(pid) - cpu_before) / max(len(texts), 1)
                cost.rss_mb_after_parsing = rss_mb(pid)
            return parsed
    finally:
        await rasa.stop()


def draw_confusion_matrix(examples: list[Example], predicted: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted({e.intent for e in examples} | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    for example, label in zip(examples, predicted, strict=True):
        counts[index[example.intent]][index[label]] += 1
    fig, ax = plt.subplots(figsize=(11, 9))
    ax.imshow(counts, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=75, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i, row in enumerate(counts):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=7, color="white" if i == j else "black")
    ax.set_xlabel("predicted (after the fallback rule)")
    ax.set_ylabel("held-out label")
    ax.set_title(f"Intent confusion matrix — {len(examples)} held-out messages")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def print_report(result: dict, best: list[dict]) -> None:
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    print(f"\nHeld-out NLU figures ({result['messages']} messages; threshold {result['threshold']}, "
          f"ambiguity_threshold {result['ambiguity_threshold']} from config.yml)\n")  # fmt: skip
    print("| metric | value |\n|---|---|")
    for key, label in [
        ("intent_accuracy", "intent accuracy"),
        ("macro_f1", "intent macro-F1"),
        ("entity_f1", "program entity F1"),
        ("oos_precision", "out-of-scope precision"),
        ("oos_recall", "out-of-scope recall"),
        ("first_try_right", "in-scope: right answer first try"),
        ("in_scope_unsure", "in-scope: bot unsure (asks back)"),
    ]:
        print(f"| {label} | {pct(result[key])} |")
    print("\nThreshold sweep (best 5: both targets met first, then the most right answers + out-of-scope recall):")
    print("| threshold | ambiguity | accuracy | first try right | OOS recall | OOS precision | unsure |")
    print("|---|---|---|---|---|---|---|")
    for row in best[:5]:
        print(f"| {row['threshold']} | {row['ambiguity_threshold']} | {pct(row['intent_accuracy'])} | "
              f"{pct(row['first_try_right'])} | {pct(row['oos_recall'])} | {pct(row['oos_precision'])} | "
              f"{pct(row['in_scope_unsure'])} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heldout", type=Path, default=HELDOUT_FILE)
    args = parser.parse_args()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    examples = load_examples(args.heldout)
    model = ensure_model(get_settings().models_dir)
    cost = ParseCost()
    parsed = asyncio.run(parse_all(model, [e.text for e in examples], cost))
    predictions = [to_prediction(p) for p in parsed]
    threshold, ambiguity = configured_thresholds()
    result = score(examples, predictions, threshold, ambiguity)
    best = sweep(examples, predictions, THRESHOLDS, AMBIGUITIES)
    draw_confusion_matrix(examples, result["predicted"], RESULTS_DIR / "confusion_matrix.png")
    errors = [
        {"text": e.text, "intent": e.intent, "program": e.program, "predicted": label, "programs": sorted(p.programs),
         "top": p.ranking[:2]}
        for e, p, label in zip(examples, predictions, result["predicted"], strict=True)
        if label != e.intent or (e.program and e.program not in p.programs)
    ]  # fmt: skip
    report = {k: v for k, v in result.items() if k != "predicted"} | {"cost": asdict(cost), "sweep": [
        {k: v for k, v in r.items() if k not in ("predicted", "per_intent")} for r in best]}  # fmt: skip
    (RESULTS_DIR / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (RESULTS_DIR / "errors.json").write_text(json.dumps(errors, indent=2, ensure_ascii=False))
    print_report(result, best)
    words = sum(len(e.text.split()) for e in examples) / max(len(examples), 1)
    print(f"\nRasa CPU per parsed message: {cost.cpu_ms_per_message:.1f} ms over {cost.messages} held-out texts "
          f"(mean {words:.0f} words); Rasa RSS {cost.rss_mb_after_parsing:.0f} MB")  # fmt: skip
    print(f"\nconfusion matrix: {RESULTS_DIR / 'confusion_matrix.png'}; errors: {RESULTS_DIR / 'errors.json'}")


if __name__ == "__main__":
    main()

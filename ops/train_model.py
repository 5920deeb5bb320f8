"""Train the Rasa model only when its inputs changed (cache keyed by a content hash).

`rasa train` takes minutes, so `make run` and the tests reuse a model whose training data,
config, domain and Rasa version are byte-for-byte the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from infobansos.settings import PROJECT_ROOT, get_settings

RASA_EXECUTABLE = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
TRAINING_INPUTS = ("config.yml", "domain.yml", "nlu", "nlu_components", "requirements/rasa.txt")
MODEL_PREFIX = "bansos-"
HASH_CHARS = 16


def rasa_environment() -> dict[str, str]:
    """Environment for any Rasa command: quiet TensorFlow, no telemetry (no network here)."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONWARNINGS="ignore",
    )
    return env


def training_hash(root: Path = PROJECT_ROOT) -> str:
    """SHA-256 over the names and bytes of every file that affects training."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = root / name
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            if path.is_dir()
            else [path]
        )
        for file in files:
            digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:HASH_CHARS]


def model_path(models_dir: Path, root: Path = PROJECT_ROOT) -> Path:
    return models_dir / f"{MODEL_PREFIX}{training_hash(root)}.tar.gz"


def ensure_model(models_dir: Path, log: TextIO | None = None) -> Path:
    """Return the trained model for the current inputs, training it first if needed."""
    out = log or sys.stderr
    target = model_path(models_dir)
    if target.exists():
        print(f"[train] model up to date: {target.name} ({target.stat().st_size / 1e6:.1f} MB)", file=out)
        return target
    print(f"[train] training data changed; training {target.name} …", file=out, flush=True)
    started = time.monotonic()
    command = [
        str(RASA_EXECUTABLE),
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "nlu",
        "--out",
        str(models_dir),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
        # `make validate-rasa` (part of `make test`) checks the data; here it would cost ~30 s per training.
        "--skip-validation",
    ]
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=rasa_environment(), capture_output=True, text=True)
    if result.returncode != 0 or not target.exists():
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n", file=out)
        raise SystemExit(f"[train] rasa train failed (exit {result.returncode}); see the output above")
    seconds = time.monotonic() - started
    print(f"[train] trained in {seconds:.0f} s; model size {target.stat().st_size / 1e6:.1f} MB", file=out)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    print(ensure_model(get_settings().models_dir))


if __name__ == "__main__":
    main()

# Info Bansos Jakarta. Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
RASA_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help envs run test lint check-content validate-rasa train unit e2e bench bench-import bench-upload eval import-status purge
.PHONY: report export-confusions bench-report bench-console demo-data eval-blind spent-blind-training staff-add console console-screenshots content-export content-import

help:
	@echo "make run            start Rasa, the action server, the staff console and the bot (terminal chat without TELEGRAM_BOT_TOKEN)"
	@echo "make staff-add USER=nama ROLE=admin|editor|analis  create a staff console account (password typed twice, or generated)"
	@echo "make console        only the staff console, on 127.0.0.1:CONSOLE_PORT (default 8080)"
	@echo "make console-screenshots  pictures of the console's main pages into docs/console/ (headless Chromium)"
	@echo "make test           the whole test suite"
	@echo "make check-content  validate content/"
	@echo "make content-export  write the newest revision published in the console into content/ (review with git diff, commit)"
	@echo "make content-import [FORCE=1]  publish content/ as a new revision (refused over console changes not yet exported)"
	@echo "make train          train the Rasa model if its inputs changed"
	@echo "make bench [ARGS=\"--residents 50 --seconds 60\"]  load test through the Telegram stand-in: messages/s, reply latency, memory and CPU per process"
	@echo "make eval          NLU figures on the held-out set (eval/heldout.yml) and Rasa's CPU per parsed message"
	@echo "make eval-blind SET=eval/blind/round1  a blind set through Telegram, graded on the reply (eval/README.md)"
	@echo "make spent-blind-training ROUNDS=\"eval/blind/round0 …\"  scored blind rounds → nlu/blind_spent.yml (eval/README.md)"
	@echo "make import-status FILE=path.csv [DRY_RUN=1]  import the data office's status export (.csv or .xlsx)"
	@echo "make bench-import  time the import of 100,000 status rows"
	@echo "make bench-upload  time the console's dry run of 100,000 status rows through its HTTP endpoint"
	@echo "make purge         delete what is older than RETENTION_DAYS (run it daily, e.g. from cron)"
	@echo "make report [ARGS=\"--since 7d --until 2026-11-30 --program klj\"]  analysts' HTML report + CSVs in var/reports/"
	@echo "make export-confusions ARGS=\"--clusters 1,3,5\"  chosen report clusters as NLU YAML + draft answers in var/exports/"
	@echo "make bench-report  time make report on 1,000,000 generated turns"
	@echo "make bench-console [ARGS=\"--database /tmp/1m.sqlite3\"]  time the console's 30-day report page on 1,000,000 turns"
	@echo "make demo-data [ARGS=\"--database-url sqlite:////tmp/demo.sqlite3 --seed 7 --replace\"]  30 days of synthetic questions and confusion signals, to try the report"

envs:
	@ops/ensure_venv.sh $(VENV) 3.11 requirements/app.txt
	@ops/ensure_venv.sh $(RASA_VENV) 3.10 requirements/rasa.txt

run: envs
	@exec $(PY) -m ops.stack

train: envs
	@$(PY) -m ops.train_model

check-content: envs
	@$(PY) -m infobansos.content.checks

content-export: envs
	@$(PY) -m infobansos.content.sync export

content-import: envs
	@$(PY) -m infobansos.content.sync import $(if $(FORCE),--force)

validate-rasa: envs
	@PYTHONWARNINGS=ignore $(RASA) data validate --config config.yml --domain domain.yml --data nlu --fail-on-warnings

lint: envs
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

unit: envs
	@$(PY) -m pytest tests/unit -q

e2e: envs
	@$(PY) -m pytest tests/e2e -q

test: envs lint check-content validate-rasa
	@$(PY) -m pytest tests -q

bench: envs
	@$(PY) -m devtools.bench.load $(ARGS)

import-status: envs
	@test -n "$(FILE)" || { echo "usage: make import-status FILE=path.csv [DRY_RUN=1]" >&2; exit 2; }
	@$(PY) -m staff.import_status "$(FILE)" $(if $(DRY_RUN),--dry-run)

staff-add: envs
	@test "$(origin USER)" = "command line" -a -n "$(ROLE)" || { echo "usage: make staff-add USER=nama ROLE=admin|editor|analis" >&2; exit 2; }
	@$(PY) -m staff.add_account "$(USER)" "$(ROLE)"

console: envs
	@$(PY) -m console

console-screenshots: envs
	@$(PY) -m devtools.console_screenshots

purge: envs
	@$(PY) -m staff.purge

bench-import: envs
	@$(PY) -m devtools.bench.status_import

bench-upload: envs
	@$(PY) -W ignore::DeprecationWarning -m devtools.bench.status_upload

eval: envs
	@$(PY) -m devtools.eval.nlu $(if $(HELDOUT),--heldout $(HELDOUT))

demo-data: envs
	@$(PY) -m devtools.demo.data $(ARGS)

report: envs
	@$(PY) -m staff.report $(ARGS)

export-confusions: envs
	@$(PY) -m staff.report.export_confusions $(ARGS)

bench-report: envs
	@$(PY) -m devtools.bench.report $(ARGS)

bench-console: envs
	@$(PY) -m devtools.bench.console_report $(ARGS)

eval-blind: envs
	@test -n "$(SET)" || { echo "usage: make eval-blind SET=eval/blind/round0" >&2; exit 2; }
	@$(PY) -m devtools.eval.blind "$(SET)"

spent-blind-training: envs
	@test -n "$(ROUNDS)" || { echo "usage: make spent-blind-training ROUNDS=\"eval/blind/round0 eval/blind/round1\"" >&2; exit 2; }
	@$(PY) -m devtools.eval.spent_blind_sets $(ROUNDS)

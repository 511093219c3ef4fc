# Thin wrappers around the commands docs/ shows. Every target installs what it needs first.
# `make help` lists the targets with the sentence after each one's ##.
PY := .venv/bin/python
PYTEST := .venv/bin/pytest
# The one command of the tools (docs/toolbelt.md).
WEILIDAI := .venv/bin/weilidai
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run videos test test-all unit e2e serve lint format clean

# pytest keeps each module it rewrites for its assertions as bytecode, beside the module. With
# PYTHONDONTWRITEBYTECODE set (as on the machines this project is built on, and in many Docker
# images) it keeps none, and every pytest process (each xdist worker, each inner run, each
# smoke) rewrites some 530 modules again (schemathesis, hypothesis, faker, the tests): about 2 s
# of a core each (collecting one test file: 3.9-4.8 s, then 1.8-1.9 s with the bytecode kept).
unexport PYTHONDONTWRITEBYTECODE

# The HTML report of make test / test-all, with each failure's screenshot and video; make test-all
# adds its Playwright trace. Recording a trace made the browser suite 1.17 times as slow (paired
# runs, 2026-12-06), for every test, to keep it for the failures: make test leaves it out, as the
# config `npm init playwright` writes records one only when a test is retried.
REPORT_DIR := artifacts/report
REPORT := --html=$(REPORT_DIR)/index.html --self-contained-html --output=$(REPORT_DIR)/test-results \
	--screenshot only-on-failure --video retain-on-failure
TRACES := --tracing retain-on-failure
REPORTED := || { echo "Report: $(REPORT_DIR)/index.html"; exit 1; }
# The one flow the other modes run as their smoke in make test, each on one variant (the browser
# suite walks it on both).
SMOKE_FLOW := -k test_invited_person_closes_account_and_application_is_pending

help:  ## list the targets, each with what it does
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-zA-Z0-9_-]+:[^=]*## / { printf "  %-22s %s\n", $$1, $$2 }' $(MAKEFILE_LIST) \
	    | sed -e 's/$$(HOST)/$(HOST)/g' -e 's/$$(PORT)/$(PORT)/g' -e 's/$$(WORKERS)/$(WORKERS)/g'

install:  ## set up .venv, a Chromium Playwright can launch, ffmpeg and CJK fonts (idempotent)
	bash scripts/install.sh

# The phone's language of make run and make videos (zh-CN or en); the tests and checks take --locale.
LOCALE ?= zh-CN
# The checks and the audit cover both languages.
EVERY_LOCALE := --locale zh-CN --locale en

run: install  ## the main job: drive every flow with a screenshot per step, then film those that passed (LOCALE=en: in English)
	$(WEILIDAI) run --locale $(LOCALE)

videos: install  ## record a walkthrough video and guide per flow into artifacts/walkthroughs/ (LOCALE=en: in English)
	$(WEILIDAI) videos --locale $(LOCALE)

# Two workers: the pytest part took 238 s and 254 s with -n 2 on 2 idle cores, and 216-262 s with
# -n 3 --dist worksteal, 287 s with -n 4 (2026-12-05): a third worker buys nothing measurable.
# Work-stealing, not xdist's default batches, so that neither worker idles behind the other's
# long tail: 209.7 s against 226.1 s, and 195.3 s against 208.3 s, in two pairs (2026-12-06).
FAST_WORKERS := -n 2 --dist worksteal
# Every test that touches a store runs on each (docs/scale.md#postgresql).
DATABASES := --database sqlite --database postgres
# make test leaves the model's random journeys on PostgreSQL to make test-all: 80 s there
# against 30 s on SQLite, for the same rules the portal and concurrency tests prove on both.
MODEL_ON_POSTGRES := tests/model/test_state_machine.py::test_random_journeys_keep_the_rules[postgres]

test: install  ## the fast gate: browserless tests on SQLite and PostgreSQL and the browser suite once (not the deep tests), then one flow in a remote browser and one against gunicorn
	rm -rf $(REPORT_DIR)
	$(PYTEST) tests e2e/tests -q $(FAST_WORKERS) $(DATABASES) -m 'not deep' --deselect '$(MODEL_ON_POSTGRES)' $(REPORT) $(REPORTED)
	$(MAKE) --no-print-directory -j2 --output-sync=target smoke-remote-browser smoke-prod-portal $(REPORTED)
	@echo "Report: $(REPORT_DIR)/index.html"

test-all: install  ## everything in depth: every test on both variants and databases, the test API fuzzed deeply, every mode in full, every regression check
	rm -rf $(REPORT_DIR)
	MODEL_EXAMPLES=300 MODEL_STEPS=30 CONTRACT_EXAMPLES=200 $(PYTEST) tests e2e/tests -q $(FAST_WORKERS) --variant A --variant B $(DATABASES) $(REPORT) $(TRACES) $(REPORTED)
	$(MAKE) --no-print-directory races $(REPORTED)
	$(PYTEST) e2e/tests -q --locale en --variant A --variant B $(REPORTED)
	$(MAKE) --no-print-directory test-remote-browser SCALE_SUBSET='--variant A --variant B' $(REPORTED)
	$(MAKE) --no-print-directory test-prod-portal SCALE_SUBSET='--variant A --variant B' $(REPORTED)
	$(MAKE) --no-print-directory test-prod-portal DATABASE=postgres SCALE_SUBSET='--variant A --variant B' $(REPORTED)
	$(MAKE) --no-print-directory regression $(REPORTED)
	$(MAKE) --no-print-directory model $(REPORTED)
	@echo "Report: $(REPORT_DIR)/index.html"

unit: install  ## only the browserless tests
	$(PYTEST) tests -q

e2e: install  ## only the browser suite
	$(PYTEST) e2e/tests -q

serve: install  ## the portal at http://$(HOST):$(PORT) in demo mode
	$(WEILIDAI) serve --host $(HOST) --port $(PORT)

lint: install  ## ruff (lint and format), mypy in strict mode, lint-imports (the layers), actionlint and zizmor on .github/workflows/
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	.venv/bin/lint-imports --no-cache
	.venv/bin/actionlint
	.venv/bin/zizmor --offline .github/workflows

format: install  ## ruff format and ruff check --fix
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

.PHONY: openapi

openapi: install  ## rewrite docs/test-api.openapi.json, the test API's contract, from the models that validate its requests
	$(PY) -m mock_portal.contract docs/test-api.openapi.json

clean:  ## remove artifacts/, test-results/, .pytest_cache/ and instance/
	rm -rf artifacts test-results .pytest_cache instance

# The model in the browser: docs/model.md
WALK ?= 40
SEED ?= 1

.PHONY: model

model: install  ## every transition of the model in Chromium on both variants, and a random walk of WALK steps from SEED
	$(WEILIDAI) model run --walk $(WALK) --seed $(SEED)

# Flow regression checks: docs/regression.md
.PHONY: regression regression-update mutants

regression: install  ## compare every flow's path, ARIA structure and look with its golden files
	$(WEILIDAI) regression check $(EVERY_LOCALE)

regression-update: install  ## accept what every flow does now as its golden state
	$(WEILIDAI) regression update $(EVERY_LOCALE)

mutants: install  ## check that the e2e suite and the regression checks catch every portal mutant
	$(WEILIDAI) regression mutants

.PHONY: a11y

a11y: install  ## axe-core audit of every screen of every flow, both variants and languages → artifacts/a11y/
	$(WEILIDAI) a11y $(EVERY_LOCALE)

# Mutation testing of the rules and the article traced: docs/mutation.md, docs/traceability.md
.PHONY: mutants-rules trace translations

mutants-rules: install  ## mutmut over the rules and services (one worker); prints the score, fails on an unexplained survivor
	nice -n 10 $(PY) scripts/mutants_rules.py

trace: install  ## regenerate docs/traceability.md: each sentence of the article with the tests that check it
	$(WEILIDAI) trace --docs

translations: install  ## bring the portal's English catalogue up to date with the source and compile it
	bash scripts/translations.sh

# Running at scale: docs/scale.md
SCALE_SUBSET ?=
WORKERS ?= 4
# The store of make test-prod-portal and smoke-prod-portal: sqlite, or postgres (a throwaway
# server started for the run, its URL in $$DATABASE_URL); PROD_DATABASE_URL names any other.
DATABASE ?= sqlite
ifeq ($(DATABASE),postgres)
WITH_DATABASE := $(PY) -m e2e.harness.postgres --
PROD_DATABASE_URL ?= $$DATABASE_URL
else
WITH_DATABASE :=
PROD_DATABASE_URL ?= sqlite:///$$SCRATCH/portal.sqlite3
endif
# How often make races repeats the concurrency tests (docs/scale.md#postgresql says why 20).
RACE_RUNS ?= 20

.PHONY: serve-prod test-remote-browser test-prod-portal smoke-remote-browser smoke-prod-portal races

serve-prod: install  ## the portal under gunicorn at http://$(HOST):$(PORT) with $(WORKERS) worker processes
	.venv/bin/gunicorn -c python:mock_portal.gunicorn_conf --bind $(HOST):$(PORT) --workers $(WORKERS)

test-remote-browser: install  ## the e2e suite (or SCALE_SUBSET) in the browser of a `playwright run-server` on loopback
	bash scripts/with_server.sh playwright-server \
	    '.venv/bin/playwright run-server --host 127.0.0.1 --port $$PORT --unsafe' \
	    '$(PYTEST) e2e/tests -q $(SCALE_SUBSET) --connect-ws ws://127.0.0.1:$$PORT/'

test-prod-portal: install  ## the e2e suite (or SCALE_SUBSET) against the portal under gunicorn with 2 workers (DATABASE=postgres: on PostgreSQL)
	$(WITH_DATABASE) bash scripts/with_server.sh gunicorn \
	    'env DATABASE_URL=$(PROD_DATABASE_URL) MOCK_PORTAL_TEST_API=1 .venv/bin/gunicorn -c python:mock_portal.gunicorn_conf --bind 127.0.0.1:$$PORT --workers 2' \
	    '$(PYTEST) e2e/tests -q -n 2 $(SCALE_SUBSET) --base-url http://127.0.0.1:$$PORT && $(PYTEST) e2e/tests -q -p no:xdist $(SCALE_SUBSET) -m owns_portal --reset-external --base-url http://127.0.0.1:$$PORT'

smoke-remote-browser: install  ## one flow, in English, in the browser of a `playwright run-server` on loopback
	$(MAKE) --no-print-directory test-remote-browser SCALE_SUBSET='$(SMOKE_FLOW) --variant B --locale en'

smoke-prod-portal: install  ## one flow against the portal under gunicorn with 2 workers (DATABASE=postgres: on PostgreSQL)
	$(WITH_DATABASE) bash scripts/with_server.sh gunicorn \
	    'env DATABASE_URL=$(PROD_DATABASE_URL) MOCK_PORTAL_TEST_API=1 .venv/bin/gunicorn -c python:mock_portal.gunicorn_conf --bind 127.0.0.1:$$PORT --workers 2' \
	    '$(PYTEST) e2e/tests -q $(SMOKE_FLOW) --variant A --base-url http://127.0.0.1:$$PORT'

# Bench and soak: docs/performance.md
.PHONY: soak bench
RUNS ?= 20

soak: install  ## run the e2e suite RUNS times beside a busy core and name every flaky test
	$(WEILIDAI) soak --runs $(RUNS) $(if $(ARGS),-- $(ARGS))

bench: install  ## measure per-step time against the browser floor, the -n 2 speed-up, portal latency and video cost
	$(WEILIDAI) bench

races: install  ## the concurrency tests RACE_RUNS times in a row on SQLite and on PostgreSQL
	$(PYTEST) tests/portal/test_concurrency*.py -q -n 2 $(DATABASES) --count $(RACE_RUNS)

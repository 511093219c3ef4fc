# Thin wrappers around the commands the README shows. Every target installs what it needs first.
PY := .venv/bin/python
PYTEST := .venv/bin/pytest
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run videos test unit e2e serve lint format clean

install:  ## set up .venv, a Chromium Playwright can launch, ffmpeg and CJK fonts (idempotent)
	bash scripts/install.sh

run: install  ## the main job: start the portal, drive every flow, write artifacts and a report
	$(PY) -m e2e.run
	$(PY) -m e2e.walkthrough

videos: install  ## record a walkthrough video and guide per flow into artifacts/walkthroughs/
	$(PY) -m e2e.walkthrough

test: install  ## unit tests, then the e2e suite (headless Chromium, phone profile)
	$(PYTEST) tests -q
	$(PYTEST) e2e -q

unit: install
	$(PYTEST) tests -q

e2e: install
	$(PYTEST) e2e -q

serve: install  ## the portal at http://$(HOST):$(PORT) in demo mode
	$(PY) -m mock_portal --host $(HOST) --port $(PORT)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

clean:
	rm -rf artifacts test-results .pytest_cache instance

.PHONY: regression regression-update mutants

regression: install  ## compare every flow's path, ARIA structure and look with e2e/regression/golden; report in artifacts/regression/
	$(PY) -m e2e.regression check

regression-update: install  ## accept what every flow does now as the golden state; print what changed
	$(PY) -m e2e.regression update

mutants: install  ## run the e2e suite and the regression checks against every portal mutant; print the score
	$(PY) -m e2e.regression mutants

.PHONY: soak bench
RUNS ?= 20

soak: install  ## run the e2e suite RUNS times with -n 2 and a busy core; name every flaky test (ARGS go to pytest)
	$(PY) -m e2e.soak --runs $(RUNS) $(if $(ARGS),-- $(ARGS))

bench: install  ## per-step time against the browser floor, -n 2 speed-up, portal latency, video cost; artifacts/bench/bench.json
	$(PY) -m e2e.bench

# Two commands that work on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: dev docs screenshots run test test-fast lint venv deps test-deps system-deps clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

deps: $(BIN)/python
	$(BIN)/pip install -q -e .

test-deps: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

# Browser tests need Chromium; the load test needs nginx/wrk later. Debian's
# packages, installed only when missing (Playwright cannot download browsers here).
system-deps:
	@bash scripts/system-deps.sh

# gunicorn as in production (no access log, nothing about visitors kept), for one machine:
# on the internet it must sit behind a buffering proxy (README, "Before going live").
run: deps
	@echo "Serving on http://$(HOST):$(PORT)"
	HELP_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Flask's development server with reload (it logs each request line to the terminal).
dev: deps
	$(BIN)/flask --app wsgi:app run --debug --host $(HOST) --port $(PORT)

lint: test-deps
	$(BIN)/ruff check .

test: test-deps system-deps lint
	$(BIN)/flask --app wsgi flow check
	$(BIN)/pytest -q

test-fast: test-deps lint
	$(BIN)/pytest -q -m "not sweep and not browser"

screenshots: test-deps system-deps
	$(BIN)/python scripts/screenshots.py

docs: deps
	$(BIN)/flask --app wsgi flow graph --format mermaid > docs/flow.mmd
	$(BIN)/flask --app wsgi flow graph --format dot > docs/flow.dot
	@command -v dot >/dev/null || (apt-get update -q && apt-get install -y -q --no-install-recommends graphviz)
	dot -Tsvg docs/flow.dot -o docs/flow.svg
	$(BIN)/python scripts/readme_diagram.py

clean:
	rm -rf $(VENV) *.egg-info

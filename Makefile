# Two commands that work on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: dev docs screenshots run test test-fast lint venv deps test-deps system-deps clean messages lock audit image-test

# The venv's own pip, as Python ships it: nothing is fetched that the lock does not name.
$(BIN)/python:
	$(PY) -m venv $(VENV)

# Exactly the lock, hash-checked (pip refuses a package or file it does not list), then this
# project on top without touching its dependencies. The lock names setuptools and Babel, the
# build's own needs, so nothing outside it is fetched to build either.
# Catalogs (.mo) are build output: compiled here, so `make run` and `make test` serve every language.
deps: $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/run.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/pybabel -q compile -d app/translations

test-deps: $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/test.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/pybabel -q compile -d app/translations

# Re-resolves the locks from pyproject.toml's ranges, on purpose: pins that still fit are kept;
# `make lock UPGRADE=1` takes the newest release of everything (README, "Dependencies").
# The run lock is the test lock's subset, so both install the same versions.
UV_COMPILE = UV_CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/uv pip compile --quiet --universal \
	--generate-hashes --python-version 3.11 $(if $(UPGRADE),--upgrade)
lock: $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/lock-tool.txt
	$(UV_COMPILE) pyproject.toml requirements/build.in --extra test -o requirements/test.txt
	$(UV_COMPILE) pyproject.toml requirements/build.in -c requirements/test.txt -o requirements/run.txt
	$(UV_COMPILE) requirements/lock-tool.in -o requirements/lock-tool.txt

# Known vulnerabilities in every locked package (PyPI's advisory data); fails when one is found
# or when the advisory service cannot be reached.
audit: test-deps
	$(BIN)/python scripts/audit.py $(BIN)/pip-audit requirements/test.txt

# Extract every marked string (engine, content data, templates, web layer) to build/messages.pot
# (build output, not committed: tests/test_catalog.py extracts its own), bring each language's
# messages.po up to date (new msgids empty, gone ones dropped, never guessed), and compile.
messages: deps
	@mkdir -p build
	$(BIN)/pybabel -q extract --no-wrap --add-location=file -k N_ -k _l --project=help-guide --version=1 -F babel.cfg -o build/messages.pot .
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching --ignore-obsolete -i build/messages.pot -d app/translations
	@# The extraction time would change the catalogs on every run (and clash between branches): leave it out.
	sed -i '/^"POT-Creation-Date: /d' app/translations/*/LC_MESSAGES/messages.po
	$(BIN)/pybabel -q compile -d app/translations
	@$(BIN)/python -c "from babel.messages.pofile import read_po; import glob; \
	[print(p, sum(1 for m in read_po(open(p, 'rb')) if m.id and not m.string), 'untranslated') \
	 for p in sorted(glob.glob('app/translations/*/LC_MESSAGES/messages.po'))]"

# Browser tests need Chromium; the load test needs nginx/wrk later. Debian's
# packages, installed only when missing (Playwright cannot download browsers here).
system-deps:
	@bash scripts/system-deps.sh

# gunicorn as in production (no access log, nothing about visitors kept), for one machine:
# on the internet it must sit behind a buffering proxy (README, "Before going live").
run: deps
	@echo "Serving on http://$(HOST):$(PORT)"
	@echo "gunicorn alone is for trying it on this machine: on the internet it belongs behind a buffering proxy (README, \"Before going live\")."
	HELP_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Flask's development server (it logs each request line to the terminal). Templates reload on
# their own; an edit to the content data or a catalog restarts its reloader, which compiles
# the catalog (app/i18n.py), so every edit shows on the next page load with no manual restart.
empty :=
DEV_WATCH = $(subst $(empty) $(empty),:,$(wildcard app/content/*.toml app/translations/*/LC_MESSAGES/*.po))
dev: deps
	$(BIN)/flask --app wsgi:app run --debug --extra-files "$(DEV_WATCH)" --host $(HOST) --port $(PORT)

lint: test-deps
	$(BIN)/ruff check .

test: test-deps system-deps lint audit
	$(BIN)/flask --app wsgi flow check
	$(BIN)/pytest -q
	$(MAKE) --no-print-directory image-test

# The OCI image (Containerfile) built and run for real: a base from Debian's packages (cached
# in build/), the wheelhouse from the lock, podman build, then tests/test_container_image.py
# against it read-only as non-root (walks in both languages, headers, SIGTERM under load).
image-test: test-deps system-deps
	PY=$(BIN)/python bash scripts/image-test.sh

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
	rm -rf $(VENV) *.egg-info build

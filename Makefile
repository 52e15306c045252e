# horeport: `make run` sets everything up and serves the demo; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first Python 3.12+ on PATH (pyenv shims honour .python-version).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup install assets migrate demo test lint format clean

run: setup demo
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install assets migrate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (see README)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/designsystemet $(VENDOR)/inter
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE $(VENDOR)/designsystemet/LICENSE
	cp node_modules/@fontsource/inter/files/inter-latin-{400,500,600,700}-normal.woff2 $(VENDOR)/inter/
	cp node_modules/@fontsource/inter/LICENSE $(VENDOR)/inter/LICENSE
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_demo_users

test: install assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Generated input for every form and GET parameter of every page, as each role (tests/fuzz).
FUZZ_EXAMPLES ?= 1000
.PHONY: fuzz
fuzz: install assets
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -m fuzz tests/fuzz $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles screenshots test-results

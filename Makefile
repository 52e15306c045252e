# horeport: `make run` sets everything up and serves the demo; `make test` runs every test.
# Both first check the system packages (scripts/system-deps) and say which Python they use.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The Python that makes .venv: PYTHON=… or the first 3.12+ on PATH (see scripts/python).
PYTHON ?= $(shell scripts/python)
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup system-deps python install assets migrate demo test test-fast lint format clean faults bench
# The checks come first, in the order written, even under make -j.
.NOTPARALLEL: run test test-fast

# DEBUG for every step of `make run` (migrate and the demo too): without it a SECRET_KEY is required.
run: export DEBUG = 1
# The background worker (exports and other long work) runs beside the server and stops with it.
run: system-deps python setup demo
	@echo "Serving http://$(HOST):$(PORT)/ with a background worker (Ctrl+C stops both)"
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install assets migrate

# Checks the system packages; installs missing ones when it may, or stops saying how.
system-deps:
	@scripts/system-deps

# Says which Python is used and why; stops when none is 3.12 or newer.
python:
	@scripts/python --explain

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml | python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

assets: $(VENDOR)/.installed

# The Inter TTFs are for matplotlib's charts (it cannot read WOFF2); fontTools comes with .venv.
$(VENDOR)/.installed: package.json package-lock.json | install
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/designsystemet $(VENDOR)/inter
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/designsystemet/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE $(VENDOR)/designsystemet/LICENSE
	cp node_modules/@fontsource/inter/files/inter-latin-{400,500,600,700}-normal.woff2 $(VENDOR)/inter/
	cp node_modules/@fontsource/inter/LICENSE $(VENDOR)/inter/LICENSE
	$(BIN)/python scripts/fonts_ttf.py $(VENDOR)/inter/*.woff2
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_demo_users

test: system-deps python install assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every test except the browser tests (marked `browser`).
test-fast: system-deps python install assets
	$(BIN)/python -m pytest -m "not browser and not fuzz" $(PYTEST_ARGS)

# Restart a throwaway PostgreSQL cluster under load: 503s while it is down, never a 500, and
# recovery without restarting the application (scripts/faults.py; results in docs/reliability.md).
faults: install assets
	$(BIN)/python scripts/faults.py

# Generated input for every form and GET parameter of every page, as each role (tests/fuzz).
FUZZ_EXAMPLES ?= 1000
.PHONY: fuzz
fuzz: install assets
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -m fuzz tests/fuzz $(PYTEST_ARGS)

# The benchmark of issue 11 (bench/__main__.py): generates the data into the database DATABASE_URL
# names (emptied first: give it one of its own), times every measure beside its baseline, prints the
# table and writes bench/results.json. SCALE=small finishes in a few minutes; the default is full.
SCALE ?= full
bench: install assets
	$(BIN)/python manage.py migrate --no-input --settings=bench.settings
	$(BIN)/python -m bench --scale $(SCALE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles screenshots test-results

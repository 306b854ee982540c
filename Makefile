# sursur: two commands. `make run` serves the observatory on the built-in data;
# `make test` sets up everything the suite needs (PostgreSQL, Chromium included) and runs it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
DB     ?= sqlite:///sursur.db

.PHONY: run test venv venv-test system-deps benchmark clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

run: venv
	bash scripts/system-deps.sh --pdf
	$(BIN)/sursur --db $(DB) init
	$(BIN)/sursur --db $(DB) case load medellin --if-empty
	$(BIN)/sursur --db $(DB) actors geocode > /dev/null
	$(BIN)/sursur --db $(DB) match reindex > /dev/null
	$(BIN)/sursur --db $(DB) serve --host $(HOST) --port $(PORT)

system-deps:
	bash scripts/system-deps.sh

test: venv-test system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

benchmark: venv
	$(BIN)/python benchmarks/bench_case_load.py
	$(BIN)/python benchmarks/bench_twinnings_resolve.py --show 5

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache

translations: venv
	$(BIN)/python -c "from sursur.i18n import catalog_path, compile_catalog; [open(str(catalog_path(l, 'mo')), 'wb').write(compile_catalog(l)) for l in ('es', 'pt')]"

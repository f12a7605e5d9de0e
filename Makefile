PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# What serving needs (the project's dependencies), and everything: the dev extras on top.
SERVING := $(VENV)/.installed-serving
STAMP := $(VENV)/.installed
# The versions uv.lock pins, with no resolving (uv re-locks first when pyproject.toml changed:
# commit uv.lock with it); what else the environment holds is kept.
SYNC := $(UV) sync --inexact

.PHONY: setup run test check lint codegen bench clean

# uv, from the package index, installs in seconds what pip took a minute for, and shows it.
$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check --progress-bar on 'uv>=0.9'

$(SERVING): pyproject.toml uv.lock | $(UV)
	$(SYNC)
	touch $@

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(SYNC) --extra dev
	touch $@ $(SERVING)

setup: $(STAMP)

# Everything on the embedded default: SQLite under ./var, migrated and seeded with the demo
# data by the one serving process, all domains. Installs only what serving needs (`make setup`
# adds the tests' and linters' tools).
run: $(SERVING)
	$(BIN)/facet serve --seed --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

lint: setup
	$(UV) lock --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app schema adapters codegen
	$(BIN)/lint-imports

check: lint
	$(BIN)/facet codegen --check

# The whole suite: static checks, generated-file drift, then tests on SQLite and PostgreSQL.
test: check
	$(BIN)/pytest -q

# In-process timings on SQLite and (when reachable) PostgreSQL, then requests/s over HTTP
# (wrk when installed, else a built-in load generator); results in var/bench.json.
bench: setup
	$(BIN)/facet bench

codegen: setup
	$(BIN)/facet codegen

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

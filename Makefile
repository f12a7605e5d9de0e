PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test check lint codegen bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Everything on the embedded default: SQLite under ./var, migrations, demo data, all domains.
run: setup
	$(BIN)/facet migrate
	$(BIN)/facet seed
	$(BIN)/facet serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

lint: setup
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

# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/punchclock serve

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q -n 2 --durations=15

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (bench/README.md): Punchclock vs a raw-ASGI floor, wrk over loopback.
.PHONY: bench bench-quick

bench: $(STAMP)
	$(BIN)/pip install --quiet asyncpg || echo "asyncpg did not install: its floor line is skipped"
	$(BIN)/python bench/run.py --size 1m --engines sqlite,postgresql --scale-check

bench-quick: $(STAMP)
	@$(BIN)/python bench/run.py --quick

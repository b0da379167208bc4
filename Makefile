# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck install clean browser

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

# The browser tests (tests/web) drive Debian's Chromium through Playwright: installed here when
# missing (as root; otherwise say how), so a fresh machine and CI run them.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

test: $(STAMP) lint typecheck browser
	$(BIN)/python -m pytest -q -n 2 --durations=15

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (bench/README.md): Punchclock vs a raw-ASGI floor, wrk over loopback.
.PHONY: bench bench-quick bench-web

bench: $(STAMP)
	$(BIN)/pip install --quiet asyncpg || echo "asyncpg did not install: its floor line is skipped"
	$(BIN)/python bench/run.py --size 1m --engines sqlite,postgresql --scale-check

bench-quick: $(STAMP)
	@$(BIN)/python bench/run.py --quick

# The web app's pages on the 1M dataset: render p95 one request at a time, page weight, and
# what 100 open live streams cost (bench/README.md, "Web app").
bench-web: $(STAMP)
	$(BIN)/python bench/web.py --size 1m

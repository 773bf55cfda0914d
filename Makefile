# Every target creates .venv itself, so a fresh clone needs nothing installed by hand; `make test`
# also installs what its tests need from Debian when it can (tools/test_deps.py).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-deps lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/planner serve

lint: $(STAMP)
	$(BIN)/ruff check planner screens app.py tests bench tools
	$(BIN)/ruff format --check planner screens app.py tests bench tools
	$(BIN)/mypy

# Chromium, LibreOffice, the Carlito font, Poppler and PostgreSQL: installed as root, else the
# command to run is printed and the tests that need them are skipped with it as the reason.
test-deps:
	$(BIN)/python tools/test_deps.py

test: $(STAMP) lint test-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

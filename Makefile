# The two commands of the contract: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps keep `make` from reinstalling unless the pins change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/workbench demo --if-empty
	$(BIN)/workbench ui

# Two workers (pytest-xdist), one test file each at a time: a file's module fixtures (a Ray cluster, a served
# database, a UI server for the browser) are built once, and the suite takes about 9 instead of 15 minutes
# on 2 cores. TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= 2

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check workbench tests bench tools

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts

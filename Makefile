# Two commands for a newcomer:  make run  (index seeds/ and serve them)  and  make test.
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv bench clean

venv:
	@scripts/bootstrap-venv $(VENV)

run: venv
	$(BIN)/babelsearch reindex --corpus seeds
	$(BIN)/babelsearch search "Nuctech customs"

test: venv
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/index_throughput.py

clean:
	rm -rf data .pytest_cache

# Two commands for a newcomer:  make run  (index seeds/ and serve them on http://127.0.0.1:8000/)  and  make test.
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv bench clean

venv:
	@scripts/bootstrap-venv $(VENV)

run: venv
	$(BIN)/babelsearch reindex --corpus seeds
	$(BIN)/babelsearch serve --host $(HOST) --port $(PORT)

test: venv
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/index_throughput.py
	$(BIN)/python bench/language_detectors.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/translate_throughput.py
	$(BIN)/python bench/http_load.py

clean:
	rm -rf data .pytest_cache

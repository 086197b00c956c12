# Two commands for a newcomer:  make run  (index seeds/ and serve them on http://127.0.0.1:8000/)  and  make test.
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv lexicon models bench clean

venv:
	@scripts/bootstrap-venv $(VENV)

DICTIONARIES := trans-de-en dict-freedict-eng-deu dict-freedict-deu-eng dict-freedict-eng-nld dict-freedict-nld-eng dict-freedict-nld-deu \
	dict-freedict-deu-nld dict-freedict-nld-fra dict-freedict-fra-nld dict-freedict-fra-eng dict-freedict-eng-fra

run: venv lexicon models
	$(BIN)/babelsearch reindex --corpus seeds
	$(BIN)/babelsearch serve --host $(HOST) --port $(PORT)

# English search over German/Dutch without a translation model needs the
# Debian dictionaries; compiled once per machine (~/.cache/babelsearch) and
# linked into data/lexicons, so this is instant after the first time.
lexicon: venv
	@if [ -e /usr/share/trans/de-en ] || ls /usr/share/dictd/freedict-*.index >/dev/null 2>&1; then \
	  $(BIN)/babelsearch lexicons build; \
	else \
	  echo "No bilingual dictionaries installed: for English search over German and Dutch text without"; \
	  echo "an Argos model, run: sudo apt-get install $(DICTIONARIES)   (see README)"; \
	fi

# The de→en and nl→en Argos models, from the Argos package index when it can be
# reached (once: later runs find them installed). Offline one line says so and
# the run goes on; English search then rests on the dictionaries.
models: venv
	@$(BIN)/babelsearch models install --from-index --skip-installed --offline-ok de nl

test: venv
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/index_throughput.py
	$(BIN)/python bench/language_detectors.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/translate_throughput.py
	$(BIN)/python bench/http_load.py
	$(BIN)/python bench/clir_quality.py

clean:
	rm -rf data .pytest_cache

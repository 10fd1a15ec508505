# realpolitik: make run (demo), make test (all tests), make bench, make lint.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := build/demo.duckdb
SHARED ?= ../shared

.PHONY: run test bench lint eval docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@mkdir -p build
	$(BIN)/realpolitik ingest demo/corpus --db $(DEMO_DB)
	$(BIN)/realpolitik system --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(MAKE) --no-print-directory eval

eval: $(STAMP)
	@for f in eval/dev/*.jsonl; do echo "== $$f"; $(BIN)/realpolitik eval $$f | head -2; done
	@echo "== $(SHARED)/benchmarks/plover-gsr-en.jsonl"; $(BIN)/realpolitik eval $(SHARED)/benchmarks/plover-gsr-en.jsonl | head -2
	@echo "== $(SHARED)/seed/expected.json"; $(BIN)/realpolitik eval $(SHARED)/seed/expected.json | head -2

docs: $(STAMP)
	$(BIN)/python scripts/gen_cli_docs.py

clean:
	rm -rf build $(VENV) .pytest_cache

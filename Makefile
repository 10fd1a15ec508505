# realpolitik: make run (demo), make test (all tests), make bench, make lint.
# The interpreter the environment is built on: Debian's CPython 3.11 where there is one that can make
# a venv, else python3. Debian builds it with profile-guided and link-time optimisation, which runs
# the pipeline 9-16% faster than a plain source build such as pyenv's (see BENCHMARKS.md). Any
# CPython 3.11 will do: `make PYTHON=/path/to/python3.11 test`.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# names the interpreter; remade, and the environment with it, when PYTHON changes
BASE := $(VENV)/.base$(subst /,_,$(PYTHON))
DEMO_DB := build/demo.duckdb
SHARED ?= ../shared

.PHONY: run test bench lint eval docs clean

$(BASE):
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	touch $@

$(STAMP): pyproject.toml $(BASE)
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

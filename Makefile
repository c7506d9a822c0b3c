# Two commands for a fresh machine: `make run` and `make test` (see README.md).
# `make run DEMO=ankara1` opens Ankara's demo PC instead of HQ's.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt bench clean package

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,server]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m puantaj.devrun $(DEMO)

test: $(STAMP)
	bash scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) bench/server_bench.py
	$(PY) bench/events_bench.py
	$(PY) bench/sync_bench.py
	$(PY) bench/ui_bench.py
	$(PY) bench/protocol_bench.py

package: $(STAMP)
	$(VENV)/bin/pyinstaller packaging/puantaj.spec --noconfirm --distpath dist --workpath build/pyinstaller

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

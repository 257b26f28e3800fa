# Every target creates and reuses .venv by itself: `make run` and `make test` are all a new user needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval clean

# PYTHONWARNINGS=ignore: setuptools prints a boxed notice on every editable install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Parley needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1)); set PYTHON=python3.X"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parley run

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/parley bench

eval: $(STAMP)
	$(BIN)/parley eval

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

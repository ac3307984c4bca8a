# The README's quick start: `make demo` and `make test`, each on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test lint browser eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/newsevents code examples/summit_article.txt

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's chromium and chromium-driver for the dashboard tests (tests/api/test_dashboard.py),
# installed only when missing; sudo only when not root. If they cannot be installed, the
# dashboard tests skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  { $$SUDO apt-get update -qq && \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  } || echo "make browser: chromium could not be installed; the dashboard tests will skip"; \
	fi

test: lint browser
	$(BIN)/python -m pytest

eval: $(VENV)/.installed-dev
	$(BIN)/python eval/eval_cleaning.py --shared $(SHARED)

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_annotate.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

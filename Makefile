# The front door. `make serve` and `make test` work on a fresh machine: they create .venv,
# install the pinned dependencies (requirements.lock) and, for the browser tests, Debian's
# chromium when it is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: help setup validate build serve test test-fast lint lock chromium clean bench golden canary

help:
	@echo "make serve     set up, validate, build and serve on http://127.0.0.1:$(PORT)"
	@echo "make test      set up, then run the whole test suite (browser tests included)"
	@echo "make validate  validate every package under datasets/"
	@echo "make build     validate and build the site into build/site"
	@echo "make lint      ruff and mypy"
	@echo "make golden    rewrite the golden site (tests/data/golden/expected) after a meant change of output"
	@echo "make check-links  check every internal link of build/site (offline)"
	@echo "make diff BASE=origin/main HEAD=HEAD  the data changes as Markdown, then HEAD's validation (Kazakh: the pull-request comment)"
	@echo "make bench     synthetic national corpus (ROWS=$(ROWS)): time, memory, page weight, explorer speed"
	@echo "make canary    render build/docs with ProperDocs and Zensical too, compare with mkdocs (README.md)"
	@echo "make lock      re-pin requirements.lock from the current .venv"

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

chromium:
	@bash scripts/ensure-chromium.sh

validate: $(STAMP)
	$(PY) -m ashyq validate

build: $(STAMP)
	$(PY) -m ashyq build

serve: $(STAMP)
	$(PY) -m ashyq serve --port $(PORT)

# The pull-request checks of .github/workflows/site.yml, runnable here: every internal
# link of build/site (offline), and the data changes from BASE to HEAD as Markdown.
.PHONY: check-links diff
BASE ?= origin/main
HEAD ?= HEAD
check-links:
	python3 scripts/check_links.py build/site

diff: $(STAMP)
	@$(PY) -m ashyq diff $(BASE) $(HEAD) --lang kk

test: $(STAMP) chromium
	$(PY) -m pytest

# A synthetic national corpus (scripts/synth.py) validated, built and measured at ROWS/4,
# ROWS/2 and ROWS; report in build/bench/report.json (see BENCHMARKS.md).
ROWS ?= 300000
bench: $(STAMP) chromium
	$(PY) scripts/bench.py --rows $(ROWS)

# The golden site (tests/test_golden.py): rewrite the expected output; review the diff.
golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --update-golden

# build/docs rendered by mkdocs' would-be successors, each from a throwaway venv under
# build/canary (not in requirements.lock); a renderer that fails is reported, not fatal.
canary: build
	$(PY) scripts/canary.py

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

lint: $(STAMP)
	$(VENV)/bin/ruff check ashyq tests scripts
	$(VENV)/bin/mypy

# --all keeps setuptools: the wheel test (tests/test_wheel.py) builds with it, offline.
lock: $(STAMP)
	{ echo "# Exact versions of every Python package, for \`make\` (pip install -r requirements.lock)."; \
	  echo "# Regenerate with \`make lock\` after changing pyproject.toml."; \
	  $(PY) -m pip freeze --all --exclude-editable | grep -v '^ashyq' | grep -v '^pip=='; } > requirements.lock

clean:
	rm -rf build

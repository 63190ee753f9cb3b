# Everything a new machine needs, from Python 3.11.5+, make and git.
# `make serve` previews the site; `make test` checks content, builds strictly and runs every test.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MKDOCS := $(BIN)/python -m mkdocs
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint browser bench audit offline readability new-page new-term new-checklist lock clean search-report

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { \
	  echo "$(PYTHON) is Python $$($(PYTHON) -V 2>&1 | cut -d' ' -f2); the locked packages need 3.11.5 or newer." \
	       "Run again with PYTHON=/path/to/python3.12 (or any 3.11.5+)." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'trust-guide.pth').write_text(str(pathlib.Path.cwd()) + '\n')"
	touch $(STAMP)

serve: $(STAMP)
	$(MKDOCS) serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(MKDOCS) build --strict --site-dir site

check: $(STAMP)
	$(BIN)/python -m macros.cli check $(if $(STRICT),--strict)

lint: $(STAMP)
	$(BIN)/ruff check macros tests

# Browser tests drive the system Chromium. Install it where the machine allows; otherwise say what to do.
browser:
	@$(BIN)/python -m tests.browser_path >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium from Debian's packages..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is needed for the browser tests. Install it (Debian/Ubuntu: sudo apt-get install chromium)," \
	         "or set CHROMIUM=/path/to/chrome, then run make test again." >&2; exit 1; \
	  fi; }

test: $(STAMP) browser lint
	$(BIN)/python -m macros.cli check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m tests.bench

audit: $(STAMP) browser
	$(BIN)/python -m tests.audit

# Builds the site and types every query in tests/search-queries.yml into the search box in Chromium;
# lists the queries whose answer is not in the first three results, so editors see which words to add.
search-report: $(STAMP) browser
	$(BIN)/python -m tests.test_browser_search

offline: $(STAMP)
	$(BIN)/python -m macros.cli offline

readability: $(STAMP)
	$(BIN)/python -m macros.cli readability

new-page new-term new-checklist: $(STAMP)
	$(BIN)/python -m macros.cli $@ $(if $(TITLE),"$(TITLE)")

# Re-resolve the direct dependencies in requirements.in to exact versions.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Exact versions of everything the build and tests use. Made by \`make lock\` from requirements.in."; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site dist $(VENV) .pytest_cache .ruff_cache tests/.output

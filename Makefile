# Everything installs itself into .venv from PyPI; `make test` is what CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint typecheck spec venv clean mock bench sdk-suite client spec-diff docs docs-test docs-for-tests postgres-for-tests

## demo: start scale-mock on a free port, run the contract suite against it, print the report
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

## test: lint, type-check, build the docs for their browser tests where npm and Chromium can be
## had, find or install PostgreSQL for the mock's second store (those tests skip, saying why,
## where not), and run every test in two processes (the mock's tests and the client's each stay
## in one: their coverage checks read what the others did; tests/conftest.py)
test: lint typecheck docs-for-tests postgres-for-tests
	$(BIN)/python -m pytest -n 2

# Best effort, each step bounded in time: a machine without npm, network or root runs every
# other test all the same. A failed build leaves no docs/site/ behind, so no test judges a stale
# or half-built page.
docs-for-tests: $(STAMP)
	@command -v chromium >/dev/null || (timeout 300 apt-get update -qq && timeout 300 apt-get install -y -qq chromium >/dev/null 2>&1) || echo "make: Chromium could not be installed: the browser tests will skip"
	@rm -rf docs/site
	@(command -v npm >/dev/null && timeout 600 $(MAKE) --no-print-directory docs) || (rm -rf docs/site; echo "make: the docs were not built (no npm, no network, or the build failed): the docs tests will skip")

# The mock's tests run against PostgreSQL too, on a throwaway cluster of the server binaries
# (PATH or /usr/lib/postgresql/*/bin); where there are none, Debian's package is installed if it
# can be, else those tests skip, saying why.
postgres-for-tests:
	@command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || (timeout 300 apt-get update -qq && timeout 300 apt-get install -y -qq postgresql >/dev/null 2>&1) || echo "make: PostgreSQL could not be installed: the mock's PostgreSQL tests will skip"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy scale_spec scale_mock contract_tests scripts tests bench
	# the generated package too, strictly (generated code is never excluded from checks)
	cd generated_client && ../$(BIN)/mypy --strict --python-version 3.11 --cache-dir ../.mypy_cache -p scale_api_client

## client: regenerate generated_client/ from the spec (pinned openapi-python-client)
client: $(STAMP)
	$(BIN)/python scripts/generate_client.py

## mock: serve scale-mock on 127.0.0.1:4010 (state in scale-mock.sqlite3)
mock: $(STAMP)
	$(BIN)/scale-mock --port 4010

## bench: scale-mock against Prism (needs Debian's wrk; installs Prism via npm), the
## generated client against the official SDK, and a contract run against a bare Schemathesis
## run (with the time to exit 2 on a wrong URL, key or port); each side by side in one run
bench: $(STAMP)
	$(BIN)/python bench/mock_vs_prism.py
	$(BIN)/python bench/client_vs_sdk.py
	$(BIN)/python bench/contract_run.py
	$(BIN)/python bench/mock_under_load.py
	$(BIN)/python bench/proxy_overhead.py
	$(BIN)/python bench/mock_replicas.py

## sdk-suite: the official scaleapi SDK's own test suite against scale-mock (downloads its sdist)
sdk-suite: $(STAMP)
	$(BIN)/python scripts/official_sdk_suite.py

## docs: the spec as HTML (Redoc, via npm into docs/node_modules) and the latest conformance
## report beside it, in docs/site/
docs: $(STAMP)
	$(BIN)/python scripts/build_docs.py

## docs-test: docs, Debian's chromium (installed if missing; needs root), and the render test
docs-test: docs
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(BIN)/python -m pytest -p no:cacheprovider tests/docs_tests -v --durations=0

## spec-diff: changes to the spec since BASE (a git ref), breaking or not; fails on a breaking
## change without a major bump of info.version. Usage: make spec-diff BASE=main
BASE ?= HEAD
spec-diff: $(STAMP)
	$(BIN)/python scripts/spec_diff.py $(BASE)

## spec: validate the spec and print what it describes
spec: $(STAMP)
	$(BIN)/python -m openapi_spec_validator openapi/scale.yaml
	$(BIN)/python scripts/spec_summary.py openapi/scale.yaml

venv: $(STAMP)

$(STAMP): pyproject.toml
	@echo "make: installing the kit into $(VENV) from PyPI (first run, or pyproject.toml changed; about a minute)"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	@echo "make: [1/2] pip"
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "make: [2/2] the kit and its pinned tools (schemathesis, hypothesis, openapi-python-client, ...)"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# generated_client/ on the venv's path, so a regeneration is what the tests import
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "generated_client.pth").write_text("$(CURDIR)/generated_client\n")'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench/node_modules docs/node_modules docs/site reports

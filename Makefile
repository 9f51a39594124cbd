# newsetl: `make run` sets everything up and runs the pipeline on the shipped samples; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
DATA ?= $(or $(NEWSETL_DATA_DIR),data)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser run ui docs test bench bench-ingest clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BIN)/newsetl: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

dbt_project/target/manifest.json: $(BIN)/newsetl $(shell find dbt_project/models -type f 2>/dev/null) dbt_project/dbt_project.yml
	cd dbt_project && ../$(BIN)/dbt parse --profiles-dir . --quiet
	@touch $@

install: $(BIN)/newsetl dbt_project/target/manifest.json  ## build .venv from uv.lock, put newsetl in .venv/bin

run: install  ## copy the samples into the landing folder (first run) and materialize today's partition
	@mkdir -p $(DATA)/landing
	@if [ -z "$$(ls -A $(DATA)/landing 2>/dev/null)" ]; then cp -r data/samples/. $(DATA)/landing/ && rm -f $(DATA)/landing/README.md; fi
	$(BIN)/newsetl run

ui: install  ## the Dagster UI on http://127.0.0.1:3000 (schedules and sensors running)
	DAGSTER_HOME=$${DAGSTER_HOME:-$(abspath $(DATA))/.dagster} && mkdir -p $$DAGSTER_HOME && \
	  { [ -f $$DAGSTER_HOME/dagster.yaml ] || cp dagster.yaml $$DAGSTER_HOME/; } && \
	  DAGSTER_HOME=$$DAGSTER_HOME $(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

browser:  ## Debian's chromium and chromedriver, for the test that drives the UI in a real browser
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

docs: install  ## the dbt documentation site of the warehouse, on http://127.0.0.1:8080
	cd dbt_project && ../$(BIN)/dbt docs generate --profiles-dir . && \
	  ../$(BIN)/dbt docs serve --profiles-dir . --host 127.0.0.1 --port 8080 --no-browser

test: install browser  ## the whole test suite
	$(BIN)/python -m pytest -q

bench: install  ## the Scale table: extraction vs bare spaCy, 1 and all workers, memory, 30th partition, dbt at 1M events
	$(BIN)/newsetl bench extract --n 2000 --big 20000

bench-ingest: install  ## ingest throughput and peak memory on 2,000 and 20,000 files (needs ../shared/corpora)
	$(BIN)/newsetl bench ingest --n 20000

clean:
	rm -rf $(VENV) $(TOOLS) dbt_project/target

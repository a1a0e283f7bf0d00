# RefGen developer commands. Everything runs inside the uv workspace's .venv.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
# uv from PATH, or the one `setup` installs with pip on a machine that has only Python.
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
PY := $(UV) run --frozen --no-sync
RUN_DIR ?= .run/local

# make demo TOPIC="..." PAGES=12 CHAPTERS=3 LANG=en  (LANG also names the locale: anything else means ru)
TOPIC ?=
PAGES ?= 12
CHAPTERS ?= 3
DEMO_LANG := $(if $(filter ru en ky kg,$(LANG)),$(LANG),ru)

.PHONY: setup test unit integration lint typecheck up down status demo bench check-docx asyncapi

setup: ## install every package of the workspace (and dev tools) into .venv
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --all-packages --all-extras

demo: setup ## write an essay DOCX on embedded defaults (LLM stand-in unless LLM_BASE_URL + LLM_API_KEY are set)
	$(PY) refgen-demo --pages $(PAGES) --chapters $(CHAPTERS) --lang $(DEMO_LANG) $(if $(TOPIC),--topic "$(TOPIC)")

test: setup ## every test: unit, integration and end-to-end against local PostgreSQL, RabbitMQ, S3
	$(PY) pytest

unit: setup
	$(PY) pytest tests/unit

integration: setup
	$(PY) pytest tests/integration

lint: setup
	$(PY) ruff check .
	$(PY) ruff format --check .

typecheck: setup
	$(PY) mypy libs/*/src services/*/src tools/*/src

bench: setup ## pipeline (a)-(j), length and rendering figures against the local PostgreSQL and RabbitMQ (needs wrk); JSON in .bench/
	$(PY) refgen-bench

asyncapi: setup ## regenerate docs/asyncapi.yaml from the services' brokers (a unit test fails while it is stale)
	$(PY) refgen-asyncapi --output docs/asyncapi.yaml

check-docx: setup ## normocontrol of one document: make check-docx FILE=out/referat-ru-12p.docx
	$(PY) normocontrol "$(FILE)"

up: setup ## start every service as a local process; logs under $(RUN_DIR)
	$(PY) devstack up --run-dir $(RUN_DIR)

down: ## stop exactly the processes `make up` started
	$(PY) devstack down --run-dir $(RUN_DIR)

status:
	$(PY) devstack status --run-dir $(RUN_DIR)

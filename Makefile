# RefGen developer commands. Everything runs inside the uv workspace's .venv.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV ?= uv
PY := $(UV) run --frozen --no-sync
RUN_DIR ?= .run/local

.PHONY: setup test unit integration lint typecheck up down status demo bench check-docx

setup: ## install every package of the workspace (and dev tools) into .venv
	$(UV) sync --frozen --all-packages --all-extras

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
	$(PY) mypy libs/contracts/src services/*/src tools/*/src

up: setup ## start every service as a local process; logs under $(RUN_DIR)
	$(PY) devstack up --run-dir $(RUN_DIR)

down: ## stop exactly the processes `make up` started
	$(PY) devstack down --run-dir $(RUN_DIR)

status:
	$(PY) devstack status --run-dir $(RUN_DIR)

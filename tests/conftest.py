"""Shared fixtures: the whole stack as local processes, isolated per test session; more stacks on demand."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from devstack import infra
from devstack.config import StackSettings
from devstack.stack import Stack
from tests.support.isolation import database_name, free_port_block, rabbit_vhost

StackFactory = Callable[..., AbstractContextManager[Stack]]


@contextmanager
def _isolated_stack(run_dir: Path, **overrides: Any) -> Iterator[Stack]:
    """A stack on free ports with its own database, vhost and S3 folder, all removed afterwards."""
    with rabbit_vhost() as rabbit_url:
        base = free_port_block()
        defaults: dict[str, Any] = {
            "database": database_name(),
            "rabbit_url": rabbit_url,
            "port_base": base,
            "s3_port": base + 50,
            "run_dir": run_dir,
            "writer_replicas": 2,
            "llm_base_url": "",
            "services": (),
            "service_env": {},
        }
        settings = StackSettings(**(defaults | overrides))  # the environment fills the rest, as for `make up`
        running = Stack(settings)
        try:
            running.up()
            yield running
        finally:
            running.down()
            asyncio.run(infra.drop_database(settings))


@pytest.fixture(scope="session")
def isolated_stack(tmp_path_factory: pytest.TempPathFactory) -> StackFactory:
    """Starts a further stack like `stack`, with StackSettings overridden: `with isolated_stack(services=...)`."""

    def start(**overrides: Any) -> AbstractContextManager[Stack]:
        return _isolated_stack(Path(tmp_path_factory.mktemp("stack")), **overrides)

    return start


@pytest.fixture(scope="session")
def stack(isolated_stack: StackFactory) -> Iterator[Stack]:
    """Every service as a process on free ports, with its own database, vhost and S3 folder."""
    with isolated_stack() as running:
        yield running

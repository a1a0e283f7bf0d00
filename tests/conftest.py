"""Shared fixtures: the whole stack as local processes, isolated per test session."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack import infra
from devstack.config import StackSettings
from devstack.stack import Stack
from tests.support.isolation import database_name, free_port_block, rabbit_vhost


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Every service as a process on free ports, with its own database, vhost and S3 folder."""
    with rabbit_vhost() as rabbit_url:
        base = free_port_block()
        settings = StackSettings(
            database=database_name(),
            rabbit_url=rabbit_url,
            port_base=base,
            s3_port=base + 50,
            run_dir=Path(tmp_path_factory.mktemp("stack")),
            writer_replicas=2,
            llm_base_url="",
        )
        running = Stack(settings)
        running.up()
        try:
            yield running
        finally:
            running.down()
            asyncio.run(infra.drop_database(settings))

"""Shared fixtures: the whole stack as local processes, isolated per test session; more stacks on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from devstack.isolation import isolated_stack
from devstack.stack import Stack

StackFactory = Callable[..., AbstractContextManager[Stack]]


@pytest.fixture(scope="session", name="isolated_stack")
def isolated_stack_factory(tmp_path_factory: pytest.TempPathFactory) -> StackFactory:
    """Starts a further stack like `stack`, with StackSettings overridden: `with isolated_stack(services=...)`."""

    def start(**overrides: Any) -> AbstractContextManager[Stack]:
        return isolated_stack(Path(tmp_path_factory.mktemp("stack")), **overrides)

    return start


@pytest.fixture(scope="session")
def stack(isolated_stack: StackFactory) -> Iterator[Stack]:
    """Every service as a process on free ports, with its own database, vhost and S3 folder."""
    with isolated_stack() as running:
        yield running

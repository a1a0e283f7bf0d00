"""Throwaway infrastructure for a test session or a benchmark: free ports, a database, a RabbitMQ vhost."""

from __future__ import annotations

import asyncio
import random
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from devstack import infra
from devstack.config import StackSettings
from devstack.stack import Stack

RABBIT = "amqp://guest:guest@127.0.0.1:5672"


def port_is_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_port_block(size: int = 60) -> int:
    """The first port of `size` consecutive free ports."""
    for _ in range(200):
        base = random.randrange(20000, 32000, 100)  # below the ephemeral range (32768+)
        if all(port_is_free(base + offset) for offset in range(size)):
            return base
    raise RuntimeError("no block of free ports")


@contextmanager
def rabbit_vhost() -> Iterator[str]:
    """A fresh virtual host (deleted afterwards), so tests never compete with a running stack for messages."""
    if shutil.which("rabbitmqctl") is None:
        yield f"{RABBIT}/"
        return
    vhost = f"refgen_test_{uuid.uuid4().hex[:10]}"
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", vhost], check=True, capture_output=True)
    subprocess.run(
        ["rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"{RABBIT}/{vhost}"
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost], check=False, capture_output=True)


def database_name() -> str:
    """A unique throwaway database name."""
    return f"refgen_test_{uuid.uuid4().hex[:10]}"


@contextmanager
def isolated_stack(run_dir: Path, **overrides: Any) -> Iterator[Stack]:
    """A whole stack on free ports with its own database, vhost and S3 folder, all removed afterwards.

    A `rabbit_url` (or `postgres_url`) override puts it on another broker (or server), such as a test's own
    node that it restarts; no virtual host is then made on the shared broker."""
    given = overrides.get("rabbit_url")
    with nullcontext(given) if given else rabbit_vhost() as rabbit_url:
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

"""Bringing the whole stack up and down: used by `make up`/`make down` and by the end-to-end tests."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field

from dotenv import dotenv_values

from devstack import infra
from devstack.catalogue import ProcessSpec, processes, shared_migrations
from devstack.config import StackSettings
from devstack.processes import Started, is_running, load, port_is_free, save, spawn, stop, wait_healthy


@dataclass
class Stack:
    """The local processes of one run directory."""

    settings: StackSettings
    started: list[Started] = field(default_factory=list)

    @property
    def specs(self) -> list[ProcessSpec]:
        """What this stack runs."""
        return processes(self.settings)

    def up(self) -> list[Started]:
        """Prepare infrastructure, start every process and wait until all are healthy."""
        run_dir = self.settings.run_dir
        if any(is_running(proc) for proc in load(run_dir)):
            raise RuntimeError(f"a stack is already running from {run_dir}; run `make down` first")
        (run_dir / "logs").mkdir(parents=True, exist_ok=True)
        (run_dir / "s3").mkdir(parents=True, exist_ok=True)
        specs = self.specs
        busy = [spec.health_url for spec in specs if not port_is_free(spec.health_url)]
        if busy:
            raise RuntimeError(
                f"ports already in use: {', '.join(busy)}; set REFGEN_PORT_BASE / REFGEN_S3_PORT"
            )
        asyncio.run(infra.ensure_database(self.settings))
        for spec in [*specs, *shared_migrations(specs)]:
            infra.migrate(spec, self.settings)
        base_env = _base_env()
        try:
            for spec in specs:
                proc = spawn(spec, run_dir / "logs", base_env)
                self.started.append(proc)
                save(run_dir, self.started)
                wait_healthy([proc], self.settings.health_timeout_seconds)
                if spec.name == "s3":
                    asyncio.run(infra.ensure_bucket(self.settings))
        except BaseException:
            self.down()
            raise
        return self.started

    def down(self) -> list[str]:
        """Stop exactly what `up` started from this run directory."""
        recorded = self.started or load(self.settings.run_dir)
        stopped = stop(recorded)
        if self.settings.run_dir.is_dir():
            save(self.settings.run_dir, [])
        self.started = []
        return stopped

    def stop_process(self, name: str) -> None:
        """Stop one started process (an outage, e.g. of `s3`); `start_process` brings it back as it was."""
        proc = next(proc for proc in self.started if proc.name == name)
        stop([proc])

    def start_process(self, name: str) -> None:
        """Start a process `stop_process` stopped, on the same port and folder, and wait until it is healthy."""
        spec = next(spec for spec in self.specs if spec.name == name)
        proc = spawn(spec, self.settings.run_dir / "logs", _base_env())
        self.started = [proc if old.name == name else old for old in self.started]
        save(self.settings.run_dir, self.started)
        wait_healthy([proc], self.settings.health_timeout_seconds)

    def url(self, name: str) -> str:
        """Base URL of a started process."""
        for spec in self.specs:
            if spec.name == name:
                return spec.health_url.removesuffix("/healthz")
        raise KeyError(name)


def _base_env() -> dict[str, str]:
    # Services read their settings from the environment; `.env` fills what the environment leaves unset.
    return {k: v for k, v in dotenv_values(".env").items() if v is not None} | dict(os.environ)

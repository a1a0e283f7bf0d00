"""The auth service and the gateway as real uvicorn subprocesses over a throwaway PostgreSQL database.

Reusable outside pytest: `throwaway_database()`, `ServiceProcess` and `auth_stack()` are plain context
managers and classes. Everything they start they stop, by process handle, and the database is dropped.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import asyncpg
import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[3]
AUTH_MIGRATIONS = REPO / "services" / "auth" / "migrations"
POSTGRES_URL = os.environ.get("REFGEN_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def migrate(database_url: str, migrations: Path, schema: str) -> None:
    """Apply one service's migrations with dbmate, as the lead's tooling does."""
    # lib/pq (inside dbmate) defaults to sslmode=require, which a local server without TLS refuses.
    url = database_url + ("&" if "?" in database_url else "?") + "sslmode=disable"
    command = [
        str(BIN / "dbmate"),
        "--url",
        url,
        "--migrations-dir",
        str(migrations),
        "--migrations-table",
        f"{schema}.schema_migrations",
        "--no-dump-schema",
        "up",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"dbmate failed for {migrations}:\n{result.stdout}{result.stderr}")


async def _drop_database(name: str) -> None:
    conn = await asyncpg.connect(f"{POSTGRES_URL}/postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@contextmanager
def throwaway_database(migrations: Path = AUTH_MIGRATIONS, schema: str = "auth") -> Iterator[str]:
    """A fresh `refgen_test_<random>` database with the migrations applied; dropped afterwards."""
    name = f"refgen_test_{uuid.uuid4().hex[:12]}"
    url = f"{POSTGRES_URL}/{name}"
    try:
        migrate(url, migrations, schema)  # `dbmate up` creates the database first
        yield url
    finally:
        asyncio.run(_drop_database(name))


@dataclass
class ServiceProcess:
    """One console script run as a subprocess, its output in a log file."""

    name: str
    argv: list[str]
    port: int
    env: Mapping[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _log: IO[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, ready_timeout: float = 30.0) -> None:
        """Start the process and wait until GET /healthz answers 200."""
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.argv, env={**os.environ, **self.env}, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + ready_timeout
        with httpx.Client(trust_env=False, timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}"
                    )
                try:
                    if client.get(f"{self.url}/healthz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} not healthy after {ready_timeout}s:\n{self.log_tail()}")

    def stop(self, grace: float = 10.0) -> None:
        """Terminate (then kill, if it lingers) exactly the process this object started."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 40) -> str:
        """The end of the process output, for failure messages."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def auth_service(database_url: str, keys_dir: Path, run_dir: Path, **env: str) -> ServiceProcess:
    """`refgen-auth` on a free port; extra AUTH_* settings as keyword arguments (without prefix)."""
    port = free_port()
    settings = {
        "AUTH_DATABASE_URL": database_url,
        "AUTH_HOST": HOST,
        "AUTH_PORT": str(port),
        "AUTH_KEYS_DIR": str(keys_dir),
        "AUTH_ENV": "development",
        **{f"AUTH_{name.upper()}": value for name, value in env.items()},
    }
    return ServiceProcess("auth", [str(BIN / "refgen-auth")], port, settings, run_dir / "auth.log")


def gateway(auth_url: str, run_dir: Path, **env: str) -> ServiceProcess:
    """`refgen-gateway` on a free port in front of `auth_url`; extra GATEWAY_* settings as keywords."""
    port = free_port()
    settings = {
        "GATEWAY_HOST": HOST,
        "GATEWAY_PORT": str(port),
        "GATEWAY_AUTH_URL": auth_url,
        **{f"GATEWAY_{name.upper()}": value for name, value in env.items()},
    }
    return ServiceProcess("gateway", [str(BIN / "refgen-gateway")], port, settings, run_dir / "gateway.log")


@dataclass(frozen=True)
class AuthStack:
    """A running auth service + gateway pair and what tests need to reach into."""

    auth: ServiceProcess
    gateway: ServiceProcess
    database_url: str
    keys_dir: Path
    run_dir: Path

    @property
    def api(self) -> str:
        """Base URL of the public API."""
        return f"{self.gateway.url}/api/v1"

    def keys_cli(self, *args: str) -> str:
        """Run `refgen-auth <args>` against this stack's key folder, as an operator would."""
        result = subprocess.run(
            [str(BIN / "refgen-auth"), *args],
            env={**os.environ, "AUTH_KEYS_DIR": str(self.keys_dir)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"refgen-auth {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def signing_key(self) -> tuple[str, rsa.RSAPrivateKey]:
        """The kid and private key the auth service currently signs with (the newest file)."""
        newest = max(p for p in self.keys_dir.glob("*.pem") if not p.name.startswith("."))
        key = serialization.load_pem_private_key(newest.read_bytes(), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return newest.name.removesuffix(".pem"), key


@contextmanager
def auth_stack(run_dir: Path, *, gateway_env: Mapping[str, str] | None = None) -> Iterator[AuthStack]:
    """Database, auth service and gateway, started in order and torn down in reverse."""
    run_dir.mkdir(parents=True, exist_ok=True)
    keys_dir = run_dir / "keys"
    with ExitStack() as stack:
        database_url = stack.enter_context(throwaway_database())
        auth = auth_service(database_url, keys_dir, run_dir)
        stack.callback(auth.stop)
        auth.start()
        front = gateway(auth.url, run_dir, **dict(gateway_env or {}))
        stack.callback(front.stop)
        front.start()
        yield AuthStack(auth, front, database_url, keys_dir, run_dir)

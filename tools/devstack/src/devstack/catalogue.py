"""Which processes make up the stack, how each is started and how it is checked."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from devstack.config import StackSettings

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[4]

# Port offsets from `port_base`; writer replica i listens on `port_base + 20 + i`.
OFFSETS = {
    "gateway": 0,
    "auth": 1,
    "planner": 2,
    "printer": 4,
    "llm-standin": 10,
    "biblio-standin": 11,
    "writer": 20,
}
# The planner's bibliographic databases when the stack runs the stand-in: one process serves both APIs.
SOURCES_MAILTO = "refgen@example.org"
# The LLM budget's table (servicekit.budget), shared by the planner and every writer, is servicekit's.
LLM_BUDGET_MIGRATIONS = REPO / "libs" / "servicekit" / "migrations"


@dataclass(frozen=True)
class ProcessSpec:
    """One process of the stack."""

    name: str
    argv: tuple[str, ...]
    health_url: str
    env: dict[str, str] = field(default_factory=dict)
    migrations: Path | None = None
    migrations_schema: str = ""


def _exists(package: str) -> bool:
    return importlib.util.find_spec(f"{package}.main") is not None


def _service_env(prefix: str, settings: StackSettings, port: int) -> dict[str, str]:
    standin_url = f"http://{settings.host}:{_port(settings, 'llm-standin')}/v1"
    llm_url = settings.llm_base_url or standin_url
    return {
        f"{prefix}_HOST": settings.host,
        f"{prefix}_PORT": str(port),
        f"{prefix}_DATABASE_URL": settings.database_url,
        f"{prefix}_RABBIT_URL": settings.rabbit_url,
        f"{prefix}_LLM_BASE_URL": llm_url,
        f"{prefix}_LLM_API_KEY": settings.llm_api_key,
        f"{prefix}_LLM_MODEL": settings.llm_model,
        f"{prefix}_S3_ENDPOINT_URL": settings.s3_endpoint,
        f"{prefix}_S3_BUCKET": settings.s3_bucket,
        f"{prefix}_S3_ACCESS_KEY": settings.s3_access_key,
        f"{prefix}_S3_SECRET_KEY": settings.s3_secret_key,
        # The planner and writers share their LLM budget here; its limits (LLM_BUDGET_RPM, _TPM) come from
        # the environment, unset: off.
        "LLM_BUDGET_DATABASE_URL": settings.database_url,
        # Traces: the other OTEL_* variables (endpoint, protocol, sampler...) reach every process from
        # devstack's own environment; each service is named in them.
        "OTEL_SERVICE_NAME": prefix.lower(),
    }


def _sources_env(settings: StackSettings) -> dict[str, str]:
    """The planner's OpenAlex and Crossref: the stand-in's two prefixes, or nothing (the planner's own
    defaults) when the stack runs without it."""
    if not settings.sources_standin or (settings.services and "biblio-standin" not in settings.services):
        return {}
    base = f"http://{settings.host}:{_port(settings, 'biblio-standin')}"
    return {
        "PLANNER_OPENALEX_URL": f"{base}/openalex",
        "PLANNER_CROSSREF_URL": f"{base}/crossref",
        "PLANNER_OPENALEX_MAILTO": SOURCES_MAILTO,
        "PLANNER_CROSSREF_MAILTO": SOURCES_MAILTO,
    }


def _port(settings: StackSettings, name: str) -> int:
    return settings.port_base + OFFSETS[name]


def _service(name: str, settings: StackSettings, port: int, **extra_env: str) -> ProcessSpec:
    package = name.split("-")[0]
    env = _service_env(package.upper(), settings, port) | extra_env
    migrations = REPO / "services" / package / "migrations"
    return ProcessSpec(
        name=name,
        argv=(str(BIN / f"refgen-{package}"),),
        health_url=f"http://{settings.host}:{port}/healthz",
        env=env,
        migrations=migrations if migrations.is_dir() else None,
        migrations_schema=package,
    )


def s3_server(settings: StackSettings) -> ProcessSpec:
    """The S3 server: rclone serving a folder of the run directory."""
    root = settings.run_dir.resolve() / "s3"
    return ProcessSpec(
        name="s3",
        argv=(
            str(BIN / "rclone"),
            "serve",
            "s3",
            str(root),
            "--addr",
            f"{settings.host}:{settings.s3_port}",
            "--auth-key",
            f"{settings.s3_access_key},{settings.s3_secret_key}",
            "--config",
            "/dev/null",
        ),
        health_url=settings.s3_endpoint,
    )


def shared_migrations(specs: list[ProcessSpec]) -> list[ProcessSpec]:
    """Migrations owned by a library rather than a service: the LLM budget's, when an LLM caller runs."""
    if any(spec.name == "planner" or spec.name.startswith("writer") for spec in specs):
        return [
            ProcessSpec(
                "llm-budget", (), "", migrations=LLM_BUDGET_MIGRATIONS, migrations_schema="llm_budget"
            )
        ]
    return []


def processes(settings: StackSettings) -> list[ProcessSpec]:
    """The processes to start, in start order: S3, the stand-ins (LLM, bibliographic), then each service that
    exists.

    Only those named in `settings.services` (all when it is empty), each with `settings.service_env` added.
    """
    unknown = set(settings.services) - {"s3", *OFFSETS}
    if unknown:
        raise ValueError(f"unknown services {sorted(unknown)}; known: s3, {', '.join(OFFSETS)}")
    return [
        replace(spec, env=spec.env | settings.service_env)
        for spec in _every_process(settings)
        if not settings.services or re.sub(r"-\d+$", "", spec.name) in settings.services
    ]


def _every_process(settings: StackSettings) -> list[ProcessSpec]:
    specs = [s3_server(settings)]
    if settings.uses_standin and _exists("llm_standin"):
        port = _port(settings, "llm-standin")
        specs.append(
            ProcessSpec(
                name="llm-standin",
                argv=(str(BIN / "llm-standin"),),
                health_url=f"http://{settings.host}:{port}/healthz",
                env={
                    "LLM_STANDIN_HOST": settings.host,
                    "LLM_STANDIN_PORT": str(port),
                    "LLM_STANDIN_STYLE": settings.llm_standin_style,
                },
            )
        )
    if settings.sources_standin and _exists("biblio_standin"):
        port = _port(settings, "biblio-standin")
        specs.append(
            ProcessSpec(
                name="biblio-standin",
                argv=(str(BIN / "biblio-standin"),),
                health_url=f"http://{settings.host}:{port}/healthz",
                env={"BIBLIO_STANDIN_HOST": settings.host, "BIBLIO_STANDIN_PORT": str(port)},
            )
        )
    auth_url = f"http://{settings.host}:{_port(settings, 'auth')}"
    if _exists("auth"):
        keys = str(settings.run_dir.resolve() / "keys" / "auth")
        specs.append(_service("auth", settings, _port(settings, "auth"), AUTH_KEYS_DIR=keys))
    if _exists("planner"):
        specs.append(_service("planner", settings, _port(settings, "planner"), **_sources_env(settings)))
    if _exists("printer"):
        specs.append(_service("printer", settings, _port(settings, "printer")))
    if _exists("writer"):
        for replica in range(1, settings.writer_replicas + 1):
            port = _port(settings, "writer") + replica
            specs.append(_service(f"writer-{replica}", settings, port, WRITER_REPLICA_ID=f"writer-{replica}"))
    if _exists("gateway"):
        specs.append(_service("gateway", settings, _port(settings, "gateway"), GATEWAY_AUTH_URL=auth_url))
    return specs

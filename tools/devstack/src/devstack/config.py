"""Settings of the local stack, from the environment or `.env` (prefix `REFGEN_`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class StackSettings(BaseSettings):
    """Where the shared infrastructure is and how the local processes are laid out.

    `services` narrows the stack to some processes (`s3`, `llm-standin`, `biblio-standin`, `auth`, `planner`,
    `printer`, `writer` for every replica, `gateway`); empty starts them all. `service_env` is added to the
    environment of every process after what devstack sets itself, so it can also override that (service
    variables carry their service's prefix, e.g. `GATEWAY_JWKS_MIN_REFETCH_SECONDS`, so each reaches only its
    own service).
    From the environment both are JSON: `REFGEN_SERVICES='["auth", "gateway"]'`.
    """

    model_config = SettingsConfigDict(env_prefix="REFGEN_", env_file=".env", extra="ignore")

    postgres_url: str = "postgresql://postgres@127.0.0.1:5432"
    database: str = "refgen"
    rabbit_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    host: str = "127.0.0.1"
    port_base: int = 8000
    s3_port: int = 9000
    s3_bucket: str = "refgen-documents"
    s3_access_key: str = "refgen"
    s3_secret_key: str = "refgen-secret-key"
    writer_replicas: int = 2
    llm_base_url: str = ""
    llm_api_key: str = "standin-key"
    llm_model: str = "llm-standin"
    # How the stand-in answers: chat, wrapped and marked up as real chat models answer (the default, so
    # every stack exercises the writer's normalisation), or tidy markdown.
    llm_standin_style: Literal["tidy", "chat"] = "chat"
    # Run the bibliographic stand-in (OpenAlex and Crossref shapes) and point the planner at it; false leaves
    # the planner's own OpenAlex and Crossref settings alone.
    sources_standin: bool = True
    run_dir: Path = Path(".run/local")
    health_timeout_seconds: float = 60.0
    services: tuple[str, ...] = ()
    service_env: dict[str, str] = Field(default_factory=dict)

    @property
    def database_url(self) -> str:
        """URL of the application database."""
        return f"{self.postgres_url.rstrip('/')}/{self.database}"

    @property
    def s3_endpoint(self) -> str:
        """URL of the S3 server."""
        return f"http://{self.host}:{self.s3_port}"

    @property
    def uses_standin(self) -> bool:
        """True when no real LLM endpoint is configured, so the stack runs the stand-in."""
        return not self.llm_base_url

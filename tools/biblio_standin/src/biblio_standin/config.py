"""Settings of the stand-in: static ones (host, port) and per-API faults changeable at run time."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

Api = Literal["openalex", "crossref"]
APIS: tuple[Api, ...] = ("openalex", "crossref")


class ApiFaults(BaseModel):
    """How one API misbehaves; every rate is a share of its requests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_limit_rate: float = Field(
        default=0.0, ge=0, le=1, description="Share answered 429 with Retry-After."
    )
    retry_after_seconds: int = Field(default=1, ge=0, description="The Retry-After of a 429 (and of down).")
    error_rate: float = Field(default=0.0, ge=0, le=1, description="Share answered with error_status.")
    error_status: int = Field(default=500, ge=500, le=599, description="Status of injected errors: 500, 503…")
    latency_seconds: float = Field(default=0.0, ge=0, description="Added before every answer (a slow API).")
    latency_jitter_seconds: float = Field(default=0.0, ge=0, description="Up to this much more, at random.")
    down: bool = Field(default=False, description="Every request is answered 503.")
    empty: bool = Field(default=False, description="Every search finds nothing.")


class Tunables(BaseModel):
    """Everything `POST /admin/config` may change on a running server."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    openalex: ApiFaults = Field(default_factory=ApiFaults)
    crossref: ApiFaults = Field(default_factory=ApiFaults)
    seed: int = Field(default=0, description="Seed of the generated records and of fault injection.")
    empty_queries: tuple[str, ...] = Field(
        default=("zzzempty",),
        description="A query containing any of these (case-insensitive) finds nothing.",
    )

    def patched(self, patch: dict[str, Any]) -> Tunables:
        """A copy with `patch` applied; the APIs' faults are merged field by field, not replaced."""
        current = self.model_dump()
        for api in APIS:
            if isinstance(patch.get(api), dict):
                patch = {**patch, api: {**current[api], **patch[api]}}
        return Tunables.model_validate({**current, **patch})

    def faults(self, api: Api) -> ApiFaults:
        """The faults of one API."""
        return self.openalex if api == "openalex" else self.crossref


class Settings(Tunables, BaseSettings):
    """Environment (prefix BIBLIO_STANDIN_; nested with `__`, e.g. BIBLIO_STANDIN_CROSSREF__DOWN=true) and
    CLI configuration of the server."""

    model_config = SettingsConfigDict(
        env_prefix="BIBLIO_STANDIN_", env_nested_delimiter="__", extra="ignore", frozen=True
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8011, ge=0, le=65535)
    log_level: str = "info"
    served_limit: int = Field(default=100_000, ge=1, description="Records GET /_served remembers.")

    def tunables(self) -> Tunables:
        """The runtime-changeable part of these settings."""
        return Tunables.model_validate(self.model_dump(include=set(Tunables.model_fields)))

"""Writer settings, from WRITER_* environment variables."""

from __future__ import annotations

import os
import socket

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts import limits


def default_replica_id() -> str:
    """hostname-pid: unique per process, readable in logs and in SectionWritten.writer_id."""
    return f"{socket.gethostname()}-{os.getpid()}"


class WriterSettings(BaseSettings):
    """Everything a writer replica reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="WRITER_", extra="ignore")

    rabbit_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    llm_base_url: str = "http://127.0.0.1:8010/v1"
    llm_api_key: str = Field(default="standin", description="Any non-empty string works for the stand-in.")
    llm_model: str = "llm-standin"
    llm_timeout_seconds: float = Field(
        default=120.0, gt=0, description="Connect/read timeout of one HTTP call."
    )
    llm_check: bool = Field(
        default=True,
        description="Probe the model once at startup (a streamed answer with usage, a JSON-schema answer); /healthz is unready until it passes.",
    )
    stream_stall_seconds: float = Field(default=45.0, gt=0, description="Longest silence inside a stream.")
    concurrency: int = Field(
        default=8, ge=1, description="Units in flight per replica (prefetch): LLM-bound, so several."
    )
    max_attempts: int = Field(default=5, ge=1)
    backoff_base_seconds: float = Field(default=1.0, ge=0)
    backoff_max_seconds: float = Field(default=30.0, ge=0)
    length_tolerance_below: float = Field(
        default=limits.LENGTH_BELOW, ge=0, lt=1, description="Share of the target a section may fall short."
    )
    length_tolerance_above: float = Field(
        default=limits.LENGTH_ABOVE, ge=0, lt=1, description="Share it may run over before it is trimmed."
    )
    length_max_shortfall_chars: int = Field(
        default=limits.MAX_SHORTFALL_CHARS, ge=0, description="Caps the shortfall of long sections."
    )
    length_max_overrun_chars: int = Field(
        default=limits.MAX_OVERRUN_CHARS, ge=0, description="Caps the overrun of long sections."
    )
    max_continuations: int = Field(default=3, ge=0)
    replica_id: str = Field(default_factory=default_replica_id)
    graceful_timeout_seconds: float = Field(
        default=30.0, ge=0, description="Wait for sections in flight on stop."
    )
    host: str = "127.0.0.1"
    port: int = 8003
    log_level: str = "INFO"

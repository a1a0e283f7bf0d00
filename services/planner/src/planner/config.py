"""Planner settings, from PLANNER_* environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from planner.domain.budget import DEFAULT_MAX_OUTPUT_TOKENS


class PlannerSettings(BaseSettings):
    """Everything the planner reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="PLANNER_", extra="ignore")

    rabbit_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    llm_base_url: str = "http://127.0.0.1:8010/v1"
    llm_api_key: str = Field(default="standin", description="Any non-empty string works for the stand-in.")
    llm_model: str = "llm-standin"
    llm_timeout_seconds: float = Field(default=120.0, gt=0)
    llm_max_retries: int = Field(
        default=4, ge=0, description="Retries of one LLM call (429 after its retry-after, 5xx, timeouts)."
    )
    llm_backoff_base_seconds: float = Field(
        default=1.0,
        gt=0,
        description="First wait between retries; it doubles, with jitter (as the writer's).",
    )
    llm_backoff_max_seconds: float = Field(default=30.0, gt=0, description="Longest wait between retries.")
    llm_check: bool = Field(
        default=True,
        description="Probe the model once at startup (a JSON-schema answer); /healthz is unready until it passes.",
    )
    outline_attempts: int = Field(
        default=3, ge=1, description="How often an unusable outline is asked for again."
    )
    chars_per_page: int | None = Field(
        default=None,
        ge=100,
        description="Characters with spaces of running text on a full page, Cyrillic (ru, ky) essays; "
        "unset: the page model's (contracts.page: 1888 ru, 1847 ky).",
    )
    chars_per_page_en: int | None = Field(
        default=None, ge=100, description="The same for English essays; unset: the page model's (2199)."
    )
    max_output_tokens: int = Field(
        default=DEFAULT_MAX_OUTPUT_TOKENS,
        ge=256,
        description="Completion tokens one LLM call of the writers' model may produce: a section longer than "
        "80 % of it (at contracts.page.CHARS_PER_TOKEN: 3 ru, 2.5 ky, 4 en) is split into parts.",
    )
    openalex_url: str = Field(
        default="",
        description="Base URL of the OpenAlex API (https://api.openalex.org); empty: OpenAlex is not searched.",
    )
    openalex_mailto: str = Field(default="", description="An email for OpenAlex's polite pool.")
    openalex_api_key: str = Field(default="", description="An OpenAlex API key, if the account has one.")
    crossref_url: str = Field(
        default="",
        description="Base URL of the Crossref REST API (https://api.crossref.org); empty: Crossref is not "
        "searched.",
    )
    crossref_mailto: str = Field(default="", description="An email for Crossref's polite pool.")
    sources_timeout_seconds: float = Field(default=10.0, gt=0, description="Timeout of one database request.")
    sources_retries: int = Field(
        default=2,
        ge=0,
        description="Retries of one database request (429 after its Retry-After, 5xx, timeouts).",
    )
    host: str = "127.0.0.1"
    port: int = 8002
    log_level: str = "INFO"

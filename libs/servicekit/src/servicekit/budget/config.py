"""Settings of the shared LLM budget, from LLM_BUDGET_* (the same for the planner and every writer)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class BudgetSettings(BaseSettings):
    """Requests and tokens per minute that every process calling one LLM with one key shares."""

    model_config = SettingsConfigDict(env_prefix="LLM_BUDGET_", extra="ignore")

    rpm: int = Field(default=0, ge=0, description="Requests per minute for all processes together; 0 is off.")
    tpm: int = Field(
        default=0, ge=0, description="Tokens (prompt + max_tokens) per minute for all together; 0 is off."
    )
    burst_seconds: float = Field(
        default=1.0, gt=0, le=60, description="How many seconds' worth may go at once (at least one request)."
    )
    database_url: str = Field(
        default="", description="PostgreSQL holding llm_budget.buckets; empty: each process keeps its own."
    )
    fallback_share: float = Field(
        default=0.25,
        gt=0,
        le=1,
        description="Share of the limits one process uses on its own while the database is unreachable.",
    )

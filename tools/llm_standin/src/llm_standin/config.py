"""Settings of the stand-in: static ones (host, port, models) and tunables changeable at runtime."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Preset = Literal["realistic", "speed"]

# Fields a preset sets unless they are given explicitly alongside it.
PRESETS: dict[str, dict[str, Any]] = {
    "realistic": {"ttft_seconds": 0.3, "tokens_per_second": 100.0},
    "speed": {"ttft_seconds": 0.0, "tokens_per_second": 0.0},
}


class Tunables(BaseModel):
    """Everything `POST /admin/config` may change on a running server."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preset: Preset = Field(default="realistic", description="realistic latency, or speed: instant answers.")
    api_key: str | None = Field(default=None, description="Required bearer key; None accepts any key.")
    ttft_seconds: float = Field(default=0.3, ge=0, description="Time to first token.")
    tokens_per_second: float = Field(default=100.0, ge=0, description="Generation speed; 0 is unlimited.")
    max_tokens_per_chunk: int = Field(default=16, ge=1, description="Cap of tokens coalesced in one chunk.")
    rpm_limit: int = Field(default=0, ge=0, description="Requests per minute; 0 is unlimited.")
    tpm_limit: int = Field(default=0, ge=0, description="Tokens (prompt + max completion) per minute.")
    hold: bool = Field(
        default=False,
        description="Requests wait, unanswered, until hold is turned off (fault tests keep work in flight).",
    )
    rate_window_seconds: float = Field(
        default=60.0,
        gt=0,
        le=60,
        description="Sliding window the limits are enforced over: N per minute allows N*window/60 in it.",
    )
    error_rate: float = Field(default=0.0, ge=0, le=1, description="Share of requests answered with 5xx.")
    error_status: int = Field(default=500, ge=500, le=599)
    stall_rate: float = Field(default=0.0, ge=0, le=1, description="Share of streams that stall.")
    stall_seconds: float = Field(default=30.0, ge=0, description="How long a stalled stream sends nothing.")
    stall_after_fraction: float = Field(default=0.3, ge=0, le=1, description="Where in the answer it stalls.")
    stall_mode: Literal["resume", "close"] = Field(
        default="resume", description="After the stall: resume, or end the stream without finish/[DONE]."
    )
    seed: int = Field(default=0, description="Seed of text generation and of fault injection.")
    style: Literal["tidy", "chat"] = Field(
        default="tidy",
        description="tidy markdown, or chat: prose wrapped and marked up as real chat models answer.",
    )
    no_json_schema_models: list[str] = Field(
        default_factory=list,
        description="Models refused a json_schema response_format with OpenAI's 400, as models without "
        "structured outputs are (the services' startup check is tested against it).",
    )
    no_stream_usage_models: list[str] = Field(
        default_factory=list,
        description="Models whose streams never carry usage, even with stream_options.include_usage.",
    )
    default_answer_chars: int = Field(default=1200, ge=1, description="Length when no target is asked.")
    min_continuation_chars: int = Field(default=600, ge=1, description="Least text a continuation gets.")
    default_sources: int = Field(default=10, ge=1, le=200, description="Entries of a sources list.")
    undershoot_short_chars: int = Field(default=1000, ge=1)
    undershoot_short_factor: float = Field(default=0.95, gt=0, le=1)
    undershoot_long_chars: int = Field(default=8000, ge=1)
    undershoot_long_factor: float = Field(default=0.6, gt=0, le=1)
    undershoot_jitter: float = Field(default=0.02, ge=0, le=0.5, description="± random share of the factor.")
    chars_per_word: float = Field(default=7.0, gt=0, description="Converts word targets for the factor.")
    chars_per_token_latin: float = Field(default=4.0, gt=0)
    chars_per_token_cyrillic: float = Field(default=2.5, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _apply_preset(cls, data: Any) -> Any:
        if isinstance(data, dict):
            preset = data.get("preset", "realistic")
            if preset in PRESETS:
                data = {**PRESETS[preset], **data}
        return data

    def patched(self, patch: dict[str, Any]) -> Tunables:
        """Return a copy with `patch` applied; a new preset resets the fields it governs."""
        current = self.model_dump()
        if "preset" in patch:
            for key in PRESETS["realistic"]:
                current.pop(key, None)
        return Tunables.model_validate({**current, **patch})


class Settings(Tunables, BaseSettings):
    """Environment (prefix LLM_STANDIN_) and CLI configuration of the server."""

    model_config = SettingsConfigDict(env_prefix="LLM_STANDIN_", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8010, ge=0, le=65535)
    models: list[str] = Field(default_factory=lambda: ["llm-standin"])
    log_level: str = "info"

    def tunables(self) -> Tunables:
        """The runtime-changeable part of these settings."""
        return Tunables.model_validate(self.model_dump(include=set(Tunables.model_fields)))

"""Settings of the gateway (environment variables prefixed GATEWAY_)."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gateway.essays.domain.pricing import Price


class Settings(BaseSettings):
    """Every knob of the gateway; read once in the composition root."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)  # larger request bodies: 413 before reading
    log_level: str = "info"
    # A log line per request costs the API a third of its requests per second; a proxy in front logs them.
    access_log: bool = False

    # Identity: the auth service behind /api/v1/auth and /api/v1/profile, and its public keys.
    auth_url: str = "http://127.0.0.1:8001"
    auth_timeout_seconds: float = Field(default=10.0, gt=0)
    jwks_url: str = ""  # empty: AUTH_URL + /.well-known/jwks.json
    jwt_issuer: str = "refgen-auth"
    jwt_audience: str = "refgen"
    jwt_leeway_seconds: float = Field(default=10.0, ge=0)
    jwks_cache_seconds: float = Field(default=300.0, ge=0)
    # An unknown kid triggers at most one JWKS refetch per this interval (rotation vs. junk tokens).
    jwks_min_refetch_seconds: float = Field(default=5.0, ge=0)

    # The essay pipeline: PostgreSQL `gateway` schema, RabbitMQ, documents in S3.
    database_url: str = "postgresql://postgres@127.0.0.1:5432/refgen"
    rabbit_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    s3_endpoint_url: str = "http://127.0.0.1:9000"
    s3_bucket: str = "refgen-documents"
    s3_access_key: str = "refgen"
    s3_secret_key: str = "refgen-secret-key"
    s3_region: str = "us-east-1"
    db_pool_max_size: int = Field(default=10, ge=1)
    # POST /essays/plan/generate waits this long for the outline before answering 202.
    plan_wait_seconds: float = Field(default=30.0, ge=0)
    # GET /essays/{id}/status answers from memory until the essay changes (LISTEN/NOTIFY), at most this long
    # after the database was read; 0 reads it on every request.
    status_cache_seconds: float = Field(default=1.0, ge=0)
    # GET /essays/{id}/events: a ping comment this often keeps proxies from closing a quiet stream; the log
    # is read again at least every recheck (a change notice is a hint); clients reconnect after retry ms.
    events_ping_seconds: float = Field(default=15.0, gt=0)
    events_recheck_seconds: float = Field(default=2.0, gt=0)
    events_retry_ms: int = Field(default=3000, ge=0)
    # A connection ends after this long (0: never) and the client resumes by id: connections spread over
    # replicas again, and no request stays open for ever.
    events_max_seconds: float = Field(default=3600.0, ge=0)
    consumer_prefetch: int = Field(default=16, ge=1)
    outbox_sweep_seconds: float = Field(default=1.0, gt=0)
    # An essay in the making with no progress for this long (plus so much per section) is failed, so none
    # stays stuck: a lost message, a crashed stage, a provider that never answers.
    stall_base_seconds: float = Field(default=900.0, gt=0)
    stall_per_section_seconds: float = Field(default=120.0, ge=0)
    stall_sweep_seconds: float = Field(default=30.0, gt=0)
    # Estimated cost in GET /essays/{id}: USD per million prompt and completion tokens, by the model that
    # wrote each unit, as JSON: {"gpt-4o-mini": {"input": 0.15, "output": 0.6}}; unpriced models cost null.
    llm_prices: dict[str, Price] = Field(default_factory=dict)
    # /metrics reads essays by status and the queues' depths at most this often; scrapes in between share it.
    metrics_cache_seconds: float = Field(default=5.0, ge=0)

    @model_validator(mode="after")
    def _default_jwks_url(self) -> Settings:
        self.auth_url = self.auth_url.rstrip("/")
        if not self.jwks_url:
            self.jwks_url = f"{self.auth_url}/.well-known/jwks.json"
        return self

"""Settings of the auth service (environment variables prefixed AUTH_)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the auth service; read once in the composition root."""

    model_config = SettingsConfigDict(env_prefix="AUTH_", extra="ignore")

    database_url: str = "postgresql://postgres@127.0.0.1:5432/refgen"
    db_pool_min_size: int = Field(default=1, ge=0)
    db_pool_max_size: int = Field(default=10, ge=1)
    host: str = "127.0.0.1"
    port: int = Field(default=8001, ge=1, le=65535)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)  # larger request bodies: 413 before reading
    log_level: str = "info"

    env: Literal["development", "production"] = "development"
    keys_dir: Path = Path(".keys/auth")
    issuer: str = "refgen-auth"
    audience: str = "refgen"
    access_ttl_seconds: int = Field(default=900, ge=1)
    refresh_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=1)
    # A rotated refresh token presented again within this many seconds gets a sibling token, not a
    # revocation: a client refreshes every request that failed with 401 at once, with the same cookie.
    refresh_reuse_grace_seconds: int = Field(default=30, ge=0, le=300)

    # None means "secure in production, not in development" (browsers drop Secure cookies over http).
    cookie_secure: bool | None = None
    cookie_path: str = "/api/v1/auth"
    cookie_samesite: Literal["lax", "strict", "none"] = "lax"
    cookie_domain: str | None = None

    # Throttling (per account and client address, then a wait that doubles with each failure)
    login_max_failures: int = Field(default=5, ge=1)  # free tries on one account from one client
    login_client_max_failures: int = Field(default=20, ge=1)  # free tries from one client, any accounts
    login_account_max_failures: int = Field(default=50, ge=1)  # then every client failing on it waits
    login_max_delay_seconds: int = Field(default=300, ge=1)
    login_window_seconds: int = Field(default=300, ge=1)

    @model_validator(mode="after")
    def _samesite_none_needs_secure(self) -> Settings:
        if self.cookie_samesite == "none" and not self.secure_cookies:
            raise ValueError("AUTH_COOKIE_SAMESITE=none requires AUTH_COOKIE_SECURE=true (browsers drop it)")
        return self

    @property
    def is_production(self) -> bool:
        """Production never generates signing keys and defaults to Secure cookies."""
        return self.env == "production"

    @property
    def secure_cookies(self) -> bool:
        """Whether the refresh cookie carries the Secure attribute."""
        return self.is_production if self.cookie_secure is None else self.cookie_secure

    @property
    def access_ttl(self) -> timedelta:
        """Lifetime of an access token."""
        return timedelta(seconds=self.access_ttl_seconds)

    @property
    def refresh_ttl(self) -> timedelta:
        """Lifetime of a refresh token (renewed on each rotation)."""
        return timedelta(seconds=self.refresh_ttl_seconds)

    @property
    def refresh_reuse_grace(self) -> timedelta:
        """How long a rotated refresh token may still be exchanged (rotation overlap)."""
        return timedelta(seconds=self.refresh_reuse_grace_seconds)

    @property
    def login_window(self) -> timedelta:
        """Sliding window in which failed logins are counted."""
        return timedelta(seconds=self.login_window_seconds)

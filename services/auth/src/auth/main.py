"""Composition root of the auth service: settings -> pool, key ring, use cases; and the CLI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from functools import partial

from fastapi import FastAPI

from auth.adapters.clock import SystemClock
from auth.adapters.db import create_pool, ping
from auth.adapters.jwt_tokens import JwtAccessTokens
from auth.adapters.keyring import KeyRing, KeyRingError
from auth.adapters.login_failures import PgLoginFailureRepository
from auth.adapters.passwords import Argon2PasswordHasher
from auth.adapters.profiles import PgProfileRepository
from auth.adapters.refresh_tokens import PgRefreshTokenRepository
from auth.adapters.users import PgUserRepository
from auth.config import Settings
from auth.domain.throttle import ThrottlePolicy
from auth.errors import install_error_handlers
from auth.handlers import auth_router, meta_router, profile_router
from auth.service import AuthService, ProfileService
from auth.state import AuthState
from servicekit import BodyLimit, install_http_metrics, setup_tracing, trace_app

logger = logging.getLogger(__name__)


async def build_state(settings: Settings, stack: AsyncExitStack) -> AuthState:
    """Open every resource (closed by `stack`) and wire the use cases."""
    keyring = KeyRing.open(settings.keys_dir, generate_if_empty=not settings.is_production)
    pool = await create_pool(
        settings.database_url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size
    )
    stack.push_async_callback(pool.close)
    clock = SystemClock()
    tokens = JwtAccessTokens(
        keyring, issuer=settings.issuer, audience=settings.audience, ttl=settings.access_ttl, clock=clock
    )
    auth = AuthService(
        users=PgUserRepository(pool),
        refresh_tokens=PgRefreshTokenRepository(pool),
        login_failures=PgLoginFailureRepository(pool),
        hasher=Argon2PasswordHasher(),
        tokens=tokens,
        clock=clock,
        throttle=ThrottlePolicy(
            settings.login_max_failures,
            settings.login_window,
            client_max_failures=settings.login_client_max_failures,
            account_max_failures=settings.login_account_max_failures,
            max_delay=timedelta(seconds=settings.login_max_delay_seconds),
        ),
        refresh_ttl=settings.refresh_ttl,
        reuse_grace=settings.refresh_reuse_grace,
    )
    return AuthState(
        settings=settings,
        auth=auth,
        profiles=ProfileService(PgProfileRepository(pool)),
        keyring=keyring,
        ping=partial(ping, pool),
    )


def create_app(settings: Settings | None = None, *, state: AuthState | None = None) -> FastAPI:
    """The ASGI app; pass `state` to run it over prebuilt (e.g. fake) dependencies."""
    settings = settings or (state.settings if state else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            app.state.auth = state or await build_state(settings, stack)
            logger.info("auth service ready (env=%s, keys in %s)", settings.env, settings.keys_dir)
            yield

    # redirect_slashes would answer with a Location pointing at this internal host, through the gateway.
    app = FastAPI(title="RefGen auth", version="0.1.0", lifespan=lifespan, redirect_slashes=False)
    install_error_handlers(app, settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.include_router(auth_router)
    app.include_router(profile_router)
    app.include_router(meta_router)
    install_http_metrics(app)
    trace_app(app)
    return app


def serve(settings: Settings) -> None:
    """Run the HTTP service with uvicorn until interrupted."""
    import uvicorn

    try:  # fail with one clear line rather than a traceback from inside the lifespan
        KeyRing.open(settings.keys_dir, generate_if_empty=not settings.is_production)
    except KeyRingError as exc:
        raise SystemExit(f"refgen-auth: {exc}") from None
    setup_tracing("auth")
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=None,
    )


def run(argv: Sequence[str] | None = None) -> None:
    """Console script `refgen-auth`: serve (default) or manage signing keys."""
    from auth.cli import main

    main(argv)


if __name__ == "__main__":
    run()

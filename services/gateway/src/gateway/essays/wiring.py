"""Opens the essay feature's resources: database pool, broker with consumers, outbox relay, S3 client."""

from __future__ import annotations

import functools
from contextlib import AsyncExitStack

import asyncpg
import httpx
from faststream.rabbit import RabbitBroker

from contracts.rabbit import declare_topology
from gateway.config import Settings
from gateway.essays import consumers, dead_letters
from gateway.essays.adapters.documents import S3Documents
from gateway.essays.adapters.notifier import EssayChanges
from gateway.essays.adapters.outbox import OutboxRelay
from gateway.essays.adapters.profiles import AuthProfiles
from gateway.essays.adapters.repository import EssayRepository
from gateway.essays.adapters.status_cache import StatusCache
from gateway.essays.adapters.watchdog import StallWatchdog
from gateway.essays.service import EssayService
from servicekit import broker_middlewares, open_s3


async def _keep_session(_conn: asyncpg.Connection) -> None:
    """Release a pooled connection without the reset query (asyncpg still rolls back an open transaction)."""
    # The gateway sets no session state on pooled connections (no SET, LISTEN or advisory lock: its LISTENs
    # have their own connections), and the reset query was a second round trip on every query.


async def open_essays(
    settings: Settings, stack: AsyncExitStack, auth_client: httpx.AsyncClient
) -> EssayService:
    """Everything the essay routes need, each resource closed by `stack` in reverse order."""
    pool = await asyncpg.create_pool(
        settings.database_url, min_size=2, max_size=settings.db_pool_max_size, reset=_keep_session
    )
    stack.push_async_callback(pool.close)
    repo = EssayRepository(pool)

    broker = RabbitBroker(settings.rabbit_url, logger=None, middlewares=broker_middlewares())
    consumers.register(broker, lambda: repo, settings.consumer_prefetch)
    dead_letters.register(broker, lambda: repo)
    await broker.start()
    # after the consumers start: a queue declared before would be consumed without their prefetch limit
    await declare_topology(broker)
    stack.push_async_callback(broker.stop)

    connect = functools.partial(asyncpg.connect, settings.database_url)  # for the LISTEN connections
    relay = OutboxRelay(pool, broker, sweep_seconds=settings.outbox_sweep_seconds, connect=connect)
    await relay.start()
    stack.push_async_callback(relay.stop)

    watchdog = StallWatchdog(
        repo,
        base=settings.stall_base_seconds,
        per_section=settings.stall_per_section_seconds,
        sweep=settings.stall_sweep_seconds,
    )
    await watchdog.start()
    stack.push_async_callback(watchdog.stop)

    changes = EssayChanges(connect)
    await changes.start()
    stack.push_async_callback(changes.stop)

    s3 = await stack.enter_async_context(
        open_s3(
            endpoint_url=settings.s3_endpoint_url,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            region=settings.s3_region,
        )
    )
    statuses = StatusCache(repo.status, changes, max_age=settings.status_cache_seconds)
    repo.after_save(statuses.forget)
    return EssayService(
        repo,
        AuthProfiles(auth_client, settings.auth_url),
        S3Documents(s3, settings.s3_bucket),
        changes,
        plan_wait_seconds=settings.plan_wait_seconds,
        prices=settings.llm_prices,
        statuses=statuses.status,
    )

"""Composition root of the printer: settings → pool, S3, broker, in one lifespan; no I/O at import."""

from __future__ import annotations

import functools
import json
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aioboto3
import asyncpg
import uvicorn
from faststream.asgi import AsgiFastStream, AsgiResponse, get
from faststream.rabbit import RabbitBroker

from contracts.rabbit import declare_topology
from printer.adapters.broker import BrokerPublisher
from printer.adapters.paginator import LibreOfficePaginator
from printer.adapters.storage import S3_CONFIG, S3DocumentStorage, is_storage_outage
from printer.adapters.store import PostgresSectionStore
from printer.config import PrinterSettings
from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings
from printer.handlers import register
from printer.service import PrinterService
from servicekit import is_database_outage


class _Holder:
    service: PrinterService | None = None
    store: PostgresSectionStore | None = None


def create_app(settings: PrinterSettings | None = None) -> AsgiFastStream:
    """Build the printer application."""
    settings = settings or PrinterSettings()
    broker = RabbitBroker(settings.rabbit_url)
    held = _Holder()

    def service() -> PrinterService:
        assert held.service is not None, "printer used before start-up"
        return held.service

    register(
        broker,
        service,
        settings.prefetch,
        is_outage=lambda error: is_database_outage(error) or is_storage_outage(error),
    )
    render = functools.partial(
        render_docx,
        settings=RenderSettings(source_order=settings.source_order),
    )

    @asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=settings.prefetch + 2)
        session = aioboto3.Session()
        try:
            async with session.client(
                "s3",
                endpoint_url=settings.s3_endpoint_url,
                aws_access_key_id=settings.s3_access_key,
                aws_secret_access_key=settings.s3_secret_key,
                region_name=settings.s3_region,
                config=S3_CONFIG,
            ) as s3:
                await broker.connect()
                await declare_topology(broker)
                held.store = PostgresSectionStore(pool)
                storage = S3DocumentStorage(s3, settings.s3_bucket)
                held.service = PrinterService(
                    held.store,
                    storage,
                    BrokerPublisher(broker),
                    render,
                    _paginator(settings),
                    download_url_seconds=settings.download_url_seconds,
                )
                yield
        finally:
            await pool.close()

    @get
    async def healthz(scope: Any) -> AsgiResponse:
        """Ready when the broker and the database answer."""
        try:
            assert held.store is not None and await broker.ping(timeout=2.0)
            await held.store.ping()
        except Exception as error:
            return _json({"status": "unavailable", "reason": str(error) or type(error).__name__}, 503)
        return _json({"status": "ok"}, 200)

    return AsgiFastStream(broker, lifespan=lifespan, asgi_routes=[("/healthz", healthz)])


def _paginator(settings: PrinterSettings) -> LibreOfficePaginator | None:
    if not settings.soffice:
        return None
    profile = Path(settings.soffice_profile_dir or tempfile.gettempdir()) / "refgen-printer-soffice"
    found = LibreOfficePaginator.discover(settings.soffice, profile, settings.soffice_timeout_seconds)
    if found is None:
        logging.getLogger(__name__).warning(
            "%s not found: the contents' page numbers are estimated, not taken from a layout",
            settings.soffice,
        )
    return found


def _json(body: dict[str, str], status: int) -> AsgiResponse:
    return AsgiResponse(json.dumps(body).encode(), status, headers={"content-type": "application/json"})


def run() -> None:
    """Console entry point: serve the printer with uvicorn."""
    settings = PrinterSettings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":
    run()

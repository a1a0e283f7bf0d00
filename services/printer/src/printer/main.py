"""Composition root of the printer: settings → pool, S3, broker, in one lifespan; no I/O at import."""

from __future__ import annotations

import functools
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from faststream.asgi import AsgiFastStream
from faststream.rabbit import RabbitBroker

from printer.adapters.broker import BrokerPublisher
from printer.adapters.metrics import CountingPublisher, TimedRenderer
from printer.adapters.paginator import LibreOfficePaginator
from printer.adapters.storage import S3DocumentStorage, is_storage_outage
from printer.adapters.store import PostgresSectionStore
from printer.config import PrinterSettings
from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings
from printer.handlers import register
from printer.service import PrinterService
from servicekit import (
    broker_logger,
    broker_middlewares,
    is_database_outage,
    open_s3,
    serve,
    stream_app,
)


class _Holder:
    service: PrinterService | None = None
    store: PostgresSectionStore | None = None


def create_app(settings: PrinterSettings | None = None) -> AsgiFastStream:
    """Build the printer application."""
    settings = settings or PrinterSettings()
    broker = RabbitBroker(
        settings.rabbit_url, logger=broker_logger(), middlewares=broker_middlewares("printer")
    )
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
    render = TimedRenderer(
        functools.partial(render_docx, settings=RenderSettings(source_order=settings.source_order))
    )

    @asynccontextmanager
    async def lifespan() -> AsyncIterator[None]:
        pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=settings.prefetch + 2)
        try:
            async with open_s3(
                endpoint_url=settings.s3_endpoint_url,
                access_key=settings.s3_access_key,
                secret_key=settings.s3_secret_key,
                region=settings.s3_region,
            ) as s3:
                held.store = PostgresSectionStore(pool)
                paginator = _paginator(settings)  # one LibreOffice for the layout and the PDF
                storage = S3DocumentStorage(s3, settings.s3_bucket)
                held.service = PrinterService(
                    held.store,
                    storage,
                    CountingPublisher(BrokerPublisher(broker)),
                    render,
                    paginator,
                    download_url_seconds=settings.download_url_seconds,
                    converter=paginator if settings.pdf else None,
                )
                yield
        finally:
            await pool.close()

    async def database_answers() -> None:
        if held.store is None:
            raise RuntimeError("printer not started")
        await held.store.ping()

    return stream_app(broker, ready=database_answers, lifespan=lifespan)


def _paginator(settings: PrinterSettings) -> LibreOfficePaginator | None:
    if not settings.soffice:
        return None
    profile = Path(settings.soffice_profile_dir or tempfile.gettempdir()) / "refgen-printer-soffice"
    found = LibreOfficePaginator.discover(settings.soffice, profile, settings.soffice_timeout_seconds)
    if found is None:
        logging.getLogger(__name__).warning(
            "%s not found: the contents' page numbers are estimated, not taken from a layout, and no PDF is made",
            settings.soffice,
        )
    return found


def run() -> None:
    """Console entry point: serve the printer with uvicorn."""
    serve(create_app, PrinterSettings(), "printer")


if __name__ == "__main__":
    run()

"""Composition root: settings → LLM client → section writer → broker → ASGI app with /healthz."""

from __future__ import annotations

from faststream.asgi import AsgiFastStream
from faststream.rabbit import RabbitBroker

from servicekit import broker_logger, broker_middlewares, serve, stream_app
from servicekit.budget import LLMBudget
from servicekit.llmcheck import JSON_SCHEMA, STREAMING, ModelCheck
from writer.adapters.metrics import count_continuation
from writer.adapters.openai_llm import OpenAIWriterLLM
from writer.config import WriterSettings
from writer.handlers import register_handlers
from writer.service import SectionWriter, WriterOptions


def create_app(settings: WriterSettings | None = None) -> AsgiFastStream:
    """Wire one writer replica; nothing connects until the ASGI lifespan starts."""
    settings = settings or WriterSettings()
    budget = LLMBudget.from_env(settings.llm_base_url, settings.llm_api_key)  # LLM_BUDGET_*
    llm = OpenAIWriterLLM.connect(
        settings.llm_base_url,
        settings.llm_api_key,
        settings.llm_model,
        timeout=settings.llm_timeout_seconds,
        stall_seconds=settings.stream_stall_seconds,
        budget=budget,
    )
    writer = SectionWriter(
        llm,
        WriterOptions(
            writer_id=settings.replica_id,
            model=settings.llm_model,
            max_attempts=settings.max_attempts,
            backoff_base_seconds=settings.backoff_base_seconds,
            backoff_max_seconds=settings.backoff_max_seconds,
            length_below=settings.length_tolerance_below,
            length_above=settings.length_tolerance_above,
            max_shortfall_chars=settings.length_max_shortfall_chars,
            max_overrun_chars=settings.length_max_overrun_chars,
            max_continuations=settings.max_continuations,
        ),
        on_continuation=count_continuation,
    )
    broker = RabbitBroker(
        settings.rabbit_url,
        graceful_timeout=settings.graceful_timeout_seconds,
        logger=broker_logger(),
        middlewares=broker_middlewares("writer"),
    )
    register_handlers(broker, writer, concurrency=settings.concurrency)
    check = ModelCheck.connect(
        "writer",
        "WRITER_",
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        model=settings.llm_model,
        needs=(STREAMING, JSON_SCHEMA),  # JSON: the list of sources, when the planner found no records
        enabled=settings.llm_check,
    )
    return stream_app(
        broker,
        health_extra={"replica": settings.replica_id},
        ready=check.ready,
        after_startup=[check.start],
        after_shutdown=[check.stop, llm.close, budget.close],
    )


def run() -> None:
    """Console script `refgen-writer`: serve one replica with uvicorn."""
    serve(create_app, WriterSettings(), "writer")

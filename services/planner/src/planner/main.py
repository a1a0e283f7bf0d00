"""Composition root: settings → LLM client → planner → broker → ASGI app with /healthz."""

from __future__ import annotations

import logging

from faststream.asgi import AsgiFastStream
from faststream.rabbit import RabbitBroker

from planner.adapters.crossref import CrossrefSearch
from planner.adapters.openai_llm import OpenAIOutlineLLM
from planner.adapters.openalex import OpenAlexSearch
from planner.config import PlannerSettings
from planner.handlers import register_handlers
from planner.ports import SourceSearch
from planner.research import Research
from planner.service import Planner
from servicekit import broker_logger, broker_middlewares, serve, stream_app
from servicekit.budget import LLMBudget
from servicekit.llmcheck import JSON_SCHEMA, ModelCheck


def create_app(settings: PlannerSettings | None = None) -> AsgiFastStream:
    """Wire the planner; nothing connects until the ASGI lifespan starts."""
    settings = settings or PlannerSettings()
    budget = LLMBudget.from_env(settings.llm_base_url, settings.llm_api_key)  # LLM_BUDGET_*
    llm = OpenAIOutlineLLM.connect(
        settings.llm_base_url,
        settings.llm_api_key,
        settings.llm_model,
        settings.llm_timeout_seconds,
        settings.llm_max_retries,
        backoff=(settings.llm_backoff_base_seconds, settings.llm_backoff_max_seconds),
        budget=budget,
    )
    searches = source_searches(settings)
    planner = Planner(
        llm,
        research=Research(searches),
        chars_per_page=settings.chars_per_page,
        chars_per_page_en=settings.chars_per_page_en,
        outline_attempts=settings.outline_attempts,
        max_output_tokens=settings.max_output_tokens,
    )
    broker = RabbitBroker(
        settings.rabbit_url,
        log_level=logging.INFO,
        logger=broker_logger(),
        middlewares=broker_middlewares("planner"),
    )
    register_handlers(broker, planner)
    check = ModelCheck.connect(
        "planner",
        "PLANNER_",
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        model=settings.llm_model,
        needs=(JSON_SCHEMA,),
        enabled=settings.llm_check,
    )
    return stream_app(
        broker,
        ready=check.ready,
        after_startup=[check.start],
        after_shutdown=[check.stop, llm.close, budget.close, *(s.close for s in searches)],
    )


def source_searches(settings: PlannerSettings) -> list[SourceSearch]:
    """The bibliographic databases the settings name (none: the LLM suggests the list, unverified)."""
    searches: list[SourceSearch] = []
    if settings.openalex_url:
        searches.append(
            OpenAlexSearch(
                settings.openalex_url,
                mailto=settings.openalex_mailto,
                api_key=settings.openalex_api_key,
                timeout_seconds=settings.sources_timeout_seconds,
                retries=settings.sources_retries,
            )
        )
    if settings.crossref_url:
        searches.append(
            CrossrefSearch(
                settings.crossref_url,
                mailto=settings.crossref_mailto,
                timeout_seconds=settings.sources_timeout_seconds,
                retries=settings.sources_retries,
            )
        )
    return searches


def run() -> None:
    """Console script `refgen-planner`: serve the app with uvicorn."""
    serve(create_app, PlannerSettings(), "planner")

"""Planner use cases: draft an outline, allocate a generation's sections."""

from __future__ import annotations

import logging

from contracts.base import Event
from contracts.essay import GenerationRequested, Language, PlanRequested
from contracts.page import page_chars
from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionRequested, SectionsAllocated
from planner.domain import ids
from planner.domain.budget import DEFAULT_MAX_OUTPUT_TOKENS, BudgetError, allocate, outline_subsections
from planner.domain.outline import (
    OutlineError,
    OutlineRequest,
    outline_messages,
    outline_schema,
    parse_outline,
)
from planner.domain.research import unit_sources
from planner.ports import LLMUnavailable, OutlineLLM
from planner.research import Findings, Research

log = logging.getLogger(__name__)


class Planner:
    """Stateless planning over an outline LLM and the bibliographic databases."""

    def __init__(
        self,
        llm: OutlineLLM,
        *,
        research: Research | None = None,
        chars_per_page: int | None = None,
        chars_per_page_en: int | None = None,
        outline_attempts: int = 3,
        max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS,
    ) -> None:
        self._llm = llm
        self._research = research or Research(())
        self._chars_per_page = chars_per_page
        self._chars_per_page_en = chars_per_page_en
        self._outline_attempts = max(1, outline_attempts)
        self._max_output_tokens = max_output_tokens

    def chars_per_page(self, language: Language) -> int:
        """Characters of running text on a full page of an essay in `language`: the setting, or the
        page model's (`contracts.page`), which the writer measures by."""
        override = self._chars_per_page_en if language == "en" else self._chars_per_page
        return override or page_chars(language)

    async def draft_plan(self, request: PlanRequested) -> PlanDrafted | EssayFailed:
        """Ask the LLM for an outline, with subsections for the chapters the page budget gives two pages or
        more; re-ask when it is unusable; give up with EssayFailed."""
        subsections = outline_subsections(
            request.page_count,
            request.chapters_count,
            self.chars_per_page(request.language),
            language=request.language,
        )
        prompt = OutlineRequest(
            topic=request.topic,
            subject=request.subject,
            language=request.language,
            chapters_count=request.chapters_count,
            page_count=request.page_count,
            subsections=subsections,
        )
        messages = outline_messages(prompt)
        schema = outline_schema(request.chapters_count, subsections)
        problem = "no attempt was made"
        for attempt in range(1, self._outline_attempts + 1):
            try:
                content = await self._llm.complete_json(messages, schema, "essay_outline")
                chapters = parse_outline(content, request.chapters_count, subsections)
            except LLMUnavailable as error:
                problem = str(error)
                break
            except OutlineError as error:
                problem = str(error)
                log.warning("essay %s: unusable outline (attempt %d): %s", request.essay_id, attempt, error)
                continue
            return PlanDrafted(
                event_id=ids.plan_drafted_id(request.event_id),
                essay_id=request.essay_id,
                origin=request.origin,
                correlation_id=request.correlation_id,
                chapters=chapters,
            )
        return EssayFailed(
            event_id=ids.planning_failed_id(request.event_id),
            essay_id=request.essay_id,
            origin=request.origin,
            correlation_id=request.correlation_id,
            stage="planning",
            reason=f"could not draft an outline: {problem}",
        )

    async def allocate_generation(self, request: GenerationRequested) -> list[Event]:
        """Research the sources, then the manifest and one SectionRequested per unit (a chapter's subsections as
        the outline carries them, or the chapter whole, split into parts past one LLM call), each with the
        records it may cite, with deterministic ids; or EssayFailed."""
        findings = await self._research.find(request)
        return self.allocate(request, findings)

    def allocate(self, request: GenerationRequested, findings: Findings) -> list[Event]:
        """The events of a generation whose sources are `findings`."""
        records = findings.records
        try:
            sections = allocate(
                request.page_count,
                request.chapters,
                self.chars_per_page(request.language),
                language=request.language,
                max_output_tokens=self._max_output_tokens,
                sources=len(records) if findings.verified else None,
            )
        except BudgetError as error:
            return [
                EssayFailed(
                    event_id=ids.allocation_failed_id(request.essay_key, request.generation),
                    essay_id=request.essay_id,
                    origin=request.origin,
                    correlation_id=request.correlation_id,
                    stage="planning",
                    generation=request.generation,
                    reason=str(error),
                )
            ]
        events: list[Event] = [
            SectionsAllocated(
                event_id=ids.sections_allocated_id(request.essay_key, request.generation),
                essay_id=request.essay_id,
                origin=request.origin,
                correlation_id=request.correlation_id,
                generation=request.generation,
                language=request.language,
                topic=request.topic,
                title_page=request.title_page,
                sections=sections,
                sources_verified=findings.verified,
                sources_problem=findings.problem,
            )
        ]
        events.extend(
            SectionRequested(
                event_id=ids.section_requested_id(
                    request.essay_key, request.generation, spec.index, spec.kind
                ),
                essay_id=request.essay_id,
                origin=request.origin,
                correlation_id=request.correlation_id,
                generation=request.generation,
                topic=request.topic,
                subject=request.subject,
                language=request.language,
                outline=request.chapters,
                section=spec,
                sources=unit_sources(spec, request.chapters, records),
            )
            for spec in sections
            if spec.index not in request.written  # a resumed version writes only what is missing
        )
        return events

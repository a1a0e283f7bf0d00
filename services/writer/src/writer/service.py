"""The writer's use case: write one section within its length band, or report why it could not."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from contracts import limits
from contracts.blocks import Block, SourceEntry, TokenUsage
from contracts.limits import LENGTH_ABOVE, LENGTH_BELOW, MAX_OVERRUN_CHARS, MAX_SHORTFALL_CHARS
from contracts.planning import SectionRequested
from contracts.writing import SectionFailed, SectionWritten
from writer.domain import ids
from writer.domain.citing import keep_citations
from writer.domain.length import LengthPolicy, join_continuation, max_tokens_for
from writer.domain.markdown import parse_markdown
from writer.domain.measure import count_chars, page_model, trim_blocks
from writer.domain.normalise import normalise
from writer.domain.prompt import (
    continuation_messages,
    opens_with_lead_in,
    references_messages,
    section_messages,
)
from writer.domain.sources import SourcesError, parse_sources, sources_chars, sources_schema
from writer.domain.units import split_lead_in
from writer.ports import Completion, Messages, TransientLLMError, WriterLLM
from writer.retrying import GaveUp, Retrier, Sleep

log = logging.getLogger(__name__)
TOKENS_PER_SOURCE = 160


@dataclass(frozen=True)
class WriterOptions:
    """Tunables of writing one section."""

    writer_id: str
    model: str = ""
    max_attempts: int = 5
    backoff_base_seconds: float = 1.0
    backoff_max_seconds: float = 30.0
    length_below: float = LENGTH_BELOW
    length_above: float = LENGTH_ABOVE
    max_shortfall_chars: int = MAX_SHORTFALL_CHARS
    max_overrun_chars: int = MAX_OVERRUN_CHARS
    max_continuations: int = 3

    def length_policy(self, target: int) -> LengthPolicy:
        """The length band of a section of `target` characters."""
        return LengthPolicy(
            target,
            below=self.length_below,
            above=self.length_above,
            max_continuations=self.max_continuations,
            max_shortfall=self.max_shortfall_chars,
            max_overrun=self.max_overrun_chars,
        )


@dataclass(frozen=True)
class _Draft:
    usage: TokenUsage
    written_chars: int
    blocks: tuple[Block, ...] = ()
    sources: tuple[SourceEntry, ...] = ()
    lead_in: tuple[Block, ...] = ()


def _copied_list(request: SectionRequested) -> _Draft:
    """The list of sources made of the request's real records, in their numbers' order: no LLM rewrites them."""
    entries = tuple(source.record.entry() for source in sorted(request.sources, key=lambda s: s.number))
    return _Draft(usage=TokenUsage(), written_chars=sources_chars(entries), sources=entries)


def _plus(a: TokenUsage, b: TokenUsage, *, continuation: bool = False) -> TokenUsage:
    return TokenUsage(
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        continuation_tokens=a.continuation_tokens
        + b.continuation_tokens
        + (b.completion_tokens if continuation else 0),
    )


class SectionWriter:
    """Writes sections over an LLM port; stateless between sections."""

    def __init__(
        self,
        llm: WriterLLM,
        options: WriterOptions,
        *,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        on_continuation: Callable[[SectionRequested], None] = lambda _request: None,
    ) -> None:
        self._llm = llm
        self._options = options
        self._on_continuation = on_continuation  # a metrics port: the service stays free of Prometheus
        self._sleep = sleep
        self._jitter = jitter

    def _retrier(self) -> Retrier:
        o = self._options
        return Retrier(
            o.max_attempts, o.backoff_base_seconds, o.backoff_max_seconds, self._sleep, self._jitter
        )

    async def write(self, request: SectionRequested) -> SectionWritten | SectionFailed:
        """SectionWritten with blocks (or sources) and usage; SectionFailed past the retry budget."""
        retrier = self._retrier()
        spec = request.section
        try:
            if spec.kind == "references" and request.sources:
                draft = _copied_list(request)
            elif spec.kind == "references":
                draft = await self._references(request, retrier)
            else:
                draft = await self._prose(request, retrier)
        except GaveUp as error:
            log.error("essay %s section %s failed: %s", request.essay_id, spec.index, error.reason)
            return SectionFailed(
                event_id=ids.section_failed_id(
                    request.essay_key, request.generation, spec.index, request.correlation_id
                ),
                essay_id=request.essay_id,
                origin=request.origin,
                correlation_id=request.correlation_id,
                generation=request.generation,
                section_index=spec.index,
                reason=error.reason,
                attempts=error.attempts,
            )
        return SectionWritten(
            event_id=ids.section_written_id(request.essay_key, request.generation, spec.index),
            essay_id=request.essay_id,
            origin=request.origin,
            correlation_id=request.correlation_id,
            generation=request.generation,
            section_index=spec.index,
            blocks=draft.blocks,
            lead_in=draft.lead_in,
            sources=draft.sources,
            usage=_plus(draft.usage, retrier.wasted),
            written_chars=draft.written_chars,
            writer_id=self._options.writer_id,
            model=self._options.model,
        )

    async def _stream(self, messages: Messages, max_tokens: int, title: str) -> Completion:
        completion = await self._llm.stream_text(messages, max_tokens=max_tokens)
        if not parse_markdown(completion.text, title):
            raise TransientLLMError("the answer has no usable text", usage=completion.usage)
        return completion

    async def _prose(self, request: SectionRequested, retrier: Retrier) -> _Draft:
        spec = request.section
        policy = self._options.length_policy(spec.target_chars)
        # Length is the room the text takes on the page, so lists, tables and formulas count what they fill.
        model = page_model(request.language)
        messages = section_messages(request)
        what = f"essay {request.essay_id} section {spec.index}"
        first, _ = await retrier.run(
            partial(self._stream, messages, max_tokens_for(spec.target_chars), spec.title), what
        )
        # each answer is normalised on its own: a continuation opens with chatter of its own
        text, finish, usage = normalise(first.text), first.finish_reason, first.usage
        lead_in, blocks = self._parse(text, request)
        room = model.room(lead_in + blocks)
        continuations = 0
        while policy.wants_continuation(room, finish, continuations):
            remaining = policy.remaining(room)
            ask = continuation_messages(messages, text, remaining)
            continuations += 1
            self._on_continuation(request)
            try:
                more, _ = await retrier.run(
                    partial(self._llm.stream_text, ask, max_tokens=max_tokens_for(remaining)),
                    f"{what} continuation {continuations}",
                )
            except GaveUp as error:
                # A section somewhat short is better than a failed essay.
                log.warning(
                    "%s: keeping %d of %d characters: %s", what, room, spec.target_chars, error.reason
                )
                break
            usage = _plus(usage, more.usage, continuation=True)
            text, finish = join_continuation(text, normalise(more.text), finish), more.finish_reason
            lead_in, blocks = self._parse(text, request)
            grown = model.room(lead_in + blocks)
            if grown <= room:
                break  # the model has nothing more to say
            room = grown
        if policy.too_long(room):
            blocks = trim_blocks(blocks, policy.upper - model.room(lead_in), model)
            room = model.room(lead_in + blocks)
        invented = 0
        if request.sources:
            allowed = {source.number for source in request.sources}
            (lead_in, dropped), (blocks, invented) = (
                keep_citations(lead_in, allowed),
                keep_citations(blocks, allowed),
            )
            invented += dropped
            room = model.room(lead_in + blocks)
        log.info(
            "%s: %d/%d characters (%d as typed), %d continuation(s), %d invented citation(s) dropped, %s",
            what,
            room,
            spec.target_chars,
            count_chars(blocks),
            continuations,
            invented,
            usage,
        )
        return _Draft(blocks=blocks, usage=usage, written_chars=room, lead_in=lead_in)

    @staticmethod
    def _parse(text: str, request: SectionRequested) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
        """The chapter's opening lines (first subsection only) and the unit's own blocks."""
        if not opens_with_lead_in(request):
            return (), parse_markdown(text, request.section.title)
        lead, body = split_lead_in(text)
        return parse_markdown(lead), parse_markdown(body, request.section.title)

    async def _sources(self, messages: Messages, count: int) -> tuple[Completion, tuple[SourceEntry, ...]]:
        completion = await self._llm.complete_json(
            messages, sources_schema(count), "sources", max_tokens=count * TOKENS_PER_SOURCE + 256
        )
        try:
            return completion, parse_sources(completion.text, count)
        except SourcesError as error:
            raise TransientLLMError(str(error), usage=completion.usage) from error

    async def _references(self, request: SectionRequested, retrier: Retrier) -> _Draft:
        spec = request.section
        count = limits.source_share(limits.source_count(len(request.outline)), spec.part, spec.parts)
        messages = references_messages(request, count)
        what = f"essay {request.essay_id} sources part {spec.part}/{spec.parts}"
        (completion, entries), _ = await retrier.run(partial(self._sources, messages, count), what)
        return _Draft(sources=entries, usage=completion.usage, written_chars=sources_chars(entries))

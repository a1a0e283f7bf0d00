"""Turns a chat request into the complete answer text, its token pieces and usage."""

from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import dataclass
from typing import Any, Literal

from llm_standin.config import Tunables
from llm_standin.generation.chat import dress
from llm_standin.generation.examples import find_example, infer_schema
from llm_standin.generation.hints import HintContext, TitlePlanner
from llm_standin.generation.lexicon import lexicon_for
from llm_standin.generation.prose import Measure, ProseWriter, compose
from llm_standin.generation.schema import SchemaGenerator
from llm_standin.generation.sources import make_sources, source_list
from llm_standin.prompt import LengthTarget, Message, PromptInfo, analyse
from llm_standin.tokens import TokenCounter

FinishReason = Literal["stop", "length"]

_SOURCES_FALLBACK = {
    "type": "object",
    "properties": {
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "authors": {"type": "array", "items": {"type": "string"}},
                    "title": {"type": "string"},
                    "year": {"type": "integer"},
                    "publisher": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
        }
    },
}
_TEXT_FALLBACK = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}


@dataclass(frozen=True)
class Answer:
    """A finished completion: text (already cut to max_tokens), its tokens and usage."""

    text: str
    pieces: list[str]
    finish_reason: FinishReason
    prompt_tokens: int
    completion_tokens: int
    info: PromptInfo


def undershoot_factor(target_chars: float, t: Tunables, rng: random.Random) -> float:
    """Share of a requested length actually written: high for short asks, low for long ones."""
    span = t.undershoot_long_chars - t.undershoot_short_chars
    if span <= 0:
        frac = 0.0 if target_chars <= t.undershoot_short_chars else 1.0
    else:
        frac = min(1.0, max(0.0, (target_chars - t.undershoot_short_chars) / span))
    factor = t.undershoot_short_factor + (t.undershoot_long_factor - t.undershoot_short_factor) * frac
    factor *= 1 + rng.uniform(-t.undershoot_jitter, t.undershoot_jitter)
    return min(1.0, factor)


def length_goal(info: PromptInfo, t: Tunables, rng: random.Random) -> LengthTarget:
    """How much prose to write: the asked length (or what remains of it) times the under-shoot."""
    base = info.target
    if info.continuation and base is None:
        if info.original_target is not None:
            unit = info.original_target.unit
            measure = Measure(unit, t.chars_per_word)
            floor = measure.from_chars(t.min_continuation_chars)
            remaining = info.original_target.amount - measure(info.produced)
            base = LengthTarget(max(remaining, floor), unit)
        else:
            base = LengthTarget(t.default_answer_chars, "chars")
    if base is None:
        return LengthTarget(t.default_answer_chars, "chars")
    chars = base.amount * (t.chars_per_word if base.unit == "words" else 1)
    return LengthTarget(max(1, math.floor(base.amount * undershoot_factor(chars, t, rng))), base.unit)


def request_rng(t: Tunables, request_seed: int | None, info: PromptInfo) -> random.Random:
    """RNG fixed by (server seed, request seed, conversation): same prompt, same answer."""
    digest = hashlib.sha256(f"{t.seed}|{request_seed}|{info.fingerprint}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _json_schema(
    response_format: dict[str, Any], messages: list[Message], info: PromptInfo
) -> dict[str, Any]:
    if response_format.get("type") == "json_schema":
        spec = response_format.get("json_schema") or {}
        schema = spec.get("schema") if isinstance(spec, dict) else None
        return schema if isinstance(schema, dict) else {"type": "object"}
    example = find_example([m.text for m in messages if m.role in ("system", "developer", "user")])
    if example is not None:
        return infer_schema(example)
    return _SOURCES_FALLBACK if info.wants_sources else _TEXT_FALLBACK


LEAD_CHARS = 260


def compose_text(
    messages: list[Message], info: PromptInfo, response_format: dict[str, Any] | None, t: Tunables,
    rng: random.Random,
) -> str:  # fmt: skip
    """The full answer before any max_tokens cut."""
    lex = lexicon_for(info.language)
    cite_max = info.cite_max or info.source_count or t.default_sources
    writer = ProseWriter(lex, rng, topic=info.topic, cite_max=cite_max, cite_numbers=info.cite_numbers)
    kind = (response_format or {}).get("type", "text")
    if kind in ("json_schema", "json_object"):
        assert response_format is not None
        ctx = HintContext(lex, rng, info, writer, TitlePlanner(lex, rng), t.default_sources)
        schema = _json_schema(response_format, messages, info)
        return json.dumps(SchemaGenerator(schema, ctx).generate(schema), ensure_ascii=False)
    if info.wants_sources and not info.continuation:
        return source_list(lex, make_sources(lex, rng, info.source_count or t.default_sources, info.topic))
    goal = length_goal(info, t, rng)
    measure = Measure(goal.unit, t.chars_per_word)
    lead = ""
    if info.lead_heading:  # a few opening lines, the heading asked for, then the text
        lead = compose(writer, measure.from_chars(LEAD_CHARS), measure, max_headings=0)
        lead = f"{lead}\n\n{info.lead_heading}\n\n"
    text = lead + compose(
        writer,
        max(1, goal.amount - measure(lead)),
        measure,
        continuation=info.continuation,
        max_headings=info.max_headings,
    )
    return dress(text, info.language, rng, continuation=info.continuation) if t.style == "chat" else text


def build_answer(
    messages: list[Message],
    *,
    response_format: dict[str, Any] | None,
    max_tokens: int | None,
    request_seed: int | None,
    tunables: Tunables,
) -> Answer:
    """Generate the answer to a chat request, cut to `max_tokens` with finish_reason "length"."""
    counter = TokenCounter(tunables.chars_per_token_latin, tunables.chars_per_token_cyrillic)
    info = analyse(messages)
    rng = request_rng(tunables, request_seed, info)
    text = compose_text(messages, info, response_format, tunables, rng)
    pieces = counter.split(text)
    finish: FinishReason = "stop"
    if max_tokens is not None and len(pieces) > max_tokens:
        pieces, finish = pieces[:max_tokens], "length"
    return Answer(
        text="".join(pieces),
        pieces=pieces,
        finish_reason=finish,
        prompt_tokens=counter.count_messages(m.text for m in messages),
        completion_tokens=len(pieces),
        info=info,
    )

"""The stand-in answers the writer's sources schema with entries that the printer prints and normocontrol accepts."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import uuid4

import jsonschema
import pytest

from contracts import OutlineChapter, SectionRequested, SectionSpec
from contracts.essay import Language
from contracts.limits import source_count
from llm_standin.config import Tunables
from llm_standin.generation.answer import build_answer
from llm_standin.prompt import Message
from normocontrol.bibliography import entry_problem
from printer.domain.labels import EN, KY, RU
from printer.domain.sources import format_entry, plain
from writer.domain.prompt import references_messages
from writer.domain.sources import missing, parse_sources, sources_schema

LABELS = {"ru": RU, "en": EN, "ky": KY}


def _request(language: Language, chapters: int) -> SectionRequested:
    return SectionRequested(
        essay_id=1,
        correlation_id=uuid4(),
        generation=1,
        topic="Цифровая экономика" if language != "en" else "The digital economy",
        subject="Экономика",
        language=language,
        outline=tuple(OutlineChapter(title=f"Глава {n}") for n in range(1, chapters + 1)),
        section=SectionSpec(index=chapters + 2, kind="references", title="Список", target_chars=0),
    )


def _answer(language: Language, chapters: int, seed: int) -> tuple[dict[str, Any], str]:
    count = source_count(chapters)
    schema = sources_schema(count)
    messages = [
        Message(m["role"], m["content"]) for m in references_messages(_request(language, chapters), count)
    ]
    answer = build_answer(
        messages,
        tunables=Tunables(preset="speed"),
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "sources", "schema": schema, "strict": True},
        },
        max_tokens=None,
        request_seed=seed,
    )
    return schema, answer.text


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_standin_sources_fit_the_schema_and_pass_normocontrol(language: Language, seed: int) -> None:
    schema, text = _answer(language, chapters=2 + seed, seed=seed)
    jsonschema.validate(json.loads(text), schema)
    entries = parse_sources(text, source_count(2 + seed))
    assert len(entries) == source_count(2 + seed)
    assert {e.kind for e in entries} <= {"book", "article", "web"}
    for entry in entries:
        assert missing(entry) == ()
        printed = plain(format_entry(entry, language, LABELS[language], date(2026, 1, 15)))
        assert entry_problem(printed, language) is None, printed


def test_standin_picks_the_union_branch_of_the_source_it_writes() -> None:
    _, text = _answer("ru", chapters=6, seed=3)
    kinds = set()
    for source in json.loads(text)["sources"]:
        if source["kind"] == "book":
            assert source["journal"] is None and source["url"] is None and source["pages"].isdigit()
        elif source["kind"] == "article":
            assert source["journal"] and source["publisher"] is None and "–" in source["pages"]
        else:
            assert source["url"].startswith("https://") and source["pages"] is None
        kinds.add(source["kind"])
    assert kinds == {"book", "article", "web"}

"""JSON generated from schemas validates against them, pydantic-emitted ones included."""

import json
import random
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field, TypeAdapter

from contracts.blocks import Block, SourceEntry
from llm_standin.generation.examples import find_example, infer_schema
from llm_standin.generation.hints import HintContext, TitlePlanner
from llm_standin.generation.lexicon import lexicon_for
from llm_standin.generation.prose import ProseWriter
from llm_standin.generation.schema import SchemaGenerator
from llm_standin.prompt import Message, analyse


def generate(schema: dict[str, Any], prompt: str = "Language: en", seed: int = 1) -> Any:
    info = analyse([Message("user", prompt)])
    rng = random.Random(seed)
    lex = lexicon_for(info.language)
    writer = ProseWriter(lex, rng, topic=info.topic, cite_max=10)
    ctx = HintContext(lex, rng, info, writer, TitlePlanner(lex, rng), default_sources=10)
    return json.loads(json.dumps(SchemaGenerator(schema, ctx).generate(schema)))


class Chapter(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    synopsis: str


class Outline(BaseModel):
    chapters: list[Chapter] = Field(min_length=6, max_length=6)


@pytest.mark.parametrize("lang", ["ru", "en", "ky"])
@pytest.mark.parametrize("count", [1, 3, 6, 15, 18])
def test_outline_has_exactly_the_asked_distinct_titles(lang: str, count: int) -> None:
    schema = Outline.model_json_schema()
    schema["$defs"]["Chapter"]  # pydantic puts nested models in $defs and refers to them
    schema["properties"]["chapters"].update(minItems=count, maxItems=count)
    data = generate(schema, f"Language: {lang}\nTopic: Water")
    outline = Outline.model_construct(chapters=[Chapter.model_validate(c) for c in data["chapters"]])
    titles = [c.title for c in outline.chapters]
    assert len(titles) == count
    assert len(set(titles)) == count
    assert all(c.synopsis for c in outline.chapters)


def test_outline_titles_are_in_the_requested_language() -> None:
    data = generate(Outline.model_json_schema(), "Language: ru")
    Outline.model_validate(data)
    assert all(any("а" <= ch <= "я" for ch in c["title"].lower()) for c in data["chapters"])
    assert data["chapters"][0]["synopsis"].startswith("[Заглушка LLM]")


def titled() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"title": {"type": "string"}, "synopsis": {"type": "string"}},
        "required": ["title", "synopsis"],
        "additionalProperties": False,
    }


def divided_outline(count: int, low: int, high: int) -> dict[str, Any]:
    """The planner's outline schema: one item schema for every chapter, subsections between low and high."""
    chapter = titled()
    chapter["properties"]["subsections"] = {
        "type": "array", "minItems": low, "maxItems": high, "items": titled(),
    }  # fmt: skip
    chapter["required"] = [*chapter["required"], "subsections"]
    return {
        "type": "object",
        "properties": {"chapters": {"type": "array", "minItems": count, "maxItems": count, "items": chapter}},
    }


@pytest.mark.parametrize("lang", ["ru", "en", "ky"])
@pytest.mark.parametrize("seed", range(3))
def test_outline_subsections_follow_the_prompt_and_read_as_subsections(lang: str, seed: int) -> None:
    counts = [4, 4, 3, 3, 2, 2, 2, 0]
    prompt = (
        f"Language: {lang}\nTopic: Water\nChapters: 8\nSubsections per chapter: {', '.join(map(str, counts))}"
    )
    data = generate(divided_outline(8, 0, 4), prompt, seed=seed)
    lex = lexicon_for(lang)
    chapters = data["chapters"]
    assert [len(c["subsections"]) for c in chapters] == counts
    # chapter titles are the chapter bank's, not spent on subsections
    assert all(c["title"] in lex.chapter_titles for c in chapters)
    titles = [s["title"] for c in chapters for s in c["subsections"]]
    assert all(t in lex.subsection_titles and t not in lex.chapter_titles for t in titles)
    for chapter in chapters:
        own = [s["title"] for s in chapter["subsections"]]
        assert len(set(own)) == len(own)
        assert all(
            s["synopsis"].startswith(lex.marker) and s["title"] in s["synopsis"]
            for s in chapter["subsections"]
        )
    # the bank is gone through before a title comes back
    assert len(set(titles[: len(lex.subsection_titles)])) == len(lex.subsection_titles)


def test_outline_subsections_without_counts_in_the_prompt_stay_within_the_schema() -> None:
    data = generate(divided_outline(5, 2, 3), "Language: ru")
    assert all(2 <= len(c["subsections"]) <= 3 for c in data["chapters"])
    assert all(c["title"] in lexicon_for("ru").chapter_titles for c in data["chapters"])


def test_chapter_count_from_the_prompt_when_the_schema_leaves_it_open() -> None:
    schema = {"type": "object", "properties": {"chapters": {"type": "array", "items": {"type": "string"}}}}
    data = generate(schema, "Language: en\nChapters: 7")
    assert len(data["chapters"]) == len(set(data["chapters"])) == 7


class Sources(BaseModel):
    sources: list[SourceEntry] = Field(min_length=9, max_length=9)


@pytest.mark.parametrize("seed", range(5))
def test_contract_sources_validate_and_look_like_sources(seed: int) -> None:
    data = generate(Sources.model_json_schema(), "Language: ru\nTopic: Право", seed=seed)
    sources = Sources.model_validate(data).sources
    assert len({s.title for s in sources}) == 9
    assert all(s.authors or s.kind == "web" for s in sources)
    assert all(s.year is None or 2000 <= s.year <= 2030 for s in sources)


def test_strict_nullable_schema_nulls_fields_a_kind_does_not_have() -> None:
    nullable = {"type": ["string", "null"]}
    entry = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["book", "article", "web", "other"]},
            "authors": {"type": "array", "items": {"type": "string"}},
            "title": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "journal": nullable,
            "publisher": nullable,
            "url": nullable,
        },
        "required": ["kind", "authors", "title", "year", "journal", "publisher", "url"],
        "additionalProperties": False,
    }
    schema = {"type": "object", "properties": {"sources": {"type": "array", "items": entry}}}
    data = generate(schema, "Number of sources: 10")
    assert len(data["sources"]) == 10
    for source in data["sources"]:
        assert 2000 < source["year"] < 2030
        if source["kind"] == "book":
            assert source["journal"] is None and source["publisher"]
        if source["kind"] == "web":
            assert source["url"].startswith("https://example.org/") and source["publisher"] is None


def test_a_union_of_source_shapes_gets_the_shape_of_each_source() -> None:
    def shape(kind: str, *fields: str) -> dict[str, Any]:
        props: dict[str, Any] = {
            "type": {"const": kind},
            "title": {"type": "string"},
            "year": {"type": "integer"},
        }
        props |= {name: {"type": "string"} for name in fields}
        return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}

    entry = {
        "anyOf": [
            shape("book", "city", "publisher", "pages"),
            shape("article", "journal", "pages", "doi"),
            shape("web", "url", "accessed", "author"),
        ]
    }
    schema = {"type": "object", "properties": {"references": {"type": "array", "items": entry}}}
    data = generate(schema, "Language: ru\nNumber of sources: 12", seed=4)
    assert len(data["references"]) == 12
    assert {source["type"] for source in data["references"]} == {"book", "article", "web"}
    for source in data["references"]:
        if source["type"] == "article":
            assert "–" in source["pages"]  # an article's page range, not a book's page count
        if source["type"] == "book":
            assert source["pages"].isdigit()


class Blocks(BaseModel):
    blocks: list[Block] = Field(min_length=3)


@pytest.mark.parametrize("seed", range(8))
def test_recursive_discriminated_unions_terminate_and_validate(seed: int) -> None:
    Blocks.model_validate(generate(Blocks.model_json_schema(), seed=seed))


class Kitchen(BaseModel):
    name: Literal["fixed"]
    level: int = Field(ge=3, le=5)
    ratio: float = Field(gt=0, lt=1)
    even: Annotated[int, Field(multiple_of=2, ge=10, le=20)]
    flag: bool
    mode: Literal["a", "b", "c"]
    pair: tuple[int, str]
    tags: set[str] = Field(min_length=2, max_length=4)
    short: str = Field(min_length=30, max_length=40)
    maybe: int | None = None
    when: str = Field(json_schema_extra={"format": "date-time"})
    mapping: dict[str, int] = {}


@pytest.mark.parametrize("seed", range(5))
def test_constraints_are_respected(seed: int) -> None:
    Kitchen.model_validate(generate(Kitchen.model_json_schema(), seed=seed))


def test_top_level_array_and_scalars() -> None:
    TypeAdapter(list[int]).validate_python(generate({"type": "array", "items": {"type": "integer"}}))
    assert generate({"const": 42}) == 42
    assert generate({"enum": ["x", "y"]}) in ("x", "y")
    assert generate({"type": "null"}) is None


def test_examples_in_prompts_become_schemas() -> None:
    example = find_example(['Answer like {"title": "…", "points": [1, 2], "ok": true}. Thanks.'])
    assert example == {"title": "…", "points": [1, 2], "ok": True}
    data = generate(infer_schema(example))
    assert isinstance(data["title"], str) and isinstance(data["ok"], bool)
    assert all(isinstance(p, int) for p in data["points"])
    assert find_example(["no json {here"]) is None


def test_generation_is_deterministic() -> None:
    schema = Sources.model_json_schema()
    assert generate(schema, seed=3) == generate(schema, seed=3)

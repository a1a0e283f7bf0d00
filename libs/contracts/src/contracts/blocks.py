"""Typed section content: what the writer produces and the printer renders, never raw LLM text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from contracts.base import Contract


class TextRun(Contract):
    """A run of text with inline emphasis."""

    type: Literal["text"] = "text"
    text: str = Field(description="Plain text; no markup.")
    bold: bool = False
    italic: bool = False
    script: Literal["super", "sub"] | None = Field(default=None, description="Superscript or subscript.")


class MathRun(Contract):
    """Inline mathematics, in LaTeX; the printer sets it as Word math within the line."""

    type: Literal["math"] = "math"
    latex: str = Field(min_length=1)


class CitationRun(Contract):
    """An inline citation marker pointing at entries of the list of sources (1-based)."""

    type: Literal["cite"] = "cite"
    numbers: tuple[int, ...] = Field(min_length=1, description="1-based numbers of cited sources.")
    page: str | None = Field(default=None, description='The page cited, as written: "с. 15", "p. 12".')


Inline = Annotated[TextRun | CitationRun | MathRun, Field(discriminator="type")]


class ParagraphBlock(Contract):
    """A body paragraph."""

    type: Literal["paragraph"] = "paragraph"
    runs: tuple[Inline, ...]


class HeadingBlock(Contract):
    """A subheading inside a section; level 2 renders as "1.1", level 3 as "1.1.1"."""

    type: Literal["heading"] = "heading"
    level: int = Field(ge=2, le=3)
    text: str


class ListItem(Contract):
    """One list item, optionally with a nested list."""

    runs: tuple[Inline, ...]
    children: ListBlock | None = None


class ListBlock(Contract):
    """A bullet or numbered list."""

    type: Literal["list"] = "list"
    ordered: bool = False
    lettered: bool = Field(default=False, description="Ordered by letters: а), б) (ru, ky) or a), b) (en).")
    items: tuple[ListItem, ...] = Field(min_length=1)


class TableBlock(Contract):
    """A table with a caption shown above it."""

    type: Literal["table"] = "table"
    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


class FormulaBlock(Contract):
    """A display formula in LaTeX; the printer numbers it."""

    type: Literal["formula"] = "formula"
    latex: str


Block = Annotated[
    ParagraphBlock | HeadingBlock | ListBlock | TableBlock | FormulaBlock,
    Field(discriminator="type"),
]


SourceOrigin = Literal["openalex", "crossref", "user", "model"]


class SourceEntry(Contract):
    """A structured bibliography entry; the printer formats it (GOST R 7.0.100-2018 or APA 7)."""

    kind: Literal["book", "article", "chapter", "web", "other"] = "book"
    authors: tuple[str, ...] = Field(default=(), description='Authors as "Surname I. O." or "Surname, I.".')
    title: str
    year: int | None = None
    publisher: str | None = None
    city: str | None = None
    journal: str | None = Field(
        default=None, description="The journal of an article, the site of a web page."
    )
    book_title: str | None = Field(default=None, description="The book a chapter is in.")
    editors: tuple[str, ...] = Field(default=(), description="Editors of the book a chapter is in.")
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    doi: str | None = None
    accessed: str | None = Field(default=None, description="Access date of a web source, ISO date.")
    language: str | None = Field(default=None, description="ISO 639-1 code of the work's language, if known.")
    origin: SourceOrigin = Field(
        default="model",
        description="Where the record comes from: a bibliographic database (openalex, crossref), the "
        "user's own literature (user), or the LLM's suggestion (model, unverified).",
    )
    key: str = Field(
        default="",
        description='A stable identity of the work: "doi:<lower-case DOI>" or "<origin>:<id>"; empty for '
        "the model's suggestions.",
    )


class TokenUsage(Contract):
    """Token usage as reported by the LLM API itself."""

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    continuation_tokens: int = Field(
        default=0,
        ge=0,
        description="Of the completion tokens, those spent on continuations of a short answer.",
    )


ListItem.model_rebuild()

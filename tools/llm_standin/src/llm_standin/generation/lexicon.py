"""Phrase banks per language; the prose and JSON generators draw from them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the generators say."""

    code: str
    marker: str  # opens every paragraph: the text plainly says it is a placeholder
    source_mark: str  # appended to fabricated source titles
    disclaimers: tuple[str, ...]
    continuations: tuple[str, ...]
    openers: tuple[str, ...]  # adverbial lead-ins; the core that follows starts in lower case
    cores: tuple[str, ...]
    topic_cores: tuple[str, ...]  # with {topic}: a noun phrase in the nominative
    topic_phrase: str  # {topic} -> the noun phrase naming a known topic
    default_topic: str
    subheadings: tuple[str, ...]
    list_intros: tuple[str, ...]
    bullet_items: tuple[str, ...]
    numbered_intros: tuple[str, ...]
    steps: tuple[str, ...]
    table_intros: tuple[str, ...]  # with {n}: the table number
    table_caption: str  # with {n}: the caption line right above the table
    table_header: tuple[str, str, str]
    table_rows: tuple[str, ...]
    formula_intros: tuple[str, ...]
    formula_where: str
    chapter_titles: tuple[str, ...]  # in a plausible outline order
    extra_title: str  # with {n}
    synopses: tuple[str, ...]  # with {title}
    source_titles: tuple[str, ...]
    topic_source_title: str  # with {topic}
    surnames: tuple[str, ...]
    initials: str
    publishers: tuple[str, ...]
    cities: tuple[str, ...]
    journals: tuple[str, ...]
    web_sites: tuple[str, ...]
    short_value: str  # a generic placeholder string value
    # subsections of an outline's chapters: standalone titles, none a chapter title; synopses with {title}
    subsection_titles: tuple[str, ...] = ()
    subsection_synopses: tuple[str, ...] = ()


def lexicon_for(code: str) -> Lexicon:
    """The lexicon of language `code` (ru, en or ky); English for anything else."""
    from llm_standin.generation import lang_en, lang_ky, lang_ru

    return {"ru": lang_ru.LEXICON, "ky": lang_ky.LEXICON}.get(code, lang_en.LEXICON)

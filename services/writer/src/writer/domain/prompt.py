"""Prompts for writing one section, continuing it, and compiling the list of sources."""

from __future__ import annotations

from contracts import limits
from contracts.essay import Language
from contracts.planning import SectionRequested

Message = dict[str, str]

LANGUAGE_NAMES: dict[Language, str] = {"ru": "Russian", "en": "English", "ky": "Kyrgyz"}
CAPTION_EXAMPLES: dict[Language, str] = {"ru": "Таблица 1 – …", "en": "Table 1 – …", "ky": "Таблица 1 – …"}


def section_kind(request: SectionRequested) -> str:
    """How the prompt names the section: introduction, chapter N of M, conclusion or references."""
    spec = request.section
    if spec.kind == "chapter":
        return f"chapter {spec.chapter_number or spec.index} of {len(request.outline)}"
    return spec.kind


def subheadings_allowed(request: SectionRequested) -> int:
    """How many `## ` subheadings a section may use: none outside chapters, a few in long chapters."""
    if request.section.kind != "chapter":
        return 0
    return limits.subheadings_allowed(request.section.target_chars)


def _outline_lines(request: SectionRequested) -> list[str]:
    lines = []
    for number, chapter in enumerate(request.outline, start=1):
        marker = "  <- this section" if request.section.chapter_number == number else ""
        synopsis = f" — {chapter.synopsis}" if chapter.synopsis else ""
        lines.append(f"{number}. {chapter.title}{synopsis}{marker}")
    return lines


def _guidance(request: SectionRequested) -> str:
    spec = request.section
    if spec.kind == "introduction":
        return (
            "Introduce the topic: why it matters now, the aim and the objectives of the essay, its object and "
            "subject, the methods used, and in a sentence or two what each chapter covers."
        )
    if spec.kind == "conclusion":
        return (
            "Sum up what every chapter established, show how the aim set in the introduction was reached, and give "
            "a brief outlook. Bring in no new material."
        )
    synopsis = next(
        (
            c.synopsis
            for n, c in enumerate(request.outline, start=1)
            if n == spec.chapter_number and c.synopsis
        ),
        "",
    )
    focus = f" It covers: {synopsis}" if synopsis else ""
    return (
        f'Write the chapter "{spec.title}".{focus} Stay within its scope: the other chapters of the outline '
        "cover the rest, so do not repeat their material."
    )


def _style_rules(request: SectionRequested) -> list[str]:
    language = request.language
    allowed = subheadings_allowed(request)
    headings = (
        f"- Use `## ` subheadings sparingly, at most {allowed}, without numbers; never a `# ` heading."
        if allowed
        else "- Do not use headings of any level."
    )
    return [
        f"- Write in {LANGUAGE_NAMES[language]}, in an academic register: precise terms, coherent paragraphs, "
        "no filler, no rhetorical questions, no addressing the reader.",
        "- Do not write the section title and do not number anything; the document adds titles and numbers.",
        headings,
        "- Where it genuinely helps, use a Markdown list, a pipe table with a caption line above it "
        f'("{CAPTION_EXAMPLES[language]}"), or a display formula as $$...$$ on its own line.',
        f"- Cite sources with bracketed numbers such as [1] or [2, 3], from 1 to {limits.source_count(len(request.outline))}.",
        "- End with a complete sentence. Output only the text of the section in Markdown.",
    ]


def section_messages(request: SectionRequested) -> list[Message]:
    """The conversation that asks for one prose section (introduction, chapter or conclusion)."""
    system = (
        "You are an experienced academic author writing one section of a student's essay (referat) for a "
        f"university course in {request.subject}. You write in {LANGUAGE_NAMES[request.language]} only."
    )
    user = [
        f"Language: {request.language}",
        f"Topic: {request.topic}",
        f"Subject: {request.subject}",
        f"Section: {request.section.title}",
        f"Section kind: {section_kind(request)}",
        f"Target length: {request.section.target_chars} characters",
        "",
        "Outline of the essay (introduction and conclusion come before and after it):",
        *_outline_lines(request),
        "",
        _guidance(request),
        "",
        f"Write about {request.section.target_chars} characters with spaces. Rules:",
        *_style_rules(request),
    ]
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(user)}]


def continuation_messages(base: list[Message], written: str, remaining: int) -> list[Message]:
    """The conversation so far plus a request to go on from where the text stops."""
    ask = "\n".join(
        [
            "Continue the section from exactly where the text stops. Do not repeat anything already written, "
            "do not restate the title and do not start over.",
            f"Write about {remaining} more characters, then finish with a complete sentence.",
            f"Target length: {remaining} characters",
        ]
    )
    return [*base, {"role": "assistant", "content": written}, {"role": "user", "content": ask}]


def references_messages(request: SectionRequested, count: int) -> list[Message]:
    """The conversation that asks for the list of sources as JSON."""
    language = LANGUAGE_NAMES[request.language]
    authors = '"Surname, I."' if request.language == "en" else '"Surname I. O."'
    system = (
        "You are an academic bibliographer. You answer with JSON only, exactly matching the given schema, "
        "and you never invent publications."
    )
    user = [
        f"Language: {request.language}",
        f"Topic: {request.topic}",
        f"Subject: {request.subject}",
        "Section kind: references",
        f"Number of sources: {count}",
        "",
        "Outline of the essay:",
        *_outline_lines(request),
        "",
        f"Compile the list of sources for this essay: {count} entries that together support every chapter.",
        f"- Prefer real, well-known textbooks, monographs, journal articles, laws and standards, mostly in {language}, "
        "recent where the field allows.",
        f"- kind is book, article or web; authors as {authors}.",
        "- Each kind carries what its bibliographic entry needs: a book its authors, year, city, publisher and "
        "number of pages; an article its authors, year, journal, issue (and volume where the journal has volumes) "
        "and page range; a web source its url and the access date (YYYY-MM-DD) in accessed. Pick sources whose "
        "details you know; any other field that is not known is null.",
        "- Never invent a DOI or a URL.",
    ]
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(user)}]

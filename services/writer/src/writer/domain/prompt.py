"""Prompts for writing one section, continuing it, and compiling the list of sources."""

from __future__ import annotations

from contracts import limits
from contracts.essay import Language
from contracts.planning import SectionRequested
from writer.domain.citing import cite_rule, sources_lines

Message = dict[str, str]

LANGUAGE_NAMES: dict[Language, str] = {"ru": "Russian", "en": "English", "ky": "Kyrgyz"}
CAPTION_EXAMPLES: dict[Language, str] = {"ru": "Таблица 1 – …", "en": "Table 1 – …", "ky": "Таблица 1 – …"}


def section_kind(request: SectionRequested) -> str:
    """How the prompt names the unit: introduction, chapter N of M, subsection N.k of chapter N, a part of
    either, conclusion or references."""
    spec = request.section
    if spec.kind != "chapter":
        return spec.kind
    chapter = f"chapter {spec.chapter_number or spec.index} of {len(request.outline)}"
    unit = (
        f"subsection {spec.chapter_number}.{spec.subsection_number} of {chapter}"
        if _divided(request)
        else chapter
    )
    return f"part {spec.part} of {spec.parts} of {unit}" if spec.parts > 1 else unit


def subheadings_allowed(request: SectionRequested) -> int:
    """How many `## ` subheadings a unit may use: a few in a long chapter written whole, none elsewhere
    (a divided chapter's subsections are its subheadings)."""
    spec = request.section
    if spec.kind != "chapter" or _divided(request) or spec.parts > 1:
        return 0
    return limits.subheadings_allowed(spec.target_chars)


def opens_with_lead_in(request: SectionRequested) -> bool:
    """Whether the unit also writes its chapter's opening lines: the first subsection of a divided chapter."""
    spec = request.section
    return _divided(request) and spec.opens_chapter and spec.part == 1


def _divided(request: SectionRequested) -> bool:
    return request.section.kind == "chapter" and request.section.subsection_number is not None


def _outline_lines(request: SectionRequested) -> list[str]:
    spec, lines = request.section, []
    for number, chapter in enumerate(request.outline, start=1):
        mine = spec.kind == "chapter" and spec.chapter_number == number
        marker = "  <- this unit" if mine and spec.subsection_number is None else ""
        synopsis = f" — {chapter.synopsis}" if chapter.synopsis else ""
        lines.append(f"{number}. {chapter.title}{synopsis}{marker}")
        for k, sub in enumerate(chapter.subsections, start=1):
            marker = "  <- this unit" if mine and spec.subsection_number == k else ""
            synopsis = f" — {sub.synopsis}" if sub.synopsis else ""
            lines.append(f"   {number}.{k}. {sub.title}{synopsis}{marker}")
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
    chapter = request.outline[spec.chapter_number - 1] if spec.chapter_number else None
    if chapter is not None and spec.subsection_number is not None:
        sub = (
            chapter.subsections[spec.subsection_number - 1]
            if spec.subsection_number <= len(chapter.subsections)
            else None
        )
        focus = f" It covers: {sub.synopsis}" if sub and sub.synopsis else ""
        text = (
            f'Write subsection {spec.chapter_number}.{spec.subsection_number} "{spec.title}" of the chapter '
            f'"{chapter.title}".{focus} The other units of the outline are being written at the same time by '
            "other authors: stay within this subsection's scope and do not repeat their material."
        )
    else:
        focus = f" It covers: {chapter.synopsis}" if chapter and chapter.synopsis else ""
        text = (
            f'Write the chapter "{spec.title}".{focus} Stay within its scope: the other chapters of the outline '
            "cover the rest, so do not repeat their material."
        )
    if spec.parts > 1:
        text += (
            f" This is part {spec.part} of {spec.parts} of it, written alongside the others: "
            + ("open it, and leave the rest for the later parts." if spec.part == 1 else "")
            + (
                "continue it without introducing it again; only the last part concludes."
                if spec.part > 1
                else ""
            )
        )
    if opens_with_lead_in(request):
        text += (
            f' Begin with one or two sentences that open the chapter "{chapter.title if chapter else ""}" as a whole,'
            f" then the line `## {spec.title}`, then the subsection's text."
        )
    return text + ' Start with substance, not with phrases like "This chapter/section discusses…".'


def _style_rules(request: SectionRequested) -> list[str]:
    language = request.language
    allowed = subheadings_allowed(request)
    headings = (
        f"- Use `## ` subheadings sparingly, at most {allowed}, without numbers; never a `# ` heading."
        if allowed
        else "- Do not use any headings besides that one."
        if opens_with_lead_in(request)
        else "- Do not use headings of any level."
    )
    return [
        f"- Write in {LANGUAGE_NAMES[language]}, in an academic register: precise terms, coherent paragraphs, "
        "no filler, no rhetorical questions, no addressing the reader.",
        "- Do not write the section title and do not number anything; the document adds titles and numbers.",
        headings,
        "- Where it genuinely helps, use a Markdown list, a pipe table with a caption line above it "
        f'("{CAPTION_EXAMPLES[language]}"), or a display formula as $$...$$ on its own line.',
        cite_rule(request.sources, limits.source_count(len(request.outline))),
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
        *([*sources_lines(request.sources), ""] if request.sources else []),
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
        _references_task(request, count),
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


def _references_task(request: SectionRequested, count: int) -> str:
    """What this part of the list covers: the whole essay, or its chapters' block of a list written in parts
    at once; the first part takes the general works, so the parts do not repeat each other."""
    spec = request.section
    if spec.parts <= 1:
        return f"Compile the list of sources for this essay: {count} entries that together support every chapter."
    chapters = limits.source_chapters(len(request.outline), spec.part, spec.parts)
    numbers = ", ".join(map(str, chapters))
    general = (
        "Include the general textbooks and reference works on the topic as a whole here."
        if spec.part == 1
        else "Do not include general textbooks or reference works on the topic as a whole: part 1 lists them."
    )
    return (
        f"The list of sources is compiled in {spec.parts} parts at the same time by different bibliographers; "
        f"this is part {spec.part} of {spec.parts}. Give {count} entries for it: works that specifically "
        f"support chapter{'s' if len(chapters) > 1 else ''} {numbers} of the outline; the other parts cover "
        f"the other chapters, so do not list works chosen for them. {general}"
    )

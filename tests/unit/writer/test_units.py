"""Units of a divided chapter: the prompt names the unit in the whole outline; the first subsection also
writes the chapter's opening lines, which travel apart from its text."""

from __future__ import annotations

from uuid import uuid4

from contracts import SectionRequested, SectionSpec, SectionWritten
from contracts.essay import OutlineChapter, OutlineSubsection
from writer.domain.prompt import opens_with_lead_in, section_kind, section_messages, subheadings_allowed
from writer.domain.units import split_lead_in
from writer.service import SectionWriter, WriterOptions

from .fakes import ScriptedLLM, done, prose

OUTLINE = (
    OutlineChapter(
        title="Основы",
        synopsis="понятия",
        subsections=(
            OutlineSubsection(title="Термины", synopsis="определения"),
            OutlineSubsection(title="История", synopsis="от идеи до сети"),
        ),
    ),
    OutlineChapter(title="Практика", synopsis="применение"),
)


def unit(subsection: int | None, *, opens: bool = True, part: int = 1, parts: int = 1) -> SectionRequested:
    title = OUTLINE[0].subsections[subsection - 1].title if subsection else "Основы"
    return SectionRequested(
        essay_id=5,
        correlation_id=uuid4(),
        generation=1,
        topic="Блокчейн",
        subject="Информатика",
        language="ru",
        outline=OUTLINE,
        section=SectionSpec(
            index=1 + (subsection or 1) - 1,
            kind="chapter",
            title=title,
            chapter_number=1,
            chapter_title="Основы",
            subsection_number=subsection,
            opens_chapter=opens,
            part=part,
            parts=parts,
            target_chars=3000,
        ),
    )


def prompt_lines(request: SectionRequested) -> list[str]:
    return section_messages(request)[1]["content"].split("\n")


def test_the_outline_shows_every_subsection_and_marks_the_unit() -> None:
    lines = prompt_lines(unit(2, opens=False))
    assert "1. Основы — понятия" in lines
    assert "   1.1. Термины — определения" in lines
    assert "   1.2. История — от идеи до сети  <- this unit" in lines
    assert "2. Практика — применение" in lines
    assert "Section kind: subsection 1.2 of chapter 1 of 2" in lines


def test_a_subsection_has_no_headings_and_no_chapter_opening_unless_it_is_the_first() -> None:
    later = unit(2, opens=False)
    text = section_messages(later)[1]["content"]
    assert not opens_with_lead_in(later) and subheadings_allowed(later) == 0
    assert "Do not use headings of any level." in text and "then the line" not in text
    assert "This chapter/section discusses" in text  # the opening it must not use
    first = unit(1)
    text = section_messages(first)[1]["content"]
    assert opens_with_lead_in(first)
    assert 'open the chapter "Основы" as a whole, then the line `## Термины`' in text


def test_a_part_of_a_unit_says_which_part_it_is() -> None:
    request = unit(2, opens=False, part=2, parts=3)
    assert section_kind(request) == "part 2 of 3 of subsection 1.2 of chapter 1 of 2"
    assert "without introducing it again" in section_messages(request)[1]["content"]
    assert not opens_with_lead_in(unit(1, part=2, parts=2))


def test_the_lead_in_is_what_comes_before_the_first_heading() -> None:
    assert split_lead_in("Глава открывается.\n\n## Термины\n\nТекст.") == ("Глава открывается.", "Текст.")
    assert split_lead_in("## Термины\n\nТекст.") == ("", "Текст.")
    assert split_lead_in("Только текст.") == ("", "Только текст.")


async def test_the_first_subsection_carries_the_chapters_opening_apart_from_its_text() -> None:
    answer = "Первая глава вводит основы.\n\n### Термины\n\n" + prose(3000)
    llm = ScriptedLLM([done(answer)])
    event = await SectionWriter(llm, WriterOptions(writer_id="w", model="m-1")).write(unit(1))
    assert isinstance(event, SectionWritten) and event.model == "m-1"
    assert [b.type for b in event.lead_in] == ["paragraph"]
    assert all(b.type == "paragraph" for b in event.blocks)  # the subsection's heading is the printer's
    assert "основы" not in " ".join(str(b) for b in event.blocks)


async def test_a_later_subsection_keeps_everything_as_its_text() -> None:
    llm = ScriptedLLM([done("Вступление без заголовка.\n\n" + prose(3000))])
    event = await SectionWriter(llm, WriterOptions(writer_id="w")).write(unit(2, opens=False))
    assert isinstance(event, SectionWritten) and event.lead_in == ()
    assert "Вступление" in str(event.blocks[0])
